"""Event exports for event-data users: PLOVER JSONL, a GDELT-style TSV and GraphML.

``presswatch export OUT --format plover`` writes ``OUT/events.plover.jsonl``: one PLOVER
record per coded event, in the style of the PLOVER/POLECAT records (event type, mode,
context, actors with country and sector, date, location, modality) plus ``cite_info``
(where the text came from) and ``text_info`` (the sentence, trigger and offsets), and the
codebook version of the lexicon that coded it.

``presswatch export OUT --format gdelt`` writes ``OUT/events.gdelt.tsv`` with the GDELT 2.0
event-table column names; docs/EVENTS.md lists which columns are filled and how.

``presswatch export OUT --format graphml`` writes ``OUT/events.graphml``: the actor network
for Gephi, networkx or igraph, one node per actor and one directed edge per source → target
pair of each event, carrying the event's type, modality, date and sentence.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from presswatch.store import Store
from presswatch.version import __version__

__all__ = [
    "FACTUAL", "GDELT_COLUMNS", "GRAPHML_EDGE", "GRAPHML_NODE", "iter_plover_records",
    "write_gdelt", "write_graphml", "write_plover",
]  # fmt: skip

#: The modalities ``--factual`` keeps: what the text says happened (now or as background),
#: not what was threatened, requested, proposed, promised or denied.
FACTUAL = ("asserted", "historical")

#: Quad classes by CAMEO root: verbal cooperation, material cooperation, verbal conflict,
#: material conflict (the GDELT/ICEWS convention).
_QUAD = {**dict.fromkeys(("01", "02", "03", "04", "05"), 1),
         **dict.fromkeys(("06", "07", "08"), 2),
         **dict.fromkeys(("09", "10", "11", "12", "13", "14"), 3),
         **dict.fromkeys(("15", "16", "17", "18", "19", "20"), 4)}  # fmt: skip

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_FullName", "DATEADDED", "SOURCEURL",
    "PLOVER_Type", "PLOVER_Mode", "PLOVER_Modality", "PW_DateBasis",
)  # fmt: skip


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: a year with, maybe, a month: "2025", "2025-02"; "2025-W13-WE" and "2024-SP" give the year
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?!\d))?(?:$|-)")


def _codebook() -> str:
    from presswatch.nlp.events import load_lexicon

    return load_lexicon().codebook


def _actors(store: Store) -> dict[str, dict[str, Any]]:
    return {r["id"]: dict(r) for r in store.conn.execute("SELECT * FROM actors")}


def _event_rows(store: Store, factual: bool = False) -> Iterator[dict[str, Any]]:
    roles: dict[str, dict[str, list[str]]] = {}
    for r in store.conn.execute("SELECT * FROM event_actors ORDER BY event_id, role, position"):
        roles.setdefault(r["event_id"], {"source": [], "target": []})[r["role"]].append(
            r["actor_id"]
        )
    cur = store.conn.execute(
        "SELECT e.*, a.url AS article_url, a.source AS article_source,"
        " a.published AS article_published, a.title AS article_title, a.language AS language"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        + (f" WHERE e.modality IN ({', '.join('?' * len(FACTUAL))})" if factual else "")
        + " ORDER BY a.published, e.article_id, e.start",
        FACTUAL if factual else (),
    )
    for r in cur:
        row = dict(r)
        row["context"] = json.loads(row["context"] or "[]")
        row["source"] = roles.get(row["id"], {}).get("source", [])
        row["target"] = roles.get(row["id"], {}).get("target", [])
        yield row


def _actor_record(aid: str, actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    a = actors.get(aid, {})
    return {"actor_id": aid, "actorText": a.get("name") or aid, "kind": a.get("kind"),
            "country": a.get("country"), "sector": a.get("sector")}  # fmt: skip


def iter_plover_records(store: Store, factual: bool = False) -> Iterator[dict[str, Any]]:
    """One PLOVER-style record per stored event (``factual``: asserted and historical
    events only)."""
    actors = _actors(store)
    codebook = _codebook()
    for r in _event_rows(store, factual):
        yield {
            "event_id": r["id"],
            "event_type": r["type"],
            "mode": r["mode"],
            "context": r["context"],
            "event_date": r["date"],
            "source": [_actor_record(a, actors) for a in r["source"]],
            "target": [_actor_record(a, actors) for a in r["target"]],
            "location": r["location"],
            "modality": r["modality"],
            "confidence": r["confidence"],
            "cameo": r["cameo"],
            "goldstein": r["goldstein"],
            "cite_info": {
                "article_id": r["article_id"], "url": r["article_url"],
                "source": r["article_source"], "published": r["article_published"],
                "title": r["article_title"],
            },
            "text_info": {
                "sentence": r["sentence"], "trigger": r["trigger"], "start": r["start"],
                "end": r["end"], "language": r["language"],
            },
            "codebook": codebook,
            "coder": f"presswatch {__version__}",
        }  # fmt: skip


def _atomic_write(dest: Path, lines: Iterator[str]) -> Path:
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        for line in lines:
            fh.write(line)
    os.replace(tmp, dest)
    return dest


def write_plover(store: Store, out: Path, factual: bool = False) -> list[Path]:
    lines = (
        json.dumps(rec, ensure_ascii=False) + "\n" for rec in iter_plover_records(store, factual)
    )
    return [_atomic_write(out / "events.plover.jsonl", lines)]


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _actor_code(a: dict[str, Any] | None) -> str:
    """CAMEO-style actor code: country then sector ("MEXGOV"), as GDELT writes them."""
    if not a:
        return ""
    return f"{a.get('country') or ''}{a.get('sector') or ''}"


def _gdelt_dates(r: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate and where they came from ("event",
    "published" or "").

    A calendar-day event date fills all four. A coarser one fills what it knows: a month
    ("2025-02") MonthYear and Year, a year, week or season ("2025-W13-WE", "2024-SP") the
    Year. An event with no date of its own takes the article's publication day, as GDELT
    dates every row (its SQLDATE is the day of the reporting article unless the text dates
    the event); background told as history ("historical") does not, since it happened
    before the article by an unknown span, and neither does an event whose date value is
    not a calendar one ("PAST_REF")."""
    date, basis = r["date"] or "", "event"
    if not date and r["modality"] != "historical":
        date, basis = r["article_published"] or "", "published"
    if _DAY.match(date):
        y, m, d = int(date[:4]), int(date[5:7]), int(date[8:10])
        sqldate = date[:10].replace("-", "")
        return sqldate, sqldate[:6], sqldate[:4], f"{y + ((m - 1) * 30 + d) / 365:.4f}", basis
    part = _PARTIAL.match(date)
    if part is None:
        return "", "", "", "", ""
    month = part.group(1) + part.group(2) if part.group(2) else ""
    return "", month, part.group(1), "", basis


