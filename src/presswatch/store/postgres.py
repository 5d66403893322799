"""PostgreSQL for :class:`~presswatch.store.Store`: a connection that speaks the store's SQL.

The store writes each query once, in the SQL SQLite reads.  This module is the
small dialect layer that lets the same text run on PostgreSQL: a connection
object with the slice of :class:`sqlite3.Connection`'s interface the store uses
(``execute``, ``executemany``, ``with conn:``, ``in_transaction``,
``total_changes``), which rewrites the few SQLite idioms the store uses:

* ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
* ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE``
  an upsert on the table's primary key (``<table>_pkey``);
* ``DESC`` becomes ``DESC NULLS LAST``: SQLite sorts NULL lowest, PostgreSQL
  highest, and listings must come out in the same order on both;
* ``LIKE`` becomes ``ILIKE``: SQLite's LIKE ignores ASCII case, PostgreSQL's does not;
* ``+e.id`` (SQLite's way of keeping its planner off an index) becomes ``e.id``;
* ``BEGIN IMMEDIATE`` (a writer takes the write lock at once, later writers
  wait) becomes ``BEGIN`` plus a transaction-scoped advisory lock, so writers
  queue as they do on SQLite instead of deadlocking on each other's rows;
  a plain ``BEGIN`` (a reader's snapshot) becomes a REPEATABLE READ transaction,
  so every query in it sees one committed state.

What cannot be rewritten (full-text search, the week bucket, the catalogue) is
chosen by :class:`~presswatch.store.dialect.Dialect`.  psycopg 3 is an optional
dependency (``pip install 'presswatch[postgres]'``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from presswatch.errors import StoreError

__all__ = ["PgConnection", "connect", "redact", "translate"]

#: The advisory lock every writer takes (any fixed 64-bit number; "pw" in ASCII).
WRITE_LOCK = 0x7077

_INSERT = re.compile(r"^(\s*)INSERT\s+OR\s+(REPLACE|IGNORE)\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.I)
_QUOTED = re.compile(r"('(?:[^']|'')*')")


@lru_cache(maxsize=512)
def translate(sql: str, params: bool = True) -> str:
    """The PostgreSQL text of one store statement (cached: the store's SQL is a fixed set)."""
    m = _INSERT.match(sql)
    if m:
        verb, table, cols = m.group(2).upper(), m.group(3), m.group(4)
        body = m.group(1) + f"INSERT INTO {table}({cols})" + sql[m.end() :]
        body = body.rstrip().rstrip(";")
        if verb == "IGNORE":
            sql = body + " ON CONFLICT DO NOTHING"
        else:
            names = [c.strip() for c in cols.split(",")]
            sets = ", ".join(f"{c} = excluded.{c}" for c in names)
            sql = body + f" ON CONFLICT ON CONSTRAINT {table}_pkey DO UPDATE SET {sets}"
    parts = _QUOTED.split(sql)
    for i in range(0, len(parts), 2):  # outside string literals only
        p = parts[i]
        if params:
            p = p.replace("%", "%%").replace("?", "%s")
        p = re.sub(r"\bDESC\b(?!\s+NULLS)", "DESC NULLS LAST", p)
        p = re.sub(r"\bLIKE\b", "ILIKE", p)
        parts[i] = p.replace("+e.id", "e.id")
    return "".join(parts)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class _Row(tuple[Any, ...]):
    """A row readable by position and by column name, as :class:`sqlite3.Row` is."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no column {key!r}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    cls = type("Row", (_Row,), {"_names": names, "__slots__": ()})
    return cls


class PgConnection:
    """A psycopg connection behind the part of sqlite3's interface the store uses."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.total_changes = 0

    @property
    def in_transaction(self) -> bool:
        import psycopg.pq

        return bool(self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def execute(self, sql: str, args: Sequence[Any] | None = None) -> Any:
        cur = self._conn.cursor()
        head = sql.strip().rstrip(";").upper()
        if head == "BEGIN IMMEDIATE":
            cur.execute("BEGIN")
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return cur
        if head == "BEGIN":
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            return cur
        if args is None:
            cur.execute(translate(sql, params=False))
        else:
            cur.execute(translate(sql), tuple(args))
        if cur.rowcount > 0 and not cur.description:
            self.total_changes += cur.rowcount
        return cur

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cur = self._conn.cursor()
        rows = [tuple(r) for r in rows]
        if rows:
            cur.executemany(translate(sql), rows)
            # rowcount after executemany is the sum over the batch (psycopg >= 3.1).
            self.total_changes += max(cur.rowcount, 0)
        return cur

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.in_transaction:
            self._conn.execute("ROLLBACK" if exc_type else "COMMIT")

    def close(self) -> None:
        self._conn.close()


def connect(url: str, *, readonly: bool) -> PgConnection:
    """Open ``url`` (``postgresql://user@host:port/dbname``); one clear line when it fails."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            f"--db {redact(url)} needs the PostgreSQL driver; install it with "
            "`pip install 'presswatch[postgres]'` (psycopg 3)",
            code="E307",
        ) from None
    from psycopg.types.numeric import NumericLoader

    class _Number(NumericLoader):
        # sum()/round() of integers are NUMERIC in PostgreSQL (a Decimal in Python) where
        # SQLite gives an int or a float: load them as SQLite would, so JSON stays the same.
        def load(self, data: Any) -> Any:
            text = bytes(data).decode()
            return int(text) if text.lstrip("-").isdigit() else float(text)

    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
    except psycopg.Error as err:
        lines = str(err).strip().splitlines()
        reason = " ".join(lines[-1].split()) if lines else type(err).__name__
        raise StoreError(
            f"cannot open the PostgreSQL store {redact(url)}: {reason}; check the server is up "
            "and the URL's user, host, port and database",
            code="E307",
        ) from None
    conn.adapters.register_loader("numeric", _Number)
    if readonly:
        conn.execute("SET default_transaction_read_only = on")
    return PgConnection(conn)
