"""The codebook sentences (src/presswatch/data/gold/codebook.yaml): well formed, every
codebook row covered once in each split, and the coder's figures at their floors."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from presswatch.eval import codebook
from presswatch.eval.gold import EVENT_TYPES

CODEBOOK_CSV = Path("reference/plover/PLOVER_structured_codebook_updated.csv")
MODALITIES = {"asserted", "negated", "future", "hypothetical", "historical"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w'-]+", text.lower()))


def _items() -> list[dict[str, Any]]:
    data = yaml.safe_load(codebook.GOLD_FILE.read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = data["sentences"]
    return items


def test_every_codebook_row_twice_once_per_split(shared: Path) -> None:
    with (shared / CODEBOOK_CSV).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    items = _items()
    assert Counter(i["row"] for i in items) == Counter({r: 2 for r in range(len(rows))})
    for r in range(len(rows)):
        pair = [i for i in items if i["row"] == r]
        assert {i["variant"] for i in pair} == {"a", "b"}
        assert {i["split"] for i in pair} == {"dev", "test"}, f"row {r}"
        want = rows[r]["event"] + (f"/{rows[r]['mode']}" if rows[r]["mode"] else "")
        for i in pair:
            assert i["codebook"] == want, f"row {r}{i['variant']}: {i['codebook']} != {want}"
            assert i["events"][0]["type"] == rows[r]["event"], f"row {r}{i['variant']}"


def test_labels_use_plover_types_and_country_codes(shared: Path) -> None:
    with (shared / "reference/plover/countries.csv").open(encoding="utf-8") as fh:
        codes = {row["CCA3"] for row in csv.DictReader(fh)} | {"IGO", "NGO"}
    texts = set()
    for i in _items():
        assert i["text"] not in texts, f"row {i['row']}{i['variant']}: the same text twice"
        texts.add(i["text"])
        for e in i["events"]:
            where = f"row {i['row']}{i['variant']}"
            assert e["type"] in EVENT_TYPES, where
            assert e["modality"] in MODALITIES, where
            assert set(e["source"]) | set(e["target"]) <= codes, where
            # a trigger may be discontinuous ("offered [on Monday] to cooperate")
            assert _words(e["trigger"]) <= _words(i["text"]), f"{where}: {e['trigger']!r}"


def test_loaded_gold_keeps_the_main_event_apart() -> None:
    """Recall counts the row's event; the other events only excuse a prediction."""
    loaded = codebook.load_codebook()
    assert len(loaded) == len(_items())
    first = next(c for c in loaded if c.row == 0 and c.variant == "a").sentence
    assert first.types == {"AGREE"} and "AGREE" not in first.also
    assert all(len(c.sentence.types) == 1 for c in loaded)
