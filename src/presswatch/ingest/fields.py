"""From raw fields to an :class:`Article`: text normalisation, ids, dates, metadata precedence.

Every reader (text, Markdown, HTML, tables, feeds) ends here, so the rules
below hold for all formats:

* the body text is NFC, with unified newlines, no invisible or non-breaking
  spaces, and at most one blank line in a row;
* the id is a supplied id when the format has one, else the SHA-1 of the text;
* the publication date comes from the item's own metadata, else from the
  directory's ``metadata.json`` sidecar (both basis ``metadata``), else from
  ``--published`` (basis ``given``); a timestamp becomes the calendar date in
  its own timezone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.records import Article
from presswatch.settings import Settings

__all__ = ["article_id", "build_article", "clean_line", "normalise_text", "to_date"]

#: Metadata keys that give the publication date, in order of preference.
DATE_KEYS = ("published", "published_time", "date", "pubdate", "datePublished")
#: Keys for the article's address.
URL_KEYS = ("url", "source_url", "link")

#: Spaces that look like a space but are not one (no-break, narrow, figure, ideographic …).
_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005"
        "\u2006\u2008\u2009\u200a\u205f\u3000\t\v\f",
    ),
    " ",
)
#: Characters with no visible form that break words apart for the tokenizer (zero-width
#: space/joiners, word joiner, soft hyphen, a stray byte-order mark).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff"), None)
_TRANSLATE = {**_SPACES, **_INVISIBLE}
_RUN_OF_SPACES = re.compile(r" {2,}")


def normalise_text(text: str) -> str:
    """NFC, unified newlines, plain spaces, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").translate(_TRANSLATE)
    out: list[str] = []
    for ln in text.split("\n"):
        ln = ln.rstrip()
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip()


def clean_line(value: str) -> str:
    """One-line metadata value (a title): plain spaces, single spaces, stripped."""
    value = unicodedata.normalize("NFC", value).translate(_TRANSLATE)
    return _RUN_OF_SPACES.sub(" ", " ".join(value.split())).strip()


def article_id(text: str) -> str:
    """Content id: SHA-1 of the normalised text with whitespace collapsed, case-folded."""
    key = " ".join(normalise_text(text).split()).casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


_HAS_LETTER = re.compile(r"[A-Za-z]")


def to_date(value: Any) -> str | None:
    """The calendar date (YYYY-MM-DD) of a date or timestamp, in the timestamp's own timezone.

    Accepts date/datetime objects (YAML parses unquoted timestamps into these),
    ISO 8601 strings (``2024-10-10``, ``2024-10-10 23:59:00-04:00``,
    ``2024-10-10T03:59:00Z``), RFC 2822 strings as feeds write them, and
    dates with a month name (``October 10, 2024``).  Returns None when the
    value is empty; raises ValueError when it is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):  # before date: datetime is a subclass of date
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    s = value.strip()
    try:
        return dt.datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    # Month names only: an all-numeric "03/04/2025" is ambiguous (March 4 or 3 April).
    if _HAS_LETTER.search(s):
        from dateutil import parser as dateparser

        try:
            parsed = dateparser.parse(s, default=dt.datetime(1, 1, 1))
        except (ValueError, OverflowError):
            parsed = None
        # A parse that filled in the year from the default did not see a full date.
        if parsed is not None and parsed.year > 1:
            return parsed.date().isoformat()
    raise ValueError(f"{value!r} is not a date")


def _first(meta: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for k in keys:
        v = meta.get(k)
        if v is not None and v != "":
            return k, v
    return None, None


def _string(meta: Mapping[str, Any], keys: tuple[str, ...], where: str) -> str | None:
    key, value = _first(meta, keys)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        raise InputError(
            f"{where}'{key}' is a {type(value).__name__}, not text; make it a plain string",
            code=codes.BAD_FIELD,
        )
    text = clean_line(str(value))
    return text or None


def _date(meta: Mapping[str, Any], where: str) -> str | None:
    key, value = _first(meta, DATE_KEYS)
    try:
        return to_date(value)
    except ValueError:
        raise InputError(
            f"{where}'{key}' value {str(value)[:40]!r} is not a date; write it as YYYY-MM-DD",
            code=codes.BAD_DATE,
        ) from None


_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def _primary_language(tag: str | None) -> str | None:
    """'en-US' -> 'en': the language subtag is what routing compares; None if not a tag."""
    m = _LANGUAGE_TAG.match(tag or "")
    return m.group(1).lower() if m else None


def build_article(
    text: str,
    meta: Mapping[str, Any],
    settings: Settings,
    *,
    path: Path | str | None,
    defaults: Mapping[str, Any] | None = None,
    where: str = "",
    supplied_id: Any = None,
) -> Article:
    """Make the Article for one item.

    ``meta`` is the item's own metadata; ``defaults`` (a sidecar entry, a
    feed's channel) fill what it lacks.  ``where`` prefixes messages about a
    field ("front matter ", "metadata.json ").
    """
    body = normalise_text(text)
    if not body:
        raise InputError("there is no text; add the text or remove the item", code=codes.EMPTY)
    defaults = defaults or {}
    published = _date(meta, where)
    basis = "metadata" if published else "none"
    if published is None and defaults:
        published = _date(defaults, "metadata.json ")
        basis = "metadata" if published else "none"
    if published is None and settings.published:
        published, basis = settings.published, "given"

    def field(keys: tuple[str, ...]) -> str | None:
        own = _string(meta, keys, where)
        return own if own is not None else _string(defaults, keys, "metadata.json ")

    language = field(("language", "lang"))
    if supplied_id is not None and supplied_id != "":
        if isinstance(supplied_id, bool) or not isinstance(supplied_id, (str, int)):
            raise InputError(f"{where}'id' must be a string or a number", code=codes.BAD_FIELD)
        aid = clean_line(str(supplied_id))
    else:
        aid = article_id(body)
    return Article(
        id=aid or article_id(body),
        text=body,
        title=field(("title",)),
        url=field(URL_KEYS),
        source=field(("source", "sitename", "site_name")),
        published=published,
        published_basis=basis,
        language=_primary_language(language),
        path=str(path) if path is not None else None,
    )
