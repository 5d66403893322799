"""Scored gate: the temporal tagger on MEANTIME (English) must stay at or above its floors.

The floors in tests/floors/dates.json may only go up.  For reference, on
TempEval-3's news test set HeidelTime reached value F1 0.776 and strict F1
0.813 (SUTime: value F1 0.674); docs/EVALUATION.md has the current figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presswatch.eval.meantime import CORPUS_SUBDIR, load_corpus, score, tag

FLOORS = Path(__file__).parent / "floors" / "dates.json"
#: HeidelTime on the TempEval-3 news test set (UzZaman et al. 2013).
HEIDELTIME = {"value_f1": 0.776, "strict_f1": 0.813}


@pytest.fixture(scope="module")
def metrics(nlp: Any, shared: Path) -> dict[str, float]:
    docs = load_corpus(shared / CORPUS_SUBDIR)
    assert len(docs) == 120
    others = [n for n in nlp.pipe_names if n.startswith("pw_") and n != "pw_dates"]
    with nlp.select_pipes(disable=others):
        return score(list(tag(nlp, docs)))


def test_meantime_floors(metrics: dict[str, float]) -> None:
    floors = json.loads(FLOORS.read_text("utf-8"))
    for key, floor in floors.items():
        corpus, area, metric = key.split("/")
        assert (corpus, area) == ("meantime", "dates")
        assert metrics[metric] >= floor, f"{key}: {metrics[metric]} < floor {floor}"


def test_meantime_beats_heideltime(metrics: dict[str, float]) -> None:
    for metric, reference in HEIDELTIME.items():
        assert metrics[metric] > reference, f"{metric} {metrics[metric]} <= {reference}"


def test_meantime_gold_excludes_the_dct(shared: Path) -> None:
    docs = load_corpus(shared / CORPUS_SUBDIR)
    assert all(d.dct is not None for d in docs)
    for d in docs:
        if d.dct_span:
            assert not any(g.start < d.dct_span[1] and d.dct_span[0] < g.end for g in d.gold)
