"""Whose government wrote a document (``kb/data/home.yaml``).

A government's own texts call its offices by bare titles: in a White House briefing
"the President had a very constructive conversation with the President-elect" is the
US president of that day, even right after a question about "AMLO's government".  The
signals, strongest first: the host the document was published on, a line only that
government's texts carry ("THE PRESIDENT:", "THE WHITE HOUSE"), and a transcript
whose labelled speakers are that country's office holders on the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlparse

import yaml

from presswatch.errors import KBError
from presswatch.kb.index import KB
from presswatch.kb.model import norm

#: A transcript's speaker label at the start of a line: "MS. JEAN-PIERRE:", "MR. SULLIVAN:".
_UP = "A-ZÁÉÍÓÚÑÜ"
_SPEAKER_LABEL = re.compile(
    rf"^[ \t]*((?:[{_UP}][{_UP}.'’-]*[ \t]+){{0,4}}[{_UP}][{_UP}.'’-]+):", re.M
)
#: Courtesy words: not part of a name (in a speaker label) and no office (before a name).
COURTESY = frozenset({"mr.", "ms.", "mrs.", "dr.", "mr", "ms", "mrs", "dr"})
#: Only the opening of a long transcript is read for its speakers (as checks/roles.py).
_HEAD_CHARS = 60_000


@dataclass(frozen=True)
class HomeRules:
    hosts: Mapping[str, str]
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    min_speaker_turns: int
    between_terms: frozenset[str]


@cache
def home_rules() -> HomeRules:
    """The shipped rules, read once per process."""
    text = resources.files("presswatch.kb").joinpath("data/home.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    try:
        lines = tuple((str(country), re.compile(str(p), re.M))
                      for country, ps in (data.get("lines") or {}).items() for p in ps)  # fmt: skip
    except re.error as err:
        raise KBError(f"home.yaml: a pattern under 'lines' is not a regular expression "
                      f"({err}); fix the file") from err  # fmt: skip
    return HomeRules(
        hosts={str(h).lower(): str(c) for h, c in (data.get("hosts") or {}).items()},
        lines=lines,
        min_speaker_turns=int(data.get("min_speaker_turns") or 2),
        between_terms=frozenset(norm(str(t)) for t in data.get("between_terms") or ()),
    )


def home_country(kb: KB, text: str, url: str | None, day: dt.date) -> str | None:
    """The country whose government wrote the document, when we can tell; else None."""
    rules = home_rules()
    host = (urlparse(url).hostname or "").lower() if url else ""
    for h, country in rules.hosts.items():
        if host == h or host.endswith("." + h):
            return country
    head = text[:_HEAD_CHARS]
    for country, pattern in rules.lines:
        if pattern.search(head):
            return country
    return _speakers_country(kb, head, day, rules.min_speaker_turns)


def _speakers_country(kb: KB, text: str, day: dt.date, least: int) -> str | None:
    """The country whose office holders speak most of the labelled turns."""
    turns: dict[str, int] = {}
    for m in _SPEAKER_LABEL.finditer(text):
        aid = _speaker(kb, m.group(1), day)
        if aid is None:
            continue
        countries = {r.country for r in kb.roles_at(aid, day) if r.country}
        if len(countries) == 1:
            c = countries.pop()
            turns[c] = turns.get(c, 0) + 1
    if not turns:
        return None
    ranked = sorted(turns.items(), key=lambda kv: -kv[1])
    best, n = ranked[0]
    if n < least or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    return best


def _speaker(kb: KB, label: str, day: dt.date) -> str | None:
    """The KB person a speaker label names ("MR. SULLIVAN", "PRESIDENTA CLAUDIA
    SHEINBAUM PARDO"), when only one fits; titles alone ("THE PRESIDENT") name nobody."""
    words = [w for w in norm(label).split() if w not in COURTESY]
    for n in range(min(len(words), 4), 0, -1):
        for i in range(len(words) - n + 1):
            ids = kb.names.get(" ".join(words[i : i + n]))
            if ids and len(ids) == 1 and _person(kb, ids[0]):
                return ids[0]
    if words:
        ids = [a for a in kb.surnames.get(words[-1], []) if kb.roles_at(a, day)]
        if len(ids) == 1 and _person(kb, ids[0]):
            return ids[0]
    return None


def _person(kb: KB, aid: str) -> bool:
    actor = kb.get(aid)
    return actor is not None and actor.kind == "person"
