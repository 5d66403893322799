"""The REST API, tested against a real ``presswatch serve`` process over HTTP.

One store is built per session: the bundled sample corpus and a few awkward
articles ingested by the real CLI, plus one hand-made analysis whose events,
quotes, figures and findings are known exactly (so filters, the timeline and
the network can be checked number by number).  The server is the real
uvicorn process started by ``python -m presswatch serve``.
"""

from __future__ import annotations

import atexit
import functools
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

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
    Topic,
)
from presswatch.store import Store
from serving import Server, free_port
from serving import start_server as _start
from serving import stop as _stop

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "presswatch" / "data" / "sample"
FIXTURES = REPO / "tests" / "fixtures" / "web"
TOKEN = "test-token-5b1e"
HANDMADE_ID = "handmade-0001"

# --- the hand-made article ------------------------------------------------------

_TEXT = (
    "Alpha Person accused Beta Land of smuggling weapons on 3 March 2031. "
    "Alpha Person met officials of Beta Land on 10 March 2031. "
    "Beta Land sanctioned Alpha Person on 2 April 2031. "
    "\"We will not accept this,\" Alpha Person said. "
    "Beta Land seized 1,234 kilograms of fentanyl in 2030."
)


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def handmade() -> Analysis:
    """One article with three events between two test actors, a quote, a figure, a finding."""
    t = _TEXT
    s1, s2, s3, _s4, s5 = (
        _span(t, x) for x in (
            "Alpha Person accused Beta Land of smuggling weapons on 3 March 2031.",
            "Alpha Person met officials of Beta Land on 10 March 2031.",
            "Beta Land sanctioned Alpha Person on 2 April 2031.",
            "\"We will not accept this,\" Alpha Person said.",
            "Beta Land seized 1,234 kilograms of fentanyl in 2030.",
        )
    )  # fmt: skip
    alpha = ActorRef("test-alpha", "Alpha Person", "person", "MEX", "GOV", None, 4)
    beta = ActorRef("test-beta", "Beta Land", "country", "USA", None, None, 4)
    mentions = tuple(
        Mention(i, i + len(name), name, aid, label)
        for name, aid, label in (("Alpha Person", "test-alpha", "PERSON"),
                                 ("Beta Land", "test-beta", "GPE"))
        for i in _all(t, name)
    )  # fmt: skip
    events = (
        Event("hm-ev-accuse", "ACCUSE", ("test-alpha",), ("test-beta",), "accused",
              t[s1[0]:s1[1]], *s1, date="2031-03-03", context=("trafficking",), cameo="112"),
        Event("hm-ev-consult", "CONSULT", ("test-alpha",), ("test-beta",), "met",
              t[s2[0]:s2[1]], *s2, date="2031-03-10", mode="visit", cameo="036"),
        Event("hm-ev-sanction", "SANCTION", ("test-beta",), ("test-alpha",), "sanctioned",
              t[s3[0]:s3[1]], *s3, date="2031-04-02", cameo="163"),
    )  # fmt: skip
    q = _span(t, "We will not accept this,")
    c = _span(t, "1,234 kilograms")
    f = _span(t, "Beta Land sanctioned Alpha Person")
    return Analysis(
        article=Article(id=HANDMADE_ID, text=t, title="Hand-made: Alpha and Beta",
                        published="2031-04-05", published_basis="given", language="en",
                        source="test"),
        actors=(alpha, beta),
        mentions=mentions,
        events=events,
        quotes=(Quote(t[q[0]:q[1]], *q, "direct", "test-alpha", "Alpha Person", "said"),),
        claims=(Claim(t[c[0]:c[1]], *c, 1234.0, "exact", "seizures", "kg", "test-beta", "2030",
                      t[s5[0]:s5[1]]),),
        dates=(DateMention("3 March 2031", *_span(t, "3 March 2031"), "DATE", "2031-03-03"),),
        topics=(Topic("security.test_topic", 0.9),),
        findings=(Finding("role_anachronism", "warning", "Beta Land is not a sanctioning body",
                          HANDMADE_ID, *f, t[f[0]:f[1]], "test-beta"),),
    )  # fmt: skip


