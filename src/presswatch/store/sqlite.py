"""The store: schema, writes (one transaction per batch of whole articles), queries.

Every query is written once, in SQLite's SQL.  A store opened on a PostgreSQL
URL runs the same text through :mod:`presswatch.store.postgres` (which rewrites
the few idioms PostgreSQL spells differently); what cannot be rewritten
(full-text search, the catalogue) is chosen by :mod:`presswatch.store.dialect`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from presswatch.errors import StoreError
from presswatch.records import (
    ActorRef,
    Analysis,
    Article,
    Claim,
    DateMention,
    Event,
    Failure,
    Finding,
    Mention,
    Quote,
    Related,
    StoryEvent,
    Title,
    Topic,
)
from presswatch.store import postgres
from presswatch.store.dialect import PG_FTS_CONFIG, POSTGRES, SQLITE, Dialect, is_url

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]

SCHEMA_VERSION = 3

#: How long a second writer waits for the first before giving up (ms).
BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    path TEXT, url TEXT, title TEXT, source TEXT,
    published TEXT, published_basis TEXT NOT NULL DEFAULT 'none',
    language TEXT, text TEXT NOT NULL,
    near_duplicate_of TEXT,
    analysed INTEGER NOT NULL DEFAULT 1,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, country TEXT, sector TEXT, wikidata TEXT
);
CREATE TABLE IF NOT EXISTS article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    mentions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    actor_id TEXT, label TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT NOT NULL, mode TEXT, context TEXT NOT NULL DEFAULT '[]',
    date TEXT, location TEXT, trigger TEXT, sentence TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    modality TEXT NOT NULL DEFAULT 'asserted', confidence REAL, cameo TEXT, goldstein REAL,
    day TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_date_type ON events(date, type);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    actor_id TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, role, actor_id)
);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, role);
-- Covering for the actor filter of every event query (event_id IN (SELECT event_id ...)):
-- answered from the index alone, no table row read per event (see docs/BENCHMARKS.md).
CREATE INDEX IF NOT EXISTS event_actors_actor_event ON event_actors(actor_id, role, event_id);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, speaker TEXT, speaker_text TEXT, cue TEXT,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS claims (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value REAL, approx TEXT, measure TEXT, unit TEXT, subject TEXT, period TEXT, sentence TEXT,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS claims_measure ON claims(measure, subject);
CREATE TABLE IF NOT EXISTS dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT NOT NULL, value TEXT,
    PRIMARY KEY (article_id, seq)
);
CREATE TABLE IF NOT EXISTS titles (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    actor_id TEXT NOT NULL, mention_start INTEGER NOT NULL, mention_end INTEGER NOT NULL,
    historical INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, seq)
);
CREATE TABLE IF NOT EXISTS story_events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT,
    source TEXT NOT NULL DEFAULT '[]', target TEXT NOT NULL DEFAULT '[]',
    n_sources INTEGER NOT NULL, n_reports INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS story_events_date ON story_events(date);
CREATE TABLE IF NOT EXISTS story_event_reports (
    story_id TEXT NOT NULL REFERENCES story_events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL, event_id TEXT NOT NULL,
    PRIMARY KEY (story_id, event_id)
);
CREATE INDEX IF NOT EXISTS story_event_reports_event ON story_event_reports(event_id);
CREATE TABLE IF NOT EXISTS topics (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (article_id, topic)
);
CREATE INDEX IF NOT EXISTS topics_topic ON topics(topic);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT 'article' CHECK (scope IN ('article', 'cross')),
    kind TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, evidence TEXT,
    actor_id TEXT, related TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS findings_article ON findings(article_id);
CREATE INDEX IF NOT EXISTS findings_kind ON findings(kind);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL, stage TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL,
    at TEXT NOT NULL
);
"""