def _global_id(event_id: str) -> int:
    """GLOBALEVENTID: the event id's first 13 hex digits as an integer. An id that is not
    hex (an analysis imported with ids of its own, "ev-accuse-1") is hashed first, so
    the column stays a number and one id always gives one number."""
    head = event_id[:13]
    if not re.fullmatch(r"[0-9a-fA-F]{1,13}", head):
        head = hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13]
    return int(head, 16)


def _gdelt_row(r: dict[str, Any], actors: dict[str, dict[str, Any]]) -> list[str]:
    sqldate, month, year, frac, basis = _gdelt_dates(r)
    a1 = actors.get(r["source"][0]) if r["source"] else None
    a2 = actors.get(r["target"][0]) if r["target"] else None
    cameo = r["cameo"] or ""
    root = cameo[:2]
    names = {a: (actors.get(a) or {}).get("name") or a for a in (*r["source"], *r["target"])}
    row = [
        str(_global_id(r["id"])), sqldate, month, year, frac,
        _actor_code(a1), "; ".join(names[a] for a in r["source"]),
        (a1 or {}).get("country") or "", (a1 or {}).get("sector") or "",
        _actor_code(a2), "; ".join(names[a] for a in r["target"]),
        (a2 or {}).get("country") or "", (a2 or {}).get("sector") or "",
        "1", cameo, cameo[:3], root, str(_QUAD.get(root, "")),
        "" if r["goldstein"] is None else f"{r['goldstein']:.1f}", "1", "1", "1", "",
        r["location"] or "", (r["article_published"] or "").replace("-", ""),
        r["article_url"] or "", r["type"], r["mode"] or "", r["modality"], basis,
    ]  # fmt: skip
    return [_tsv(v) for v in row]


