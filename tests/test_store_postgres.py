"""The store on PostgreSQL answers exactly as on SQLite.

The bundled sample corpus is ingested by the real CLI into a SQLite file and into a fresh
PostgreSQL database; every record, listing, page, aggregate and search the CLI and API use
must then agree.  Plus what only a server has to get right: writers queue, readers never
see half an article, and an unreachable server is one clear line.  The PostgreSQL tests
skip (saying why) when PRESSWATCH_TEST_PG is unset; `make test` sets it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from presswatch.errors import StoreError
from presswatch.records import Analysis, Event, Failure
from presswatch.store import Store
from presswatch.store.sqlite import MARK_END, MARK_START
from stores import fresh_pg_database

pytestmark = pytest.mark.postgres

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "presswatch" / "data" / "sample"

CLI = Callable[..., subprocess.CompletedProcess[str]]


def _ingest(inputs: list[str], db: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "presswatch", "ingest", *inputs, "--db", db, "--quiet",
         "--workers", "1"],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    """(SQLite, PostgreSQL) stores holding the sample corpus.

    SQLite is filled by `presswatch ingest`; PostgreSQL gets the very same analyses through
    Store.save and the same cross-article refresh (so a pipeline change made while the
    tests run cannot tell the two apart: the CLI test below runs ingest on both)."""
    from presswatch.cli.pipeline_cmds import refresh_cross_findings

    work = tmp_path_factory.mktemp("pg-parity")
    sqlite_db = str(work / "sample.db")
    _ingest([str(SAMPLE)], sqlite_db, work)
    with fresh_pg_database() as url, Store(sqlite_db, readonly=True) as lite:
        with Store(url) as filling:
            filling.save(list(lite.iter_analyses()))
            filling.record_failures(
                Failure(r["item"], r["stage"], r["code"], r["reason"])
                for r in reversed(lite.list_failures())
            )
            refresh_cross_findings(filling)
        with Store(url, readonly=True) as pg:
            yield lite, pg


def _same(lite: Store, pg: Store, method: str, *args: Any, **kwargs: Any) -> Any:
    want = getattr(lite, method)(*args, **kwargs)
    got = getattr(pg, method)(*args, **kwargs)
    assert got == want, f"{method}{args}{kwargs} differs on PostgreSQL"
    return want


def test_the_corpus_is_stored_and_every_article_loads_back_the_same(
    pair: tuple[Store, Store],
) -> None:
    lite, pg = pair
    ids = _same(lite, pg, "article_ids")  # the insertion order too
    assert len(ids) >= 10
    counts = _same(lite, pg, "counts")
    assert counts["events"] > 20 and counts["quotes"] > 10 and counts["claims"] > 10
    for aid in ids:
        a = pg.load_analysis(aid)
        assert a is not None and a == lite.load_analysis(aid)
    assert _same(lite, pg, "findings") == lite.findings()
    _same(lite, pg, "cross_stale")
    assert pg.cross_stale() is False  # the ingest refreshed the cross-article findings
    _same(lite, pg, "query", "SELECT * FROM story_events ORDER BY id")
    _same(lite, pg, "query", "SELECT * FROM story_event_reports ORDER BY story_id, event_id")


def _top(store: Store, n: int = 4) -> list[str]:
    return [a["id"] for a in store.list_actors(limit=n)]


def test_listings_agree_with_every_filter(pair: tuple[Store, Store]) -> None:
    lite, pg = pair
    actors = _top(lite)
    for kwargs in ({}, {"limit": 5, "offset": 3}, {"since": "2025-01-01"}, {"until": "2024-12"},
                   {"q": "tariffs"}):  # fmt: skip
        _same(lite, pg, "list_articles", **kwargs)
    for kwargs in ({}, {"q": "mex"}, {"kind": "person"}, {"country": "MEX"}):
        _same(lite, pg, "list_actors", **kwargs)
    for actor in actors:
        _same(lite, pg, "list_events", actor=actor)
        _same(lite, pg, "list_events", actor=actor, role="source")
        _same(lite, pg, "list_quotes", speaker=actor)
        _same(lite, pg, "list_findings", actor=actor)
    for kwargs in ({}, {"type": "consult"}, {"since": "2025-02", "until": "2025-03"},
                   {"topic": "security"}, {"q": "TARIFF"}, {"limit": 7, "offset": 7}):  # fmt: skip
        _same(lite, pg, "list_events", **kwargs)
    _same(lite, pg, "list_quotes", q="we")
    _same(lite, pg, "list_claims")
    _same(lite, pg, "list_claims", q="percent")
    _same(lite, pg, "list_findings")
    _same(lite, pg, "list_failures")


def test_pages_the_api_serves_agree(pair: tuple[Store, Store]) -> None:
    lite, pg = pair
    actor = _top(lite, 1)[0]
    filters: list[dict[str, Any]] = [
        {}, {"limit": 5, "offset": 5}, {"actor": actor}, {"actor": actor, "role": "target"},
        {"type": "consult,accuse"}, {"quad": "verbal_conflict"}, {"topic": "trade"},
        {"since": "2025-01-01", "until": "2025-06"}, {"q": "border"},
    ]  # fmt: skip
    for listing in ("articles", "actors", "events", "quotes", "claims", "findings"):
        for f in filters:
            total, rows = _same(lite, pg, "page", listing, **f)
            assert total >= len(rows)
    total, _ = pg.page("events", actor=actor)
    assert total > 0
    _same(lite, pg, "page", "findings", latest=True)
    with pytest.raises(StoreError, match="unknown listing"):
        pg.page("nope")


def test_timeline_network_and_dossiers_agree(pair: tuple[Store, Store]) -> None:
    lite, pg = pair
    for interval in ("day", "week", "month", "year"):
        t = _same(lite, pg, "timeline", interval=interval)
        assert t["buckets"]
        _same(lite, pg, "timeline", interval=interval, type="consult", since="2025")
    net = _same(lite, pg, "network")
    assert net["edges"]
    for actor in _top(lite):
        _same(lite, pg, "timeline", actor=actor)
        _same(lite, pg, "network", actor=actor, min_weight=1)
        _same(lite, pg, "actor", actor)
        _same(lite, pg, "actor_activity", actor)
        _same(lite, pg, "actor_partners", actor)
    assert pg.actor("no-such-actor") is None
    _same(lite, pg, "topic_counts")
    _same(lite, pg, "event_type_counts")
    _same(lite, pg, "finding_kind_counts")


@pytest.mark.parametrize("q", ["tariffs", "Sheinbaum", "cartel leaders", "fentanyl"])
def test_search_finds_the_same_articles(pair: tuple[Store, Store], q: str) -> None:
    # Rank and snippet are each engine's own (bm25 vs ts_rank, snippet vs ts_headline):
    # the set of matching articles and the total are what must agree.
    lite, pg = pair
    want = lite.search_page(q, limit=100)
    got = pg.search_page(q, limit=100)
    assert got[0] == want[0] and got[0] > 0
    assert {r["id"] for r in got[1]} == {r["id"] for r in want[1]}
    assert all(MARK_START in r["snippet"] and MARK_END in r["snippet"] for r in got[1])
    assert {r["id"] for r in pg.search(q, limit=100)} == {r["id"] for r in want[1]}
    assert "<mark>" in pg.search(q)[0]["snippet"]


def test_search_input_is_never_query_syntax_and_accents_do_not_matter(
    pair: tuple[Store, Store],
) -> None:
    lite, pg = pair
    for q in ['NEAR( "unbalanced', "tariffs & !", "a:* | b", "''", "   "]:
        assert pg.search_page(q)[0] == lite.search_page(q)[0]
    # FTS5 removes diacritics; the PostgreSQL store maps them through unaccent.
    assert pg.search_page("Mexico")[0] == lite.search_page("Mexico")[0]
    assert pg.search_page("México")[0] == lite.search_page("México")[0] > 0


def test_cli_ingest_and_events_json_agree(cli: CLI, tmp_path: Path) -> None:
    subset = sorted(SAMPLE.glob("*.md"))[:4]
    shutil.copytree(SAMPLE, tmp_path / "all")
    inputs = [str(p) for p in subset]
    with fresh_pg_database() as url:
        for db in (url, str(tmp_path / "s.db")):
            done = cli("ingest", *inputs, "--db", db, "--quiet", "--workers", "1")
            assert done.returncode == 0, done.stderr
        pg = cli("events", "--db", url, "--json")
        lite = cli("events", "--db", str(tmp_path / "s.db"), "--json")
        assert pg.returncode == 0 and lite.returncode == 0, pg.stderr
        assert json.loads(pg.stdout) and pg.stdout == lite.stdout
        # Ingesting again is idempotent on the server too.
        with Store(url, readonly=True) as store:
            before = store.counts()
        again = cli("ingest", *inputs, "--db", url, "--quiet", "--workers", "1")
        assert again.returncode == 0, again.stderr
        with Store(url, readonly=True) as store:
            assert store.counts() == before
        # The password never reaches a message.
        shown = cli("events", "--db", url.replace("presswatch@", "presswatch:s3cret@"), "--json")
        assert "s3cret" not in shown.stderr


def _bumped(a: Analysis) -> Analysis:
    """The article again with one event fewer and a new title: a visibly different version."""
    art = a.article
    return replace(a, article=replace(art, title=f"{art.title} (updated)"), events=a.events[1:])


def _analysis(article_id: str) -> Analysis:
    from test_store import make_analysis

    return make_analysis(article_id)


def test_readers_see_whole_articles_while_a_writer_replaces_them() -> None:
    with fresh_pg_database() as url:
        old = _analysis("a1")
        with Store(url) as writer, Store(url, readonly=True) as reader:
            writer.save([old])
            new = _bumped(old)
            writer.conn.execute("BEGIN IMMEDIATE")
            writer._write(new)  # half done: the old article deleted, the new one written
            assert reader.load_analysis("a1") == old
            writer.conn.execute("COMMIT")
            assert reader.load_analysis("a1") == new
            assert len(new.events) == len(old.events) - 1


def test_a_second_writer_waits_for_the_first() -> None:
    with fresh_pg_database() as url, Store(url) as first, Store(url) as second:
        first.save([_analysis("a1")])
        first.conn.execute("BEGIN IMMEDIATE")  # holds the writers' lock
        done = threading.Event()
        errors: list[BaseException] = []

        def write() -> None:
            try:
                second.save([_analysis("a2")])
            except BaseException as err:
                errors.append(err)
            done.set()

        t = threading.Thread(target=write)
        t.start()
        assert not done.wait(1.0), "the second writer did not wait for the first"
        first.conn.execute("COMMIT")
        t.join(30)
        assert done.is_set() and not errors
        assert first.known_ids(["a1", "a2"]) == {"a1", "a2"}


def test_event_pairs_are_filled_by_the_trigger() -> None:
    with fresh_pg_database() as url, Store(url) as store:
        a = _analysis("a1")
        ev = Event(id="a1-e2", type="ACCUSE", source=("kristi-noem", "x"),
                   target=("claudia-sheinbaum",), trigger="t", sentence="s", start=1, end=2)
        store.save([Analysis(article=a.article, actors=a.actors, events=(*a.events, ev))])
        pairs = store.query("SELECT id, source, target FROM event_pairs ORDER BY id, source")
        assert pairs == [
            {"id": "a1-e1", "source": "kristi-noem", "target": "claudia-sheinbaum"},
            {"id": "a1-e2", "source": "kristi-noem", "target": "claudia-sheinbaum"},
            {"id": "a1-e2", "source": "x", "target": "claudia-sheinbaum"},
        ]
        store.save([a])  # replacing the article empties its pairs by the cascade
        assert len(store.query("SELECT * FROM event_pairs")) == 1


def test_an_empty_database_read_only_says_how_to_fill_it() -> None:
    with fresh_pg_database() as url:
        with pytest.raises(StoreError, match="presswatch ingest") as info:
            Store(url, readonly=True)
        assert info.value.code == "E301"


def test_an_unreachable_server_is_one_clear_line(cli: CLI) -> None:
    # Port 1 on the loopback: nothing listens there, and no packet leaves the machine.
    done = cli("events", "--db", "postgresql://presswatch:pw@127.0.0.1:1/none", "--json")
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode != 0 and len(lines) == 1, done.stderr
    assert "cannot open the PostgreSQL store" in lines[0] and "E307" in lines[0]
    assert ":pw@" not in lines[0]