#: SQLite's full-text index (PostgreSQL's is a tsvector column: _PG_EXTRA).
_SQLITE_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
"""

#: Indexes on the stored event day (schema 3), created after a v2 store gained the column.
#: Covering for the UI's aggregates: the timeline groups (day, type) straight from
#: events_day_type, a type filter seeks events_type_day (its id column lets a type filter
#: meet an actor filter's event ids without reading event rows), and the events page reads
#: events_day_order in its sort order (newest day first) without sorting.
_DAY_INDEXES = """
CREATE INDEX IF NOT EXISTS events_day_type ON events(day, type);
CREATE INDEX IF NOT EXISTS events_type_day ON events(type, day, id);
CREATE INDEX IF NOT EXISTS events_day_order ON events(day DESC, article_id, start);
-- One row per distinct source -> target pair of an event, with the event's type, day and
-- article: the network counts edges from this table's covering indexes alone (a few hundred
-- thousand index entries at a million events) instead of joining events to event_actors
-- twice.  Filled by a trigger on event_actors, so every writer (save, batch load, the
-- bench's SQL replication) keeps it whole; emptied by the cascade from events.
CREATE TABLE IF NOT EXISTS event_pairs (
    id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL, type TEXT NOT NULL, day TEXT,
    source TEXT NOT NULL, target TEXT NOT NULL,
    PRIMARY KEY (id, source, target)
);  -- a rowid table: SQLite 3.40's integrity_check reports false NULLs in WITHOUT ROWID ones
CREATE INDEX IF NOT EXISTS event_pairs_source
    ON event_pairs(source, target, type, day, article_id);
CREATE INDEX IF NOT EXISTS event_pairs_target
    ON event_pairs(target, source, type, day, article_id);
"""

#: What the event_pairs trigger runs for each new event_actors row ``new``: on SQLite in a
#: trigger body, on PostgreSQL in a PL/pgSQL trigger function (_PG_EXTRA).
_PAIRS_FILL = """
    INSERT OR IGNORE INTO event_pairs(id, article_id, type, day, source, target)
    SELECT e.id, e.article_id, e.type, e.day,
           CASE WHEN new.role = 'source' THEN new.actor_id ELSE o.actor_id END,
           CASE WHEN new.role = 'source' THEN o.actor_id ELSE new.actor_id END
    FROM events e JOIN event_actors o ON o.event_id = e.id AND o.role != new.role
    WHERE e.id = new.event_id AND o.actor_id != new.actor_id"""

_SQLITE_PAIRS_TRIGGER = f"""
CREATE TRIGGER IF NOT EXISTS event_pairs_ai AFTER INSERT ON event_actors BEGIN{_PAIRS_FILL};
END;
"""

#: PostgreSQL's own part of the schema: the insertion order SQLite keeps as rowid (article
#: listings and mentions are read in it), full-text search over title and text, and the
#: event_pairs trigger.  The text search configuration adds unaccent when the server has
#: the extension (a contrib module: Debian's postgresql ships it), else plain `simple`.
_PG_EXTRA = f"""
ALTER TABLE articles ADD COLUMN IF NOT EXISTS rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS rowid BIGINT GENERATED ALWAYS AS IDENTITY;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_FTS_CONFIG}'
                   AND cfgnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION {PG_FTS_CONFIG} (COPY = simple);
        BEGIN
            CREATE EXTENSION IF NOT EXISTS unaccent;
            ALTER TEXT SEARCH CONFIGURATION {PG_FTS_CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        EXCEPTION WHEN OTHERS THEN NULL;  -- no unaccent here: accents then count in search
        END;
    END IF;
END $$;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS fts tsvector GENERATED ALWAYS AS
    (to_tsvector('{PG_FTS_CONFIG}', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX IF NOT EXISTS articles_fts ON articles USING gin (fts);
CREATE OR REPLACE FUNCTION event_pairs_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{{pairs}};
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS event_pairs_ai ON event_actors;
CREATE TRIGGER event_pairs_ai AFTER INSERT ON event_actors
    FOR EACH ROW EXECUTE FUNCTION event_pairs_fill();
"""


def _pg_schema() -> str:
    """The whole PostgreSQL schema, from the SQLite one: the types PostgreSQL names
    differently (REAL is 4 bytes there), text compared by code point (COLLATE "C", as
    SQLite compares; listings then sort alike whatever the database's locale)."""
    tables = (_SCHEMA + _DAY_INDEXES).replace(
        "id INTEGER PRIMARY KEY", "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    )
    tables = re.sub(r"\bREAL\b", "DOUBLE PRECISION", tables)
    tables = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', tables)
    pairs = postgres.translate(_PAIRS_FILL, params=False)
    return tables + _PG_EXTRA.replace("{pairs}", pairs)


#: Fills event_pairs for events written before it existed (the v2 -> v3 migration).
_BACKFILL_PAIRS = """
INSERT OR IGNORE INTO event_pairs(id, article_id, type, day, source, target)
SELECT e.id, e.article_id, e.type, e.day, s.actor_id, t.actor_id
FROM events e JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
WHERE s.actor_id != t.actor_id
"""

#: The record tables keyed by article, in the order they are written.
_ARTICLE_TABLES = ("mentions", "article_actors", "quotes", "claims", "dates", "topics")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    """A presswatch store in one SQLite file.

    >>> with Store("presswatch.db") as store:  # doctest: +SKIP
    ...     store.save([analysis])
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.readonly = readonly
        #: sqlite3.Connection, or a PostgreSQL connection with the same interface.
        self.conn: Any
        self.dialect: Dialect = SQLITE
        if is_url(path):
            self._open_postgres(str(path))
            return
        self.path: Path | None = Path(path)
        #: The store's name in messages (a PostgreSQL URL without its password).
        self.name = str(path)
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(
                        f"no store at {self.path}; create one with `presswatch ingest PATH --db "
                        f"{self.path}`",
                        code="E301",
                    )
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(str(self.path), check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_owner()
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
            # A store written before schema 3 (read-only, so not migrated) has no stored
            # event day: its queries compute it from the event and article dates instead.
            cols = set(self.columns("events"))
            self._day = "e.day" if "day" in cols or not cols else _EVENT_DAY
            self._pairs = self._has_table("event_pairs")
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{self.path} is not a presswatch store ({err}); choose another --db file",
                code="E302",
            ) from err

    def _open_postgres(self, url: str) -> None:
        self.dialect = POSTGRES
        self.path = None
        self.name = postgres.redact(url)
        self.conn = postgres.connect(url, readonly=self.readonly)
        try:
            self._check_owner()
            if self.readonly:
                self._check_version()
            else:
                self._migrate()
        except self.dialect.errors() as err:
            self.conn.close()
            raise StoreError(
                f"{self.name} is not a presswatch store ({str(err).strip()}); choose another --db",
                code="E302",
            ) from err
        except StoreError:
            self.conn.close()
            raise
        self._day = "e.day"  # PostgreSQL stores start at schema 3: the event day is stored
        self._pairs = True

    def columns(self, table: str) -> list[str]:
        """The columns of a store table, in order (the store's own bookkeeping left out)."""
        return self.dialect.columns(self.conn, table)

    # -- lifecycle -------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _check_version(self) -> int:
        if not self._has_table("meta"):
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.name} was written by a newer presswatch (schema {version}, this one "
                f"reads {SCHEMA_VERSION}); upgrade presswatch",
                code="E303",
            )
        return version

    def _check_owner(self) -> None:
        """Refuse SQLite files that another program made; say so when a store is still empty."""
        tables = self.dialect.tables(self.conn)
        if "meta" in tables:
            return
        if tables:
            raise StoreError(
                f"{self.name} is not a presswatch store (a database database with other tables: "
                f"{', '.join(sorted(tables)[:3])}); choose another --db file",
                code="E302",
            )
        if self.readonly:
            # An ingest stopped before it stored anything leaves such a file behind.
            raise StoreError(
                f"{self.name} holds no articles yet; fill it with `presswatch ingest PATH --db "
                f"{self.name}`",
                code="E301",
            )

    def _has_table(self, name: str) -> bool:
        return name in self.dialect.tables(self.conn)

    def _migrate(self) -> None:
        version = self._check_version()
        if version == SCHEMA_VERSION and self._has_table("event_pairs"):
            return
        if self.dialect is POSTGRES:
            # One transaction (DDL is transactional there too), under the writers' lock so
            # two first ingests do not both create the schema.
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                if self._check_version() != SCHEMA_VERSION:
                    self.conn.execute(_pg_schema())
                    self.conn.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                        (str(SCHEMA_VERSION),),
                    )
            return
        had_events = self._has_table("events")
        had_pairs = self._has_table("event_pairs")
        cols = set(self.columns("events"))
        # One script in one transaction: a process killed while it runs leaves the file as
        # it was (empty, or the older schema), never half a schema.
        parts = ["BEGIN IMMEDIATE;", _SCHEMA, _SQLITE_FTS]
        if had_events and "day" not in cols:
            # Schema 2 -> 3: the event day is stored (and indexed) instead of computed
            # per query from two tables; backfilled in one statement.
            parts += [
                "ALTER TABLE events ADD COLUMN day TEXT;",
                f"UPDATE events SET day = (SELECT {_EVENT_DAY} FROM articles a"
                " WHERE a.id = events.article_id);".replace("e.date", "events.date"),
            ]
        parts += [_DAY_INDEXES, _SQLITE_PAIRS_TRIGGER]
        if not had_pairs:
            parts.append(_BACKFILL_PAIRS + ";")
        parts += [
            "INSERT OR REPLACE INTO meta(key, value) VALUES "
            f"('schema_version', '{SCHEMA_VERSION}');",
            "COMMIT;",
        ]
        try:
            self.conn.executescript("\n".join(parts))
        except sqlite3.Error:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise

    # -- writes ----------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def save(self, analyses: Sequence[Analysis]) -> None:
        """Store whole articles (replacing earlier versions) in one transaction."""
        if not analyses:
            return
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                for a in analyses:
                    self._write(a)
                # In the same transaction: the cross-article findings are now out of date.
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key)"
                    " DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
                )
        except self.dialect.errors() as err:
            raise StoreError(f"could not write to {self.name}: {err}", code="E304") from err

    def _write(self, a: Analysis) -> None:
        c = self.conn
        art = a.article
        c.execute("DELETE FROM articles WHERE id = ?", (art.id,))
        c.execute(
            "INSERT INTO articles(id, path, url, title, source, published, published_basis,"
            " language, text, near_duplicate_of, analysed, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                art.id, art.path, art.url, art.title, art.source, art.published,
                art.published_basis, art.language, art.text, art.near_duplicate_of,
                int(a.analysed), _now(),
            ),
        )  # fmt: skip
        c.executemany(
            "INSERT INTO actors(id, name, kind, country, sector, wikidata) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind,"
            " country=coalesce(excluded.country, actors.country),"
            " sector=coalesce(excluded.sector, actors.sector),"
            " wikidata=coalesce(excluded.wikidata, actors.wikidata)",
            [(r.id, r.name, r.kind, r.country, r.sector, r.wikidata) for r in a.actors],
        )
        c.executemany(
            "INSERT OR REPLACE INTO article_actors(article_id, actor_id, mentions) VALUES (?,?,?)",
            [(art.id, r.id, r.mentions) for r in a.actors],
        )
        c.executemany(
            'INSERT INTO mentions(article_id, start, "end", text, actor_id, label)'
            " VALUES (?,?,?,?,?,?)",
            [(art.id, m.start, m.end, m.text, m.actor, m.label) for m in a.mentions],
        )
        c.executemany(
            'INSERT OR REPLACE INTO events(id, article_id, type, mode, context, date, location,'
            ' trigger, sentence, start, "end", modality, confidence, cameo, goldstein, day)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    e.id, art.id, e.type, e.mode, json.dumps(list(e.context)), e.date,
                    e.location, e.trigger, e.sentence, e.start, e.end, e.modality,
                    e.confidence, e.cameo, e.goldstein, _event_day(e.date, art.published),
                )
                for e in a.events
            ],
        )  # fmt: skip
        c.executemany(
            "INSERT OR IGNORE INTO event_actors(event_id, role, actor_id, position)"
            " VALUES (?,?,?,?)",
            [
                (e.id, role, actor, i)
                for e in a.events
                for role, actors in (("source", e.source), ("target", e.target))
                for i, actor in enumerate(actors)
            ],
        )
        c.executemany(
            'INSERT INTO quotes(article_id, seq, text, start, "end", kind, speaker, speaker_text,'
            " cue) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (art.id, i, q.text, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.cue)
                for i, q in enumerate(a.quotes)
            ],
        )
        c.executemany(
            'INSERT INTO claims(article_id, seq, text, start, "end", value, approx, measure, unit,'
            " subject, period, sentence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    art.id, i, cl.text, cl.start, cl.end, cl.value, cl.approx, cl.measure,
                    cl.unit, cl.subject, cl.period, cl.sentence,
                )
                for i, cl in enumerate(a.claims)
            ],
        )  # fmt: skip
        c.executemany(
            'INSERT INTO dates(article_id, seq, text, start, "end", type, value)'
            " VALUES (?,?,?,?,?,?,?)",
            [(art.id, i, d.text, d.start, d.end, d.type, d.value) for i, d in enumerate(a.dates)],
        )
        c.executemany(
            "INSERT OR REPLACE INTO topics(article_id, topic, score) VALUES (?,?,?)",
            [(art.id, t.id, t.score) for t in a.topics],
        )
        c.executemany(
            'INSERT INTO titles(article_id, seq, text, start, "end", actor_id, mention_start,'
            " mention_end, historical) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (art.id, i, t.text, t.start, t.end, t.actor, t.mention_start, t.mention_end,
                 int(t.historical))
                for i, t in enumerate(a.titles)
            ],
        )  # fmt: skip
        self._insert_findings(a.findings, "article")

    def _insert_findings(self, findings: Iterable[Finding], scope: str) -> None:
        self.conn.executemany(
            "INSERT INTO findings(article_id, scope, kind, severity, message, start, \"end\","
            " evidence, actor_id, related) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    f.article, scope, f.kind, f.severity, f.message, f.start, f.end, f.evidence,
                    f.actor, json.dumps([{"article": r.article, "start": r.start, "end": r.end}
                                         for r in f.related]),
                )
                for f in findings
            ],
        )  # fmt: skip

    def replace_findings(self, findings: Iterable[Finding], scope: str = "cross") -> None:
        """Replace every stored finding of a scope (checks are recomputed as a whole)."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("DELETE FROM findings WHERE scope = ?", (scope,))
            self._insert_findings(findings, scope)

    def replace_story_events(self, stories: Iterable[StoryEvent]) -> None:
        """Replace the cross-article event clusters (recomputed as a whole)."""
        stories = list(stories)
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("DELETE FROM story_event_reports")
            self.conn.execute("DELETE FROM story_events")
            self.conn.executemany(
                "INSERT INTO story_events(id, type, date, source, target, n_sources, n_reports)"
                " VALUES (?,?,?,?,?,?,?)",
                [
                    (s.id, s.type, s.date, json.dumps(list(s.source)), json.dumps(list(s.target)),
                     s.n_sources, len(s.reports))
                    for s in stories
                ],
            )  # fmt: skip
            self.conn.executemany(
                "INSERT OR IGNORE INTO story_event_reports(story_id, article_id, event_id)"
                " VALUES (?,?,?)",
                [(s.id, art, ev) for s in stories for art, ev in s.reports],
            )

    def record_failures(self, failures: Iterable[Failure]) -> None:
        """Record failures once: re-running the same inputs does not double them."""
        rows = [(f.item, f.stage, f.code, f.reason, _now(), f.item, f.stage, f.code, f.reason)
                for f in failures]  # fmt: skip
        if not rows:
            return
        with self.conn:
            self.conn.executemany(
                "INSERT INTO failures(item, stage, code, reason, at) SELECT CAST(? AS TEXT),"
                " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT)"
                " WHERE NOT EXISTS (SELECT 1 FROM failures WHERE item = ? AND stage = ?"
                " AND code = ? AND reason = ?)",
                rows,
            )

    # -- freshness of the cross-article findings --------------------------------

    def _meta_int(self, key: str) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def generation(self) -> int:
        """How many article writes the store has seen (a counter bumped by every save)."""
        return self._meta_int("generation")

    def cross_stale(self) -> bool:
        """True when articles were saved after the cross-article findings were computed
        (a run killed between its save and its refresh leaves this behind)."""
        return self.generation() != self._meta_int("cross_generation")

    def mark_cross_fresh(self, generation: int) -> None:
        """Record that the cross-article findings cover the store as of ``generation``."""
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('cross_generation', ?)",
                (str(generation),),
            )

    # -- reading records back --------------------------------------------------

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY rowid")]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same committed state, so an
        article read while a writer replaces it is wholly the old or wholly the new version.
        (Without it each SELECT is its own snapshot.)  Nested use joins the outer one."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def load_analysis(self, article_id: str) -> Analysis | None:
        with self.snapshot():
            return self._load_analysis(article_id)

    def _load_analysis(self, article_id: str) -> Analysis | None:
        c = self.conn
        row = c.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        art = Article(
            id=row["id"], text=row["text"], title=row["title"], url=row["url"],
            source=row["source"], published=row["published"],
            published_basis=row["published_basis"], language=row["language"],
            path=row["path"], near_duplicate_of=row["near_duplicate_of"],
        )  # fmt: skip
        aid = (article_id,)
        actors = tuple(
            ActorRef(r["id"], r["name"], r["kind"], r["country"], r["sector"], r["wikidata"],
                     r["mentions"])
            for r in c.execute(
                "SELECT a.*, aa.mentions FROM article_actors aa JOIN actors a ON a.id = aa.actor_id"
                " WHERE aa.article_id = ? ORDER BY aa.mentions DESC, a.id", aid)
        )  # fmt: skip
        mentions = tuple(
            Mention(r["start"], r["end"], r["text"], r["actor_id"], r["label"] or "")
            for r in c.execute(
                "SELECT * FROM mentions WHERE article_id = ? ORDER BY start, rowid", aid
            )
        )
        roles: dict[str, dict[str, list[str]]] = {}
        for r in c.execute(
            "SELECT ea.* FROM event_actors ea JOIN events e ON e.id = ea.event_id"
            " WHERE e.article_id = ? ORDER BY ea.position",
            aid,
        ):
            roles.setdefault(r["event_id"], {"source": [], "target": []})[r["role"]].append(
                r["actor_id"]
            )
        events = tuple(
            Event(
                id=r["id"], type=r["type"],
                source=tuple(roles.get(r["id"], {}).get("source", ())),
                target=tuple(roles.get(r["id"], {}).get("target", ())),
                trigger=r["trigger"], sentence=r["sentence"], start=r["start"], end=r["end"],
                mode=r["mode"], context=tuple(json.loads(r["context"])), date=r["date"],
                location=r["location"], modality=r["modality"], confidence=r["confidence"],
                cameo=r["cameo"], goldstein=r["goldstein"],
            )
            for r in c.execute("SELECT * FROM events WHERE article_id = ? ORDER BY start", aid)
        )  # fmt: skip
        quotes = tuple(
            Quote(r["text"], r["start"], r["end"], r["kind"], r["speaker"], r["speaker_text"],
                  r["cue"])
            for r in c.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY seq", aid)
        )  # fmt: skip
        claims = tuple(
            Claim(r["text"], r["start"], r["end"], r["value"], r["approx"], r["measure"],
                  r["unit"], r["subject"], r["period"], r["sentence"] or "")
            for r in c.execute("SELECT * FROM claims WHERE article_id = ? ORDER BY seq", aid)
        )  # fmt: skip
        dates = tuple(
            DateMention(r["text"], r["start"], r["end"], r["type"], r["value"])
            for r in c.execute("SELECT * FROM dates WHERE article_id = ? ORDER BY seq", aid)
        )
        topics = tuple(
            Topic(r["topic"], r["score"])
            for r in c.execute(
                "SELECT * FROM topics WHERE article_id = ? ORDER BY score DESC, topic", aid
            )
        )
        titles = tuple(
            Title(r["text"], r["start"], r["end"], r["actor_id"], r["mention_start"],
                  r["mention_end"], bool(r["historical"]))
            for r in c.execute("SELECT * FROM titles WHERE article_id = ? ORDER BY seq", aid)
        )  # fmt: skip
        findings = tuple(
            self._finding(r)
            for r in c.execute(
                "SELECT * FROM findings WHERE article_id = ? AND scope = 'article' ORDER BY id",
                aid,
            )
        )
        return Analysis(
            article=art, actors=actors, mentions=mentions, events=events, quotes=quotes,
            claims=claims, dates=dates, topics=topics, titles=titles, findings=findings,
            analysed=bool(row["analysed"]),
        )  # fmt: skip

    @staticmethod
    def _finding(r: Any) -> Finding:
        return Finding(
            kind=r["kind"], severity=r["severity"], message=r["message"],
            article=r["article_id"], start=r["start"], end=r["end"], evidence=r["evidence"],
            actor=r["actor_id"],
            related=tuple(Related(**x) for x in json.loads(r["related"] or "[]")),
        )  # fmt: skip

    def iter_analyses(self) -> Iterator[Analysis]:
        for aid in self.article_ids():
            a = self.load_analysis(aid)
            if a is not None:
                yield a

    def findings(self, scope: str | None = None) -> list[Finding]:
        sql = "SELECT * FROM findings"
        args: tuple[Any, ...] = ()
        if scope:
            sql += " WHERE scope = ?"
            args = (scope,)
        return [self._finding(r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    # -- queries for the CLI, API and UI ---------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "actors", "events", "quotes", "claims", "findings", "failures"):
            out[table] = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(args))]

    # The list_* methods are the listings' keyword forms, kept for their callers; the SQL of
    # every listing is written once, in the builders behind rows() (the API and UI use it).

    def list_articles(
        self, *, q: str | None = None, since: str | None = None, until: str | None = None,
        language: str | None = None, limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Articles, newest first; ``q`` is a full-text search."""
        return self.rows("articles", q=q, since=since, until=until, language=language,
                         limit=limit, offset=offset)  # fmt: skip

    def list_actors(
        self, *, q: str | None = None, kind: str | None = None, country: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        where, args = ["1=1"], []
        if q:
            where.append("(a.name LIKE ? OR a.id LIKE ?)")
            args += [f"%{q}%", f"%{q}%"]
        if kind:
            where.append("a.kind = ?")
            args.append(kind)
        if country:
            where.append("a.country = ?")
            args.append(country)
        return self.query(
            "SELECT a.id, a.name, a.kind, a.country, a.sector, a.wikidata,"
            " count(aa.article_id) AS articles, coalesce(sum(aa.mentions), 0) AS mentions"
            " FROM actors a LEFT JOIN article_actors aa ON aa.actor_id = a.id"
            f" WHERE {' AND '.join(where)} GROUP BY a.id"
            " ORDER BY mentions DESC, a.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )

    def list_events(
        self, *, actor: str | None = None, type: str | None = None, since: str | None = None,
        until: str | None = None, topic: str | None = None, article: str | None = None,
        q: str | None = None, role: str | None = None, limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Events, newest first: :meth:`rows` of ``events`` (kept for its callers)."""
        return self.rows("events", actor=actor, type=type, since=since, until=until,
                         topic=topic, article=article, q=q, role=role, limit=limit,
                         offset=offset)  # fmt: skip

    def _attach_event_actors(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        by_id = {r["id"]: r for r in rows}
        for r in rows:
            r["context"] = json.loads(r["context"] or "[]")
            r["source"], r["target"] = [], []
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for ea in self.conn.execute(
                f"SELECT * FROM event_actors WHERE event_id IN ({marks})"
                " ORDER BY event_id, role, position",
                chunk,
            ):
                by_id[ea["event_id"]][ea["role"]].append(ea["actor_id"])

    def list_quotes(
        self, *, speaker: str | None = None, article: str | None = None, q: str | None = None,
        kind: str | None = None, language: str | None = None, limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Quotations, newest article first; ``q`` is a substring of the quote."""
        return self.rows("quotes", speaker=speaker, article=article, q=q, kind=kind,
                         language=language, limit=limit, offset=offset)  # fmt: skip

    def list_claims(
        self, *, measure: str | None = None, subject: str | None = None,
        article: str | None = None, q: str | None = None, language: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Numeric claims, newest article first; ``q`` is a substring of the figure or sentence."""
        return self.rows("claims", measure=measure, subject=subject, article=article, q=q,
                         language=language, limit=limit, offset=offset)  # fmt: skip

    def list_findings(
        self, *, kind: str | None = None, article: str | None = None, actor: str | None = None,
        severity: str | None = None, limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Findings grouped by kind: :meth:`rows` of ``findings`` (kept for its callers)."""
        return self.rows("findings", kind=kind, article=article, actor=actor,
                         severity=severity, limit=limit, offset=offset)  # fmt: skip

    def list_failures(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return self.query(
            "SELECT * FROM failures ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset]
        )

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies, with highlighted snippets."""
        return self.query(*self.dialect.search(q, "<mark>", "</mark>", limit, offset))

    # -- queries for presswatch serve (API and web UI) -------------------------
    # Added for the API and UI: paged listings that carry their total, and the
    # aggregates the UI draws (timeline, network, dossier).  They only read.

    def page(
        self, listing: str, *, limit: int = 50, offset: int = 0, **filters: Any
    ) -> tuple[int, list[dict[str, Any]]]:
        """One page of a listing (see :meth:`rows`) and how many items match over all pages."""
        total = self.count(listing, **filters)
        return total, self.rows(listing, limit=limit, offset=offset, _matching=total, **filters)

    def count(self, listing: str, **filters: Any) -> int:
        """How many items of a listing match the filters (see :meth:`rows`)."""
        filters = self._prepare(listing, filters)
        fast = listing == "events" and self._day == "e.day"
        n = self._actor_event_count(filters) if fast else None
        if n is None:
            _, frm, where, _ = _PAGES[listing](filters)
            # Every event filter reads events (and their indexes) alone: counting needs no
            # join to articles, so the total is an index count, not a million row lookups.
            count_from = "events e" if fast else frm
            total = self.conn.execute(
                f"SELECT count(*) FROM {count_from} WHERE {where}", where.args
            )
            n = int(total.fetchone()[0])
        return n

    def rows(
        self, listing: str, *, limit: int = 50, offset: int = 0, _matching: int | None = None,
        **filters: Any,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """One page of articles, actors, events, quotes, claims, findings or stories.

        The one query path behind the CLI's listings, the API and the UI.  Filters (all
        optional): actor, type, topic (id prefix), since, until (ISO dates, inclusive,
        any precision), q (text search), language (the article's, e.g. ``es``; several
        separated by commas), and per kind role (events), kind/country/sector (actors),
        speaker kind (quotes), measure/subject (claims), severity (findings), article,
        min_sources (stories).  ``_matching`` is the page's total when the caller has it.
        """
        filters = self._prepare(listing, filters)
        build = _PAGES[listing]
        if listing == "events" and self._day == "e.day" and filters.get("actor"):
            # How many events the page is drawn from: the exact total from page(), else the
            # actor's events alone (an upper bound, from event_actors' index).
            n = _matching if _matching is not None else self._actor_event_count(
                {"actor": filters["actor"], "role": filters.get("role")})  # fmt: skip
            if n is not None and n * n > (offset + limit) * self._events_estimate():
                # An actor in many events: walking events newest-first (events_day_order)
                # meets the page's rows after about (offset+limit)·events/n rows, cheaper
                # than looking up all n events by id and sorting them.  "+e.id" keeps the
                # planner off the id index.  (A rare actor keeps the id lookups: n rows.)
                filters["_by_day"] = True
        select, frm, where, order = build(filters)
        rows = self.query(
            f"SELECT {select} FROM {frm} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*where.args, limit, offset],
        )
        if listing == "events":
            self._attach_event_actors(rows)
            for r in rows:
                r["quad"] = EVENT_QUAD.get(r["type"])
        elif listing == "findings":
            for r in rows:
                r["related"] = json.loads(r["related"] or "[]")
        elif listing == "stories":
            self._attach_story_reports(rows)
        return rows

    def _prepare(self, listing: str, filters: dict[str, Any]) -> dict[str, Any]:
        if listing not in _PAGES:
            raise StoreError(f"unknown listing {listing!r}", code="E305")
        filters = {**filters, "_dialect": self.dialect}
        if listing == "events":
            filters["_day"] = self._day
        return filters

    def _attach_story_reports(self, rows: list[dict[str, Any]]) -> None:
        """Each story's reporting articles and their languages (every source's, sorted)."""
        by_id = {r["id"]: r for r in rows}
        for r in rows:
            r["source"], r["target"] = json.loads(r["source"]), json.loads(r["target"])
            r["articles"], r["languages"] = [], []
        reports = self._rows_in(
            "SELECT r.story_id, r.event_id, r.article_id, a.language FROM story_event_reports r"
            " JOIN articles a ON a.id = r.article_id", "r.story_id", list(by_id),
        )  # fmt: skip
        for rep in sorted(reports, key=lambda x: (x["story_id"], x["event_id"])):
            story = by_id[rep["story_id"]]
            story["articles"].append(rep["article_id"])
            if rep["language"] and rep["language"] not in story["languages"]:
                story["languages"].append(rep["language"])
        for r in rows:
            r["languages"].sort()

    def _actor_event_count(self, f: dict[str, Any]) -> int | None:
        """The number of events of an actor filter alone, from event_actors' index (None
        when other filters apply: then the events themselves are counted)."""
        if not f.get("actor") or any(f.get(k) for k in _EVENT_FILTERS):
            return None
        args: tuple[Any, ...]
        if f.get("role") in ("source", "target"):
            # (event_id, role, actor_id) is the key: one row per event.
            sql, args = "SELECT count(*) FROM event_actors WHERE actor_id = ? AND role = ?", (
                f["actor"], f["role"])  # fmt: skip
        else:  # an actor can be both source and target of one event: count it once
            sql = "SELECT count(DISTINCT event_id) FROM event_actors WHERE actor_id = ?"
            args = (f["actor"],)
        return int(self.conn.execute(sql, args).fetchone()[0])

    def _events_estimate(self) -> int:
        """About how many events there are (max rowid: one index probe, not a count)."""
        if self.dialect.events_estimate is None:
            return 0
        row = self.conn.execute(self.dialect.events_estimate).fetchone()
        return int(row[0] or 0)

    def timeline(
        self, *, interval: str = "month", actor: str | None = None,
        type: str | None = None, topic: str | None = None, since: str | None = None,
        until: str | None = None, q: str | None = None, language: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Events per period and type; events dated too coarsely for the interval count apart."""
        if interval not in _BUCKETS:
            raise StoreError(f"unknown interval {interval!r}; use day, week, month or year",
                             code="E306")  # fmt: skip
        key, precision = _BUCKETS[interval]
        if interval == "week":
            key = self.dialect.week
        f = {"actor": actor, "type": type, "topic": topic, "since": since, "until": until}
        where = _event_where({**f, "q": q, "language": language}, self._day)
        frm = self._events_from()
        # Counted per (day, type) first, straight from the covering index events_day_type;
        # only those few groups are then bucketed (date() per group, not per event).  Days
        # too coarse for the interval get period NULL: the undated count, in the same pass.
        rows = self.conn.execute(
            f"SELECT CASE WHEN length(d) >= {precision} THEN {key} END AS period, type,"
            " sum(n) AS n FROM ("
            f"  SELECT {self._day} AS d, e.type AS type, count(*) AS n"
            f"  FROM {frm} WHERE {where} GROUP BY d, e.type"
            ") AS g GROUP BY period, type ORDER BY period",
            where.args,
        )
        buckets: dict[str, dict[str, Any]] = {}
        types: set[str] = set()
        coarse = 0
        for r in rows:
            if r["period"] is None:
                coarse += r["n"]
                continue
            b = buckets.setdefault(r["period"], {"period": r["period"], "total": 0, "counts": {}})
            b["counts"][r["type"]] = r["n"]
            b["total"] += r["n"]
            types.add(r["type"])
        order = [t for q_types in QUAD_CLASSES.values() for t in q_types]
        return {
            "interval": interval,
            "types": sorted(types, key=lambda t: (order.index(t) if t in order else 99, t)),
            "buckets": list(buckets.values()),
            "undated": int(coarse),
        }

    def network(
        self, *, actor: str | None = None, type: str | None = None,
        topic: str | None = None, since: str | None = None, until: str | None = None,
        max_nodes: int = 80, min_weight: int = 1, language: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The actor graph: weighted, typed edges source → target, counted per quad class."""
        f = {"type": type, "topic": topic, "since": since, "until": until, "language": language}
        if self._pairs:
            # event_pairs ``e`` has the event columns the filters read (id, type, day,
            # article_id); only edges touching the actor survive below, so select just those.
            where = _event_where(f)
            if actor:
                where.add("(e.source = ? OR e.target = ?)", actor, actor)
            sql = (
                "SELECT e.source AS source, e.target AS target, e.type AS type, count(*) AS n"
                f" FROM event_pairs e WHERE {where} GROUP BY e.source, e.target, e.type"
            )
        else:  # a store written before schema 3, read-only
            where = _event_where(f, self._day)
            sql = (
                "SELECT s.actor_id AS source, t.actor_id AS target, e.type AS type,"
                f" count(*) AS n FROM {self._events_from()}"
                " JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'"
                " JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'"
                f" WHERE {where} AND s.actor_id != t.actor_id"
                " GROUP BY s.actor_id, t.actor_id, e.type"
            )
        rows = self.conn.execute(sql, where.args).fetchall()
        edges: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            e = edges.setdefault(
                (r["source"], r["target"]),
                {"source": r["source"], "target": r["target"], "weight": 0,
                 "quads": dict.fromkeys(QUAD_CLASSES, 0), "types": {}},
            )  # fmt: skip
            e["weight"] += r["n"]
            e["types"][r["type"]] = r["n"]
            quad = EVENT_QUAD.get(r["type"])
            if quad:
                e["quads"][quad] += r["n"]
        if actor:
            edges = {k: v for k, v in edges.items() if actor in k}
        edges = {k: v for k, v in edges.items() if v["weight"] >= min_weight}
        weight: dict[str, int] = {}
        for (s, t), e in edges.items():
            weight[s] = weight.get(s, 0) + e["weight"]
            weight[t] = weight.get(t, 0) + e["weight"]
        keep = sorted(weight, key=lambda a: (-weight[a], a))[:max_nodes]
        if actor and actor in weight and actor not in keep:
            keep[-1] = actor
        kept = set(keep)
        info = {
            r["id"]: dict(r)
            for r in self._rows_in("SELECT id, name, kind, country, sector FROM actors", "id", keep)
        }
        nodes = [
            {"id": a, "name": info.get(a, {}).get("name") or a,
             "kind": info.get(a, {}).get("kind"), "country": info.get(a, {}).get("country"),
             "sector": info.get(a, {}).get("sector"), "weight": weight[a]}
            for a in keep
        ]  # fmt: skip
        links = []
        for e in edges.values():
            if e["source"] in kept and e["target"] in kept:
                e["quad"] = max(e["quads"], key=lambda q: e["quads"][q])
                links.append(e)
        links.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
        return {"nodes": nodes, "edges": links}

    def _events_from(self) -> str:
        """Events ``e`` for the aggregates; joined to articles only for a pre-3 store."""
        if self._day == "e.day":
            return "events e"
        return "events e JOIN articles a ON a.id = e.article_id"

    def _rows_in(self, sql: str, column: str, values: list[str]) -> list[Any]:
        out: list[Any] = []
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(self.conn.execute(f"{sql} WHERE {column} IN ({marks})", chunk))
        return out

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor with its article and mention counts, or None."""
        rows = self.query(
            "SELECT a.*, count(aa.article_id) AS articles, coalesce(sum(aa.mentions), 0)"
            " AS mentions FROM actors a LEFT JOIN article_actors aa ON aa.actor_id = a.id"
            " WHERE a.id = ? GROUP BY a.id",
            [actor_id],
        )
        if rows:
            return rows[0]
        # An actor named only in events (e.g. a slug the linker made) still has a dossier.
        used = self.conn.execute(
            "SELECT 1 FROM event_actors WHERE actor_id = ? UNION ALL"
            " SELECT 1 FROM quotes WHERE speaker = ? LIMIT 1",
            (actor_id, actor_id),
        ).fetchone()
        if used is None:
            return None
        return {"id": actor_id, "name": actor_id, "kind": None, "country": None, "sector": None,
                "wikidata": None, "articles": 0, "mentions": 0}  # fmt: skip

    def actor_activity(self, actor_id: str) -> list[dict[str, Any]]:
        """Per month: articles mentioning the actor and events it takes part in."""
        return self.query(
            "SELECT month, sum(articles) AS articles, sum(events) AS events FROM ("
            "  SELECT substr(a.published, 1, 7) AS month, count(*) AS articles, 0 AS events"
            "  FROM article_actors aa JOIN articles a ON a.id = aa.article_id"
            "  WHERE aa.actor_id = ? AND a.published IS NOT NULL GROUP BY month"
            "  UNION ALL"
            f" SELECT substr({self._day}, 1, 7) AS month, 0, count(DISTINCT e.id)"
            f"  FROM {self._events_from()}"
            "  JOIN event_actors ea ON ea.event_id = e.id"
            f" WHERE ea.actor_id = ? AND {self._day} IS NOT NULL GROUP BY month"
            ") AS m GROUP BY month ORDER BY month",
            [actor_id, actor_id],
        )

    def actor_partners(self, actor_id: str, limit: int = 15) -> list[dict[str, Any]]:
        """The actors it most often acts on or is acted on by."""
        return self.query(
            "SELECT o.actor_id AS id, coalesce(ac.name, o.actor_id) AS name,"
            " sum(CASE WHEN me.role = 'source' THEN 1 ELSE 0 END) AS outgoing,"
            " sum(CASE WHEN me.role = 'target' THEN 1 ELSE 0 END) AS incoming,"
            " count(*) AS events"
            " FROM event_actors me JOIN event_actors o"
            "   ON o.event_id = me.event_id AND o.role != me.role AND o.actor_id != me.actor_id"
            " LEFT JOIN actors ac ON ac.id = o.actor_id"
            " WHERE me.actor_id = ? GROUP BY o.actor_id, ac.name ORDER BY events DESC, o.actor_id"
            " LIMIT ?",
            [actor_id, limit],
        )

    def topic_counts(self, limit: int = 30) -> list[dict[str, Any]]:
        return self.query(
            "SELECT topic AS id, count(*) AS articles,"
            " round(CAST(avg(score) AS NUMERIC), 3) AS mean_score"
            " FROM topics GROUP BY topic ORDER BY articles DESC, topic LIMIT ?",
            [limit],
        )

    def event_type_counts(self) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
        )
        for r in rows:
            r["quad"] = EVENT_QUAD.get(r["type"])
        return rows

    def language_counts(self) -> list[dict[str, Any]]:
        """The articles' languages, most articles first (what a language filter offers)."""
        return self.query(
            "SELECT language, count(*) AS articles FROM articles WHERE language IS NOT NULL"
            " GROUP BY language ORDER BY articles DESC, language"
        )

    def finding_kind_counts(self) -> list[dict[str, Any]]:
        return self.query(
            "SELECT kind, count(*) AS n FROM findings GROUP BY kind ORDER BY n DESC, kind"
        )

    def search_page(
        self, q: str, limit: int = 20, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """Full-text search with its total; snippets mark matches with MARK_START/MARK_END.

        Unlike :meth:`search`, the snippet is raw text with control characters
        around the matches, so a caller can escape it for HTML and then mark it.
        """
        total = self.conn.execute(
            f"SELECT count(*) FROM articles a WHERE {self.dialect.match('a')}",
            (self.dialect.match_arg(q),),
        ).fetchone()[0]
        rows = self.query(*self.dialect.search(q, MARK_START, MARK_END, limit, offset))
        return int(total), rows


# --- helpers for the serve queries (presswatch serve) ----------------------------
#
# Everything below is added for ``presswatch serve``: paged listings that carry
# their total, and the aggregates the UI draws (timeline, network, dossier).
# They only read, and leave the methods above untouched.

#: Around each match in :meth:`Store.search_page` snippets (never in article text).
MARK_START, MARK_END = "\x02", "\x03"

#: PLOVER's quad classes: verbal/material × cooperation/conflict.
QUAD_CLASSES: dict[str, tuple[str, ...]] = {
    "verbal_cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material_cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal_conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material_conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
EVENT_QUAD: dict[str, str] = {t: q for q, types in QUAD_CLASSES.items() for t in types}

#: An event's date for time filters and the timeline: its own date when it is a
#: calendar date (TIMEX3 values such as XXXX-09 or P20Y are not), else the
#: article's publication date.
_EVENT_DAY = (
    "(CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]*'"
    " OR e.date GLOB '[0-9][0-9][0-9][0-9]' THEN e.date ELSE a.published END)"
)
_CALENDAR = re.compile(r"\d{4}(?:-[01]\d.*)?", re.DOTALL)


#: The event filters besides actor and role (an actor alone is counted from its index).
_EVENT_FILTERS = (
    "type", "quad", "modality", "since", "until", "topic", "article", "q", "language",
)  # fmt: skip


def _event_day(date: str | None, published: str | None) -> str | None:
    """The stored ``events.day``: what :data:`_EVENT_DAY` computes, at write time."""
    return date if date and _CALENDAR.fullmatch(date) else published


#: Bucket keys per timeline interval, and the shortest date precise enough for it.
_BUCKETS = {
    "day": ("substr(d, 1, 10)", 10),
    "week": ("date(substr(d, 1, 10), '-6 days', 'weekday 1')", 10),
    "month": ("substr(d, 1, 7)", 7),
    "year": ("substr(d, 1, 4)", 4),
}


def _until(value: str) -> str:
    """An inclusive upper bound for ISO dates compared as strings (2025-03 covers March)."""
    return value + "\uffff"


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


class _Where:
    """WHERE clauses and their arguments, built up one filter at a time."""

    def __init__(self) -> None:
        self.parts: list[str] = ["1=1"]
        self.args: list[Any] = []

    def add(self, sql: str, *args: Any) -> None:
        self.parts.append(sql)
        self.args.extend(args)

    def any_of(self, column: str, values: list[str]) -> None:
        if values:
            self.add(f"{column} IN ({','.join('?' * len(values))})", *values)

    def __str__(self) -> str:
        return " AND ".join(self.parts)


_Listing = tuple[str, str, _Where, str]


def _dated(w: _Where, column: str, f: dict[str, Any]) -> None:
    if f.get("since"):
        w.add(f"{column} >= ?", f["since"])
    if f.get("until"):
        w.add(f"{column} <= ?", _until(f["until"]))


def _topic(w: _Where, article_column: str, f: dict[str, Any]) -> None:
    if f.get("topic"):
        # A prefix: "security" matches security.arms_trafficking and security.cartels.
        w.add(f"{article_column} IN (SELECT article_id FROM topics"
              " WHERE topic = ? OR topic LIKE ?)", f["topic"], f["topic"] + ".%")  # fmt: skip


def _language(w: _Where, article_column: str, f: dict[str, Any]) -> None:
    """Items of articles in these languages (ISO 639-1 codes as stored, e.g. ``es``).

    A subquery on the article id, not a join, so event counts still read events alone."""
    langs = [v.lower() for v in _split(f.get("language"))]
    if langs:
        marks = ",".join("?" * len(langs))
        w.add(f"{article_column} IN (SELECT id FROM articles WHERE language IN ({marks}))",
              *langs)  # fmt: skip


def _event_where(f: dict[str, Any], day: str = "e.day") -> _Where:
    """Filters on events ``e`` (joined to their articles ``a`` when ``day`` reads them)."""
    w = _Where()
    if f.get("actor"):
        col = "+e.id" if f.get("_by_day") else "e.id"  # see Store.page
        if f.get("role") in ("source", "target"):
            w.add(f"{col} IN (SELECT event_id FROM event_actors WHERE actor_id = ? AND role = ?)",
                  f["actor"], f["role"])  # fmt: skip
        else:
            w.add(f"{col} IN (SELECT event_id FROM event_actors WHERE actor_id = ?)", f["actor"])
    w.any_of("e.type", [t.upper() for t in _split(f.get("type"))])
    if f.get("quad"):
        w.any_of("e.type", list(QUAD_CLASSES.get(f["quad"], ("",))))
    if f.get("modality"):
        w.add("e.modality = ?", f["modality"])
    _dated(w, day, f)
    _topic(w, "e.article_id", f)
    _language(w, "e.article_id", f)
    if f.get("article"):
        w.add("e.article_id = ?", f["article"])
    if f.get("q"):
        w.add("(e.sentence LIKE ? OR e.trigger LIKE ?)", f"%{f['q']}%", f"%{f['q']}%")
    return w


def _articles(f: dict[str, Any]) -> _Listing:
    w = _Where()
    if f.get("actor"):
        w.add("a.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?)", f["actor"])
    for t in _split(f.get("type")):
        w.add("a.id IN (SELECT article_id FROM events WHERE type = ?)", t.upper())
    _dated(w, "a.published", f)
    _topic(w, "a.id", f)
    w.any_of("a.language", [v.lower() for v in _split(f.get("language"))])
    if f.get("q"):
        match: Dialect = f.get("_dialect", SQLITE)
        w.add(match.match("a"), match.match_arg(f["q"]))
    select = (
        "a.id, a.title, a.published, a.published_basis, a.language, a.source, a.url, a.path,"
        " a.near_duplicate_of, a.analysed, length(a.text) AS chars,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,"
        " (SELECT count(*) FROM findings f WHERE f.article_id = a.id) AS findings"
    )
    return select, "articles a", w, "a.published DESC, a.id"


def _actors(f: dict[str, Any]) -> _Listing:
    w = _Where()
    if f.get("q"):
        w.add("(x.name LIKE ? OR x.id LIKE ?)", f"%{f['q']}%", f"%{f['q']}%")
    for col in ("kind", "country", "sector"):
        w.any_of(f"x.{col}", _split(f.get(col)))
    inner = _Where()
    _dated(inner, "a.published", f)
    _topic(inner, "a.id", f)
    inner.any_of("a.language", [v.lower() for v in _split(f.get("language"))])
    if f.get("actor"):
        # Actors that share an article with this one.
        inner.add("a.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?)",
                  f["actor"])  # fmt: skip
    frm = (
        "(SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, ac.wikidata,"
        " count(aa.article_id) AS articles, coalesce(sum(aa.mentions), 0) AS mentions"
        " FROM actors ac JOIN article_actors aa ON aa.actor_id = ac.id"
        f" JOIN articles a ON a.id = aa.article_id WHERE {inner} GROUP BY ac.id) x"
    )
    w.args = inner.args + w.args
    return "x.*", frm, w, "x.articles DESC, x.mentions DESC, x.id"


def _events(f: dict[str, Any]) -> _Listing:
    day = f.get("_day", "e.day")
    return (
        f"e.*, {day} AS day, a.title AS article_title, a.published, a.language",
        "events e JOIN articles a ON a.id = e.article_id",
        _event_where(f, day),
        # Matches events_day_order, so a page is read in index order, not sorted; the id
        # settles events at one offset (SQLite sorts only those runs, "RIGHT PART OF ORDER
        # BY"), so the order is the data's, the same on PostgreSQL, not the insertion order.
        f"{day} DESC, e.article_id, e.start, e.id",
    )


def _quotes(f: dict[str, Any]) -> _Listing:
    w = _Where()
    actor = f.get("actor") or f.get("speaker")
    if actor:
        w.add("q.speaker = ?", actor)
    w.any_of("q.kind", _split(f.get("kind") or f.get("type")))
    _dated(w, "a.published", f)
    _topic(w, "q.article_id", f)
    _language(w, "q.article_id", f)
    if f.get("article"):
        w.add("q.article_id = ?", f["article"])
    if f.get("q"):
        w.add("q.text LIKE ?", f"%{f['q']}%")
    return (
        "q.*, a.title AS article_title, a.published, a.language,"
        " coalesce(ac.name, q.speaker) AS speaker_name",
        "quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors ac ON ac.id = q.speaker",
        w,
        "a.published DESC, q.article_id, q.seq",
    )


def _claims(f: dict[str, Any]) -> _Listing:
    w = _Where()
    if f.get("actor"):
        # A figure about an actor (its subject), or one in an article that names it.
        w.add("(c.subject = ? OR c.article_id IN"
              " (SELECT article_id FROM article_actors WHERE actor_id = ?))",
              f["actor"], f["actor"])  # fmt: skip
    w.any_of("c.measure", _split(f.get("measure") or f.get("type")))
    if f.get("subject"):
        w.add("c.subject = ?", f["subject"])
    _dated(w, "a.published", f)
    _topic(w, "c.article_id", f)
    _language(w, "c.article_id", f)
    if f.get("article"):
        w.add("c.article_id = ?", f["article"])
    if f.get("q"):
        w.add("(c.text LIKE ? OR c.sentence LIKE ?)", f"%{f['q']}%", f"%{f['q']}%")
    return (
        "c.*, a.title AS article_title, a.published, a.language",
        "claims c JOIN articles a ON a.id = c.article_id",
        w,
        "a.published DESC, c.article_id, c.seq",
    )


def _findings(f: dict[str, Any]) -> _Listing:
    w = _Where()
    if f.get("actor"):
        w.add("f.actor_id = ?", f["actor"])
    w.any_of("f.kind", _split(f.get("kind") or f.get("type")))
    w.any_of("f.severity", _split(f.get("severity")))
    _dated(w, "a.published", f)
    _topic(w, "f.article_id", f)
    _language(w, "f.article_id", f)
    if f.get("article"):
        w.add("f.article_id = ?", f["article"])
    if f.get("q"):
        w.add("(f.message LIKE ? OR f.evidence LIKE ?)", f"%{f['q']}%", f"%{f['q']}%")
    return (
        "f.*, a.title AS article_title, a.published, a.language",
        "findings f JOIN articles a ON a.id = f.article_id",
        w,
        # Grouped by kind for the findings page; newest first when asked for the latest.
        "a.published DESC, f.id DESC" if f.get("latest") else "f.kind, a.published DESC, f.id",
    )


def _stories(f: dict[str, Any]) -> _Listing:
    w = _Where()
    if f.get("min_sources"):
        w.add("s.n_sources >= ?", int(f["min_sources"]))
    w.any_of("s.type", [t.upper() for t in _split(f.get("type"))])
    _dated(w, "s.date", f)
    if f.get("actor"):
        # Stored as JSON arrays of ids: the quoted id is an exact element match.
        w.add("(s.source LIKE ? OR s.target LIKE ?)", f'%"{f["actor"]}"%', f'%"{f["actor"]}"%')
    langs = [v.lower() for v in _split(f.get("language"))]
    if langs:
        # A story told in any of these languages (by at least one of its sources).
        marks = ",".join("?" * len(langs))
        w.add("s.id IN (SELECT r.story_id FROM story_event_reports r JOIN articles a"
              f" ON a.id = r.article_id WHERE a.language IN ({marks}))", *langs)  # fmt: skip
    return "s.*", "story_events s", w, "s.n_sources DESC, s.date DESC, s.id"


_PAGES: dict[str, Any] = {
    "articles": _articles,
    "actors": _actors,
    "events": _events,
    "quotes": _quotes,
    "claims": _claims,
    "findings": _findings,
    "stories": _stories,
}


def open_store(target: str | Path, *, readonly: bool = False) -> Store:
    """The store at ``target``: a SQLite file path or a ``postgresql://`` URL."""
    return Store(target, readonly=readonly)
