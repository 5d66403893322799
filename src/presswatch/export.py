"""Exports: every store table as JSONL, CSV or Parquet files in one directory.

Research formats (PLOVER JSONL, GDELT-style TSV, GraphML) are written by
:mod:`presswatch.export_events` and registered in :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from presswatch.errors import ConfigError
from presswatch.store import Store

__all__ = ["EVENT_FORMATS", "FORMATS", "TABLES", "export"]

#: Tables written by the table formats, in order.
TABLES = (
    "articles", "actors", "article_actors", "mentions", "events", "event_actors", "quotes",
    "claims", "dates", "topics", "titles", "findings", "story_events", "story_event_reports",
    "failures",
)  # fmt: skip


def _rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    cols = _columns(store, table)
    names = ", ".join(f'"{c}"' for c in cols)
    # Table names come from TABLES only, column names from the store's own catalogue.
    for row in store.conn.execute(f"SELECT {names} FROM {table}"):
        yield dict(zip(cols, row, strict=True))


def _columns(store: Store, table: str) -> list[str]:
    return store.columns(table)


def _atomic(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")


def _write_jsonl(store: Store, out: Path) -> list[Path]:
    written = []
    for table in TABLES:
        dest = out / f"{table}.jsonl"
        fd, tmp = _atomic(dest)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in _rows(store, table):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(tmp, dest)
        written.append(dest)
    return written


def _write_csv(store: Store, out: Path) -> list[Path]:
    written = []
    for table in TABLES:
        dest = out / f"{table}.csv"
        fd, tmp = _atomic(dest)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            cols = _columns(store, table)
            w.writerow(cols)
            for row in _rows(store, table):
                w.writerow([row[c] for c in cols])
        os.replace(tmp, dest)
        written.append(dest)
    return written


def _write_parquet(store: Store, out: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = []
    for table in TABLES:
        dest = out / f"{table}.parquet"
        cols = _columns(store, table)
        rows = list(_rows(store, table))
        data = {c: [r[c] for r in rows] for c in cols}
        fd, tmp = _atomic(dest)
        os.close(fd)
        pq.write_table(
            pa.table(data) if rows else pa.table({c: pa.array([], pa.string()) for c in cols}), tmp
        )
        os.replace(tmp, dest)
        written.append(dest)
    return written


#: format name -> writer(store, out_dir, factual) -> files written
Writer = Callable[[Store, Path, bool], list[Path]]
FORMATS: dict[str, Writer] = {
    "jsonl": lambda store, out, _factual: _write_jsonl(store, out),
    "csv": lambda store, out, _factual: _write_csv(store, out),
    "parquet": lambda store, out, _factual: _write_parquet(store, out),
    # event-data formats (presswatch.export_events), imported when used
    "plover": lambda store, out, factual: _events_export().write_plover(store, out, factual),
    "gdelt": lambda store, out, factual: _events_export().write_gdelt(store, out, factual),
    "graphml": lambda store, out, factual: _events_export().write_graphml(store, out, factual),
}
#: The formats that write events only, which ``factual`` can filter.
EVENT_FORMATS = ("plover", "gdelt", "graphml")


def _events_export() -> Any:
    import presswatch.export_events as module

    return module


def export(store: Store, fmt: str, out: str | Path, *, factual: bool = False) -> list[Path]:
    """Write the store in format ``fmt`` into directory ``out``; ``factual`` keeps only
    asserted and historical events (event formats only)."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if factual and fmt not in EVENT_FORMATS:
        raise ConfigError(
            f"--factual filters events: use it with --format {', '.join(EVENT_FORMATS)} "
            f"({fmt} copies every table whole)"
        )
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} exists and is not a directory; give a directory to export into")
    out.mkdir(parents=True, exist_ok=True)
    return writer(store, out, factual)
