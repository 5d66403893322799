"""batch and load: Parquet shards that load into the same store as a plain ingest.

The Dask test runs a real LocalCluster (two worker processes) through the real
CLI, kills the whole process group mid-run, resumes it, loads the shards and
compares every table with a plain ``presswatch ingest`` of the same inputs.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from presswatch.batch import load_shards, make_plan, parse_shard, run_shard
from presswatch.batch.manifest import ShardId, read_manifest
from presswatch.batch.plan import shard_bounds
from presswatch.errors import ConfigError
from presswatch.export import TABLES
from presswatch.settings import Settings
from presswatch.store import Store

#: Columns that legitimately differ between two stores of the same records.
_VOLATILE = {"ingested_at", "at"}
#: Tables whose integer ``id`` is an autoincrement rowid.
_AUTO_ID = {"findings", "failures"}


def table_contents(db: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """Every table as a multiset of rows, without timestamps and autoincrement ids."""
    conn = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        cols = [
            r[1] for r in conn.execute(f"PRAGMA table_info({table})")
            if r[1] not in _VOLATILE and not (r[1] == "id" and table in _AUTO_ID)
        ]  # fmt: skip
        names = ", ".join(f'"{c}"' for c in cols)
        out[table] = Counter(conn.execute(f"SELECT {names} FROM {table}").fetchall())
    conn.close()
    return out


def assert_same_store(expected: Path, got: Path) -> None:
    a, b = table_contents(expected), table_contents(got)
    for table in TABLES:
        missing, extra = a[table] - b[table], b[table] - a[table]
        assert not missing and not extra, (
            f"{table}: {sum(missing.values())} rows missing, {sum(extra.values())} extra; "
            f"e.g. missing {next(iter(missing), None)!r}, extra {next(iter(extra), None)!r}"
        )


def small_inputs(shared: Path, n: int) -> list[str]:
    """The n smallest White House documents (all sections), as file arguments."""
    files = sorted((shared / "corpus" / "whitehouse").rglob("*.md"), key=lambda p: p.stat().st_size)
    return [str(p) for p in sorted(files[:n])]


def run_cli(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "presswatch", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


# --- shard arithmetic --------------------------------------------------------


@pytest.mark.parametrize("n_articles", [0, 1, 7, 150])
@pytest.mark.parametrize("n_shards", [1, 3, 16])
def test_contiguous_shards_cover_every_article_once(n_articles: int, n_shards: int) -> None:
    covered = []
    for i in range(n_shards):
        start, end = shard_bounds(i, n_shards, n_articles)
        covered.extend(range(start, end))
    assert covered == list(range(n_articles))


def test_parse_shard_rejects_bad_values() -> None:
    assert parse_shard("3/16") == ShardId(3, 16)
    for bad in ("16/16", "-1/4", "3", "a/b", "1/0"):
        with pytest.raises(ConfigError):
            parse_shard(bad)


# --- library: run shards in-process, load, load again -------------------------


def test_shards_load_idempotently_and_incomplete_shards_are_not_loaded(
    tmp_path: Path, shared: Path, nlp: object
) -> None:
    inputs = small_inputs(shared, 6)
    settings = Settings()
    out = tmp_path / "run"
    plan = make_plan(inputs, out, settings)
    assert plan.n_articles == 6
    summaries = [run_shard(out, ShardId(i, 3), settings, nlp=nlp) for i in range(3)]  # type: ignore[arg-type]
    assert sum(s.articles for s in summaries) == 6
    # every table of the store is a Parquet file with the store's columns
    with Store(tmp_path / "cols.db") as store:
        store_cols = {
            t: [r[1] for r in store.conn.execute(f"PRAGMA table_info({t})")] for t in TABLES
        }
    for table in TABLES:
        cols = pq.read_schema(out / ShardId(0, 3).name / f"{table}.parquet").names
        assert cols == [c for c in store_cols[table] if not (c == "id" and table in _AUTO_ID)]
    # a rerun skips complete shards
    again = run_shard(out, ShardId(1, 3), settings, nlp=nlp)  # type: ignore[arg-type]
    assert again.skipped

    db = tmp_path / "loaded.db"
    with Store(db) as store:
        first = load_shards(out, store)
    snapshot = table_contents(db)
    with Store(db) as store:
        load_shards(out, store)
    assert first.articles == 6 and not first.incomplete
    assert table_contents(db) == snapshot, "loading twice changed the store"
    assert sum(snapshot["articles"].values()) == 6

    # a damaged file makes its shard incomplete: not loaded, reported, redone on rerun
    victim = out / ShardId(2, 3).name / "mentions.parquet"
    victim.write_bytes(victim.read_bytes()[:-10])
    assert read_manifest(victim.parent) is None
    with Store(tmp_path / "partial.db") as store:
        partial = load_shards(out, store)
    assert partial.incomplete == [ShardId(2, 3).name]
    assert partial.articles == sum(s.articles for s in summaries[:2])
    redo = run_shard(out, ShardId(2, 3), settings, nlp=nlp)  # type: ignore[arg-type]
    assert not redo.skipped and read_manifest(victim.parent) is not None


def test_a_plan_refuses_other_inputs(tmp_path: Path, shared: Path) -> None:
    inputs = small_inputs(shared, 3)
    make_plan(inputs[:2], tmp_path, Settings())
    with pytest.raises(ConfigError, match="other inputs"):
        make_plan(inputs, tmp_path, Settings())


# --- the real CLI on a real Dask LocalCluster: kill, resume, load == ingest ----

#: The kill/resume run uses a subset so the test stays near a minute on two cores;
#: PRESSWATCH_BATCH_FULL=1 runs it over the whole White House directory.
_SUBSET = 30


def test_dask_batch_killed_and_resumed_loads_the_same_store_as_ingest(
    tmp_path: Path, shared: Path
) -> None:
    if os.environ.get("PRESSWATCH_BATCH_FULL"):
        inputs = [str(shared / "corpus" / "whitehouse")]
    else:
        inputs = small_inputs(shared, _SUBSET)
    out = tmp_path / "shards"
    n_shards = 6
    args = [sys.executable, "-m", "presswatch", "batch", *inputs, "--out", str(out),
            "--local-workers", "2", "--shards", str(n_shards)]  # fmt: skip

    # 1. start, wait for the first finished shard, then SIGKILL the whole process group
    proc = subprocess.Popen(
        args, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 240
    done_before: dict[str, dict[str, object]] = {}
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            manifests = list(out.glob("shard-*/manifest.json"))
            if manifests:
                break
            time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    for d in sorted(out.glob("shard-*")):
        m = read_manifest(d)
        if m is not None:
            done_before[d.name] = m
        else:  # a killed shard is incomplete, never half-complete
            assert not (d / "manifest.json").exists()
    assert 1 <= len(done_before) < n_shards, f"kill came too late or too early: {done_before}"

    # 2. resume: finished shards are skipped, the rest are run
    resumed = run_cli(*args[3:], cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    todo = int(re.search(r"(\d+) to run", resumed.stderr).group(1))  # type: ignore[union-attr]
    assert todo == n_shards - len(done_before)
    for name, m in done_before.items():
        assert json.loads((out / name / "manifest.json").read_text())["created"] == m["created"]

    # 3. load (twice: idempotent) and compare with a plain ingest of the same inputs
    loaded, ingested = tmp_path / "loaded.db", tmp_path / "ingested.db"
    for _ in range(2):
        r = run_cli("load", str(out), "--db", str(loaded), cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    r = run_cli("ingest", *inputs, "--db", str(ingested), "--workers", "2", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    contents = table_contents(ingested)
    # the whole directory: 150 files, 4 of them exact duplicates of others (skipped)
    assert sum(contents["articles"].values()) >= (_SUBSET if len(inputs) > 1 else 146)
    assert sum(contents["mentions"].values()) > 0
    assert_same_store(ingested, loaded)


# --- the multi-process path: text-sized chunks ---------------------------------


def test_chunks_are_bounded_by_text_size_and_keep_order() -> None:
    from presswatch.core import CHUNK_CHARS, _chunks
    from presswatch.records import Article, Failure

    items: list[Article | Failure] = [
        Article(id=str(i), text="x" * (CHUNK_CHARS // 3 if i % 5 else CHUNK_CHARS * 2))
        for i in range(40)
    ]
    items.insert(7, Failure("bad.txt", "ingest", "E101", "unsupported"))
    chunks = list(_chunks(items, 32))
    assert [x for c in chunks for x in c] == items
    for c in chunks:
        chars = [len(x.text) for x in c if isinstance(x, Article)]
        # a chunk closes as soon as it reaches the bound: only its last article crosses it
        assert sum(chars[:-1]) < CHUNK_CHARS
        assert len(c) <= 32
