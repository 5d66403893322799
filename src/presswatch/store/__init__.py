"""The store: SQLite in WAL mode (the embedded default).

One small module owns the schema and every query.  The schema is versioned and
created on first use; each save is one transaction, so a crash never leaves
half an article behind.
"""

from presswatch.store.sqlite import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store"]
