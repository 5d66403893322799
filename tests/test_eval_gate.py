"""The scored gate: every metric named in tests/floors/*.json must reach its floor.

A floor file maps "corpus/extractor/metric" to the lowest acceptable value
(see tests/floors/README.md).  Each corpus named in any floor file is analysed
once per session, with the session's pipeline, and every floor is its own test
so that a failure names the metric, the floor and the measured value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from presswatch.eval import CORPORA, SCORERS, EvalContext, Metrics, corpus_names, evaluate

FLOORS_DIR = Path(__file__).resolve().parent / "floors"


def _load_floors() -> dict[str, tuple[float, str]]:
    floors: dict[str, tuple[float, str]] = {}
    for path in sorted(FLOORS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: a floor file is one JSON object of key -> number")
        for key, value in data.items():
            if key in floors:
                raise ValueError(f"{path.name}: {key} is already floored in {floors[key][1]}")
            floors[key] = (value, path.name)
    return floors


FLOORS = _load_floors()


def test_floor_files_are_well_formed() -> None:
    corpora = set(corpus_names())
    for key, (value, fname) in FLOORS.items():
        parts = key.split("/")
        assert len(parts) == 3, f"{fname}: {key!r} must be corpus/extractor/metric"
        assert parts[0] in corpora, f"{fname}: {key!r}: unknown corpus {parts[0]!r}"
        # Gold corpora use the scorers' names; a corpus-level evaluator names its own.
        if parts[0] in CORPORA:
            assert parts[1] in SCORERS, f"{fname}: {key!r}: unknown extractor {parts[1]!r}"
        assert isinstance(value, (int, float)) and value >= 0, f"{fname}: {key!r}: floor {value!r}"


@pytest.fixture(scope="session")
def measured(nlp, shared: Path) -> Callable[[str], Metrics]:  # type: ignore[no-untyped-def]
    """Metrics per corpus, computed on first use and kept for the session."""
    ctx = EvalContext(shared=shared, pipeline=nlp)
    cache: dict[str, Metrics] = {}

    def get(corpus: str) -> Metrics:
        if corpus not in cache:
            cache[corpus] = evaluate([corpus], ctx)[corpus]
        return cache[corpus]

    return get


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_metric_reaches_its_floor(key: str, measured: Callable[[str], Metrics]) -> None:
    floor, fname = FLOORS[key]
    corpus, extractor, metric = key.split("/")
    metrics = measured(corpus).get(extractor, {})
    assert metric in metrics, f"{key} ({fname}): no such metric; {extractor} has {sorted(metrics)}"
    value = metrics[metric]
    assert value >= floor, f"{key} ({fname}): measured {value:.4f} is below the floor {floor}"
