"""URL ingestion with SSRF protection, against real local HTTP servers on 127.0.0.1.

The default refuses loopback, so the success path uses the documented test-only
override ``PRESSWATCH_ALLOW_PRIVATE_URLS`` — with an ``IP:PORT`` list, so a
redirect from the allowed server to any other local port is still refused.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.ingest.codes import TOO_LARGE, URL_FETCH, URL_REFUSED
from presswatch.ingest.url import ALLOW_PRIVATE_ENV, fetch, next_url, vet_address
from presswatch.records import Article, Failure
from presswatch.settings import Settings

PAGE = (
    b"<html lang='en'><head><title>Border talks resume</title>"
    b"<meta property='article:published_time' content='2025-03-14'></head><body><article>"
    b"<h1>Border talks resume</h1><p>Mexican and US officials met in Washington on Friday to "
    b"discuss fentanyl trafficking and arms smuggling across the border, the foreign ministry "
    b"said in a statement. The talks will continue next month in Mexico City.</p>"
    b"<p>Officials said both sides agreed to share more intelligence on cartel finances and to "
    b"meet again before the summer.</p></article></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    other_port = 0
    hits: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        p = self.path
        if p == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif p == "/redirect-local":
            self._redirect(f"http://127.0.0.1:{self.other_port}/page")
        elif p == "/redirect-localhost":
            self._redirect(f"http://localhost:{self.other_port}/page")
        elif p == "/redirect-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif p == "/redirect-file":
            self._redirect("file:///etc/passwd")
        elif p == "/redirect-self":
            self._redirect("/page")
        elif p == "/loop":
            self._redirect("/loop")
        elif p == "/big":
            self._send(200, b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
        elif p == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"y" * 50_000
            try:
                for _ in range(20):
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif p == "/slow":
            time.sleep(3)
            self._send(200, PAGE, "text/html")
        elif p == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif p == "/404":
            self._send(404, b"no", "text/plain")
        else:
            self._send(200, b"Plain text from the server about tariffs on steel.", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _serve() -> tuple[http.server.ThreadingHTTPServer, int]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[int, int]]:
    """Two servers: A (the one a test allows) and B (another local port, never allowed)."""
    a, port_a = _serve()
    b, port_b = _serve()
    _Handler.other_port = port_b
    yield port_a, port_b
    a.shutdown()
    b.shutdown()


@pytest.fixture()
def allow_a(servers: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, f"127.0.0.1:{servers[0]}")
    return servers[0]


def _one(url: str, **kw: object) -> Article | Failure:
    items = list(read_inputs([url], Settings(**kw)))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def _refused(item: Article | Failure, code: str, *words: str) -> None:
    assert isinstance(item, Failure), item
    assert item.code == code, item
    assert "\n" not in item.reason
    for w in words:
        assert w in item.reason, item.reason


@pytest.mark.parametrize(
    "addr",
    ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "0.0.0.0",
     "224.0.0.1", "100.64.0.1", "240.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
     "::ffff:10.0.0.1", "2002:7f00:1::", "::"],
)  # fmt: skip
def test_non_public_addresses_are_refused(addr: str) -> None:
    assert vet_address(addr) is not None


@pytest.mark.parametrize("addr", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses_pass(addr: str) -> None:
    assert vet_address(addr) is None


def test_direct_request_to_loopback_is_refused_by_default(
    servers: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    before = len(_Handler.hits)
    for host in ("127.0.0.1", "localhost", "[::ffff:127.0.0.1]"):
        _refused(_one(f"http://{host}:{servers[0]}/page"), URL_REFUSED, "refused", "loopback")
    assert len(_Handler.hits) == before  # refused before connecting: the server saw nothing


def test_success_with_the_test_override_goes_through_trafilatura(allow_a: int) -> None:
    item = _one(f"http://127.0.0.1:{allow_a}/page")
    assert isinstance(item, Article), item
    assert item.title == "Border talks resume"
    assert item.published == "2025-03-14"
    assert "fentanyl trafficking" in item.text and "<p>" not in item.text
    assert item.url == f"http://127.0.0.1:{allow_a}/page"
    plain = _one(f"http://127.0.0.1:{allow_a}/notes.txt")
    assert isinstance(plain, Article) and plain.text.startswith("Plain text from the server")


def test_redirects_are_vetted_on_every_hop(allow_a: int, servers: tuple[int, int]) -> None:
    base = f"http://127.0.0.1:{allow_a}"
    got = _one(f"{base}/redirect-self")  # same allowed server: followed
    assert isinstance(got, Article) and "Border talks" in (got.title or "")
    hits_b = len(_Handler.hits)
    _refused(_one(f"{base}/redirect-local"), URL_REFUSED, "127.0.0.1")
    _refused(_one(f"{base}/redirect-localhost"), URL_REFUSED, "localhost")
    _refused(_one(f"{base}/redirect-metadata"), URL_REFUSED, "169.254.169.254", "link-local")
    _refused(_one(f"{base}/redirect-file"), URL_REFUSED, "file")
    # server B was never contacted: only A's redirect handlers ran
    assert all(not h.startswith("/page") for h in _Handler.hits[hits_b:])
    _refused(_one(f"{base}/loop"), URL_FETCH, "redirects")


def test_https_never_falls_back_to_http() -> None:
    with pytest.raises(InputError, match="does not downgrade TLS") as err:
        next_url("https://example.org/a", "http://example.org/b")
    assert err.value.code == URL_REFUSED
    assert next_url("https://example.org/a", "/b") == "https://example.org/b"
    assert next_url("http://example.org/a", "https://example.org/b") == "https://example.org/b"


def test_https_to_a_plain_server_fails_without_retrying_over_http(allow_a: int) -> None:
    before = list(_Handler.hits)
    _refused(_one(f"https://127.0.0.1:{allow_a}/page"), URL_FETCH, "cannot fetch")
    assert "/page" not in _Handler.hits[len(before) :]  # no plain-HTTP GET ever arrived


def test_oversize_bodies_are_refused(allow_a: int) -> None:
    base = f"http://127.0.0.1:{allow_a}"
    _refused(_one(f"{base}/big", max_bytes=100_000), TOO_LARGE, "0.3 MB, over the 0.1 MB limit")
    _refused(_one(f"{base}/big-chunked", max_bytes=100_000), TOO_LARGE, "stopped reading")
    assert isinstance(_one(f"{base}/big", max_bytes=1_000_000), Article)


def test_slow_responses_time_out(allow_a: int) -> None:
    base = f"http://127.0.0.1:{allow_a}"
    t0 = time.monotonic()
    with pytest.raises(InputError, match="timed out") as err:
        fetch(f"{base}/slow", max_bytes=1_000_000, timeout=0.5)
    assert err.value.code == URL_FETCH
    with pytest.raises(InputError, match="timed out"):  # bytes dripping in: one deadline
        fetch(f"{base}/drip", max_bytes=1_000_000, timeout=1.0)
    assert time.monotonic() - t0 < 3.5


def test_http_errors_and_bad_hosts_are_one_line_failures(allow_a: int) -> None:
    _refused(_one(f"http://127.0.0.1:{allow_a}/404"), URL_FETCH, "404")
    _refused(_one("http://no-such-host.invalid/x"), URL_FETCH, "cannot resolve")


def test_cli_refuses_loopback_and_ingests_with_the_override(
    cli, servers: tuple[int, int], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{servers[0]}/page"
    db = str(tmp_path / "u.db")
    r = cli("ingest", url, "--db", db, env={ALLOW_PRIVATE_ENV: ""})
    assert r.returncode == 1, r.stderr
    assert f"{url}: refused" in r.stderr and "[E120]" in r.stderr
    assert "Traceback" not in r.stderr
    r = cli("ingest", url, "--db", db, env={ALLOW_PRIVATE_ENV: f"127.0.0.1:{servers[0]}"})
    assert r.returncode == 0, r.stderr
    assert "1 stored" in r.stderr
    from presswatch.store import Store

    with Store(db) as store:
        row = store.conn.execute("SELECT url, title FROM articles").fetchone()
    assert tuple(row) == (url, "Border talks resume")
