"""Plain text and Markdown files, with optional YAML front matter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import InputError
from presswatch.records import Article, Failure
from presswatch.settings import Settings


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError("the file is not UTF-8 text", code="E103") from err


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise InputError("front matter starts with '---' but has no closing '---' line", code="E104")
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as err:
        raise InputError(f"malformed YAML front matter ({err.__class__.__name__})", code="E104") from err
    if not isinstance(meta, dict):
        raise InputError("front matter must be a mapping of keys to values", code="E104")
    body = text[end + 4 :]
    return meta, body.split("\n", 1)[1] if "\n" in body else ""


def to_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.datetime.fromisoformat(str(value).strip()).date().isoformat()
    except ValueError:
        return None


def read_text_file(path: Path, data: bytes, settings: Settings) -> Iterator[Article | Failure]:
    from presswatch.ingest.core import article_id, normalise_text

    text = decode(data)
    meta, body = split_front_matter(text)
    body = normalise_text(body)
    if not body:
        raise InputError("the file has no text", code="E105")
    published = to_date(meta.get("published") or meta.get("date") or meta.get("published_time"))
    basis = "metadata" if published else "none"
    if not published and settings.published:
        published, basis = settings.published, "given"
    yield Article(
        id=article_id(body),
        text=body,
        title=meta.get("title"),
        url=meta.get("url") or meta.get("source_url"),
        source=meta.get("source"),
        published=published,
        published_basis=basis,
        language=meta.get("language"),
        path=str(path),
    )
