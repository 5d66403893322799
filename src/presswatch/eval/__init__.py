"""Evaluation: gold annotations, scorers per extractor, and corpus-level evaluators.

``evaluate(["sample", "seeds"], ctx)`` analyses each corpus once and returns
``{corpus: {extractor: {metric: value}}}``.  ``presswatch eval`` prints it and
``tests/test_eval_gate.py`` checks it against the floors in ``tests/floors``.

Adding a corpus-level evaluator (e.g. MEANTIME for dates, the PLOVER gold
records for events): write ``def evaluate(ctx: EvalContext) -> Metrics`` in
your own module, returning ``{extractor: {metric: value}}``, and register it
here with one line, imported lazily so that ``presswatch`` starts fast::

    EVALUATORS["meantime"] = lazy("presswatch.eval.meantime:evaluate")

``ctx.shared_dir()`` gives ../shared (or a clear error), ``ctx.nlp()`` the
pipeline, loaded once per run.  The name becomes a ``--corpus`` choice and the
first part of its floor keys (``meantime/dates/value_f1``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from presswatch.errors import ConfigError
from presswatch.eval.gold import Gold, GoldDoc, load_gold
from presswatch.eval.runner import (
    CORPORA,
    EvalContext,
    Evaluator,
    Metrics,
    gold_path,
    run_corpus,
    score_corpus,
)
from presswatch.eval.scoring import SCORERS, DocResult

__all__ = [
    "CORPORA",
    "EVALUATORS",
    "SCORERS",
    "DocResult",
    "EvalContext",
    "Evaluator",
    "Gold",
    "GoldDoc",
    "Metrics",
    "corpus_names",
    "evaluate",
    "gold_path",
    "lazy",
    "load_gold",
    "run_corpus",
    "score_corpus",
]


def lazy(spec: str) -> Evaluator:
    """An evaluator given as "module:function", imported on first use."""
    module, _, func = spec.partition(":")

    def call(ctx: EvalContext) -> Metrics:
        result: Metrics = getattr(importlib.import_module(module), func)(ctx)
        return result

    return call


#: Corpus-level evaluators beyond the gold files: name -> evaluator (one line each).
EVALUATORS: dict[str, Evaluator] = {}
EVALUATORS["meantime"] = lazy("presswatch.eval.meantime:evaluate")
EVALUATORS["plover"] = lazy("presswatch.eval.plover:evaluate")
EVALUATORS["codebook"] = lazy("presswatch.eval.codebook:evaluate")


def corpus_names() -> list[str]:
    """Every name ``--corpus`` accepts (besides ``all``)."""
    return [*CORPORA, *EVALUATORS]


def evaluate(
    corpora: Iterable[str], ctx: EvalContext, extractors: Iterable[str] | None = None
) -> dict[str, Metrics]:
    """Score each corpus once: ``{corpus: {extractor: {metric: value}}}``."""
    wanted = list(extractors) if extractors is not None else None
    for e in wanted or []:
        if e not in SCORERS:
            raise ConfigError(f"unknown extractor {e!r}; use one of {', '.join(SCORERS)}")
    out: dict[str, Metrics] = {}
    for name in corpora:
        if name in CORPORA:
            scorable = [e for e in wanted if e in SCORERS] if wanted is not None else None
            metrics = score_corpus(name, ctx, scorable)
        elif name in EVALUATORS:
            metrics = EVALUATORS[name](ctx)
            if wanted is not None:
                metrics = {k: v for k, v in metrics.items() if k in wanted}
        else:
            raise ConfigError(
                f"unknown corpus {name!r}; use one of {', '.join(corpus_names())}, all"
            )
        out[name] = metrics
    return out
