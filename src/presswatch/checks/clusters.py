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
    """The day of a TIMEX3 value: "2025-02-03", also with a time ("2025-02-03TMO" for "el
    lunes por la mañana", "2025-02-03T10:00"); None for a month, a week or a year."""
    if value and (len(value) == 10 or (len(value) > 10 and value[10] == "T")):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _eligible(e: Event) -> bool:
    return e.modality in ("asserted", "historical") and bool(e.source or e.target)


def _same_parties(a: Event, b: Event, *, loose: bool = False) -> bool:
    """Do two reports name the same parties?  Each side shares an actor id, or both are empty.

    Actor ids are the same in every language, so an English and a Spanish report of one
    meeting match here; one report may name more parties than the other ("Noem met
    Sheinbaum" / "Noem se reunió con la presidenta y el canciller").  ``loose`` also lets
    a side that one report leaves empty (the parser found no target) match anything, as
    long as the other side shares an id: the caller accepts such a match only when it is
    the only candidate, so "Trump agreed" cannot join his agreements with two countries.
    """
    shared = False
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x and y:
            if not set(x) & set(y):
                return False
            shared = True
        elif (x or y) and not loose:
            return False
    return shared or not loose


def _consensus(sides: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The ids a story names on one side: those every report naming that side names, else
    the commonest set (a report that left the side empty says nothing about it)."""
    sides = [s for s in sides if s] or [()]
    common = set.intersection(*(set(s) for s in sides))
    if common:
        return tuple(sorted(common))
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for s in sides:
        counts[tuple(sorted(s))] += 1
    return min(counts, key=lambda k: (-counts[k], k))  # ties: the first in sort order


def cluster_events(analyses: Sequence[Analysis]) -> list[StoryEvent]:
    """Group reports of one real-world event, in any language, into story events.

    Two reports are of one event when they have the same PLOVER type, dates at most
    ``SAME_EVENT_DAYS`` apart and the same parties (:func:`_same_parties`); the relation
    is closed transitively.  Text plays no part, so reports in different languages
    cluster.  A dated report that leaves one side empty joins the one story of its type
    and days that shares its other side; an undated report that names both sides joins the
    one dated story of its type with the same parties dated within ``CONFLICT_MAX_DAYS`` of
    the report's publication; with none or several candidates each is a story of its own.
    """
    by_type: dict[str, list[tuple[Analysis, Event]]] = defaultdict(list)
    for a in analyses:
        for e in a.events:
            if _eligible(e):
                by_type[e.type].append((a, e))
    stories: list[StoryEvent] = []
    for etype, items in by_type.items():
        dated = sorted((x for x in items if _day(x[1].date)), key=lambda x: (x[1].date, x[1].id))
        undated = [x for x in items if not _day(x[1].date)]
        groups: list[list[tuple[Analysis, Event]]] = []
        for x in dated:
            d = _day(x[1].date)
            assert d is not None
            # every earlier group this report links to, merged into one (transitive closure)
            hits = [
                g for g in groups
                if any(
                    (d - (_day(y[1].date) or d)).days <= SAME_EVENT_DAYS
                    and _same_parties(x[1], y[1])
                    for y in g
                )
            ]  # fmt: skip
            if not hits:
                # a report missing one side joins the one story it can belong to, if any
                hits = [
                    g for g in groups
                    if any(
                        (d - (_day(y[1].date) or d)).days <= SAME_EVENT_DAYS
                        and _same_parties(x[1], y[1], loose=True)
                        for y in g
                    )
                ]  # fmt: skip
                if len(hits) != 1:
                    groups.append([x])
                    continue
            merged = [y for g in hits for y in g] + [x]
            groups = [g for g in groups if not any(g is h for h in hits)] + [merged]
        dated_groups = list(groups)
        for x in undated:
            # both sides named, strictly matched: with no date to narrow it, a one-sided
            # report ("the phone call with Sheinbaum") would join whichever story names her
            # … and only a story told around the report's own publication: an undated
            # "Washington committed to act" in February is not a September agreement
            told = _day(x[0].article.published)
            fits = [
                g for g in dated_groups
                if x[1].source and x[1].target and any(_same_parties(x[1], y[1]) for y in g)
                and (told is None or any(abs(((_day(y[1].date) or told) - told).days)
                                         <= CONFLICT_MAX_DAYS for y in g))
            ]  # fmt: skip
            if len(fits) == 1:
                fits[0].append(x)
            else:
                groups.append([x])
        for g in groups:
            g.sort(key=lambda x: (x[0].article.published or "", x[0].article.id, x[1].start))
            ids = sorted(e.id for _, e in g)
            sid = hashlib.sha1("|".join(ids).encode()).hexdigest()[:16]
            days = [d for _, e in g if (d := _day(e.date))]
            date = min(days).isoformat() if days else None  # the day, without a time of day
            stories.append(StoryEvent(
                id=sid, type=etype,
                source=_consensus([e.source for _, e in g]),
                target=_consensus([e.target for _, e in g]),
                date=date, reports=tuple((a.article.id, e.id) for a, e in g),
            ))  # fmt: skip
    stories.sort(key=lambda s: (s.type, s.source, s.target, s.date or "", s.id))
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
