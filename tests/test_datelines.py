"""Datelines: the place that opens an article is where it was written, not an actor.

"WASHINGTON (AP) —", "MEXICO CITY (Reuters) -", "CIUDAD DE MÉXICO, 3 de mayo de
2025.—", "MONTERREY, N.L. (EFE).—", "WASHINGTON.—": the place stays a place mention
(no actor id) and never becomes the source of an event.  The same capitals in prose
stay actors.  Sentences written for this test (real facts, our own words).
"""

from __future__ import annotations

import pytest

from presswatch.nlp.pipeline import load_pipeline, make_doc
from presswatch.records import Article
from presswatch.settings import Settings


@pytest.fixture(scope="module")
def nlp_es():  # type: ignore[no-untyped-def]
    return load_pipeline(Settings(workers=1), lang="es")


def _doc(nlp, text: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return nlp(make_doc(nlp, Article(id="d", text=text, published="2025-05-06", language=lang)))


def _place(doc, place: str):  # type: ignore[no-untyped-def]
    (m,) = [m for m in doc._.pw_mentions if m.text == place]
    return m


@pytest.mark.parametrize(
    ("text", "place", "actor"),
    [
        ("WASHINGTON (AP) — Tariffs on Mexican steel were announced on Tuesday and "
         "criticized by Mexico.", "WASHINGTON", "united-states"),
        ("MEXICO CITY (Reuters) - Tariffs were threatened against Mexico on Tuesday.",
         "MEXICO CITY", "mexico"),
    ],
)  # fmt: skip
def test_english_agency_datelines_are_places(nlp, text: str, place: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, text)
    m = _place(doc, place)
    assert m.actor is None and m.label == "GPE"
    for e in doc._.pw_events or ():
        assert actor not in e.source, e  # the dateline does nothing


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("CIUDAD DE MÉXICO, 3 de mayo de 2025.— La presidenta Claudia Sheinbaum rechazó "
         "los aranceles.", "CIUDAD DE MÉXICO"),
        ("MONTERREY, N.L. (EFE).— La gobernadora visitó la frontera.", "MONTERREY"),
        ("WASHINGTON.— Anunció nuevos aranceles contra México.", "WASHINGTON"),
    ],
)  # fmt: skip
def test_spanish_datelines_are_places(nlp_es, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, text, "es")
    m = _place(doc, place)
    assert m.actor is None and m.label == "GPE"
    # "WASHINGTON.— Anunció …": the dateline is not the subject of the announcement
    for e in doc._.pw_events or ():
        assert "united-states" not in e.source, e


def test_capitals_in_prose_stay_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    # no dash after it, so not a dateline: the capital (the US government) acts
    doc = _doc(nlp, "WASHINGTON imposed new tariffs on Mexico on Tuesday.")
    assert _place(doc, "WASHINGTON").actor == "united-states"
    # not at the start of a line
    doc = _doc(nlp, "Officials said WASHINGTON (the capital) - and no one else - decided.")
    assert _place(doc, "WASHINGTON").actor == "united-states"
