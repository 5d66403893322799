"""Faults and concurrency, with real processes on real SQLite files.

* readers never see half an article while ``ingest`` writes (one read
  transaction per poll, compared with the finished store article by article);
* a second writer waits (busy timeout) instead of failing; two ``ingest``
  processes on one store both succeed; ``serve`` answers during an ingest;
* ``ingest`` and ``batch`` killed with SIGKILL at random points leave a
  consistent store (integrity and foreign-key checks, every article with all
  its records), and re-running completes the work with nothing doubled
  (compared with a clean run).

The corpus is built from the bundled sample articles (shipped in the package),
cut into short distinct reports so that a run writes several batches.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from presswatch.records import Analysis, Article
from presswatch.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "presswatch" / "data" / "sample"
#: Kill-loop iterations (docs/SECURITY.md reports them); small to keep the suite quick.
INGEST_KILLS = 2
BATCH_KILLS = 2
#: Record tables compared per article.
PER_ARTICLE = ("mentions", "article_actors", "events", "quotes", "claims", "dates", "topics",
               "titles")  # fmt: skip

pytestmark = pytest.mark.slow


def _paragraphs() -> list[str]:
    paras: list[str] = []
    for p in sorted(SAMPLE.glob("*.md")):
        body = p.read_text(encoding="utf-8").split("---", 2)[-1]
        paras += [x.strip() for x in body.split("\n\n")
                  if len(x.strip()) > 80 and not x.lstrip().startswith("#")]  # fmt: skip
    return paras


def write_corpus(path: Path, n: int, offset: int = 0, bad_line: bool = True) -> Path:
    paras = _paragraphs()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            text = " ".join(paras[(i * 7 + k) % len(paras)] for k in range(2)) + f" (Report {i}.)"
            fh.write(json.dumps({"text": text, "title": f"Report {i}",
                                 "published": f"2025-03-{1 + i % 28:02d}"}) + "\n")  # fmt: skip
            if bad_line and i == offset + n // 2:
                fh.write("{this line is not JSON\n")
    return path


def presswatch(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    return subprocess.Popen(
        [sys.executable, "-m", "presswatch", *args], cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def run(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    p = presswatch(*args, cwd=cwd)
    out, err = p.communicate(timeout=timeout)
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def snapshot(db: Path) -> dict[str, Any]:
    """Per-article record counts and table totals, read in one transaction."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        conn.execute("BEGIN")
        per: dict[str, tuple[int, ...]] = {}
        for (aid,) in conn.execute("SELECT id FROM articles"):
            own = conn.execute("SELECT count(*) FROM findings WHERE article_id = ? AND "
                               "scope = 'article'", (aid,)).fetchone()[0]  # fmt: skip
            per[aid] = (*(
                conn.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", (aid,)).fetchone()[0]
                for t in PER_ARTICLE
            ), own)  # fmt: skip
        totals = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "actors", "event_actors", "failures", "story_events",
                            "story_event_reports", *PER_ARTICLE)}  # fmt: skip
        totals["cross_findings"] = conn.execute(
            "SELECT count(*) FROM findings WHERE scope = 'cross'"
        ).fetchone()[0]
        conn.execute("COMMIT")
        return {"per": per, "totals": totals}
    finally:
        conn.close()


def assert_consistent(db: Path, reference: dict[str, Any]) -> dict[str, Any]:
    conn = sqlite3.connect(str(db), timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:  # killed before the schema was made: an empty file, no half schema
            return {"per": {}, "totals": {}}
        assert {"meta", "articles", "events", "event_actors", "event_pairs"} <= tables
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    snap = snapshot(db)
    for aid, counts in snap["per"].items():
        # an article present is whole: exactly the records a clean run gives it
        assert counts == reference["per"][aid], aid
    return snap


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("reliability")
    write_corpus(d / "a.jsonl", 48)
    write_corpus(d / "c.jsonl", 16, offset=100)
    write_corpus(d / "b.jsonl", 12, offset=200, bad_line=False)
    return d


@pytest.fixture(scope="module")
def reference(work: Path) -> dict[str, Any]:
    db = work / "reference.db"
    r = run("ingest", "a.jsonl", "--db", str(db), "--workers", "1", cwd=work)
    assert r.returncode == 1, r.stderr  # the one bad line
    assert "48 stored" in r.stderr and "a.jsonl line 26: not valid JSON" in r.stderr
    snap = snapshot(db)
    assert len(snap["per"]) == 48 and snap["totals"]["failures"] == 1
    assert snap["totals"]["mentions"] > 64 and snap["totals"]["events"] > 0
    return snap


def _articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_at_random(proc: subprocess.Popen[str], ready: Callable[[], bool], rng: random.Random,
                    early: bool) -> str:  # fmt: skip
    """SIGKILL ``proc`` at a random moment: during start-up, or once it has begun writing."""
    if early:
        time.sleep(rng.uniform(0.3, 3.0))
        where = "start-up"
    else:
        deadline = time.monotonic() + 120
        while not ready() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 1.5))
        where = "writing"
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    return where


def test_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes(
    work: Path, reference: dict[str, Any]
) -> None:
    db = work / "killed.db"
    rng = random.Random(20251122)
    for i in range(INGEST_KILLS):
        proc = presswatch("ingest", "a.jsonl", "--db", str(db), "--workers", "1", cwd=work)
        _kill_at_random(proc, lambda: _articles(db) > 0, rng, early=(i == 0))
        if db.exists():
            assert_consistent(db, reference)
    r = run("ingest", "a.jsonl", "--db", str(db), "--workers", "1", cwd=work)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    snap = assert_consistent(db, reference)
    assert snap == reference  # nothing missing, nothing doubled (failures included)


