"""The plan of a batch run: the inputs read once, in order, staged as Parquet.

Reading and de-duplicating are corpus-wide (an exact or near duplicate can be
anywhere in the inputs), so they run once, before the shards: the planned
articles are exactly those a plain ``presswatch ingest`` of the same inputs
would analyse, with the same ids, metadata and ``near_duplicate_of`` marks.
Shard ``i`` of ``N`` then takes the contiguous slice
``[i*n//N, (i+1)*n//N)`` of that ordered list (see :func:`shard_bounds`):
contiguous slices keep the store's write order when shards are loaded in
order, so a batch-and-load store equals an ingested one row for row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from presswatch import core
from presswatch.batch.parquet import file_sha256
from presswatch.errors import ConfigError
from presswatch.records import Article, Failure
from presswatch.settings import Settings
from presswatch.version import __version__

__all__ = ["PLAN_DIR", "Plan", "make_plan", "read_plan", "shard_bounds"]

PLAN_DIR = "_plan"
#: Rows per row group of the staged articles: a shard reads only the groups it overlaps.
_PLAN_ROW_GROUP = 128

_ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
_FAILURE_FIELDS = ["item", "stage", "code", "reason", "position"]


def shard_bounds(i: int, n_shards: int, n_articles: int) -> tuple[int, int]:
    """Article positions ``[start, end)`` of shard ``i`` (0-based) of ``n_shards``."""
    return i * n_articles // n_shards, (i + 1) * n_articles // n_shards


@dataclass(frozen=True, slots=True)
class Plan:
    """A staged plan in ``OUT/_plan`` (see the module docstring)."""

    dir: Path
    inputs: tuple[str, ...]
    published: str | None
    n_articles: int
    n_failures: int
    checksum: str

    def articles(self, start: int, end: int) -> list[Article]:
        """The planned articles at positions ``[start, end)``, in order."""
        if end <= start:
            return []
        pf = pq.ParquetFile(self.dir / "articles.parquet")
        out: list[Article] = []
        offset, first = 0, -1
        for g in range(pf.num_row_groups):
            rows = pf.metadata.row_group(g).num_rows
            if offset + rows > start and offset < end:
                first = offset if first < 0 else first
                out.extend(
                    Article(**{k: rec.get(k) for k in _ARTICLE_FIELDS})
                    for rec in pf.read_row_group(g).to_pylist()
                )
            offset += rows
        return out[start - first : end - first] if first >= 0 else []

    def failures(self, i: int, n_shards: int) -> list[Failure]:
        """Input failures that belong to shard ``i``: those read just before its articles."""
        table = pq.read_table(self.dir / "failures.parquet")
        out = []
        ends = [shard_bounds(k, n_shards, self.n_articles)[1] for k in range(n_shards)]
        for rec in table.to_pylist():
            owner = next((k for k, e in enumerate(ends) if rec["position"] < e), n_shards - 1)
            if owner == i:
                out.append(Failure(rec["item"], rec["stage"], rec["code"], rec["reason"]))
        return out


def read_plan(out: Path) -> Plan | None:
    meta_path = out / PLAN_DIR / "plan.json"
    if not meta_path.exists():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return Plan(
        dir=out / PLAN_DIR,
        inputs=tuple(meta["inputs"]),
        published=meta.get("published"),
        n_articles=int(meta["articles"]),
        n_failures=int(meta["failures"]),
        checksum=meta["checksum"],
    )


def make_plan(inputs: Sequence[str], out: str | Path, settings: Settings) -> Plan:
    """Read the inputs into ``OUT/_plan`` once; later calls reuse the plan.

    Several processes may plan at once (every task of a job array starting
    together): each writes a private directory and renames it into place; the
    first rename wins and the others, having computed the same plan, drop theirs.
    """
    out = Path(out)
    wanted = tuple(str(p) for p in inputs)
    existing = read_plan(out)
    if existing is None:
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / f".{PLAN_DIR}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            _write_plan(tmp, wanted, settings)
            try:
                os.rename(tmp, out / PLAN_DIR)
            except OSError:
                if read_plan(out) is None:  # not a lost race: a real error
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        existing = read_plan(out)
        assert existing is not None
    if existing.inputs != wanted or existing.published != settings.published:
        raise ConfigError(
            f"{out} holds a batch over other inputs ({' '.join(existing.inputs)}); "
            "choose another --out directory or delete that one"
        )
    return existing


def _write_plan(tmp: Path, inputs: tuple[str, ...], settings: Settings) -> None:
    articles: dict[str, list[Any]] = {f: [] for f in _ARTICLE_FIELDS}
    failures: dict[str, list[Any]] = {f: [] for f in _FAILURE_FIELDS}
    n = 0
    for item in core.iter_articles(inputs, settings):
        if isinstance(item, Failure):
            for f in _FAILURE_FIELDS[:-1]:
                failures[f].append(getattr(item, f))
            failures["position"].append(n)
            continue
        for f in _ARTICLE_FIELDS:
            articles[f].append(getattr(item, f))
        n += 1
    art_schema = pa.schema([(f, pa.string()) for f in _ARTICLE_FIELDS])
    pq.write_table(
        pa.table(articles, schema=art_schema), tmp / "articles.parquet",
        compression="zstd", row_group_size=_PLAN_ROW_GROUP,
    )  # fmt: skip
    fail_schema = pa.schema([(f, pa.string()) for f in _FAILURE_FIELDS[:-1]]).append(
        pa.field("position", pa.int64())
    )
    pq.write_table(pa.table(failures, schema=fail_schema), tmp / "failures.parquet")
    digest = hashlib.sha256()
    for name in ("articles.parquet", "failures.parquet"):
        digest.update(file_sha256(tmp / name).encode())
    meta = {
        "presswatch": __version__,
        "inputs": list(inputs),
        "published": settings.published,
        "articles": n,
        "failures": len(failures["item"]),
        "checksum": digest.hexdigest(),
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    (tmp / "plan.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
