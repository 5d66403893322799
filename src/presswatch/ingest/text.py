"""Plain text and Markdown files, with optional YAML front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.ingest.decode import decode
from presswatch.ingest.fields import build_article
from presswatch.ingest.markdown import markdown_to_text
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = ["read_markdown_file", "read_text_file", "split_front_matter"]

#: The closing fence of front matter: '---' (or YAML's '...') alone on a line.
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_OPEN = re.compile(r"\A---[ \t]*\r?\n")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-fenced YAML front matter from the body; ({}, text) when there is none."""
    text = text.lstrip("\ufeff")
    m = _OPEN.match(text)
    if not m:
        return {}, text
    close = _CLOSE.search(text, m.end() - 1)
    if close is None:
        raise InputError(
            "front matter starts with '---' but has no closing '---' line; add it after the "
            "metadata",
            code=codes.FRONT_MATTER,
        )
    try:
        meta = yaml.safe_load(text[m.end() : close.start()]) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or err.__class__.__name__
        raise InputError(
            f"malformed YAML front matter{where} ({problem}); fix the YAML between the '---' "
            "lines (quote values that contain ':')",
            code=codes.FRONT_MATTER,
        ) from None
    except (ValueError, OverflowError, RecursionError) as err:
        # PyYAML builds timestamps itself: "published: 2025-13-45" raises ValueError.
        raise InputError(
            f"malformed YAML front matter ({str(err)[:60]}); write dates as YYYY-MM-DD that "
            "exist, or quote the value",
            code=codes.FRONT_MATTER,
        ) from None
    if not isinstance(meta, dict):
        raise InputError(
            "front matter must be 'key: value' lines between '---' lines, not a "
            f"{type(meta).__name__}",
            code=codes.FRONT_MATTER,
        )
    return {str(k): v for k, v in meta.items()}, text[close.end() :]


def read_text_file(
    path: Path, data: bytes, settings: Settings, defaults: Mapping[str, Any]
) -> Iterator[Article | Failure]:
    meta, body = split_front_matter(decode(data))
    yield build_article(body, meta, settings, path=path, defaults=defaults, where="front matter ")


def read_markdown_file(
    path: Path, data: bytes, settings: Settings, defaults: Mapping[str, Any]
) -> Iterator[Article | Failure]:
    meta, body = split_front_matter(decode(data))
    yield build_article(
        markdown_to_text(body), meta, settings, path=path, defaults=defaults, where="front matter "
    )
