"""Fuzz targets for ingestion and text normalisation, shared by atheris and the replay test.

Each target takes raw bytes and raises AssertionError (or any unexpected exception) when an
invariant breaks.  ``fuzz.py`` runs them under atheris (``make fuzz``); the pytest test
``tests/test_security_fuzz.py`` replays every input kept in ``tests/fuzz/corpus/<target>/``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import normalise_text, read_inputs
from presswatch.ingest.codes import CODES, INTERNAL
from presswatch.ingest.fields import article_id, clean_line, to_date
from presswatch.ingest.html import html_to_text
from presswatch.ingest.markdown import markdown_to_text
from presswatch.ingest.text import split_front_matter
from presswatch.records import Article, Failure
from presswatch.settings import Settings

#: The first byte of an ingest input picks the format; the rest is the file.
EXTENSIONS = (".txt", ".md", ".html", ".jsonl", ".csv", ".rss", ".atom", ".xml", ".txt.gz",
              ".jsonl.gz", ".md.gz", ".ndjson")  # fmt: skip
_SETTINGS = Settings(max_bytes=100_000)
_TMP = Path(tempfile.mkdtemp(prefix="presswatch-fuzz-"))


def ingest(data: bytes) -> None:
    """read_inputs on one file: only Articles and documented one-line Failures, never E119."""
    if not data:
        return
    ext = EXTENSIONS[data[0] % len(EXTENSIONS)]
    path = _TMP / f"input{ext}"
    path.write_bytes(data[1:])
    for item in read_inputs([str(path)], _SETTINGS):
        if isinstance(item, Failure):
            assert item.code in CODES and item.code != INTERNAL, item
            assert item.reason and "\n" not in item.reason, item
        else:
            assert isinstance(item, Article), item
            assert item.text and item.text == normalise_text(item.text), item
            assert len(item.id) > 0


def normalise(data: bytes) -> None:
    """The text functions on any string: no crash, and their documented properties hold."""
    text = data.decode("utf-8", "replace")
    once = normalise_text(text)
    assert normalise_text(once) == once, "normalise_text is not idempotent"
    assert "\r" not in once and "\n\n\n" not in once and once == once.strip()
    assert article_id(text) == article_id(once)
    line = clean_line(text)
    assert "\n" not in line and line == line.strip()
    assert isinstance(markdown_to_text(text), str)
    assert isinstance(html_to_text(text), str)
    try:
        meta, body = split_front_matter(text)
        assert isinstance(meta, dict) and isinstance(body, str)
    except InputError as err:
        assert "\n" not in err.message
    try:
        value = to_date(text)
        assert value is None or len(value) == 10
    except ValueError:
        pass


TARGETS: dict[str, Callable[[bytes], None]] = {"ingest": ingest, "normalise": normalise}
