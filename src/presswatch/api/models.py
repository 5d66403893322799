"""Pydantic response models: the API's shapes, as OpenAPI shows them at /docs.

Pydantic lives only here, at the edge; the store hands out plain rows and
the records of :mod:`presswatch.records`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    total: int = Field(description="How many items match the filters, over all pages.")
    limit: int
    offset: int
    items: list[T]


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: str
    version: str
    counts: dict[str, int]
    writes: bool = Field(description="Whether POST /api/articles accepts writes (a token is set).")


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    published_basis: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code, e.g. en or es.")
    source: str | None = None
    url: str | None = None
    path: str | None = None
    near_duplicate_of: str | None = None
    analysed: bool = True
    chars: int = 0
    events: int = 0
    findings: int = 0


class ActorSummary(BaseModel):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    articles: int = 0
    mentions: int = 0


class EventItem(BaseModel):
    id: str
    article_id: str
    article_title: str | None = None
    published: str | None = None
    language: str | None = Field(None, description="The article's language, e.g. es.")
    type: str
    quad: str | None = Field(None, description="PLOVER quad class of the type.")
    mode: str | None = None
    context: list[str] = []
    source: list[str] = []
    target: list[str] = []
    date: str | None = None
    day: str | None = Field(None, description="The event's date, else its article's.")
    location: str | None = None
    trigger: str | None = None
    sentence: str | None = None
    start: int
    end: int
    modality: str
    confidence: float | None = None
    cameo: str | None = None
    goldstein: float | None = None


class QuoteItem(BaseModel):
    article_id: str
    article_title: str | None = None
    published: str | None = None
    language: str | None = Field(None, description="The article's language, e.g. es.")
    seq: int
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_text: str | None = None
    cue: str | None = None


class ClaimItem(BaseModel):
    article_id: str
    article_title: str | None = None
    published: str | None = None
    language: str | None = Field(None, description="The article's language, e.g. es.")
    seq: int
    text: str
    start: int
    end: int
    value: float | None = None
    approx: str | None = None
    measure: str | None = None
    unit: str | None = None
    subject: str | None = None
    period: str | None = None
    sentence: str | None = None


class StoryItem(BaseModel):
    id: str
    type: str = Field(description="PLOVER type.")
    date: str | None = None
    source: list[str] = []
    target: list[str] = []
    n_sources: int = Field(description="How many articles report it.")
    n_reports: int = Field(description="How many event records, over those articles.")
    articles: list[str] = Field([], description="The reporting articles' ids.")
    languages: list[str] = Field([], description="The languages it was told in, e.g. [en, es].")


class RelatedItem(BaseModel):
    article: str
    start: int
    end: int


class FindingItem(BaseModel):
    id: int
    article_id: str
    article_title: str | None = None
    published: str | None = None
    language: str | None = Field(None, description="The article's language, e.g. es.")
    scope: str
    kind: str
    severity: str
    message: str
    start: int
    end: int
    evidence: str | None = None
    actor_id: str | None = None
    related: list[RelatedItem] = []


class ArticleDetail(BaseModel):
    """One article in the JSON contract shape (docs/JSON.md), its text, and its findings."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str | None = None
    published: str | None = None
    text: str
    actors: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    findings: list[dict[str, Any]]


class Dossier(BaseModel):
    """Everything known about one actor."""

    actor: ActorSummary
    kb: dict[str, Any] | None = Field(
        None, description="The knowledge-base entry with its roles, when the KB knows the actor."
    )
    kb_status: str = Field(description="ok | unknown_actor | unavailable")
    activity: list[dict[str, Any]]
    partners: list[dict[str, Any]]
    events_as_source: Page[EventItem]
    events_as_target: Page[EventItem]
    quotes: Page[QuoteItem]
    claims: Page[ClaimItem]
    findings: Page[FindingItem]


class TimelineBucket(BaseModel):
    period: str
    total: int
    counts: dict[str, int]


class Timeline(BaseModel):
    interval: str
    types: list[str]
    buckets: list[TimelineBucket]
    undated: int = Field(description="Matching events dated too coarsely for the interval.")


class NetworkNode(BaseModel):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    weight: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    weight: int
    quad: str = Field(description="The quad class with the most events on this edge.")
    quads: dict[str, int] = Field(description="Events per PLOVER quad class.")
    types: dict[str, int] = Field(description="Events per PLOVER type.")


class Network(BaseModel):
    quad_classes: dict[str, list[str]]
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SearchHit(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    snippet: str = Field(description="HTML-escaped text with the matches in <mark>…</mark>.")


class IngestFailure(BaseModel):
    item: str
    stage: str
    code: str
    reason: str


class IngestResult(BaseModel):
    stored: list[str] = Field(description="Ids of the articles analysed and stored.")
    skipped: list[str] = Field(description="Ids already in the store (same text).")
    failures: list[IngestFailure]
