"""Speaker checks: a quote whose own words contradict its attributed speaker.

A first-person reference to a country ("our country", "our territory", "our border")
set against another named country ("… entering our country from the United States")
tells whose country "our" is not.  When that other country is the speaker's own, the
attribution cannot be right.
"""

from __future__ import annotations

import re
from importlib import resources

import yaml

from presswatch.kb import KB
from presswatch.kb.model import norm
from presswatch.kb.resolve import country_words
from presswatch.records import Analysis, Finding

__all__ = ["check_speakers"]

_DATA = yaml.safe_load(
    resources.files("presswatch").joinpath("data/checks/speakers.yaml").read_text("utf-8")
)
#: "our country", "nuestro territorio": every language's form is tried on every quote (an
#: English article may quote Spanish words as spoken).
_OURS = [re.compile(p, re.I) for p in _DATA["ours"].values()]
#: How another country is set against "our …" in the same quote (data/checks/speakers.yaml).
_OTHER = [
    re.compile(p.replace("{name}", _DATA["name"]), re.UNICODE)
    for patterns in _DATA["other"].values()
    for p in patterns
]


def _ours(quote: str) -> re.Match[str] | None:
    return next((m for r in _OURS if (m := r.search(quote))), None)


def _countries_named(kb: KB, quote: str) -> set[str]:
    table = country_words(kb)
    found: set[str] = set()
    for m in (m for r in _OTHER for m in r.finditer(quote)):
        words = norm(m.group("name")).split()
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n]).rstrip(".,;:")
            bare = phrase[:-2] if phrase.endswith("'s") else phrase
            code = table.get(phrase) or table.get(bare)
            if code:
                found.add(code)
                break
    return found


def check_speakers(a: Analysis, kb: KB) -> list[Finding]:
    out: list[Finding] = []
    countries = {r.id: r.country for r in a.actors}
    for q in a.quotes:
        if not q.speaker or not _ours(q.text):
            continue
        actor = kb.get(q.speaker)
        speaker_country = (actor.country if actor else None) or countries.get(q.speaker)
        if not speaker_country:
            continue
        others = _countries_named(kb, q.text)
        if speaker_country in others:
            ours = _ours(q.text)
            assert ours is not None
            name = actor.name if actor else (q.speaker_text or q.speaker)
            out.append(Finding(
                kind="speaker_mismatch", severity="warning",
                message=(f"The quote is attributed to {name} ({speaker_country}), but its words "
                         f"speak of “{ours.group(0)}” as a country other than {speaker_country}:"
                         " the speaker or the quote is wrong."),
                article=a.article.id, start=q.start, end=q.end, evidence=q.text,
                actor=q.speaker,
            ))  # fmt: skip
    return out
