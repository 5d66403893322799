"""Request-scoped dependencies: a read-only store connection, shared filters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from presswatch.api.errors import ApiError
from presswatch.store import Store

__all__ = ["MAX_LIMIT", "Filters", "Paging", "StoreDep", "date_param", "language_param",
           "open_store"]  # fmt: skip

#: Largest page a listing returns; clients page on with ``offset``.
MAX_LIMIT = 500
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
#: ISO 639 language codes as the store keeps them (en, es), several separated by commas.
_LANGUAGES = re.compile(r"^[a-z]{2,3}(,[a-z]{2,3})*$")
_LANGUAGE_HELP = "The article's language (ISO 639-1, as stored): en, es; several: en,es."


def open_store(request: Request) -> Iterator[Store]:
    """One read-only connection per request (in WAL mode readers run beside a writer)."""
    store = Store(request.app.state.config.db, readonly=True)
    try:
        # One read transaction per request: an article and its records, a page and its
        # total, all come from the same committed state even while `ingest` writes.
        with store.snapshot():
            yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(open_store)]


def date_param(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise ApiError(
            422, "invalid_parameter",
            f"{name}: {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
        )  # fmt: skip
    return value


def language_param(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip().lower().replace(" ", "")
    if not _LANGUAGES.match(value):
        raise ApiError(
            422, "invalid_parameter",
            f"language: {value!r} is not a language code; write e.g. es, or en,es",
        )  # fmt: skip
    return value


@dataclass(slots=True)
class Paging:
    limit: int
    offset: int


def _paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (at most 500).")] = 50,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(_paging)]


@dataclass(slots=True)
class Filters:
    actor: str | None
    type: str | None
    topic: str | None
    since: str | None
    until: str | None
    q: str | None
    language: str | None = None

    def as_dict(self) -> dict[str, Any]:
        keys = ("actor", "type", "topic", "since", "until", "q", "language")
        return {k: getattr(self, k) for k in keys}


def _filters(
    actor: Annotated[str | None, Query(description="Actor id, e.g. claudia-sheinbaum.")] = None,
    type: Annotated[str | None, Query(description="Type; several separated by commas.")] = None,
    topic: Annotated[str | None, Query(description="Topic id or prefix, e.g. security.")] = None,
    since: Annotated[str | None, Query(description="From this date (inclusive).")] = None,
    until: Annotated[str | None, Query(description="Up to this date (inclusive).")] = None,
    q: Annotated[str | None, Query(description="Text search.", max_length=500)] = None,
    language: Annotated[str | None, Query(description=_LANGUAGE_HELP, max_length=100)] = None,
) -> Filters:
    return Filters(actor or None, type or None, topic or None, date_param("since", since),
                   date_param("until", until), (q or "").strip() or None,
                   language_param(language))  # fmt: skip


FiltersDep = Annotated[Filters, Depends(_filters)]
