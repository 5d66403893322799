"""Parquet I/O: store tables to Parquet files and back, with atomic writes.

The Parquet columns are the store's own columns (read from the SQLite schema,
so a column added to the store appears in the shards without a change here),
minus each table's autoincrement ``id``: those ids are local to the file that
made them and are assigned again when a shard is loaded.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "arrow_schema",
    "atomic_path",
    "create_new",
    "file_sha256",
    "read_rows",
    "table_columns",
    "write_parquet",
    "write_table",
]

#: SQLite declared type -> Arrow type (declared types are the schema's, not the values').
_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}

#: Rows per Parquet row group: shards are read whole, so big groups compress best.
ROW_GROUP = 50_000


def table_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of a store table's columns, without the autoincrement id."""
    info = list(conn.execute(f"PRAGMA table_info({table})"))  # names come from export.TABLES
    pk_cols = [r[1] for r in info if r[5]]
    out = []
    for r in info:
        name, decl = r[1], (r[2] or "TEXT").upper()
        if pk_cols == [name] and name == "id" and decl == "INTEGER":
            continue  # rowid alias: local to the file it was made in
        out.append((name, decl))
    return out


def arrow_schema(columns: list[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(name, _TYPES.get(decl, pa.string())) for name, decl in columns])


def atomic_path(dest: Path) -> Path:
    """The temporary name a file is written under before ``os.replace`` moves it in place."""
    return dest.with_name(f".{dest.name}.{os.getpid()}.tmp")


def create_new(path: Path) -> BinaryIO:
    """Open ``path`` for writing only if this call creates it, never through a symlink.

    The temporary name is predictable, so a symlink planted there (in a shared output
    directory) must not redirect the write: a stale entry is removed (unlink does not follow
    links) and the file is created with O_EXCL | O_NOFOLLOW.
    """
    path.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.fdopen(os.open(path, flags, 0o644), "wb")


def write_parquet(table: pa.Table, dest: Path) -> None:
    """Write a table so that ``dest`` is either absent, the old file, or the whole new one."""
    tmp = atomic_path(dest)
    try:
        with create_new(tmp) as fh:
            pq.write_table(table, fh, compression="zstd", row_group_size=ROW_GROUP)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def write_table(conn: sqlite3.Connection, table: str, dest: Path) -> int:
    """Write one store table to ``dest`` as Parquet; returns the number of rows."""
    cols = table_columns(conn, table)
    schema = arrow_schema(cols)
    names = ", ".join(f'"{n}"' for n, _ in cols)
    rows = conn.execute(f"SELECT {names} FROM {table} ORDER BY rowid").fetchall()
    data = {n: [r[i] for r in rows] for i, (n, _) in enumerate(cols)}
    write_parquet(pa.table(data, schema=schema), dest)
    return len(rows)


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Column names and row tuples of a Parquet file."""
    table = pq.read_table(path)
    cols = table.column_names
    data = [table.column(c).to_pylist() for c in cols]
    return cols, zip(*data, strict=True) if data else iter(())


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
