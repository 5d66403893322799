"""Walk the inputs and dispatch each file to its format reader.

The sequence for one file: 1. find it (directories are walked), 2. check its
size with ``stat`` before reading, 3. read it, 4. hand it to the reader for
its extension, 5. turn any :class:`~presswatch.errors.InputError` into a
:class:`~presswatch.records.Failure` so the batch goes on.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.ingest.compressed import input_extension, read_whole
from presswatch.ingest.feeds import read_feed_file
from presswatch.ingest.fields import article_id, normalise_text
from presswatch.ingest.html import read_html_file
from presswatch.ingest.sidecar import SIDECAR_NAME, Sidecars
from presswatch.ingest.tabular import read_csv_file, read_jsonl_file
from presswatch.ingest.text import read_markdown_file, read_text_file
from presswatch.ingest.url import is_url, read_url
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = ["EXTENSIONS", "article_id", "normalise_text", "read_inputs"]

STAGE = "ingest"

WholeReader = Callable[[Path, bytes, Settings, Mapping[str, Any]], Iterator[Article | Failure]]
RowReader = Callable[[Path, Settings, Mapping[str, Any]], Iterator[Article | Failure]]

#: Formats read whole (one document, or a feed): the size limit applies to the file.
WHOLE_READERS: dict[str, WholeReader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}
#: Formats read row by row: the size limit applies to each row's text.
ROW_READERS: dict[str, RowReader] = {
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".csv": read_csv_file,
}
EXTENSIONS = tuple(sorted(WHOLE_READERS.keys() | ROW_READERS.keys()))
#: Gzip-compressed forms (see ingest/compressed.py for the decompressed-size cap).
GZ_EXTENSIONS = (".jsonl.gz", ".md.gz", ".markdown.gz", ".ndjson.gz", ".text.gz", ".txt.gz")


def read_inputs(paths: Iterable[str | Path], settings: Settings) -> Iterator[Article | Failure]:
    """Articles and failures for files and directories, in order; never raises for bad input."""
    sidecars = Sidecars()
    for raw in paths:
        if is_url(raw):  # http(s)://… is fetched (with SSRF checks), not looked up on disk
            yield from read_url(str(raw), settings)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as err:  # a name too long, a symlink loop
            yield _os_failure(str(path), err)
            continue
        if not exists:
            if path.is_symlink():
                yield Failure(
                    str(path),
                    STAGE,
                    codes.UNREADABLE,
                    "a broken symbolic link; fix the link or leave it out",
                )
            else:
                yield Failure(
                    str(path), STAGE, codes.NOT_FOUND, "no such file or directory; check the path"
                )
            continue
        if is_dir:
            for item in walk(path):
                if isinstance(item, Failure):
                    yield item
                else:
                    yield from _read_file(item, settings, sidecars, explicit=False)
        else:
            yield from _read_file(path, settings, sidecars, explicit=True)


def walk(root: Path) -> Iterator[Path | Failure]:
    """Files under ``root`` with a known extension, sorted by path.

    Hidden files and directories (a leading dot) are skipped.  Symbolic links to
    directories are not followed: they can lead out of the tree or into a loop.
    """
    errors: list[Failure] = []

    def onerror(err: OSError) -> None:
        errors.append(_os_failure(str(err.filename or root), err))

    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            ext = input_extension(Path(name))
            if name.startswith(".") or (ext not in EXTENSIONS and ext not in GZ_EXTENSIONS):
                continue
            found.append(Path(dirpath) / name)
    yield from errors
    yield from sorted(found, key=lambda p: p.parts)


def _os_failure(item: str, err: OSError) -> Failure:
    if isinstance(err, PermissionError):
        return Failure(
            item,
            STAGE,
            codes.UNREADABLE,
            "permission denied; make it readable (chmod +r) or leave it out",
        )
    if isinstance(err, FileNotFoundError):
        return Failure(item, STAGE, codes.NOT_FOUND, "no such file or directory; check the path")
    if err.errno == errno.ELOOP:
        return Failure(
            item, STAGE, codes.UNREADABLE, "a symbolic link loop; fix the link or leave it out"
        )
    reason = err.strerror or err.__class__.__name__
    return Failure(
        item,
        STAGE,
        codes.UNREADABLE,
        f"cannot read it ({reason}); check the path and its permissions",
    )


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _read_file(
    path: Path, settings: Settings, sidecars: Sidecars, *, explicit: bool
) -> Iterator[Article | Failure]:
    item = str(path)
    ext = input_extension(path)
    gz = ext in GZ_EXTENSIONS
    whole = WHOLE_READERS.get(ext.removesuffix(".gz") if gz else ext)
    rows = ROW_READERS.get(ext.removesuffix(".gz") if gz else ext)
    if whole is None and rows is None:
        if explicit and path.name != SIDECAR_NAME:  # a sidecar given by a glob is not an input
            yield Failure(
                item,
                STAGE,
                codes.UNSUPPORTED,
                f"unsupported file type {ext or '(no extension)'!r}; use one of "
                f"{' '.join(EXTENSIONS)}",
            )
        return
    defaults, sidecar_error = sidecars.defaults_for(path)
    if sidecar_error is not None:
        yield Failure(sidecar_error.item or item, STAGE, sidecar_error.code, sidecar_error.message)
    try:
        size = path.stat().st_size
    except OSError as err:
        yield _os_failure(item, err)
        return
    if size == 0:
        yield Failure(item, STAGE, codes.EMPTY, "the file is empty; add the text or remove it")
        return
    try:
        if rows is not None:
            yield from rows(path, settings, defaults)
            return
        assert whole is not None
        if gz:  # the cap is on the decompressed bytes, counted while decompressing
            yield from whole(path, read_whole(path, settings.max_bytes), settings, defaults)
            return
        # Checked before reading: a huge file is reported without being loaded.
        if size > settings.max_bytes:
            yield Failure(
                item,
                STAGE,
                codes.TOO_LARGE,
                f"the file is {_mb(size)}, over the {_mb(settings.max_bytes)} limit; "
                "split it or raise the limit with --max-bytes",
            )
            return
        data = path.read_bytes()
        yield from whole(path, data, settings, defaults)
    except InputError as err:
        yield Failure(item, STAGE, err.code, err.message)
    except OSError as err:
        yield _os_failure(item, err)
    except Exception as err:  # a reader bug must not stop the batch: report it, go on
        yield Failure(
            item,
            STAGE,
            codes.INTERNAL,
            f"unexpected {type(err).__name__} while reading it ({str(err)[:80]}); "
            "please report this with the file",
        )
