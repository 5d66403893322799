"""Ingest readers, metadata rules, directory walking, dedup and language, without the NLP stage.

Golden files: ``tests/fixtures/ingest/markdown/<name>.md`` is converted and
compared with ``<name>.expected``.  Regenerate them after an intended change with
``PRESSWATCH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_ingest.py -k golden`` and
review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from presswatch.core import iter_articles
from presswatch.ingest import EXTENSIONS, article_id, read_inputs
from presswatch.ingest.decode import decode
from presswatch.ingest.dedup import Deduplicator
from presswatch.ingest.fields import to_date
from presswatch.ingest.language import route
from presswatch.ingest.markdown import markdown_to_text
from presswatch.ingest.text import split_front_matter
from presswatch.records import Article, Failure
from presswatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
UPDATE_GOLDEN = os.environ.get("PRESSWATCH_UPDATE_GOLDEN") == "1"


def read(*paths: str | Path, **settings: object) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], Settings(**settings)))  # type: ignore[arg-type]


def articles(*paths: str | Path, **settings: object) -> list[Article]:
    items = read(*paths, **settings)
    failures = [i for i in items if isinstance(i, Failure)]
    assert not failures, failures
    return [i for i in items if isinstance(i, Article)]


# --- front matter dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-10", "2024-10-10"),
        (dt.date(2024, 10, 10), "2024-10-10"),
        # a timestamp is the calendar date in its own timezone, not in UTC
        ("2024-10-10 23:59:00-04:00", "2024-10-10"),
        (
            dt.datetime(2024, 10, 10, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
            "2024-10-10",
        ),
        ("2024-10-11T01:30:00+09:00", "2024-10-11"),
        ("2024-10-10T03:59:00Z", "2024-10-10"),
        ("2024-10-10T23:59:00.123456-04:00", "2024-10-10"),
        ("Thu, 10 Oct 2024 23:59:00 -0400", "2024-10-10"),
        ("October 10, 2024", "2024-10-10"),
        ("10 Oct 2024", "2024-10-10"),
        ("", None),
        (None, None),
    ],
)
def test_to_date_forms(value: object, expected: str | None) -> None:
    assert to_date(value) == expected


@pytest.mark.parametrize("value", ["next Tuesday", "03/04/2025", "2025-13-45", "October", 2024])
def test_to_date_rejects_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        to_date(value)


@pytest.mark.parametrize(
    ("front_matter", "published"),
    [
        ("published: 2025-03-01", "2025-03-01"),
        ("date: '2025-03-01'", "2025-03-01"),
        ("published_time: 2025-03-01 23:30:00-06:00", "2025-03-01"),  # YAML makes a datetime
        ("published_time: '2025-03-01T23:30:00-06:00'", "2025-03-01"),
        # published wins over date when both are present
        ("published: 2025-03-02\ndate: 2025-03-01", "2025-03-02"),
    ],
)
def test_front_matter_date_keys(tmp_path: Path, front_matter: str, published: str) -> None:
    f = tmp_path / "a.md"
    f.write_text(f"---\n{front_matter}\n---\nA sentence about the border.\n", encoding="utf-8")
    (art,) = articles(f)
    assert (art.published, art.published_basis) == (published, "metadata")


def test_front_matter_fields_and_aliases(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        '---\ntitle: "Talks\\_in Mexico  City"\nsource_url: https://example.org/x\n'
        "source: Example\nlanguage: en-GB\n---\nBody line.\n",
        encoding="utf-8",
    )
    (art,) = articles(f)
    assert art.title == "Talks in Mexico City"  # YAML's \_ is a no-break space: normalised
    assert (art.url, art.source, art.language) == ("https://example.org/x", "Example", "en")
    assert art.text == "Body line."
    assert art.id == article_id("Body line.")


def test_split_front_matter_leaves_text_without_it_alone() -> None:
    assert split_front_matter("No front matter.\n---\nA rule.") == (
        {},
        "No front matter.\n---\nA rule.",
    )


# --- Markdown --------------------------------------------------------------------------------


GOLDEN = sorted((FIXTURES / "markdown").glob("*.md"))


@pytest.mark.parametrize("source", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_markdown_golden(source: Path) -> None:
    (art,) = articles(source)
    expected = source.with_suffix(".expected")
    if UPDATE_GOLDEN:
        expected.write_text(art.text + "\n", encoding="utf-8")
    assert expected.exists(), f"run with PRESSWATCH_UPDATE_GOLDEN=1 to make {expected}"
    assert art.text + "\n" == expected.read_text(encoding="utf-8")


def test_markdown_golden_metadata() -> None:
    by_name = {Path(a.path or "").stem: a for a in articles(FIXTURES / "markdown")}
    pr = by_name["press_release"]
    assert pr.title == "Joint statement on border security"
    assert pr.published == "2025-03-14"  # 21:30 at UTC-6 is still the 14th there
    assert pr.url == "https://example.org/releases/joint-statement"
    assert by_name["transcript"].published == "2024-11-20"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a [link](http://x.org) here", "a link here"),
        ("**bold** and _em_", "bold and em"),
        ("![alt text](i.png)Caption", "Caption"),
        ("\\# not a heading \\*", "# not a heading *"),
        ("one<!-- hidden -->two", "onetwo"),
        ("x\u00a0y\u200bz", "x yz"),
        ("\\*\\*\\*\n\ntext", "text"),
        ("- a\n- b\n\n1. c", "• a\n• b\n\n1. c"),
        ("said <s>we</s> \\[they\\] did", "said [they] did"),
    ],
)
def test_markdown_rules(source: str, expected: str) -> None:
    from presswatch.ingest.fields import normalise_text

    assert normalise_text(markdown_to_text(source)) == expected


def test_whitehouse_corpus_becomes_plain_text(shared: Path) -> None:
    root = shared / "corpus" / "whitehouse"
    sources = sorted(root.rglob("*.md"))
    assert len(sources) == 150
    items = articles(root)
    assert len(items) == 150
    syntax = {
        "link": re.compile(r"\]\("),
        "strong": re.compile(r"\*\*"),
        "heading": re.compile(r"(?m)^#+\s"),
        "escape": re.compile(r"\\[!-/:-@\[-`{-~]"),
        "comment": re.compile(r"<!--"),
        "html tag": re.compile(r"</?(?:s|span|a|img|figure|table|td|tr|sup|u|strong)\b"),
        "no-break space": re.compile("\u00a0"),
    }
    date_line = re.compile(r"^date: '?(\d{4}-\d{2}-\d{2})'?$", re.MULTILINE)
    for art in items:
        name = Path(art.path or "").name
        for what, pattern in syntax.items():
            m = pattern.search(art.text)
            where = art.text[max(0, m.start() - 40) : m.end() + 40] if m else ""
            assert m is None, f"{name}: {what} survives: {where!r}"
        assert art.title, name
        raw = Path(art.path or "").read_text(encoding="utf-8")
        assert art.published == date_line.search(raw).group(1), name  # type: ignore[union-attr]
        assert art.published_basis == "metadata"
        assert art.url and art.url.startswith("https://"), name
        body = raw.split("\n---\n", 1)[1]
        prose = [
            b
            for b in re.split(r"\n[ \t\u00a0]*\n", body)
            if len(re.findall(r"[A-Za-z]{2,}", b)) >= 5
        ]
        if len(prose) >= 2:  # a one-paragraph readout has no break to keep
            assert "\n\n" in art.text, f"{name}: paragraph breaks lost"
        # soft-wrapped lines are joined: no paragraph of a transcript ends mid-sentence
        assert not re.search(r"[a-z,]\n[a-z]", art.text), name


# --- sidecar, --published ----------------------------------------------------------------------


def test_sidecar_fills_what_the_file_lacks() -> None:
    by_name = {Path(a.path or "").name: a for a in articles(FIXTURES / "sidecar")}
    plain = by_name["plain.txt"]
    assert (plain.published, plain.published_basis) == ("2025-03-31", "metadata")
    assert (plain.title, plain.url, plain.source) == (
        "From the sidecar",
        "https://example.org/plain",
        "Sidecar News",
    )
    own = by_name["own.md"]
    assert (own.title, own.published) == ("Own title wins", "2025-04-01")


def test_seeds_get_dates_from_their_sidecar(shared: Path) -> None:
    seeds = sorted((shared / "corpus" / "seeds").glob("*"))  # metadata.json included: not an error
    got = {Path(a.path or "").name: (a.published, a.published_basis) for a in articles(*seeds)}
    assert got == {
        "000_4505c872608d7270.txt": ("2025-03-31", "metadata"),
        "001_cd724d16e6650678.txt": ("2025-05-05", "metadata"),
    }


def test_published_option_only_for_undated_inputs(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text("Talks resumed in Mexico City.\n", encoding="utf-8")
    (tmp_path / "dated.md").write_text("---\ndate: 2024-01-02\n---\nTalks ended.\n", "utf-8")
    got = {
        Path(a.path or "").name: (a.published, a.published_basis)
        for a in articles(tmp_path, published="2025-06-01")
    }
    assert got == {"undated.txt": ("2025-06-01", "given"), "dated.md": ("2024-01-02", "metadata")}


# --- HTML, tables, feeds ----------------------------------------------------------------------


def test_html_main_text_and_metadata() -> None:
    (art,) = articles(FIXTURES / "html" / "report.html")
    assert art.title == "Border crossings reopen after inspection dispute"
    assert art.published == "2025-02-11"  # 22:15 at UTC-7: still the 11th
    assert art.url == "https://ledger.example.org/2025/02/crossings-reopen"
    assert art.source == "Frontier Ledger"
    assert art.language == "en"
    assert "weapons hidden among auto parts" in art.text
    assert "Subscribe" not in art.text and "Home" not in art.text  # boilerplate removed
    assert art.text.count("\n\n") >= 2


def test_jsonl_and_csv_rows() -> None:
    rows = articles(FIXTURES / "tabular")
    by_title = {a.title: a for a in rows}
    two = by_title["Two paragraphs"]  # quoted field with embedded CRLF newlines, BOM header
    assert two.id == "csv-1"
    assert two.text == (
        "A first paragraph about the bilateral security dialogue, with a comma."
        '\n\nA second paragraph, quoted "exactly" as said.'
    )
    assert two.published == "2025-01-15"
    no_id = by_title["No id"]
    assert no_id.id == article_id(no_id.text) and no_id.published is None
    fin = by_title["Financier extradited"]
    assert (fin.id, fin.published, fin.source, fin.url) == (
        "wire-001",
        "2025-02-28",
        "Example Wire",
        "https://example.org/a",
    )
    plain = by_title[None]
    assert plain.id == article_id(plain.text) and plain.language == "en"


def test_csv_large_field(tmp_path: Path) -> None:
    body = "The commission heard testimony about the border. " * 4000  # ~200 KB: over csv's default
    (tmp_path / "big.csv").write_text(f'text\n"{body}"\n', encoding="utf-8")
    (art,) = articles(tmp_path / "big.csv")
    assert art.text == body.strip()


def test_csv_in_a_legacy_encoding(tmp_path: Path) -> None:
    text = "El secretario Ramírez habló de la cooperación con los Estados Unidos en Señora."
    (tmp_path / "old.csv").write_bytes(f"text,title\n{text},Año\n".encode("cp1252"))
    (art,) = articles(tmp_path / "old.csv")
    assert (art.text, art.title) == (text, "Año")


def test_feeds_rss_and_atom() -> None:
    items = articles(FIXTURES / "feeds")
    by_title = {a.title: a for a in items}
    navy = by_title["Navy takes over port inspections"]  # HTML title reduced to text
    assert navy.published == "2025-01-20"  # 23:45 at UTC-8; feedparser's UTC would say the 21st
    assert navy.url == "https://desk.example.org/navy-ports"
    assert navy.source == "Security Desk"
    assert navy.text.endswith("• Manzanillo\n• Lázaro Cárdenas")
    pills = by_title["Customs seizes pills at Nogales"]
    assert pills.published == "2025-03-04"
    assert pills.text == (
        "Customs officers at the Nogales port of entry found thousands of "
        "counterfeit pills hidden in a shipment of cucumbers on Tuesday night."
        "\n\nThe driver was detained."
    )
    assert (pills.source, pills.language) == ("Border Wire", "en")
    assert len(items) == 3


def test_feed_with_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    (tmp_path / "xxe.rss").write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>t</title><description>&x;</description>'
        "</item></channel></rss>",
        encoding="utf-8",
    )
    (failure,) = read(tmp_path / "xxe.rss")
    assert isinstance(failure, Failure) and failure.code == "E116"


# --- decoding ---------------------------------------------------------------------------------


def test_decode_encodings() -> None:
    text = "Señor Ramírez dijo que la cooperación “funciona” — y seguirá."
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")).lstrip("\ufeff") == text
    assert decode(text.encode("utf-16")) == text
    assert decode(text.encode("cp1252")) == text  # detected, and not as cp1250 ("Seńor")


# --- directories ------------------------------------------------------------------------------


def test_directory_walk(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("Alpha story about tariffs.\n", encoding="utf-8")
    (root / "b" / "deep" / "c.md").write_text("Gamma story about *trade*.\n", encoding="utf-8")
    (root / "b" / "notes.pdf").write_text("ignored in a walk", encoding="utf-8")
    (root / ".secret.txt").write_text("hidden file\n", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("hidden dir\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("Outside the tree.\n", encoding="utf-8")
    (root / "link_out").symlink_to(outside, target_is_directory=True)
    (root / "b" / "loop").symlink_to(root, target_is_directory=True)  # a loop must not hang
    other = tmp_path / "other.txt"
    other.write_text("Beta story given on its own.\n", encoding="utf-8")
    got = [Path(a.path or "").name for a in articles(root, other)]
    assert got == ["a.txt", "c.md", "other.txt"]


def test_extensions_are_documented(repo: Path) -> None:
    doc = (repo / "docs" / "INGEST.md").read_text(encoding="utf-8")
    for ext in EXTENSIONS:
        assert f"`{ext}`" in doc, ext


def test_error_codes_are_documented(repo: Path) -> None:
    from presswatch.ingest.codes import CODES

    doc = (repo / "docs" / "INGEST.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (E1\d\d) \| ([^|]+) \|", doc, re.MULTILINE))
    assert set(table) == set(CODES)


# --- dedup and language -----------------------------------------------------------------------


def test_duplicates_exact_and_near() -> None:
    stats: dict[str, int] = {}
    items = list(iter_articles([str(FIXTURES / "dedup")], Settings(), stats))
    by_name = {Path(a.path or "").name: a for a in items if isinstance(a, Article)}
    assert set(by_name) == {"a_original.txt", "b_edited.txt", "c_other_story.txt"}  # copy dropped
    original = by_name["a_original.txt"]
    assert by_name["b_edited.txt"].near_duplicate_of == original.id
    assert by_name["c_other_story.txt"].near_duplicate_of is None
    assert stats == {"duplicates": 1, "near_duplicates": 1}


def test_dedup_different_story_on_the_same_topic_does_not_match() -> None:
    dedup = Deduplicator()
    texts = [
        (FIXTURES / "dedup" / n).read_text(encoding="utf-8")
        for n in ("c_other_story.txt", "a_original.txt")
    ]
    first, second = (dedup.add(Article(id=article_id(t), text=t)) for t in texts)
    assert first is not None and second is not None and second.near_duplicate_of is None


def test_language_is_detected_and_routed() -> None:
    es = Article(
        id="es",
        text="El gobierno de México anunció nuevas medidas contra el tráfico de "
        "armas en la frontera norte del país, según informaron los funcionarios.",
    )
    en = Article(
        id="en",
        text="The governments of Mexico and the United States announced new "
        "measures against arms trafficking along the northern border.",
    )
    routed_es, ok_es = route(es, Settings())
    routed_en, ok_en = route(en, Settings())
    assert (routed_es.language, ok_es) == ("es", True)
    assert (routed_en.language, ok_en) == ("en", True)
    assert route(es, Settings(languages=("en",)))[1] is False


# --- robustness -------------------------------------------------------------------------------

_PIECES = [
    b"---\n",
    b"title: x\n",
    b"date: [\n",
    b"published: 2025-01-01\n",
    b"<",
    b">",
    b"</",
    b"<p>",
    b"<!DOCTYPE",
    b"&amp;",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x80",
    b"\xc3\xa9",
    b'"',
    b",",
    b"\n",
    b"\r\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b"*",
    b"_",
    b"#",
    b"|",
    b"  ",
    b"text",
    b"hello world ",
    b'{"text": ',
    b'"abc"',
    b"null",
    b"<rss version='2.0'><channel><item>",
    b"</item>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
    b"<html><body>",
    b"<![CDATA[",
    b"]]>",
]


def test_any_bytes_become_articles_or_failures(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ext=st.sampled_from(EXTENSIONS), parts=st.lists(st.sampled_from(_PIECES), max_size=30))
    def check(ext: str, parts: list[bytes]) -> None:
        f = tmp_path / f"item{ext}"
        f.write_bytes(b"".join(parts))
        for item in read(f):  # never raises, whatever the bytes
            assert isinstance(item, (Article, Failure))
            if isinstance(item, Failure):
                assert item.code != "E119", item  # no reader crashed
                assert item.stage == "ingest" and item.reason

    check()
