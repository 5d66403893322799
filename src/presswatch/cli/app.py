"""The Typer app and what every command shares: output formats, errors, the console.

Data goes to stdout; progress, logs and errors to stderr.  Exit codes: 0 when
every input succeeded, 1 when some failed, 2 on usage errors.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from presswatch.records import Failure

app = typer.Typer(
    name="presswatch",
    help="Turn news articles into a checked, queryable record of who did what to whom, "
    "when and where.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

#: Everything for people (progress, logs, errors) goes to stderr.
err = Console(stderr=True, highlight=False, soft_wrap=True)
#: Readable reports go to stdout.
out = Console(highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    nl = "nl"


JSON_OPT = typer.Option(False, "--json", help="Print JSON instead of a table.")
CSV_OPT = typer.Option(False, "--csv", help="Print CSV instead of a table.")
NL_OPT = typer.Option(False, "--nl", help="Print newline-delimited JSON, one row per line.")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr.")


def pick_format(as_json: bool, as_csv: bool, as_nl: bool = False) -> Format:
    flags = ((Format.json, as_json), (Format.csv, as_csv), (Format.nl, as_nl))
    chosen = [f for f, on in flags if on]
    if len(chosen) > 1:
        usage_error("choose one of --json, --csv, --nl")
    return chosen[0] if chosen else Format.table


def usage_error(message: str) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(EXIT_USAGE)


def report_failures(failures: Iterable[Failure]) -> int:
    """One line per failed item on stderr; returns how many."""
    n = 0
    for f in failures:
        # one line, whatever the input put in the reason (a CSV header with control
        # characters or line separators, which str.splitlines would break on)
        line = " ".join(f"error: {f.item}: {f.reason}".split())
        err.print(f"{line} [{f.code}]", markup=False)
        n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return _ID_SEP.join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def emit_rows(
    rows: Sequence[dict[str, Any]], fmt: Format, columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:  # fmt: skip
    """Print rows as a table, JSON array, newline-delimited JSON or CSV on stdout."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is Format.nl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is Format.csv:
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return
    if not rows:
        err.print("no rows", markup=False)
        return
    cells = [[_clip(_cell(r.get(c))) for c in cols] for r in rows]
    widths = _widths(cols, cells, out.width)
    if not _fits(cols, cells, widths):
        _emit_records(cols, cells, title)
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for j, (c, width) in enumerate(zip(cols, widths, strict=True)):
        if width is None:  # prose: folds to fit
            table.add_column(c, overflow="fold")
        else:  # codes, dates, ids: one line, cut short with "…" only when narrow
            # (a list of ids, "united-states, canada", may take one line per id)
            listed = any(_ID_SEP in row[j] for row in cells)
            table.add_column(c, no_wrap=not listed, overflow="ellipsis", width=width)
    for row in cells:
        table.add_row(*row)
    out.print(table)


#: Longest cell shown in a table; --json, --csv and --nl always give the whole value.
TABLE_CELL_CHARS = 80
#: A column whose cells are all single words this short (types, modalities, dates, ids of
#: countries) is kept on one line; longer ones fold to fit the terminal.
SHORT_CELL_CHARS = 18
#: How a cell lists several ids (``_cell`` joins lists with it).
_ID_SEP = ", "
#: The narrowest a prose column (a sentence, a quote) is squeezed to: about three words.
PROSE_MIN_WIDTH = 16
#: Below this a short column (a type, a date: 10) is no longer readable: the rows are shown
#: as records instead of a table.
RECORD_MIN_WIDTH = 10


def _widths(cols: list[str], cells: list[list[str]], total: int) -> list[int | None]:
    """Widths for a table in a terminal ``total`` columns wide: a column of single short
    words (types, modalities, dates, ids) gets a fixed width, its longest cell, and the
    prose columns (None) fold in what is left.  When that leaves prose less than
    ``PROSE_MIN_WIDTH`` each, the widest short columns give up room first (a type or a
    date stays whole; a long id is cut with "…"), so a sentence never vanishes from an
    80-column terminal."""
    natural = _natural(cols, cells)
    # a list of ids ("united-states, canada", the source of a joint statement) is short
    # too, by its longest id: it wraps one id per line rather than squeezing the codes
    longest = [max([len(c), *(len(i) for row in cells for i in row[j].split(_ID_SEP))])
               for j, c in enumerate(cols)]  # fmt: skip
    short = [
        all(" " not in i for row in cells for i in row[j].split(_ID_SEP))
        and longest[j] <= SHORT_CELL_CHARS
        for j in range(len(cols))
    ]
    prose = short.count(False)
    room = total - (3 * len(cols) + 1) - PROSE_MIN_WIDTH * prose  # borders and padding
    fixed = sorted(w for w, s in zip(natural, short, strict=True) if s)
    cap = max(fixed, default=0)
    # the largest cap at which the short columns fit in the room left (water-filling)
    while cap > 3 and sum(min(w, cap) for w in fixed) > room:
        cap -= 1
    return [min(w, cap) if s else None for w, s in zip(natural, short, strict=True)]


def _natural(cols: list[str], cells: list[list[str]]) -> list[int]:
    """Each column's width with nothing cut: its header or its longest cell."""
    return [max([len(c), *(len(row[j]) for row in cells)]) for j, c in enumerate(cols)]


def _fits(cols: list[str], cells: list[list[str]], widths: list[int | None]) -> bool:
    """Whether a table is readable at these widths: every short column keeps at least
    ``RECORD_MIN_WIDTH`` characters (or all of itself).  Eight columns in an 80-column
    terminal cut the types and dates to "ty…", "da…": such rows are better shown as
    records (:func:`_emit_records`)."""
    natural = _natural(cols, cells)
    pairs = zip(widths, natural, strict=True)
    return all(w is None or w >= min(n, RECORD_MIN_WIDTH) for w, n in pairs)


def _emit_records(cols: list[str], cells: list[list[str]], title: str | None) -> None:
    """Rows one block each, a field per line ("type  CONSULT"), for a terminal too narrow
    for them as a table; values fold to the width, nothing is cut but a long cell."""
    if title:
        out.print(title, style="bold", markup=False)
    key_width = max(len(c) for c in cols)
    for n, row in enumerate(cells):
        if n:
            out.print()
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True, width=key_width)
        grid.add_column(overflow="fold")
        for c, v in zip(cols, row, strict=True):
            if v:
                grid.add_row(c, v)
        out.print(grid)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_CHARS else text[: TABLE_CELL_CHARS - 1] + "…"
