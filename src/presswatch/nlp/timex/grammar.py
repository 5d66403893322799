"""The tagger's grammar: spaCy Matcher patterns for the *nucleus* of each expression.

Each rule name (the match label) says which normaliser in
:mod:`presswatch.nlp.timex.normalise` reads the match.  Modifiers that change
the extent but seldom the value (approximators "almost", positions "early",
"the end of"), ranges ("February 6-7") and anchors ("the Friday before
April 1, 2025") are composed around these nuclei afterwards, in
:mod:`presswatch.nlp.timex.compose`, so that each nucleus is written once.
"""

from __future__ import annotations

from typing import Any

from presswatch.nlp.timex.lexicon import Lexicon

__all__ = ["build_patterns"]

Pattern = list[dict[str, Any]]

# Day of month: 1–31, optionally with an ordinal suffix ("1st", "22nd").
_DAYNUM = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"
# Years a news article names: 1600–2199.  Narrower would miss history, wider
# catches counts ("2300 troops").
_YEAR = r"^(1[6-9]\d\d|20\d\d|21\d\d)$"
_CLOCK = r"^([01]?\d|2[0-3])[:.][0-5]\d$"
_HOUR = r"^(0?[1-9]|1[0-2])$"
# Not "a"/"p" alone: "4 a share" is a price.
_AMPM = ["a.m.", "p.m.", "am", "pm", "a.m", "p.m", "A.M.", "P.M."]


