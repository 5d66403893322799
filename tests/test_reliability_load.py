"""The API under load: a few thousand requests from a thread pool against a real uvicorn
process on loopback.  The test asserts that every request succeeds; latency is measured and
printed (``-s``), never asserted.  ``python tests/test_reliability_load.py [N]`` runs the
same load and prints the figures quoted in docs/BENCHMARKS.md ("API under load").
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from presswatch.records import ActorRef, Analysis, Article, Event, Mention
from presswatch.store import Store
from test_security_api import start_server, stop

REQUESTS = 2000
THREADS = 8
ARTICLES = 300
TYPES = ("CONSULT", "ACCUSE", "SANCTION", "COOPERATE", "DEMAND")


def build_store(db: Path) -> Path:
    """ARTICLES articles with mentions and events between a few actors (no NLP needed)."""
    actors = [ActorRef(f"actor-{i}", f"Actor {i}", "person", "MEX" if i % 2 else "USA", None,
                       None, 2) for i in range(12)]  # fmt: skip
    analyses = []
    for n in range(ARTICLES):
        a, b = actors[n % 12], actors[(n * 5 + 1) % 12]
        sentence = f"{a.name} met {b.name} in Mexico City to discuss fentanyl and tariffs {n}."
        text = sentence + " " + "Officials said the talks would continue next month. " * 20
        events = tuple(
            Event(f"ev-{n}-{k}", TYPES[(n + k) % 5], (a.id,), (b.id,), "met", sentence, 0,
                  len(sentence), date=f"2025-{1 + n % 12:02d}-{1 + k:02d}")
            for k in range(3)
        )  # fmt: skip
        mentions = (Mention(0, len(a.name), a.name, a.id, "PERSON"),
                    Mention(text.index(b.name), text.index(b.name) + len(b.name), b.name, b.id,
                            "PERSON"))  # fmt: skip
        analyses.append(Analysis(
            article=Article(id=f"load-{n:04d}", text=text, title=f"Talks number {n}",
                            published=f"2025-{1 + n % 12:02d}-15", language="en"),
            actors=(a, b), mentions=mentions, events=events,
        ))  # fmt: skip
    with Store(db) as store:
        store.save(analyses)
    return db


PATHS = [
    "/api/health", "/api/articles?limit=50", "/api/articles/load-0042", "/api/events?type=ACCUSE",
    "/api/events?actor=actor-3&since=2025-03", "/api/search?q=fentanyl", "/api/actors",
    "/api/timeline", "/api/network", "/", "/articles", "/articles/load-0007",
]  # fmt: skip


def run_load(base: str, n: int = REQUESTS, threads: int = THREADS) -> dict[str, float]:
    local = threading.local()
    errors: list[str] = []

    def one(i: int) -> float:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=base, timeout=60)
        path = PATHS[i % len(PATHS)]
        t0 = time.perf_counter()
        r = client.get(path)
        dt = time.perf_counter() - t0
        if r.status_code != 200:
            errors.append(f"{path}: {r.status_code} {r.text[:200]}")
        return dt

    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        times = sorted(pool.map(one, range(n)))
    wall = time.perf_counter() - t0
    assert not errors, errors[:5]
    return {
        "requests": n, "threads": threads, "errors": len(errors), "seconds": round(wall, 2),
        "rps": round(n / wall, 1),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[int(0.95 * len(times)) - 1] * 1000, 1),
        "p99_ms": round(times[int(0.99 * len(times)) - 1] * 1000, 1),
        "max_ms": round(times[-1] * 1000, 1),
    }  # fmt: skip


@pytest.mark.slow
def test_api_under_load_answers_every_request(tmp_path: Path) -> None:
    srv = start_server(build_store(tmp_path / "load.db"), tmp_path)
    try:
        figures = run_load(srv.base)
    finally:
        stop(srv.proc)
    print("\nAPI under load:", figures)
    assert figures["errors"] == 0 and figures["requests"] == REQUESTS
    assert "Traceback" not in srv.log.read_text()


if __name__ == "__main__":  # the figures for docs/BENCHMARKS.md
    import tempfile

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(build_store(Path(tmp) / "load.db"), Path(tmp))
        try:
            run_load(server.base, 200)  # warm-up
            print(run_load(server.base, n))
        finally:
            stop(server.proc)
