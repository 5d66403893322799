"""The store: SQLite in WAL mode (the embedded default) or PostgreSQL (a shared server).

One small module owns the schema and every query.  The schema is versioned and
created on first use; each save is one transaction, so a crash never leaves
half an article behind.  ``--db`` takes a file path (SQLite) or a URL
``postgresql://user@host:port/dbname`` (docs/STORE.md).
"""

from presswatch.store.dialect import is_url
from presswatch.store.sqlite import SCHEMA_VERSION, Store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "is_url", "open_store"]
