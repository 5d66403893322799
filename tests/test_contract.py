"""The JSON contract: `presswatch analyze --json` over real text matches the shipped schema.

Beyond the schema, the contract's cross-field promises are checked: offsets point at
the text they claim, and every actor reference names an actor of the same article.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SCHEMA = json.loads(
    (resources.files("presswatch") / "schema" / "presswatch.schema.json").read_text("utf-8")
)


def check_document(doc: dict[str, Any], texts: dict[str, str] | None = None) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    for art in doc["articles"]:
        ids = {a["id"] for a in art["actors"]}
        text = texts.get(art["id"]) if texts else None
        for m in art["mentions"]:
            assert m["start"] < m["end"]
            if text is not None:
                assert text[m["start"] : m["end"]] == m["text"]
            assert m["actor"] is None or m["actor"] in ids, m
        for e in art["events"]:
            assert set(e["source"]) | set(e["target"]) <= ids, e
            if text is not None:
                assert text[e["start"] : e["end"]] == e["sentence"]
        for q in art["quotes"]:
            assert q["speaker"] is None or q["speaker"] in ids, q
            if text is not None:
                assert text[q["start"] : q["end"]] == q["text"]
        for kind in ("claims", "dates"):
            for r in art[kind]:
                if text is not None:
                    assert text[r["start"] : r["end"]] == r["text"], r
    article_ids = {a["id"] for a in doc["articles"]}
    for f in doc["findings"]:
        assert f["article"] in article_ids


def _texts(paths: list[Path]) -> dict[str, str]:
    from presswatch.core import iter_articles
    from presswatch.records import Article
    from presswatch.settings import Settings

    return {a.id: a.text for a in iter_articles(paths, Settings()) if isinstance(a, Article)}


def test_seeds_json_matches_schema(cli, shared: Path) -> None:
    seeds = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    res = cli("analyze", *map(str, seeds), "--json", "--quiet")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert len(doc["articles"]) == 2
    check_document(doc, _texts(seeds))
    # the pipeline really ran: spaCy's NER found the people the seeds are about
    mentioned = {m["text"] for a in doc["articles"] for m in a["mentions"]}
    assert {"Sheinbaum", "Trump"} <= mentioned


@pytest.mark.slow
def test_whitehouse_json_matches_schema(whitehouse_json: dict[str, Any], shared: Path) -> None:
    doc = whitehouse_json
    # 150 files, 4 of which are exact copies of others (same text under two sections)
    assert len(doc["articles"]) == 146
    check_document(doc, _texts([shared / "corpus" / "whitehouse"]))
    assert all(a["published"] and a["published_basis"] == "metadata" for a in doc["articles"])
    assert all(a["title"] for a in doc["articles"])


def test_schema_rejects_a_broken_document() -> None:
    bad = {"presswatch": "0.1.0", "articles": [{"id": "x"}], "findings": []}
    with pytest.raises(jsonschema.ValidationError):
        check_document(bad)
