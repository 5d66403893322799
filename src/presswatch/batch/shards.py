"""One shard: analyse a slice of the plan and write it as Parquet, atomically.

The shard runs the same :func:`presswatch.core.iter_analyses` as ``ingest``
and writes its records through the same :class:`~presswatch.store.Store`
(into a private temporary SQLite file), then copies each table to Parquet.
Going through the store keeps one definition of the rows: a shard's Parquet
files hold exactly what ``ingest`` would have written for those articles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from presswatch import core
from presswatch.batch.manifest import ShardId, read_manifest, write_manifest
from presswatch.batch.parquet import file_sha256, write_table
from presswatch.batch.plan import Plan, read_plan, shard_bounds
from presswatch.errors import ConfigError
from presswatch.export import TABLES
from presswatch.records import Analysis, Failure
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.version import __version__

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ShardSummary", "run_shard"]


@dataclass(frozen=True, slots=True)
class ShardSummary:
    """What a shard task returns: small, so it can travel back from a Dask worker."""

    shard: str
    articles: int
    failures: int
    seconds: float
    skipped: bool = False
    rows: dict[str, int] = field(default_factory=dict)


def run_shard(
    out: str | Path,
    shard: ShardId,
    settings: Settings | None = None,
    nlp: Language | None = None,
    plan: Plan | None = None,
) -> ShardSummary:
    """Analyse shard ``shard`` of the plan in ``out``; skip it when already complete."""
    out = Path(out)
    settings = dataclasses.replace(settings or Settings(), workers=1)
    plan = plan or read_plan(out)
    if plan is None:
        raise ConfigError(f"{out} has no plan; run `presswatch batch INPUT... --out {out}` first")
    shard_dir = out / shard.name
    done = read_manifest(shard_dir)
    if done is not None and done.get("plan") == plan.checksum:
        return ShardSummary(
            str(shard), len(done["articles"]), done["rows"].get("failures", 0), 0.0,
            skipped=True, rows=done["rows"],
        )  # fmt: skip
    t0 = time.perf_counter()
    start, end = shard_bounds(shard.index, shard.count, plan.n_articles)
    articles = plan.articles(start, end)
    failures: list[Failure] = plan.failures(shard.index, shard.count)
    if nlp is None and articles:
        from presswatch.nlp import load_pipeline

        nlp = load_pipeline(settings)
    shard_dir.mkdir(parents=True, exist_ok=True)
    (shard_dir / "manifest.json").unlink(missing_ok=True)  # stale or from another plan
    for stale in shard_dir.glob(".*.tmp"):  # left by a process killed mid-write
        stale.unlink(missing_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="presswatch-shard-") as tmp,
        Store(Path(tmp) / "shard.db") as store,
    ):
        buffer: list[Analysis] = []
        for result in core.iter_analyses(articles, settings, nlp):
            if isinstance(result, Failure):
                failures.append(result)
                continue
            buffer.append(result)
            if len(buffer) >= settings.batch_size:
                store.save(buffer)
                buffer = []
        store.save(buffer)
        store.record_failures(failures)
        rows: dict[str, int] = {}
        files: dict[str, dict[str, object]] = {}
        digest = hashlib.sha256()
        for table in TABLES:
            dest = shard_dir / f"{table}.parquet"
            rows[table] = write_table(store.conn, table, dest)
            sha = file_sha256(dest)
            files[dest.name] = {"sha256": sha, "bytes": dest.stat().st_size}
            digest.update(sha.encode())
    seconds = round(time.perf_counter() - t0, 3)
    write_manifest(
        shard_dir,
        {
            "presswatch": __version__,
            "shard": shard.index,
            "shards": shard.count,
            "plan": plan.checksum,
            "inputs": list(plan.inputs),
            "positions": [start, end],
            "articles": [a.id for a in articles],
            "rows": rows,
            "files": files,
            "checksum": digest.hexdigest(),
            "seconds": seconds,
            "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        },
    )
    return ShardSummary(str(shard), len(articles), rows["failures"], seconds, rows=rows)
