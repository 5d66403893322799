"""Walk the inputs and dispatch each file to its format reader."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import text as text_format
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = ["article_id", "normalise_text", "read_inputs"]

#: file extension -> reader(path, data, settings) -> Iterator[Article | Failure]
READERS = {
    ".txt": text_format.read_text_file,
    ".md": text_format.read_text_file,
    ".markdown": text_format.read_text_file,
}


def normalise_text(text: str) -> str:
    """NFC, unified newlines, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip()


def article_id(text: str) -> str:
    """Content id: SHA-1 of the normalised text with whitespace collapsed."""
    key = " ".join(normalise_text(text).split()).casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def read_inputs(paths: Iterable[str | Path], settings: Settings) -> Iterator[Article | Failure]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            for f in files:
                yield from _read_file(f, settings)
        else:
            yield from _read_file(path, settings)


def _read_file(path: Path, settings: Settings) -> Iterator[Article | Failure]:
    reader = READERS.get(path.suffix.lower())
    item = str(path)
    if reader is None:
        yield Failure(item, "ingest", "E101", f"unsupported file type {path.suffix!r}; "
                      f"use one of {', '.join(sorted(READERS))}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Failure(item, "ingest", "E102", f"cannot read the file ({err.strerror or err})")
        return
    try:
        yield from reader(path, data, settings)
    except InputError as err:
        yield Failure(item, "ingest", err.code, err.message)