def _all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


# --- the server -----------------------------------------------------------------


def start_server(
    db: Path, workdir: Path, *, token: str | None, extra: tuple[str, ...] = ()
) -> Server:
    srv = _start(db, workdir, token=token, extra=extra)
    atexit.register(_stop, srv.proc)
    return srv


@functools.cache
def build_store(workdir: Path) -> Path:
    """The session's store: sample corpus + awkward fixtures (real CLI) + the hand-made article."""
    db = workdir / "serve.db"
    corpus = [str(SAMPLE)] if SAMPLE.is_dir() else []
    done = subprocess.run(
        [sys.executable, "-m", "presswatch", "ingest", *corpus, str(FIXTURES), "--db", str(db),
         "--quiet", "--workers", "1"],
        cwd=workdir, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        store.save([handmade()])
    return db


@functools.cache
def main_server(workdir: Path) -> Server:
    return start_server(build_store(workdir), workdir, token=TOKEN)


@pytest.fixture(scope="session")
def serve_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "serve"


@pytest.fixture(scope="session")
def server(serve_dir: Path) -> Server:
    serve_dir.mkdir(exist_ok=True)
    return main_server(serve_dir)


@pytest.fixture()
def api(server: Server) -> httpx.Client:
    with server.client() as c:
        yield c  # type: ignore[misc]


def _article_id(api: httpx.Client, title_part: str) -> str:
    items = api.get("/api/articles", params={"limit": 500}).json()["items"]
    ids = [a["id"] for a in items if title_part in (a["title"] or "")]
    assert ids, f"no article titled like {title_part!r}"
    return ids[0]


def _error(r: httpx.Response, status: int, code: str | None = None) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body["error"]) == {"code", "message"}, body
    if code:
        assert body["error"]["code"] == code
    return str(body["error"]["message"])


# --- reads ----------------------------------------------------------------------


def test_health_counts_the_store(api: httpx.Client) -> None:
    body = api.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["writes"] is True
    expected = 1 + len(list(FIXTURES.glob("*.txt"))) + (len(list(SAMPLE.glob("*.md")))
                                                        if SAMPLE.is_dir() else 0)  # fmt: skip
    assert body["counts"]["articles"] == expected
    assert body["counts"]["events"] >= 3


@pytest.mark.parametrize("path", ["/api/articles", "/api/actors", "/api/events", "/api/quotes",
                                  "/api/claims", "/api/findings"])  # fmt: skip
def test_listings_page_with_total(api: httpx.Client, path: str) -> None:
    first = api.get(path, params={"limit": 2}).json()
    assert set(first) == {"total", "limit", "offset", "items"}
    assert first["limit"] == 2 and first["offset"] == 0
    assert first["total"] >= 1
    assert len(first["items"]) == min(2, first["total"])
    everything = api.get(path, params={"limit": 500}).json()
    assert len(everything["items"]) == min(everything["total"], 500)
    if first["total"] > 2:
        second = api.get(path, params={"limit": 2, "offset": 2}).json()
        assert second["total"] == first["total"]
        assert second["items"] and second["items"][0] != first["items"][0]
        assert second["items"] == everything["items"][2:4]


@pytest.mark.parametrize(("params", "needle"), [
    ({"limit": 501}, "limit"),
    ({"limit": 0}, "limit"),
    ({"offset": -1}, "offset"),
    ({"since": "2025-13-01"}, "since"),
    ({"until": "yesterday"}, "until"),
])  # fmt: skip
def test_bad_parameters_are_422_with_a_clear_message(
    api: httpx.Client, params: dict[str, object], needle: str
) -> None:
    message = _error(api.get("/api/events", params=params), 422, "invalid_parameter")
    assert message.startswith(needle)


