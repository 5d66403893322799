"""Topics (pw_topics): a transparent weighted taxonomy."""

from __future__ import annotations

from pathlib import Path

from presswatch.nlp.topics import OTHER, explain_topics, load_taxonomy, score_text


def test_taxonomy_has_the_agenda() -> None:
    ids = set(load_taxonomy().phrases)
    assert {"trade.tariffs", "migration", "migration.deportation", "security.drug_trafficking",
            "security.fentanyl", "security.cartels", "security.arms_trafficking",
            "sovereignty.military", "violence.missing_persons", "diplomacy",
            "energy_environment"} <= ids


def test_scores_are_sorted_bounded_and_thresholded() -> None:
    topics = score_text("Trump announced a 25 percent tariff on Mexican imports; the tariffs "
                        "hit steel and automobiles, and Mexico promised reciprocal tariffs.")
    assert topics[0].id == "trade.tariffs"
    scores = [t.score for t in topics]
    assert scores == sorted(scores, reverse=True)
    assert all(load_taxonomy().threshold <= s <= 1 for s in scores)


def test_other_when_nothing_qualifies() -> None:
    assert [t.id for t in score_text("The weather was pleasant and the garden bloomed.")] == [OTHER]


def test_longest_phrase_wins_and_plurals_match() -> None:
    rows = explain_topics("Drug trafficking and fentanyl; more fentanyl seizures.")
    phrases = {(t, p): c for t, p, _, c in rows}
    assert phrases[("security.drug_trafficking", "drug trafficking")] == 1
    assert ("security.drug_trafficking", "drug") not in phrases  # inside the longer phrase
    assert phrases[("security.fentanyl", "fentanyl")] == 2
    assert phrases[("security.drug_trafficking", "seizure")] == 1  # plural of the keyword


def test_child_topic_counts_for_parent() -> None:
    ids = [t.id for t in score_text("Deportation flights carried deportees; deportations rose.")]
    assert ids[:2] == ["migration", "migration.deportation"] or ids[:2] == [
        "migration.deportation", "migration"]


def test_component_matches_score_text(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    text = (shared / "corpus" / "seeds" / "001_cd724d16e6650678.txt").read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("pw_topics")(doc)
    assert doc._.pw_topics == score_text(text)
    top = {t.id for t in doc._.pw_topics[:3]}
    assert {"sovereignty.military", "security.drug_trafficking"} <= top
