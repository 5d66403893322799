"""``presswatch eval``: score presswatch against the gold corpora (docs/EVALUATION.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from presswatch.cli.app import app, err, out, report_failures, usage_error
from presswatch.errors import ConfigError
from presswatch.eval import CORPORA, SCORERS, EvalContext, corpus_names, evaluate

_EXTRACTOR_HELP = f"Only these extractors ({', '.join(SCORERS)}); repeatable."
#: Columns every extractor has; the rest of its metrics go into "other".
_MAIN = ("precision", "recall", "f1")


@app.command("eval")
def eval_command(
    corpus: str = typer.Option(
        "all",
        "--corpus",
        "-c",
        help="sample, seeds, whitehouse, a registered evaluator (meantime, plover, …) or all.",
    ),
    extractor: list[str] = typer.Option(  # noqa: B008 - typer declares options this way
        [],
        "--extractor",
        "-e",
        help=_EXTRACTOR_HELP,
    ),
    shared: Path = typer.Option(  # noqa: B008 - typer declares options this way
        Path("../shared"),
        "--shared",
        help="The shared data directory (holds corpus/).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """Score each extractor against gold: precision, recall and F1 per corpus.

    Example: presswatch eval --corpus sample --extractor dates
    """
    names = corpus_names()
    if corpus != "all" and corpus not in names:
        usage_error(f"unknown corpus {corpus!r}; use one of {', '.join(names)}, all")
    unknown = [e for e in extractor if e not in SCORERS]
    if unknown:
        usage_error(f"unknown extractor {unknown[0]!r}; use one of {', '.join(SCORERS)}")
    chosen = names if corpus == "all" else [corpus]
    ctx = EvalContext(shared=shared)
    # corpora shipped in the package (sample, spanish) need no shared data
    if any(c not in CORPORA or CORPORA[c].shared_subdir for c in chosen):
        try:
            ctx.shared_dir()
        except ConfigError as e:
            usage_error(str(e))
    err.print(f"evaluating {', '.join(chosen)} …", markup=False)
    results = evaluate(chosen, ctx, extractor or None)
    for failures in ctx.failures.values():
        report_failures(failures)
    if as_json:
        sys.stdout.write(json.dumps(results, indent=2, sort_keys=True) + "\n")
        return
    from rich.table import Table

    table = Table(title="presswatch eval", header_style="bold")
    for col in ("corpus", "extractor", *_MAIN, "other"):
        table.add_column(col, overflow="fold")
    for cname, per_extractor in results.items():
        for ename, metrics in per_extractor.items():
            # one metric per line: a narrow terminal folds lines, not names mid-word
            other = "\n".join(_metric(k, v) for k, v in metrics.items() if k not in _MAIN)
            # a scorer without precision/recall/F1 (the PLOVER sentences give type recall
            # and precision) shows "—" there, not a score of 0.00
            main = (f"{metrics[k]:.2f}" if k in metrics else "—" for k in _MAIN)
            table.add_row(cname, ename, *main, other)
    out.print(table)


def _metric(name: str, value: float) -> str:
    """ "recall=0.84"; a count as a whole number ("docs=21", "sentences=32")."""
    if name == "documents":
        return f"docs={value:g}"
    if name == "sentences" or name.endswith("_docs"):
        return f"{name}={value:g}"
    return f"{name}={value:.2f}"
