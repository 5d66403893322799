"""The UI's pages: each gathers its data from the store and renders one template."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from presswatch.api.deps import FiltersDep, StoreDep
from presswatch.api.routes import article_detail, dossier, mark_snippet
from presswatch.store import Store
from presswatch.store.sqlite import EVENT_QUAD, QUAD_CLASSES
from presswatch.version import __version__
from presswatch.web.charts import QUAD_COLOURS, quad_of, stacked_bars, time_axis
from presswatch.web.highlight import segments, spans_of

__all__ = ["html_error", "mount_ui"]

_HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(_HERE / "templates"))
# Autoescape is on for every template (Jinja2Templates' default for .html): article text,
# titles and quotes are data, never markup.
assert templates.env.autoescape is True or callable(templates.env.autoescape)

#: Bidi embeddings/overrides/isolates and C0/C1 controls (not tab or newline): escaping
#: leaves them live, and an RLO in a title reverses what the reader sees ("Trojan Source").
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u202a-\u202e\u2066-\u2069]")


def _visible_controls(value: Any) -> Any:
    """Every printed value: invisible controls shown as [U+XXXX], before autoescaping."""
    if isinstance(value, str) and _CONTROLS.search(value):
        fixed = _CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
        return Markup(fixed) if isinstance(value, Markup) else fixed
    return value


#: How the UI names the languages the pipelines analyse; any other stored code shows as is.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}

templates.env.finalize = _visible_controls
templates.env.globals.update(
    version=__version__, quad_colours=QUAD_COLOURS, quad_of=quad_of,
    quad_classes=QUAD_CLASSES, event_quad=EVENT_QUAD, language_names=LANGUAGE_NAMES,
)  # fmt: skip

router = APIRouter(include_in_schema=False)

#: How many events the timeline's axis draws at most (the newest); the API pages beyond.
TIMELINE_LIMIT = 500
#: Events listed per page under the axis (a page must stay light enough to load in well
#: under a second with thousands of events in the store).
TIMELINE_PAGE = 100
#: The network page's size: beyond about this many nodes and edges a force layout in a
#: page-wide SVG turns into a hairball, so the lightest edges go first.
NETWORK_NODES = 50
#: Story events the overview lists (the most reported); /api/stories pages through them all.
OVERVIEW_STORIES = 8
NETWORK_EDGES = 120


def _qs(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


templates.env.globals["qs"] = _qs


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("nav", name.split(".")[0])
    return templates.TemplateResponse(request, name, context, status_code=status)


def html_error(request: Request, status: int, message: str) -> Response:
    return _render(request, "error.html", status=status, status_code=status, message=message,
                   nav="")  # fmt: skip


def _names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    return {r["id"]: r["name"] for r in
            store._rows_in("SELECT id, name FROM actors", "id", wanted)}  # fmt: skip


def _event_names(store: Store, events: list[dict[str, Any]]) -> dict[str, str]:
    return _names(store, (a for e in events for a in (*e["source"], *e["target"])))


def _choices(store: Store) -> dict[str, Any]:
    """What the filter forms offer: event types present, topics, the most-named actors,
    the articles' languages."""
    _, actors = store.page("actors", limit=200)
    return {
        "types": [r["type"] for r in store.event_type_counts()],
        "topics": [r["id"] for r in store.topic_counts(100)],
        "actors": actors,
        "languages": store.language_counts(),
    }


def _coverage_only(store: Store, tl: dict[str, Any]) -> int:
    """Keep the months the articles were published in (filling gaps); count the rest.

    Articles mention events decades back (a 1985 murder, a 2004 law); drawn beside
    this year's events they would squash the chart, so they are counted instead.
    """
    row = store.query("SELECT min(published) AS lo, max(published) AS hi FROM articles")[0]
    if not row["lo"] or not tl["buckets"]:
        return 0
    lo, hi = row["lo"][:7], row["hi"][:7]
    inside = {b["period"]: b for b in tl["buckets"] if lo <= b["period"] <= hi}
    outside = int(sum(b["total"] for b in tl["buckets"] if not lo <= b["period"] <= hi))
    months, (y, m) = [], (int(lo[:4]), int(lo[5:7]))
    while f"{y:04d}-{m:02d}" <= hi:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    tl["buckets"] = [inside.get(p, {"period": p, "total": 0, "counts": {}}) for p in months]
    return outside


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    _, top_actors = store.page("actors", limit=12)
    _, findings = store.page("findings", limit=8, latest=True)
    _, latest = store.page("articles", limit=6)
    stories = store.rows("stories", min_sources=2, limit=OVERVIEW_STORIES)
    tl = store.timeline(interval="month")
    outside = _coverage_only(store, tl)
    return _render(
        request, "overview.html", counts=store.counts(), chart=stacked_bars(tl),
        undated=tl["undated"], outside=outside, top_actors=top_actors,
        topics=store.topic_counts(15),
        findings=findings, types=store.event_type_counts(), latest=latest,
        stories=stories, story_articles=_story_articles(store, stories),
        names=_names(store, (a for st in stories for a in (*st["source"], *st["target"]))),
    )  # fmt: skip


