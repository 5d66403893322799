"""The temporal tagger (pw_dates): golden cases, real articles, DCT inference, event helpers.

Golden cases live in tests/golden/dates/cases.yaml; regenerate them with
``PRESSWATCH_UPDATE_GOLDEN=1`` and review the diff by hand (the file is the spec).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from presswatch.nlp.dates import clause_date, dct_default
from presswatch.nlp.pipeline import make_doc
from presswatch.records import Article

GOLDEN = Path(__file__).parent / "golden" / "dates" / "cases.yaml"
UPDATE = os.environ.get("PRESSWATCH_UPDATE_GOLDEN") == "1"
CASES: list[dict[str, Any]] = yaml.safe_load(GOLDEN.read_text("utf-8"))


def analyse(nlp: Any, text: str, dct: str | None) -> Any:
    """Run the shared pipeline with only the spaCy model and pw_dates (the unit under test)."""
    others = [n for n in nlp.pipe_names if n.startswith("pw_") and n != "pw_dates"]
    with nlp.select_pipes(disable=others):
        return nlp(make_doc(nlp, Article(id="t", text=text, published=dct)))


def triples(doc: Any) -> list[list[str | None]]:
    return [[d.text, d.type, d.value] for d in doc._.pw_dates]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(nlp: Any, case: dict[str, Any]) -> None:
    doc = analyse(nlp, case["text"], case["dct"])
    got = triples(doc)
    if UPDATE:
        case["expected"] = got
        return
    assert got == case["expected"]


def test_golden_regenerated() -> None:
    """Write the regenerated cases back (runs last in this module, only when updating)."""
    if not UPDATE:
        pytest.skip("set PRESSWATCH_UPDATE_GOLDEN=1 to regenerate the golden dates")
    GOLDEN.write_text(
        yaml.safe_dump(CASES, allow_unicode=True, sort_keys=False, width=100), "utf-8"
    )


def test_offsets_and_scratch(nlp: Any) -> None:
    text = "Officials met on March 2, 2025 and again last Friday."
    doc = analyse(nlp, text, "2025-03-31")
    spans = doc._.pw_scratch["date_spans"]
    assert [m for _, _, m in spans] == doc._.pw_dates
    for start, end, m in spans:
        assert text[m.start:m.end] == m.text == doc[start:end].text
    assert "inferred_dct" not in doc._.pw_scratch


# -- the seed articles ---------------------------------------------------------


SEED_EXPECTED = {
    "000_4505c872608d7270.txt": [
        ("the Friday before April 1, 2025", "2025-03-28"),
        ("March 2, 2025", "2025-03-02"),
    ],
    "001_cd724d16e6650678.txt": [
        ("April 16", "2025-04-16"),
        ("September", "2024-09"),  # "Since September"
        ("the last 20 years", "P20Y"),
        ("almost twenty years", "P20Y"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_articles(nlp: Any, shared: Path, name: str) -> None:
    seeds = shared / "corpus" / "seeds"
    meta = json.loads((seeds / "metadata.json").read_text("utf-8"))
    doc = analyse(nlp, (seeds / name).read_text("utf-8"), meta[name]["published"])
    got = {(d.text, d.value) for d in doc._.pw_dates}
    for pair in SEED_EXPECTED[name]:
        assert pair in got, f"{pair} not in {sorted(got)}"


# -- White House documents: relative words against the front-matter date ----------


def _whitehouse(shared: Path, rel: str) -> tuple[str, str]:
    raw = (shared / "corpus" / "whitehouse" / rel).read_text("utf-8")
    _, front, body = raw.split("---", 2)
    return body, str(yaml.safe_load(front)["date"])


WHITEHOUSE = [
    # (document, phrase as written, expected value)
    ("statements-releases/2024-05/2024-05-06-remarks-by-president-biden-at-a-cinco-de-mayo-"
     "reception.md", "last Friday", "2024-05-03"),
    ("speeches-remarks/2024-05/2024-05-07-remarks-of-national-security-adviser-jake-sullivan-"
     "54th-washington-conference-on-the-americas-luncheon.md", "this afternoon", "2024-05-07TAF"),
    ("speeches-remarks/2024-04/2024-04-17-remarks-by-president-biden-on-new-actions-to-protect-"
     "u-s-steel-and-shipbuilding-industry-from-chinas-unfair-practices-pittsburgh-pa.md",
     "yesterday", "2024-04-16"),
    ("speeches-remarks/2024-10/2024-10-10-remarks-by-vice-president-harris-in-a-univision-town-"
     "hall-with-enrique-acevedo.md", "today", "2024-10-10"),
    ("speeches-remarks/2024-06/2024-06-03-on-the-record-press-gaggle-by-white-house-national-"
     "security-communications-advisor-john-kirby-14.md", "last week", "2024-W22"),
]


@pytest.mark.parametrize("rel,phrase,value", WHITEHOUSE, ids=[w[1] for w in WHITEHOUSE])
def test_whitehouse_relative_words(nlp: Any, shared: Path, rel: str, phrase: str,
                                   value: str) -> None:
    body, published = _whitehouse(shared, rel)
    doc = analyse(nlp, body, published)
    found = [d for d in doc._.pw_dates if d.text.lower() == phrase.lower()]
    assert found, f"{phrase!r} not tagged in {rel}"
    assert value in {d.value for d in found}


# -- DCT inference -------------------------------------------------------------


def test_dct_inferred_from_latest_full_date(nlp: Any) -> None:
    text = ("WASHINGTON, March 28, 2025 — The talks of January 5, 2025 ended. "
            "A new round will open on May 5, 2025. Officials met Friday.")
    doc = analyse(nlp, text, None)
    # The future-tense May 5 is not when the text was written.
    assert doc._.pw_scratch["inferred_dct"] == dt.date(2025, 3, 28)
    assert doc._.pw_dct == dt.date(2025, 3, 28)
    assert ["Friday", "DATE", "2025-03-28"] in triples(doc)


def test_dct_inferred_reaches_the_article(nlp: Any) -> None:
    from presswatch.nlp.convert import doc_to_analysis

    doc = analyse(nlp, "MEXICO CITY, April 2, 2025 — Troops arrived yesterday.", None)
    analysis = doc_to_analysis(doc)
    assert analysis.article.published == "2025-04-02"
    assert analysis.article.published_basis == "inferred"
    assert ("yesterday", "2025-04-01") in {(d.text, d.value) for d in analysis.dates}


def test_no_dct_and_no_full_date(nlp: Any) -> None:
    doc = analyse(nlp, "The minister will travel Friday.", None)
    assert doc._.pw_dct is None
    assert "inferred_dct" not in doc._.pw_scratch
    assert triples(doc) == [["Friday", "DATE", "XXXX-WXX-5"]]


# -- event dating helpers -----------------------------------------------------


def _token(doc: Any, word: str) -> Any:
    return next(t for t in doc if t.text == word)


def test_clause_date_attaches_to_its_own_clause(nlp: Any) -> None:
    doc = analyse(nlp, "Sheinbaum said Friday that the troops arrived on Monday.", "2025-03-31")
    said = clause_date(doc, _token(doc, "said"))
    arrived = clause_date(doc, _token(doc, "arrived"))
    assert said is not None and said.text == "Friday" and said.value == "2025-03-28"
    assert arrived is not None and arrived.text == "Monday" and arrived.value == "2025-03-31"


def test_clause_date_never_from_another_sentence(nlp: Any) -> None:
    doc = analyse(nlp, "The summit ended on March 2, 2025. Ministers signed an accord.",
                  "2025-03-31")
    assert clause_date(doc, _token(doc, "signed")) is None
    ended = clause_date(doc, _token(doc, "ended"))
    assert ended is not None and ended.value == "2025-03-02"


def test_clause_date_through_a_bullet_the_tagger_calls_a_verb(nlp: Any) -> None:
    text = ("The President is keeping his promise to stop drugs entering the United States."
            "\n\n\u2022 Last November, President Trump promised to sign all necessary "
            "documents to charge Mexico a tariff.")
    doc = analyse(nlp, text, "2025-07-31")
    got = clause_date(doc, _token(doc, "promised"))
    assert got is not None and (got.text, got.value) == ("Last November", "2024-11")


def test_clause_date_for_a_noun_trigger(nlp: Any) -> None:
    doc = analyse(nlp, "The visit on Friday was cancelled.", "2025-03-31")
    got = clause_date(doc, _token(doc, "visit"))
    assert got is not None and got.value == "2025-03-28"


def test_dct_default(nlp: Any) -> None:
    doc = analyse(nlp, "Mexico has deployed troops, Sheinbaum said. The cartel had grown "
                       "for years. The army will patrol the border.", "2025-03-31")
    assert dct_default(doc, _token(doc, "deployed")) == "2025-03-31"
    assert dct_default(doc, _token(doc, "said")) == "2025-03-31"
    assert dct_default(doc, _token(doc, "grown")) is None
    assert dct_default(doc, _token(doc, "patrol")) is None
    undated = analyse(nlp, "Mexico has deployed troops.", None)
    assert dct_default(undated, _token(undated, "deployed")) is None


def test_values_are_timex3_shaped(nlp: Any) -> None:
    """Every value in the golden cases has a TIMEX3 form (a guard on the spec itself)."""
    shape = re.compile(
        r"^(\d{4}|X{4})(-(\d\d|XX|W\d\d|WXX|Q[1-4X]|H[12]|SP|SU|FA|WI)(-(\d\d|XX|\d|WE))?)?"
        r"(T(\d\d:\d\dZ?|MO|AF|EV|NI))?$|^\d{2,3}$|^P(T?[\dX.]+(Y|M|W|D|H|S|DE|Q))$"
        r"|^(PRESENT|PAST|FUTURE)_REF$|^FY\d{4}$|^XXXX-WXX-\d$"
    )
    for case in CASES:
        for _, _, value in case["expected"]:
            assert shape.match(value), value
