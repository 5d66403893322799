"""POST /api/articles: ingest text, HTML or a JSONL batch through the real pipeline.

The spaCy pipeline is loaded once per process, on the first write, and runs in
a worker thread so the event loop keeps serving reads.  Writes are serialised
(one pipeline, one SQLite writer).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from presswatch.api.auth import require_token
from presswatch.api.config import ServeConfig
from presswatch.api.errors import ApiError
from presswatch.api.models import ErrorResponse, IngestResult
from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.records import Analysis, Article, Failure
from presswatch.settings import Settings
from presswatch.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Ingestor", "router"]

router = APIRouter(prefix="/api", tags=["articles"])

_JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines",
                "application/jsonlines", "application/ndjson"}  # fmt: skip
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


class Ingestor:
    """The write side: the pipeline (loaded once, lazily) and the store writer."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._nlp: Language | None = None

    def _pipeline(self) -> Language:
        if self._nlp is None:
            from presswatch.nlp import load_pipeline

            self._nlp = load_pipeline(self.config.settings)
        return self._nlp

    def run(self, items: list[Article | Failure]) -> dict[str, Any]:
        """Analyse and store; returns stored and skipped ids and the failures."""
        from presswatch import core
        from presswatch.checks import check_corpus
        from presswatch.ingest.dedup import Deduplicator

        with self._lock, Store(self.config.db) as store:
            dedup = Deduplicator()
            fresh: list[Article | Failure] = []
            for item in items:
                kept = item if isinstance(item, Failure) else dedup.add(item)
                if kept is not None:
                    fresh.append(kept)
            known = store.known_ids(a.id for a in fresh if isinstance(a, Article))
            todo = [a for a in fresh if isinstance(a, Failure) or a.id not in known]
            analyses: list[Analysis] = []
            failures: list[Failure] = []
            if any(isinstance(a, Article) for a in todo):
                settings = self.config.settings
                for result in core.iter_analyses(todo, settings, self._pipeline()):
                    (failures if isinstance(result, Failure) else analyses).append(result)  # type: ignore[arg-type]
            else:
                failures = [f for f in todo if isinstance(f, Failure)]
            store.save(analyses)
            store.record_failures(failures)
            if analyses:
                # As `presswatch ingest` does: findings and story events over the whole store,
                # then mark them fresh (see Store.cross_stale).
                from presswatch.checks import cluster_events

                generation = store.generation()
                every = list(store.iter_analyses())
                store.replace_findings(check_corpus(every), scope="cross")
                store.replace_story_events(cluster_events(every))
                store.mark_cross_fresh(generation)
        return {
            "stored": [a.article.id for a in analyses],
            "skipped": sorted(known),
            "failures": [{"item": f.item, "stage": f.stage, "code": f.code, "reason": f.reason}
                         for f in failures],
        }  # fmt: skip


def _date(value: Any, item: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise InputError(f"{item} {value!r} is not a date; write it as YYYY-MM-DD",
                         code="E106") from None  # fmt: skip


def read_body(data: bytes, suffix: str, meta: dict[str, Any]) -> list[Article | Failure]:
    """Articles from a request body, read by the ingest stage's own reader for ``suffix``.

    The body goes through the very readers the CLI uses (size limits, decoding,
    field names, dates), by way of a private temporary file.
    """
    settings: Settings = meta["settings"]
    if meta.get("published"):
        settings = dataclasses.replace(settings, published=meta["published"])
    with tempfile.TemporaryDirectory(prefix="presswatch-api-") as tmp:
        path = Path(tmp) / f"body{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([path], settings))
    prefix = str(path)
    out: list[Article | Failure] = []
    for item in items:
        if isinstance(item, Failure):
            out.append(dataclasses.replace(item, item=item.item.replace(prefix, "body")))
            continue
        changes: dict[str, Any] = {"path": None}
        for key in ("title", "url", "source"):
            if meta.get(key) and not getattr(item, key):
                changes[key] = meta[key]
        out.append(dataclasses.replace(item, **changes))
    return out


def _json_as_jsonl(data: bytes) -> bytes:
    """A JSON object, a list of them, or {"articles": [...]}, as JSON lines."""
    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ApiError(422, "invalid_body", f"the body is not valid JSON ({err})") from None
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    objs = obj if isinstance(obj, list) else [obj]
    if not objs or not all(isinstance(o, dict) for o in objs):
        raise ApiError(422, "invalid_body", "send a JSON object {text, title, published, url, "
                       "source}, or a list of them")  # fmt: skip
    return b"".join(json.dumps(o, ensure_ascii=False).encode("utf-8") + b"\n" for o in objs)


@router.post(
    "/articles", response_model=IngestResult, status_code=201,
    dependencies=[Depends(require_token)],
    responses={200: {"model": IngestResult, "description": "Nothing new: all already stored"},
               401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
               413: {"model": ErrorResponse}, 415: {"model": ErrorResponse},
               503: {"model": ErrorResponse}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "title": {"type": "string"},
            "published": {"type": "string", "format": "date"}, "url": {"type": "string"},
            "source": {"type": "string"}}}},
        "text/html": {"schema": {"type": "string"}},
        "application/x-ndjson": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    }}},
)  # fmt: skip
async def post_articles(
    request: Request,
    title: Annotated[str | None, Query(description="For HTML or plain-text bodies.")] = None,
    published: Annotated[str | None, Query(description="YYYY-MM-DD, for HTML or text.")] = None,
    url: Annotated[str | None, Query()] = None,
    source: Annotated[str | None, Query()] = None,
) -> JSONResponse:  # fmt: skip
    """Ingest articles through the whole pipeline and store them.  Needs the API token.

    By Content-Type: ``application/json`` — one object ``{text, title, published, url,
    source}`` (or a list of them); ``text/html`` — a page (its text is extracted);
    ``application/x-ndjson`` — one JSON object per line; ``text/plain`` — the text.
    Answers 201 with the stored ids, skipped ids (already stored) and failures.
    """
    try:
        published = _date(published, "published")
    except InputError as err:
        raise ApiError(422, "invalid_parameter", err.message) from None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data = await request.body()
    if not data.strip():
        raise ApiError(422, "invalid_body", "the request body is empty; send the article")
    config: ServeConfig = request.app.state.config
    meta = {"title": title, "published": published, "url": url, "source": source,
            "settings": config.settings}  # fmt: skip
    if ctype == "application/json":
        items = read_body(_json_as_jsonl(data), ".jsonl", meta)
    elif ctype in _JSONL_TYPES:
        items = read_body(data, ".jsonl", meta)
    elif ctype in _HTML_TYPES:
        items = read_body(data, ".html", meta)
    elif ctype in ("text/plain", "text/markdown"):
        items = read_body(data, ".txt" if ctype == "text/plain" else ".md", meta)
    else:
        raise ApiError(
            415, "unsupported_media_type",
            f"Content-Type {ctype or '(none)'!r} is not accepted; send application/json, "
            "text/html, application/x-ndjson or text/plain",
        )  # fmt: skip
    ingestor: Ingestor = request.app.state.ingestor
    result = await run_in_threadpool(ingestor.run, items)
    if result["stored"]:
        return JSONResponse(result, status_code=201)
    if result["skipped"] or not result["failures"]:
        return JSONResponse(result, status_code=200)
    first = result["failures"][0]
    error = {"code": "nothing_stored",
             "message": f"no article stored: {first['item']}: {first['reason']}"}  # fmt: skip
    return JSONResponse({"error": error, **result}, status_code=422)
