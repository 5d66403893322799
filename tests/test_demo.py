"""`presswatch demo` (what `make demo` runs) on the bundled sample corpus."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def test_demo_builds_a_store_and_prints_the_summary(cli, tmp_path: Path) -> None:
    res = cli("demo", "--db", "demo.db", "--workers", "1", "--quiet")
    assert res.returncode == 0, res.stderr[-2000:]
    out = res.stdout
    # 19 English and 4 Spanish sample articles
    assert "presswatch: summary" in out and "23 articles" in out
    assert "Top actors" in out and "Claudia Sheinbaum" in out
    assert "Timeline" in out and "Findings (" in out
    for kind in ("title_mismatch", "role_anachronism", "speaker_mismatch", "figure_conflict"):
        assert kind in out, kind
    # a story told in English and in Spanish, each source with its language
    told = out[out.index("Told in more than one language") :]
    assert "CONSULT: Kristi Noem → Claudia Sheinbaum" in told
    assert "[en] Noem meets Sheinbaum" in told and "[es] Kristi Noem y Claudia Sheinbaum" in told
    conn = sqlite3.connect(tmp_path / "demo.db")
    # the three reports of Noem's meeting with Sheinbaum (two English, one Spanish) are one
    # story event with three sources
    assert conn.execute(
        "SELECT n_sources FROM story_events WHERE type = 'CONSULT' AND date = '2025-03-28'"
        " AND source LIKE '%kristi-noem%'"
    ).fetchone() == (3,)
    # ... told in two languages
    assert conn.execute(
        "SELECT DISTINCT a.language FROM story_events s"
        " JOIN story_event_reports r ON r.story_id = s.id JOIN articles a ON a.id = r.article_id"
        " WHERE s.type = 'CONSULT' AND s.date = '2025-03-28' AND s.source LIKE '%kristi-noem%'"
        " ORDER BY a.language"
    ).fetchall() == [("en",), ("es",)]
    # a second run starts from a fresh store: nothing doubles
    before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    assert cli("demo", "--db", "demo.db", "--workers", "1", "--quiet").returncode == 0
    conn = sqlite3.connect(tmp_path / "demo.db")
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
