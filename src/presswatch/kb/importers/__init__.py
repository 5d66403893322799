"""Grow the knowledge base: Wikidata dump lines and PETRARCH/Phoenix dictionaries -> pack YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["dump_pack", "import_source"]

SOURCES = ("wikidata", "phoenix")


def import_source(source: str, path: Path, problems: list[str] | None = None) -> dict[str, Any]:
    """Read ``path`` in the ``source`` format and return a pack mapping.  With ``problems``,
    a Phoenix code that cannot be read is skipped and described there (one line each)."""
    if source == "wikidata":
        from presswatch.kb.importers.wikidata import import_file

        return import_file(path)
    from presswatch.kb.importers.phoenix import import_file as import_phoenix

    return import_phoenix(path, problems=problems)


def dump_pack(pack: dict[str, Any]) -> str:
    """The pack as YAML, one actor per block, in presswatch's format (docs/KB.md)."""
    head = f"# presswatch knowledge-base pack, {pack.get('source', '')}\n"
    return head + yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=100)
