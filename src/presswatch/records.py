"""Typed records passed between stages.

Every record is a frozen, slotted dataclass: it pickles cleanly (Dask ships
them between workers), it cannot be changed by a later stage by accident, and
:func:`to_dict` turns it into the JSON contract of ``docs/JSON.md``.

Offsets (``start``/``end``) are character offsets into the article's body
text.  Actor references are actor ids that appear in the same article's
``actors`` list.  Sequences are tuples so that records stay hashable.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Actor",
    "ActorRef",
    "Analysis",
    "Article",
    "Claim",
    "DateMention",
    "Event",
    "Failure",
    "Finding",
    "Mention",
    "Quote",
    "Related",
    "Role",
    "StoryEvent",
    "Title",
    "Topic",
    "to_dict",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, normalised to plain body text plus metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    #: ISO date (YYYY-MM-DD) of publication: the document creation time (DCT).
    published: str | None = None
    #: Where ``published`` came from: metadata | given | inferred | none.
    published_basis: str = "none"
    language: str | None = None
    path: str | None = None
    #: Id of an earlier article this one lightly edits, when detected.
    near_duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """An office or position held by an actor over a period."""

    title: str
    organization: str | None = None
    country: str | None = None
    sector: str | None = None
    start: str | None = None
    end: str | None = None
    #: Other ways the title is written ("DHS Secretary", "Homeland Security chief").
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A knowledge-base actor: a person, organisation, country, place or group."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    gender: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it appears in one article's ``actors`` list."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    actor: str | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Title:
    """A title or description written with an actor's name ("former U.S. President").

    The checks compare it with the roles the knowledge base holds at the article's date.
    """

    text: str
    start: int
    end: int
    actor: str
    #: Offsets of the name the title goes with.
    mention_start: int
    mention_end: int
    #: True when the sentence places the title in the past ("during his first term").
    historical: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    #: DATE | TIME | DURATION | SET
    type: str
    #: TIMEX3 value: 2025-03-28, 2025-03, 2025-W11, P20Y, PRESENT_REF, XXXX-09 …
    value: str | None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str
    sentence: str
    start: int
    end: int
    mode: str | None = None
    context: tuple[str, ...] = ()
    date: str | None = None
    location: str | None = None
    #: asserted | negated | hypothetical | future | historical
    modality: str = "asserted"
    confidence: float = 0.5
    cameo: str | None = None
    goldstein: float | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    #: direct | indirect
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    start: int
    end: int
    value: float | None
    approx: str = "exact"
    measure: str | None = None
    unit: str | None = None
    subject: str | None = None
    period: str | None = None
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Related:
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    severity: str
    message: str
    article: str
    start: int
    end: int
    evidence: str
    actor: str | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One real-world event reported by one or more articles (cross-article cluster)."""

    id: str
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    date: str | None
    #: (article id, event id) of every report, earliest article first.
    reports: tuple[tuple[str, str], ...]

    @property
    def n_sources(self) -> int:
        return len({article for article, _ in self.reports})


@dataclass(frozen=True, slots=True)
class Failure:
    """An input item that could not be processed, and why."""

    item: str
    stage: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[ActorRef, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    dates: tuple[DateMention, ...] = ()
    topics: tuple[Topic, ...] = ()
    #: Titles written with actor names (what the role checks compare with the KB).
    titles: tuple[Title, ...] = ()
    #: Per-article findings (cross-article ones live at the document level).
    findings: tuple[Finding, ...] = ()
    #: False when the article was stored but not analysed (e.g. unsupported language).
    analysed: bool = True


def to_dict(record: Any) -> Any:
    """Turn a record (or a list/tuple of records) into JSON-ready values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record

