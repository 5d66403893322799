"""Composition around the nuclei the Matcher found.

* **extent modifiers** that keep the value: determiners ("the fourth quarter"),
  approximators ("almost twenty years", "more than two years"), positions
  ("early June", "the end of this year"), "earlier today";
* **ranges**: "February 6-7", "September 30 – October 2", "from 2009 to 2011":
  one expression with the start's value (the end only lends it its year);
* **anchors**: "the Friday before April 1, 2025", "two days after the
  election", "12:00 UTC Monday": the value is computed from the anchor's date.

Every step looks only at the few tokens between or beside two nuclei, so the
whole pass is linear in the number of expressions, not in the document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from presswatch.nlp.timex.lexicon import Lexicon
from presswatch.nlp.timex.normalise import Timex
from presswatch.nlp.timex.values import shift, unit_value, weekday_value

__all__ = ["Item", "compose"]


@dataclass(frozen=True, slots=True)
class Item:
    start: int
    end: int
    label: str
    timex: Timex
    #: For an expression anchored on an event noun ("two days after the
    #: election"): (token index of the noun, signed amount, unit); resolved
    #: once every dated noun in the document is known.
    event_anchor: tuple[int, float, str] | None = None


_DAY_LABELS = frozenset({"date_full", "date_md", "holiday"})
_YEARLESS = frozenset({"date_md"})
_RANGE_LINKS = frozenset({"-", "–", "—", "to", "through", "thru", "until", "till", "and"})
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
_DASHES = frozenset({"-", "–", "—"})
_DATE_LABELS = frozenset({"date_full", "date_md", "date_my", "date_m", "date_y", "season",
                          "quarter", "half", "fiscal", "decade", "century", "rel_unit",
                          "rel_month", "weekday", "rel_day", "date_mid", "unit_position"})
_POSITION_TARGETS = frozenset({"date_m", "date_my", "date_y", "season", "rel_unit", "decade",
                               "century", "quarter", "half", "fiscal", "rel_month",
                               "unit_position", "date_full", "date_md"})
# MEANTIME and TimeBank keep the determiner in "the fourth quarter", "the previous
# year"; not in "the 70s".
_THE_TARGETS = frozenset({"century", "quarter", "half", "rel_unit"})
_APPROX_TARGETS = frozenset({"duration", "vague_duration", "ago"})
_POSITION_NOUNS = frozenset({"beginning", "start", "end", "middle", "close", "rest", "turn",
                             "remainder", "height", "spring", "summer", "autumn", "fall",
                             "winter"})


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _extend_left(doc: Doc, item: Item, lex: Lexicon, floor: int) -> Item:
    start = item.start
    label = item.label
    if label in _THE_TARGETS and _lower(doc, start - 1) == "the" and start - 1 >= floor:
        start -= 1
    if label in _APPROX_TARGETS and _lower(doc, start) != "the":
        # "over the last 20 years": "over" is a preposition there, not "more than".
        # The words before the nucleus, read once for all the phrases.
        longest = max((len(phrase) for phrase in lex.approximators), default=0)
        before = tuple(_lower(doc, start - longest + k) for k in range(longest))
        for phrase in lex.approximators:
            n = len(phrase)
            if start - n >= floor and before[longest - n :] == phrase:
                start -= n
                break
    if label in _POSITION_TARGETS:
        prev = _lower(doc, start - 1)
        if prev in ("early", "mid", "late", "mid-") and start - 1 >= floor:
            start -= 1
        elif prev == "-" and _lower(doc, start - 2) == "mid" and start - 2 >= floor:
            start -= 2
        elif (
            prev == "of"
            and _lower(doc, start - 2) in _POSITION_NOUNS
            and _lower(doc, start - 3) == "the"
            and start - 3 >= floor
        ):
            start -= 3
    if label in _POSITION_TARGETS and lex.lang == "es" and start - 2 >= floor \
            and _lower(doc, start - 1) in ("de", "del") \
            and _lower(doc, start - 2) in lex.position_words:
        start -= 2  # "principios de marzo", "finales del año pasado"
    if label == "vague_duration" and _lower(doc, start - 1) == "the" \
            and _lower(doc, start - 2) == "over" and start - 2 >= floor:
        start -= 2  # "over the years"
    if label == "reference" and _lower(doc, start - 1) in ("very", "more", "most", "so") \
            and start - 1 >= floor:
        start -= 1  # "very soon", "more recently"
    if start == item.start:
        return item
    return dataclasses.replace(item, start=start)


def _year_after(doc: Doc, i: int) -> tuple[int, int] | None:
    """A year at token i (optionally after a comma): (year, end index)."""
    j = i + 1 if _lower(doc, i) == "," else i
    if j < len(doc) and re.fullmatch(r"(1[6-9]|20|21)\d\d", doc[j].text):
        return int(doc[j].text), j + 1
    return None


def _with_year(timex: Timex, year: int) -> Timex:
    if timex.value and re.fullmatch(r"(\d{4}|XXXX)-\d\d-\d\d", timex.value):
        value = f"{year:04d}{timex.value[4:]}"
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return timex
        return Timex(timex.type, value, day)
    return timex


def _merge_range(doc: Doc, items: list[Item], i: int) -> tuple[Item, int]:
    """Merge items[i] with what follows it into a range, if it is one."""
    a = items[i]
    link = _lower(doc, a.end)
    if a.label not in _DATE_LABELS or link not in _RANGE_LINKS:
        return a, i + 1
    start = a.start
    nxt = items[i + 1] if i + 1 < len(items) else None
    # "from 2009 to 2011", "between April and June" stay two expressions, as in
    # TimeBank and MEANTIME; a dash makes one range ("September 30 – October 2").
    if nxt is not None and nxt.start == a.end + 1 and nxt.label in _DATE_LABELS \
            and link in _DASHES:
        timex = a.timex
        if a.label in _YEARLESS and nxt.label in ("date_full", "date_my"):
            y = re.match(r"\d{4}", nxt.timex.value or "")
            if y:
                timex = _with_year(timex, int(y.group()))
        return Item(start, nxt.end, a.label, timex), i + 2
    # "February 6-7" / "6-7 February": a bare day number closes the range.
    if a.label in _DAY_LABELS and link in ("-", "–", "—", "to", "through", "and"):
        j = a.end + 1
        if j < len(doc) and re.fullmatch(r"(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?", doc[j].text):
            end = j + 1
            timex = a.timex
            year = _year_after(doc, end)
            if year and a.label in _YEARLESS:
                timex = _with_year(timex, year[0])
                end = year[1]
            if nxt is not None and nxt.start < end:
                return a, i + 1
            return Item(start, end, a.label, timex), i + 1
    return a, i + 1


def _merge_anchor(doc: Doc, items: list[Item], i: int, lex: Lexicon) -> tuple[Item, int] | None:
    """"the Friday before April 1, 2025", "two days after the election"."""
    a = items[i]
    if a.label not in ("weekday", "duration"):
        return None
    rel = _lower(doc, a.end)
    prior_to = rel == "prior" and _lower(doc, a.end + 1) == "to"
    if rel not in ("before", "after", "following") and not prior_to:
        return None
    gap = 2 if rel == "prior" else 1
    sign = 1 if rel in ("after", "following") else -1
    start = a.start - 1 if _lower(doc, a.start - 1) == "the" else a.start
    nxt = items[i + 1] if i + 1 < len(items) else None
    words = [t.lower_ for t in doc[a.start:a.end]]
    wd, unit, amount = 0, "D", 0.0
    if a.label == "weekday":
        found_wd = next((lex.weekdays[w] for w in words if w in lex.weekdays), None)
        if found_wd is None:
            return None
        wd = found_wd
    else:
        found_unit = next((lex.units[w][0] for w in reversed(words) if w in lex.units), None)
        if found_unit is None or (a.timex.value or "").startswith("PT"):
            return None
        unit = found_unit
        m = re.match(r"P([\d.]+)", a.timex.value or "")
        if not m:
            return None
        amount = float(m.group(1))
        if unit == "DE":
            unit, amount = "Y", amount  # the value already counts years
    if nxt is not None and nxt.start == a.end + gap and nxt.timex.day is not None:
        anchor = nxt.timex.day
        if a.label == "weekday":
            value = weekday_value(anchor, wd, None, sign)
            return Item(start, nxt.end, "anchored",
                        Timex("DATE", value, dt.date.fromisoformat(value))), i + 2
        day = shift(anchor, unit, sign * amount)
        return Item(a.start, nxt.end, "anchored",
                    Timex("DATE", unit_value(day, unit), day if unit == "D" else None)), i + 2
    if a.label == "weekday":
        return None
    # An event noun: "two days after the election".
    j = a.end + gap
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    while j < len(doc) and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and j + 1 < len(doc) \
            and doc[j + 1].pos_ in ("NOUN",):
        j += 1
    if j >= len(doc) or doc[j].pos_ != "NOUN":
        return None
    if nxt is not None and nxt.start <= j:
        return None
    return Item(a.start, j + 1, "anchored", Timex("DATE", "XXXX-XX-XX"),
                event_anchor=(j, sign * amount, unit)), i + 1


def _merge_time(doc: Doc, items: list[Item], i: int) -> tuple[Item, int] | None:
    """"12:00 UTC Monday", "16:00 UTC today": a clock time on a named day."""
    a = items[i]
    if a.label != "clock" or i + 1 >= len(items):
        return None
    nxt = items[i + 1]
    between = nxt.start - a.end
    if between > 1 or (between == 1 and _lower(doc, a.end) != "on"):
        return None
    if nxt.timex.day is None or nxt.label not in ("weekday", "rel_day", "date_md", "date_full"):
        return None
    value = (a.timex.value or "")
    t = value.split("T", 1)[1] if "T" in value else ""
    return Item(a.start, nxt.end, "clock",
                Timex("TIME", f"{nxt.timex.day.isoformat()}T{t}", nxt.timex.day)), i + 2


def _merge_reference(doc: Doc, items: list[Item], i: int) -> tuple[Item, int] | None:
    """"earlier today", "later this year": the reference word joins the date."""
    a = items[i]
    if a.label != "reference" or _lower(doc, a.start) not in ("earlier", "later") \
            or i + 1 >= len(items) or a.end - a.start != 1:
        return None
    nxt = items[i + 1]
    if nxt.start != a.end or nxt.label not in ("rel_day", "day_part", "rel_unit"):
        return None
    return dataclasses.replace(nxt, start=a.start), i + 2


def _same_sentence_day(doc: Doc, items: list[Item], k: int) -> dt.date | None:
    """The day named nearest to items[k] in its sentence (for a bare clock time)."""
    sent = doc[items[k].start].sent
    best: tuple[int, dt.date] | None = None
    for j, it in enumerate(items):
        if j == k or it.timex.day is None or it.label == "clock":
            continue
        if sent.start <= it.start < sent.end:
            dist = abs(it.start - items[k].start)
            if best is None or dist < best[0]:
                best = (dist, it.timex.day)
    return best[1] if best else None


def _anaphora(doc: Doc, items: list[Item]) -> list[Item]:
    """Values that depend on other expressions: "the day", "the same day", a bare clock."""
    out: list[Item] = []
    last_day: dt.date | None = None
    for k, it in enumerate(items):
        if it.label == "the_day" or (it.label == "rel_unit" and "same" in
                                     (t.lower_ for t in doc[it.start:it.end])):
            unit = "D" if it.label == "the_day" else _unit_code(doc, it)
            if last_day is not None and unit is not None:
                it = dataclasses.replace(it, timex=Timex(
                    "DATE", unit_value(last_day, unit), last_day if unit == "D" else None))
        elif it.label == "clock" and it.timex.value and "T" in it.timex.value:
            day = _same_sentence_day(doc, items, k)
            if day is not None:
                t = it.timex.value.split("T", 1)[1]
                it = dataclasses.replace(it, timex=Timex("TIME", f"{day.isoformat()}T{t}", day))
        if it.timex.day is not None and it.label not in ("clock", "the_day") \
                and _DAY_VALUE.match(it.timex.value or ""):
            last_day = it.timex.day  # only a named day, not a month's or year's first
        out.append(it)
    return out


def _unit_code(doc: Doc, it: Item) -> str | None:
    words = [t.lower_ for t in doc[it.start:it.end]]
    for w, code in (("day", "D"), ("week", "W"), ("month", "M"), ("year", "Y")):
        if w in words:
            return code
    return None


def compose(doc: Doc, items: list[Item], lex: Lexicon) -> list[Item]:
    """Ranges, anchors and extent modifiers around the nuclei (sorted by start)."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        merged = (_merge_reference(doc, items, i) or _merge_anchor(doc, items, i, lex)
                  or _merge_time(doc, items, i))
        if merged is None:
            merged = _merge_range(doc, items, i)
        item, i = merged
        floor = out[-1].end if out else 0
        out.append(_extend_left(doc, item, lex, floor))
    return _anaphora(doc, out)
