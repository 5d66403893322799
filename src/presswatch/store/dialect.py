"""What differs between the store's two databases, chosen once when a store is opened.

The store's queries are written once (SQLite's SQL; :mod:`presswatch.store.postgres`
rewrites the few idioms PostgreSQL spells differently).  The rest lives here:
full-text search (FTS5 vs PostgreSQL's tsvector), the week bucket of the
timeline, the catalogue (which tables and columns exist), and the errors each
driver raises.  See docs/STORE.md for what a user sees differ.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

__all__ = ["POSTGRES", "SQLITE", "Dialect", "is_url"]

#: The text search configuration the PostgreSQL store creates: `simple` (no stemming, no
#: stop words, as FTS5's unicode61) plus `unaccent` when the server has it, so "Lopez"
#: finds "López" as FTS5's remove_diacritics does.
PG_FTS_CONFIG = "presswatch_fts"

#: Columns the PostgreSQL store adds for itself (SQLite has them implicitly or in FTS5):
#: the insertion order SQLite keeps as rowid, and the full-text vector.
PG_PRIVATE_COLUMNS = frozenset({"rowid", "fts"})


def is_url(target: object) -> bool:
    """True for a PostgreSQL URL (anything else is a SQLite file path)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def _fts_query(q: str) -> str:
    """Quote each word so user input can never be read as FTS5 syntax."""
    words = [w.replace('"', '""') for w in q.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words) or '""'


@dataclass(frozen=True)
class Dialect:
    """SQLite (the embedded default)."""

    name: str = "sqlite"

    def errors(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error,)

    def tables(self, conn: Any) -> set[str]:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def columns(self, conn: Any, table: str) -> list[str]:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]

    def match(self, alias: str) -> str:
        """A condition on articles ``alias``: it matches the full-text query (one ``?``)."""
        return f"{alias}.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"

    def match_arg(self, q: str) -> str:
        return _fts_query(q)

    def search(
        self, q: str, start: str, end: str, limit: int, offset: int
    ) -> tuple[str, list[Any]]:
        """Ranked matches with a snippet of about 24 words, matches between start and end."""
        return (
            "SELECT a.id, a.title, a.published,"
            " snippet(article_fts, 1, ?, ?, ' … ', 24) AS snippet"
            " FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid"
            " WHERE article_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            [start, end, _fts_query(q), limit, offset],
        )

    #: The Monday on or before a day (the timeline's week bucket).
    week: str = "date(substr(d, 1, 10), '-6 days', 'weekday 1')"

    #: The statement that estimates the number of events (None: not worth asking).
    events_estimate: str | None = "SELECT max(rowid) FROM events"


@dataclass(frozen=True)
class PostgresDialect(Dialect):
    """PostgreSQL (a newsroom's shared server)."""

    name: str = "postgresql"
    week: str = "to_char(date_trunc('week', CAST(substr(d, 1, 10) AS date)), 'YYYY-MM-DD')"
    # Only SQLite's planner needs the estimate (to choose "+e.id"; see Store.page).
    events_estimate: str | None = None

    def errors(self) -> tuple[type[Exception], ...]:
        import psycopg

        return (psycopg.Error,)

    def tables(self, conn: Any) -> set[str]:
        return {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema()")}  # fmt: skip

    def columns(self, conn: Any, table: str) -> list[str]:
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema ="
            " current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [r[0] for r in rows if r[0] not in PG_PRIVATE_COLUMNS]

    def match(self, alias: str) -> str:
        return f"{alias}.fts @@ plainto_tsquery('{PG_FTS_CONFIG}', ?)"

    def match_arg(self, q: str) -> str:
        return q  # plainto_tsquery reads words only: no operator in q has any effect

    def search(
        self, q: str, start: str, end: str, limit: int, offset: int
    ) -> tuple[str, list[Any]]:
        # The page is chosen first; only its rows get a headline (ts_headline re-parses
        # the article text, too slow to run on every match).
        options = (f'StartSel="{start}", StopSel="{end}", MaxWords=24, MinWords=12,'
                   ' MaxFragments=1, FragmentDelimiter=" … "')  # fmt: skip
        # The headline marks any of the words (as FTS5's snippet does), not only passages
        # holding all of them: an article can match with one word in its title.
        return (
            "SELECT a.id, a.title, a.published,"
            f" ts_headline('{PG_FTS_CONFIG}', a.text,"
            "  CAST(replace(CAST(m.q AS text), ' & ', ' | ') AS tsquery), ?) AS snippet FROM ("
            "  SELECT id, q, ts_rank(fts, q) AS r"
            f" FROM articles, plainto_tsquery('{PG_FTS_CONFIG}', ?) AS q WHERE fts @@ q"
            "  ORDER BY r DESC, id LIMIT ? OFFSET ?"
            ") m JOIN articles a ON a.id = m.id ORDER BY m.r DESC, a.id",
            [options, q, limit, offset],
        )


SQLITE = Dialect()
POSTGRES = PostgresDialect()
