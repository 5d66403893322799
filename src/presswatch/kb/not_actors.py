"""The rules that say what is *not* an actor (``kb/data/not_actors.yaml``).

The linker turns named entities the KB does not know into actors; these rules keep
laws, policies, events, conditions, bare titles, ordinary capitalised words and
geographic regions out of the ``actors`` list.  The file is data: grow it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from presswatch.errors import KBError
from presswatch.kb.model import fold

__all__ = ["NotActors", "not_actors", "singular"]


@dataclass(frozen=True, slots=True)
class NotActors:
    #: head word (lower case, singular) -> category (law, policy, event, condition, …)
    heads: dict[str, str]
    #: heads that make a name of ordinary words an organisation
    org_heads: frozenset[str]
    #: words before a name that are a title, not part of the name
    title_words: frozenset[str]
    #: whole names (lower case, without "the") that are never actors
    names: frozenset[str]
    #: KB ids of places that are locations, never actors
    places: frozenset[str]


def singular(word: str) -> str:
    """A plural noun's singular, by spelling only ("agencies" -> "agency")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _words(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise KBError(f"not_actors.yaml: '{key}' must be a list of words; fix the file")
    return [w.lower() for w in value]


@cache
def not_actors(lang: str = "en") -> NotActors:
    """The shipped rules for ``lang`` (``data/not_actors.yaml``, another language's in
    ``data/<lang>/not_actors.yaml``), read once per process.  Spanish heads are first
    words and also match without accents ("operacion")."""
    rel = "data/not_actors.yaml" if lang == "en" else f"data/{lang}/not_actors.yaml"
    text = resources.files("presswatch.kb").joinpath(rel).read_text("utf-8")
    data = yaml.safe_load(text) or {}
    heads: dict[str, str] = {}
    for category, words in (data.get("heads") or {}).items():
        for w in _words({"w": words}, "w"):
            heads.setdefault(w, str(category))
            if lang != "en":
                heads.setdefault(fold(w), str(category))
    return NotActors(
        heads=heads,
        org_heads=frozenset(_words(data, "org_heads")),
        title_words=frozenset(_words(data, "title_words")),
        names=frozenset(_words(data, "names")),
        places=frozenset(_words(data, "places")),
    )