def _story_articles(store: Store, stories: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The reporting articles of these stories (title, language, date) by id."""
    ids = sorted({a for st in stories for a in st["articles"]})
    rows = store._rows_in("SELECT id, title, language, published FROM articles", "id", ids)
    return {r["id"]: dict(r) for r in rows}


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, store: StoreDep, f: FiltersDep,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:  # fmt: skip
    total, drawn = store.page("events", limit=TIMELINE_LIMIT, **f.as_dict())
    if offset == 0:
        events = drawn[:TIMELINE_PAGE]
    else:
        _, events = store.page("events", limit=TIMELINE_PAGE, offset=offset, **f.as_dict())
    return _render(
        request, "timeline.html", events=events, total=total, shown=len(drawn),
        axis=time_axis(drawn), names=_event_names(store, events), params=f.as_dict(),
        offset=offset, page_size=TIMELINE_PAGE, choices=_choices(store),
        actor_name=_names(store, [f.actor or ""]).get(f.actor or ""),
    )  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, f: FiltersDep) -> HTMLResponse:
    d = f.as_dict()
    d.pop("q")
    graph = store.network(max_nodes=NETWORK_NODES, **d)
    min_weight = 1
    if len(graph["edges"]) > NETWORK_EDGES:
        min_weight = sorted((e["weight"] for e in graph["edges"]), reverse=True)[NETWORK_EDGES]
        graph = store.network(max_nodes=NETWORK_NODES, min_weight=min_weight + 1, **d)
    return _render(request, "network.html", graph=graph, params=f.as_dict(),
                   min_weight=min_weight + 1 if min_weight > 1 else 1,
                   choices=_choices(store))  # fmt: skip


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, store: StoreDep, f: FiltersDep,
    kind: Annotated[str | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:  # fmt: skip
    d = f.as_dict()
    d.pop("type")
    total, actors = store.page("actors", limit=100, offset=offset, kind=kind, **d)
    return _render(request, "actors.html", actors=actors, total=total, offset=offset,
                   params={**f.as_dict(), "kind": kind},
                   languages=store.language_counts())  # fmt: skip


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, actor_id: str) -> HTMLResponse:
    data = dossier(store, request, actor_id, limit=100)
    events = data["events_as_source"]["items"] + data["events_as_target"]["items"]
    names = _event_names(store, events)
    names.update({p["id"]: p["name"] for p in data["partners"]})
    peak = max((m["articles"] + m["events"] for m in data["activity"]), default=0) or 1
    return _render(request, "actor.html", d=data, a=data["actor"], names=names, peak=peak,
                   nav="actors")  # fmt: skip


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request, store: StoreDep, f: FiltersDep,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:  # fmt: skip
    total, rows = store.page("articles", limit=50, offset=offset, **f.as_dict())
    return _render(request, "articles.html", articles=rows, total=total, offset=offset,
                   params=f.as_dict(), languages=store.language_counts())  # fmt: skip


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    doc = article_detail(store, article_id)
    names = {a["id"]: a["name"] for a in doc["actors"]}
    names.update(_event_names(store, doc["events"]))
    anchors: dict[int, list[str]] = {}
    for ev in doc["events"]:
        anchors.setdefault(ev["start"], []).append(f"ev-{ev['id']}")
    for i, q in enumerate(doc["quotes"]):
        anchors.setdefault(q["start"], []).append(f"q-{i}")
    for i, c in enumerate(doc["claims"]):
        anchors.setdefault(c["start"], []).append(f"c-{i}")
    for fd in doc["findings"]:
        if fd["article"] == article_id:
            anchors.setdefault(fd["start"], []).append(f"f-{fd['id']}")
    segs = segments(doc["text"], spans_of(doc, names), anchors)
    return _render(request, "article.html", doc=doc, segs=segs, names=names, nav="articles")


@router.get("/findings", response_class=HTMLResponse)
def findings_page(
    request: Request, store: StoreDep, f: FiltersDep,
    severity: Annotated[str | None, Query()] = None,
) -> HTMLResponse:  # fmt: skip
    total, rows = store.page("findings", limit=500, severity=severity, **f.as_dict())
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["kind"], []).append(r)
    return _render(request, "findings.html", groups=groups, total=total, shown=len(rows),
                   kinds=store.finding_kind_counts(), params={**f.as_dict(), "severity": severity},
                   languages=store.language_counts(),
                   names=_names(store, (r["actor_id"] for r in rows)))  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:  # fmt: skip
    total, hits = (store.search_page(q, limit=25, offset=offset) if q.strip() else (0, []))
    for h in hits:
        h["snippet_html"] = mark_snippet(h["snippet"])
    return _render(request, "search.html", q=q, hits=hits, total=total, offset=offset)


def mount_ui(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")