def _in(values: object, attr: str = "LOWER", op: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {attr: {"IN": sorted(values)}}  # type: ignore[call-overload]
    if op:
        d["OP"] = op
    return d


def _re(regex: str, op: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"TEXT": {"REGEX": regex}}
    if op:
        d["OP"] = op
    return d


def _w(word: str, op: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"LOWER": word}
    if op:
        d["OP"] = op
    return d


def build_patterns(lex: Lexicon) -> dict[str, list[Pattern]]:
    if lex.lang == "es":
        from presswatch.nlp.timex.grammar_es import build_patterns_es

        return build_patterns_es(lex)
    # Month names only capitalised: "may", "march" and "august" are words too.
    month_forms = set()
    for k in lex.months:
        month_forms.add(k.capitalize())
        if len(k) > 3:
            month_forms.add(k.upper())
    MONTH = _in(month_forms - {"MAY", "MARCH"}, "ORTH")
    DAY = _re(_DAYNUM)
    YEAR = _re(_YEAR)
    COMMA = {"ORTH": ",", "OP": "?"}
    WD = _in(lex.weekdays)
    # spaCy counts "fourth" as LIKE_NUM: ordinals are not amounts ("fourth week").
    NUM: dict[str, Any] = {"LIKE_NUM": True, "LOWER": {"NOT_IN": ["-", "—", "–", *lex.ordinals]},
                           "TEXT": {"REGEX": r"^(?!\d+(st|nd|rd|th)$)"}}
    NUMWORD = _in(set(lex.number_words) - {"a", "an", "half"})
    NUMX_OPT = [NUM, {"ORTH": "-", "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}]
    HALF = [_w("and"), _w("a"), _w("half")]
    UNIT = _in(set(lex.units) - {"second"})  # "second" alone is the ordinal
    # "a quarter" is a fraction far more often than three months.
    SG_UNIT = _in({u for u in lex.units if not u.endswith("s")} - {"second", "quarter"})
    PL_UNIT = _in({u for u in lex.units if u.endswith("s") and u != "seconds"} | {"seconds"})
    CAL_UNIT = _in({"week", "weekend", "month", "quarter", "year", "decade", "century"})
    SHIFT = _in(lex.shifters)
    SEASON = _in(lex.seasons)
    PART = _in(lex.day_parts)
    ORD = _in(lex.ordinals)
    GAP = _in({"straight", "consecutive", "trading", "business", "working", "calendar",
               "full", "additional", "more", "further", "long"}, op="?")

    p: dict[str, list[Pattern]] = {}

    p["date_full"] = [
        [MONTH, DAY, COMMA, YEAR],
        [DAY, MONTH, COMMA, YEAR],
        [WD, COMMA, MONTH, DAY, COMMA, YEAR],
        [WD, COMMA, DAY, MONTH, COMMA, YEAR],
        [_w("the"), ORD, _w("of"), MONTH, COMMA, YEAR],
        [YEAR, {"ORTH": "-"}, _re(r"^(0[1-9]|1[0-2])$"), {"ORTH": "-"}, _re(r"^\d\d$")],
        [_re(r"^(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/(\d\d|\d{4})$")],
        [_re(r"^\d{4}-\d\d-\d\d$")],
    ]
    # (A weekday prefix is its own variant: an optional weekday before an optional
    # comma would let a match start on the comma.)
    p["date_md"] = [
        [MONTH, DAY],
        [DAY, MONTH],
        [_w("the"), ORD, _w("of"), MONTH],
        [WD, COMMA, MONTH, DAY],
        [WD, COMMA, DAY, MONTH],
        [WD, COMMA, _w("the"), ORD, _w("of"), MONTH],
    ]
    p["date_my"] = [[MONTH, _w("of", "?"), YEAR], [MONTH, {"ORTH": ","}, YEAR],
                    [MONTH, _w("of"), SHIFT, _w("year")]]
    p["date_m"] = [[MONTH]]
    p["date_y"] = [[YEAR], [_w("the"), _w("year"), YEAR], [{"ORTH": {"IN": ["'", "’"]}},
                                                          _re(r"^\d\d$")]]
    p["date_mid"] = [[_re(r"^(?i:mid|early|late)-(1[6-9]\d\d|20\d\d)$")]]
    p["decade"] = [
        [_re(r"^(1[6-9]|20)\d0s$")],
        [{"ORTH": {"IN": ["'", "’"]}, "OP": "?"}, _re(r"^\d0s$")],
        [_re(r"^['’]\d0s$")],
    ]
    p["century"] = [[ORD, {"ORTH": "-", "OP": "?"}, _in({"century", "centuries"})],
                    [_re(r"^\d{1,2}(st|nd|rd|th)$"), {"ORTH": "-", "OP": "?"},
                     _in({"century", "centuries"})]]
    p["season"] = [
        [SEASON, _w("of", "?"), YEAR],
        [SHIFT, SEASON],
        [_in({"spring", "summer", "autumn", "winter"}, "LOWER")],
    ]
    p["quarter"] = [
        [ORD, {"ORTH": "-", "OP": "?"}, _in({"quarter"})],
        [ORD, {"ORTH": "-", "OP": "?"}, _in({"quarter"}), _w("of"), YEAR],
        [ORD, {"ORTH": "-", "OP": "?"}, _in({"quarter"}), _w("of"), _w("the", "?"),
         SHIFT, _w("year")],
        [ORD, {"ORTH": "-", "OP": "?"}, _in({"quarter"}), _w("of"), _w("the"), _w("year")],
        [YEAR, ORD, {"ORTH": "-", "OP": "?"}, _in({"quarter"})],
        [_re(r"^[Qq][1-4]$"), YEAR],
        [_re(r"^[Qq][1-4]$")],
        [_re(r"^[1-4][Qq]\d\d$")],
    ]
    p["half"] = [
        [_in({"first", "second", "1st", "2nd"}), _w("half"), _w("of"), YEAR],
        [_in({"first", "second", "1st", "2nd"}), _w("half"), _w("of"), _w("the", "?"),
         SHIFT, _w("year")],
        [_re(r"^[Hh][12]$"), YEAR],
    ]
    p["fiscal"] = [
        [_in({"fiscal", "financial"}), _w("year", "?"), YEAR],
        [_in({"fiscal", "financial"}), _w("year", "?"), _re(r"^'\d\d$")],
        [_re(r"^(?i:fy)['’]?(\d\d|\d{4})$")],
        [{"ORTH": "FY"}, _re(r"^(\d\d|\d{4})$")],
        [SHIFT, _in({"fiscal", "financial"}), _w("year")],
        [_w("the"), _in({"fiscal", "financial"}), _w("year")],
    ]
    # "end the day", "for the day": the day the text is talking about.
    p["the_day"] = [[_w("the"), _in({"day", "session"})]]
    p["rel_day"] = [
        [_in({"today", "tonight", "yesterday", "tomorrow"})],
        [_w("the"), _w("day"), _in({"before", "after"}), _in({"yesterday", "tomorrow"})],
    ]
    p["day_part"] = [
        [_in({"this", "that", "last", "tomorrow", "yesterday", "today"}), PART],
        [SHIFT, WD, PART],
        [WD, PART],
        [_in({"tonight"})],
    ]
    p["weekday"] = [[WD], [SHIFT, WD], [_w("this"), _w("past"), WD]]
    p["rel_unit"] = [
        [SHIFT, CAL_UNIT],
        [_w("this"), _w("past"), CAL_UNIT],
        [_w("the"), _in({"year", "month", "week"}), _in({"before", "previous", "prior"})],
        [_w("the"), _w("same"), _in({"day", "week", "month", "year"})],
    ]
    p["rel_month"] = [[SHIFT, MONTH]]
    p["unit_position"] = [[_w("the"), _in({"beginning", "start", "end", "middle", "rest",
                                           "close", "remainder"}), _w("of"), _w("the"),
                           _in({"week", "month", "year", "decade", "century"})]]
    p["ago"] = [
        [*NUMX_OPT, GAP, UNIT, _in({"ago", "earlier", "later", "hence"})],
        [*NUMX_OPT, *HALF, UNIT, _in({"ago", "earlier", "later"})],
        [_in({"a", "an"}), GAP, SG_UNIT, _in({"ago", "earlier", "later"})],
        [_in({"a", "an"}), _w("few"), PL_UNIT, _in({"ago", "earlier", "later"})],
        [_in(lex.vague_numbers), PL_UNIT, _in({"ago", "earlier", "later"})],
        [PL_UNIT, _w("ago")],
    ]
    p["duration"] = [
        [*NUMX_OPT, GAP, UNIT],
        [*NUMX_OPT, *HALF, UNIT],
        [*NUMX_OPT, _in(lex.units, op="?"), *HALF],
        [NUMWORD, {"ORTH": "-"}, UNIT],
        [_w("the"), _in({"last", "past", "next", "previous", "first", "coming", "following",
                         "preceding", "final"}), *NUMX_OPT, GAP, UNIT],
        [_w("the"), _in({"past", "last", "next", "coming"}), _in({"few", "several"}), PL_UNIT],
        [_w("the"), _in({"past", "coming", "entire", "whole", "full"}), CAL_UNIT],
        # kept only beside "for", "within", "after" … (see Normaliser.duration)
        [_in({"a", "an"}), GAP, SG_UNIT],
        [_in({"a", "an"}), GAP, SG_UNIT, {"ORTH": "-"}, _w("long")],
        [_in({"a", "an"}), _in({"half", "quarter"}), _w("-", "?"), SG_UNIT],
    ]
    p["vague_duration"] = [
        [_in(lex.vague_numbers), PL_UNIT],
        [_in({"a"}), _w("few"), PL_UNIT],
        # bare plurals only after "for", "in", "within", "over the" (see Normaliser)
        [_in({"years", "decades", "months", "weeks", "centuries", "days", "hours",
              "minutes"})],
        [_in({"years", "decades", "months", "weeks"}), {"ORTH": "-"}, _w("long")],
    ]
    p["set"] = [
        [_in({"every", "each"}), _w("other", "?"), NUMX_OPT[0] | {"OP": "?"}, UNIT],
        [_in({"every", "each"}), WD],
        [_in(lex.weekday_plurals)],
        [_in(lex.frequencies)],
        [_in({"once", "twice", "thrice"}), _in({"a", "an", "per", "every", "each"}), SG_UNIT],
        [NUM, _w("times"), _in({"a", "an", "per", "every", "each"}), SG_UNIT],
        [_w("per"), SG_UNIT],
        [_in({"a", "an"}), SG_UNIT],  # "$5 billion a year": kept only after an amount
    ]
    p["clock"] = [
        [_re(_CLOCK), _in(_AMPM, op="?"), _in(lex.utc_zones | lex.other_zones, op="?")],
        [_re(_HOUR), _in(_AMPM)],
        [_re(_HOUR), _in(_AMPM), _in(lex.utc_zones | lex.other_zones)],
        [_re(r"^(0\d|1\d|2[0-3])[0-5]\d$"), _in(lex.utc_zones | {"hours", "hrs"})],
        [_in({"noon", "midnight", "midday"})],
    ]
    # Reference words are phrases: one pattern each, from the lexicon.
    p["reference"] = [[_w(t) for t in phrase] for phrase in lex.references]
    p["reference"].append([_w("recent")])
    p["holiday"] = [[_w(t) for t in phrase] for phrase in lex.holidays]
    return p
