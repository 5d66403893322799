"""``load``: put finished shards into a store, idempotently.

Each shard is loaded in one transaction: its articles are deleted first (the
store cascades the delete to every record table) and then every table is
inserted with the same conflict rules as :meth:`Store.save`, so loading a
shard twice leaves the store as loading it once.  Shards are loaded in shard
order, which is the input order (see :mod:`presswatch.batch.plan`).
Cross-article findings are not in shards: the caller recomputes them on the
merged store (``presswatch load`` does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.batch.manifest import ShardId, complete_shards, shard_dirs
from presswatch.batch.parquet import read_rows
from presswatch.errors import ConfigError, StoreError
from presswatch.export import TABLES
from presswatch.store import Store

__all__ = ["LoadReport", "load_shards"]

#: Tables whose rows replace an existing row with the same key, as Store.save does.
_REPLACE = {"article_actors", "events", "quotes", "claims", "dates", "topics"}
#: event_actors rows are written with INSERT OR IGNORE by Store.save.
_IGNORE = {"event_actors"}
#: actors: name and kind follow the latest article, the rest keep the first non-null.
_ACTOR_LATEST = {"name", "kind"}


@dataclass(slots=True)
class LoadReport:
    shards: int = 0
    articles: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    #: Shards of the run that are missing or incomplete (run ``batch`` again to finish them).
    incomplete: list[str] = field(default_factory=list)


def _insert_sql(table: str, cols: list[str]) -> str:
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ",".join("?" * len(cols))
    if table == "actors":
        sets = ", ".join(
            f'"{c}"=excluded."{c}"' if c in _ACTOR_LATEST
            else f'"{c}"=coalesce(excluded."{c}", actors."{c}")'
            for c in cols if c != "id"
        )  # fmt: skip
        return f"INSERT INTO actors({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}"
    if table == "failures":
        key = ("item", "stage", "code", "reason")
        where = " AND ".join(f'"{k}" = ?' for k in key)
        return (
            f"INSERT INTO failures({names}) SELECT {marks}"
            f" WHERE NOT EXISTS (SELECT 1 FROM failures WHERE {where})"
        )
    verb = (
        "INSERT OR REPLACE"
        if table in _REPLACE
        else ("INSERT OR IGNORE" if table in _IGNORE else "INSERT")
    )
    return f"{verb} INTO {table}({names}) VALUES ({marks})"


def _load_one(store: Store, shard_dir: Path, manifest: dict[str, Any], report: LoadReport) -> None:
    conn = store.conn
    ids = list(manifest["articles"])
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            conn.execute(f"DELETE FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        for table in TABLES:
            path = shard_dir / f"{table}.parquet"
            cols, rows = read_rows(path)
            known = set(store.columns(table))
            unknown = [c for c in cols if c not in known]
            if unknown:
                raise ConfigError(
                    f"{path} has columns this store lacks ({', '.join(unknown)}); "
                    "load it with the presswatch version that wrote it"
                )
            sql = _insert_sql(table, cols)
            if table == "failures":
                key = [cols.index(k) for k in ("item", "stage", "code", "reason")]
                params: Any = ((*r, *(r[k] for k in key)) for r in rows)
            else:
                params = rows
            before = conn.total_changes
            conn.executemany(sql, params)
            report.rows[table] = report.rows.get(table, 0) + conn.total_changes - before
    report.shards += 1
    report.articles += len(ids)


def load_shards(out: str | Path, store: Store) -> LoadReport:
    """Load every complete shard under ``out`` into ``store``; list the incomplete ones."""
    out = Path(out)
    if not out.is_dir():
        raise ConfigError(
            f"{out} is not a directory; give the --out directory of `presswatch batch`"
        )
    done = complete_shards(out)
    if not done and not shard_dirs(out):
        raise ConfigError(f"{out} holds no shards; run `presswatch batch INPUT... --out {out}`")
    counts = {m["shards"] for _, m in done}
    plans = {m["plan"] for _, m in done}
    if len(counts) > 1 or len(plans) > 1:
        raise ConfigError(
            f"{out} mixes shards of different runs; load each run's directory separately"
        )
    report = LoadReport()
    complete = {d.name for d, _ in done}
    expected = (
        [ShardId(i, next(iter(counts))).name for i in range(next(iter(counts)))]
        if counts else [d.name for d in shard_dirs(out)]
    )  # fmt: skip
    report.incomplete = [name for name in expected if name not in complete]
    try:
        for shard_dir, manifest in sorted(done, key=lambda x: x[1]["shard"]):
            _load_one(store, shard_dir, manifest, report)
    except store.dialect.errors() as err:
        raise StoreError(f"could not load shards into {store.name}: {err}", code="E304") from err
    return report
