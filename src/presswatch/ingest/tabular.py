"""JSONL and CSV files: one article per row.

Rows are read one at a time (a table may be far larger than one article), so
the size limit applies to each row's text, not to the file.  A bad row becomes
a Failure named ``<file> line <n>`` (the line where the row starts) and the
other rows go on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.ingest.compressed import open_rows
from presswatch.ingest.decode import check_not_binary, detect
from presswatch.ingest.fields import build_article
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = ["read_csv_file", "read_jsonl_file"]

#: Bytes read ahead to choose a CSV file's encoding.
_HEAD_BYTES = 65536
STAGE = "ingest"


def _row_article(
    row: Mapping[str, Any], item: str, path: Path, settings: Settings, defaults: Mapping[str, Any]
) -> Article | Failure:
    text = row.get("text")
    if text is None:
        return Failure(
            item,
            STAGE,
            codes.ROW_TEXT,
            "no 'text' field; give every row a non-empty \"text\" string",
        )
    if not isinstance(text, str):
        return Failure(
            item,
            STAGE,
            codes.ROW_TEXT,
            f"'text' is {json_kind(text)}, not a string; give every row a "
            'non-empty "text" string',
        )
    if not text.strip():
        return Failure(
            item, STAGE, codes.ROW_TEXT, "'text' is empty; give the row its text or remove the row"
        )
    size = len(text.encode("utf-8"))
    if size > settings.max_bytes:
        return Failure(
            item,
            STAGE,
            codes.TOO_LARGE,
            f"the text is {_mb(size)}, over the {_mb(settings.max_bytes)} limit; split it "
            "or raise the limit with --max-bytes",
        )
    try:
        return build_article(
            text, row, settings, path=path, defaults=defaults, supplied_id=row.get("id")
        )
    except InputError as err:
        return Failure(item, STAGE, err.code, err.message)


def json_kind(value: Any) -> str:
    """How JSON would name the value's type, with an article: 'an array', 'a number'."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {list: "an array", dict: "an object", str: "a string", type(None): "null"}.get(
        type(value), f"a {type(value).__name__}"
    )


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def read_jsonl_file(
    path: Path, settings: Settings, defaults: Mapping[str, Any]
) -> Iterator[Article | Failure]:
    rows = 0
    with open_rows(path, settings.max_bytes) as fh:  # .jsonl.gz: capped decompression
        check_not_binary(fh.read(8192))
        fh.seek(0)
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            rows += 1
            item = f"{path} line {lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Failure(
                    item,
                    STAGE,
                    codes.UNDECODABLE,
                    "the line is not UTF-8; re-save the file as UTF-8",
                )
                continue
            try:
                obj = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as err:
                yield Failure(
                    item,
                    STAGE,
                    codes.JSONL_SYNTAX,
                    f"not valid JSON ({err.msg.removesuffix(' at')} at column {err.colno}); "
                    "fix or remove the line",
                )
                continue
            if not isinstance(obj, dict):
                kind = json_kind(obj)
                yield Failure(
                    item,
                    STAGE,
                    codes.JSONL_NOT_OBJECT,
                    f"the line is {kind}, not a JSON object; write one object per "
                    'line, like {"text": "…", "title": "…"}',
                )
                continue
            yield _row_article(obj, item, path, settings, defaults)
    if not rows:
        raise InputError("the file has no rows; add one JSON object per line", code=codes.EMPTY)


def _csv_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the head decodes as UTF-8, else a detected encoding."""
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            head[: len(head) - cut].decode("utf-8")
            return "utf-8-sig"
        except UnicodeDecodeError:
            continue
    return detect(head)[1]  # raises UNDECODABLE when no encoding fits


def read_csv_file(
    path: Path, settings: Settings, defaults: Mapping[str, Any]
) -> Iterator[Article | Failure]:
    with path.open("rb") as fb:
        head = fb.read(_HEAD_BYTES)
    check_not_binary(head)
    encoding = _csv_encoding(head)
    # The csv module refuses fields over 128 KB by default; articles are longer.  Allow
    # twice the text limit so an oversized row is reported as too large, not as bad CSV.
    # (The limit is process-wide state in the csv module; it only ever grows here.)
    csv.field_size_limit(max(csv.field_size_limit(), 2 * settings.max_bytes))
    rows = 0
    with path.open("r", encoding=encoding, newline="") as fh:
        # strict: an unbalanced quote is an error, not the rest of the file swallowed into a field
        reader = csv.reader(fh, strict=True)
        start = 1
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(
                    "the file has no rows; add a header row with a 'text' column "
                    "and one row per article",
                    code=codes.EMPTY,
                )
            columns = [h.strip().lstrip("\ufeff").lower() for h in header]
            if "text" not in columns:
                shown = ", ".join(c for c in columns[:8] if c) or "none"
                raise InputError(
                    f"no 'text' column (columns: {shown}); add a header row with a 'text' column",
                    code=codes.CSV_NO_TEXT,
                )
            start = reader.line_num + 1
            for cells in reader:
                item = f"{path} line {start}"
                start = reader.line_num + 1
                if not any(c.strip() for c in cells):
                    continue
                rows += 1
                row = {c: v for c, v in zip(columns, cells, strict=False) if c}
                yield _row_article(row, item, path, settings, defaults)
        except csv.Error as err:
            if "field larger than field limit" in str(err):
                yield Failure(
                    f"{path} line {start}",
                    STAGE,
                    codes.TOO_LARGE,
                    f"a field is over {_mb(2 * settings.max_bytes)}; this row and the "
                    "rest of the file are skipped — split the file or raise the limit "
                    "with --max-bytes",
                )
            else:
                yield Failure(
                    f"{path} line {start}",
                    STAGE,
                    codes.CSV_SYNTAX,
                    f"malformed CSV ({err}); this row and the rest of the file are "
                    "skipped — fix the quoting or export the file again as CSV",
                )
            return
        except UnicodeDecodeError:
            yield Failure(
                f"{path} line {start}",
                STAGE,
                codes.UNDECODABLE,
                f"not valid {encoding} text; this row and the rest of the file are "
                "skipped — re-save the file as UTF-8",
            )
            return
    if not rows:
        raise InputError(
            "the file has a header but no rows; add one row per article", code=codes.EMPTY
        )
