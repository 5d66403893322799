"""Golden tests for every finding kind: a true case and a near miss that must not fire.

Records are built by hand (the model is not the point here); the knowledge base is the
real shipped pack.
"""

from __future__ import annotations

import pytest

from presswatch.checks import check_article, check_corpus, cluster_events
from presswatch.kb import load_kb
from presswatch.records import Analysis, Article, Claim, DateMention, Event, Quote, Title


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_kb()


def titled(
    text: str, title: str, name: str, actor: str, published: str, historical: bool = False
) -> Analysis:
    t0 = text.index(title)
    m0 = text.index(name)
    art = Article(
        id=f"a-{published}-{actor}", text=text, published=published, published_basis="metadata"
    )
    return Analysis(
        article=art,
        titles=(Title(title, t0, t0 + len(title), actor, m0, m0 + len(name), historical),),
    )


def kinds(a: Analysis, kb) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.kind for f in check_article(a, kb).findings]


# -- role_anachronism ----------------------------------------------------------------


def test_former_president_said_of_the_sitting_one(kb) -> None:  # type: ignore[no-untyped-def]
    a = titled(
        "She spoke with former U.S. President Donald Trump.",
        "former U.S. President",
        "Donald Trump",
        "donald-trump",
        "2025-05-05",
    )
    found = check_article(a, kb).findings
    assert [f.kind for f in found] == ["role_anachronism"]
    assert "2025-01-20" in found[0].message and found[0].actor == "donald-trump"
    assert found[0].evidence == "former U.S. President Donald Trump"


def test_former_president_is_right_between_terms(kb) -> None:  # type: ignore[no-untyped-def]
    a = titled(
        "She spoke with former U.S. President Donald Trump.",
        "former U.S. President",
        "Donald Trump",
        "donald-trump",
        "2024-06-01",
    )
    assert kinds(a, kb) == []


def test_president_lopez_obrador_after_he_left(kb) -> None:  # type: ignore[no-untyped-def]
    text = "President Andrés Manuel López Obrador criticised the decision."
    a = titled(
        text,
        "President",
        "Andrés Manuel López Obrador",
        "andres-manuel-lopez-obrador",
        "2025-02-10",
    )
    assert kinds(a, kb) == ["role_anachronism"]
    assert (
        kinds(
            titled(
                text,
                "President",
                "Andrés Manuel López Obrador",
                "andres-manuel-lopez-obrador",
                "2023-02-10",
            ),
            kb,
        )
        == []
    )


def test_historical_sentences_are_not_anachronisms(kb) -> None:  # type: ignore[no-untyped-def]
    a = titled(
        "During his first term, President Donald Trump imposed tariffs.",
        "President",
        "Donald Trump",
        "donald-trump",
        "2024-03-01",
        historical=True,
    )
    assert kinds(a, kb) == []


def test_president_elect_before_and_after_the_inauguration(kb) -> None:  # type: ignore[no-untyped-def]
    text = "President-elect Claudia Sheinbaum met business leaders."
    args = ("President-elect", "Claudia Sheinbaum", "claudia-sheinbaum")
    assert kinds(titled(text, *args, "2024-06-20"), kb) == []
    assert kinds(titled(text, *args, "2025-02-01"), kb) == ["role_anachronism"]


def test_titles_inside_quotes_and_transcripts_are_left_alone(kb) -> None:  # type: ignore[no-untyped-def]
    text = 'He said: "I worked with President Andrés Manuel López Obrador for years."'
    a = titled(
        text,
        "President",
        "Andrés Manuel López Obrador",
        "andres-manuel-lopez-obrador",
        "2025-02-10",
    )
    assert kinds(a, kb) == []


def test_transcripts_are_speech_not_written_claims(kb) -> None:  # type: ignore[no-untyped-def]
    text = (
        "MS. JEAN-PIERRE: Good afternoon.\n\nQ Karine, a question.\n\n"
        "MS. JEAN-PIERRE: Go ahead.\n\nQ What did President Trump say about it?"
    )
    a = titled(text, "President", "Trump", "donald-trump", "2024-05-01")
    assert kinds(a, kb) == []


# -- title_mismatch -------------------------------------------------------------------


def test_a_title_nobody_holds(kb) -> None:  # type: ignore[no-untyped-def]
    text = "Kristi Noem, the United States Secretary of Security, visited Mexico."
    a = titled(
        text, "United States Secretary of Security", "Kristi Noem", "kristi-noem", "2025-03-31"
    )
    found = check_article(a, kb).findings
    assert [f.kind for f in found] == ["title_mismatch"]
    assert "Homeland Security" in found[0].message  # says what the KB holds