def test_event_filters(api: httpx.Client) -> None:
    r = api.get("/api/events", params={"actor": "test-alpha"}).json()
    assert {e["id"] for e in r["items"]} == {"hm-ev-accuse", "hm-ev-consult", "hm-ev-sanction"}
    r = api.get("/api/events", params={"actor": "test-alpha", "role": "source"}).json()
    assert {e["id"] for e in r["items"]} == {"hm-ev-accuse", "hm-ev-consult"}
    r = api.get("/api/events", params={"actor": "test-alpha", "type": "ACCUSE"}).json()
    assert [e["id"] for e in r["items"]] == ["hm-ev-accuse"]
    assert r["items"][0]["quad"] == "verbal_conflict"
    assert r["items"][0]["source"] == ["test-alpha"] and r["items"][0]["target"] == ["test-beta"]
    r = api.get("/api/events", params={"actor": "test-alpha", "since": "2031-03-05",
                                       "until": "2031-03"}).json()  # fmt: skip
    assert [e["id"] for e in r["items"]] == ["hm-ev-consult"]
    r = api.get("/api/events", params={"topic": "security.test_topic"}).json()
    assert r["total"] == 3
    r = api.get("/api/events", params={"q": "sanctioned Alpha"}).json()
    assert [e["id"] for e in r["items"]] == ["hm-ev-sanction"]
    r = api.get("/api/events", params={"quad": "material_conflict", "actor": "test-beta"}).json()
    assert [e["id"] for e in r["items"]] == ["hm-ev-sanction"]
    _error(api.get("/api/events", params={"quad": "verbal"}), 422, "invalid_parameter")


def test_quote_claim_finding_article_actor_filters(api: httpx.Client) -> None:
    quotes = api.get("/api/quotes", params={"actor": "test-alpha"}).json()
    assert [q["text"] for q in quotes["items"]] == ["We will not accept this,"]
    assert quotes["items"][0]["speaker_name"] == "Alpha Person"
    claims = api.get("/api/claims", params={"type": "seizures", "q": "1,234"}).json()
    assert [c["value"] for c in claims["items"]] == [1234.0]
    findings = api.get("/api/findings", params={"type": "role_anachronism",
                                                "actor": "test-beta"}).json()  # fmt: skip
    assert findings["total"] == 1
    assert findings["items"][0]["evidence"] == "Beta Land sanctioned Alpha Person"
    arts = api.get("/api/articles", params={"actor": "test-alpha"}).json()
    assert [a["id"] for a in arts["items"]] == [HANDMADE_ID]
    arts = api.get("/api/articles", params={"q": "smuggling weapons"}).json()
    assert HANDMADE_ID in [a["id"] for a in arts["items"]]
    actors = api.get("/api/actors", params={"q": "Alpha Per"}).json()
    assert [a["id"] for a in actors["items"]] == ["test-alpha"]
    actors = api.get("/api/actors", params={"kind": "country", "country": "USA",
                                            "topic": "security.test_topic"}).json()  # fmt: skip
    assert [a["id"] for a in actors["items"]] == ["test-beta"]


def test_article_detail_is_the_json_contract_plus_findings(api: httpx.Client) -> None:
    doc = api.get(f"/api/articles/{HANDMADE_ID}").json()
    for key in ("id", "path", "url", "title", "source", "published", "published_basis",
                "language", "actors", "mentions", "events", "quotes", "claims", "dates",
                "topics", "findings", "text"):  # fmt: skip
        assert key in doc, key
    assert doc["text"] == _TEXT
    ev = {e["id"]: e for e in doc["events"]}["hm-ev-consult"]
    assert ev["mode"] == "visit" and ev["cameo"] == "036"
    assert doc["text"][ev["start"]:ev["end"]].startswith("Alpha Person met")
    assert [f["kind"] for f in doc["findings"]] == ["role_anachronism"]
    assert doc["findings"][0]["actor"] == "test-beta"


def test_unknown_ids_are_404(api: httpx.Client) -> None:
    assert "no-such-id" in _error(api.get("/api/articles/no-such-id"), 404, "not_found")
    assert "nobody-at-all" in _error(api.get("/api/actors/nobody-at-all"), 404, "not_found")
    _error(api.get("/api/no-such-endpoint"), 404, "not_found")


