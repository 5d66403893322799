"""RSS and Atom feed files: each entry becomes an article.

The document is screened with defusedxml first: a DOCTYPE or ENTITY
declaration (the vehicle of XML bombs and external-entity attacks) is refused.
feedparser then gets the bytes, never a path or URL string, so it cannot be
made to fetch anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.ingest.decode import check_not_binary
from presswatch.ingest.fields import build_article, to_date
from presswatch.ingest.html import html_to_text
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = ["read_feed_file"]

STAGE = "ingest"
#: A declaration anywhere in the prolog, whatever the parser thinks of the rest.
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)\b", re.IGNORECASE)


def _screen(data: bytes) -> None:
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    if _DECLARATION.search(data[:65536]):
        raise InputError(
            "the feed declares a DOCTYPE or entities, which presswatch refuses (XML bombs, "
            "external entities); remove the <!DOCTYPE …>/<!ENTITY …> declarations",
            code=codes.FEED_DTD,
        )
    try:
        safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(
            "the feed declares a DOCTYPE or entities, which presswatch refuses (XML bombs, "
            "external entities); remove the <!DOCTYPE …>/<!ENTITY …> declarations",
            code=codes.FEED_DTD,
        ) from None
    except (ParseError, ValueError):  # malformed XML: feedparser's lenient parser decides
        pass


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return _as_text(value, content.get("type", ""))
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return _as_text(summary, detail.get("type", "text/html"))


def _as_text(value: str, mime: str) -> str:
    return value if mime == "text/plain" else html_to_text(value)


def _entry_title(entry: Any) -> str | None:
    title = entry.get("title") or ""
    if "<" in title and (entry.get("title_detail") or {}).get("type") == "text/html":
        title = html_to_text(title)
    return title or None


def _entry_date(entry: Any) -> str | None:
    """The entry's own date string in its own timezone (feedparser's *_parsed is UTC)."""
    import datetime as dt

    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            try:
                return to_date(raw)
            except ValueError:
                parsed = entry.get(f"{key}_parsed")
                if parsed:
                    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def read_feed_file(
    path: Path, data: bytes, settings: Settings, defaults: Mapping[str, Any]
) -> Iterator[Article | Failure]:
    import feedparser

    check_not_binary(data)
    _screen(data)
    parsed = feedparser.parse(data)  # bytes: feedparser never opens a path or URL
    if not parsed.get("version"):
        raise InputError(
            "not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root); give a valid RSS 2.0 "
            "or Atom file, or save an article as .txt/.md/.html",
            code=codes.FEED_INVALID,
        )
    if not parsed.entries:
        raise InputError(
            "the feed has no entries; give a feed with at least one item", code=codes.FEED_INVALID
        )
    feed = parsed.get("feed", {})
    channel = {"source": feed.get("title"), "language": feed.get("language")}
    # The feed's own channel metadata wins over a sidecar, as an item's own metadata does.
    channel = dict(defaults) | {k: v for k, v in channel.items() if v}
    for n, entry in enumerate(parsed.entries, 1):
        item = f"{path} entry {n}"
        meta = {
            "title": _entry_title(entry),
            "url": entry.get("link"),
            "published": _entry_date(entry),
        }
        try:
            yield build_article(_entry_text(entry), meta, settings, path=path, defaults=channel)
        except InputError as err:
            yield Failure(item, STAGE, err.code, err.message)
