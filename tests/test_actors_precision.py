"""pw_actors precision: what is not an actor (kb/data/not_actors.yaml), places that are
locations, titles in White House documents."""

from __future__ import annotations

import pytest

from presswatch.kb.not_actors import not_actors
from presswatch.nlp.pipeline import make_doc
from presswatch.records import Article


def run(nlp, text: str, date: str = "2025-03-03", url: str | None = None, title: str | None = None):  # type: ignore[no-untyped-def]
    doc = make_doc(nlp, Article(id="t", text=text, published=date, url=url, title=title))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
        if proc.__class__.__name__ == "ActorLinker":
            return doc
    return doc


def test_rule_file_loads_with_every_section() -> None:
    rules = not_actors()
    assert rules.heads["act"] == "law" and rules.heads["policy"] == "policy"
    assert "commission" in rules.org_heads and "southern-border" in rules.places
    assert "no" in rules.names  # YAML would read a bare no as False


@pytest.mark.parametrize(
    "text",
    [
        "Tariffs will remain until Drugs, in particular Fentanyl, and all Illegal Aliens stop. "
        "The drugs and the fentanyl kill; aliens cross.",
        "Tariffs were imposed under the International Emergency Economic Powers Act (IEEPA). "
        "IEEPA allows it.",
        "He announced the American First Trade Policy and the plan for Combating Drug Addiction.",
        "The Opioid Crisis is real, officials said of the opioid crisis.",
        "Departments and Agencies shall comply with the National Security Memorandum.",
        "SAFEGUARDING THE NATION: the plan starts today.",
    ],
)
def test_capitalised_things_are_not_actors(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, text)
    unknown = {a for a, ref in doc._.pw_actors.items() if ref.kind in ("person", "organization")}
    assert not unknown, unknown


def test_real_unknown_organisations_and_acronyms_stay(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "The Trilateral Fentanyl Committee (TFC) met on Friday. The TFC agreed on a "
                   "plan. Marco Castillo from Global Exchange urged the National Search "
                   "Commission to act.")  # fmt: skip
    actors = doc._.pw_actors
    assert "trilateral-fentanyl-committee" in actors
    assert "tfc" not in actors  # the acronym is the committee
    assert any(m.text == "TFC" and m.actor == "trilateral-fentanyl-committee"
               for m in doc._.pw_mentions)  # fmt: skip
    assert {"marco-castillo", "global-exchange", "national-search-commission"} <= set(actors)


def test_regions_without_government_are_locations(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Troops were sent to the southern border. Texas sued the government "
                   "under subchapter XXII of chapter 98.")  # fmt: skip
    assert "southern-border" not in doc._.pw_actors
    assert "texas" in doc._.pw_actors  # a state can act
    assert "xxii" not in doc._.pw_actors
    border = [m for m in doc._.pw_mentions if "southern border" in m.text]
    assert border and border[0].actor is None and border[0].label == "LOC"
    assert all(a != "southern-border" for a in doc._.pw_scratch["actor_tokens"].values())


def test_title_words_are_not_organisations(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Treasury Secretary Scott Bessent and Secretary of State Marco Rubio met "
                   "Acting Deputy Secretary of Homeland Security Kristie Canegallo.")  # fmt: skip
    actors = set(doc._.pw_actors)
    assert {"scott-bessent", "marco-rubio"} <= actors
    assert not actors & {"treasury", "state", "homeland-security"}
    assert not any("canegallo" in a and a != "kristie-canegallo" for a in actors)


def test_a_first_name_beside_the_family_name(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Jill and I congratulate President Sheinbaum. Marco called.", "2024-10-01",
              title="Statement from President Joe Biden on the Inauguration")  # fmt: skip
    assert "jill-biden" in doc._.pw_actors
    assert not {"marco", "marco-rubio"} & set(doc._.pw_actors)  # a lone first name


