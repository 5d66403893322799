"""The world's countries in the places pack: names, former names, capitals and demonyms
resolve to the country; the ambiguous ones (a US state, a person's name, an ordinary
word, a language, an ethnic group) do not (docs/KB.md, "Countries")."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from presswatch.kb import load_kb
from presswatch.nlp.pipeline import make_doc
from presswatch.records import Article


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_kb()


def link(nlp, text: str, date: str = "2025-03-03") -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """Mention text -> actor id after the actor linker."""
    doc = make_doc(nlp, Article(id="t", text=text, published=date))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
        if proc.__class__.__name__ == "ActorLinker":
            break
    return {m.text: m.actor for m in doc._.pw_mentions}


def test_every_country_of_the_reference_list_is_a_kb_country(kb, shared: Path) -> None:  # type: ignore[no-untyped-def]
    """Every ISO country of NGEC's countries.csv (the PLOVER reference list) is a
    `kind: country` actor, and the news' territories and entities too."""
    codes = {a.country for a in kb if a.kind == "country"}
    with (shared / "reference/plover/countries.csv").open(encoding="utf-8") as f:
        listed = {row["CCA3"] for row in csv.DictReader(f)}
    # not ISO countries: the EU and UN rows, breakaway regions ("GEOPRE"), NGEC's typos
    missing = {c for c in listed if len(c) == 3 and c not in {"EUR", "UNO"}} - codes
    assert not missing
    assert {"PSE", "XKX", "TWN", "HKG", "ESH", "SSD", "VAT", "GRL"} <= codes


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Azerbaijani parliament", "AZE", "LEG"),
        ("Sudanese government", "SDN", "GOV"),
        ("Burundian militiamen", "BDI", None),
        ("Fijian rebels", "FJI", "REB"),
        ("Ivory Coast rebels", "CIV", "REB"),
        ("Côte d'Ivoire", "CIV", None),
        ("Bangladesh", "BGD", None),
        ("Burma", "MMR", None),
        ("Swaziland", "SWZ", None),
        ("Macedonia", "MKD", None),
        ("Kinshasa", "COD", None),
        ("Congolese refugees", "COD", None),  # "Congo"/"Congolese" alone: the DRC
        ("Brazzaville", "COG", None),
        ("Republic of the Congo", "COG", None),
        ("South Sudanese officials", "SSD", "GOV"),
        ("Sudanese officials", "SDN", "GOV"),
        ("Nigerien soldiers", "NER", "MIL"),
        ("Nigerian soldiers", "NGA", "MIL"),
        ("Equatorial Guinean authorities", "GNQ", "GOV"),
        ("Guinean authorities", "GIN", "GOV"),
        ("Jordanian officials", "JOR", "GOV"),
        ("Amman", "JOR", None),
        ("Georgian President", "GEO", None),
        ("Tbilisi", "GEO", None),
        ("the Vatican", "VAT", None),
        ("Kosovar police", "XKX", "COP"),
        ("Belgrade", "SRB", None),
    ],
)
def test_country_words_resolve(kb, text: str, country: str, sector: str | None) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve(text)
    assert res is not None and res.country == country, res
    if sector is not None:
        assert res.sector == sector, res


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Georgia", "georgia-state"),  # the US state; the country is "Republic of Georgia"
        ("Republic of Georgia", "georgia"),
        ("Brussels", "european-union"),  # Brussels speaks for the EU, not Belgium
        ("Washington", "united-states"),
    ],
)
def test_ambiguous_names_keep_their_usual_referent(kb, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve(text)
    assert res is not None and res.id == expected, res


def test_a_countrys_parliament_is_the_country(kb) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve("The Azerbaijani parliament")
    assert res is not None and (res.id, res.sector) == ("azerbaijan", "LEG")


def test_a_language_alone_is_no_country(kb) -> None:  # type: ignore[no-untyped-def]
    for word in ("Albanian", "Greek", "Swedish", "Thai"):
        assert kb.resolve(word) is None, word
    assert kb.resolve("Greek authorities").country == "GRC"  # type: ignore[union-attr]


def test_korea_alone_names_neither_korea(kb) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve("Korea")
    assert res is None or res.country not in ("KOR", "PRK")


# -- in running text -----------------------------------------------------------------


def test_world_news_actors_link(nlp) -> None:  # type: ignore[no-untyped-def]
    got = link(
        nlp,
        "The Azerbaijani parliament threatened to break relations with Russia. "
        "Bangladesh rejected the plan. Ivory Coast rebels dismissed the appeal, and "
        "the Sudanese government and South Sudanese officials met in Juba.",
    )
    assert got.get("Azerbaijani parliament") == "azerbaijan"
    assert got.get("Bangladesh") == "bangladesh"
    assert got.get("Ivory Coast") == "ivory-coast"
    assert got.get("Sudanese government") == "sudan"
    assert got.get("South Sudanese officials") == "south-sudan"
    assert got.get("Juba") == "south-sudan"


def test_georgia_in_us_coverage_is_the_state(nlp) -> None:  # type: ignore[no-untyped-def]
    got = link(nlp, "Georgia Gov. Brian Kemp signed the bill in Atlanta on Tuesday.")
    assert got.get("Georgia") == "georgia-state"
    assert "georgia" not in got.values()


def test_a_country_in_a_persons_name_is_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    got = link(
        nlp,
        "Rep. Jim Jordan questioned the secretary on Tuesday. Jordan said the border was "
        "open. Jordan and Egypt agreed to reopen the crossing.",
    )
    assert got.get("Jim Jordan") == "jim-jordan"
    assert "jordan" in got.values()  # the country, in the last sentence
    assert list(got.values()).count("jordan") == 1


def test_a_country_in_a_treaty_or_a_long_name_is_not_the_country(nlp) -> None:  # type: ignore[no-untyped-def]
    got = link(
        nlp,
        "The US did not ratify the Stockholm Convention on Persistent Organic Pollutants. "
        "The Stockholm Convention bans the chemicals. Agents arrested Jordan Mauricio "
        "Meza-Esquibel in Texas. President Trump reinstated the Mexico City Policy.",
    )
    assert not {"sweden", "jordan", "mexico"} & set(got.values())
    assert got.get("Jordan Mauricio Meza-Esquibel") == "jordan-mauricio-meza-esquibel"


def test_a_country_s_possessive_before_an_unknown_person(nlp) -> None:  # type: ignore[no-untyped-def]
    got = link(nlp, "President Trump hosted Jordan’s King Abdullah II at the White House.")
    assert got.get("Jordan") == "jordan"
    assert got.get("King Abdullah II") == "king-abdullah-ii"


def test_lower_case_words_are_not_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    got = link(nlp, "The President pardoned a turkey. The shop sells guinea pigs. Turkey agreed.")
    assert "turkey" not in got  # the bird
    assert "guinea" not in got
    assert got.get("Turkey") == "turkey"


def test_demonym_as_language_and_coordinated_demonyms(nlp) -> None:  # type: ignore[no-untyped-def]
    spoke = link(nlp, "She speaks Albanian and Greek fluently, the court heard.")
    assert not {"albania", "greece"} & set(spoke.values())
    both = link(nlp, "Senior Hungarian and Romanian officials agreed to cooperate.")
    assert {"hungary", "romania"} <= set(both.values())


def test_ethnic_group_is_not_the_state(nlp) -> None:  # type: ignore[no-untyped-def]
    # the PLOVER gold codes such groups by where they live (MKD, SRB), never ALB
    got = link(nlp, "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.")
    assert "albania" not in got.values()
    assert got.get("Serbia") == "serbia"
