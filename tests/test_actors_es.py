"""Spanish actor precision: what a Spanish article names without it being an actor.

Places of an event ("a Baja California, Sonora y Tamaulipas", "los albergues de Tijuana"),
a dateline's state abbreviation ("GUADALAJARA, Jal.—"), common nouns that spell a KB name
in lower case ("el paso"), "EU" (Estados Unidos, not the European Union), one official
("la funcionaria estadounidense") and bodies NER cuts short ("La Fiscalía del Estado",
"Smith & Wesson", "el colectivo Guerreros Buscadores de Jalisco").  Sentences written
for this test (real facts, our own words).
"""

from __future__ import annotations

import pytest

from presswatch.nlp.pipeline import load_pipeline, make_doc
from presswatch.records import Article
from presswatch.settings import Settings


@pytest.fixture(scope="module")
def nlp_es():  # type: ignore[no-untyped-def]
    return load_pipeline(Settings(workers=1), lang="es")


def _doc(nlp, text: str, title: str | None = None):  # type: ignore[no-untyped-def]
    art = Article(id="d", text=text, title=title, published="2025-03-06", language="es")
    return nlp(make_doc(nlp, art))


def _linked(doc) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {m.text: m.actor for m in doc._.pw_mentions}


def test_places_of_an_event_are_mentions_not_actors(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp_es,
        "Ayer comenzaron a llegar los elementos de la Guardia Nacional a Baja "
        "California, Sonora y Tamaulipas. Los albergues de Tijuana están llenos.",
    )
    got = _linked(doc)
    for place in ("Baja California", "Sonora", "Tamaulipas", "Tijuana"):
        assert got.get(place, "missing") is None, (place, got)
    assert not {"sonora", "tamaulipas", "tijuana", "baja-california"} & set(doc._.pw_actors)
    assert got.get("Guardia Nacional") == "guardia-nacional"


def test_a_state_that_acts_stays_an_actor(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp_es,
        "Sinaloa anunció un nuevo plan de seguridad. El gobierno de Jalisco "
        "pidió apoyo a la federación.",
    )
    assert "sinaloa" in doc._.pw_actors
    assert "jalisco" in doc._.pw_actors


def test_dateline_with_state_abbreviation_and_group_with_its_place(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp_es,
        "GUADALAJARA, Jal.— Integrantes del colectivo Guerreros Buscadores de "
        "Jalisco localizaron el miércoles pasado restos en un rancho.",
    )
    got = _linked(doc)
    assert got.get("GUADALAJARA", "missing") is None
    assert "guerreros-buscadores-de-jalisco" in doc._.pw_actors, got
    assert "jalisco" not in doc._.pw_actors


def test_lower_case_words_and_eu(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp_es,
        "El gobierno afirmó que no ha frenado el paso de fentanilo.",
        title="La Corte Suprema de EU desecha la demanda; madres buscadoras protestan",
    )
    assert "el-paso" not in doc._.pw_actors
    assert "madres-buscadoras-de-sonora" not in doc._.pw_actors
    assert "european-union" not in doc._.pw_actors
    doc = _doc(nlp_es, "El Departamento de Estado de EU designó a seis cárteles.")
    assert "united-states" in doc._.pw_actors
    assert "european-union" not in doc._.pw_actors


def test_one_official_is_not_the_country(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "La funcionaria estadounidense agradeció el envío de tropas.")
    assert "united-states" not in doc._.pw_actors
    doc = _doc(nlp_es, "Los funcionarios estadounidenses agradecieron el envío de tropas.")
    assert "united-states" in doc._.pw_actors


def test_bodies_ner_cuts_short(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp_es,
        "La Fiscalía del Estado informó que el lugar fue usado por criminales. "
        "La Corte falló a favor de Smith & Wesson y de otras empresas.",
    )
    assert "fiscalia-del-estado" in doc._.pw_actors, _linked(doc)
    assert "smith-wesson" in doc._.pw_actors, _linked(doc)


def test_siblings_share_the_family_name(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp_es,
        "Entre ellos viajaron también los hermanos Miguel Ángel y Omar Treviño Morales, "
        "antiguos líderes de Los Zetas.",
    )
    assert "miguel-angel-trevino-morales" in doc._.pw_actors, _linked(doc)
    assert "miguel-angel" not in doc._.pw_actors


def test_unnamed_groups_are_not_actors(nlp_es) -> None:  # type: ignore[no-untyped-def]
    from presswatch.nlp.convert import doc_to_analysis

    doc = _doc(
        nlp_es,
        "El Departamento de Estado designó a seis cárteles mexicanos como organizaciones "
        "terroristas.",
    )
    result = doc_to_analysis(doc)
    ids = {a.id for a in result.actors}
    assert "organizaciones" not in ids
    assert "us-state-department" in ids
    for e in result.events:
        assert set(e.source) | set(e.target) <= ids
