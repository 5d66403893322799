"""Cross-article attribution conflicts: the same quote attributed to different speakers.

Two quotes are the same quote when

* their words are the same (in order, or nearly all of them): this holds in any language,
  and across languages when an outlet quotes the words as spoken ("«We will not be
  intimidated», escribió …"); or
* they are one quote translated: an English and a Spanish article whose quotes name the
  same actors, figures and dates (linked ids and values, the same in every language) —
  ``MIN_ANCHORS`` of them, at least one a figure or a date, all shared — published at most
  ``SAME_CYCLE_DAYS`` apart.  Words play no part there, so no translation is needed.

Speakers are compared by actor id, the same in every language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from presswatch.checks.roles import feminine_title
from presswatch.kb import KB, load_kb
from presswatch.kb.model import norm
from presswatch.records import Analysis, Finding, Quote, Related

__all__ = ["check_attributions"]

#: Quotes shorter than this (in words) are too common to identify ("we will see").
MIN_WORDS = 6
#: Share of the shorter quote's words found, in order, in the longer one.
OVERLAP = 0.8
#: A translated quote is identified by what it names, not its words: this many actors,
#: figures and dates, all shared, and one of them a figure or date (actors alone — "Mexico
#: and the United States" — are named by half the quotes of a story).
MIN_ANCHORS = 3
#: A quote translated by another outlet is reported in the same news cycle.
SAME_CYCLE_DAYS = 3
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
#: a thousands separator of either language: "10.000", "10,000"
_THOUSANDS = re.compile(r"[.,](?=\d{3}(?:\D|$))")

Anchors = frozenset[str]


def _words(q: Quote) -> list[str]:
    return _WORD.findall(norm(q.text))


def _same_quote(a: list[str], b: list[str]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    joined = " " + " ".join(long_) + " "
    if " " + " ".join(short) + " " in joined:
        return True
    common = len(set(short) & set(long_))
    return common / max(1, len(set(short))) >= OVERLAP and len(short) >= MIN_WORDS * 2


def _anchors(a: Analysis, q: Quote) -> Anchors:
    """What the quote names, in values every language shares: linked actor ids, figures
    ("10.000" = "10,000" = 10000) and resolved dates."""
    out = {f"actor:{m.actor}" for m in a.mentions
           if m.actor and q.start <= m.start and m.end <= q.end}  # fmt: skip
    for n in _NUMBER.findall(q.text):
        value = _THOUSANDS.sub("", n).replace(",", ".")
        out.add(f"number:{float(value):g}" if value.count(".") <= 1 else f"number:{value}")
    out |= {f"date:{d.value}" for d in a.dates
            if d.value and d.type == "DATE" and q.start <= d.start and d.end <= q.end}  # fmt: skip
    return frozenset(out)


def _day(a: Analysis) -> dt.date | None:
    try:
        return dt.date.fromisoformat(a.article.published or "")
    except ValueError:
        return None


def _translated(a: Analysis, x: Anchors, b: Analysis, y: Anchors) -> bool:
    """One quote in two languages: the same anchors, enough of them, in one news cycle."""
    if not a.article.language or not b.article.language or a.article.language == b.article.language:
        return False  # within a language the words decide
    if x != y or len(x) < MIN_ANCHORS or not any(k.startswith(("number:", "date:")) for k in x):
        return False
    d1, d2 = _day(a), _day(b)
    return d1 is not None and d2 is not None and abs((d1 - d2).days) <= SAME_CYCLE_DAYS


def _linked(kb: KB, q: Quote) -> bool:
    """Is the speaker link believable?  "la presidenta" linked to a man is a wrong link,
    and a wrong link must not make a conflict."""
    actor = kb.get(q.speaker or "")
    return not (actor and actor.gender == "male" and feminine_title(q.speaker_text or ""))


def check_attributions(analyses: Sequence[Analysis], kb: KB | None = None) -> list[Finding]:
    kb = kb or load_kb()
    quotes = [
        (a, q, _words(q), _anchors(a, q)) for a in analyses for q in a.quotes
        if q.kind == "direct" and q.speaker and len(_words(q)) >= MIN_WORDS and _linked(kb, q)
    ]  # fmt: skip
    out: list[Finding] = []
    for a, q, w, x in quotes:
        conflicts = [
            (b, r) for b, r, v, y in quotes
            if b.article.id != a.article.id and r.speaker != q.speaker
            and (_same_quote(w, v) or _translated(a, x, b, y))
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
