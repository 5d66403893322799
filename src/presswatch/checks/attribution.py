"""Cross-article attribution conflicts: the same quote attributed to different speakers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from presswatch.kb.model import norm
from presswatch.records import Analysis, Finding, Quote, Related

__all__ = ["check_attributions"]

#: Quotes shorter than this (in words) are too common to identify ("we will see").
MIN_WORDS = 6
#: Share of the shorter quote's words found, in order, in the longer one.
OVERLAP = 0.8
_WORD = re.compile(r"\w+")


def _words(q: Quote) -> list[str]:
    return _WORD.findall(norm(q.text))


def _same_quote(a: list[str], b: list[str]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    joined = " " + " ".join(long_) + " "
    if " " + " ".join(short) + " " in joined:
        return True
    common = len(set(short) & set(long_))
    return common / max(1, len(set(short))) >= OVERLAP and len(short) >= MIN_WORDS * 2


def check_attributions(analyses: Sequence[Analysis]) -> list[Finding]:
    quotes = [
        (a, q, _words(q)) for a in analyses for q in a.quotes
        if q.kind == "direct" and q.speaker and len(_words(q)) >= MIN_WORDS
    ]  # fmt: skip
    out: list[Finding] = []
    for a, q, w in quotes:
        conflicts = [
            (b, r) for b, r, v in quotes
            if b.article.id != a.article.id and r.speaker != q.speaker and _same_quote(w, v)
        ]  # fmt: skip
        if not conflicts:
            continue
        others = ", ".join(sorted({r.speaker_text or r.speaker or "?" for _, r in conflicts}))
        out.append(Finding(
            kind="attribution_conflict", severity="warning",
            message=(f"This article attributes the quote to {q.speaker_text or q.speaker}; "
                     f"other coverage attributes it to {others}."),
            article=a.article.id, start=q.start, end=q.end, evidence=q.text, actor=q.speaker,
            related=tuple(Related(b.article.id, r.start, r.end) for b, r in conflicts),
        ))  # fmt: skip
    return out
