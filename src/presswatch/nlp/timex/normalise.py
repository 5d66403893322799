"""TIMEX3 type and value for a matched expression, one small rule per grammar label.

A rule reads the tokens of its span (``words``: lower-case texts) with the
lexicon, and the calendar arithmetic in :mod:`presswatch.nlp.timex.values`
does the rest.  A rule returns ``None`` to reject a match the grammar let
through (a bare "a year" that is not a rate, "2000" that is a count).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from presswatch.nlp.timex.lexicon import Lexicon
from presswatch.nlp.timex.values import (
    Direction,
    fmt_number,
    granular,
    month_value,
    monthday_value,
    season_value,
    shift,
    shifted_unit_value,
    unit_value,
    weekday_value,
)

__all__ = ["Context", "Normaliser", "Timex"]

_DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
_YEAR_RE = re.compile(r"^(1[6-9]\d\d|20\d\d|21\d\d)$")
_CLOCK_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class Timex:
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    #: The calendar value this expression names (for anchoring others), if any.
    day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know beyond its words."""

    anchor: dt.date | None
    direction: Direction
    #: Texts of the tokens just before the span (lower-case, nearest last).
    before: tuple[str, ...] = ()
    #: Entity label of the token just before the span ("MONEY", "CARDINAL" …).
    before_ent: str = ""
    #: Entity label of the span's first token.
    ent: str = ""
    #: Text and fine-grained tag of the token just after the span.
    after: str = ""
    after_tag: str = ""
    #: Fine-grained tag of the token just before the span.
    before_tag: str = ""


Rule = Callable[[Sequence[str], Sequence[str], Context], Timex | None]