@pytest.mark.parametrize(
    "title",
    [
        "Homeland Security chief",
        "DHS Secretary",
        "Homeland Security Secretary",
        "Secretary",
        "White House Homeland Security Secretary",
    ],
)
def test_informal_but_correct_titles_are_not_mismatches(kb, title: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{title} Kristi Noem visited Mexico."
    assert kinds(titled(text, title, "Kristi Noem", "kristi-noem", "2025-03-31"), kb) == []


def test_a_description_is_not_a_title(kb) -> None:  # type: ignore[no-untyped-def]
    text = "Claudia Sheinbaum, Mexico’s first female president, spoke."
    a = titled(
        text,
        "Mexico’s first female president",
        "Claudia Sheinbaum",
        "claudia-sheinbaum",
        "2025-05-05",
    )
    assert kinds(a, kb) == []


# -- temporal_inconsistency ---------------------------------------------------------------


def _dated(
    text: str, date_text: str, value: str, published: str, events: tuple[Event, ...] = ()
) -> Analysis:
    s = text.index(date_text)
    art = Article(id="t", text=text, published=published, published_basis="metadata")
    return Analysis(
        article=art,
        dates=(DateMention(date_text, s, s + len(date_text), "DATE", value),),
        events=events,
    )


def test_future_expectation_dated_in_the_past(kb) -> None:  # type: ignore[no-untyped-def]
    text = "With his posture expected to be revealed on March 2, 2025, talks go on."
    found = check_article(_dated(text, "March 2, 2025", "2025-03-02", "2025-03-31"), kb).findings
    assert [f.kind for f in found] == ["temporal_inconsistency"]


def test_a_past_expectation_or_a_future_date_is_fine(kb) -> None:  # type: ignore[no-untyped-def]
    text = "His posture was expected to be revealed on March 2, 2025, officials said."
    assert kinds(_dated(text, "March 2, 2025", "2025-03-02", "2025-03-31"), kb) == []
    text = "His posture is expected to be revealed on April 2, 2025."
    assert kinds(_dated(text, "April 2, 2025", "2025-04-02", "2025-03-31"), kb) == []


def _met(text: str, date_text: str, modality: str = "asserted") -> Analysis:
    ev = Event(
        id="e",
        type="CONSULT",
        source=("a",),
        target=("b",),
        trigger="met",
        sentence=text,
        start=0,
        end=len(text),
        date="2025-06-01",
        modality=modality,
    )
    s = text.index(date_text)
    art = Article(id="t", text=text, published="2025-05-01", published_basis="metadata")
    return Analysis(
        article=art,
        events=(ev,),
        dates=(DateMention(date_text, s, s + len(date_text), "DATE", "2025-06-01"),),
    )


def test_an_event_reported_as_done_after_publication(kb) -> None:  # type: ignore[no-untyped-def]
    text = "The two presidents met in Washington on June 1, 2025."
    assert kinds(_met(text, "June 1, 2025"), kb) == ["temporal_inconsistency"]


def test_a_plan_or_a_date_we_inferred_is_not_a_done_event(kb) -> None:  # type: ignore[no-untyped-def]
    assert (
        kinds(
            _met(
                "The two presidents met in Washington on June 1, 2025.",
                "June 1, 2025",
                modality="future",
            ),
            kb,
        )
        == []
    )
    # "Sunday" resolved by our own tense rule is too weak a witness
    assert kinds(_met("The two presidents met in Washington on Sunday.", "Sunday"), kb) == []
    assert (
        kinds(_met("The presidents will meet in Washington on June 1, 2025.", "June 1, 2025"), kb)
        == []
    )


# -- speaker_mismatch ------------------------------------------------------------------


def _quoted(text: str, speaker: str) -> Analysis:
    art = Article(id="q", text=text, published="2025-05-05", published_basis="metadata")
    return Analysis(
        article=art, quotes=(Quote(text, 0, len(text), "direct", speaker, "the speaker", "said"),)
    )


def test_our_country_from_the_speakers_own_country(kb) -> None:  # type: ignore[no-untyped-def]
    q = "to prevent weapons from entering our country from the United States."
    found = check_article(_quoted(q, "donald-trump"), kb).findings
    assert [f.kind for f in found] == ["speaker_mismatch"]
    assert kinds(_quoted(q, "claudia-sheinbaum"), kb) == []


def test_our_territory_against_another_country_is_fine(kb) -> None:  # type: ignore[no-untyped-def]
    q = "We will never accept the presence of the United States army in our territory."
    assert kinds(_quoted(q, "claudia-sheinbaum"), kb) == []


# -- cross-article -----------------------------------------------------------------------


def _claims(
    aid: str, text: str, value: float, approx: str = "exact", period: str = "2025-02-27"
) -> Analysis:
    art = Article(id=aid, text=text, title=aid, published="2025-03-01", published_basis="metadata")
    return Analysis(
        article=art,
        claims=(
            Claim(
                text,
                0,
                len(text),
                value,
                approx,
                "cartel figures transferred",
                None,
                "mexico",
                period,
                text,
            ),
        ),
    )


def test_figures_that_disagree_across_articles() -> None:
    found = check_corpus(
        [_claims("a", "29 cartel figures", 29), _claims("b", "35 cartel figures", 35)]
    )
    assert sorted(f.article for f in found if f.kind == "figure_conflict") == ["a", "b"]
    assert found[0].related and found[0].related[0].article in {"a", "b"}


def test_figures_within_rounding_or_hedges_agree() -> None:
    assert (
        check_corpus([_claims("a", "43,118", 43118), _claims("b", "over 43,000", 43000, "over")])
        == []
    )
    assert check_corpus([_claims("a", "29", 29), _claims("b", "35", 35, period="2024")]) == []


def _quote_in(aid: str, speaker: str, text: str) -> Analysis:
    art = Article(id=aid, text=text, published="2025-03-01", published_basis="metadata")
    return Analysis(
        article=art, quotes=(Quote(text, 0, len(text), "direct", speaker, speaker, "said"),)
    )


def test_the_same_quote_given_to_two_speakers() -> None:
    q = "We will never accept the presence of foreign troops in our territory."
    found = check_corpus(
        [_quote_in("a", "claudia-sheinbaum", q), _quote_in("b", "marcelo-ebrard", q)]
    )
    assert [f.kind for f in found] == ["attribution_conflict"] * 2
    assert (
        check_corpus(
            [_quote_in("a", "claudia-sheinbaum", q), _quote_in("b", "claudia-sheinbaum", q)]
        )
        == []
    )
    assert (
        check_corpus([_quote_in("a", "x", "We will see."), _quote_in("b", "y", "We will see.")])
        == []
    )


def _event_in(aid: str, date: str | None, sentence: str) -> Analysis:
    art = Article(id=aid, text=sentence, published="2025-05-01", published_basis="metadata")
    ev = Event(
        id=f"{aid}-e",
        type="CONSULT",
        source=("donald-trump",),
        target=("claudia-sheinbaum",),
        trigger="spoke",
        sentence=sentence,
        start=0,
        end=len(sentence),
        date=date,
    )
    return Analysis(article=art, events=(ev,))


def test_reports_of_one_event_cluster_into_a_story() -> None:
    s = "Trump and Sheinbaum spoke by telephone about tariffs and fentanyl."
    stories = cluster_events(
        [
            _event_in("a", "2025-04-16", s),
            _event_in("b", "2025-04-17", s),
            _event_in("c", "2025-02-03", s),
        ]
    )
    assert sorted(st.n_sources for st in stories) == [1, 2]


def test_an_undated_report_joins_only_a_story_told_around_its_publication() -> None:
    s = "Trump and Sheinbaum spoke by telephone about tariffs and fentanyl."
    dated = _event_in("a", "2025-04-30", s)  # the undated report is published 2025-05-01
    near = cluster_events([dated, _event_in("b", None, s)])
    assert [st.n_sources for st in near] == [2]
    far = cluster_events([_event_in("a", "2025-09-04", s), _event_in("b", None, s)])
    assert sorted(st.n_sources for st in far) == [1, 1]


def test_the_same_event_dated_differently() -> None:
    s = "Trump and Sheinbaum spoke by telephone about tariffs and fentanyl."
    found = check_corpus([_event_in("a", "2025-04-16", s), _event_in("b", "2025-04-21", s)])
    assert [f.kind for f in found] == ["event_conflict"] * 2
    other = "Trump called Sheinbaum to discuss the border wall and deportation flights."
    assert (
        check_corpus([_event_in("a", "2025-04-16", s), _event_in("b", "2025-04-21", other)]) == []
    )


def test_running_totals_and_generic_measures_are_not_compared() -> None:
    def claim(aid: str, text: str, value: float, measure: str, sentence: str) -> Analysis:
        art = Article(
            id=aid, text=sentence, title=aid, published="2025-03-01", published_basis="metadata"
        )
        return Analysis(
            article=art,
            claims=(
                Claim(
                    text,
                    0,
                    len(text),
                    value,
                    "exact",
                    measure,
                    None,
                    "united-states",
                    "2025",
                    sentence,
                ),
            ),
        )

    since = "Since taking office, the administration has arrested {} illegal immigrants."
    assert (
        check_corpus(
            [
                claim("a", "113,000+", 113000, "arrests", since.format("113,000+")),
                claim("b", "150,000+", 150000, "arrests", since.format("150,000+")),
            ]
        )
        == []
    )
    assert (
        check_corpus(
            [
                claim("a", "$216 million", 216e6, "money", "It provides $216 million."),
                claim("b", "$385 million", 385e6, "money", "It invests $385 million."),
            ]
        )
        == []
    )
    # "113,000+" and "150,000+" read as "over": both can be true
    plus = [
        claim("a", "113,000+", 113000, "arrests", "There were 113,000+ arrests."),
        claim("b", "150,000+", 150000, "arrests", "There were 150,000+ arrests."),
    ]
    assert check_corpus(plus) == []