def test_actor_dossier(api: httpx.Client) -> None:
    d = api.get("/api/actors/test-alpha").json()
    assert d["actor"]["name"] == "Alpha Person"
    assert d["kb_status"] in ("unknown_actor", "unavailable")  # a test actor is in no KB
    assert {e["id"] for e in d["events_as_source"]["items"]} == {"hm-ev-accuse", "hm-ev-consult"}
    assert [e["id"] for e in d["events_as_target"]["items"]] == ["hm-ev-sanction"]
    assert d["quotes"]["total"] == 1
    assert d["partners"][0]["id"] == "test-beta"
    assert (d["partners"][0]["outgoing"], d["partners"][0]["incoming"]) == (2, 1)
    assert {m["month"] for m in d["activity"]} >= {"2031-03", "2031-04"}
    beta = api.get("/api/actors/test-beta").json()
    assert [c["value"] for c in beta["claims"]["items"]] == [1234.0]
    assert beta["findings"]["total"] == 1


def test_dossier_carries_kb_roles_when_the_kb_knows_the_actor(api: httpx.Client) -> None:
    try:
        from presswatch.kb import load_kb  # type: ignore[attr-defined]

        kb_actor = load_kb().get("claudia-sheinbaum")
    except Exception:  # no KB in this tree: the dossier must say so
        kb_actor = None
    r = api.get("/api/actors/claudia-sheinbaum")
    if r.status_code == 404:
        pytest.skip("no article in the store names claudia-sheinbaum")
    d = r.json()
    if kb_actor is None:
        assert d["kb_status"] in ("unavailable", "unknown_actor")
    else:
        assert d["kb_status"] == "ok"
        assert {ro["title"] for ro in d["kb"]["roles"]} == {ro.title for ro in kb_actor.roles}


def test_timeline(api: httpx.Client) -> None:
    t = api.get("/api/timeline", params={"actor": "test-alpha", "interval": "month"}).json()
    by = {b["period"]: b for b in t["buckets"]}
    assert by["2031-03"]["counts"] == {"ACCUSE": 1, "CONSULT": 1}
    assert by["2031-04"]["counts"] == {"SANCTION": 1} and by["2031-04"]["total"] == 1
    assert t["types"] == ["CONSULT", "ACCUSE", "SANCTION"]  # in PLOVER order
    days = api.get("/api/timeline", params={"actor": "test-alpha", "interval": "day"}).json()
    assert [b["period"] for b in days["buckets"]] == ["2031-03-03", "2031-03-10", "2031-04-02"]
    weeks = api.get("/api/timeline", params={"actor": "test-alpha", "interval": "week"}).json()
    assert [b["period"] for b in weeks["buckets"]] == ["2031-03-03", "2031-03-10", "2031-03-31"]
    only = api.get("/api/timeline", params={"actor": "test-alpha", "type": "CONSULT"}).json()
    assert sum(b["total"] for b in only["buckets"]) == 1
    _error(api.get("/api/timeline", params={"interval": "fortnight"}), 422, "invalid_parameter")


