"""Bare titles in a government's own documents are that government's offices.

In a White House gaggle "the President had a very constructive conversation with the
President-elect", said right after a question about "AMLO's government", is Biden
talking to Sheinbaum (June 2024), not López Obrador.  The home country comes from the
host (whitehouse.gov and the National Archives' copies), a line only the White House
writes, or US officials' speaker labels (kb/home.py).  Transcripts written for this
test (real facts, our own words) and one real gaggle from the shared corpus.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from presswatch.kb import load_kb
from presswatch.kb.home import home_country
from presswatch.nlp.pipeline import analyze_articles, make_doc
from presswatch.records import Article

GAGGLE = (
    "MS. JEAN-PIERRE: Good evening, everyone. Jake is here for your questions.\n\n"
    "Q Jake, Mexico has a new leader. Will she keep AMLO's border policies?\n\n"
    "MR. SULLIVAN: That is for the Mexican government to say. I can tell you the "
    "President spoke warmly with the President-elect yesterday. The Mexican president "
    "also called, and the President of Mexico thanked the Prime Minister of Canada.\n\n"
    "Q And Ukraine?\n\n"
    "MR. SULLIVAN: The President will see President Zelenskyy in France.\n"
)
#: the same exchange told by a reporter: no home, so "the president" follows the focus
NEWS = (
    "Mexico elected a new leader, and Mexico's ruling party celebrated. Mexican officials "
    "said AMLO's border policies would stay. The president spoke warmly of her.\n"
)


def _titled(nlp, text: str, url: str | None = None) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    doc = make_doc(nlp, Article(id="t", text=text, published="2024-06-04", url=url))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
        if proc.__class__.__name__ == "ActorLinker":
            break
    return {m.text: m.actor for m in doc._.pw_mentions if m.label == "TITLE"}


@pytest.mark.parametrize(
    "url",
    [None, "https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2024/06/04/x/"],
)
def test_the_president_of_a_us_transcript_is_the_us_president(nlp, url: str | None) -> None:  # type: ignore[no-untyped-def]
    got = _titled(nlp, GAGGLE, url)
    assert got.get("President") == "joe-biden", got
    # Mexico's president-elect that day; the US had none until November 2024
    assert got.get("President-elect") == "claudia-sheinbaum", got
    # a title that names its country keeps it
    assert got.get("president") == "andres-manuel-lopez-obrador", got  # "The Mexican president"
    # an office the United States does not have is another country's
    assert got.get("President of Mexico") == "andres-manuel-lopez-obrador", got
    assert got.get("Prime Minister of Canada") == "justin-trudeau", got


def test_a_news_article_is_not_a_government_document(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _titled(nlp, NEWS)
    assert got.get("president") == "andres-manuel-lopez-obrador", got


def test_home_country_signals() -> None:
    kb = load_kb()
    day = dt.date(2024, 6, 4)
    assert home_country(kb, "x", "https://www.whitehouse.gov/remarks/", day) == "USA"
    assert home_country(kb, "x", "https://trumpwhitehouse.archives.gov/a/", day) == "USA"
    assert home_country(kb, "x", "https://www.gob.mx/presidencia/", day) == "MEX"
    assert home_country(kb, "x", "https://www.archives.gov/a/", day) is None
    assert home_country(kb, "THE WHITE HOUSE\nJune 4, 2024\n", None, day) == "USA"
    assert home_country(kb, GAGGLE, None, day) == "USA"
    # one labelled turn is not a transcript; nobody known is nobody's
    assert home_country(kb, "MR. SULLIVAN: Hello.\n", None, day) is None
    assert home_country(kb, "MR. NOBODY: Hi.\n\nMS. SOMEONE: Hi.\n", None, day) is None
    mananera = ("PRESIDENTA CLAUDIA SHEINBAUM PARDO: Buenos días.\n\n"
                "INTERLOCUTOR: ¿Y la frontera?\n\n"
                "PRESIDENTA CLAUDIA SHEINBAUM PARDO: Vamos a informar.\n")  # fmt: skip
    assert home_country(kb, mananera, None, dt.date(2025, 2, 5)) == "MEX"


GAGGLE_FILE = (
    "corpus/whitehouse/press-briefings/2024-06/2024-06-04-press-gaggle-by-press-secretary-"
    "karine-jean-pierre-and-national-security-advisor-jake-sullivan-en-route-paris-france.md"
)


def test_the_real_gaggle_records_biden_consulting_sheinbaum(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    from presswatch.ingest.core import read_inputs
    from presswatch.settings import Settings

    (article,) = list(read_inputs([shared / GAGGLE_FILE], Settings()))
    (analysis,) = list(analyze_articles(nlp, [article]))
    consults = [e for e in analysis.events
                if e.type == "CONSULT" and "constructive conversation with the President-elect"
                in e.sentence]  # fmt: skip
    assert consults, [e.sentence for e in analysis.events]
    assert consults[0].source == ("joe-biden",)
    assert consults[0].target == ("claudia-sheinbaum",)
    # López Obrador named in full is still himself
    named = {m.actor for m in analysis.mentions if m.text == "López Obrador"}
    assert named == {"andres-manuel-lopez-obrador"}
