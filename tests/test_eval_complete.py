"""Event precision on exhaustive gold documents (`events_complete`, docs/GOLD.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presswatch.errors import ConfigError
from presswatch.eval import GoldDoc, load_gold
from presswatch.eval.scoring import DocResult, score_events


def _ev(type_: str, source: list[str], target: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "type": type_,
        "source": source,
        "target": target,
        "date": None,
        "modality": "asserted",
        **extra,
    }


MEET = _ev("CONSULT", ["kristi-noem"], ["claudia-sheinbaum"])
THANK = _ev("SUPPORT", ["kristi-noem"], ["mexico"], key=False)
SEND = _ev("MOBILIZE", ["mexico"], [])
ASK = _ev("REQUEST", ["mexico"], ["united-states"])


def _results() -> list[DocResult]:
    # Exhaustive document: 3 gold events (one not a key event); 3 predictions, of which
    # two match (MEET, THANK) and one (ACCUSE) is a real false positive.
    complete = DocResult(
        gold=GoldDoc(
            doc="a.md", published="2025-03-29", events=(MEET, THANK, SEND), events_complete=True
        ),
        pred={"events": [MEET, THANK, _ev("ACCUSE", ["kristi-noem"], ["mexico"])]},
    )
    # Key events only: 1 gold event, 2 predictions (one matches); left out of complete_*.
    partial = DocResult(
        gold=GoldDoc(doc="b.md", published="2025-03-29", events=(ASK,)),
        pred={"events": [ASK, _ev("COERCE", ["mexico"], [])]},
    )
    return [complete, partial]


def test_complete_figures_count_only_exhaustive_documents() -> None:
    m = score_events(_results())
    assert m["complete_docs"] == 1
    assert m["complete_precision"] == pytest.approx(2 / 3)
    assert m["complete_recall"] == pytest.approx(2 / 3)
    assert m["complete_f1"] == pytest.approx(2 / 3)
    # The plain keys score key events only: MEET, SEND, ASK gold; MEET and ASK found
    # among 5 predictions (THANK matches no key event).
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["precision"] == pytest.approx(2 / 5)


def test_no_complete_document_leaves_the_keys_out() -> None:
    m = score_events(_results()[1:])
    assert not [k for k in m if k.startswith("complete_")]
    assert m["precision"] == pytest.approx(1 / 2)


@pytest.mark.parametrize(
    ("field", "needle"),
    [
        ("    events_complete: yes please\n", "document a.md.events_complete"),
        ("    events_complete: 1\n", "document a.md.events_complete"),
        (
            "    events: [{type: AGREE, source: [], target: [], key: maybe}]\n",
            "document a.md.events[0].key",
        ),
    ],
)
def test_non_boolean_flags_are_a_config_error(tmp_path: Path, field: str, needle: str) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(f"corpus: sample\ndocuments:\n  - doc: a.md\n{field}", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_gold(path)
    assert needle in str(info.value)
    assert "true or false" in str(info.value)


def test_events_complete_defaults_to_false(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(
        "corpus: sample\ndocuments:\n  - doc: a.md\n  - doc: b.md\n    events_complete: true\n",
        encoding="utf-8",
    )
    docs = load_gold(path).documents
    assert [d.events_complete for d in docs] == [False, True]


def test_held_out_documents_are_scored_on_their_own() -> None:
    tuned, key_only = _results()
    held = DocResult(
        gold=GoldDoc(
            doc="c.md",
            published="2025-03-29",
            events=(ASK, SEND),
            events_complete=True,
            held_out=True,
        ),
        pred={"events": [ASK, _ev("COERCE", ["mexico"], [])]},
    )
    m = score_events([tuned, key_only, held])
    # complete_* pool both exhaustive documents: 2 + 1 found of 3 + 2 gold, 3 + 2 predicted
    assert m["complete_docs"] == 2
    assert m["complete_recall"] == pytest.approx(3 / 5)
    assert m["complete_precision"] == pytest.approx(3 / 5)
    # heldout_complete_* only the held-out one: ASK found, SEND missed, COERCE extra
    assert m["heldout_complete_docs"] == 1
    assert m["heldout_complete_recall"] == pytest.approx(1 / 2)
    assert m["heldout_complete_precision"] == pytest.approx(1 / 2)
    assert "heldout_complete_f1" not in score_events([tuned, key_only])


def test_held_out_needs_exhaustive_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(
        "corpus: sample\ndocuments:\n  - doc: a.md\n    held_out: true\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_gold(path)
    assert "document a.md.held_out" in str(info.value)
    assert "events_complete: true" in str(info.value)
