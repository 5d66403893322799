"""PLOVER JSONL, GDELT TSV and GraphML exports from a real store, through the real CLI."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

from presswatch.export_events import GDELT_COLUMNS

TEXT = (
    "Kristi Noem met with Claudia Sheinbaum in Mexico City on March 28, 2025. "
    "Mexico agreed to accept deportation flights from the United States.\n"
)


def _store(cli: Callable[..., CompletedProcess[str]], tmp_path: Path, text: str) -> str:
    """A store built by `presswatch ingest` from one text file published 2025-03-31."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(text)
    db = str(tmp_path / "t.db")
    r = cli("ingest", str(src), "--db", db, "--published", "2025-03-31")
    assert r.returncode == 0, r.stderr
    return db


def test_plover_and_gdelt_exports(cli: Callable[..., CompletedProcess[str]], tmp_path: Path,
                                  shared: Path) -> None:  # fmt: skip
    db = _store(cli, tmp_path, TEXT)
    r = cli("events", "--db", db, "--actor", "claudia-sheinbaum", "--type", "CONSULT",
            "--since", "2025-01-01", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and rows[0]["source"] == ["kristi-noem"]

    out = tmp_path / "out"
    assert cli("export", str(out), "--db", db, "--format", "plover").returncode == 0
    recs = [json.loads(line) for line in (out / "events.plover.jsonl").read_text().splitlines()]
    consult = next(r for r in recs if r["event_type"] == "CONSULT")
    assert consult["source"][0]["actor_id"] == "kristi-noem"
    assert consult["target"][0]["country"] == "MEX"
    assert consult["event_date"] == "2025-03-28"
    assert consult["text_info"]["trigger"] == "met"
    start, end = consult["text_info"]["start"], consult["text_info"]["end"]
    assert TEXT[start:end] == consult["text_info"]["sentence"]
    assert consult["cite_info"]["published"] == "2025-03-31"
    assert consult["codebook"].startswith("PLOVER")

    assert cli("export", str(out), "--db", db, "--format", "gdelt").returncode == 0
    with (out / "events.gdelt.tsv").open() as fh:
        table: list[dict[str, Any]] = list(csv.DictReader(fh, delimiter="\t"))
    assert list(table[0]) == list(GDELT_COLUMNS)
    row = next(t for t in table if t["PLOVER_Type"] == "CONSULT")
    assert row["SQLDATE"] == "20250328" and row["EventRootCode"] == "04"
    assert row["QuadClass"] == "1" and float(row["GoldsteinScale"]) > 0
    assert row["Actor2CountryCode"] == "MEX"
    assert int(row["GLOBALEVENTID"]) > 0


def test_gdelt_rows_of_events_dated_by_week_have_no_day(
    cli: Callable[..., CompletedProcess[str]], tmp_path: Path
) -> None:
    """A TIMEX3 week or weekend ("2025-W13-WE") is no SQLDATE: the export writes the row
    with the day columns empty instead of failing on the whole store."""
    db = _store(cli, tmp_path, "Sheinbaum rejected the US proposal last weekend.\n")
    out = tmp_path / "out"
    r = cli("export", str(out), "--db", db, "--format", "gdelt")
    assert r.returncode == 0, r.stderr
    with (out / "events.gdelt.tsv").open() as fh:
        row = next(csv.DictReader(fh, delimiter="\t"))
    assert row["PLOVER_Type"] == "REJECT"
    assert row["SQLDATE"] == "" and row["FractionDate"] == "" and row["MonthYear"] == ""
    assert row["Year"] == "2025" and row["PW_DateBasis"] == "event"  # what the week tells
    assert row["DATEADDED"] == "20250331"  # the article's own date is still there


def test_gdelt_dates_of_undated_events(
    cli: Callable[..., CompletedProcess[str]], tmp_path: Path
) -> None:
    """GDELT dates every row: an event the text does not date takes the article's day
    (marked "published" in PW_DateBasis), a month fills MonthYear and Year only, and
    background told as history stays undated rather than take a day it did not happen on."""
    db = _store(
        cli, tmp_path,
        "Mexico accepted deportation flights from the United States. "
        "In February 2025, Donald Trump imposed tariffs on Mexico. "
        "Mexico had previously rejected the deployment of US troops.\n"
    )
    out = tmp_path / "out"
    assert cli("export", str(out), "--db", db, "--format", "gdelt").returncode == 0
    with (out / "events.gdelt.tsv").open() as fh:
        rows = {r["PLOVER_Type"]: r for r in csv.DictReader(fh, delimiter="\t")}
    undated = rows["COOPERATE"]
    assert undated["PLOVER_Modality"] == "asserted"
    assert (undated["SQLDATE"], undated["PW_DateBasis"]) == ("20250331", "published")
    assert undated["Year"] == "2025" and undated["FractionDate"].startswith("2025.")
    month = rows["SANCTION"]
    assert (month["SQLDATE"], month["MonthYear"], month["Year"]) == ("", "202502", "2025")
    assert month["PW_DateBasis"] == "event"
    past = rows["REJECT"]
    assert past["PLOVER_Modality"] == "historical"
    assert (past["SQLDATE"], past["Year"], past["PW_DateBasis"]) == ("", "", "")


def test_factual_export_leaves_out_threats_requests_and_refusals(
    cli: Callable[..., CompletedProcess[str]], tmp_path: Path
) -> None:
    """`--factual` keeps what the text says happened (asserted, historical) in both event
    formats; the threatened sanction and the requested arrests are left out, the threat and
    the request themselves stay. A table format refuses the switch in one line."""
    db = _store(
        cli, tmp_path,
        "Donald Trump threatened to impose tariffs on Mexico. "
        "The United States asked Mexico to arrest cartel leaders. "
        "Mexico had previously rejected the deployment of US troops.\n"
    )

    def modalities(*extra: str) -> dict[str, set[str]]:
        out = tmp_path / ("out" + "".join(extra))
        r = cli("export", str(out), "--db", db, "--format", "gdelt", *extra)
        assert r.returncode == 0, r.stderr
        with (out / "events.gdelt.tsv").open() as fh:
            table = list(csv.DictReader(fh, delimiter="\t"))
        got: dict[str, set[str]] = {}
        for row in table:
            got.setdefault(row["PLOVER_Modality"], set()).add(row["PLOVER_Type"])
        return got

    every = modalities()
    assert {"SANCTION", "COERCE"} <= every["hypothetical"]  # the threatened, the requested
    factual = modalities("--factual")
    assert set(factual) == {"asserted", "historical"}
    assert factual["asserted"] == every["asserted"] >= {"THREATEN", "REQUEST"}
    assert factual["historical"] == {"REJECT"}

    out = tmp_path / "plover"
    assert cli("export", str(out), "--db", db, "--format", "plover", "--factual").returncode == 0
    recs = [json.loads(x) for x in (out / "events.plover.jsonl").read_text().splitlines()]
    assert recs and {r["modality"] for r in recs} == {"asserted", "historical"}

    r = cli("export", str(tmp_path / "csv"), "--db", db, "--format", "csv", "--factual")
    assert r.returncode == 2 and "--factual" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "csv").exists()


