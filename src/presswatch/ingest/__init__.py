"""Ingest: turn files, directories, feeds and tables into :class:`Article` records.

:func:`read_inputs` is the entry point.  It never raises for a bad item: each
one becomes a :class:`~presswatch.records.Failure` naming the item and how to
fix it, and the rest of the batch goes on.
"""

from presswatch.ingest.core import EXTENSIONS, read_inputs
from presswatch.ingest.fields import article_id, normalise_text

__all__ = ["EXTENSIONS", "article_id", "normalise_text", "read_inputs"]
