"""Time every page and API endpoint of a running ``presswatch serve`` (measures; never a test).

    python -m presswatch.web.timing http://127.0.0.1:8000 [--browser /usr/bin/chromium]

For each page: the server's answer time over HTTP (first request, then the
median of five), and with ``--browser`` the time until Chromium's ``load``
event (the page drawn, its scripts run).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import httpx

__all__ = ["main", "pages"]

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def pages(client: httpx.Client) -> list[str]:
    """The pages to time, with ids taken from the store behind the server."""
    actors = client.get("/api/actors", params={"limit": 1}).json()["items"]
    arts = client.get("/api/articles", params={"limit": 500}).json()["items"]
    longest = max(arts, key=lambda a: a["chars"])["id"] if arts else "none"
    actor = actors[0]["id"] if actors else "none"
    return [
        "/", "/timeline", f"/timeline?actor={actor}", "/network", "/actors", f"/actors/{actor}",
        "/articles", f"/articles/{longest}", "/findings", "/search?q=fentanyl",
        "/api/articles?limit=500", f"/api/articles/{longest}", f"/api/actors/{actor}",
        "/api/events?limit=500", "/api/quotes?limit=500", "/api/claims?limit=500",
        "/api/findings?limit=500", "/api/timeline?interval=week", "/api/network",
        "/api/search?q=fentanyl",
    ]  # fmt: skip


def _http(client: httpx.Client, path: str) -> tuple[float, float, int]:
    times = []
    for _ in range(6):
        t = time.perf_counter()
        r = client.get(path)
        r.raise_for_status()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times[1:]), len(r.content)


def _browser(base: str, paths: list[str], executable: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        page = b.new_page(viewport={"width": 1280, "height": 900})
        for path in paths:
            if path.startswith("/api"):
                continue
            runs = []
            for _ in range(3):
                page.goto(base + path, wait_until="load")
                nav: Any = page.evaluate(
                    "JSON.stringify(performance.getEntriesByType('navigation')[0])"
                )
                import json

                entry = json.loads(nav)
                runs.append(entry["loadEventEnd"] / 1000)
            out[path] = statistics.median(runs)
        b.close()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base", help="the server, e.g. http://127.0.0.1:8000")
    ap.add_argument("--browser", help="a Chromium binary, to time full page loads too")
    args = ap.parse_args(argv)
    with httpx.Client(base_url=args.base, timeout=60) as client:
        counts = client.get("/api/health").json()["counts"]
        paths = pages(client)
        rows = [(p, *_http(client, p)) for p in paths]
    loads = _browser(args.base, paths, args.browser) if args.browser else {}
    print(f"store: {counts}")
    print(f"{'path':58} {'first s':>8} {'median s':>9} {'bytes':>9} {'browser load s':>15}")
    for path, first, median, size in rows:
        load = f"{loads[path]:.3f}" if path in loads else ""
        print(f"{path[:58]:58} {first:8.3f} {median:9.3f} {size:9,d} {load:>15}")
    worst = max(rows, key=lambda r: r[2])
    print(f"slowest median: {worst[0]} {worst[2]:.3f} s"
          + (f"; slowest browser load: {max(loads.values()):.3f} s" if loads else ""))  # fmt: skip


if __name__ == "__main__":
    main()
