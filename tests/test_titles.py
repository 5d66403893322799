"""pw_titles: the titles written with people's names, in the forms newspapers use.

A title before a name may end with its department or country ("secretaria de Seguridad
Nacional de Estados Unidos", "President of the United States") and may be set off by
commas ("El expresidente de Estados Unidos, Donald Trump,"); the role checks then judge
it.  Sentences written for this test (real facts, our own words).
"""

from __future__ import annotations

import pytest

from presswatch.checks import check_article
from presswatch.kb import load_kb
from presswatch.nlp.pipeline import analyze_articles, load_pipeline
from presswatch.records import Analysis, Article
from presswatch.settings import Settings


@pytest.fixture(scope="module")
def nlp_es():  # type: ignore[no-untyped-def]
    return load_pipeline(Settings(workers=1), lang="es")


def _checked(nlp, lang: str, date: str, text: str) -> Analysis:  # type: ignore[no-untyped-def]
    art = Article(id="t", text=text, published=date, language=lang, published_basis="metadata")
    (a,) = list(analyze_articles(nlp, [art]))
    assert isinstance(a, Analysis)
    return check_article(a, load_kb((), lang))


def _titles(a: Analysis) -> dict[str, str | None]:
    return {t.text: t.actor for t in a.titles}


@pytest.mark.parametrize(
    ("text", "title", "actor"),
    [
        ("La secretaria de Seguridad Nacional de Estados Unidos, Kristi Noem, visitó la "
         "frontera.", "secretaria de Seguridad Nacional de Estados Unidos", "kristi-noem"),
        ("El expresidente de Estados Unidos, Donald Trump, criticó al gobierno.",
         "expresidente de Estados Unidos", "donald-trump"),
        ("El secretario de la Defensa Nacional, Luis Cresencio Sandoval, visitó la frontera.",
         "secretario de la Defensa Nacional", "luis-cresencio-sandoval"),
    ],
)  # fmt: skip
def test_spanish_titles_ending_with_their_country(nlp_es, text: str, title: str,
                                                  actor: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    assert _titles(_checked(nlp_es, "es", "2025-06-01", text)).get(title) == actor


def test_the_role_check_judges_the_long_form_like_the_short_one(nlp_es) -> None:  # type: ignore[no-untyped-def]
    long = _checked(
        nlp_es,
        "es",
        "2025-06-01",
        "El expresidente de Estados Unidos, Donald Trump, criticó al gobierno.",
    )
    short = _checked(
        nlp_es, "es", "2025-06-01", "El expresidente Donald Trump criticó al gobierno."
    )
    kinds = {(f.kind, f.actor) for f in short.findings}
    assert ("role_anachronism", "donald-trump") in kinds
    assert {(f.kind, f.actor) for f in long.findings} == kinds
    # between his terms he was a former president: nothing to report
    between = _checked(
        nlp_es,
        "es",
        "2023-06-01",
        "El expresidente de Estados Unidos, Donald Trump, criticó al gobierno.",
    )
    assert not between.findings
    # the right office of the wrong country is a mismatch
    wrong = _checked(
        nlp_es,
        "es",
        "2025-06-01",
        "La secretaria de Seguridad Nacional de México, Kristi Noem, visitó la frontera.",
    )
    assert ("title_mismatch", "kristi-noem") in {(f.kind, f.actor) for f in wrong.findings}


@pytest.mark.parametrize(
    ("text", "title", "actor"),
    [
        ("The U.S. Secretary of Homeland Security, Kristi Noem, visited the border.",
         "U.S. Secretary of Homeland Security", "kristi-noem"),
        ("Former President of the United States Donald Trump criticized Mexico.",
         "Former President of the United States", "donald-trump"),
        ("Mexico's Secretary of Foreign Affairs Juan Ramón de la Fuente met Marco Rubio.",
         "Mexico's Secretary of Foreign Affairs", "juan-ramon-de-la-fuente"),
    ],
)  # fmt: skip
def test_english_titles_ending_with_their_country(nlp, text: str, title: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    assert _titles(_checked(nlp, "en", "2025-06-01", text)).get(title) == actor


def test_an_english_title_then_a_comma_needs_a_closing_comma(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the U.S. president" is whom she met, not Sheinbaum's title
    a = _checked(
        nlp,
        "en",
        "2025-06-01",
        "After meeting the U.S. president, Sheinbaum said the talks went well.",
    )
    assert all(t.actor != "claudia-sheinbaum" for t in a.titles), a.titles
    assert not a.findings
