"""The shipped sample corpus: well-formed, short, dated, and readable by ingest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from presswatch.core import iter_articles
from presswatch.records import Article
from presswatch.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "presswatch" / "data" / "sample"
FILES = sorted(SAMPLE.glob("*.md"))
NAME = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.md$")


def _split(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict)
    return meta, body


def test_corpus_size() -> None:
    # 16 articles plus 3 with deliberate inconsistencies (see data/gold/sample.yaml), and
    # 4 in Spanish ("NN-es-…", gold in data/gold/spanish.yaml)
    assert len(FILES) == 23
    assert len([p for p in FILES if "-es-" in p.name]) == 4


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_article_is_well_formed(path: Path) -> None:
    assert NAME.match(path.name), f"{path.name}: name must be NN-slug.md"
    meta, body = _split(path)
    assert {"title", "published", "source", "language"} <= set(meta), path.name
    assert isinstance(meta["published"], dt.date), f"{path.name}: published must be YYYY-MM-DD"
    assert dt.date(2024, 1, 1) <= meta["published"] <= dt.date(2025, 12, 31)
    assert meta["language"] == ("es" if "-es-" in path.name else "en")
    words = len(body.split())
    assert 150 <= words <= 350, f"{path.name}: {words} words, expected 150-350"


def test_ingest_reads_every_article_with_its_date() -> None:
    items = list(iter_articles([SAMPLE], Settings()))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) == len(FILES), [i for i in items if not isinstance(i, Article)]
    assert all(a.published_basis == "metadata" and a.published for a in articles)
    assert all(a.near_duplicate_of is None for a in articles)
