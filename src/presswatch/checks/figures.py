"""Cross-article figure conflicts: the same measure for the same subject and period,
reported with values that disagree beyond rounding and beyond what their hedges allow.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence

from presswatch.records import Analysis, Claim, Finding, Related

__all__ = ["check_figures", "compatible"]

#: Two exact figures within this relative difference are the same figure rounded
#: (43,118 vs "43,000"; 10,000 vs 10,000).
ROUNDING = 0.05
#: "about"/"around" figures may sit this far from an exact one.
ABOUT = 0.10


def _range(c: Claim) -> tuple[float, float]:
    v = float(c.value or 0)
    if c.approx == "over" or c.approx == "at_least":
        return v, float("inf")
    if c.approx == "under" or c.approx == "up_to":
        return 0.0, v
    if c.approx == "about":
        return v * (1 - ABOUT), v * (1 + ABOUT)
    return v * (1 - ROUNDING / 2), v * (1 + ROUNDING / 2)


def compatible(a: Claim, b: Claim) -> bool:
    """Could both figures be true at once, given their hedges and ordinary rounding?"""
    lo_a, hi_a = _range(a)
    lo_b, hi_b = _range(b)
    return lo_a <= hi_b and lo_b <= hi_a


#: Measures that count people in general: "29 people", "35 cartel figures" and "29
#: suspects" sent on the same day are the same measure told in different words.
#: Spanish nouns are listed for measures the Spanish lexicon leaves as written: measures
#: are otherwise the one (English) vocabulary, so figures compare across languages.
_PEOPLE = frozenset(
    "people person persons individuals figure figures suspects fugitives prisoners "
    "detainees inmates members leaders capos defendants "
    "personas persona individuos reos presos detenidos internos integrantes líderes "
    "narcotraficantes capo".split()
)


#: Measures too generic to say two figures count the same thing ("$216 million" of one
#: budget line and "$385 million" of another are both "money").
_GENERIC = frozenset(
    "money dollars amount national nationals percent percentage share number total people "
    "persons dinero dólares pesos porcentaje número personas".split()
)
#: Running totals grow between articles: "since taking office", "so far", "to date".
#: The Spanish forms: "en lo que va del año", "hasta ahora", "suman 55", "desde que llegó"
#: ("desde" alone is also "from": "desde Washington").
_CUMULATIVE = re.compile(
    r"\b(since|so far|to date|year to date|thus far|already|en lo que va|hasta ahora|"
    r"hasta la fecha|a la fecha|ya suman|suman|acumulad[oa]s?|desde que|desde el inicio|"
    r"desde hace|desde el \d)\b",
    re.I,
)


def _comparable(c: Claim) -> bool:
    if c.value is None or not (c.measure and c.subject and c.period):
        return False
    if set(c.measure.lower().split()) <= _GENERIC:
        return False
    return not _CUMULATIVE.search(c.sentence or "")


def _hedge(c: Claim) -> Claim:
    """"150,000+" is "over 150,000", whatever the extractor made of the plus sign."""
    if c.approx == "exact" and c.text.rstrip().endswith("+"):
        return dataclasses.replace(c, approx="over")
    return c


def _measure(c: Claim) -> str:
    words = (c.measure or "").lower().split()
    return "people" if words and words[-1] in _PEOPLE else " ".join(words)


def check_figures(analyses: Sequence[Analysis]) -> list[Finding]:
    groups: dict[tuple[str, str, str], list[tuple[Analysis, Claim]]] = defaultdict(list)
    for a in analyses:
        for c in a.claims:
            if not _comparable(c):
                continue
            c = _hedge(c)
            assert c.subject and c.period  # _comparable
            groups[(_measure(c), c.subject, c.period)].append((a, c))
    out: list[Finding] = []
    for (measure, subject, period), items in sorted(groups.items()):
        for a, c in items:
            conflicts = [
                (b, d) for b, d in items
                if b.article.id != a.article.id and not compatible(c, d)
            ]  # fmt: skip
            if not conflicts:
                continue
            others = ", ".join(
                f"{d.text} ({b.article.title or b.article.id[:12]})" for b, d in conflicts[:3]
            )
            out.append(Finding(
                kind="figure_conflict", severity="warning",
                message=(f"{measure} for {subject} in {period}: this article reports {c.text}, "
                         f"other coverage reports {others}."),
                article=a.article.id, start=c.start, end=c.end,
                evidence=c.sentence or c.text,
                related=tuple(Related(b.article.id, d.start, d.end) for b, d in conflicts),
            ))  # fmt: skip
    return out