def write_gdelt(store: Store, out: Path, factual: bool = False) -> list[Path]:
    actors = _actors(store)

    def lines() -> Iterator[str]:
        yield "\t".join(GDELT_COLUMNS) + "\n"
        for r in _event_rows(store, factual):
            yield "\t".join(_gdelt_row(r, actors)) + "\n"

    return [_atomic_write(out / "events.gdelt.tsv", lines())]


#: GraphML node attributes: name -> GraphML type.
GRAPHML_NODE = {"name": "string", "kind": "string", "country": "string", "sector": "string",
                "events": "int"}  # fmt: skip
#: GraphML edge attributes: name -> GraphML type. ``weight`` is 1 per edge, so a tool that
#: merges parallel edges (Gephi does on import) sums it into an event count.
GRAPHML_EDGE = {
    "event": "string", "type": "string", "mode": "string", "modality": "string",
    "context": "string", "date": "string", "location": "string", "cameo": "string",
    "goldstein": "double", "quad": "int", "weight": "double", "article": "string",
    "url": "string", "published": "string", "trigger": "string", "sentence": "string",
}  # fmt: skip

#: Characters XML 1.0 cannot hold at all (escaping does not help): C0 controls but tab,
#: newline and return, and the non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(value: Any) -> str:
    return escape(_NOT_XML.sub(" ", str(value)))


def _data(key: str, value: Any) -> str:
    if value is None or value == "":
        return ""  # GraphML: a missing <data> is the attribute's default (none)
    return f'<data key="{key}">{_xml(value)}</data>'


def write_graphml(store: Store, out: Path, factual: bool = False) -> list[Path]:
    """The actor network as GraphML: a node per actor that is a source or target of an
    edge, a directed edge per (source, target) pair of each event with two different
    actors (a compound actor gives one edge per member). Events with no source or no
    target have no edge. Parallel edges are kept: one per event."""
    actors = _actors(store)
    edges: list[tuple[str, str, dict[str, Any]]] = []
    degree: dict[str, int] = {}
    for r in _event_rows(store, factual):
        pairs = [(s, t) for s in r["source"] for t in r["target"] if s != t]
        for s, t in pairs:
            edges.append((s, t, r))
        for a in {a for pair in pairs for a in pair}:
            degree[a] = degree.get(a, 0) + 1

    def lines() -> Iterator[str]:
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
            ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        yield f"<!-- presswatch {_xml(__version__)}; {_xml(_codebook())} -->\n"
        for domain, keys in (("node", GRAPHML_NODE), ("edge", GRAPHML_EDGE)):
            for name, kind in keys.items():
                yield (
                    f'<key id="{domain[0]}_{name}" for="{domain}" attr.name="{name}"'
                    f' attr.type="{kind}"/>\n'
                )
        yield '<graph id="presswatch" edgedefault="directed">\n'
        for aid in sorted(degree):
            a = actors.get(aid, {})
            values = {"name": a.get("name") or aid, "kind": a.get("kind"),
                      "country": a.get("country"), "sector": a.get("sector"),
                      "events": degree[aid]}  # fmt: skip
            data = "".join(_data(f"n_{k}", v) for k, v in values.items())
            yield f"<node id={quoteattr(aid)}>{data}</node>\n"
        for i, (s, t, r) in enumerate(edges):
            cameo = r["cameo"] or ""
            values = {
                "event": r["id"], "type": r["type"], "mode": r["mode"],
                "modality": r["modality"], "context": ";".join(r["context"]),
                "date": r["date"], "location": r["location"], "cameo": cameo,
                "goldstein": r["goldstein"], "quad": _QUAD.get(cameo[:2]), "weight": 1.0,
                "article": r["article_id"], "url": r["article_url"],
                "published": r["article_published"], "trigger": r["trigger"],
                "sentence": r["sentence"],
            }  # fmt: skip
            data = "".join(_data(f"e_{k}", v) for k, v in values.items())
            yield (f'<edge id="e{i}" source={quoteattr(s)} target={quoteattr(t)}>{data}</edge>\n')
        yield "</graph>\n</graphml>\n"

    return [_atomic_write(out / "events.graphml", lines())]
