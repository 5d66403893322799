"""Numeric claims (pw_claims): values, approximations, units, measures, subjects, periods."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.nlp.claims import load_lexicons, parse_number


def _claims(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:  # the real pipeline up to and including ours
        doc = proc(doc)
        if name == "pw_claims":
            break
    return doc._.pw_claims


def _one(claims, value: float):  # type: ignore[no-untyped-def]
    hits = [c for c in claims if c.value is not None and abs(c.value - value) < 1e-6]
    assert hits, f"no claim with value {value} in {[(c.text, c.value) for c in claims]}"
    return hits[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [(["43,118"], 43118), (["1.5", "billion"], 1.5e9), (["twenty", "million"], 2e7),
     (["two", "dozen"], 24), (["three", "hundred", "thousand"], 3e5), (["10,000"], 1e4)],
)
def test_parse_number(words: list[str], value: float) -> None:
    assert parse_number(words, load_lexicons()) == value


def test_seed_figures(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    seeds = shared / "corpus" / "seeds"
    a = _claims(nlp, (seeds / "000_4505c872608d7270.txt").read_text(encoding="utf-8"))
    personnel = _one(a, 10000)
    assert personnel.measure == "personnel" and personnel.approx == "exact"
    shootings = _one(a, 491)
    assert (shootings.measure, shootings.subject, shootings.period) == (
        "shootings", "united-states", "2024")
    missing = _one(a, 121000)
    assert (missing.measure, missing.approx, missing.subject, missing.period) == (
        "missing persons", "over", "mexico", "2024")
    homicides = _one(a, 43118)
    assert (homicides.measure, homicides.subject, homicides.period) == (
        "homicides", "mexico", "2024")
    assert homicides.text == "43,118 homicides"
    agents = _one(a, 3000)
    assert (agents.measure, agents.subject) == ("agents", "mexico")
    # Only the figures: no years, no "two nations", no ordinals.
    assert sorted(c.value for c in a) == [491, 3000, 10000, 43118, 121000]

    b = _claims(nlp, (seeds / "001_cd724d16e6650678.txt").read_text(encoding="utf-8"))
    killed = _one(b, 450000)
    assert (killed.approx, killed.measure, killed.subject) == ("over", "deaths", "mexico")
    assert len(b) == 1  # "first female president", "twenty years", "20 years" are not figures
    text = (seeds / "001_cd724d16e6650678.txt").read_text(encoding="utf-8")
    assert text[killed.start : killed.end] == killed.text


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("More than 2,000 migrants were detained.", 2000, "over"),
        ("Over 300 agents were sent.", 300, "over"),
        ("Nearly 500 troops arrived.", 500, "under"),
        ("Fewer than 40 migrants crossed.", 40, "under"),
        ("About 70 homicides were recorded.", 70, "about"),
        ("Some 3,000 agents were trained.", 3000, "about"),
        ("Up to 10,000 troops could be sent.", 10000, "up_to"),
        ("At least 12 people were killed.", 12, "at_least"),
        ("Officials seized 25 pounds of fentanyl.", 25, "exact"),
    ],
)
def test_approximations(nlp, text: str, value: float, approx: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(_claims(nlp, text), value).approx == approx


def test_words_money_percent_ranges_rates(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(
        nlp,
        "The plan costs $1.5 billion. Mexico spent MXN 300 million on it. Twenty million doses "
        "were sent. Two dozen agents left. A third of migrants stayed. Hundreds of troops "
        "arrived. Between 30 and 40 migrants drowned. A 25% tariff applies. "
        "Smugglers earn 5,000 pesos per day.",
    )
    usd = _one(claims, 1.5e9)
    assert usd.unit == "USD" and usd.measure == "money"
    assert _one(claims, 3e8).unit == "MXN"
    assert _one(claims, 2e7).measure == "doses"
    assert _one(claims, 24).measure == "agents"
    third = _one(claims, 0.3333)
    assert third.unit == "fraction" and third.measure == "migrants share"  # a share, like %
    hundreds = _one(claims, 100)
    assert hundreds.approx == "at_least" and hundreds.measure == "personnel"
    rng = _one(claims, 30)
    assert "40" in rng.text and rng.measure == "migrants"
    tariff = _one(claims, 25)
    assert tariff.unit == "%" and tariff.measure == "tariff rate"
    rate = _one(claims, 5000)
    assert rate.unit == "MXN per day"


def test_hyphen_range_keeps_low_value(nlp) -> None:  # type: ignore[no-untyped-def]
    c = _one(_claims(nlp, "Officials counted 30-40 deaths on the route."), 30)
    assert c.text.startswith("30-40") and c.measure == "deaths"


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was held in 2024 and again in March 2025.",  # dates and years
        "Joe Biden, 81, spoke to reporters about the border.",  # an age
        "1. Secure the border against all threats.",  # an ordinal list number
        "Call the hotline at 202-456-1111 for information.",  # a phone number
        "The briefing began at 2.15pm and ended at 3:30 p.m. EDT.",  # times of day
        "Sec. 2 of the order describes the policy on border security.",  # section number
        "Executive Order 14157 designated the cartels as terrorists.",  # executive order number
        "The protest was held at 1600 Pennsylvania Avenue in Washington.",  # street address
        "Aliens are defined under (8 U.S.C. 1101) as persons without status.",  # legal citation
        "It was the first time the third country agreed to anything.",  # ordinals
        "One of its members said the two nations disagree.",  # small number words
    ],
)
def test_not_claims(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _claims(nlp, text) == []


def test_subject_from_place_and_demonym(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(nlp, "Authorities in Mexico recorded 30,000 homicides. "
                          "The U.S. deported 5,000 Guatemalans.")
    assert _one(claims, 30000).subject == "mexico"
    assert _one(claims, 5000).subject == "guatemala"


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        # drug weights: seizing verbs (CBP "apprehends" drugs), forms kept apart
        ("Last year CBP apprehended more than 21,000 pounds of fentanyl at our borders.",
         21000, "fentanyl seized"),
        ("The DEA has seized more than 25,697 kilograms of fentanyl pills.",
         25697, "fentanyl pills seized"),
        ("The DEA has seized 7,272 kilograms of fentanyl powder.", 7272, "fentanyl powder seized"),
        # what did not happen is not a death toll
        ("Those seizures could kill 9.5 million Americans.", 9.5e6, "potential deaths"),
        ("They seized enough fentanyl to kill more than 4 billion people.", 4e9,
         "potential deaths"),
        ("More than 80,000 of our fellow citizens have died from drug overdoses.", 80000,
         "overdose deaths"),
        ("The cartels led to the overdose deaths of hundreds of thousands of American victims.",
         100000, "overdose deaths"),
        # verbs and nominalised verbs on generic nouns
        ("The Treasury sanctioned over 300 entities and individuals.", 300,
         "entities sanctioned"),
        ("It announced the arrest and prosecution of dozens of high-level drug traffickers.",
         12, "people arrested"),
        ("Prosecutors unsealed indictments against 24 individuals.", 24, "people charged"),
        # tariff rates without the word next to the figure
        ("The order increases the tariff on Canada from 25% to 35%.", 35, "tariff rate"),
        ("The rate of duty shall be reduced to 10 percent in lieu of 25 percent.", 25,
         "tariff rate"),
        # an unknown noun keeps its written plural ("countries", not "country")
        ("The coalition now has more than 150 countries.", 150, "countries"),
        ("The government has set up shelters in nine border cities.", 9, "cities"),
        ("Sales of 68 percent of all drug poisoning deaths were recorded.", 68,
         "overdose deaths share"),
    ],
)
def test_measures(nlp, text: str, value: float, measure: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(_claims(nlp, text), value).measure == measure


def test_ellipsis_takes_the_previous_measure(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(nlp, "The CDC estimated about 80,000 overdose deaths in 2024, down from "
                          "about 110,000 in 2023. CBP seized about 21,900 pounds of fentanyl "
                          "in fiscal year 2024, down from about 27,000 pounds in fiscal year 2023.")
    earlier = _one(claims, 110000)
    assert (earlier.measure, earlier.period) == ("overdose deaths", "2023")
    assert _one(claims, 27000).measure == "fentanyl seized"
    assert _one(claims, 27000).period == "FY2023"


def test_periods(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("Since 2023, the DEA has seized 900 kilograms of fentanyl. Last fiscal "
                       "year, CBP seized 21,000 pounds of fentanyl. In the last two years "
                       "officials deported 5,000 migrants.")
    import datetime

    doc._.pw_dct = datetime.date(2025, 3, 3)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "pw_claims":
            break
    claims = doc._.pw_claims
    assert _one(claims, 900).period == "2023/PRESENT_REF"  # counted from a date
    assert _one(claims, 21000).period == "FY2024"  # last fiscal year as of March 2025
    assert _one(claims, 5000).period is None  # a duration is not a period


def test_subjects_precision_first(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(nlp, "The Centers for Disease Control and Prevention estimated about "
                          "80,000 overdose deaths. Sheinbaum promised to send 10,000 troops. "
                          "Mexican officials say 70 percent of the guns recovered at crime "
                          "scenes in Mexico came from the United States.")
    assert _one(claims, 80000).subject is None  # the reporting agency is not the subject
    assert _one(claims, 10000).subject is None  # nor is a person
    assert _one(claims, 70).subject == "mexico"  # the participle's place, not "came from"


@pytest.mark.parametrize(
    "text",
    [
        "Our two countries have agreed to two concrete steps.",  # counting what the text names
        "I have two questions for the three countries.",
        "The PRC is pursuing charges against one of the charged individuals.",  # "one" pronoun
        "We process them under our Title 8 authorities, not Title 42.",  # legal titles
        "Agents work 24/7 at the border since the 9/11 attacks.",  # 24/7, 9/11
        "President Trump signed Executive Order 14193 and H.R. 40 passed.",  # identifiers
        "The G7 met after MS-13 was designated.",  # names with numbers
    ],
)
def test_not_claims_counting_words(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _claims(nlp, text) == []


def test_tariff_rate_subject_from_the_tariff_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    c = _one(_claims(nlp, "The order increases the tariff on Canada from 25% to 35%."), 35)
    assert (c.measure, c.subject) == ("tariff rate", "canada")


def test_period_comes_from_the_figures_own_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    import datetime

    doc = nlp.make_doc(
        "Mexico sent 29 prisoners to the United States, including Rafael Caro Quintero, who "
        "was wanted for the 1985 murder of a DEA agent. About 70 percent of the guns "
        "recovered in Mexico in 2022 were traced to the United States.")
    doc._.pw_dct = datetime.date(2025, 2, 28)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    claims = doc._.pw_claims
    # 1985 dates the murder, a relative clause about one of them, not the transfer.
    assert _one(claims, 29).period != "1985"
    # A participle restricting what is counted keeps its date.
    assert _one(claims, 70).period == "2022"