def test_network_counts_edges_per_quad_class(api: httpx.Client) -> None:
    net = api.get("/api/network", params={"actor": "test-alpha"}).json()
    assert set(net["quad_classes"]) == {"verbal_cooperation", "material_cooperation",
                                        "verbal_conflict", "material_conflict"}  # fmt: skip
    assert "SANCTION" in net["quad_classes"]["material_conflict"]
    nodes = {n["id"]: n for n in net["nodes"]}
    assert set(nodes) == {"test-alpha", "test-beta"}
    assert nodes["test-alpha"]["weight"] == 3
    assert (nodes["test-beta"]["kind"], nodes["test-beta"]["country"]) == ("country", "USA")
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    ab = edges[("test-alpha", "test-beta")]
    assert ab["weight"] == 2
    assert ab["quads"] == {"verbal_cooperation": 1, "material_cooperation": 0,
                           "verbal_conflict": 1, "material_conflict": 0}  # fmt: skip
    assert ab["types"] == {"ACCUSE": 1, "CONSULT": 1}
    ba = edges[("test-beta", "test-alpha")]
    assert ba["quad"] == "material_conflict" and ba["weight"] == 1
    whole = api.get("/api/network", params={"max_nodes": 5}).json()
    assert len(whole["nodes"]) <= 5
    kept = {n["id"] for n in whole["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in whole["edges"])


def test_event_exports_download(api: httpx.Client) -> None:
    """`/api/export/{fmt}` hands over what `presswatch export` writes, as an attachment:
    every stored event in PLOVER JSONL, the GraphML network with the hand-made analysis's
    three edges as they were stored, and `factual` leaving out the non-asserted ones."""
    import networkx as nx

    total = api.get("/api/events", params={"limit": 1}).json()["total"]
    r = api.get("/api/export/plover")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="events.plover.jsonl"' in r.headers["content-disposition"]
    recs = [json.loads(line) for line in r.text.splitlines()]
    assert len(recs) == total
    accuse = next(x for x in recs if x["event_id"] == "hm-ev-accuse")
    assert [a["actor_id"] for a in accuse["source"]] == ["test-alpha"]

    r = api.get("/api/export/graphml")
    assert r.status_code == 200 and "graphml" in r.headers["content-type"]
    g = nx.parse_graphml(r.text)
    hand = {(s, t, d["type"]) for s, t, d in g.edges(data=True)
            if d["event"].startswith("hm-ev-")}  # fmt: skip
    assert hand == {("test-alpha", "test-beta", "ACCUSE"), ("test-alpha", "test-beta", "CONSULT"),
                    ("test-beta", "test-alpha", "SANCTION")}  # fmt: skip
    assert g.nodes["test-beta"]["country"] == "USA"

    r = api.get("/api/export/gdelt", params={"factual": "true"})
    assert r.status_code == 200 and 'filename="events.factual.gdelt.tsv"' in (
        r.headers["content-disposition"])
    rows = r.text.splitlines()
    head = rows[0].split("\t")
    modality = head.index("PLOVER_Modality")
    assert {row.split("\t")[modality] for row in rows[1:]} <= {"asserted", "historical"}
    every = api.get("/api/export/gdelt").text.splitlines()
    assert len(rows) < len(every)  # the sample has threats and requests to leave out

    bad = api.get("/api/export/csv")
    assert bad.status_code == 422 and "graphml" in bad.json()["error"]["message"]
    # the web UI's network page offers the downloads
    page = api.get("/network").text
    assert all(f'href="/api/export/{f}"' in page for f in ("graphml", "plover", "gdelt"))


def test_search_highlights_and_escapes(api: httpx.Client) -> None:
    r = api.get("/api/search", params={"q": "smuggling"}).json()
    assert r["total"] >= 1
    hit = next(h for h in r["items"] if h["id"] == HANDMADE_ID)
    assert "<mark>smuggling</mark>" in hit["snippet"]
    r = api.get("/api/search", params={"q": "pwxss-body"}).json()
    assert r["total"] == 1
    snippet = r["items"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    _error(api.get("/api/search"), 422, "invalid_parameter")
    # FTS syntax in user input is quoted, never an error.
    assert api.get("/api/search", params={"q": 'NEAR( "unbalanced'}).status_code == 200


# --- writes ---------------------------------------------------------------------


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_need_the_token(api: httpx.Client) -> None:
    body = {"text": "Mexico rejected the proposal."}
    r = api.post("/api/articles", json=body)
    assert "token" in _error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    _error(api.post("/api/articles", json=body, headers=_auth("wrong-token")), 403, "forbidden")
    _error(api.post("/api/articles", json=body, headers={"Authorization": "Basic abc"}), 401)


def test_ingest_json_then_read_back(api: httpx.Client) -> None:
    text = ("Mexican President Claudia Sheinbaum spoke with US President Donald Trump on "
            "Monday about tariffs on steel, an API test article number 7301.")  # fmt: skip
    r = api.post("/api/articles", headers=_auth(), json={
        "text": text, "title": "API ingest test", "published": "2025-02-03",
        "url": "https://example.org/a", "source": "api-test"})  # fmt: skip
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["stored"]) == 1 and body["failures"] == []
    doc = api.get(f"/api/articles/{body['stored'][0]}").json()
    assert doc["title"] == "API ingest test"
    assert doc["published"] == "2025-02-03" and doc["source"] == "api-test"
    assert doc["text"] == text
    assert {a["id"] for a in doc["actors"]} & {"claudia-sheinbaum", "donald-trump"} or \
        any(m["text"] == "Claudia Sheinbaum" for m in doc["mentions"])  # the real pipeline ran
    again = api.post("/api/articles", headers=_auth(), json={"text": text})
    assert again.status_code == 200
    assert again.json()["skipped"] == body["stored"] and again.json()["stored"] == []


def test_ingest_html_and_jsonl(api: httpx.Client) -> None:
    html = ("<html><head><title>HTML ingest test page</title></head><body><article>"
            "<h1>HTML ingest test page</h1><p>Mexico and the United States agreed on Friday to "
            "extend their security cooperation against fentanyl trafficking, officials said "
            "in a statement released in Mexico City. The agreement covers joint patrols and "
            "intelligence sharing for the next two years.</p></article></body></html>")  # fmt: skip
    r = api.post("/api/articles", headers={**_auth(), "Content-Type": "text/html"},
                 content=html.encode(), params={"published": "2025-03-07"})  # fmt: skip
    assert r.status_code == 201, r.text
    doc = api.get(f"/api/articles/{r.json()['stored'][0]}").json()
    assert "joint patrols" in doc["text"] and "<p>" not in doc["text"]
    assert doc["published"] == "2025-03-07"
    lines = "\n".join([
        json.dumps({"text": "The first JSONL test article says Mexico deported 12 people.",
                    "title": "JSONL one"}),
        "{not json",
        json.dumps({"title": "no text at all"}),
        json.dumps({"text": "The second JSONL test article: tariffs were paused again.",
                    "title": "JSONL two", "published": "2025-03-08"}),
    ])  # fmt: skip
    r = api.post("/api/articles", headers={**_auth(), "Content-Type": "application/x-ndjson"},
                 content=lines.encode())  # fmt: skip
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["stored"]) == 2
    assert len(body["failures"]) == 2
    assert all(f["item"].startswith("body") for f in body["failures"])  # no temp paths leak
    _error(api.post("/api/articles", headers={**_auth(), "Content-Type": "application/xml"},
                    content=b"<a/>"), 415, "unsupported_media_type")  # fmt: skip
    _error(api.post("/api/articles", headers={**_auth(), "Content-Type": "application/json"},
                    content=b"{broken"), 422, "invalid_body")  # fmt: skip
    r = api.post("/api/articles", headers=_auth(), json={"title": "no text"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "nothing_stored"


def test_oversized_bodies_are_413(api: httpx.Client) -> None:
    big = b"x" * 5_000_001
    r = api.post("/api/articles", headers={**_auth(), "Content-Type": "text/plain"}, content=big)
    assert "5,000,000" in _error(r, 413, "payload_too_large")

    def chunks():  # no Content-Length: the middleware has to count the streamed bytes
        for _ in range(6):
            yield b"y" * 1_000_000

    r = api.post("/api/articles", headers={**_auth(), "Content-Type": "text/plain"},
                 content=chunks())  # fmt: skip
    _error(r, 413, "payload_too_large")
    # Refused before authentication even looks at it: no token needed to be told.
    _error(api.post("/api/articles", content=big), 413)


def test_writes_disabled_without_a_token(server: Server, serve_dir: Path) -> None:
    other = start_server(server.db, serve_dir, token=None)
    try:
        with other.client() as c:
            assert c.get("/api/health").json()["writes"] is False
            r = c.post("/api/articles", json={"text": "x"}, headers=_auth())
            assert "writes disabled: no token configured" in _error(r, 503, "writes_disabled")
            assert c.get("/api/articles", params={"limit": 1}).status_code == 200
    finally:
        _stop(other.proc)


def test_token_file(server: Server, serve_dir: Path) -> None:
    token_file = serve_dir / "token.txt"
    token_file.write_text("from-a-file-9c2\n")
    other = start_server(server.db, serve_dir, token=None,
                         extra=("--token-file", str(token_file), "--max-body", "1000"))  # fmt: skip
    try:
        with other.client() as c:
            _error(c.post("/api/articles", json={"text": "x"}, headers=_auth()), 403)
            headers = {**_auth("from-a-file-9c2"), "Content-Type": "text/plain"}
            r = c.post("/api/articles", content=b"z" * 1001, headers=headers)
            assert "1,000 bytes" in _error(r, 413)
    finally:
        _stop(other.proc)


# --- docs, the UI's routes, the command ----------------------------------------


def test_openapi_and_offline_docs(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors",
                 "/api/actors/{actor_id}", "/api/events", "/api/quotes", "/api/claims",
                 "/api/findings", "/api/timeline", "/api/network", "/api/search"):  # fmt: skip
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]
    for page in ("/docs", "/redoc"):
        html = api.get(page).text
        assert "cdn" not in html.lower() and "googleapis" not in html
        for asset in ("/static/docs/swagger-ui-bundle.js", "/static/docs/redoc.standalone.js"):
            if asset.rsplit("/", 1)[1].split("-")[0].split(".")[0] in html:
                r = api.get(asset)
                assert r.status_code == 200 and len(r.content) > 100_000


@pytest.mark.parametrize("page", ["/", "/timeline", "/network", "/actors", "/articles",
                                  "/findings", "/search?q=fentanyl", "/actors/test-alpha",
                                  f"/articles/{HANDMADE_ID}", "/timeline?type=ACCUSE",
                                  "/network?actor=test-alpha", "/static/presswatch.css",
                                  "/static/network.js"])  # fmt: skip
def test_ui_pages_load(api: httpx.Client, page: str) -> None:
    r = api.get(page)
    assert r.status_code == 200, r.text[:500]


def test_ui_errors_are_pages(api: httpx.Client) -> None:
    r = api.get("/articles/no-such-article")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no article with id" in r.text
    assert api.get("/no/such/page").status_code == 404


def test_script_in_article_renders_as_text(api: httpx.Client) -> None:
    aid = _article_id(api, "Border talks")
    for page in (f"/articles/{aid}", "/articles", "/search?q=pwxss-body", "/"):
        html = api.get(page).text
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert "<b>tariffs</b>" not in html, page
    html = api.get(f"/articles/{aid}").text
    assert "&lt;script&gt;alert(&#34;pwxss-body&#34;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;pwxss-title&#39;)&lt;/script&gt;" in html
    assert api.get(f"/api/articles/{aid}").json()["text"].count("<script>") == 1


def test_serve_warns_when_exposed_without_a_token(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A directory as the store fails after the warning and before anything binds.
    r = cli("serve", "--host", "0.0.0.0", "--db", str(tmp_path), "--port", str(free_port()),
            env={"PRESSWATCH_API_TOKEN": ""})  # fmt: skip
    assert "warning: serving on 0.0.0.0" in r.stderr and "without an API token" in r.stderr
    assert r.returncode != 0 and "Traceback" not in r.stderr
    r = cli("serve", "--token-file", str(tmp_path / "missing"), "--port", str(free_port()))
    assert r.returncode == 2 and "token file" in r.stderr


def test_api_md_documents_every_endpoint(api: httpx.Client) -> None:
    doc = (REPO / "docs" / "API.md").read_text("utf-8")
    spec = api.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method in methods:
            documented = path.replace("{article_id}", "{id}").replace("{actor_id}", "{id}")
            assert f"`{method.upper()} {documented}" in doc, f"{method.upper()} {path}"
