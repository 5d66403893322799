"""The Spanish grammar: Matcher patterns for the nucleus of each expression.

Same labels as the English grammar (:mod:`presswatch.nlp.timex.grammar`) where
an expression works the same way, so the calendar rules are shared; the
Spanish-only constructions have their own labels (``hace``, ``dentro``).
The rules that read the matches are in :mod:`presswatch.nlp.timex.normalise_es`.

Extents follow the TimeML guidelines for Spanish: the article is in ("el
viernes pasado", "la próxima semana"), a preposition is out ("a principios de
marzo" -> "principios de marzo", "durante seis meses" -> "seis meses"); "hace"
and "dentro de" are in, as "ago" is in English.
"""

from __future__ import annotations

from typing import Any

from presswatch.nlp.timex.grammar import Pattern, _in, _re, _w
from presswatch.nlp.timex.lexicon import Lexicon

__all__ = ["build_patterns_es"]

# Day of month, optionally with an ordinal sign ("1º", "1o"); "1°" is two tokens.
_DAYNUM = r"^(0?[1-9]|[12]\d|3[01])[ºo]?$"
_YEAR = r"^(1[6-9]\d\d|20\d\d|21\d\d)$"
# Day first: 16/04/2025, 16-04-2025, 16.04.2025.
_NUMERIC = r"^(0?[1-9]|[12]\d|3[01])([/.-])(0?[1-9]|1[0-2])\2(\d\d|\d{4})$"
_CLOCK = r"^([01]?\d|2[0-3])[:.][0-5]\d$"
_HOUR = r"^([01]?\d|2[0-3])$"
_ROMAN = r"^(?i:[xvi]{1,6})$"
_DEGREE = {"ORTH": {"IN": ["°", "º"]}, "OP": "?"}


def _opt(words: object) -> dict[str, Any]:
    return _in(words, op="?")


