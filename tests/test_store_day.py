"""The stored event day (schema 3): written by save, backfilled by the v2 -> v3 migration,
computed on the fly for a v2 store opened read-only, and served from indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from presswatch.records import Analysis, Article, Event, Topic
from presswatch.store import SCHEMA_VERSION, Store
from presswatch.store.sqlite import _EVENT_DAY

#: (event date, article published) -> the day the timeline and filters use.
CASES = [
    ("2025-03-30", "2025-04-02", "2025-03-30"),  # its own calendar date
    ("2025-02", "2025-04-02", "2025-02"),  # a month is a calendar date too
    ("2024", "2025-04-02", "2024"),  # so is a year
    ("XXXX-09", "2025-04-02", "2025-04-02"),  # not a calendar date: the article's
    ("P20Y", "2025-04-02", "2025-04-02"),
    (None, "2025-01-15", "2025-01-15"),
    (None, None, None),  # nothing to date it by
]
TYPES = ["CONSULT", "ACCUSE", "CONSULT", "COERCE", "AID", "CONSULT", "ACCUSE"]


def _analyses() -> list[Analysis]:
    out = []
    for i, ((date, published, _), type_) in enumerate(zip(CASES, TYPES, strict=True)):
        text = f"Noem met Sheinbaum, case {i}."
        art = Article(id=f"a{i}", text=text, title=f"case {i}", published=published,
                      published_basis="metadata" if published else "none", language="en")
        src, tgt = ("kristi-noem", "claudia-sheinbaum") if i % 2 else ("us", "mexico")
        ev = Event(id=f"a{i}-e1", type=type_, source=(src,), target=(tgt,), trigger="met",
                   sentence=text, start=0, end=len(text), date=date)
        out.append(Analysis(article=art, events=(ev,),
                            topics=(Topic("security.cartels", 0.9),) if i < 4 else ()))
    return out  # fmt: skip


def _views(store: Store) -> dict[str, object]:
    """What the UI reads: timelines, networks and event pages under a few filters."""
    out: dict[str, object] = {}
    for interval in ("day", "week", "month", "year"):
        out[f"timeline {interval}"] = store.timeline(interval=interval)
    out["timeline filtered"] = store.timeline(interval="month", since="2025-02", until="2025-03",
                                              type="CONSULT,ACCUSE")  # fmt: skip
    out["timeline actor"] = store.timeline(interval="month", actor="kristi-noem")
    out["network"] = store.network()
    out["network since"] = store.network(since="2025-03-01")
    out["network ego"] = store.network(actor="us")
    out["network topic"] = store.network(topic="security")
    for f in ({}, {"since": "2025-03"}, {"until": "2025-02"}, {"type": "consult"},
              {"actor": "kristi-noem", "role": "source"}, {"topic": "security"}):  # fmt: skip
        total, rows = store.page("events", limit=3, **f)
        out[f"page {sorted(f.items())}"] = (total, [(r["id"], r["day"]) for r in rows])
    return out


def _make_v2(path: Path) -> None:
    """Turn a v3 store into what schema 2 wrote: no day column, indexes or event_pairs."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER event_pairs_ai")
    conn.execute("DROP TABLE event_pairs")
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%day%'"
        " AND name NOT IN ('events_date_type', 'events_type_date')"
    ).fetchall():
        conn.execute(f"DROP INDEX {name}")
    conn.execute("ALTER TABLE events DROP COLUMN day")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def test_save_stores_the_day_the_queries_used_to_compute(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save(_analyses())
        rows = store.conn.execute(
            f"SELECT e.id, e.day, {_EVENT_DAY} AS computed FROM events e"
            " JOIN articles a ON a.id = e.article_id ORDER BY e.id"
        ).fetchall()
    assert [r["day"] for r in rows] == [want for _, _, want in CASES]
    assert all(r["day"] == r["computed"] for r in rows)
    with Store(tmp_path / "s.db") as store:
        assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]


