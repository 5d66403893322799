"""Temporal checks: dates in one article that cannot all be true.

* A future expectation dated before what the article reports as past: "Trump's posture
  expected to be revealed on March 2, 2025" in an article that reports a meeting of
  March 28 as done and was published on March 31.
* An event reported as having happened (asserted, not future or hypothetical) but dated
  after the article's own publication date.
"""

from __future__ import annotations

import re

from presswatch.checks.roles import is_transcript
from presswatch.records import Analysis, Finding

__all__ = ["check_dates"]

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A present-tense expectation right before a date in the same clause.  Past forms
#: ("was expected to", "had been scheduled for") report an old plan and are left alone.
_EXPECTATION = re.compile(
    r"(?<!was )(?<!were )(?<!had been )(?<!had )"
    r"\b(?:expected|set|scheduled|due|slated)\s+to\s+(?:be\s+)?\w+(?:\s+\w+)?"
    r"\s+(?:on|by)\s+$",
    re.I,
)
#: Words that put a sentence's event in the future or make it a plan, whatever its date.
_NOT_DONE = re.compile(
    r"\b(will|would|tomorrow|next|upcoming|going to|plans? to|expected|looking forward|"
    r"scheduled|later this|is \w+ing|are \w+ing)\b",
    re.I,
)
_YEAR_WRITTEN = re.compile(r"\b(19|20)\d\d\b")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right + 1


def check_dates(a: Analysis) -> list[Finding]:
    dct = a.article.published
    if not dct or a.article.published_basis == "none":
        return []
    if is_transcript(a.article.text):
        return []  # live speech: "what I will say is … yesterday" is not a written claim
    text = a.article.text
    past_events = [
        e for e in a.events
        if e.modality == "asserted" and e.date and _FULL_DATE.match(e.date) and e.date <= dct
    ]  # fmt: skip
    latest_past = max((e.date for e in past_events if e.date), default=None)
    out: list[Finding] = []
    for d in a.dates:
        if d.type != "DATE" or not d.value or not _FULL_DATE.match(d.value):
            continue
        s, _ = _sentence_bounds(text, d.start, d.end)
        before = text[s : d.start]
        if not _EXPECTATION.search(before):
            continue
        anchor = latest_past if latest_past and latest_past > d.value else None
        if d.value >= dct:
            continue
        reference = (
            f"events it reports as past ({anchor})"
            if anchor
            else f"its own publication date ({dct})"
        )
        out.append(Finding(
            kind="temporal_inconsistency", severity="warning",
            message=(f"“{d.text}” ({d.value}) is given as a future expectation, but it falls "
                     f"before {reference}: the date cannot be right."),
            article=a.article.id, start=d.start, end=d.end,
            evidence=text[s : min(len(text), d.end + 1)].strip(),
        ))  # fmt: skip
    for e in a.events:
        if not (e.modality == "asserted" and e.date and _FULL_DATE.match(e.date)
                and e.date > dct and a.article.published_basis in ("metadata", "given")):
            continue
        # only a date written out with its year, in a sentence that tells of something done:
        # a relative date ("Friday") resolved by our own tense rule is too weak a witness
        written = [d for d in a.dates if e.start <= d.start < e.end and d.value == e.date]
        if (not written or not any(_YEAR_WRITTEN.search(d.text) for d in written)
                or _NOT_DONE.search(e.sentence)):
            continue
        out.append(Finding(
            kind="temporal_inconsistency", severity="warning",
            message=(f"The {e.type} event “{e.trigger}” is reported as having happened on "
                     f"{e.date}, after the article's publication date ({dct})."),
            article=a.article.id, start=e.start, end=e.end, evidence=e.sentence,
            actor=(e.source or e.target or (None,))[0],
        ))  # fmt: skip
    return out
