"""The evaluation harness: scorers on hand-built predictions, gold validation, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from presswatch.errors import ConfigError
from presswatch.eval import CORPORA, GoldDoc, gold_path, load_gold
from presswatch.eval.scoring import (
    DocResult,
    score_actors,
    score_claims,
    score_dates,
    score_events,
    score_findings,
    score_quotes,
    score_topics,
)

TEXT = (
    'Noem met Sheinbaum on Friday. "We had a very good meeting," Sheinbaum said. '
    "Mexico sent 10,000 troops."
)

GOLD = GoldDoc(
    doc="x.md",
    published="2025-03-29",
    actors=("kristi-noem", "claudia-sheinbaum", "mexico"),
    mentions=(
        {"text": "Noem", "actor": "kristi-noem"},
        {"text": "Sheinbaum", "actor": "claudia-sheinbaum"},
    ),
    dates=({"text": "Friday", "value": "2025-03-28"},),
    events=(
        {
            "type": "CONSULT",
            "source": ["kristi-noem"],
            "target": ["claudia-sheinbaum"],
            "date": "2025-03-28",
            "modality": "asserted",
        },
        {
            "type": "MOBILIZE",
            "source": ["mexico"],
            "target": [],
            "date": None,
            "modality": "asserted",
        },
    ),
    quotes=(
        {"text": "We had a very good meeting", "speaker": "claudia-sheinbaum", "kind": "direct"},
    ),
    claims=({"text": "10,000", "value": 10000, "measure": "personnel", "subject": "mexico"},),
    topics=("diplomacy", "security"),
    findings=({"kind": "title_mismatch", "actor": "kristi-noem"},),
)


def perfect() -> dict[str, Any]:
    return {
        "actors": [{"id": a} for a in GOLD.actors],
        "mentions": [
            {"text": "Noem", "actor": "kristi-noem", "start": 0, "end": 4},
            {"text": "Sheinbaum", "actor": "claudia-sheinbaum", "start": 9, "end": 18},
        ],
        "dates": [{"text": "Friday", "start": 22, "end": 28, "value": "2025-03-28"}],
        "events": [
            {
                "type": "CONSULT",
                "source": ["kristi-noem"],
                "target": ["claudia-sheinbaum"],
                "date": "2025-03-28",
                "modality": "asserted",
            },
            {
                "type": "MOBILIZE",
                "source": ["mexico"],
                "target": [],
                "date": None,
                "modality": "asserted",
            },
        ],
        "quotes": [
            {
                "text": "We had a very good meeting,",
                "speaker": "claudia-sheinbaum",
                "kind": "direct",
            }
        ],
        "claims": [
            {"text": "10,000 troops", "value": 10000.0, "measure": "Personnel", "subject": "mexico"}
        ],
        "topics": [{"id": "diplomacy", "score": 0.9}, {"id": "security.cartels", "score": 0.6}],
    }


PERFECT_FINDINGS = [{"kind": "title_mismatch", "actor": "kristi-noem", "article": "a"}]
SCORERS = {
    "actors": score_actors,
    "dates": score_dates,
    "events": score_events,
    "quotes": score_quotes,
    "claims": score_claims,
    "topics": score_topics,
    "findings": score_findings,
}


def run(
    name: str, pred: dict[str, Any], findings: list[dict[str, Any]] | None = None
) -> dict[str, float]:
    doc = DocResult(
        gold=GOLD, pred=pred, findings=PERFECT_FINDINGS if findings is None else findings, text=TEXT
    )
    return SCORERS[name]([doc])


@pytest.mark.parametrize("name", list(SCORERS))
def test_perfect_prediction_scores_one(name: str) -> None:
    m = run(name, perfect())
    assert (m["precision"], m["recall"], m["f1"]) == (1.0, 1.0, 1.0), m
    for key, value in m.items():
        if key.endswith(("accuracy", "_f1", "mention_recall")):
            assert value == 1.0, (key, m)


@pytest.mark.parametrize("name", ["actors", "dates", "events", "quotes", "claims", "topics"])
def test_missing_item_lowers_recall_only(name: str) -> None:
    pred = perfect()
    pred[name] = pred[name][:-1]
    m = run(name, pred)
    assert m["recall"] < 1.0
    # With nothing predicted at all, precision is 0 by convention (0/0).
    assert m["precision"] == (1.0 if pred[name] else 0.0)


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("actors", {"id": "donald-trump"}),
        ("dates", {"text": "Tuesday", "start": 60, "end": 67, "value": "2025-03-25"}),
        (
            "events",
            {"type": "ACCUSE", "source": ["mexico"], "target": ["kristi-noem"], "date": None},
        ),
        ("quotes", {"text": "an invented line", "speaker": "kristi-noem", "kind": "direct"}),
        ("claims", {"text": "5", "value": 5, "measure": "hours"}),
        ("topics", {"id": "trade.tariffs", "score": 0.7}),
    ],
)
def test_extra_item_lowers_precision_only(name: str, extra: dict[str, Any]) -> None:
    pred = perfect()
    pred[name] = [*pred[name], extra]
    m = run(name, pred)
    assert m["precision"] < 1.0
    assert m["recall"] == 1.0


def test_findings_missing_and_extra() -> None:
    assert run("findings", {}, findings=[])["recall"] == 0.0
    extra = [*PERFECT_FINDINGS, {"kind": "role_anachronism", "actor": "donald-trump"}]
    m = run("findings", {}, findings=extra)
    assert m["precision"] == 0.5 and m["recall"] == 1.0
    wrong_actor = [{"kind": "title_mismatch", "actor": "marco-rubio"}]
    assert run("findings", {}, findings=wrong_actor)["f1"] == 0.0


def test_findings_clean_rate_counts_false_alarms_on_correct_texts() -> None:
    clean = GoldDoc(doc="ok.md", published="2025-01-01")
    quiet = DocResult(gold=clean, pred={}, findings=[])
    noisy = DocResult(gold=clean, pred={}, findings=[{"kind": "title_mismatch", "actor": "x"}])
    assert score_findings([quiet, quiet])["clean_rate"] == 1.0
    assert score_findings([quiet, noisy])["clean_rate"] == 0.5


def test_wrong_speaker_lowers_speaker_accuracy_not_recall() -> None:
    pred = perfect()
    pred["quotes"] = [{**pred["quotes"][0], "speaker": "kristi-noem"}]
    m = run("quotes", pred)
    assert m["recall"] == 1.0
    assert m["speaker_accuracy"] == 0.0


def test_quote_needs_half_of_the_gold_words() -> None:
    pred = perfect()
    pred["quotes"] = [{"text": "a very", "speaker": "claudia-sheinbaum", "kind": "direct"}]
    assert run("quotes", pred)["recall"] == 0.0


def test_wrong_date_value_counts_span_not_value() -> None:
    pred = perfect()
    pred["dates"] = [{**pred["dates"][0], "value": "2025-03-21"}]
    m = run("dates", pred)
    assert m["recall"] == 1.0
    assert m["value_recall"] == 0.0 and m["value_accuracy"] == 0.0


def test_event_date_only_matters_for_strict() -> None:
    pred = perfect()
    pred["events"][0] = {**pred["events"][0], "date": "2025-01-01"}
    m = run("events", pred)
    assert m["f1"] == 1.0
    assert m["strict_recall"] == 0.5  # only the undated MOBILIZE event still matches


def test_wrong_actor_link_lowers_link_accuracy() -> None:
    pred = perfect()
    pred["mentions"] = [{**m, "actor": None} for m in pred["mentions"]]
    m = run("actors", pred)
    assert m["mention_recall"] == 1.0
    assert m["mention_link_accuracy"] == 0.0


def test_claim_measure_mismatch_keeps_value_match() -> None:
    pred = perfect()
    pred["claims"] = [{**pred["claims"][0], "measure": "dollars", "subject": "united-states"}]
    m = run("claims", pred)
    assert m["recall"] == 0.0 and m["value_recall"] == 1.0
    assert m["subject_accuracy"] == 0.0


def test_topic_top1_and_threshold() -> None:
    pred = perfect()
    pred["topics"] = [{"id": "trade.tariffs", "score": 0.8}, {"id": "diplomacy", "score": 0.4}]
    m = run("topics", pred)
    assert m["top1_accuracy"] == 0.0
    assert m["recall"] == 0.0  # diplomacy scored under the threshold


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_shipped_gold_files_are_valid(corpus: str) -> None:
    gold = load_gold(gold_path(corpus))
    assert gold.corpus == corpus
    assert gold.documents
    assert all(d.published for d in gold.documents)


def test_sample_gold_covers_every_sample_article(repo: Path) -> None:
    # English sample articles are scored as "sample"; the Spanish ones ("NN-es-…") as part
    # of "spanish", whose gold paths are relative to data/
    names = {p.name for p in (repo / "src/presswatch/data/sample").glob("*.md")}
    english = {d.doc for d in load_gold(gold_path("sample")).documents}
    spanish = {
        d.doc.removeprefix("sample/")
        for d in load_gold(gold_path("spanish")).documents
        if d.doc.startswith("sample/")
    }
    assert english | spanish == names and not english & spanish
    assert spanish and all("-es-" in n for n in spanish)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("corpus: sample\n", "missing documents"),
        ("corpus: nope\ndocuments: []\n", "corpus"),
        (
            "corpus: sample\ndocuments:\n  - doc: a.md\n"
            "    events: [{type: HUG, source: [], target: []}]\n",
            "unknown event type 'HUG'",
        ),
        ("corpus: sample\ndocuments:\n  - doc: a.md\n    quotes: [{text: x}]\n", "missing speaker"),
        (
            "corpus: sample\ndocuments:\n  - doc: a.md\n    claims: [{text: x, value: many}]\n",
            "must be a number",
        ),
        (
            "corpus: sample\ndocuments:\n  - doc: a.md\n    colour: blue\n",
            "unknown field(s) colour",
        ),
        ("corpus: sample\ndocuments: [\n", "malformed YAML"),
    ],
)
def test_malformed_gold_is_a_clear_error(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_gold(path)
    assert needle in str(info.value)
    assert str(path) in str(info.value)


def test_cli_eval_seeds_json(cli, shared: Path) -> None:  # type: ignore[no-untyped-def]
    # The two seeds keep this end-to-end run short; the gate covers the larger corpora.
    res = cli(
        "eval", "--corpus", "seeds", "--shared", str(shared),
        "--extractor", "actors", "--extractor", "quotes", "--json",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert set(data) == {"seeds"} and set(data["seeds"]) == {"actors", "quotes"}
    assert data["seeds"]["actors"]["documents"] == 2
    assert 0.0 <= data["seeds"]["actors"]["f1"] <= 1.0


def test_cli_eval_missing_shared_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = cli("eval", "--corpus", "seeds", "--shared", str(tmp_path / "nowhere"))
    assert res.returncode == 2
    assert "shared data not found" in res.stderr and "--shared" in res.stderr
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_cli_eval_unknown_names(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("eval", "--corpus", "bogus")
    assert res.returncode == 2 and "unknown corpus 'bogus'" in res.stderr
    res = cli("eval", "--corpus", "sample", "--extractor", "vibes")
    assert res.returncode == 2 and "unknown extractor 'vibes'" in res.stderr


def test_cli_eval_table_marks_metrics_a_corpus_does_not_have(cli, shared: Path) -> None:  # type: ignore[no-untyped-def]
    # the PLOVER sentences give type recall/precision, no precision/recall/F1: the table
    # says "—" there (it said 0.00), and counts are whole numbers
    res = cli("eval", "--corpus", "plover", "--shared", str(shared))
    assert res.returncode == 0, res.stderr
    row = next(ln for ln in res.stdout.splitlines() if "│ plover" in ln and "events " in ln)
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert cells[2:5] == ["—", "—", "—"], cells
    assert "0.00" not in row and "sentences=32" in res.stdout
    assert re.search(r"type_recall=0\.\d\d", res.stdout)
