"""Gzip-compressed inputs (``.txt.gz``, ``.md.gz``, ``.jsonl.gz``) with a decompressed-size cap.

A few kilobytes of gzip can expand to gigabytes (a "gzip bomb"), so the size
on disk says nothing: bytes are counted as they are decompressed and reading
stops, with a clear error, as soon as the count passes the cap.  Nothing ever
asks zlib for an unbounded amount (``readline`` gets a limit too), so memory
stays within the cap however the bomb is built.

* a whole document (``.txt.gz``, ``.md.gz``) may decompress to at most
  ``--max-bytes`` (5 MB by default), the same limit as an uncompressed file;
* a table (``.jsonl.gz``) may decompress to at most :data:`TABLE_FACTOR` times
  that in all (each row's text is still held to ``--max-bytes``).
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from types import TracebackType
from typing import IO

from presswatch.errors import InputError
from presswatch.ingest import codes

__all__ = ["GZ_INNER", "TABLE_FACTOR", "input_extension", "open_rows", "read_whole"]

#: Formats accepted inside a .gz file.
GZ_INNER = frozenset({".txt", ".text", ".md", ".markdown", ".jsonl", ".ndjson"})
#: A compressed table may hold this many times --max-bytes of decompressed text.
TABLE_FACTOR = 20
#: One line of a compressed table may decompress to at most this many times --max-bytes.
LINE_FACTOR = 4
_CHUNK = 1 << 16


def input_extension(path: Path) -> str:
    """``.jsonl.gz`` for ``a.jsonl.gz`` (a supported inner format), else the plain suffix."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        inner = Path(path.stem).suffix.lower()
        if inner in GZ_INNER:
            return inner + ".gz"
    return suffix


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _too_large(cap: int) -> InputError:
    return InputError(
        f"decompresses to more than {_mb(cap)} (a gzip bomb, or a file over the limit); "
        "refused — split it or raise the limit with --max-bytes",
        code=codes.TOO_LARGE,
    )


def _corrupt(err: Exception) -> InputError:
    return InputError(
        f"not a valid gzip file ({err}); compress it again with gzip",
        code=codes.UNREADABLE,
    )


def read_whole(path: Path, cap: int) -> bytes:
    """The decompressed bytes of ``path``, or InputError once they pass ``cap`` bytes."""
    out = bytearray()
    try:
        with gzip.open(path, "rb") as fh:
            while True:
                chunk = fh.read(min(_CHUNK, cap + 1 - len(out)))
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    raise _too_large(cap)
    except (OSError, EOFError, zlib.error) as err:
        if isinstance(err, FileNotFoundError | PermissionError):
            raise
        raise _corrupt(err) from None
    return bytes(out)


class _CappedLines:
    """A binary line reader over a gzip file that refuses to decompress past ``cap`` bytes."""

    def __init__(self, path: Path, cap: int, line_cap: int) -> None:
        self._fh: gzip.GzipFile = gzip.GzipFile(path, "rb")  # closed by __exit__
        self._cap = cap
        self._line_cap = line_cap
        self._seen = 0

    def _count(self, data: bytes) -> bytes:
        self._seen += len(data)
        if self._seen > self._cap:
            raise _too_large(self._cap)
        return data

    def read(self, n: int) -> bytes:
        try:
            return self._count(self._fh.read(min(n, self._cap + 1 - self._seen)))
        except (OSError, EOFError, zlib.error) as err:
            raise _corrupt(err) from None

    def seek(self, pos: int) -> None:
        if pos != 0:
            raise ValueError("only a rewind is supported")
        self._fh.seek(0)
        self._seen = 0

    def __iter__(self) -> _CappedLines:
        return self

    def __next__(self) -> bytes:
        try:
            # A limit on every read: a bomb that is one endless line is stopped at the cap.
            limit = min(self._cap + 1 - self._seen, self._line_cap + 1)
            line = self._fh.readline(limit)
        except (OSError, EOFError, zlib.error) as err:
            raise _corrupt(err) from None
        if not line:
            raise StopIteration
        if len(line) > self._line_cap:  # one row bigger than any row may be: stop here
            raise InputError(
                f"a line decompresses to more than {_mb(self._line_cap)}; refused — split it "
                "or raise the limit with --max-bytes",
                code=codes.TOO_LARGE,
            )
        return self._count(line)

    def __enter__(self) -> _CappedLines:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._fh.close()


def open_rows(path: Path, max_bytes: int) -> IO[bytes] | _CappedLines:
    """A binary file object for a row reader: capped decompression for ``.gz``."""
    if path.suffix.lower() == ".gz":
        # A row's text may be max_bytes; JSON escapes can double it, and the other fields
        # are small: a line over 4x the limit cannot hold an acceptable row.
        return _CappedLines(path, TABLE_FACTOR * max_bytes, LINE_FACTOR * max_bytes)
    return path.open("rb")
