"""Cross-article event clustering: the same real-world event reported by several
articles becomes one story event with its sources (GDELT's NumSources, with the
articles linked).  The same event reported with different dates is a finding.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from presswatch.records import Analysis, Event, Finding, Related, StoryEvent

__all__ = ["check_event_dates", "cluster_events"]

#: Reports of one event may date it a day apart (time zones, "late Monday").
SAME_EVENT_DAYS = 1
#: Two reports further apart than this are different events, not a conflict.
CONFLICT_MAX_DAYS = 30
#: Content-word overlap of two sentences that makes them reports of one event.
SAME_STORY_OVERLAP = 0.5
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset("that with from this have their they will would been were said also".split())

Key = tuple[str, frozenset[str], frozenset[str]]


def _key(e: Event) -> Key:
    return (e.type, frozenset(e.source), frozenset(e.target))


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _eligible(e: Event) -> bool:
    return e.modality in ("asserted", "historical") and bool(e.source or e.target)


def cluster_events(analyses: Sequence[Analysis]) -> list[StoryEvent]:
    by_key: dict[Key, list[tuple[Analysis, Event]]] = defaultdict(list)
    for a in analyses:
        for e in a.events:
            if _eligible(e):
                by_key[_key(e)].append((a, e))
    stories: list[StoryEvent] = []
    for key, items in sorted(by_key.items(), key=lambda kv: (kv[0][0], sorted(kv[0][1]),
                                                             sorted(kv[0][2]))):
        dated = sorted((x for x in items if _day(x[1].date)), key=lambda x: (x[1].date, x[1].id))
        undated = [x for x in items if not _day(x[1].date)]
        groups: list[list[tuple[Analysis, Event]]] = []
        for x in dated:
            d = _day(x[1].date)
            assert d is not None
            last = _day(groups[-1][-1][1].date) if groups else None
            if last is not None and (d - last).days <= SAME_EVENT_DAYS:
                groups[-1].append(x)
            else:
                groups.append([x])
        if len(groups) == 1:
            groups[0].extend(undated)  # one dated event of its kind: undated reports are it
        else:
            groups.extend([x] for x in undated)
        for g in groups:
            g.sort(key=lambda x: (x[0].article.published or "", x[0].article.id, x[1].start))
            ids = sorted(e.id for _, e in g)
            sid = hashlib.sha1("|".join(ids).encode()).hexdigest()[:16]
            date = next((e.date for _, e in g if _day(e.date)), None)
            stories.append(StoryEvent(
                id=sid, type=key[0], source=tuple(sorted(key[1])), target=tuple(sorted(key[2])),
                date=date, reports=tuple((a.article.id, e.id) for a, e in g),
            ))  # fmt: skip
    return stories


def _content(e: Event) -> set[str]:
    return {w for w in _WORD.findall(e.sentence.lower()) if w not in _STOP}


def check_event_dates(analyses: Sequence[Analysis]) -> list[Finding]:
    """The same event, told in nearly the same words, dated differently by two sources."""
    by_key: dict[Key, list[tuple[Analysis, Event]]] = defaultdict(list)
    for a in analyses:
        for e in a.events:
            if _eligible(e) and _day(e.date) and e.source and e.target:
                by_key[_key(e)].append((a, e))
    out: list[Finding] = []
    for items in by_key.values():
        for a, e in items:
            conflicts = []
            for b, f in items:
                if b.article.id == a.article.id:
                    continue
                d1, d2 = _day(e.date), _day(f.date)
                assert d1 and d2
                gap = abs((d1 - d2).days)
                if not SAME_EVENT_DAYS < gap <= CONFLICT_MAX_DAYS:
                    continue
                w1, w2 = _content(e), _content(f)
                if w1 and w2 and len(w1 & w2) / len(w1 | w2) >= SAME_STORY_OVERLAP:
                    conflicts.append((b, f))
            if conflicts:
                others = ", ".join(sorted({f.date or "?" for _, f in conflicts}))
                out.append(Finding(
                    kind="event_conflict", severity="info",
                    message=(f"This article dates the {e.type} event “{e.trigger}” {e.date}; "
                             f"other coverage of the same event dates it {others}."),
                    article=a.article.id, start=e.start, end=e.end, evidence=e.sentence,
                    actor=(e.source or (None,))[0],
                    related=tuple(Related(b.article.id, f.start, f.end) for b, f in conflicts),
                ))  # fmt: skip
    return out