def test_v2_store_reads_the_same_read_only_and_migrates_with_a_backfill(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.save(_analyses())
        want = _views(store)
    # "2024" is too coarse for months, and one event has no date at all.
    assert want["timeline month"]["undated"] == 2  # type: ignore[index]
    _make_v2(db)
    with Store(db, readonly=True) as old:  # not migrated: the day is computed per query
        assert old._check_version() == 2
        assert _views(old) == want
    with Store(db) as migrated:
        assert migrated._check_version() == SCHEMA_VERSION == 3
        days = [r[0] for r in migrated.conn.execute("SELECT day FROM events ORDER BY id")]
        assert days == [want_day for _, _, want_day in CASES]
        indexes = {r[0] for r in migrated.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}  # fmt: skip
        assert {"events_day_type", "events_type_day", "events_day_order"} <= indexes
        assert _views(migrated) == want


def test_replacing_an_article_rewrites_its_days(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        first = _analyses()[5]  # no event date: its day is the article's
        store.save([first])
        moved = Analysis(
            article=Article(**{**{s: getattr(first.article, s) for s in Article.__slots__},
                               "published": "2025-06-01"}),
            events=first.events,
        )  # fmt: skip
        store.save([moved])
        assert store.conn.execute("SELECT day FROM events").fetchall()[0][0] == "2025-06-01"
        # The edge row was replaced with its event, not left behind or doubled.
        pairs = store.conn.execute("SELECT day, source, target FROM event_pairs").fetchall()
        assert [tuple(r) for r in pairs] == [("2025-06-01", "kristi-noem", "claudia-sheinbaum")]
        assert store.timeline(interval="month")["buckets"][0]["period"] == "2025-06"


def test_ui_queries_are_answered_from_indexes(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save(_analyses())

        def plan(sql: str, *args: object) -> str:
            rows = store.conn.execute("EXPLAIN QUERY PLAN " + sql, args)
            return " | ".join(r[3] for r in rows)

        # The timeline's per-day counts: a covering index scan, no table rows, no sort.
        timeline = plan("SELECT e.day, e.type, count(*) FROM events e GROUP BY e.day, e.type")
        # (either day index serves it: the groups are the same in either column order)
        assert "COVERING INDEX events_day_type" in timeline or (
            "COVERING INDEX events_type_day" in timeline
        )
        assert "TEMP B-TREE" not in timeline
        # A date range seeks the index instead of scanning every event.
        ranged = plan("SELECT count(*) FROM events e WHERE e.day >= ? AND e.day <= ?", "a", "b")
        assert "COVERING INDEX" in ranged and "day>?" in ranged.replace(" ", "")
        # The newest page of events is read in index order (no sort of all events).
        page = plan("SELECT e.id FROM events e ORDER BY e.day DESC, e.article_id, e.start"
                    " LIMIT 50")  # fmt: skip
        assert "events_day_order" in page and "TEMP B-TREE" not in page


def test_rows_inserted_in_sql_get_their_edges(tmp_path: Path) -> None:
    """A batch load (or the bench) inserts events and event_actors rows directly: the
    trigger still pairs every source with every other target, whichever comes first."""
    with Store(tmp_path / "s.db") as store:
        store.save(_analyses()[:1])
        c = store.conn
        with c:
            c.execute("INSERT INTO events(id, article_id, type, start, \"end\", day)"
                      " VALUES ('x1', 'a0', 'AID', 0, 1, '2025-05-05')")  # fmt: skip
            c.executemany(
                "INSERT OR IGNORE INTO event_actors(event_id, role, actor_id) VALUES ('x1', ?, ?)",
                [("target", "mexico"), ("source", "us"), ("source", "canada"),
                 ("target", "us"), ("source", "us")],
            )  # fmt: skip
        pairs = sorted(tuple(r) for r in c.execute(
            "SELECT source, target, type, day FROM event_pairs WHERE id = 'x1'"))  # fmt: skip
        assert pairs == [("canada", "mexico", "AID", "2025-05-05"),
                         ("canada", "us", "AID", "2025-05-05"),
                         ("us", "mexico", "AID", "2025-05-05")]  # fmt: skip
        edges = {(e["source"], e["target"]): e["weight"] for e in store.network()["edges"]}
        assert edges[("us", "mexico")] == 2  # one saved event, one inserted here


def test_frequent_actor_pages_walk_by_day_and_agree_with_the_id_lookup(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save(_analyses())
        # limit 50: few events for the page size, so the ids are looked up and sorted.
        total, everything = store.page("events", limit=50, actor="us")
        assert total == len(everything) == 4
        # limit 1: the actor is in most events, so the page walks events newest-first.
        sql = []
        store.conn.set_trace_callback(sql.append)
        paged = [store.page("events", limit=1, offset=k, actor="us") for k in range(total)]
        store.conn.set_trace_callback(None)
        assert any("+e.id IN" in s for s in sql)
        assert [n for n, _ in paged] == [total] * total
        assert [rows[0]["id"] for _, rows in paged] == [r["id"] for r in everything]
        assert [r["day"] for r in everything] == sorted(
            (r["day"] for r in everything), key=lambda d: d or "", reverse=True
        )
        source_only, _ = store.page("events", limit=1, actor="us", role="source")
        assert source_only == 4
        assert store.page("events", limit=1, actor="us", role="target")[0] == 0