def build_patterns_es(lex: Lexicon) -> dict[str, list[Pattern]]:
    # The tokenizer splits "ene." into "ene" "." : an abbreviation is the stem and its dot.
    abbrevs = {k[:-1] for k in lex.months if k.endswith(".")}
    MONTH_ABBR = [_in(abbrevs), {"ORTH": "."}]
    MONTH = _in(set(lex.months) - {k for k in lex.months if k.endswith(".")})
    DAY = _re(_DAYNUM)
    YEAR = _re(_YEAR)
    DE = _in({"de", "del"})
    WD = _in(lex.weekdays)
    SG_ART = _in({"el", "la"})
    ART = _opt({"el", "la"})
    # Single-word shifters; the two-word ones ("que viene", "en curso") are spelt out.
    SHIFT1 = {k for k in lex.shifters if " " not in k}
    BACK = _in({k for k in SHIFT1 if lex.shifters[k] < 0})
    AHEAD = _in({k for k in SHIFT1 if lex.shifters[k] > 0})
    THIS = _in({"este", "esta", "estos", "estas"})
    SHIFT = _in(SHIFT1 - {"este", "esta", "actual"})
    ORD = _in(lex.ordinals)
    NUM: dict[str, Any] = {"LIKE_NUM": True}
    NUMWORD = _in(set(lex.number_words) - {"media", "medio"})
    AMOUNT = [NUM | {"OP": "?"}, {"LOWER": "mil", "OP": "?"}]
    HALF = [_w("y"), _in({"medio", "media"})]
    UNIT = _in(lex.units)
    PL_UNIT = _in({u for u in lex.units if u.endswith("s")})
    SG_UNIT = _in({u for u in lex.units if not u.endswith("s")} - {"segundo"})
    # Units a shifter can move ("el año pasado"); not "sexenio" or "quincena",
    # whose calendar position depends on who governs or how a payroll is cut.
    CAL_UNIT = _in({"semana", "mes", "año", "trimestre", "semestre", "década", "siglo"})
    PART = _in(lex.day_parts)
    SEASON = _in(lex.seasons)
    APPROX = _in({"casi", "más", "menos", "de", "alrededor", "cerca", "poco", "aproximadamente",
                  "apenas", "unos", "unas", "al", "por", "lo"}, op="*")
    NEXT_PHRASE = [_w("que"), _in({"viene", "entra"})]
    SEASON_OR_UNIT_END = [[BACK], [AHEAD], NEXT_PHRASE]

    p: dict[str, list[Pattern]] = {}

    p["date_full"] = [
        [ART, DAY, _DEGREE, _w("de"), MONTH, DE, YEAR],
        [ART, WD, {"ORTH": ",", "OP": "?"}, DAY, _DEGREE, _w("de"), MONTH, DE, YEAR],
        [ART, _in({"primero"}), _w("de"), MONTH, DE, YEAR],
        [ART, _re(_NUMERIC)],
        [ART, DAY, {"ORTH": {"IN": ["/", "-", "."]}}, _re(r"^(0?[1-9]|1[0-2])$"),
         {"ORTH": {"IN": ["/", "-", "."]}}, _re(r"^(\d\d|\d{4})$")],
        [ART, _re(r"^\d{4}-\d\d-\d\d$")],
    ]
    p["date_md"] = [
        [ART, DAY, _DEGREE, _w("de"), MONTH],
        [ART, WD, {"ORTH": ",", "OP": "?"}, DAY, _DEGREE, _w("de"), MONTH],
        [ART, _in({"primero"}), _w("de"), MONTH],
        # "el pasado 16 de abril", "el próximo 2 de junio": the shifter gives the year.
        [SG_ART, SHIFT, DAY, _DEGREE, _w("de"), MONTH],
        [ART, WD, DAY],  # "el lunes 14": the nearest Monday the 14th
    ]
    p["date_my"] = [
        [MONTH, DE, YEAR],
        [MONTH, DE, _w("este"), _w("año")],
        [MONTH, _w("del"), _w("año"), SHIFT],
        [MONTH, _w("del"), _w("próximo"), _w("año")],
        [MONTH, _w("del"), _w("año"), *NEXT_PHRASE],
    ]
    # "del 6 al 8 de febrero (de 2025)": one range with the start's value, as a dash
    # range is in English; "del" stays out as a preposition.
    RANGE = [ART, DAY, _in({"al", "y"}), _w("el", "?"), DAY, _w("de"), MONTH]
    p["date_md"] += [RANGE]
    p["date_full"] += [[*RANGE, DE, YEAR]]
    p["date_my"] += [[*MONTH_ABBR, _w("de", "?"), YEAR]]
    p["date_md"] += [[ART, DAY, _DEGREE, _w("de", "?"), *MONTH_ABBR]]
    p["date_full"] += [[ART, DAY, _DEGREE, _w("de", "?"), *MONTH_ABBR, _w("de", "?"), YEAR]]
    p["date_m"] = [[MONTH], [SG_ART, _w("mes"), _w("de"), MONTH]]
    p["rel_month"] = [[ART, MONTH, SHIFT], [SG_ART, SHIFT, MONTH], [MONTH, *NEXT_PHRASE]]
    p["date_y"] = [[YEAR], [SG_ART, _w("año"), YEAR]]
    p["decade"] = [
        [_in({"los", "las"}), _w("años"), _in(lex.decade_words)],
        [_in({"los", "las"}), _w("años"), _re(r"^'?\d0s?$")],
        [_in({"los", "las"}), _w("años"), _re(r"^(1[6-9]|20)\d0$")],
        [_w("los"), _in(set(lex.decade_words) - {"veinte", "treinta"})],
        [_w("los"), _re(r"^'?[2-9]0s?$")],
        [_w("la"), _w("década"), DE, _re(r"^(1[6-9]|20)\d0$")],
        [_w("la"), _w("década"), _w("de"), _w("los"), _in(lex.decade_words)],
        [_w("la"), _w("década"), _w("de"), _w("los"), _re(r"^'?\d0s?$")],
    ]
    p["century"] = [[SG_ART, _w("siglo"), _re(_ROMAN)],
                    [SG_ART, _w("siglo"), _re(r"^\d{1,2}$")],
                    [_w("siglo"), _re(_ROMAN)]]
    p["season"] = [
        [ART, SEASON, DE, YEAR],
        [ART, SEASON, BACK], [ART, SEASON, AHEAD], [ART, SEASON, *NEXT_PHRASE],
        [SG_ART, SHIFT, SEASON],
        [THIS, SEASON],
    ]
    p["quarter"] = [
        [ART, ORD, _w("trimestre")],
        [ART, ORD, _w("trimestre"), DE, YEAR],
        [ART, ORD, _w("trimestre"), DE, _w("este"), _w("año")],
        [ART, ORD, _w("trimestre"), _w("del"), _w("año"), SHIFT],
        [ART, ORD, _w("trimestre"), _w("del"), _w("año")],
    ]
    p["half"] = [
        [ART, ORD, _w("semestre")],
        [ART, ORD, _w("semestre"), DE, YEAR],
        [ART, ORD, _w("semestre"), DE, _w("este"), _w("año")],
        [ART, ORD, _w("semestre"), _w("del"), _w("año"), SHIFT],
        [ART, ORD, _w("semestre"), _w("del"), _w("año")],
    ]
    p["rel_day"] = [[_w(t) for t in phrase] for phrase in lex.rel_days]
    p["day_part"] = [
        [THIS, PART],  # "esta mañana", "esta noche"
        [_in({"hoy", "ayer", "mañana", "anteayer", "antier"}), _in({"por", "en"}),
         _w("la"), PART],
        [_w("ayer"), _w("a"), _w("medio"), _w("día")],
        [_w("anoche")],
        [ART, WD, _in({"por", "en"}), _w("la"), PART],
        [ART, WD, SHIFT, _in({"por", "en"}), _w("la"), PART],
        [_w("la"), PART],  # kept only after "por"/"en"/"durante" (see the rule)
    ]
    p["weekday"] = [
        [ART, WD],
        [ART, WD, BACK], [ART, WD, AHEAD], [ART, WD, *NEXT_PHRASE],
        [SG_ART, SHIFT, WD],
        [THIS, WD],
    ]
    # The article is optional so that "finales del año pasado" keeps "año pasado"
    # as its nucleus ("del" is the preposition and the article in one word).
    p["rel_unit"] = [
        [ART, CAL_UNIT, *end] for end in SEASON_OR_UNIT_END
    ] + [
        [ART, CAL_UNIT, _w("en"), _w("curso")],
        [_w("lo"), _w("que"), _w("va"), _w("del"), CAL_UNIT],  # "en lo que va del año"
        [ART, SHIFT, CAL_UNIT],
        [THIS, CAL_UNIT],
        [ART, _w("fin"), _w("de"), _w("semana")],
        [THIS, _w("fin"), _w("de"), _w("semana")],
        [ART, _w("fin"), _w("de"), _w("semana"), BACK],
        [ART, _w("fin"), _w("de"), _w("semana"), AHEAD],
        [SG_ART, SHIFT, _w("fin"), _w("de"), _w("semana")],
    ]
    p["hace"] = [
        [_w("hace"), APPROX, *AMOUNT, UNIT],
        [_w("hace"), APPROX, NUMWORD, UNIT],
        [_w("hace"), APPROX, NUMWORD, _w("y"), NUMWORD, UNIT],
        [_w("hace"), APPROX, *AMOUNT, UNIT, *HALF],
        [_w("hace"), APPROX, NUMWORD, UNIT, *HALF],
        [_w("hace"), APPROX, SG_UNIT, *HALF],
        [_w("hace"), _in(lex.vague_numbers), PL_UNIT],
        [_w("hace"), PL_UNIT],
        [_w("hace"), _in({"poco", "tiempo", "mucho"})],
    ]
    p["dentro"] = [
        [_w("dentro"), _w("de"), APPROX, *AMOUNT, UNIT],
        [_w("dentro"), _w("de"), APPROX, NUMWORD, UNIT],
        [_w("dentro"), _w("de"), APPROX, NUMWORD, _w("y"), NUMWORD, UNIT],
        [_w("dentro"), _w("de"), _in(lex.vague_numbers), PL_UNIT],
        [_w("dentro"), _w("de"), _w("poco")],
    ]
    p["duration"] = [
        [NUM, _w("mil", "?"), UNIT],
        [NUMWORD, UNIT],
        [NUMWORD, _w("y"), NUMWORD, UNIT],  # "treinta y un días"
        [*AMOUNT, UNIT, *HALF],
        [NUMWORD, UNIT, *HALF],  # "un año y medio"
        [SG_UNIT, *HALF],  # "año y medio"
        [_in({"medio", "media"}), SG_UNIT],
        [_in({"los", "las"}), _in({"últimos", "últimas", "próximos", "próximas", "pasados",
                                   "pasadas", "primeros", "primeras"}), NUM, UNIT],
        [_in({"los", "las"}), _in({"últimos", "últimas", "próximos", "próximas", "pasados",
                                   "pasadas", "primeros", "primeras"}), NUMWORD, UNIT],
        [SG_ART, _in({"último", "última"}), SG_UNIT],
        [_in({"todo", "toda"}), SG_ART, SG_UNIT],  # "todo el año": only beside "durante"
    ]
    p["vague_duration"] = [
        [_in(lex.vague_numbers), PL_UNIT],
        [_in({"los", "las"}), _in({"últimos", "últimas", "próximos", "próximas"}), PL_UNIT],
        [_in({"los", "las"}), PL_UNIT, _in({"recientes"})],
        [PL_UNIT],  # bare "años", "meses": only after "durante", "por", "desde hace" …
    ]
    p["set"] = [
        [_w("cada"), NUM | {"OP": "?"}, UNIT],
        [_w("cada"), NUMWORD, PL_UNIT],
        [_w("cada"), WD],
        [_in({"todos", "todas"}), _in({"los", "las"}), PL_UNIT],
        [_in({"todos"}), _w("los"), WD],
        [_w("los"), WD],  # "los martes": the plural article makes it every Tuesday
        [_in(lex.weekday_plurals)],
        [_in(lex.frequencies)],
        [_in({"una", "dos", "tres", "cuatro"}), _in({"vez", "veces"}), _in({"al", "por"}),
         SG_UNIT],
        [_in({"una", "dos", "tres", "cuatro"}), _in({"vez", "veces"}), _w("a"), _w("la"),
         _w("semana")],
        [_in({"al", "por"}), SG_UNIT],  # "300 millones de dólares al año": after an amount
    ]
    ZONE = _in(lex.utc_zones | lex.other_zones, op="?")
    p["clock"] = [
        [_in({"las", "la"}), _re(_CLOCK), ZONE],
        [_re(_CLOCK), _in({"horas", "hrs", "hrs.", "h"})],
        [_in({"las", "la"}), _re(_HOUR), _in({"horas", "hrs", "hrs.", "h"})],
        [_in({"las", "la"}), _re(_HOUR), _w("de"), _w("la"), PART],
        [_in({"las", "la"}), _re(_CLOCK), _w("de"), _w("la"), PART],
        [_in({"las", "la"}), NUMWORD, _w("de"), _w("la"), PART],
        [_in({"las", "la"}), NUMWORD, _w("y"), _in({"media", "cuarto"}), _w("de"), _w("la"),
         PART],
        [_in({"el"}), _in({"mediodía"})],
        [_in({"la"}), _in({"medianoche"})],
        [_in({"mediodía", "medianoche"})],
    ]
    p["reference"] = [[_w(t) for t in phrase] for phrase in lex.references]
    p["holiday"] = [[ART, *[_w(t) for t in phrase]] for phrase in lex.holidays]
    return p
