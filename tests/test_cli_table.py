"""The CLI's table layout: codes stay on one line, prose never vanishes."""

from __future__ import annotations

from typing import Any

from presswatch.cli.app import PROSE_MIN_WIDTH, _widths

COLS = ["date", "type", "source", "target", "modality", "trigger", "sentence"]
ROW = [
    "2025-03-28",
    "CONSULT",
    "united-states",
    "claudia-sheinbaum",
    "asserted",
    "met",
    "Noem met Sheinbaum in Mexico City on Friday to discuss security and migration.",
]


def test_a_wide_terminal_shows_every_code_whole() -> None:
    widths = _widths(COLS, [ROW], 160)
    assert widths[:-1] == [max(len(h), len(c)) for h, c in zip(COLS, ROW, strict=False)][:-1]
    assert widths[-1] is None  # the sentence folds


def test_a_narrow_terminal_leaves_the_sentence_room() -> None:
    widths = _widths(COLS, [ROW], 80)
    fixed = [w for w in widths if w is not None]
    assert sum(fixed) + 3 * len(COLS) + 1 + PROSE_MIN_WIDTH <= 80
    # the widest columns gave up room first: the type and the trigger are still whole
    assert widths[1] == len("CONSULT") and widths[5] == len("trigger")
    assert widths[3] is not None and widths[3] < len("claudia-sheinbaum")


def test_a_list_of_ids_is_short_by_its_longest_id_and_does_not_squeeze_the_codes() -> None:
    row = [*ROW[:2], "united-states, canada", *ROW[3:]]
    widths = _widths(COLS, [row], 80)
    assert widths[2] is not None  # not prose: it takes part in sharing the room
    assert widths[1] == len("CONSULT")  # the type stays whole
    assert _widths(COLS, [row], 160)[2] == len("united-states, canada")  # one line when wide


def test_rows_too_wide_for_the_terminal_are_shown_as_records(monkeypatch: Any) -> None:
    import importlib
    import io

    from rich.console import Console

    app = importlib.import_module("presswatch.cli.app")  # the package exports a Typer "app"

    cols = ["date", "type", "mode", "source", "target", "modality", "trigger", "sentence"]
    row = dict(zip(cols, ["2025-03-28", "COOPERATE", "intelligence", "united-states",
                          "claudia-sheinbaum", "hypothetical", "share information",
                          ROW[-1]], strict=True))  # fmt: skip
    buf = io.StringIO()
    monkeypatch.setattr(app, "out", Console(file=buf, width=80, highlight=False))
    app.emit_rows([row, {**row, "mode": ""}], app.Format.table, cols)
    lines = [ln.rstrip() for ln in buf.getvalue().splitlines()]
    # every code whole, one field a line, an empty field left out, a blank line between rows
    for c in ("date", "type", "modality"):
        assert f"{c:<8}  {row[c]}" in lines, lines
    assert sum(ln.startswith("mode ") for ln in lines) == 1 and "" in lines
    assert all(len(ln) <= 80 for ln in lines)
    # the same rows in a wide terminal stay a table
    buf.seek(0), buf.truncate()
    monkeypatch.setattr(app, "out", Console(file=buf, width=200, highlight=False))
    app.emit_rows([row], app.Format.table, cols)
    assert "┃ date" in buf.getvalue() and "COOPERATE" in buf.getvalue()
