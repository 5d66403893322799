"""The web UI in a real headless Chromium (Debian's), against a real ``presswatch serve``.

Screenshots of every page go to test-artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from test_api import HANDMADE_ID, Server, main_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no chromium binary at /usr/bin/chromium (install it with `make browser`)",
                allow_module_level=True)  # fmt: skip
sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra is not installed")

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
#: Flags that keep Chromium from reaching out to the network or updating itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def serve_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "serve"


@pytest.fixture(scope="session")
def server(serve_dir: Path) -> Server:
    serve_dir.mkdir(exist_ok=True)
    return main_server(serve_dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Tab:
    """A page that records script errors, dialogs (alert = injected script ran) and requests."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.set_default_timeout(10_000)
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)

    def _dialog(self, d: Any) -> None:
        self.dialogs.append(d.message)
        d.dismiss()

    def _request(self, r: Any) -> None:
        if not r.url.startswith((self.base, "data:")):
            self.foreign.append(r.url)

    def go(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def shot(self, name: str, full_page: bool = True) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], f"a script in the data ran: {self.dialogs}"
        assert self.foreign == [], f"the page fetched from outside the server: {self.foreign}"


@pytest.fixture()
def tab(browser: Any, server: Server) -> Iterator[Tab]:
    t = Tab(browser, server.base)
    yield t
    t.check_clean()
    t.page.close()


def test_overview_chart_and_actor_link(tab: Tab) -> None:
    page = tab.go("/")
    assert page.locator("#events-chart rect").count() > 0
    tab.shot("overview")
    link = page.locator("ol.ranked a.actor").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("#actor-name").inner_text() == name


def test_timeline_filters_and_link_to_the_sentence(tab: Tab) -> None:
    page = tab.go("/timeline")
    tab.shot("timeline")
    assert page.locator("#timeline-axis circle").count() > 0
    page.click('#type-chips a[data-type="ACCUSE"]')
    page.wait_for_url(re.compile(r"type=ACCUSE"))
    badges = page.locator("#event-list .badge").all_inner_texts()
    assert badges and set(badges) == {"ACCUSE"}
    page.select_option('select[name="actor"]', "test-alpha")  # the form submits on change
    page.wait_for_url(re.compile(r"actor=test-alpha"))
    assert "type=ACCUSE" in page.url
    rows = page.locator("#event-list li.event")
    assert rows.count() == 1
    assert "Alpha Person accused Beta Land" in rows.first.inner_text()
    rows.first.locator("a.sentence").click()
    page.wait_for_url(re.compile(rf"/articles/{HANDMADE_ID}#ev-hm-ev-accuse$"))
    focus = page.locator(".hl.focus")
    assert focus.count() >= 1 and focus.first.inner_text() == "accused"
    assert focus.first.is_visible()


def test_network_hover_drag_and_click(tab: Tab, server: Server) -> None:
    page = tab.go("/network")
    page.wait_for_selector("#network[data-settled]", timeout=15_000)
    tab.shot("network", full_page=False)
    data = json.loads(page.locator("#network-data").text_content() or "{}")
    assert data["graph"]["nodes"]
    assert page.locator("#network g.node").count() == len(data["graph"]["nodes"])
    assert page.locator("#network path.edge").count() == len(data["graph"]["edges"])
    page = tab.go("/network?actor=test-alpha")
    page.wait_for_selector("#network[data-settled]", timeout=15_000)
    edges = page.locator("#network path.edge")
    assert edges.count() == 2
    colours = {edges.nth(i).get_attribute("stroke") for i in range(2)}
    assert "#c0392b" in colours  # Beta → Alpha is material conflict (SANCTION)
    node = page.locator('#network g.node[data-id="test-beta"]')
    node.locator("circle").hover()
    assert page.locator("#net-tip").is_visible()
    assert "Beta Land" in page.locator("#net-tip").inner_text()
    before = node.get_attribute("transform")
    box = node.locator("circle").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 60, steps=8)
    page.mouse.up()
    assert node.get_attribute("transform") != before
    assert "/network" in page.url  # a drag is not a click
    page.locator('#network g.node[data-id="test-alpha"] circle').click()
    page.wait_for_url(re.compile(r"/actors/test-alpha$"))


def test_article_view_highlights_and_escapes(tab: Tab, server: Server) -> None:
    items = httpx.get(server.base + "/api/articles", params={"q": "pwxss-body"}).json()["items"]
    page = tab.go(f"/articles/{items[0]['id']}")
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("pwxss-body")</script>' in text
    assert "<img src=x onerror=" in text
    assert "<script>alert('pwxss-title')</script>" in page.locator("#article-title").inner_text()
    assert page.locator("#article-text script, #article-text img, h1 b").count() == 0
    tab.shot("article-escaping")

    page = tab.go(f"/articles/{HANDMADE_ID}")
    assert page.locator("#article-text .hl.k-event").count() == 3
    assert page.locator("#article-text .hl.k-actor").count() >= 6
    assert page.locator("#article-text .hl.k-quote").inner_text() == "We will not accept this,"
    record = page.locator('aside.records [data-ref="ev-hm-ev-sanction"]')
    record.hover()
    lit = page.locator("#article-text .hl.lit")
    assert lit.count() == 1 and lit.inner_text() == "sanctioned"
    page.uncheck('#span-keys input[data-kind="event"]')
    assert "hide-event" in (page.locator("#article-text").get_attribute("class") or "")
    tab.shot("article")


