"""Access and output safety of ``presswatch serve``, against a real uvicorn process.

Tokens (constant-time comparison, refusals), the loopback default and the
warning when exposed without a token, body limits (413, also for chunked bodies
without Content-Length), CORS off by default, and the UI never injecting
article text: a script in an article is shown escaped, and right-to-left
overrides and control characters are shown as visible ``[U+XXXX]`` marks.
"""

from __future__ import annotations

import ast
import inspect
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from presswatch.records import Analysis, Article
from presswatch.store import Store
from serving import Server, stop
from serving import start_server as _start

TOKEN = "sec-token-1f9a2c"
SCRIPT_ID = "sec-script-article"
RLO_ID = "sec-rlo-article"
SCRIPT_TITLE = "Tariffs <script>alert('pw-title')</script> talks"
SCRIPT_TEXT = ("Mexico rejected the tariffs. <script>alert(\"pw-body\")</script> "
               "<img src=x onerror=alert(1)> Officials met on Monday.")  # fmt: skip
RLO_TITLE = "Invoice \u202eexe.fdp\u202c and \x1b[31mred\x1b[0m"
RLO_TEXT = "The file was named \u202egnp.exe\u202c by the cartel.\x07 Mexico said so."


def start_server(db: Path, workdir: Path, *, token: str | None = TOKEN,
                 extra: tuple[str, ...] = ()) -> Server:  # fmt: skip
    return _start(db, workdir, token=token, extra=extra)


def hostile_store(path: Path) -> Path:
    with Store(path) as store:
        store.save([
            Analysis(article=Article(id=SCRIPT_ID, text=SCRIPT_TEXT, title=SCRIPT_TITLE,
                                     published="2025-03-01", language="en")),
            Analysis(article=Article(id=RLO_ID, text=RLO_TEXT, title=RLO_TITLE,
                                     published="2025-03-02", language="en")),
        ])  # fmt: skip
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    d = tmp_path_factory.mktemp("secapi")
    srv = start_server(hostile_store(d / "s.db"), d)
    yield srv
    stop(srv.proc)


@pytest.fixture()
def api(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base, timeout=30) as c:
        yield c


def _code(r: httpx.Response) -> str:
    return str(r.json()["error"]["code"])


# --- tokens ---------------------------------------------------------------------------


def test_token_is_compared_in_constant_time() -> None:
    from presswatch.api import auth

    tree = ast.parse(inspect.getsource(auth))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "compare_digest"]  # fmt: skip
    assert calls and all(isinstance(c.func.value, ast.Name) and c.func.value.id == "hmac"
                         for c in calls)  # fmt: skip
    # and no ==/!= anywhere near the token
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(o, ast.Eq | ast.NotEq)
                                                 for o in node.ops):  # fmt: skip
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            assert not names & {"given", "expected", "token"}, ast.unparse(node)


