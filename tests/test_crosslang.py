"""Across languages: an event told in English and in Spanish is one story event, and their
figures are compared.

The end-to-end tests run the real English and Spanish pipelines on short texts written for
this test (the February 27, 2025 transfer of prisoners to the United States, in our own
words; the Spanish one gives a different figure on purpose).  The unit tests pin the
clustering rules on records.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from presswatch import core
from presswatch.checks import check_corpus, cluster_events
from presswatch.records import Analysis, Article, Claim, Event, Failure, StoryEvent
from presswatch.settings import Settings

SETTINGS = Settings(workers=1)

EN = (
    "Mexico sent 35 cartel figures to the United States on Thursday, among them Rafael Caro "
    "Quintero, officials said.\n\nSecurity Secretary Omar García Harfuch said the prisoners "
    "had kept running their organisations from Mexican jails."
)
ES = (
    "México trasladó el jueves a Estados Unidos a 29 reos acusados de narcotráfico, entre "
    "ellos Rafael Caro Quintero.\n\nEl secretario de Seguridad, Omar García Harfuch, explicó "
    "que los detenidos seguían dirigiendo sus organizaciones desde la cárcel."
)


@pytest.fixture(scope="module")
def transfer(nlp) -> list[Analysis]:  # type: ignore[no-untyped-def]
    """Both texts through the real pipelines (the Spanish one is loaded beside ``nlp``)."""
    items: list[Article | Failure] = [
        Article(id="en-transfer", text=EN, title="Mexico sends 35", published="2025-02-28",
                published_basis="metadata", language="en"),
        Article(id="es-traslado", text=ES, title="México envía a 29", published="2025-02-28",
                published_basis="metadata", language="es"),
    ]  # fmt: skip
    out = [a for a in core.iter_analyses(items, SETTINGS, nlp) if isinstance(a, Analysis)]
    assert [a.article.id for a in out] == ["en-transfer", "es-traslado"]
    assert all(a.analysed for a in out)
    return out


def _languages(story: StoryEvent, analyses: Sequence[Analysis]) -> set[str | None]:
    lang = {a.article.id: a.article.language for a in analyses}
    return {lang[aid] for aid, _ in story.reports}


def test_the_same_event_in_two_languages_is_one_story(transfer: list[Analysis]) -> None:
    stories = [
        s for s in cluster_events(transfer)
        if s.type == "COOPERATE" and s.date == "2025-02-27" and "mexico" in s.source
    ]  # fmt: skip
    assert len(stories) == 1, stories
    (story,) = stories
    assert {aid for aid, _ in story.reports} == {"en-transfer", "es-traslado"}
    assert _languages(story, transfer) == {"en", "es"}
    assert story.n_sources == 2


def test_a_figure_conflict_across_languages(transfer: list[Analysis]) -> None:
    found = [f for f in check_corpus(transfer) if f.kind == "figure_conflict"]
    # reported on each side, with the other article as related evidence
    assert sorted(f.article for f in found) == ["en-transfer", "es-traslado"]
    for f in found:
        (rel,) = f.related
        assert rel.article != f.article
        assert "people transferred" in f.message and "2025-02-27" in f.message
    es = next(f for f in found if f.article == "es-traslado")
    assert "29 reos" in es.message and "35 cartel figures" in es.message


# --- clustering rules, on records --------------------------------------------------------


def _report(aid: str, lang: str, etype: str, source: tuple[str, ...], target: tuple[str, ...],
            date: str | None, n: int = 0) -> Analysis:  # fmt: skip
    art = Article(id=aid, text="x", published="2025-03-29", published_basis="metadata",
                  language=lang)  # fmt: skip
    ev = Event(id=f"{aid}-{n}", type=etype, source=source, target=target, trigger="t",
               sentence="x", start=n, end=n + 1, date=date)  # fmt: skip
    return Analysis(article=art, events=(ev,))


def test_reports_naming_more_parties_join_the_story() -> None:
    stories = cluster_events([
        _report("en", "en", "CONSULT", ("kristi-noem",), ("claudia-sheinbaum",), "2025-03-28"),
        _report("es", "es", "CONSULT", ("kristi-noem",),
                ("claudia-sheinbaum", "juan-ramon-de-la-fuente"), "2025-03-28"),
    ])  # fmt: skip
    assert len(stories) == 1
    # the story names the parties every report names
    assert stories[0].target == ("claudia-sheinbaum",)


def test_a_one_sided_report_joins_only_a_unique_story() -> None:
    en_mx = _report("en1", "en", "AGREE", ("donald-trump",), ("mexico",), "2025-02-03")
    en_ca = _report("en2", "en", "AGREE", ("donald-trump",), ("canada",), "2025-02-03")
    es = _report("es", "es", "AGREE", ("donald-trump",), (), "2025-02-03")
    # one candidate: "Trump acordó …" (no target found) is the agreement with Mexico
    (story,) = cluster_events([en_mx, es])
    assert story.n_sources == 2 and story.target == ("mexico",)
    # two candidates (Mexico and Canada the same day): it cannot tell, so it stays alone
    stories = cluster_events([en_mx, en_ca, es])
    assert sorted(s.n_sources for s in stories) == [1, 1, 1]


def test_different_parties_or_days_stay_apart() -> None:
    a = _report("a", "en", "CONSULT", ("kristi-noem",), ("claudia-sheinbaum",), "2025-03-28")
    other_day = _report("b", "es", "CONSULT", ("kristi-noem",), ("claudia-sheinbaum",),
                        "2025-03-31")  # fmt: skip
    other_party = _report("c", "es", "CONSULT", ("donald-trump",), ("claudia-sheinbaum",),
                          "2025-03-28")  # fmt: skip
    other_type = _report("d", "es", "REQUEST", ("kristi-noem",), ("claudia-sheinbaum",),
                         "2025-03-28")  # fmt: skip
    assert [s.n_sources for s in cluster_events([a, other_day, other_party, other_type])] == [
        1, 1, 1, 1
    ]  # fmt: skip


def test_a_time_of_day_does_not_undate_a_report() -> None:
    # "el lunes por la mañana" is 2025-02-03TMO: the same day as "on Monday"
    en = _report("en", "en", "CONSULT", ("donald-trump",), ("claudia-sheinbaum",), "2025-02-03")
    es = _report("es", "es", "CONSULT", ("donald-trump",), ("claudia-sheinbaum",),
                 "2025-02-03TMO")  # fmt: skip
    (story,) = cluster_events([es, en])
    assert story.n_sources == 2 and story.date == "2025-02-03"


def test_an_undated_one_sided_report_does_not_join() -> None:
    dated = _report("a", "en", "CONSULT", ("kristi-noem",), ("claudia-sheinbaum",), "2025-03-28")
    vague = _report("b", "es", "CONSULT", (), ("claudia-sheinbaum",), None)
    both = _report("c", "es", "CONSULT", ("kristi-noem",), ("claudia-sheinbaum",), None)
    stories = cluster_events([dated, vague, both])
    assert sorted(s.n_sources for s in stories) == [1, 2]
    joined = next(s for s in stories if s.n_sources == 2)
    assert {aid for aid, _ in joined.reports} == {"a", "c"}


# --- figures, on records ------------------------------------------------------------------


def _claim(aid: str, text: str, value: float, sentence: str, period: str = "2025") -> Analysis:
    art = Article(id=aid, text=sentence, title=aid, published="2025-08-13",
                  published_basis="metadata")  # fmt: skip
    c = Claim(text, 0, len(text), value, "exact", "people transferred", None, "mexico", period,
              sentence)  # fmt: skip
    return Analysis(article=art, claims=(c,))


def test_spanish_running_totals_are_not_compared() -> None:
    total = "Con este envío suman 55 las personas trasladadas en lo que va del año."
    other = "Mexico has transferred 29 people to the United States this year."
    assert check_corpus([_claim("es", "55", 55, total), _claim("en", "29", 29, other)]) == []
    # the same figures without the running-total wording do conflict
    plain = "México trasladó a 55 personas a Estados Unidos este año."
    assert len(check_corpus([_claim("es", "55", 55, plain), _claim("en", "29", 29, other)])) == 2
