"""The read endpoints: listings with filters and pages, one article, a dossier, aggregates."""

from __future__ import annotations

import shutil
import tempfile
from html import escape
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from presswatch.api.deps import FiltersDep, PagingDep, StoreDep
from presswatch.api.errors import ApiError
from presswatch.api.models import (
    ActorSummary,
    ArticleDetail,
    ArticleSummary,
    ClaimItem,
    Dossier,
    ErrorResponse,
    EventItem,
    FindingItem,
    Health,
    Network,
    Page,
    QuoteItem,
    SearchHit,
    StoryItem,
    Timeline,
)
from presswatch.jsondoc import analysis_to_json
from presswatch.records import to_dict
from presswatch.store import Store
from presswatch.store.sqlite import MARK_END, MARK_START, QUAD_CLASSES
from presswatch.version import __version__

__all__ = ["article_detail", "dossier", "mark_snippet", "router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Unknown id"},
    422: {"model": ErrorResponse, "description": "Bad parameters"},
}
router = APIRouter(prefix="/api", responses={422: _ERRORS[422]})


def _page(store: Store, listing: str, paging: Any, **filters: Any) -> dict[str, Any]:
    total, items = store.page(listing, limit=paging.limit, offset=paging.offset, **filters)
    return {"total": total, "limit": paging.limit, "offset": paging.offset, "items": items}


@router.get("/health", response_model=Health, tags=["meta"])
def health(store: StoreDep, request: Request) -> dict[str, Any]:
    """Liveness and what the store holds."""
    return {"status": "ok", "version": __version__, "counts": store.counts(),
            "writes": bool(request.app.state.config.token)}  # fmt: skip


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(store: StoreDep, f: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    """Articles, newest first.  ``q`` is a full-text search; ``type`` keeps articles with
    an event of that type; ``actor`` keeps articles that name the actor; ``language`` keeps
    articles in that language (``es``)."""
    return _page(store, "articles", paging, **f.as_dict())


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """One article in the JSON contract shape, with its text and every finding about it."""
    analysis = store.load_analysis(article_id)
    if analysis is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    out = analysis_to_json(analysis)
    out["text"] = analysis.article.text
    _, findings = store.page("findings", article=article_id, limit=10_000)
    out["findings"] = [
        {"id": r["id"], "kind": r["kind"], "severity": r["severity"], "message": r["message"],
         "article": r["article_id"], "start": r["start"], "end": r["end"],
         "evidence": r["evidence"], "actor": r["actor_id"], "related": r["related"],
         "scope": r["scope"]}
        for r in findings
    ]  # fmt: skip
    return out


@router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"],
            responses={404: _ERRORS[404]})  # fmt: skip
def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """One article with all its records and findings (docs/JSON.md shape plus ``text``)."""
    return article_detail(store, article_id)