def test_graphml_export_is_the_actor_network(
    cli: Callable[..., CompletedProcess[str]], tmp_path: Path
) -> None:
    """`--format graphml` writes a directed multigraph networkx reads back: one node per
    actor in an edge, one edge per source → target pair of each event (a compound target
    gives two), with the event's type, modality, date and sentence; markup in the sentence
    survives; `--factual` drops the threatened sanction's edges and keeps the threat's."""
    import networkx as nx

    db = _store(
        cli, tmp_path,
        TEXT + 'Sheinbaum rejected the US proposal ("troops & drones <not welcome>") on Friday.\n'
        "Donald Trump threatened to impose tariffs on Mexico and Canada.\n",
    )
    out = tmp_path / "out"
    assert cli("export", str(out), "--db", db, "--format", "plover").returncode == 0
    recs = [json.loads(x) for x in (out / "events.plover.jsonl").read_text().splitlines()]
    pairs = sorted(
        (s["actor_id"], t["actor_id"], r["event_id"])
        for r in recs for s in r["source"] for t in r["target"] if s["actor_id"] != t["actor_id"]
    )  # fmt: skip

    r = cli("export", str(out), "--db", db, "--format", "graphml")
    assert r.returncode == 0, r.stderr
    g = nx.read_graphml(out / "events.graphml")
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted((s, t, d["event"]) for s, t, d in g.edges(data=True)) == pairs
    assert set(g.nodes) == {a for p in pairs for a in p[:2]}
    assert g.nodes["claudia-sheinbaum"]["country"] == "MEX"
    assert g.nodes["claudia-sheinbaum"]["kind"] == "person"

    def edge(source: str, kind: str) -> list[dict[str, Any]]:
        return [d for s, _t, d in g.edges(data=True) if s == source and d["type"] == kind]

    (consult,) = edge("kristi-noem", "CONSULT")
    assert consult["date"] == "2025-03-28" and consult["quad"] == 1
    assert consult["modality"] == "asserted" and consult["goldstein"] > 0
    assert consult["sentence"].startswith("Kristi Noem met with Claudia Sheinbaum")
    (reject,) = edge("claudia-sheinbaum", "REJECT")
    assert '("troops & drones <not welcome>")' in reject["sentence"]
    assert reject["date"] == "2025-03-28"  # the Friday before publication
    sanctions = edge("donald-trump", "SANCTION")
    assert {d["modality"] for d in sanctions} == {"hypothetical"}
    assert len(sanctions) == 2  # one per member of "Mexico and Canada"

    factual = tmp_path / "factual"
    assert cli("export", str(factual), "--db", db, "-f", "graphml", "--factual").returncode == 0
    f = nx.read_graphml(factual / "events.graphml")
    assert {d["modality"] for *_, d in f.edges(data=True)} <= {"asserted", "historical"}
    assert f.number_of_edges() == g.number_of_edges() - len(sanctions)
    assert len([d for s, _t, d in f.edges(data=True) if d["type"] == "THREATEN"]) == 2
