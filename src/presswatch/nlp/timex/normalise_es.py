"""TIMEX3 type and value for the Spanish grammar's matches.

The calendar arithmetic is the English tagger's (:mod:`presswatch.nlp.timex.values`)
and so is every rule that only reads the lexicon; the rules below are those
whose words differ: day-first numeric dates, "hace"/"dentro de", "este martes",
"mañana" the day against "la mañana" the morning, "los años noventa", "el
siglo XX", "cada semana", "a las 10:00 horas".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from presswatch.nlp.timex.lexicon import Lexicon
from presswatch.nlp.timex.normalise import Context, Normaliser, Timex, _as_date, _parse_day
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

__all__ = ["SpanishNormaliser"]

_DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])[ºo]?$")
_NUMERIC_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_CLOCK_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_ROMAN = {"i": 1, "v": 5, "x": 10}
_ARTICLES = frozenset({"el", "la", "los", "las"})
# "la mañana", "esta mañana", "cada mañana", "de la mañana": the morning, not tomorrow.
_MORNING_BEFORE = frozenset({"la", "esta", "esa", "aquella", "cada", "una", "toda", "media",
                             "misma", "buena", "otra", "de", "por", "en", "del", "su"})
# Words before a bare "un año" / "todo el año" / "años" that make it a length of time.
_DURATION_BEFORE = frozenset({"durante", "por", "en", "tras", "desde", "hace", "casi",
                              "más", "menos", "de", "unos", "unas", "aproximadamente", "cerca",
                              "alrededor", "lleva", "llevan", "llevaba", "duró", "dura",
                              "durará", "hasta", "apenas", "último", "últimos"})
_PARTS_PM = frozenset({"AF", "EV", "NI"})
# Nouns of amount before "al año", "por día": a rate, not a bare preposition.
_RATE_NOUNS = frozenset({"dólares", "pesos", "millones", "mil", "toneladas", "personas",
                         "migrantes", "kilos", "barriles", "veces", "casos", "muertes"})


def _roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


class SpanishNormaliser(Normaliser):
    """The :class:`Normaliser` for ``lex.lang == "es"``."""

    NUMERIC_DATE = _NUMERIC_RE  # "16/04/2025", "16.04.25", "16-04-2025"
    DATE_FILLERS = _ARTICLES  # "el 16 de abril de 2025"

    def __init__(self, lex: Lexicon) -> None:
        super().__init__(lex)
        self.rules.update({
            "date_md": self.date_md,
            "date_my": self.date_my,
            "date_m": self.date_m,
            "date_y": self.date_y,
            "decade": self.decade,
            "century": self.century,
            "season": self.season,
            "quarter": self.quarter,
            "half": self.half,
            "rel_day": self.rel_day,
            "day_part": self.day_part,
            "weekday": self.weekday,
            "rel_unit": self.rel_unit,
            "rel_month": self.rel_month,
            "hace": self.hace,
            "dentro": self.dentro,
            "duration": self.duration,
            "vague_duration": self.vague_duration,
            "set": self.set,
            "clock": self.clock,
            "reference": self.reference,
            "holiday": self.holiday,
        })

    # -- pieces ---------------------------------------------------------------

    def _month(self, words: Sequence[str]) -> int | None:
        # "ene" "." are two tokens: the lexicon spells the abbreviation with its dot.
        for i, w in enumerate(words):
            if w in self.lex.months:
                return self.lex.months[w]
            if i + 1 < len(words) and words[i + 1] == "." and w + "." in self.lex.months:
                return self.lex.months[w + "."]
        return None

    def _day(self, words: Sequence[str]) -> int | None:
        for w in words:
            if _DAY_RE.match(w):
                return int(re.sub(r"\D", "", w))
        if "primero" in words:
            return 1
        return None

    def _shift(self, words: Sequence[str]) -> int | None:
        joined = " ".join(words)
        if "que viene" in joined or "que entra" in joined:
            return 1
        if "en curso" in joined:
            return 0
        for w in words:
            if w in self.lex.shifters:
                return self.lex.shifters[w]
        return None

    def _amount(self, words: Sequence[str]) -> float | None:
        """"diez", "90", "dos mil", "treinta y un", "un año y medio" (units already left out)."""
        total: float | None = None
        for w in words:
            n = self.lex.number(w)
            if n is None:
                continue
            if n == 0.5:
                total = 0.5 if total is None else total + 0.5
            elif total is None:
                total = n
            elif n >= 100 and total < n:
                total *= n  # "dos mil"
            elif n < total and (total >= 100 or (total >= 20 and total % 10 == 0)):
                total += n  # "treinta y uno", "ciento veinte"
        return total

    def _period(self, n: float | None, unit: tuple[str, bool]) -> str:
        code, is_time = unit
        if code == "H" and not is_time:  # semestre: six months (hours are H and time)
            return "PXM" if n is None else f"P{fmt_number(n * 6)}M"
        if code == "Y6":  # sexenio: the Mexican presidential term
            return "PXY" if n is None else f"P{fmt_number(n * 6)}Y"
        return super()._period(n, unit)

    @staticmethod
    def _direction(ctx: Context) -> Direction:
        prev = ctx.before[-1] if ctx.before else ""
        if prev == "desde":
            return "past"
        if prev == "hasta":
            return "future"
        return ctx.direction

    # -- absolute dates -------------------------------------------------------

    def date_md(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        d = self._day(words)
        if d is None:
            return None
        mo = self._month(words)
        s = self._shift(words)
        direction = self._direction(ctx)
        if s is not None:
            direction = "past" if s < 0 else "future"
        if mo is None:  # "el lunes 14": the month in which the 14th is a Monday
            wd = self._weekday(words)
            if wd is None:
                return None
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-XX-{d:02d}")
            day = _weekday_day(ctx.anchor, wd, d, direction)
            if day is None:
                return None
            return Timex("DATE", day.isoformat(), day)
        value = monthday_value(ctx.anchor, mo, d, direction)
        return Timex("DATE", value, _as_date(value))

    def date_my(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        mo, y = self._month(words), self._year(words)
        if mo is None:
            return None
        if y is None:  # "marzo de este año", "marzo del año pasado"
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-{mo:02d}")
            y = ctx.anchor.year + (self._shift(words[1:]) or 0)
        return Timex("DATE", f"{y:04d}-{mo:02d}", dt.date(y, mo, 1))

    def date_m(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        mo = self._month(words)
        if mo is None:
            return None
        if words[-1].endswith(".") and len(words) == 1:
            return None  # a bare "mar." or "jun." is an abbreviation of something else
        sentence_start = not ctx.before or ctx.before[-1] in (".", ":", "«", '"', "(", "—")
        if len(words) == 1 and orths[0][:1].isupper() and (
            ctx.ent in ("PER", "ORG") or not sentence_start
        ):
            # Spanish writes months in lower case: a capitalised "Mayo" inside a
            # sentence is a name ("el senador Mayo", "Plaza de Mayo").
            return None
        return Timex("DATE", month_value(ctx.anchor, mo, self._direction(ctx)))

    def rel_month(self, words: Sequence[str], orths: Sequence[str],
                  ctx: Context) -> Timex | None:
        mo = self._month(words)
        if mo is None:
            return None
        return Timex("DATE", month_value(ctx.anchor, mo, ctx.direction, self._shift(words)))

    def date_y(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        y = self._year(words)
        if y is None:
            return None
        prev = ctx.before[-1] if ctx.before else ""
        if prev in ("$", "€", "£", "#", "no.", "número", "núm.", "ruta", "vuelo", "página",
                    "artículo"):
            return None
        if len(words) == 1 and ctx.after_tag == "NOUN" and ctx.after.endswith("s") \
                and ctx.after not in self.lex.months:
            return None  # "2000 soldados": a count
        if len(words) == 1 and ctx.after in ("mil", "millones", "pesos", "dólares", "%"):
            return None
        return Timex("DATE", f"{y:04d}", dt.date(y, 1, 1))

    def decade(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        for w in words:
            if w in self.lex.decade_words:
                # Spanish names by their tens only the decades of the 1900s ("los
                # años veinte" is the 1920s); the 2020s are "la década de 2020".
                return Timex("DATE", f"19{self.lex.decade_words[w]}")
            digits = re.sub(r"\D", "", w)
            if len(digits) == 4:
                return Timex("DATE", digits[:3])
            if len(digits) == 2:
                return Timex("DATE", f"19{digits[0]}")
        return None

    def century(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        last = words[-1]
        n = int(last) if last.isdigit() else _roman(last)
        if n is None or not 1 <= n <= 22:
            return None
        return Timex("DATE", f"{n - 1:02d}")

    def season(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        code = next((self.lex.seasons[w] for w in words if w in self.lex.seasons), None)
        if code is None:
            return None
        y = self._year(words)
        if y is not None:
            return Timex("DATE", f"{y:04d}-{code}")
        return Timex("DATE", season_value(ctx.anchor, code, ctx.direction, self._shift(words)))

    def _part_of_year(self, words: Sequence[str], unit: str, ctx: Context) -> Timex | None:
        """"el primer trimestre (de 2025 | del año pasado)", "el segundo semestre"."""
        k = words.index(unit) - 1
        n = self.lex.ordinals.get(words[k]) if k >= 0 else None
        top = 4 if unit == "trimestre" else 2
        code = "Q" if unit == "trimestre" else "H"
        if n is None or n > top:
            return None
        y = self._year(words)
        if y is None and "año" in words[k + 1:]:
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-{code}{n if n > 0 else 'X'}")
            y = ctx.anchor.year + (self._shift(words[k + 1:]) or 0)
        if n == -1:  # "el último trimestre": the fourth of a named year, else the one before
            if y is not None:
                n = top
            elif ctx.anchor is None:
                return Timex("DATE", f"XXXX-{code}X")
            elif unit == "trimestre":
                return Timex("DATE", unit_value(shift(ctx.anchor, "Q", -1), "Q"))
            else:
                prev = ctx.anchor - dt.timedelta(days=183)
                return Timex("DATE", f"{prev.year:04d}-H{1 if prev.month <= 6 else 2}")
        if y is None:
            if ctx.anchor is None:
                return Timex("DATE", f"XXXX-{code}{n}")
            # A part of a year without a year: this year's, unless it has not begun
            # yet and the clause is in the past (then last year's).
            months = 3 if unit == "trimestre" else 6
            cur = (ctx.anchor.month - 1) // months + 1
            y = ctx.anchor.year - (1 if n > cur and ctx.direction == "past" else 0)
        return Timex("DATE", f"{y:04d}-{code}{n}")

    def quarter(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        return self._part_of_year(words, "trimestre", ctx)

    def half(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        return self._part_of_year(words, "semestre", ctx)

    # -- relative dates -------------------------------------------------------

    def rel_day(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        offset = self.lex.rel_days.get(tuple(words))
        if offset is None:
            return None
        if tuple(words) == ("mañana",) and ctx.before and ctx.before[-1] in _MORNING_BEFORE:
            return None  # the morning: day_part or clock reads it
        if ctx.anchor is None:
            return Timex("DATE", "XXXX-XX-XX")
        day = ctx.anchor + dt.timedelta(days=offset)
        return Timex("DATE", day.isoformat(), day)

    def day_part(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        if words == ["anoche"] or tuple(words) == ("anoche",):
            return self._part(ctx.anchor, -1, "NI")
        if words[0] == "ayer" and "medio" in words:
            return self._part(ctx.anchor, -1, "MI")
        part = self.lex.day_parts.get(words[-1])
        if part is None:
            return None
        wd = self._weekday(words)
        if wd is not None:
            value = weekday_value(ctx.anchor, wd, ctx.direction, self._wd_shift(words))
            if ctx.anchor is None:
                return Timex("TIME", f"{value}T{part}")
            return Timex("TIME", f"{value}T{part}", _as_date(value))
        head = words[0]
        if head == "la":
            prev = ctx.before[-1] if ctx.before else ""
            if prev not in ("por", "en", "durante"):
                return None  # "la mañana del lunes", "la noche" as a noun
            return self._part(ctx.anchor, 0, part)
        offset = self.lex.rel_days.get((head,), 0)
        return self._part(ctx.anchor, offset, part)

    def _wd_shift(self, words: Sequence[str]) -> int | None:
        # "este martes" is the nearest Tuesday, in the direction of the tense:
        # Mexican press says "este martes" of the Tuesday just gone.
        s = self._shift(words)
        return None if s == 0 else s

    def weekday(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        wd = self._weekday(words)
        if wd is None:
            return None
        value = weekday_value(ctx.anchor, wd, self._direction(ctx), self._wd_shift(words))
        return Timex("DATE", value, _as_date(value))

    def rel_unit(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        n = self._shift(words)
        if n is None:
            n = 0  # "el fin de semana"
        if "fin" in words and "semana" in words:
            if ctx.anchor is None:
                return Timex("DATE", "XXXX-WXX-WE")
            return Timex("DATE", unit_value(shift(ctx.anchor, "W", n), "WE"))
        unit = self._unit(words)
        if unit is None:
            return None
        code = unit[0]
        if code == "H":
            if ctx.anchor is None:
                return Timex("DATE", "XXXX-HX")
            moved = ctx.anchor + dt.timedelta(days=183 * n)
            return Timex("DATE", f"{moved.year:04d}-H{1 if moved.month <= 6 else 2}")
        if code not in ("W", "M", "Q", "Y", "DE", "CE"):
            return None
        return Timex("DATE", shifted_unit_value(ctx.anchor, code, n))

    def _relative(self, words: Sequence[str], sign: int, ctx: Context,
                  keyword: int) -> Timex | None:
        """"hace diez días" (sign -1) and "dentro de tres meses" (+1)."""
        body = words[keyword:]
        unit = self._unit(body)
        n = self._amount([w for w in body if w not in self.lex.units]) if unit else None
        vague = any(w in self.lex.vague_numbers for w in body)
        if unit is None or n is None or vague:
            return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        code, is_time = unit
        prev = ctx.before[-1] if ctx.before else ""
        if sign < 0 and prev == "desde":
            # "desde hace dos años": for the last two years, a length of time.
            return Timex("DURATION", self._period(n, unit))
        if is_time:
            today = "XXXX-XX-XX" if ctx.anchor is None else ctx.anchor.isoformat()
            return Timex("TIME", f"{today}TXX:XX", ctx.anchor)
        if code in ("H", "Y6", "W2"):  # time units returned above: H here is a semestre
            code, n = {"H": ("M", n * 6), "Y6": ("Y", n * 6), "W2": ("W", n * 2)}[code]
        if ctx.anchor is None:
            return Timex("DATE", granular(code))
        day = shift(ctx.anchor, code, sign * n)
        return Timex("DATE", unit_value(day, code), day if code == "D" else None)

    def hace(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        return self._relative(words, -1, ctx, 1)

    def dentro(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        return self._relative(words, +1, ctx, 2)

    # -- durations and sets ---------------------------------------------------

    def duration(self, words: Sequence[str], orths: Sequence[str],
                 ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        prev = ctx.before[-1] if ctx.before else ""
        # "un año" alone is a length of time beside "durante", "por", "tras" …;
        # elsewhere it is a rate or part of a noun phrase ("un año de guerra").
        if words[0] in ("un", "una", "todo", "toda") and len(words) <= 3 and "y" not in words \
                and prev not in _DURATION_BEFORE:
            return None
        if words[0] in ("medio", "media") and prev not in _DURATION_BEFORE:
            return None
        if prev in ("$", "€", "£") or ctx.after in ("%", "por"):
            return None  # "3 días por semana" is a rate: the set rule reads it
        n = self._amount([w for w in words if w not in self.lex.units])
        if n is None:
            n = 1.0  # "el último año", "año y medio" (plus the half)
        if words[0] not in ("medio", "media") and any(w in ("medio", "media") for w in words) \
                and n == 0.5:
            n = 1.5  # "año y medio"
        if n <= 0 or n > 10000:
            return None
        return Timex("DURATION", self._period(n, unit))

    def vague_duration(self, words: Sequence[str], orths: Sequence[str],
                       ctx: Context) -> Timex | None:
        unit = self._unit(words)
        if unit is None:
            return None
        if len(words) == 1:
            prev = ctx.before[-1] if ctx.before else ""
            if prev not in ("durante", "por", "en", "tras", "desde"):
                return None
        return Timex("DURATION", self._period(None, unit))

    def set(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        if words[0] in self.lex.frequencies:
            return Timex("SET", self.lex.frequencies[words[0]])
        if words[0] in self.lex.weekday_plurals:
            return Timex("SET", f"XXXX-WXX-{self.lex.weekday_plurals[words[0]]}")
        wd = self._weekday(words)
        if wd is not None:
            return Timex("SET", f"XXXX-WXX-{wd}")
        unit = self._unit(words)
        if unit is None:
            return None
        if words[0] in ("al", "por"):
            before = set(ctx.before)
            if not (before & _RATE_NOUNS or any(self.lex.number(w) is not None for w in before)):
                return None
            return Timex("SET", self._period(1, unit))
        if "vez" in words or "veces" in words:
            return Timex("SET", self._period(1, unit))
        counted = [w for w in words if w not in ("cada", "todos", "todas", "los", "las")
                   and w not in self.lex.units]
        n = self._amount(counted)
        return Timex("SET", self._period(n if n is not None else 1, unit))

    def clock(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        body = [w for w in words if w not in _ARTICLES]
        first = body[0]
        if first == "mediodía":
            hh, mm = 12, 0
        elif first == "medianoche":
            hh, mm = 24, 0
        else:
            m = _CLOCK_RE.match(first)
            if m:
                hh, mm = int(m.group(1)), int(m.group(2))
            else:
                num = self.lex.number(first)
                if num is None or not num.is_integer():
                    return None
                hh, mm = int(num), 0
                if "media" in body:
                    mm = 30
                elif "cuarto" in body:
                    mm = 15
            part = self.lex.day_parts.get(body[-1])
            if part in _PARTS_PM and hh < 12 and not (part == "NI" and hh <= 4):
                hh += 12  # "las 8 de la noche" is 20:00; "las 2 de la noche" stays 02:00
        if hh > 24:
            return None
        zone = "Z" if any(w in self.lex.utc_zones for w in body[1:]) else ""
        day = "XXXX-XX-XX" if ctx.anchor is None else ctx.anchor.isoformat()
        return Timex("TIME", f"{day}T{hh:02d}:{mm:02d}{zone}", ctx.anchor)

    def reference(self, words: Sequence[str], orths: Sequence[str],
                  ctx: Context) -> Timex | None:
        value = self.lex.references.get(tuple(words))
        return None if value is None else Timex("DATE", value)

    def holiday(self, words: Sequence[str], orths: Sequence[str], ctx: Context) -> Timex | None:
        key = tuple(words[1:]) if words[0] in _ARTICLES else tuple(words)
        md = self.lex.holidays.get(key)
        if md is None:
            return None
        value = monthday_value(ctx.anchor, md[0], md[1], ctx.direction)
        return Timex("DATE", value, _as_date(value))


def _weekday_day(anchor: dt.date, iso_wd: int, day: int, direction: Direction) -> dt.date | None:
    """The date nearest ``anchor`` (in ``direction``) that is day ``day`` and weekday ``iso_wd``."""
    best: dt.date | None = None
    for k in range(-12, 13):
        y, m = divmod(anchor.month - 1 + k, 12)
        d = _parse_day(anchor, anchor.year + y, m + 1, day)
        if d is None or d.isoweekday() != iso_wd:
            continue
        if (direction == "past" and d > anchor) or (direction == "future" and d < anchor):
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best
