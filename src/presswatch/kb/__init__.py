"""The knowledge base: actors, their names and their roles over time (docs/KB.md).

Public API::

    kb = load_kb()                       # shipped packs (+ extra YAML files), cached
    kb.get("claudia-sheinbaum")          # -> Actor | None
    kb.roles_at("donald-trump", "2025-03-31")        # -> [Role(President of the United States)]
    kb.holders("president", "MEX", "2024-11-01")     # -> [Actor(claudia-sheinbaum)]
    kb.resolve("the Mexican president", "2025-03-31")  # -> Resolution(id, kind, country, sector)
    kb.titles_of("kristi-noem")          # -> {"secretary of homeland security", ...}
    kb.match_title("donald-trump", "former U.S. President", "2025-04-16")  # -> "current"
"""

from __future__ import annotations

from presswatch.kb.index import KB, TitleStatus
from presswatch.kb.loader import Pack, load_kb, read_pack, shipped_packs
from presswatch.kb.model import KINDS, SECTORS, Resolution, fold, norm, slugify
from presswatch.kb.resolve import TitleSpec, parse_title

__all__ = [
    "KB",
    "KINDS",
    "SECTORS",
    "Pack",
    "Resolution",
    "TitleSpec",
    "TitleStatus",
    "fold",
    "load_kb",
    "norm",
    "parse_title",
    "read_pack",
    "shipped_packs",
    "slugify",
]