TRANSCRIPT = (
    "PRESIDENT SHEINBAUM called. Mexico, Mexico and Mexico again: the Mexican government "
    "spoke.\n\nTHE PRESIDENT: We will put tariffs on Mexico.\n\nQ Will you talk to Mexico?\n\n"
    "THE PRESIDENT: Yes. The Attorney General will decide.\n"
)


@pytest.mark.parametrize("url", [None, "https://www.whitehouse.gov/remarks/2025/03/x/"])
def test_the_president_of_a_white_house_document(nlp, url: str | None) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, TRANSCRIPT, "2025-03-06", url=url)
    titled = {m.text: m.actor for m in doc._.pw_mentions if m.label == "TITLE"}
    assert titled.get("PRESIDENT") == "donald-trump", doc._.pw_mentions
    assert titled.get("Attorney General") == "pam-bondi"


def test_bare_titles_elsewhere_follow_the_focus_country(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Mexico said Mexico's army and Mexican authorities would act. "
                   "The president said so.", "2025-03-06")  # fmt: skip
    titled = {m.text: m.actor for m in doc._.pw_mentions if m.label == "TITLE"}
    assert titled.get("president") == "claudia-sheinbaum"


def test_organisations_named_with_ordinary_words_stay(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Hamas and the Taliban were named. The Food and Drug Administration and the "
                   "Federal Mine Safety and Health Review Commission agreed. The safety of "
                   "food and drug reviews matters. Our Nation thanks the Delegation.")  # fmt: skip
    actors = set(doc._.pw_actors)
    assert {"hamas", "food-and-drug-administration"} <= actors, actors
    assert "federal-mine-safety-and-health-review-commission" in actors
    assert not actors & {"nation", "delegation"}


def test_titles_that_are_not_descriptions(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "The Honorable Nanette Barragán, United States Representative, will attend. "
                   "We came to see the inauguration of the first woman president of Mexico. "
                   "They will not stop us.", "2024-09-30")  # fmt: skip
    titled = {m.text: m.actor for m in doc._.pw_mentions if m.label == "TITLE"}
    assert "mike-waltz" not in doc._.pw_actors  # her title, not a description
    assert titled.get("first woman president of Mexico") == "claudia-sheinbaum", titled
    assert not any(m.text == "us" and m.actor for m in doc._.pw_mentions)  # a pronoun


def test_countries_the_packs_lack_are_still_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Iran and Syria condemned the strike.")
    actors = doc._.pw_actors
    assert actors["iran"].kind == "country" and actors["iran"].country == "IRN"
    assert actors["syria"].country == "SYR"


def test_an_institution_owned_by_another_country_is_not_the_kbs(nlp) -> None:  # type: ignore[no-untyped-def]
    # the KB knows the US Supreme Court and Senate by those bare words
    actors = run(nlp, "The Ivory Coast's Supreme Court ruled on Friday.")._.pw_actors
    assert "us-supreme-court" not in actors
    assert "supreme-court" in actors and "ivory-coast" in actors
    assert "us-senate" not in run(nlp, "Canada's Senate passed the bill.")._.pw_actors
    # an owner of the same country, or none, keeps the link
    assert "us-supreme-court" in run(nlp, "America's Supreme Court ruled.")._.pw_actors
    assert "us-senate" in run(nlp, "The Senate passed the bill.")._.pw_actors


def test_an_unknown_persons_country_from_the_title_or_the_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = run(
        nlp, "Guatemalan President Bernardo Arevalo met Niger's ambassador Brah Mohamane."
    )._.pw_actors
    assert actors["bernardo-arevalo"].country == "GTM"
    assert actors["brah-mohamane"].country == "NER"
    # a title without its country: the one country the sentence names
    text = "Opposition groups in Zimbabwe are demanding that President Mugabe resign."
    assert run(nlp, text)._.pw_actors["mugabe"].country == "ZWE"
    # two countries named: no guess
    text = "Zimbabwe and Zambia asked President Mugabe to resign."
    assert run(nlp, text)._.pw_actors["mugabe"].country is None
