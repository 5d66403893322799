"""The knowledge base: pack validation, roles over time, resolve, importers, the kb CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from presswatch.errors import KBError
from presswatch.kb import KINDS, SECTORS, load_kb, read_pack, shipped_packs
from presswatch.kb.model import iso3_codes

FIXTURES = Path(__file__).parent / "fixtures" / "kb"


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_kb()


# -- the shipped packs ---------------------------------------------------------------


def test_every_shipped_actor_is_valid(kb) -> None:  # type: ignore[no-untyped-def]
    ids: list[str] = []
    for path in shipped_packs():
        pack = read_pack(path, {} if path.name == "places.yaml" else None)
        ids.extend(a.id for a in pack.actors)
    assert len(ids) == len(set(ids)), "an id is used in two packs"
    for actor in kb:
        assert actor.kind in KINDS
        assert actor.country is None or actor.country in iso3_codes(), actor.id
        assert actor.sector is None or actor.sector in SECTORS, actor.id
        for role in actor.roles:
            for d in (role.start, role.end):
                if d is not None:
                    dt.date.fromisoformat(d)
            assert not (role.start and role.end and role.end < role.start), actor.id
            assert role.country is None or role.country in iso3_codes(), actor.id
            assert role.sector in SECTORS, (actor.id, role.title)


def test_pack_states_its_as_of_date(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.as_of == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("title", "country", "date", "expected"),
    [
        ("president", "USA", "2017-01-20", {"donald-trump", "barack-obama"}),  # inauguration day
        ("president", "USA", "2021-06-01", {"joe-biden"}),
        ("president", "USA", "2025-03-31", {"donald-trump"}),
        ("president-elect", "USA", "2024-12-01", {"donald-trump"}),
        ("president-elect", "USA", "2020-12-01", {"joe-biden"}),
        ("president", "MEX", "2018-06-01", {"enrique-pena-nieto"}),
        ("president-elect", "MEX", "2018-08-01", {"andres-manuel-lopez-obrador"}),
        ("president", "MEX", "2020-01-01", {"andres-manuel-lopez-obrador"}),
        ("president-elect", "MEX", "2024-07-15", {"claudia-sheinbaum"}),
        ("president", "MEX", "2024-10-01", {"claudia-sheinbaum"}),
        ("vice president", "USA", "2019-01-01", {"mike-pence"}),
        ("vice president", "USA", "2023-01-01", {"kamala-harris"}),
        ("vice president", "USA", "2025-06-01", {"jd-vance"}),
        ("secretary of state", "USA", "2019-01-01", {"mike-pompeo"}),
        ("secretary of homeland security", None, "2023-05-01", {"alejandro-mayorkas"}),
        ("DHS secretary", None, "2025-03-28", {"kristi-noem"}),
        ("attorney general", "USA", "2025-06-01", {"pam-bondi"}),
        ("attorney general", "MEX", "2025-12-15", {"ernestina-godoy"}),
        ("attorney general", "MEX", "2025-06-01", {"alejandro-gertz-manero"}),
        ("DEA administrator", None, "2025-09-01", {"terrance-cole"}),
        ("foreign secretary", "MEX", "2024-12-01", {"juan-ramon-de-la-fuente"}),
        ("economy secretary", "MEX", "2025-02-01", {"marcelo-ebrard"}),
        ("security secretary", "MEX", "2025-02-01", {"omar-garcia-harfuch"}),
        ("ambassador to Mexico", "USA", "2025-08-01", {"ronald-johnson"}),
        ("press secretary", "USA", "2024-05-01", {"karine-jean-pierre"}),
        ("secretary of war", "USA", "2025-10-01", {"pete-hegseth"}),
    ],
)
def test_holders_on_a_date(kb, title, country, date, expected) -> None:  # type: ignore[no-untyped-def]
    assert {a.id for a in kb.holders(title, country, date)} == expected


def test_sector_follows_the_role_held_on_the_date(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.sector_at("angela-merkel", "2017-04-01")[0] == "GOV"
    assert kb.sector_at("angela-merkel", "2022-01-01")[0] == "ELI"
    assert kb.sector_at("donald-trump", "2022-01-01")[0] == "ELI"  # between terms
    assert kb.sector_at("donald-trump", "2025-03-31")[0] == "GOV"
    assert kb.sector_at("sinaloa-cartel", "2025-03-31")[0] == "CRM"


def test_match_title_current_former_future_never(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.match_title("donald-trump", "former U.S. President", "2025-04-16") == "current"
    assert kb.match_title("joe-biden", "former president", "2025-04-16") == "former"
    assert kb.match_title("claudia-sheinbaum", "Mexican president", "2024-07-01") == "future"
    assert kb.match_title("kristi-noem", "United States Secretary of Security",
                          "2025-03-31") == "never"  # fmt: skip
    assert kb.match_title("kristi-noem", "Secretary of Homeland Security", "2025-03-31") == (
        "current"
    )
    assert "secretary of homeland security" in kb.titles_of("kristi-noem")


# -- resolve ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "context", "expected"),
    [
        ("Armenian Prime Minister", "2020-01-01", None, (None, "ARM", "GOV")),
        ("Mexican authorities", None, None, ("mexico", "MEX", "GOV")),
        ("American warplanes", None, None, ("united-states", "USA", "MIL")),
        ("the DEA", None, None, ("dea", "USA", "COP")),
        ("Los Zetas", None, None, ("los-zetas", "MEX", "CRM")),
        ("the PRI", None, None, ("pri", "MEX", "PTY")),
        ("retired vice president", None, None, (None, None, "ELI")),
        ("Angela Merkel", "2017-04-01", None, ("angela-merkel", "DEU", "GOV")),
        ("Angela Merkel", "2022-06-01", None, ("angela-merkel", "DEU", "ELI")),
        ("the Mexican president", "2025-03-31", None, ("claudia-sheinbaum", "MEX", "GOV")),
        (
            "Mexico's first female president",
            "2025-03-31",
            None,
            ("claudia-sheinbaum", "MEX", "GOV"),
        ),
        (
            "the U.S. secretary of homeland security",
            "2025-03-31",
            None,
            ("kristi-noem", "USA", "GOV"),
        ),
        (
            "the president",
            "2023-03-01",
            "talks in Mexico City",
            ("andres-manuel-lopez-obrador", "MEX", "GOV"),
        ),
        ("Lopez Obrador", "2025-01-01", None, ("andres-manuel-lopez-obrador", "MEX", "ELI")),
        ("Sheinbaum's", "2025-03-31", None, ("claudia-sheinbaum", "MEX", "GOV")),
        ("Washington", None, None, ("united-states", "USA", None)),
        ("Beijing", None, None, ("china", "CHN", None)),
        ("Department of War", None, None, ("pentagon", "USA", "MIL")),
    ],
)
def test_resolve(kb, text, date, context, expected) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve(text, date, context)
    assert res is not None
    got = (res.id, res.country, res.sector)
    if expected[0] is None:
        got = (None, res.country, res.sector)
    assert got == expected


def test_resolve_unknown_text_is_none(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.resolve("the weather", "2025-01-01") is None


# -- validation errors name the file and the actor ---------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("actors:\n- {id: Bad Id, name: X, kind: person}\n", "readable slug"),
        ("actors:\n- {id: x, name: X, kind: robot}\n", "kind 'robot'"),
        ("actors:\n- {id: x, name: X, kind: person, country: MX}\n", "ISO 3166-1 alpha-3"),
        (
            "actors:\n- {id: x, name: X, kind: person, roles: [{title: T, sector: GOV,"
            " start: 2020-01-01, end: 2019-01-01}]}\n",
            "ends (2019-01-01) before it starts",
        ),
        (
            "actors:\n- {id: x, name: X, kind: person, roles: [{title: T, start: 2020-02-30}]}\n",
            "is not a date",
        ),
        (
            "actors:\n- {id: x, name: X, kind: person, roles: [{office: nope}]}\n",
            "unknown office 'nope'",
        ),
        ("actors:\n- {id: x, name: X, kind: person, sector: XYZ}\n", "not a PLOVER sector"),
        (
            "actors:\n- {id: x, name: X, kind: person}\n- {id: x, name: Y, kind: person}\n",
            "used twice",
        ),
        ("actors: [\n", "not valid YAML"),
        ("people: []\n", "`actors:` list"),
    ],
)
def test_validation_errors(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "bad_pack.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(KBError) as e:
        read_pack(p)
    assert message in str(e.value)
    assert "bad_pack.yaml" in str(e.value)


def test_extra_pack_adds_and_overrides(tmp_path: Path) -> None:
    p = tmp_path / "extra.yaml"
    p.write_text(
        "pack: extra\nas_of: 2025-12-31\nactors:\n"
        "- {id: rosa-perez, name: Rosa Pérez, kind: person, country: MEX, gender: female,\n"
        "   roles: [{office: mex-governor, title: Governor of Sonora, start: 2030-01-01}]}\n",
        encoding="utf-8",
    )
    kb = load_kb((p,))
    assert kb.get("rosa-perez") is not None
    assert kb.match_title("rosa-perez", "governor", "2025-01-01") == "future"
    assert load_kb((p,)) is kb  # cached per tuple of paths
    assert load_kb() is not kb


# -- importers -------------------------------------------------------------------


def test_wikidata_importer_fixture(tmp_path: Path) -> None:
    from presswatch.kb.importers import dump_pack, import_source

    pack = import_source("wikidata", FIXTURES / "wikidata_sample.jsonl")
    by_id = {a["id"]: a for a in pack["actors"]}
    assert set(by_id) == {"ana-torres-vega", "bruno-rios"}  # the non-human is skipped
    ana = by_id["ana-torres-vega"]
    assert ana["country"] == "MEX" and ana["gender"] == "female" and ana["wikidata"] == "Q100001"
    assert "Anita Torres" in ana["aliases"] and "Ana Torres" in ana["aliases"]
    gov, sen = ana["roles"]
    assert (gov["title"], gov["start"], gov["end"], gov["sector"]) == (
        "Governor of Sonora", "2019-01-15", "2023-06-30", "GOV",
    )  # fmt: skip
    assert (sen["title"], sen["start"], sen["sector"], sen["country"]) == (
        "Senator of the Republic", "2024-10-01", "LEG", "MEX",
    )  # fmt: skip
    bruno = by_id["bruno-rios"]
    assert bruno["country"] == "ARM"  # from the country item's own P298
    assert bruno["roles"][0]["title"] == "Q999999" and bruno["roles"][0]["start"] == "2020-01-01"
    out = tmp_path / "wd.yaml"
    out.write_text(dump_pack(pack), encoding="utf-8")
    loaded = read_pack(out)
    assert {a.id for a in loaded.actors} == set(by_id)


def test_phoenix_importer_on_the_real_dictionary(shared: Path, tmp_path: Path) -> None:
    from presswatch.kb.importers.phoenix import read_actors, to_pack

    path = shared / "reference" / "phoenix" / "Phoenix.Countries.actors.txt"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("MEXICO_"))
    end = next(i for i, line in enumerate(lines) if line.startswith("ARTURO_CHAVEZ_CHAVEZ_"))
    pack = to_pack(read_actors(lines[start:end], "slice"), "phoenix-slice", "test")
    by_id = {a["id"]: a for a in pack["actors"]}
    assert by_id["mexico"]["kind"] == "country" and by_id["mexico"]["country"] == "MEX"
    assert "Mexico City" in by_id["mexico"]["aliases"]
    zedillo = by_id["ernesto-zedillo"]
    assert zedillo["kind"] == "person"
    assert [(r["sector"], r["start"], r["end"]) for r in zedillo["roles"]] == [
        ("GOV", "1994-12-01", "2000-11-30")
    ]
    amlo = by_id["andres-manuel-lopez-obrador"]
    assert amlo["roles"][0]["start"] == "2003-01-01"  # Phoenix stops at his time as mayor
    out = tmp_path / "phoenix.yaml"
    from presswatch.kb.importers import dump_pack

    out.write_text(dump_pack(pack), encoding="utf-8")
    assert len(read_pack(out).actors) == len(pack["actors"])


def test_phoenix_agents_become_the_sector_table(shared: Path) -> None:
    from presswatch.kb.importers.phoenix import read_agents
    from presswatch.kb.resolve import agent_sectors

    path = shared / "reference" / "phoenix" / "Phoenix.agents.txt"
    table = read_agents(path.read_text(encoding="utf-8", errors="replace").splitlines())
    assert table["police"] == "COP" and table["cartel"] == "CRM" and table["warplane"] == "MIL"
    shipped = agent_sectors()
    # the shipped table is derived from that file: every derived entry is in it
    assert all(shipped.get(k) is not None for k in table)


# -- the CLI ----------------------------------------------------------------------


def test_cli_kb_resolve_json(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("kb", "resolve", "the Mexican president", "--date", "2025-03-31", "--json")
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout)
    assert (row["id"], row["kind"], row["country"], row["sector"]) == (
        "claudia-sheinbaum", "person", "MEX", "GOV",
    )  # fmt: skip


def test_cli_kb_resolve_stdin_in_order(cli) -> None:  # type: ignore[no-untyped-def]
    lines = [
        {"text": "Angela Merkel", "date": "2017-04-01"},
        {"text": "Angela Merkel", "date": "2022-04-01"},
        {"text": "the DEA"},
        {"text": "former president", "context": "in Washington"},
    ]
    r = cli("kb", "resolve", "-", input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["sector"] for x in rows] == ["GOV", "ELI", "COP", "ELI"]
    assert rows[3]["country"] == "USA"


def test_cli_kb_errors_are_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("kb", "show", "no-such-actor")
    assert r.returncode == 1 and "no actor with id 'no-such-actor'" in r.stderr
    assert "Traceback" not in r.stderr
    r = cli("kb", "resolve", "x", "--date", "2025-02-30")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr
    r = cli("kb", "resolve", "-", input='{"text": "the DEA"}\nnot json\n')
    assert r.returncode == 1 and "stdin line 2" in r.stderr
    assert json.loads(r.stdout.splitlines()[0])["id"] == "dea"


def test_cli_kb_list_and_show(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("kb", "list", "--kind", "person", "--country", "MEX", "--json")
    rows = json.loads(r.stdout)
    ids = {x["id"] for x in rows}
    assert {"claudia-sheinbaum", "omar-garcia-harfuch"} <= ids
    assert all(x["kind"] == "person" and x["country"] == "MEX" for x in rows)
    r = cli("kb", "show", "kristi-noem", "--json")
    data = json.loads(r.stdout)
    assert data["roles"][-1]["title"] == "Secretary of Homeland Security"


def test_cli_kb_import(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "wd.yaml"
    r = cli("kb", "import", "wikidata", str(FIXTURES / "wikidata_sample.jsonl"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "2 actors" in r.stderr
    r = cli("kb", "show", "ana-torres-vega", "--pack", str(out), "--json")
    assert json.loads(r.stdout)["country"] == "MEX"
    r = cli("kb", "import", "dbpedia", str(out), "--out", str(out))
    assert r.returncode == 2 and "unknown source" in r.stderr


def test_resolve_unknown_person_takes_the_organisation_from_context(kb) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve("Marco Castillo", "2025-03-31", "Marco Castillo from Global Exchange urged")
    assert res is not None and not res.known
    assert (res.id, res.kind, res.country, res.sector) == ("marco-castillo", "person", "USA", "NGO")


#: Ids other components and the gold files rely on (readable slugs fixed by the brief).
REQUIRED_IDS = (
    "claudia-sheinbaum donald-trump kristi-noem andres-manuel-lopez-obrador united-states "
    "mexico canada china sinaloa-cartel cjng dhs cbp ice dea atf us-national-security-council "
    "guardia-nacional fgr sedena semar joe-biden jd-vance marco-rubio pam-bondi scott-bessent "
    "howard-lutnick pete-hegseth jamieson-greer tom-homan terrance-cole kash-patel ken-salazar "
    "ronald-johnson karoline-leavitt karine-jean-pierre john-kirby jake-sullivan "
    "juan-ramon-de-la-fuente omar-garcia-harfuch ricardo-trevilla-trejo ernestina-godoy "
    "marcelo-ebrard esteban-moctezuma los-chapitos la-mayiza los-zetas tren-de-aragua ms-13 "
    "nemesio-oseguera-cervantes rafael-caro-quintero morena pan pri prd movimiento-ciudadano "
    "republican-party democratic-party global-exchange colectivo-luz-de-esperanza "
    "human-rights-watch amnesty-international wola european-union texas sonora jalisco"
).split()


def test_pack_covers_the_required_actors(kb) -> None:  # type: ignore[no-untyped-def]
    missing = [i for i in REQUIRED_IDS if kb.get(i) is None]
    assert missing == []
    americas = (
        "USA MEX CAN GTM BLZ HND SLV NIC CRI PAN CUB HTI DOM JAM "
        "COL VEN ECU PER BOL BRA CHL ARG URY PRY GUY SUR"
    )
    countries = {a.country for a in kb if a.kind == "country"}
    assert set(americas.split()) <= countries
    assert sum(1 for a in kb if a.kind == "region" and a.country == "USA") >= 50
    assert sum(1 for a in kb if a.kind == "region" and a.country == "MEX") >= 31


# -- context: Mexico's Congress, the Spanish language -------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "actor"),
    [
        ("Congress", "Mexico's Congress approved the reform", "mexican-congress"),
        ("Congress", "Mexico’s Congress approved the reform", "mexican-congress"),
        ("Congress", "the Mexican Congress approved the reform", "mexican-congress"),
        ("Congress", "Trump urged Congress to act on Mexico", "us-congress"),
        ("Congress", None, "us-congress"),
        ("Mexico", "the Bank of Mexico cut rates", "mexico"),  # a body's name, not Mexico's
    ],
)
def test_congress_follows_the_country_written_before_it(kb, text, context, actor) -> None:  # type: ignore[no-untyped-def]
    res = kb.resolve(text, "2025-06-01", context)
    assert res is not None and res.id == actor


def test_spanish_congress_is_mexican_unless_the_context_says_otherwise() -> None:
    kb_es = load_kb((), "es")
    assert kb_es.resolve("el Congreso", "2025-06-01").id == "mexican-congress"  # type: ignore[union-attr]
    res = kb_es.resolve("Senado", "2025-06-01", "el Senado de Estados Unidos aprobó la ley")
    assert res is not None and res.id == "us-senate"


def test_a_language_is_not_its_country(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.resolve("Spanish", "2025-06-01", "she spoke in Spanish") is None
    res = kb.resolve("Spanish authorities", "2025-06-01")
    assert res is not None and res.id == "spain"


def test_phoenix_importer_skips_an_unreadable_code_and_says_where(
    shared: Path, tmp_path: Path, cli: Any
) -> None:
    """The real dictionary has a few malformed dates ("[ARMUNR 9008223-911221]"): the
    import goes on without that one role and names each in one warning line."""
    from presswatch.kb.importers.phoenix import read_actors

    lines = ["PERSON_ONE_ [ABCGOV 9008223-911221] [MEXGOV 940101-001130]\n",
             "PERSON_TWO_ [SYROPP > 20120101]\n"]  # fmt: skip
    problems: list[str] = []
    actors = list(read_actors(lines, "slice", problems))
    assert [a.name for a in actors] == ["PERSON ONE", "PERSON TWO"]
    assert [c[0] for c in actors[0].codes] == ["MEX"]  # the bad role alone is gone
    assert actors[1].codes[0][2] == "2012-01-01"  # "> 20120101": a space after the sign
    assert len(problems) == 1 and "line 1" in problems[0] and "9008223" in problems[0]
    with pytest.raises(KBError):
        list(read_actors(lines, "slice"))  # strict when nobody collects problems
    # the command: the stretch of the real dictionary around its first bad date
    real = (shared / "reference" / "phoenix" / "Phoenix.Countries.actors.txt").read_text(
        encoding="utf-8", errors="replace").splitlines(keepends=True)  # fmt: skip
    bad = next(i for i, line in enumerate(real) if "9008223" in line)
    start = max(i for i in range(bad) if real[i][:1].isalpha())  # its actor's first line
    src = tmp_path / "slice.actors.txt"
    src.write_text("".join(real[start : bad + 40]), encoding="utf-8")
    out = tmp_path / "phoenix.yaml"
    r = cli("kb", "import", "phoenix", str(src), "--out", str(out))
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "9008223" in warnings[0], r.stderr
    assert "(1 unreadable codes skipped)" in r.stderr
    assert read_pack(out).actors
