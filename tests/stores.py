"""Store targets for tests that run on both backends: a SQLite file and a PostgreSQL database.

``make test`` starts a private PostgreSQL server (tests/postgres.sh) and passes its URL in
PRESSWATCH_TEST_PG; each test then gets a database of its own, dropped afterwards.  Without
the variable the PostgreSQL half of every parametrized test is skipped, saying why.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: The variable that points the tests at a PostgreSQL server (any database on it: each test
#: creates its own and drops it).
PG_ENV = "PRESSWATCH_TEST_PG"

SKIP_REASON = (
    f"{PG_ENV} is not set: `make test` sets it after starting a private server from Debian's "
    "`postgresql` package (tests/postgres.sh), or point it at a PostgreSQL server yourself"
)

#: Both backends; use as ``@pytest.mark.parametrize("backend", BACKENDS)``, or
#: import ``store_target_fixture`` and take a ``store_target`` argument.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(SKIP_REASON)
    return url


def _with_db(url: str, name: str) -> str:
    """``url`` with its database replaced by ``name`` (query string kept)."""
    base, _, query = url.partition("?")
    base = re.sub(r"(://[^/]*)(/[^/]*)?$", rf"\1/{name}", base)
    return base + (f"?{query}" if query else "")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_admin_url(), autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]  # a test-made identifier, no user input


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """Create an empty database, yield its URL, drop it (and its connections) afterwards."""
    name = f"pw_test_{uuid.uuid4().hex[:12]}"
    _admin(f"CREATE DATABASE {name}")
    try:
        yield _with_db(pg_admin_url(), name)
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def target_for(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh store target of ``backend``: a SQLite path or a PostgreSQL URL."""
    if backend == "sqlite":
        yield str(tmp_path / "s.db")
    else:
        with fresh_pg_database() as url:
            yield url


@pytest.fixture(params=BACKENDS, name="store_target")
def store_target_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store target on each backend (SQLite file path, PostgreSQL URL)."""
    yield from target_for(request.param, tmp_path)