@router.get("/actors", response_model=Page[ActorSummary], tags=["actors"])
def list_actors(
    store: StoreDep, f: FiltersDep, paging: PagingDep,
    kind: Annotated[str | None, Query(description="person, organization, country …")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3, e.g. MEX.")] = None,
    sector: Annotated[str | None, Query(description="PLOVER sector, e.g. GOV.")] = None,
) -> dict[str, Any]:  # fmt: skip
    """Actors named in the stored articles, most mentioned first.  ``actor`` keeps those that
    share an article with it; ``since``/``until``/``topic`` restrict the articles counted."""
    d = f.as_dict()
    d.pop("type")
    return _page(store, "actors", paging, kind=kind, country=country, sector=sector, **d)


def load_kb_into(state: Any) -> None:
    """Load the knowledge base once (at start-up, in the background); None when unavailable."""
    if hasattr(state, "kb"):
        return
    try:
        from presswatch.kb import load_kb

        state.kb = load_kb()
    except Exception:  # the UI works without a KB, and says so
        state.kb = None


def _kb_entry(request: Request, actor_id: str) -> tuple[dict[str, Any] | None, str]:
    """The actor's knowledge-base entry, or why there is none (the KB is optional here)."""
    state = request.app.state
    load_kb_into(state)
    if state.kb is None:
        return None, "unavailable"
    try:
        actor = state.kb.get(actor_id)
    except Exception:
        actor = None
    if actor is None:
        return None, "unknown_actor"
    return to_dict(actor), "ok"


def dossier(store: Store, request: Request, actor_id: str, limit: int = 50) -> dict[str, Any]:
    actor = store.actor(actor_id)
    if actor is None:
        raise ApiError(404, "not_found", f"no actor with id {actor_id!r}")
    kb, kb_status = _kb_entry(request, actor_id)

    def page(listing: str, **filters: Any) -> dict[str, Any]:
        total, items = store.page(listing, limit=limit, offset=0, **filters)
        return {"total": total, "limit": limit, "offset": 0, "items": items}

    return {
        "actor": actor,
        "kb": kb,
        "kb_status": kb_status,
        "activity": store.actor_activity(actor_id),
        "partners": store.actor_partners(actor_id),
        "events_as_source": page("events", actor=actor_id, role="source"),
        "events_as_target": page("events", actor=actor_id, role="target"),
        "quotes": page("quotes", actor=actor_id),
        "claims": page("claims", subject=actor_id),
        "findings": page("findings", actor=actor_id),
    }


@router.get("/actors/{actor_id}", response_model=Dossier, tags=["actors"],
            responses={404: _ERRORS[404]})  # fmt: skip
def get_actor(
    store: StoreDep, request: Request, actor_id: str,
    limit: Annotated[int, Query(ge=1, le=500, description="Items per section.")] = 50,
) -> dict[str, Any]:  # fmt: skip
    """The actor's dossier: KB roles (when the KB is installed), events as source and as
    target, quotes, figures about it, findings, activity per month and main partners."""
    return dossier(store, request, actor_id, limit)


@router.get("/events", response_model=Page[EventItem], tags=["records"])
def list_events(
    store: StoreDep, f: FiltersDep, paging: PagingDep,
    role: Annotated[Literal["source", "target"] | None, Query(description="With actor.")] = None,
    quad: Annotated[str | None, Query(description="Quad class, e.g. verbal_conflict.")] = None,
    modality: Annotated[str | None, Query(description="asserted, negated, future …")] = None,
    article: Annotated[str | None, Query(description="Article id.")] = None,
) -> dict[str, Any]:  # fmt: skip
    """PLOVER-coded events, newest first.  ``type`` is a PLOVER type (AGREE … ASSAULT);
    dates filter on the event's date, else its article's; ``language`` on its article's."""
    if quad and quad not in QUAD_CLASSES:
        raise ApiError(422, "invalid_parameter",
                       f"quad: {quad!r} is not one of {', '.join(QUAD_CLASSES)}")  # fmt: skip
    return _page(store, "events", paging, role=role, quad=quad, modality=modality,
                 article=article, **f.as_dict())  # fmt: skip


@router.get("/quotes", response_model=Page[QuoteItem], tags=["records"])
def list_quotes(
    store: StoreDep, f: FiltersDep, paging: PagingDep,
    article: Annotated[str | None, Query(description="Article id.")] = None,
) -> dict[str, Any]:  # fmt: skip
    """Quotations.  ``actor`` is the speaker; ``type`` is direct or indirect; ``language``
    is the article's."""
    return _page(store, "quotes", paging, article=article, **f.as_dict())


@router.get("/claims", response_model=Page[ClaimItem], tags=["records"])
def list_claims(
    store: StoreDep, f: FiltersDep, paging: PagingDep,
    subject: Annotated[str | None, Query(description="What the figure is about.")] = None,
    article: Annotated[str | None, Query(description="Article id.")] = None,
) -> dict[str, Any]:  # fmt: skip
    """Numeric claims.  ``type`` is the measure (homicides, seizures …); ``actor`` keeps figures
    about the actor or in articles naming it; ``language`` is the article's."""
    return _page(store, "claims", paging, subject=subject, article=article, **f.as_dict())


@router.get("/findings", response_model=Page[FindingItem], tags=["records"])
def list_findings(
    store: StoreDep, f: FiltersDep, paging: PagingDep,
    severity: Annotated[str | None, Query(description="info, warning, error.")] = None,
    article: Annotated[str | None, Query(description="Article id.")] = None,
) -> dict[str, Any]:  # fmt: skip
    """Findings: where an article contradicts the record or other coverage.  ``type`` is the
    finding kind (role_anachronism …); ``language`` is the article's."""
    return _page(store, "findings", paging, severity=severity, article=article, **f.as_dict())


@router.get("/timeline", response_model=Timeline, tags=["aggregates"])
def timeline(
    store: StoreDep, f: FiltersDep,
    interval: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
) -> dict[str, Any]:  # fmt: skip
    """Events per period and PLOVER type (weeks start on Monday); ``language`` counts only
    events from articles in that language."""
    return store.timeline(interval=interval, **f.as_dict())


@router.get("/network", response_model=Network, tags=["aggregates"])
def network(
    store: StoreDep, f: FiltersDep,
    max_nodes: Annotated[int, Query(ge=1, le=500, description="Keep the heaviest actors.")] = 80,
    min_weight: Annotated[int, Query(ge=1, description="Drop lighter edges.")] = 1,
) -> dict[str, Any]:  # fmt: skip
    """The actor graph: nodes weighted by events, edges source → target counted per PLOVER quad
    class.  ``actor`` keeps that actor's edges (its ego network)."""
    d = f.as_dict()
    d.pop("q")
    out = store.network(max_nodes=max_nodes, min_weight=min_weight, **d)
    out["quad_classes"] = {k: list(v) for k, v in QUAD_CLASSES.items()}
    return out


#: event export format -> media type (the file name is the writer's own)
_EXPORTS = {
    "plover": "application/x-ndjson",
    "gdelt": "text/tab-separated-values; charset=utf-8",
    "graphml": "application/graphml+xml",
}


@router.get(
    "/export/{fmt}", response_class=FileResponse, tags=["exports"],
    responses={200: {"description": "The export file, as an attachment", "content": {
        media: {} for media in _EXPORTS.values()}}},
)  # fmt: skip
def export_events(
    store: StoreDep,
    fmt: Literal["plover", "gdelt", "graphml"],
    factual: Annotated[bool, Query(
        description="Keep asserted and historical events only, leaving out what was "
        "threatened, requested, promised or denied.")] = False,
) -> FileResponse:  # fmt: skip
    """The store's events as a download, as ``presswatch export --format FMT`` writes them:
    PLOVER JSONL records, a GDELT-style TSV, or the actor network as GraphML."""
    from presswatch.export import export

    tmp = tempfile.mkdtemp(prefix="presswatch-export-")
    try:
        (path,) = export(store, fmt, tmp, factual=factual)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    name = path.name.replace("events.", "events.factual.", 1) if factual else path.name
    return FileResponse(
        path, media_type=_EXPORTS[fmt], filename=name,
        background=BackgroundTask(shutil.rmtree, tmp, ignore_errors=True),
    )  # fmt: skip


@router.get("/stories", response_model=Page[StoryItem], tags=["records"])
def list_stories(
    store: StoreDep, f: FiltersDep, paging: PagingDep,
    min_sources: Annotated[int, Query(ge=1, description="Reported by at least this many "
                                      "articles.")] = 1,
) -> dict[str, Any]:  # fmt: skip
    """Story events: one real-world event with every article that reports it, most reported
    first, with the languages it was told in.  ``type`` is a PLOVER type; ``actor`` a source
    or target; ``language`` keeps stories that at least one source told in that language."""
    d = f.as_dict()
    d.pop("q"), d.pop("topic")
    return _page(store, "stories", paging, min_sources=min_sources, **d)


def mark_snippet(snippet: str | None) -> str:
    """Escape a search snippet for HTML, then mark its matches."""
    return escape(snippet or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


@router.get("/search", response_model=Page[SearchHit], tags=["articles"])
def search(
    store: StoreDep, paging: PagingDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")],
) -> dict[str, Any]:  # fmt: skip
    """Full-text search over titles and bodies (SQLite FTS5), best first, with snippets."""
    total, rows = store.search_page(q, limit=paging.limit, offset=paging.offset)
    for r in rows:
        r["snippet"] = mark_snippet(r["snippet"])
    return {"total": total, "limit": paging.limit, "offset": paging.offset, "items": rows}
