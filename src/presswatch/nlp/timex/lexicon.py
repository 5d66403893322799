"""The tagger's word lists, one file per language: ``nlp/data[/<lang>]/timex_lexicon.yaml``.

Every language has the same sections; a few are only used by one language's
grammar (``rel_days``, ``decade_words`` and ``numeric_order`` are Spanish:
English keeps those words in its grammar, as it always has).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from presswatch.nlp.lexicons import read_data

__all__ = ["Lexicon", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_plurals: dict[str, int]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    #: unit word -> (TIMEX3 designator, is a time unit)
    units: dict[str, tuple[str, bool]]
    number_words: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    shifters: dict[str, int]
    approximators: tuple[tuple[str, ...], ...]
    position_words: frozenset[str]
    #: phrase (as a tuple of lower-case tokens) -> PRESENT_REF | PAST_REF | FUTURE_REF
    references: dict[tuple[str, ...], str]
    frequencies: dict[str, str]
    holidays: dict[tuple[str, ...], tuple[int, int]]
    utc_zones: frozenset[str]
    other_zones: frozenset[str]
    #: The language the lists are for ("en", "es"): it picks the grammar and rules.
    lang: str = "en"
    #: Order of the parts of a numeric date: "mdy" (US) or "dmy" (Spanish).
    numeric_order: str = "mdy"
    #: phrase -> offset in days from the DCT ("ayer" -1, "pasado mañana" 2).
    rel_days: dict[tuple[str, ...], int] = field(default_factory=dict)
    #: word for a decade's tens -> digit ("noventa" 9).
    decade_words: dict[str, int] = field(default_factory=dict)

    def number(self, word: str) -> float | None:
        """The value of a number token: a digit string or a number word."""
        w = word.lower().replace(",", "")
        if w in self.number_words:
            return self.number_words[w]
        try:
            return float(w)
        except ValueError:
            return None


def _phrase(text: str) -> tuple[str, ...]:
    # The lexicon writes phrases with spaces; spaCy splits "short-term" and
    # "new year's" the same way this does, so the keys match token sequences.
    out: list[str] = []
    for part in text.split():
        if "-" in part and part != "-":
            pieces = part.split("-")
            for i, p in enumerate(pieces):
                if i:
                    out.append("-")
                out.append(p)
        elif part.endswith("'s"):
            out.extend([part[:-2], "'s"])
        else:
            out.append(part)
    return tuple(out)


def load_lexicon(lang: str = "en") -> Lexicon:
    raw: dict[str, Any] = read_data("timex_lexicon.yaml", lang)
    return Lexicon(
        months={str(k): int(v) for k, v in raw["months"].items()},
        weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
        weekday_plurals={str(k): int(v) for k, v in raw["weekday_plurals"].items()},
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        day_parts={str(k): str(v) for k, v in raw["day_parts"].items()},
        units={str(k): (str(v[0]), bool(v[1])) for k, v in raw["units"].items()},
        number_words={str(k): float(v) for k, v in raw["number_words"].items()},
        vague_numbers=frozenset(raw["vague_numbers"]),
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        shifters={str(k): int(v) for k, v in raw["shifters"].items()},
        approximators=tuple(
            sorted((_phrase(a) for a in raw["approximators"]), key=len, reverse=True)
        ),
        position_words=frozenset(raw["position_words"]),
        references={_phrase(k): str(v) for k, v in raw["references"].items()},
        frequencies={str(k): str(v) for k, v in raw["frequencies"].items()},
        holidays={_phrase(k): (int(v[0]), int(v[1])) for k, v in raw["holidays"].items()},
        utc_zones=frozenset(raw["utc_zones"]),
        other_zones=frozenset(raw["other_zones"]),
        lang=lang,
        numeric_order=str(raw.get("numeric_order", "mdy")),
        rel_days={_phrase(k): int(v) for k, v in raw.get("rel_days", {}).items()},
        decade_words={str(k): int(v) for k, v in raw.get("decade_words", {}).items()},
    )
