"""Article text cut into highlighted segments, in the spirit of displaCy.

Spans of different kinds overlap (a quote holds actor mentions and dates), so
the text is cut at every span boundary and each piece carries the kinds that
cover it.  The template escapes each piece; nothing here builds HTML.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Segment", "Span", "segments", "spans_of"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    #: actor | date | event | quote | claim | finding
    kind: str
    label: str
    #: The record's anchor in the side panel, e.g. "ev-3f2a…" or "q-0".
    ref: str


@dataclass(slots=True)
class Segment:
    start: int
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    #: Anchors that start here (events' sentences, quotes …), so #ev-… links land here.
    anchors: list[str] = field(default_factory=list)


def _trigger_span(text: str, ev: dict[str, Any]) -> tuple[int, int]:
    """The trigger inside the event's sentence span, else the whole span."""
    start, end = int(ev["start"]), int(ev["end"])
    trigger = (ev.get("trigger") or "").strip()
    if trigger:
        i = text.find(trigger, start, max(end, start + len(trigger)))
        if i < 0:
            i = text.lower().find(trigger.lower(), start, max(end, start + len(trigger)))
        if i >= 0:
            return i, i + len(trigger)
    return start, end


def spans_of(doc: dict[str, Any], names: dict[str, str]) -> list[Span]:
    """Every highlightable span of an article (the API's article JSON)."""
    text = doc["text"]
    out: list[Span] = []
    for m in doc["mentions"]:
        name = names.get(m["actor"] or "", m["actor"] or m["label"] or "")
        out.append(Span(m["start"], m["end"], "actor", f"{m['label']} · {name}".strip(" ·"),
                        f"a-{m['actor']}" if m["actor"] else ""))  # fmt: skip
    for d in doc["dates"]:
        out.append(Span(d["start"], d["end"], "date", f"{d['type']} {d['value'] or ''}", ""))
    for ev in doc["events"]:
        s, e = _trigger_span(text, ev)
        arrow = f"{', '.join(ev['source']) or '?'} → {', '.join(ev['target']) or '?'}"
        out.append(Span(s, e, "event", f"{ev['type']} {arrow}", f"ev-{ev['id']}"))
    for i, q in enumerate(doc["quotes"]):
        out.append(Span(q["start"], q["end"], "quote", f"quote · {q['speaker'] or '?'}", f"q-{i}"))
    for i, c in enumerate(doc["claims"]):
        out.append(Span(c["start"], c["end"], "claim", f"{c['measure'] or 'figure'}: {c['value']}",
                        f"c-{i}"))  # fmt: skip
    for f in doc["findings"]:
        if f["article"] == doc["id"] and f["end"] > f["start"]:
            out.append(Span(f["start"], f["end"], "finding", f"{f['kind']}: {f['message']}",
                            f"f-{f['id']}"))  # fmt: skip
    n = len(text)
    return [s for s in out if 0 <= s.start < s.end <= n]


def segments(text: str, spans: list[Span], anchors: dict[int, list[str]]) -> list[Segment]:
    """Cut the text at every boundary; each piece knows the spans covering it."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s.start, s.end))
    cuts.update(k for k in anchors if 0 <= k <= len(text))
    bounds = sorted(cuts)
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out: list[Segment] = []
    for a, b in itertools.pairwise(bounds):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        seg = Segment(a, text[a:b], anchors=anchors.get(a, []))
        for s in active:
            if s.kind not in seg.kinds:
                seg.kinds.append(s.kind)
            seg.labels.append(s.label)
            if s.ref:
                seg.refs.append(s.ref)
        out.append(seg)
    if not bounds[1:] and anchors.get(0):
        out.append(Segment(0, "", anchors=anchors[0]))
    return out