def test_cross_findings_are_recomputed_after_a_crash_before_the_refresh(
    work: Path, reference: dict[str, Any]
) -> None:
    """Articles saved, then a crash before the cross-article checks ran: the next run finishes."""
    db = work / "crashed-before-refresh.db"
    shutil.copy(work / "reference.db", db)  # a finished run (the WAL is checkpointed on close)
    with Store(db) as store:  # what a crash between save() and the refresh leaves behind
        store.conn.execute("DELETE FROM findings WHERE scope = 'cross'")
        store.conn.execute("DELETE FROM story_events")
        store.conn.commit()
        store.save([store.load_analysis(store.article_ids()[0])])  # type: ignore[list-item]
        store.conn.commit()
    r = run("ingest", "a.jsonl", "--db", str(db), "--workers", "1", cwd=work)
    assert "0 stored, 48 already in the store" in r.stderr  # and idempotent
    snap = snapshot(db)
    assert snap["per"] == reference["per"] and snap["totals"]["failures"] == 1
    assert snap["totals"]["cross_findings"] == reference["totals"]["cross_findings"]
    assert snap["totals"]["story_events"] == reference["totals"]["story_events"]


def test_killed_batch_resumes_and_loads_like_a_clean_ingest(
    work: Path, reference: dict[str, Any]
) -> None:
    out = work / "shards"
    rng = random.Random(7)

    def some_shard_started() -> bool:
        return any(out.glob("shard-*/*.parquet")) or any(out.glob("shard-*/.*.tmp"))

    wheres = []
    for i in range(BATCH_KILLS):
        proc = presswatch("batch", "a.jsonl", "--out", str(out), "--shards", "4", "--quiet",
                          cwd=work)  # fmt: skip
        wheres.append(_kill_at_random(proc, some_shard_started, rng, early=(i == 0)))
        # whatever is on disk: complete shards verify, incomplete ones are simply redone
        from presswatch.batch.manifest import complete_shards

        for d, m in complete_shards(out):
            assert len(m["articles"]) == m["positions"][1] - m["positions"][0], d
    r = run("batch", "a.jsonl", "--out", str(out), "--shards", "4", cwd=work)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    db = work / "batch.db"
    r = run("load", str(out), "--db", str(db), cwd=work)
    assert r.returncode == 0, r.stderr
    snap = assert_consistent(db, reference)
    assert snap == reference
    r = run("load", str(out), "--db", str(db), cwd=work)  # loading twice doubles nothing
    assert snapshot(db) == reference


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "c.execute(\"INSERT INTO meta(key, value) VALUES ('lock-test', '1')\")\n"
         "print('locked', flush=True)\n"
         "time.sleep(2)\n"
         "c.execute('COMMIT')\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    t0 = time.monotonic()
    with Store(db) as store:
        store.save([Analysis(article=Article(id="w2", text="Second writer text."))])
        waited = time.monotonic() - t0
        assert store.has_article("w2")
    assert holder.wait(10) == 0
    assert waited > 1.0  # it waited for the lock instead of failing with "database is locked"


def test_concurrent_ingests_and_serve_during_an_ingest(work: Path) -> None:
    db = work / "shared.db"
    Store(db).close()
    from test_security_api import start_server, stop

    srv = start_server(db, work, token=None)
    problems: list[str] = []
    stats = {"requests": 0, "polls": 0}
    done = threading.Event()

    def poll_api() -> None:
        with httpx.Client(base_url=srv.base, timeout=30) as c:
            while not done.is_set():
                r = c.get("/api/articles", params={"limit": 500})
                stats["requests"] += 1
                if r.status_code != 200:
                    problems.append(f"API {r.status_code}: {r.text[:200]}")
                time.sleep(0.05)  # steady traffic without starving the ingests of CPU

    seen: dict[str, tuple[int, ...]] = {}

    def poll_db() -> None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        while not done.is_set():
            conn.execute("BEGIN")  # one read transaction: one consistent snapshot
            rows = conn.execute(
                "SELECT a.id, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),"
                " (SELECT count(*) FROM events e WHERE e.article_id = a.id),"
                " (SELECT count(*) FROM dates d WHERE d.article_id = a.id) FROM articles a"
            ).fetchall()
            conn.execute("COMMIT")
            stats["polls"] += 1
            for aid, *counts in rows:
                if seen.setdefault(aid, tuple(counts)) != tuple(counts):
                    problems.append(f"{aid}: {seen[aid]} then {counts}")
            time.sleep(0.01)
        conn.close()

    threads = [threading.Thread(target=poll_api), threading.Thread(target=poll_db)]
    for t in threads:
        t.start()
    try:
        a = presswatch("ingest", "c.jsonl", "--db", str(db), "--workers", "1", cwd=work)
        b = presswatch("ingest", "b.jsonl", "--db", str(db), "--workers", "1", cwd=work)
        _, err_a = a.communicate(timeout=300)
        _, err_b = b.communicate(timeout=300)
    finally:
        done.set()
        for t in threads:
            t.join(60)
        stop(srv.proc)
    assert a.returncode == 1 and "16 stored" in err_a, err_a  # 1: the bad line in c.jsonl
    assert b.returncode == 0 and "12 stored" in err_b, err_b
    assert "locked" not in err_a + err_b
    assert not problems, problems[:5]
    assert stats["requests"] > 5 and stats["polls"] > 5, stats
    final = snapshot(db)
    assert len(final["per"]) == 28
    for aid, counts in seen.items():  # what readers saw mid-ingest is what the store holds
        per = final["per"][aid]
        assert counts == (per[0], per[2], per[5]), aid
