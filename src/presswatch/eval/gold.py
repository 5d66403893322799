"""Gold annotations: load a gold YAML file (docs/GOLD.md) and check its shape.

A malformed gold file is a user error: :func:`load_gold` raises
:class:`~presswatch.errors.ConfigError` naming the file, the document and the
field, never a bare ``KeyError`` from deep inside a scorer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import ConfigError

__all__ = [
    "CORPUS_NAMES",
    "EVENT_TYPES",
    "FINDING_KINDS",
    "Gold",
    "GoldDoc",
    "load_gold",
]

#: The corpora a gold file may describe.
CORPUS_NAMES = ("sample", "seeds", "whitehouse", "spanish")
#: PLOVER's sixteen event types (../shared/reference/plover, CC BY-SA 4.0).
EVENT_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
FINDING_KINDS = frozenset(
    {
        "role_anachronism",
        "title_mismatch",
        "temporal_inconsistency",
        "speaker_mismatch",
        "figure_conflict",
        "attribution_conflict",
    }
)
QUOTE_KINDS = frozenset({"direct", "indirect"})
MODALITIES = frozenset({"asserted", "negated", "hypothetical", "future", "historical"})
_LISTS = ("actors", "mentions", "dates", "events", "quotes", "claims", "topics", "findings")
_GOLD_ERROR = "E510"


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """What one document must yield; every list item is a plain dict (see docs/GOLD.md)."""

    doc: str
    published: str | None
    actors: tuple[str, ...] = ()
    mentions: tuple[dict[str, Any], ...] = ()
    dates: tuple[dict[str, Any], ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    quotes: tuple[dict[str, Any], ...] = ()
    claims: tuple[dict[str, Any], ...] = ()
    topics: tuple[str, ...] = ()
    findings: tuple[dict[str, Any], ...] = ()
    #: True when ``events`` lists every event of the document, not only its key ones
    #: (docs/GOLD.md, "Exhaustive events"); only such documents give event precision.
    events_complete: bool = False
    #: True for a document whose exhaustive event gold is held out from the coder's
    #: tuning (docs/GOLD.md): its events count in ``heldout_complete_*`` as well.
    held_out: bool = False


@dataclass(frozen=True, slots=True)
class Gold:
    corpus: str
    path: Path
    documents: tuple[GoldDoc, ...] = field(default_factory=tuple)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Checker:
    """Collects the location of a value so that every error names it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> ConfigError:
        return ConfigError(
            f"{where}: {message} (see docs/GOLD.md)", item=str(self.path), code=_GOLD_ERROR
        )

    def mapping(self, value: Any, where: str, required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a mapping")
        missing = [k for k in required if k not in value]
        if missing:
            raise self.fail(where, f"missing {', '.join(missing)}")
        return value

    def ids(self, value: Any, where: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, "expected a list of ids")
        return value


def _check_item(c: _Checker, kind: str, item: Any, where: str) -> dict[str, Any]:
    if kind == "mentions":
        return c.mapping(item, where, ("text", "actor"))
    if kind == "dates":
        d = c.mapping(item, where, ("text", "value"))
        return {**d, "value": _iso(d["value"])}
    if kind == "events":
        e = c.mapping(item, where, ("type", "source", "target"))
        if e["type"] not in EVENT_TYPES:
            raise c.fail(where, f"unknown event type {e['type']!r}; use a PLOVER type")
        modality = e.get("modality") or "asserted"
        if modality not in MODALITIES:
            raise c.fail(where, f"unknown modality {modality!r}")
        key = e.get("key", True)
        if not isinstance(key, bool):
            raise c.fail(f"{where}.key", f"must be true or false, not {key!r}")
        return {
            **e,
            "key": key,
            "source": c.ids(e["source"], f"{where}.source"),
            "target": c.ids(e["target"], f"{where}.target"),
            "date": _iso(e.get("date")),
            "modality": modality,
        }
    if kind == "quotes":
        q = c.mapping(item, where, ("text", "speaker"))
        if q.get("kind", "direct") not in QUOTE_KINDS:
            raise c.fail(where, f"quote kind must be direct or indirect, not {q.get('kind')!r}")
        return {**q, "kind": q.get("kind", "direct")}
    if kind == "claims":
        cl = c.mapping(item, where, ("text", "value"))
        if not isinstance(cl["value"], (int, float)) or isinstance(cl["value"], bool):
            raise c.fail(where, f"claim value must be a number, not {cl['value']!r}")
        return {**cl, "period": _iso(cl.get("period"))}
    if kind == "findings":
        f = c.mapping(item, where, ("kind",))
        if f["kind"] not in FINDING_KINDS:
            raise c.fail(where, f"unknown finding kind {f['kind']!r}")
        return f
    raise AssertionError(kind)  # pragma: no cover - _LISTS is closed


def load_gold(path: str | Path) -> Gold:
    """Read and validate one gold file."""
    path = Path(path)
    c = _Checker(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(
            f"cannot read the gold file ({e.strerror or e})", item=str(path), code=_GOLD_ERROR
        ) from e
    except yaml.YAMLError as e:
        raise ConfigError(
            f"malformed YAML ({e.__class__.__name__}); check the indentation",
            item=str(path),
            code=_GOLD_ERROR,
        ) from e
    top = c.mapping(data, "top level", ("corpus", "documents"))
    if top["corpus"] not in CORPUS_NAMES:
        raise c.fail("corpus", f"must be one of {', '.join(CORPUS_NAMES)}")
    if not isinstance(top["documents"], list):
        raise c.fail("documents", "expected a list of documents")
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for i, raw in enumerate(top["documents"]):
        d = c.mapping(raw, f"documents[{i}]", ("doc",))
        name = str(d["doc"])
        where = f"document {name}"
        if name in seen:
            raise c.fail(where, "listed twice")
        seen.add(name)
        unknown = set(d) - {"doc", "published", "events_complete", "held_out", *_LISTS}
        if unknown:
            raise c.fail(where, f"unknown field(s) {', '.join(sorted(unknown))}")
        lists: dict[str, Any] = {}
        for kind in _LISTS:
            value = d.get(kind) or []
            if not isinstance(value, list):
                raise c.fail(f"{where}.{kind}", "expected a list")
            if kind in ("actors", "topics"):
                lists[kind] = tuple(c.ids(value, f"{where}.{kind}"))
            else:
                lists[kind] = tuple(
                    _check_item(c, kind, item, f"{where}.{kind}[{j}]")
                    for j, item in enumerate(value)
                )
        published = _iso(d.get("published"))
        if published is not None:
            try:
                dt.date.fromisoformat(published)
            except ValueError as e:
                raise c.fail(f"{where}.published", "must be a date YYYY-MM-DD") from e
        complete, held_out = (d.get(f, False) for f in ("events_complete", "held_out"))
        for flag, value in (("events_complete", complete), ("held_out", held_out)):
            if not isinstance(value, bool):
                raise c.fail(f"{where}.{flag}", f"must be true or false, not {value!r}")
        if held_out and not complete:
            raise c.fail(
                f"{where}.held_out", "only a document with events_complete: true is held out"
            )
        docs.append(
            GoldDoc(
                doc=name, published=published, events_complete=complete, held_out=held_out, **lists
            )
        )
    return Gold(corpus=top["corpus"], path=path, documents=tuple(docs))