def test_write_refusals(api: httpx.Client) -> None:
    body = {"text": "Mexico rejected the plan."}
    r = api.post("/api/articles", json=body)
    assert r.status_code == 401 and _code(r) == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"
    for wrong in ("x", TOKEN[:-1], TOKEN + "0", TOKEN.upper(), "a" * len(TOKEN), "%00" + TOKEN):
        r = api.post("/api/articles", json=body, headers={"Authorization": f"Bearer {wrong}"})
        assert r.status_code in (401, 403), (wrong, r.status_code)
    r = api.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403 and _code(r) == "forbidden"
    assert TOKEN not in r.text
    for headers in ({"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN},
                    {"Cookie": f"token={TOKEN}"}):  # fmt: skip
        assert api.post("/api/articles", json=body, headers=headers).status_code == 401
    r = api.post("/api/articles", json=body, params={"token": TOKEN})  # never in a URL
    assert r.status_code == 401


def test_the_right_token_passes_authentication(api: httpx.Client) -> None:
    # An empty body is refused *after* authentication, without running the pipeline.
    for headers in ({"Authorization": f"Bearer {TOKEN}"}, {"X-API-Token": TOKEN}):
        r = api.post(
            "/api/articles", content=b"", headers={**headers, "Content-Type": "text/plain"}
        )
        assert r.status_code == 422 and _code(r) == "invalid_body", r.text


# --- binding ----------------------------------------------------------------------------


def _listening(port: int) -> set[str]:
    """Local addresses listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for ln in lines:
            local, state = ln.split()[1], ln.split()[3]
            addr, p = local.split(":")
            if int(p, 16) == port and state == "0A":
                found.add(addr)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_binds_to_loopback_by_default(server: Server) -> None:
    assert _listening(server.port) == {"0100007F"}  # 127.0.0.1 only


def test_warns_when_bound_publicly_without_a_token(tmp_path: Path) -> None:
    db = hostile_store(tmp_path / "p.db")
    for token, warned in ((None, True), (TOKEN, False)):
        srv = start_server(db, tmp_path, token=token, extra=("--host", "0.0.0.0"))
        try:
            if Path("/proc/net/tcp").exists():
                assert _listening(srv.port) == {"00000000"}
        finally:
            stop(srv.proc)
        log = srv.log.read_text()
        assert ("warning: serving on 0.0.0.0" in log) is warned, log
        assert "Traceback" not in log


# --- bodies and CORS -------------------------------------------------------------------


def test_body_limits_with_and_without_content_length(tmp_path: Path) -> None:
    srv = start_server(hostile_store(tmp_path / "b.db"), tmp_path, extra=("--max-body", "1000"))
    try:
        with httpx.Client(base_url=srv.base, timeout=30) as c:
            auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
            r = c.post("/api/articles", content=b"a" * 1001, headers=auth)
            assert r.status_code == 413 and _code(r) == "payload_too_large"
            r = c.post("/api/articles", content=(b"b" * 300 for _ in range(10)), headers=auth)
            assert "content-length" not in r.request.headers  # really chunked
            assert r.status_code == 413 and _code(r) == "payload_too_large"
            # no token, any route: the limit comes first
            assert c.post("/api/health", content=b"c" * 5000).status_code == 413
        # a raw chunked request, hand-written, that never declares its size
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
            s.sendall(b"POST /api/articles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                      b"Content-Type: text/plain\r\nAuthorization: Bearer " + TOKEN.encode()
                      + b"\r\n\r\n")  # fmt: skip
            try:
                for _ in range(5):
                    s.sendall(b"190\r\n" + b"d" * 400 + b"\r\n")
                s.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server may close early: that is a refusal too
            reply = s.recv(4096)
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    finally:
        stop(srv.proc)


def test_cors_is_off_by_default(api: httpx.Client) -> None:
    origin = {"Origin": "https://evil.example"}
    for r in (api.get("/api/articles", headers=origin), api.get("/", headers=origin),
              api.options("/api/articles", headers={**origin,
                          "Access-Control-Request-Method": "POST"})):  # fmt: skip
        assert not any(h.lower().startswith("access-control-") for h in r.headers), r.headers


# --- output: the UI escapes, never injects ------------------------------------------------


@pytest.mark.parametrize("page", [f"/articles/{SCRIPT_ID}", "/articles", "/",
                                  "/search?q=rejected", "/findings"])  # fmt: skip
def test_script_in_an_article_is_shown_escaped(api: httpx.Client, page: str) -> None:
    r = api.get(page)
    assert r.status_code == 200, r.text[:300]
    html = r.text
    assert "<script>alert" not in html and "<img src=x" not in html
    if page.startswith("/articles/"):
        assert "&lt;script&gt;alert(&#34;pw-body&#34;)&lt;/script&gt;" in html
        assert "&lt;script&gt;alert(&#39;pw-title&#39;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_right_to_left_overrides_and_controls_are_made_visible(api: httpx.Client) -> None:
    for page in (f"/articles/{RLO_ID}", "/articles", "/"):
        html = api.get(page).text
        for ch in ("\u202e", "\u202c", "\x1b", "\x07"):
            assert ch not in html, (page, repr(ch))
    html = api.get(f"/articles/{RLO_ID}").text
    assert "Invoice [U+202E]exe.fdp[U+202C] and [U+001B][31mred" in html
    assert "named [U+202E]gnp.exe[U+202C] by the cartel.[U+0007]" in html
    # the data itself is kept as stored: the JSON API returns the characters
    assert api.get(f"/api/articles/{RLO_ID}").json()["title"] == RLO_TITLE


def test_security_headers_do_not_leak_the_server(api: httpx.Client) -> None:
    r = api.get("/api/health")
    assert "server" not in {k.lower() for k in r.headers}  # uvicorn's banner is off
