"""URL ingestion (``presswatch ingest https://…``) with SSRF protection.

A URL given on the command line is fetched once and read like a file of the
same kind (a page goes through the trafilatura HTML reader).  Fetching a URL
from a server is the classic server-side request forgery hole, so every hop is
vetted the same way:

1. only ``http`` and ``https``; a redirect may not leave ``https`` for ``http``
   (no TLS downgrade) and there are at most :data:`MAX_REDIRECTS` of them;
2. the host is resolved here with :func:`socket.getaddrinfo`, and *every*
   address it resolves to must be public (not private, loopback, link-local,
   multicast, reserved, unspecified, shared or an IPv4-mapped form of those);
3. the connection goes to the vetted IP address itself, with the ``Host``
   header and the TLS SNI/certificate name set to the host name, so a second
   DNS answer (DNS rebinding) cannot send the request anywhere else;
4. no proxy from the environment is used (it would bypass the vetting);
5. the body is streamed and counted after content decoding (a compressed bomb
   is stopped at the limit), with a ``Content-Length`` over the limit refused
   before reading; the whole fetch has one deadline (:data:`DEFAULT_TIMEOUT`).

``PRESSWATCH_ALLOW_PRIVATE_URLS=1`` turns check 2 off; a comma-separated list
of ``IP:PORT`` (or ``IP``) entries allows just those.  It exists for tests that
serve pages from 127.0.0.1 and is UNSAFE anywhere else.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = [
    "ALLOW_PRIVATE_ENV",
    "DEFAULT_TIMEOUT",
    "Fetched",
    "fetch",
    "is_url",
    "next_url",
    "read_url",
    "vet_address",
]

STAGE = "ingest"
#: Test-only switch: allow private and loopback addresses.  Unsafe outside tests.
ALLOW_PRIVATE_ENV = "PRESSWATCH_ALLOW_PRIVATE_URLS"
#: Seconds for the whole fetch (all redirects, headers and body); a slow server is cut off.
DEFAULT_TIMEOUT = 20.0
TIMEOUT_ENV = "PRESSWATCH_URL_TIMEOUT"
#: Redirects followed; more is a loop or a trick.
MAX_REDIRECTS = 5
_USER_AGENT = "presswatch (+https://example.invalid/presswatch; news analysis)"


def is_url(value: object) -> bool:
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    data: bytes


def _refuse(message: str) -> InputError:
    return InputError(message, code=codes.URL_REFUSED)


def _fail(message: str) -> InputError:
    return InputError(message, code=codes.URL_FETCH)


def vet_address(ip_text: str) -> str | None:
    """Why the address may not be fetched, or None when it is a public address."""
    ip = ipaddress.ip_address(ip_text.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:  # ::ffff:127.0.0.1 and 2002:7f00:1:: are 127.0.0.1
            ip = mapped
        elif ip.teredo is not None:
            ip = ip.teredo[1]
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),  # before private, which includes it
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("unspecified", ip.is_unspecified),
    )
    for name, hit in checks:
        if hit:
            return f"a {name} address ({ip})"
    if not ip.is_global:  # shared address space (100.64/10), documentation ranges …
        return f"not a public address ({ip})"
    return None


def _allowed_private(addr: str, port: int) -> bool:
    """The test-only override (see the module docstring); never set it in production."""
    raw = os.environ.get(ALLOW_PRIVATE_ENV, "").strip()
    if raw == "1":
        return True
    entries = {e.strip() for e in raw.split(",") if e.strip()}
    return addr in entries or f"{addr}:{port}" in entries


def _resolve(host: str, port: int, timeout: float) -> list[str]:
    # getaddrinfo has no timeout of its own: run it in a daemon thread and stop waiting at
    # the deadline (a slow resolver cannot hold the fetch past its time limit).
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout

    pool = ThreadPoolExecutor(1, thread_name_prefix="presswatch-dns")
    try:
        infos = pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM).result(
            timeout=max(timeout, 0.01)
        )
    except FutureTimeout:
        raise _fail(f"resolving {host!r} timed out; try again later") from None
    except (socket.gaierror, UnicodeError) as err:
        raise _fail(f"cannot resolve the host {host!r} ({err}); check the URL") from None
    finally:
        pool.shutdown(wait=False)
    addrs = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addrs:
        raise _fail(f"the host {host!r} has no address; check the URL")
    return addrs


def _vetted_ip(host: str, port: int, timeout: float) -> str:
    """Resolve ``host`` and return an address to connect to, or refuse."""
    addrs = _resolve(host, port, timeout)
    # Every address must be public: a name that resolves to one public and one private
    # address could otherwise be steered to the private one.
    for addr in addrs:
        why = vet_address(addr)
        if why is not None and not _allowed_private(addr, port):
            raise _refuse(
                f"refused: {host} resolves to {why}; only public addresses are fetched "
                "(server-side request forgery protection)"
            )
    return addrs[0]


def next_url(current: str, location: str) -> str:
    """Where a redirect leads, or a refusal: only http(s), and never from https to http."""
    nxt = urljoin(current, location)
    old, new = urlsplit(current).scheme.lower(), urlsplit(nxt).scheme.lower()
    if new not in ("http", "https"):
        raise _refuse(f"refused: a redirect to a {new or 'relative'} URL ({nxt}); only http(s)")
    if old == "https" and new != "https":
        raise _refuse(
            f"refused: redirect from https to {new} ({nxt}); presswatch does not downgrade TLS"
        )
    return nxt


def _timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV)
    try:
        return float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def fetch(url: str, *, max_bytes: int, timeout: float | None = None) -> Fetched:
    """GET ``url`` under the rules of the module docstring; raise InputError otherwise."""
    import httpx

    timeout = _timeout() if timeout is None else timeout
    deadline = time.monotonic() + timeout
    current = url
    with httpx.Client(trust_env=False, follow_redirects=False, verify=True) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            scheme = parts.scheme.lower()
            if scheme not in ("http", "https"):
                raise _refuse(f"refused: {scheme or 'no'} scheme in {current!r}; only http(s)")
            host = parts.hostname
            if not host:
                raise _fail(f"{current!r} has no host name; check the URL")
            if parts.username or parts.password:
                raise _refuse("refused: credentials in the URL; remove the user:password@ part")
            try:
                port = parts.port or (443 if scheme == "https" else 80)
            except ValueError:
                raise _fail(f"{current!r} has an invalid port; check the URL") from None
            ip = _vetted_ip(host, port, deadline - time.monotonic())
            target = httpx.URL(current).copy_with(host=ip)
            default_port = port == (443 if scheme == "https" else 80)
            host_header = host if ":" not in host else f"[{host}]"
            if not default_port:
                host_header += f":{port}"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _fail(f"timed out after {timeout:g} s; try again later")
            request = client.build_request(
                "GET", target,
                headers={"Host": host_header, "User-Agent": _USER_AGENT,
                         "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                   "application/atom+xml,text/plain;q=0.8,*/*;q=0.1"},
                # The certificate is checked against the host name, not the IP.
                extensions={"sni_hostname": host,
                            "timeout": {"connect": remaining, "read": remaining,
                                        "write": remaining, "pool": remaining}},
            )  # fmt: skip
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise _fail(f"timed out after {timeout:g} s; try again later") from None
            except httpx.HTTPError as err:
                raise _fail(f"cannot fetch it ({err.__class__.__name__}: {err}); "
                            "check the URL") from None  # fmt: skip
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    if not location:
                        raise _fail(f"a redirect ({response.status_code}) without a Location")
                    current = next_url(current, location)
                    continue
                if response.status_code >= 400:
                    raise _fail(f"the server answered {response.status_code} "
                                f"{response.reason_phrase}; check the URL")  # fmt: skip
                return Fetched(
                    current,
                    response.headers.get("content-type", "").split(";")[0].strip().lower(),
                    _read_body(response, max_bytes, deadline, timeout),
                )
            finally:
                response.close()
    raise _fail(f"more than {MAX_REDIRECTS} redirects; give the final URL")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _read_body(response: Any, max_bytes: int, deadline: float, timeout: float) -> bytes:
    import httpx

    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(
            f"the page is {_mb(int(declared))}, over the {_mb(max_bytes)} limit; "
            "raise the limit with --max-bytes",
            code=codes.TOO_LARGE,
        )
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():  # decoded: a gzip bomb counts at its real size
            size += len(chunk)
            if size > max_bytes:
                raise InputError(
                    f"the page is over the {_mb(max_bytes)} limit (stopped reading); "
                    "raise the limit with --max-bytes",
                    code=codes.TOO_LARGE,
                )
            if time.monotonic() > deadline:  # a server dripping bytes never times out a read
                raise _fail(f"timed out after {timeout:g} s; try again later")
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise _fail(f"timed out after {timeout:g} s; try again later") from None
    except httpx.HTTPError as err:
        raise _fail(f"the download broke off ({err.__class__.__name__}); try again") from None
    return b"".join(chunks)


_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}


def read_url(url: str, settings: Settings) -> Iterator[Article | Failure]:
    """Fetch ``url`` and read it like a file: a page (the default), plain text or a feed."""
    from presswatch.ingest.feeds import read_feed_file
    from presswatch.ingest.html import read_html_file
    from presswatch.ingest.text import read_text_file

    try:
        got = fetch(url, max_bytes=settings.max_bytes)
        if not got.data.strip():
            raise InputError("the page is empty; check the URL", code=codes.EMPTY)
        defaults: Mapping[str, Any] = {"url": got.url}
        name = Path(urlsplit(got.url).path or "/").name or "page"
        path = Path(name)
        if got.content_type in _FEED_TYPES:
            reader = read_feed_file
        elif got.content_type == "text/plain":
            reader = read_text_file
        else:
            reader = read_html_file
        for item in reader(path, got.data, settings, defaults):
            if isinstance(item, Failure):
                yield Failure(item.item.replace(str(path), url, 1), item.stage, item.code,
                              item.reason)  # fmt: skip
            else:
                yield _with_path(item, url)
    except InputError as err:
        yield Failure(url, STAGE, err.code, err.message)


def _with_path(article: Article, url: str) -> Article:
    import dataclasses

    return dataclasses.replace(article, path=url, url=article.url or url)