def _parse_day(anchor: dt.date | None, y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


class Normaliser:
    """Turn ``(label, words)`` into a :class:`Timex`, against an anchor and a direction."""

    #: A numeric date ("4/16/2025"); its field order is the lexicon's ``numeric_order``.
    NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
    #: Words left out of a full date before it is read (a language's articles).
    DATE_FILLERS: frozenset[str] = frozenset()

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.rules: dict[str, Rule] = {
            "date_full": self.date_full,
            "date_md": self.date_md,
            "date_my": self.date_my,
            "date_m": self.date_m,
            "date_y": self.date_y,
            "date_mid": self.date_mid,
            "decade": self.decade,
            "century": self.century,
            "season": self.season,
            "quarter": self.quarter,
            "half": self.half,
            "fiscal": self.fiscal,
            "rel_day": self.rel_day,
            "day_part": self.day_part,
            "weekday": self.weekday,
            "rel_unit": self.rel_unit,
            "rel_month": self.rel_month,
            "unit_position": self.unit_position,
            "the_day": self.the_day,
            "ago": self.ago,
            "duration": self.duration,
            "vague_duration": self.vague_duration,
            "set": self.set,
            "clock": self.clock,
            "reference": self.reference,
            "holiday": self.holiday,
        }

    def __call__(self, label: str, words: Sequence[str], orths: Sequence[str],
                 ctx: Context) -> Timex | None:
        return self.rules[label](words, orths, ctx)

    # -- pieces ---------------------------------------------------------------

    def _month(self, words: Sequence[str]) -> int | None:
        for w in words:
            if w in self.lex.months:
                return self.lex.months[w]
        return None

    def _year(self, words: Sequence[str]) -> int | None:
        for i, w in enumerate(words):
            if _YEAR_RE.match(w):
                return int(w)
            if re.fullmatch(r"\d\d", w) and i and words[i - 1] in ("'", "’"):
                return _two_digit_year(int(w))
        return None

    def _day(self, words: Sequence[str]) -> int | None:
        for w in words:
            if _DAY_RE.match(w) and not _YEAR_RE.match(w):
                return int(re.sub(r"\D", "", w))
        for w in words:
            if w in self.lex.ordinals and self.lex.ordinals[w] > 0:
                return self.lex.ordinals[w]
        return None

    def _weekday(self, words: Sequence[str]) -> int | None:
        for w in words:
            if w in self.lex.weekdays:
                return self.lex.weekdays[w]
        return None

    def _shift(self, words: Sequence[str]) -> int | None:
        if "this" in words and "past" in words:
            return -1
        for w in words:
            if w in self.lex.shifters:
                return self.lex.shifters[w]
        return None

    def _unit(self, words: Sequence[str]) -> tuple[str, bool] | None:
        for w in reversed(words):
            if w in self.lex.units:
                return self.lex.units[w]
        return None

    def _amount(self, words: Sequence[str]) -> float | None:
        """The number in "twenty-five years", "2.5 years", "two and a half years"."""
        total: float | None = None
        i = 0
        while i < len(words):
            w = words[i]
            n = self.lex.number(w) if w not in ("a", "an") or total is None else None
            if w in ("a", "an") and total is None:
                n = 1.0
            if n is not None and w not in ("half",):
                if total is None:
                    total = n
                elif n < total and total >= 20 and total % 10 == 0:
                    total += n  # "twenty-five"
                elif n >= 100 and total < 100:
                    total *= n  # "two hundred"
            elif w == "half" and total is not None:
                total += 0.5
            elif w == "half" and total is None:
                total = 0.5
            i += 1
        return total

    # -- rules: absolute dates ------------------------------------------------

    def date_full(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        text = "".join(o for o in orths if o.lower() not in self.DATE_FILLERS)
        m = self.NUMERIC_DATE.fullmatch(text)
        if m:  # US order month/day/year; day first where the lexicon says "dmy"
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = _two_digit_year(y) if y < 100 else y
            d, m_ = (a, b) if self.lex.numeric_order == "dmy" else (b, a)
            day = _parse_day(ctx.anchor, y, m_, d)
        elif re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            day = _parse_day(ctx.anchor, int(text[:4]), int(text[5:7]), int(text[8:]))
        else:
            yy, mo, dd = self._year(words), self._month(words), self._day(words)
            if yy is None or mo is None or dd is None:
                return None
            day = _parse_day(ctx.anchor, yy, mo, dd)
        if day is None:
            return None
        return Timex("DATE", day.isoformat(), day)

    def date_md(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        mo, d = self._month(words), self._day(words)
        if mo is None or d is None:
            return None
        value = monthday_value(ctx.anchor, mo, d, ctx.direction)
        return Timex("DATE", value, _as_date(value))

    def date_my(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        mo, y = self._month(words), self._year(words)
        if mo is not None and y is None and "year" in words:  # "October of next year"
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-{mo:02d}")
            y = ctx.anchor.year + (self._shift(words[1:]) or 0)
        if mo is None or y is None:
            return None
        return Timex("DATE", f"{y:04d}-{mo:02d}", dt.date(y, mo, 1))

    def date_m(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        mo = self._month(words)
        if mo is None:
            return None
        if orths[0] == "May" and ctx.ent not in ("DATE", ""):
            return None  # "May" the name (Theresa May)
        if len(words[0]) <= 4 and words[0].endswith(".") is False and words[0] not in (
            "may", "june", "july"
        ):
            return None  # bare "Jan", "Aug": names more often than months
        direction = "past" if ctx.before and ctx.before[-1] == "since" else ctx.direction
        return Timex("DATE", month_value(ctx.anchor, mo, direction))

    def date_y(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        y = self._year(words)
        if y is None:
            return None
        # A four-digit number is a count, not a year, when the model says so
        # ("2000 troops") — unless a preposition of time introduces it.
        prep = ctx.before[-1] if ctx.before else ""
        if ctx.ent in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT") and prep not in (
            "in", "since", "of", "by", "until", "from", "to", "before", "after", "during",
        ):
            return None
        if prep in ("$", "€", "£", "#", "no.", "number", "page", "route", "flight"):
            return None
        if ctx.after_tag == "NNS" and len(words) == 1:
            return None  # "2000 troops"
        if ctx.before_tag == "NNP" and ctx.after_tag == "NNP" and len(words) == 1 \
                and prep not in self.lex.months:
            return None  # "the Russell 2000 Index": part of a name
        return Timex("DATE", f"{y:04d}", dt.date(y, 1, 1))

    def date_mid(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        y = int(words[0][-4:])
        return Timex("DATE", f"{y:04d}", dt.date(y, 1, 1))

    def decade(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        digits = re.sub(r"\D", "", "".join(words))
        if len(digits) == 2:
            # "the '80s": the century of the DCT unless that would be the future.
            year = 1900 + int(digits)
            if ctx.anchor is not None and 2000 + int(digits) <= ctx.anchor.year:
                year = 2000 + int(digits)
            return Timex("DATE", f"{year // 10:03d}")
        return Timex("DATE", digits[:3])

    def century(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        n = self.lex.ordinals.get(words[0])
        if n is None or n <= 0:
            n = int(re.sub(r"\D", "", words[0]) or 0) or None
        if n is None:
            return None
        return Timex("DATE", f"{n - 1:02d}")

    def season(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        code = next((self.lex.seasons[w] for w in words if w in self.lex.seasons), None)
        if code is None:
            return None
        y = self._year(words)
        if y is not None:
            return Timex("DATE", f"{y:04d}-{code}")
        if len(words) == 1 and orths[0][0].islower() and ctx.ent != "DATE" and ctx.before \
                and ctx.before[-1] not in (
            "in", "this", "last", "next", "the", "since", "until", "by", "during", "early",
            "late", "mid", "of", "over", "through", "spring", "summer", "autumn", "winter",
        ):
            return None  # bare "spring" outside a phrase of time: the verb or the noun
        return Timex("DATE", season_value(ctx.anchor, code, ctx.direction, self._shift(words)))

    def quarter(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        q: int | None = None
        for _i, w in enumerate(words):
            m = re.fullmatch(r"q([1-4])", w) or re.fullmatch(r"([1-4])q\d\d", w)
            if m:
                q = int(m.group(1))
        if "quarter" in words:
            # The ordinal right before "quarter" ("the first quarter of last year").
            k = words.index("quarter") - 1
            if k >= 0 and words[k] == "-":
                k -= 1
            q = self.lex.ordinals.get(words[k]) if k >= 0 else None
        if q is None or q > 4:
            return None
        y = self._year(words)
        m2 = re.fullmatch(r"[1-4]q(\d\d)", words[0])
        if m2:
            y = _two_digit_year(int(m2.group(1)))
        if y is None and "year" in words:
            s = self._shift(words) or 0
            y = None if ctx.anchor is None else ctx.anchor.year + s
        if q == -1:  # "the last quarter", "the final quarter": the fourth when a year is named
            if y is not None:
                q = 4
            elif ctx.anchor is not None:
                prev = shift(ctx.anchor, "Q", -1)
                return Timex("DATE", unit_value(prev, "Q"))
            else:
                return Timex("DATE", "XXXX-QX")
        if y is None:
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-Q{q}")
            # A quarter without a year: this year's, unless it has not begun yet
            # and the clause is in the past (then last year's).
            cur_q = (ctx.anchor.month - 1) // 3 + 1
            y = ctx.anchor.year - (1 if q > cur_q and ctx.direction == "past" else 0)
        return Timex("DATE", f"{y:04d}-Q{q}")

    def half(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        h = 2 if ("second" in words or "2nd" in words or words[0] == "h2") else 1
        y = self._year(words)
        if y is None:
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-H{h}")
            y = ctx.anchor.year + (self._shift(words) or 0)
        return Timex("DATE", f"{y:04d}-H{h}")

    def fiscal(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        text = "".join(words)
        m = re.search(r"(\d{4}|\d\d)$", text)
        if m:
            y = int(m.group(1))
            return Timex("DATE", f"FY{_two_digit_year(y) if y < 100 else y}")
        s = self._shift(words)
        return Timex("DATE", shifted_unit_value(ctx.anchor, "FY", s or 0))

    # -- rules: relative dates ------------------------------------------------

    def rel_day(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
        n = (-2 if "yesterday" in words else 2) if "day" in words else offset[words[0]]
        if words[0] == "tonight":
            return self._part(ctx.anchor, 0, "NI")
        if ctx.anchor is None:
            return Timex("DATE", "XXXX-XX-XX")
        day = ctx.anchor + dt.timedelta(days=n)
        return Timex("DATE", day.isoformat(), day)

    def _part(self, anchor: dt.date | None, offset: int, part: str) -> Timex:
        if anchor is None:
            return Timex("TIME", f"XXXX-XX-XXT{part}")
        day = anchor + dt.timedelta(days=offset)
        return Timex("TIME", f"{day.isoformat()}T{part}", day)

    def day_part(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        if words[0] == "tonight":
            return self._part(ctx.anchor, 0, "NI")
        part = self.lex.day_parts.get(words[-1])
        if part is None:
            return None
        head = words[0]
        wd = self._weekday(words)
        if wd is not None:
            value = weekday_value(ctx.anchor, wd, ctx.direction, self._shift(words[:-2]))
            return Timex("TIME", f"{value}T{part}", _as_date(value))
        if head == "last" and words[-1] == "night":
            return self._part(ctx.anchor, -1, "NI")
        offset = {"yesterday": -1, "tomorrow": 1}.get(head, 0)
        if head in ("that", "last"):
            return None  # "that morning": the narrative's day, not the DCT's
        return self._part(ctx.anchor, offset, part)

    def weekday(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        wd = self._weekday(words)
        if wd is None:
            return None
        value = weekday_value(ctx.anchor, wd, ctx.direction, self._shift(words[:-1]))
        return Timex("DATE", value, _as_date(value))

    def rel_unit(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        code = unit[0]
        if "same" in words:
            if ctx.anchor is None:
                return Timex("DATE", granular(code))
            return Timex("DATE", unit_value(ctx.anchor, code))
        n = self._shift(words)
        if n is None:
            n = -1  # "the year before"
        if code == "WE" and n == 0 and ctx.anchor is not None:
            return Timex("DATE", unit_value(ctx.anchor, "WE"))
        value = shifted_unit_value(ctx.anchor, code, n)
        day = None if ctx.anchor is None else shift(ctx.anchor, code, n)
        return Timex("DATE", value, day if code == "D" else None)

    def unit_position(self, words: Sequence[str], orths: Sequence[str],
                      ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        if ctx.anchor is None:
            return Timex("DATE", granular(unit[0]))
        return Timex("DATE", unit_value(ctx.anchor, unit[0]))

    def rel_month(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        mo = self._month(words)
        if mo is None:
            return None
        return Timex("DATE", month_value(ctx.anchor, mo, ctx.direction, self._shift(words)))

    def ago(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        code, is_time = unit
        n = self._amount(words[:-1])
        sign = 1 if words[-1] in ("later", "hence") else -1
        if n is None:
            ref = "FUTURE_REF" if sign > 0 else "PAST_REF"
            return Timex("DATE", ref)
        if ctx.anchor is None:
            return Timex("DATE", granular(code) if not is_time else "XXXX-XX-XXTXX:XX")
        if is_time:
            return Timex("TIME", f"{ctx.anchor.isoformat()}TXX:XX")
        day = shift(ctx.anchor, code, sign * n)
        return Timex("DATE", unit_value(day, code), day if code == "D" else None)

    # -- rules: durations and sets -------------------------------------------

    def _period(self, n: float | None, unit: tuple[str, bool]) -> str:
        code, is_time = unit
        amount = "X" if n is None else n
        if code == "DE":
            code, amount = ("Y", amount * 10) if n is not None else ("DE", "X")
        elif code == "CE":
            code, amount = ("Y", amount * 100) if n is not None else ("CE", "X")
        elif code == "W2":
            code, amount = ("W", amount * 2) if n is not None else ("W", "X")
        text = amount if isinstance(amount, str) else fmt_number(amount)
        return f"PT{text}{code}" if is_time else f"P{text}{code}"

    def duration(self, words: Sequence[str], orths: Sequence[str],
                 ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        if words[0] in ("a", "an") and words[-1] != "long" and len(words) <= 3:
            # "a year" is a duration beside "for", "within", "after" …; elsewhere
            # it is a rate ("$5 a year") or part of a noun phrase ("a year of war").
            prev = ctx.before[-1] if ctx.before else ""
            if prev not in _A_UNIT_BEFORE and ctx.after not in _A_UNIT_AFTER:
                return None
        if words[-1] == "long":
            words = words[:-2]
        n = self._amount([w for w in words if w not in self.lex.units])
        if n is None:
            n = 1.0  # "the past year", "the whole month"
        if n <= 0 or n > 10000:
            return None
        if ctx.ent in ("MONEY", "PERCENT") or (ctx.before and ctx.before[-1] in ("$", "€", "£")):
            return None
        return Timex("DURATION", self._period(n, unit))

    def vague_duration(self, words: Sequence[str], orths: Sequence[str],
                       ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        if len(words) == 1:
            # A bare plural ("years") is a vague duration only after "for",
            # "in", "within" or "over the".
            prev = ctx.before[-1] if ctx.before else ""
            if prev not in ("for", "in", "within") and ctx.before[-2:] != ("over", "the"):
                return None
        return Timex("DURATION", self._period(None, unit))

    def set(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        if words[0] in self.lex.frequencies:
            return Timex("SET", self.lex.frequencies[words[0]])
        if words[0] in self.lex.weekday_plurals:
            if not ctx.before or ctx.before[-1] not in ("on", "most", "all", "some"):
                return None
            return Timex("SET", f"XXXX-WXX-{self.lex.weekday_plurals[words[0]]}")
        wd = self._weekday(words)
        if wd is not None:
            return Timex("SET", f"XXXX-WXX-{wd}")
        unit = self._unit(words)
        if unit is None:
            return None
        if words[0] in ("a", "an"):
            # "a year" is a rate only after an amount ("$5 billion a year", "40 a day").
            prev = ctx.before[-1] if ctx.before else ""
            if not (ctx.before_ent in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT")
                    or self.lex.number(prev) is not None or prev in ("times", "once", "twice")):
                return None
        counted = [w for w in words if w not in ("every", "each", "per", "a", "an", "other")]
        n = self._amount([w for w in counted if w not in self.lex.units and w != "times"])
        if words[0] in ("once", "twice", "thrice") or "times" in words:
            n = None
        if "other" in words:
            n = 2
        return Timex("SET", self._period(n if n is not None else 1, unit))

    def clock(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        first = words[0]
        if first in ("noon", "midday"):
            hh, mm = 12, 0
        elif first == "midnight":
            hh, mm = 24, 0
        else:
            m = _CLOCK_RE.match(first)
            if m:
                hh, mm = int(m.group(1)), int(m.group(2))
            elif re.fullmatch(r"\d{4}", first):
                hh, mm = int(first[:2]), int(first[2:])
            else:
                hh, mm = int(first), 0
            if len(words) > 1 and words[1] in ("p.m.", "pm", "p.m", "p") and hh < 12:
                hh += 12
            elif len(words) > 1 and words[1] in ("a.m.", "am", "a.m", "a") and hh == 12:
                hh = 0
            if m and len(words) == 1 and ctx.ent not in ("TIME",):
                return None  # "1:11" without am/pm or a zone: a score or a ratio
        if hh > 24:
            return None
        zone = "Z" if any(w in self.lex.utc_zones for w in words[1:]) else ""
        day = "XXXX-XX-XX" if ctx.anchor is None else ctx.anchor.isoformat()
        return Timex("TIME", f"{day}T{hh:02d}:{mm:02d}{zone}", ctx.anchor)

    def the_day(self, words: Sequence[str], orths: Sequence[str],
                ctx: Context) -> Timex | None:
        # Only where "the day" is the trading or reporting day ("ended the day",
        # "for the day"); compose() gives it the date of the day last named.
        prev = ctx.before[-1] if ctx.before else ""
        if prev not in _THE_DAY_BEFORE:
            return None
        if ctx.anchor is None:
            return Timex("DATE", "XXXX-XX-XX")
        return Timex("DATE", ctx.anchor.isoformat(), ctx.anchor)

    def reference(self, words: Sequence[str], orths: Sequence[str],
                  ctx: Context) -> Timex | None:
        key = tuple(words)
        if ctx.after == "-":
            return None  # "the now-cancelled deal": part of a compound adjective
        if key == ("recent",):
            return Timex("DATE", "PAST_REF")
        value = self.lex.references.get(key)
        if value is None:
            return None
        return Timex("DATE", value)

    def holiday(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        md = self.lex.holidays.get(tuple(words))
        if md is None:
            return None
        value = monthday_value(ctx.anchor, md[0], md[1], ctx.direction)
        return Timex("DATE", value, _as_date(value))


_A_UNIT_BEFORE = frozenset({"for", "over", "within", "than", "about", "around", "nearly",
                            "almost", "after", "in", "under", "least", "lasted", "took",
                            "spent", "last", "lasting", "taking", "roughly", "approximately"})
_A_UNIT_AFTER = frozenset({"before", "after", "later", "earlier", "ago", "prior", "long"})
_THE_DAY_BEFORE = frozenset({"end", "ended", "ending", "ends", "finish", "finished",
                             "finishing", "close", "closed", "closing", "for", "during", "in",
                             "start", "started", "began", "open", "opened"})


def _two_digit_year(y: int) -> int:
    # News rarely names a year more than ~70 years back by two digits ("'82").
    return 2000 + y if y < 30 else 1900 + y


def _as_date(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value)
    return None
