"""A title written in the feminine never resolves to a man (kb/data/genders.yaml).

"la presidenta de México" before Claudia Sheinbaum took office names nobody the KB
knows (Andrés Manuel López Obrador was president); after 2024-10-01 it is her.
Masculine forms are used for everyone and English titles have no gender: they never
filter.  Checked on the KB resolver and on the Spanish linker (es_core_news_sm).
"""

from __future__ import annotations

import pytest

from presswatch.kb import load_kb
from presswatch.kb.resolve import title_gender
from presswatch.nlp.pipeline import load_pipeline, make_doc
from presswatch.records import Article
from presswatch.settings import Settings

AMLO = "andres-manuel-lopez-obrador"
SHEINBAUM = "claudia-sheinbaum"


@pytest.fixture(scope="module")
def kb_es():  # type: ignore[no-untyped-def]
    return load_kb((), "es")


@pytest.fixture(scope="module")
def nlp_es():  # type: ignore[no-untyped-def]
    return load_pipeline(Settings(workers=1), lang="es")


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("la presidenta de México", "female"),
        ("la canciller", "female"),  # the noun is the same in both genders: "la" decides
        ("secretaria de Seguridad Nacional", "female"),
        ("la expresidenta", "female"),
        ("el presidente de México", None),
        ("secretario de la Defensa", None),  # "la" after "de" belongs to the department
        ("the president", None),
        ("the congresswoman", "female"),
    ],
)
def test_title_gender(text: str, gender: str | None) -> None:
    assert title_gender(text) == gender


@pytest.mark.parametrize(
    ("text", "date", "actor"),
    [
        ("la presidenta de México", "2024-06-15", None),
        ("la presidenta de México", "2024-10-01", SHEINBAUM),  # both in office that day
        ("la presidenta de México", "2025-03-01", SHEINBAUM),
        ("la mandataria", "2024-06-15", None),
        ("el presidente de México", "2024-06-15", AMLO),
        # Alicia Bárcena was foreign secretary until 2024-09-30, then a man
        ("la canciller", "2024-06-15", "alicia-barcena"),
        ("la canciller", "2025-03-01", None),
        ("el canciller", "2025-03-01", "juan-ramon-de-la-fuente"),
        ("la secretaria de Seguridad Nacional", "2025-03-01", "kristi-noem"),
    ],
)
def test_feminine_titles_never_resolve_to_a_man(kb_es, text: str, date: str,
                                                actor: str | None) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    res = kb_es.resolve(text, date)
    assert res is not None
    assert res.id == actor
    if actor is None:
        assert res.kind == "person" and res.sector == "GOV"  # still a described official


def test_english_president_is_genderless() -> None:
    kb = load_kb()
    res = kb.resolve("the Mexican president", "2024-06-15")
    assert res is not None and res.id == AMLO


def _links(nlp, text: str, date: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    doc = nlp(make_doc(nlp, Article(id="g", text=text, published=date, language="es")))
    return {m.text: m.actor for m in doc._.pw_mentions}


def test_linker_leaves_la_presidenta_unlinked_before_sheinbaum(nlp_es) -> None:  # type: ignore[no-untyped-def]
    text = "La presidenta de México dijo que no habrá acuerdo con Washington."
    before = _links(nlp_es, text, "2024-06-15")
    assert AMLO not in before.values(), before
    after = _links(nlp_es, text, "2025-03-01")
    assert SHEINBAUM in after.values(), after
    # the masculine form still names the man in office
    masc = _links(nlp_es, "El presidente de México dijo que no habrá acuerdo.", "2024-06-15")
    assert AMLO in masc.values(), masc