def test_dossier(tab: Tab) -> None:
    page = tab.go("/actors/test-alpha")
    assert page.locator("#actor-name").inner_text() == "Alpha Person"
    assert page.locator("#events-source li.event").count() == 2
    assert page.locator("#events-target li.event").count() == 1
    assert "We will not accept this" in page.locator("#quotes").inner_text()
    tab.shot("dossier-test-alpha")
    page.locator("#events-target a.actor", has_text="Beta Land").first.click()
    page.wait_for_url(re.compile(r"/actors/test-beta$"))
    assert "1,234 kilograms" in page.locator("#figures").inner_text()
    assert "role anachronism" in page.locator("#findings").inner_text()


def test_findings_grouped_with_links(tab: Tab) -> None:
    page = tab.go("/findings")
    group = page.locator("#kind-role_anachronism")
    assert group.count() == 1
    tab.shot("findings")
    group.locator("a.src", has_text="Hand-made").first.click()
    page.wait_for_url(re.compile(rf"/articles/{HANDMADE_ID}#f-\d+$"))
    assert page.locator(".hl.focus").first.inner_text().startswith("Beta Land")


def test_search_from_the_header(tab: Tab) -> None:
    page = tab.go("/")
    page.fill("header .search input", "smuggling")
    page.press("header .search input", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=smuggling"))
    assert page.locator("#hits mark").first.inner_text().lower() == "smuggling"
    tab.shot("search")
    page.locator("#hits a", has_text="Hand-made").click()
    page.wait_for_url(re.compile(rf"/articles/{HANDMADE_ID}$"))


def test_other_pages_render(tab: Tab) -> None:
    for path, name in (("/actors", "actors"), ("/articles", "articles"), ("/docs", "api-docs")):
        page = tab.go(path)
        if name == "api-docs":
            page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)  # rendered offline
        tab.shot(name, full_page=name != "api-docs")


def test_language_filter_badges_and_spanish_text(tab: Tab, server: Server) -> None:
    """Choosing ES lists only the Spanish articles, each with its badge; a Spanish article
    is marked lang="es" and shows its accents, « » and — as the API gives them."""
    page = tab.go("/articles")
    assert page.locator("#article-table tbody .lang").count() > 0
    assert set(page.locator("#article-table tbody .lang").all_inner_texts()) >= {"EN", "ES"}
    page.select_option("#language-filter", "es")  # the form submits on change
    page.wait_for_url(re.compile(r"language=es"))
    want = httpx.get(server.base + "/api/articles", params={"language": "es"}).json()
    rows = page.locator("#article-table tbody tr")
    assert rows.count() == want["total"] > 0
    assert page.locator("#article-table tbody .lang").all_inner_texts() == ["ES"] * want["total"]
    titles = page.locator("#article-table tbody a[lang=es]").all_inner_texts()
    assert titles == [a["title"] for a in want["items"]]
    tab.shot("articles-es")
    for item in want["items"]:
        page = tab.go(f"/articles/{item['id']}")
        assert page.locator("#article-language .lang").inner_text() == "ES"
        assert page.locator("#article-text").get_attribute("lang") == "es"
        text = httpx.get(f"{server.base}/api/articles/{item['id']}").json()["text"]
        shown = page.locator("#article-text").inner_text()
        # Every non-ASCII character of the article (á, ñ, «, », —) reaches the page intact.
        assert {c for c in text if ord(c) > 127} <= set(shown), item["title"]
        if "—" in text:
            tab.shot("article-es")
    page = tab.go("/timeline?language=es")
    assert page.locator("#language-filter").input_value() == "es"
    langs = page.locator("#event-list .lang").all_inner_texts()
    n_es = httpx.get(server.base + "/api/events", params={"language": "es"}).json()["total"]
    assert langs == ["ES"] * min(n_es, 100) and n_es > 0
    page = tab.go("/findings?language=en")
    assert set(page.locator("ul.findings .lang").all_inner_texts()) == {"EN"}
    # The overview's stories list each source with its language; a retold story shows both.
    page = tab.go("/")
    api_stories = httpx.get(server.base + "/api/stories", params={"min_sources": 2}).json()
    stories = page.locator("#stories li.story")
    assert stories.count() == min(api_stories["total"], 8) > 0
    first = stories.first
    langs = api_stories["items"][0]["languages"]
    assert first.locator(".sources .lang").count() == len(set(api_stories["items"][0]["articles"]))
    assert set(first.locator(".sources .lang").all_inner_texts()) == {x.upper() for x in langs}
    assert any(s["languages"] == ["en", "es"] for s in api_stories["items"])
