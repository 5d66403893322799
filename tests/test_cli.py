"""The command line as a user runs it: real subprocesses, real SQLite files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "foundation"


@pytest.fixture()
def store_path(cli, tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    res = cli("ingest", str(FIXTURES), "--db", str(db), "--workers", "1")
    assert res.returncode == 0, res.stderr
    assert "2 stored" in res.stderr
    return db


def test_ingest_is_idempotent(cli, store_path: Path) -> None:
    before = sqlite3.connect(store_path).execute("SELECT count(*) FROM mentions").fetchone()[0]
    res = cli("ingest", str(FIXTURES), "--db", str(store_path), "--workers", "1")
    assert res.returncode == 0
    assert "0 stored, 2 already in the store, 0 failed" in res.stderr
    after = sqlite3.connect(store_path).execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert before == after > 0


def test_default_store_comes_from_the_environment(cli, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    res = cli("ingest", str(FIXTURES / "tariff-pause.md"), env={"PRESSWATCH_DB": str(db)})
    assert res.returncode == 0, res.stderr
    assert db.exists() and not (tmp_path / "presswatch.db").exists()


def test_listings_in_every_format(cli, store_path: Path) -> None:
    res = cli("articles", "--db", str(store_path), "--json")
    rows = json.loads(res.stdout)
    assert {r["title"] for r in rows} == {
        "Border officials meet in Ciudad Juárez",
        "Tariff pause gives both capitals a month",
    }
    res = cli("articles", "--db", str(store_path), "--csv")
    assert res.stdout.splitlines()[0].startswith("id,title,published")
    res = cli("actors", "--db", str(store_path), "--nl")
    assert all(json.loads(line)["name"] for line in res.stdout.splitlines())
    res = cli("articles", "--db", str(store_path), "--search", "tariffs", "--json")
    assert [r["title"] for r in json.loads(res.stdout)] == [
        "Tariff pause gives both capitals a month"
    ]


def test_two_output_formats_at_once_is_a_usage_error(cli, store_path: Path) -> None:
    res = cli("articles", "--db", str(store_path), "--json", "--csv")
    assert res.returncode == 2
    assert res.stderr.strip() == "error: choose one of --json, --csv, --nl"


def test_bad_published_date_is_a_usage_error(cli) -> None:
    res = cli("analyze", str(FIXTURES), "--published", "31/03/2025")
    assert res.returncode == 2
    assert "write it as YYYY-MM-DD" in res.stderr
    assert "Traceback" not in res.stderr


def test_missing_store_is_one_clear_line(cli, tmp_path: Path) -> None:
    res = cli("events", "--db", str(tmp_path / "nope.db"))
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "presswatch ingest" in res.stderr
    assert "Traceback" not in res.stderr


def test_not_a_store_is_one_clear_line(cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    res = cli("ingest", str(FIXTURES), "--db", str(junk))
    assert res.returncode == 1
    assert "is not a presswatch store" in res.stderr and "Traceback" not in res.stderr
    assert junk.read_bytes() == b"this is not sqlite" * 100


@pytest.mark.parametrize("fmt,suffix", [("jsonl", "jsonl"), ("csv", "csv"), ("parquet", "parquet")])
def test_export_writes_every_table(
    cli, store_path: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / "out"
    res = cli("export", str(out), "--format", fmt, "--db", str(store_path))
    assert res.returncode == 0, res.stderr
    from presswatch.export import TABLES

    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{suffix}" for t in TABLES)
    conn = sqlite3.connect(store_path)
    n_mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    if fmt == "parquet":
        assert pq.read_table(out / "mentions.parquet").num_rows == n_mentions
        assert pq.read_table(out / "articles.parquet").num_rows == 2
    elif fmt == "jsonl":
        lines = (out / "mentions.jsonl").read_text().splitlines()
        assert len(lines) == n_mentions and json.loads(lines[0])["text"]
    else:
        assert len((out / "articles.csv").read_text().strip().splitlines()) >= 3  # header + 2


def test_unknown_export_format_is_a_usage_error(cli, store_path: Path, tmp_path: Path) -> None:
    res = cli("export", str(tmp_path / "o"), "--format", "xml", "--db", str(store_path))
    assert res.returncode == 2
    assert "unknown export format 'xml'" in res.stderr


def test_analyze_report_is_readable(cli) -> None:
    res = cli("analyze", str(FIXTURES / "border-talks.md"))
    assert res.returncode == 0, res.stderr
    assert "Border officials meet in Ciudad Juárez" in res.stdout
    assert "published 2025-02-12 (metadata)" in res.stdout
    assert "1 analysed, 0 failed" in res.stderr


def test_analyze_in_worker_processes_gives_the_same_records(cli) -> None:
    one = json.loads(cli("analyze", str(FIXTURES), "--json", "-q", "-w", "1").stdout)
    two = json.loads(cli("analyze", str(FIXTURES), "--json", "-q", "-w", "2").stdout)
    assert one == two and len(one["articles"]) == 2


def test_an_empty_store_file_reads_as_empty_and_a_foreign_database_is_left_alone(
    cli, tmp_path: Path
) -> None:
    """An ingest killed before its first write leaves an empty file; another program's
    SQLite database is refused, not given presswatch tables."""
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("PRAGMA journal_mode = WAL").close()
    res = cli("findings", "--db", str(empty))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "holds no articles yet" in res.stderr and res.stderr.count("\n") == 1
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    res = cli("ingest", str(FIXTURES), "--db", str(foreign))
    assert res.returncode == 1 and "is not a presswatch store" in res.stderr
    assert "notes" in res.stderr and "Traceback" not in res.stderr
    assert foreign.read_bytes() == before
    res = cli("ingest", str(FIXTURES), "--db", str(empty))  # the empty file is filled
    assert res.returncode == 0, res.stderr
    assert cli("articles", "--db", str(empty)).returncode == 0
