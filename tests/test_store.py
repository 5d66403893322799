"""The store: round trips, atomic saves, versioning, search.  Records built by hand.

The tests taking ``store_target`` run on SQLite and on PostgreSQL (tests/stores.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from presswatch.errors import StoreError
from presswatch.records import (
    ActorRef,
    Analysis,
    Article,
    Claim,
    DateMention,
    Event,
    Finding,
    Mention,
    Quote,
    Related,
    Title,
    Topic,
)
from presswatch.store import SCHEMA_VERSION, Store
from stores import store_target_fixture  # noqa: F401  (store_target: SQLite and PostgreSQL)

TEXT = "Kristi Noem met Claudia Sheinbaum in Mexico City on Friday. “We agree,” Sheinbaum said."


def make_analysis(article_id: str = "a1", text: str = TEXT) -> Analysis:
    art = Article(
        id=article_id,
        text=text,
        title="Noem meets Sheinbaum",
        published="2025-03-31",
        published_basis="metadata",
        language="en",
        path="x.md",
    )
    return Analysis(
        article=art,
        actors=(
            # most mentioned first, as the converter and the store order them
            ActorRef("claudia-sheinbaum", "Claudia Sheinbaum", "person", "MEX", "GOV", None, 2),
            ActorRef("kristi-noem", "Kristi Noem", "person", "USA", "GOV", None, 1),
        ),
        mentions=(
            Mention(0, 11, "Kristi Noem", "kristi-noem", "PERSON"),
            Mention(16, 33, "Claudia Sheinbaum", "claudia-sheinbaum", "PERSON"),
        ),
        events=(
            Event(
                id=f"{article_id}-e1",
                type="CONSULT",
                source=("kristi-noem",),
                target=("claudia-sheinbaum",),
                trigger="met",
                sentence=text[:59],
                start=0,
                end=59,
                mode="visit",
                context=("diplomatic",),
                date="2025-03-28",
                location="mexico",
                modality="asserted",
                confidence=0.9,
                cameo="043",
                goldstein=2.8,
            ),
        ),
        quotes=(Quote("We agree,", 61, 70, "direct", "claudia-sheinbaum", "Sheinbaum", "said"),),
        claims=(
            Claim("1,500 firearms", 0, 5, 1500.0, "over", "firearms", None, "mexico", "2025", "s"),
        ),
        dates=(DateMention("Friday", 52, 58, "DATE", "2025-03-28"),),
        topics=(Topic("diplomacy", 0.8),),
        titles=(Title("former President", 0, 5, "claudia-sheinbaum", 16, 33, True),),
        findings=(
            Finding(
                "title_mismatch",
                "warning",
                "msg",
                article_id,
                0,
                11,
                "Kristi Noem",
                "kristi-noem",
                (Related("other", 1, 2),),
            ),
        ),
    )


def test_round_trip_is_exact(store_target: str) -> None:
    a = make_analysis()
    with Store(store_target) as store:
        store.save([a])
        assert store.load_analysis("a1") == a


def test_saving_again_replaces_and_doubles_nothing(store_target: str) -> None:
    with Store(store_target) as store:
        store.save([make_analysis()])
        before = store.counts()
        store.save([make_analysis()])
        assert store.counts() == before
        assert store.counts()["events"] == 1


def test_a_failed_batch_leaves_nothing_half_written(store_target: str) -> None:
    with Store(store_target) as store:
        store.save([make_analysis("kept")])
        before = store.counts()
        broken = make_analysis("broken")
        # a quote without text violates NOT NULL: the whole batch must roll back
        broken = Analysis(article=broken.article, quotes=(Quote(None, 0, 1, "direct"),))  # type: ignore[arg-type]
        with pytest.raises(StoreError):
            store.save([make_analysis("new"), broken])
        assert store.counts() == before
        assert not store.has_article("new") and not store.has_article("broken")
        assert store.load_analysis("kept") == make_analysis("kept")


def test_wal_mode_and_foreign_keys(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer presswatch"):
        Store(path)


def test_readonly_open_of_a_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="presswatch ingest"):
        Store(tmp_path / "missing.db", readonly=True)


def test_full_text_search_highlights_and_ignores_fts_syntax(store_target: str) -> None:
    with Store(store_target) as store:
        store.save([make_analysis()])
        hits = store.search("Sheinbaum")
        assert hits and "<mark>Sheinbaum</mark>" in hits[0]["snippet"]
        assert store.search('NEAR( "unbalanced') == []  # user input is never FTS syntax


def test_event_filters(store_target: str) -> None:
    with Store(store_target) as store:
        store.save([make_analysis()])
        assert (
            len(store.list_events(actor="claudia-sheinbaum", type="consult", since="2025-01-01"))
            == 1
        )
        assert store.list_events(actor="claudia-sheinbaum", role="source") == []
        assert store.list_events(until="2025-03-27") == []
        ev = store.list_events()[0]
        assert ev["source"] == ["kristi-noem"] and ev["context"] == ["diplomatic"]
