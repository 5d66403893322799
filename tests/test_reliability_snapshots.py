"""Readers see whole articles while a writer replaces them: ``Store.load_analysis`` and every
API request read one snapshot (one read transaction), so an article is never mixed from two
versions (its row from one write and its records from another)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from presswatch.records import Analysis, Article, Mention
from presswatch.store import Store

AID = "flip-flop"
SECONDS = 2.0


def version(n: int) -> Analysis:
    """Version n has n mentions and says so in its title."""
    text = "Mexico " * 12
    mentions = tuple(Mention(7 * i, 7 * i + 6, "Mexico", None, "GPE") for i in range(n))
    return Analysis(article=Article(id=AID, text=text, title=f"v{n}"), mentions=mentions)


def _writer(db: Path, stop: threading.Event, writes: list[int]) -> None:
    with Store(db) as store:
        n = 0
        while not stop.is_set():
            store.save([version(1 + n % 7)])
            writes.append(n)
            n += 1


def test_load_analysis_reads_one_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "flip.db"
    with Store(db) as store:
        store.save([version(1)])
    stop, writes = threading.Event(), []
    w = threading.Thread(target=_writer, args=(db, stop, writes))
    w.start()
    bad, reads = [], 0
    try:
        with Store(db, readonly=True) as reader:
            deadline = time.monotonic() + SECONDS
            while time.monotonic() < deadline:
                a = reader.load_analysis(AID)
                reads += 1
                if a is None or a.article.title != f"v{len(a.mentions)}":
                    bad.append((a.article.title if a else None, len(a.mentions) if a else None))
    finally:
        stop.set()
        w.join(30)
    assert len(writes) > 20 and reads > 20, (len(writes), reads)
    assert not bad, bad[:5]


def test_api_requests_read_one_snapshot(tmp_path: Path) -> None:
    from test_security_api import start_server
    from test_security_api import stop as stop_server

    db = tmp_path / "flip-api.db"
    with Store(db) as store:
        store.save([version(1)])
    srv = start_server(db, tmp_path, token=None)
    stop, writes = threading.Event(), []
    w = threading.Thread(target=_writer, args=(db, stop, writes))
    w.start()
    bad, reads = [], 0
    try:
        with httpx.Client(base_url=srv.base, timeout=30) as c:
            deadline = time.monotonic() + SECONDS
            while time.monotonic() < deadline:
                r = c.get(f"/api/articles/{AID}")
                reads += 1
                doc = r.json()
                if r.status_code != 200 or doc["title"] != f"v{len(doc['mentions'])}":
                    bad.append((r.status_code, doc.get("title"), len(doc.get("mentions", []))))
    finally:
        stop.set()
        w.join(30)
        stop_server(srv.proc)
    assert len(writes) > 20 and reads > 10, (len(writes), reads)
    assert not bad, bad[:5]
