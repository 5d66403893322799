"""The JSON contract of docs/JSON.md: one function per level, nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from presswatch.records import Analysis, Finding, to_dict
from presswatch.version import __version__

__all__ = ["analysis_to_json", "document"]

_ARTICLE_FIELDS = (
    "id",
    "path",
    "url",
    "title",
    "source",
    "published",
    "published_basis",
    "language",
)


def analysis_to_json(a: Analysis) -> dict[str, Any]:
    art = a.article
    out: dict[str, Any] = {f: getattr(art, f) for f in _ARTICLE_FIELDS}
    out["near_duplicate_of"] = art.near_duplicate_of
    out["analysed"] = a.analysed
    out["actors"] = to_dict(a.actors)
    out["mentions"] = to_dict(a.mentions)
    out["events"] = to_dict(a.events)
    out["quotes"] = to_dict(a.quotes)
    out["claims"] = to_dict(a.claims)
    out["dates"] = to_dict(a.dates)
    out["topics"] = to_dict(a.topics)
    return out


def document(analyses: Iterable[Analysis], findings: Iterable[Finding]) -> dict[str, Any]:
    return {
        "presswatch": __version__,
        "articles": [analysis_to_json(a) for a in analyses],
        "findings": to_dict(list(findings)),
    }
