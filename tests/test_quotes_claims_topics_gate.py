"""Scored gate for quotes, claims and topics against the gold (floors may only go up)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = Path(__file__).parent / "floors" / "quotes_claims_topics.json"
#: Floor key metric -> the scorer's metric name.
ALIASES = {"found_f1": "f1", "found_recall": "recall", "found_precision": "precision"}


@pytest.fixture(scope="module")
def metrics(nlp, shared: Path) -> dict[str, dict[str, dict[str, float]]]:  # type: ignore[no-untyped-def]
    from presswatch.eval.runner import EvalContext, score_corpus

    ctx = EvalContext(shared=shared, pipeline=nlp)
    return {
        corpus: score_corpus(corpus, ctx, ["quotes", "claims", "topics"])
        for corpus in ("sample", "seeds")
    }


def test_floors(metrics: dict[str, dict[str, dict[str, float]]]) -> None:
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))
    low = []
    for key, floor in floors.items():
        corpus, extractor, metric = key.split("/")
        got = metrics[corpus][extractor][ALIASES.get(metric, metric)]
        if got + 1e-9 < floor:
            low.append(f"{key}: {got:.3f} < floor {floor:.3f}")
    assert not low, "below the pinned floors:\n" + "\n".join(low)
