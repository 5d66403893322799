"""Language as a filter on every surface: the CLI (real subprocesses), the API (a real
``presswatch serve``) and both store backends, over the session's store built from the
sample corpus (19 English and 4 Spanish articles; three Spanish ones retell English
stories).  The web UI's language control is tested in Chromium in tests/test_web.py."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import httpx
import pytest

from presswatch.store import Store
from test_api import Server, build_store, main_server
from test_store_postgres import pair  # noqa: F401  (SQLite and PostgreSQL with the sample)

CLI = Callable[..., CompletedProcess[str]]


@pytest.fixture(scope="session")
def serve_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "serve"


@pytest.fixture(scope="session")
def db(serve_dir: Path) -> Path:
    serve_dir.mkdir(exist_ok=True)
    return build_store(serve_dir)


@pytest.fixture(scope="session")
def server(serve_dir: Path, db: Path) -> Server:
    return main_server(serve_dir)


@pytest.fixture()
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def _sql(db: Path, sql: str, *args: Any) -> list[Any]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] if len(r) == 1 else r for r in conn.execute(sql, args)]
    finally:
        conn.close()


def _cli_json(cli: CLI, db: Path, *args: str) -> list[dict[str, Any]]:
    r = cli(*args, "--db", str(db), "--json", "-n", "1000")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_the_store_holds_both_languages(db: Path) -> None:
    langs = dict(_sql(db, "SELECT language, count(*) FROM articles GROUP BY language"))
    assert langs.get("es", 0) >= 4 and langs.get("en", 0) >= 19, langs


def test_cli_articles_by_language(cli: CLI, db: Path) -> None:
    spanish = set(_sql(db, "SELECT id FROM articles WHERE language = 'es'"))
    rows = _cli_json(cli, db, "articles", "--language", "es")
    assert {r["id"] for r in rows} == spanish
    assert {r["language"] for r in rows} == {"es"}
    # --lang is the short spelling; a code is matched whatever its case.
    assert {r["id"] for r in _cli_json(cli, db, "articles", "--lang", "ES")} == spanish
    english = {r["id"] for r in _cli_json(cli, db, "articles", "--language", "en")}
    both = {r["id"] for r in _cli_json(cli, db, "articles", "--language", "en,es")}
    assert english and not english & spanish and both == english | spanish
    every = {r["id"] for r in _cli_json(cli, db, "articles")}
    assert both <= every
    # The table keeps its columns and says what a Spanish title is, accents and all.
    r = cli("articles", "--db", str(db), "--language", "es")
    assert r.returncode == 0 and "language" in r.stdout.splitlines()[1]
    assert "México" in r.stdout


@pytest.mark.parametrize("listing", ["events", "quotes", "claims", "findings"])
def test_cli_records_by_their_articles_language(cli: CLI, db: Path, listing: str) -> None:
    want = _sql(db, f"SELECT count(*) FROM {listing} x JOIN articles a"
                    " ON a.id = x.article_id WHERE a.language = 'es'")[0]  # fmt: skip
    rows = _cli_json(cli, db, listing, "--language", "es")
    assert len(rows) == want
    assert all(r["language"] == "es" for r in rows)
    if listing in ("events", "quotes"):
        assert want > 0  # the Spanish sample has events and quotes: the filter is exercised
    unfiltered = _cli_json(cli, db, listing)
    assert len(unfiltered) > len(rows)


def test_cli_timeline_counts_only_that_languages_events(cli: CLI, db: Path) -> None:
    def total(*extra: str) -> int:
        r = cli("timeline", "--db", str(db), "--by", "year", "--json", *extra)
        assert r.returncode == 0, r.stderr
        return sum(b["total"] for b in json.loads(r.stdout))

    es, en, every = total("--language", "es"), total("--language", "en"), total()
    assert 0 < es < every and 0 < en < every
    assert es + en <= every  # other languages, and events dated too coarsely, count apart


def test_cli_stories_show_and_filter_their_languages(cli: CLI, db: Path) -> None:
    stories = _cli_json(cli, db, "stories", "--min-sources", "2")
    told_in_spanish = [s for s in stories if "es" in s["languages"]]
    assert told_in_spanish, "the sample's Spanish retellings cluster with the English stories"
    assert any(s["languages"] == ["en", "es"] for s in told_in_spanish)
    for s in stories:  # the languages are those of the reporting articles
        langs = {_sql(db, "SELECT language FROM articles WHERE id = ?", a)[0]
                 for a in s["articles"]}  # fmt: skip
        assert sorted(langs) == s["languages"]
    es = _cli_json(cli, db, "stories", "--min-sources", "2", "--language", "es")
    assert [s["id"] for s in es] == [s["id"] for s in told_in_spanish]
    r = cli("stories", "--db", str(db), "--min-sources", "2", "--language", "es")
    assert r.returncode == 0 and "languages" in r.stdout and "en, es" in r.stdout


def test_api_listings_by_language(api: httpx.Client, cli: CLI, db: Path) -> None:
    arts = api.get("/api/articles", params={"language": "es", "limit": 500}).json()
    cli_ids = {r["id"] for r in _cli_json(cli, db, "articles", "--language", "es")}
    assert arts["total"] == len(cli_ids) and {a["id"] for a in arts["items"]} == cli_ids
    for listing in ("events", "quotes", "claims", "findings"):
        es = api.get(f"/api/{listing}", params={"language": "es", "limit": 500}).json()
        en = api.get(f"/api/{listing}", params={"language": "en", "limit": 500}).json()
        both = api.get(f"/api/{listing}", params={"language": "en,es", "limit": 1}).json()
        every = api.get(f"/api/{listing}", params={"limit": 1}).json()
        assert {i["language"] for i in es["items"]} <= {"es"}, listing
        assert {i["language"] for i in en["items"]} <= {"en"}, listing
        assert both["total"] == es["total"] + en["total"] <= every["total"], listing
    assert api.get("/api/events", params={"language": "es"}).json()["total"] > 0
    tl = api.get("/api/timeline", params={"language": "es", "interval": "year"}).json()
    n_es = api.get("/api/events", params={"language": "es", "limit": 1}).json()["total"]
    assert sum(b["total"] for b in tl["buckets"]) + tl["undated"] == n_es
    net = api.get("/api/network", params={"language": "es"}).json()
    full = api.get("/api/network").json()
    assert 0 < sum(e["weight"] for e in net["edges"]) < sum(e["weight"] for e in full["edges"])
    stories = api.get("/api/stories", params={"language": "es", "min_sources": 2}).json()
    assert stories["total"] > 0 and all("es" in s["languages"] for s in stories["items"])


def test_api_a_bad_language_is_a_422_that_says_how(api: httpx.Client) -> None:
    for bad in ("spanish!", "e", "es;drop"):
        r = api.get("/api/articles", params={"language": bad})
        assert r.status_code == 422, bad
        err = r.json()["error"]
        assert err["code"] == "invalid_parameter" and "language" in err["message"]
    spec = api.get("/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert "language" in params and "es" in params["language"]["description"]


@pytest.mark.postgres
def test_both_backends_filter_by_language_alike(pair: tuple[Store, Store]) -> None:  # noqa: F811
    lite, pg = pair
    for listing in ("articles", "actors", "events", "quotes", "claims", "findings", "stories"):
        for lang in ("es", "en", "en,es"):
            want = lite.page(listing, language=lang, limit=500)
            assert pg.page(listing, language=lang, limit=500) == want, (listing, lang)
        total, rows = lite.page(listing, language="es", limit=500)
        assert total == len(rows) and total < lite.count(listing), listing
    for kw in ({"interval": "month"}, {"interval": "week", "actor": "claudia-sheinbaum"}):
        assert pg.timeline(language="es", **kw) == lite.timeline(language="es", **kw)
    assert pg.network(language="es") == lite.network(language="es")
    assert pg.language_counts() == lite.language_counts()
