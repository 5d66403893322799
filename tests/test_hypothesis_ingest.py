"""Property-based tests over every ingestion format, through ``read_inputs`` on real files.

The property, for any input: ``read_inputs`` never raises; it yields Articles
and Failures only; every Failure names its item, carries a documented code
other than E119 (E119 is the safety net for reader bugs, so seeing it here is a
bug) and a one-line reason; every Article has normalised, non-empty text.
Settings are modest (50-100 examples, no deadline) to keep the suite fast.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.ingest import normalise_text, read_inputs
from presswatch.ingest.codes import CODES, INTERNAL
from presswatch.records import Article, Failure
from presswatch.settings import Settings

SETTINGS = Settings(max_bytes=200_000)
PROFILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Examples run by this module (summed from the profiles below), reported in docs/SECURITY.md.
EXTENSIONS = (".txt", ".md", ".html", ".jsonl", ".csv", ".rss", ".atom", ".xml", ".txt.gz",
              ".jsonl.gz")  # fmt: skip


def check_items(items: list[Article | Failure], inputs: list[str]) -> None:
    for it in items:
        assert isinstance(it, Article | Failure), it
        if isinstance(it, Failure):
            assert it.code in CODES and it.code != INTERNAL, it
            assert it.reason and "\n" not in it.reason and "Traceback" not in it.reason, it
            assert any(it.item.startswith(p) for p in inputs), it
        else:
            assert it.text and it.text == normalise_text(it.text), it
            assert it.id


def read(files: dict[str, bytes], s: Settings = SETTINGS) -> list[Article | Failure]:
    with tempfile.TemporaryDirectory(prefix="pw-hyp-") as tmp:
        paths = []
        for name, data in files.items():
            p = Path(tmp) / name
            p.write_bytes(data)
            paths.append(str(p))
        items = list(read_inputs(paths, s))
        check_items(items, paths)
        return items


# --- strategies -----------------------------------------------------------------------

#: Text with the characters that break parsers: quotes, markup, controls, bidi, surrogates'
#: neighbours, combining marks, newlines of every kind.
nasty_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list(
                "\"',;:<>&#[]{}|*-_`~\\/\t\r\n\x00\x0b\x0c\x1b\x7f\x85\u2028"
                "\u2029\u202e\u200b\ufeff\u00a0é漢🙂\u0301"
            )
        ),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=300,
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252",
                             "shift_jis", "koi8-r"])  # fmt: skip


def encode(text: str, enc: str) -> bytes:
    return codecs.encode(text, enc, errors="replace")


yaml_scalar = st.one_of(
    nasty_text.map(lambda t: t.replace("\n", " ")),
    st.sampled_from(["2025-13-45", "2025-02-30", "yesterday", "[1, 2]", "{a: b}", "&anchor x",
                     "*alias", "!!python/object:os.system ls", "~", "null", "2025-03-14",
                     "2025-03-14T25:00:00Z", "!!binary aGVsbG8=", "'unclosed", "- a\n- b",
                     "0x1F", "1e999", ".nan", "|\n  block"]),
)  # fmt: skip
front_matter = st.builds(
    lambda pairs, close, body: (
        "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + (close or "") + body
    ),
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "title",
                    "published",
                    "date",
                    "url",
                    "source",
                    "language",
                    "id",
                    "tags",
                    "?",
                    "published_time",
                ]
            ),
            yaml_scalar,
        ),
        max_size=6,
    ),
    st.sampled_from(["---\n", "...\n", "", "--- \n", "----\n"]),
    nasty_text,
)


@st.composite
def json_value(draw: st.DrawFn, depth: int = 0) -> object:
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), nasty_text,
                       st.integers(min_value=10**30, max_value=10**40))  # fmt: skip
    if depth > 3:
        return draw(leaves)
    inner = json_value(depth + 1)
    containers = st.one_of(st.lists(inner, max_size=3),
                           st.dictionaries(nasty_text, inner, max_size=3))  # fmt: skip
    return draw(st.one_of(leaves, containers))


jsonl_row = st.one_of(
    st.fixed_dictionaries(
        {"text": st.one_of(nasty_text, json_value())},
        optional={
            "title": json_value(),
            "published": st.one_of(yaml_scalar, json_value()),
            "id": json_value(),
            "url": json_value(),
            "language": json_value(),
        },
    ).map(lambda d: json.dumps(d, allow_nan=True)),
    json_value().map(lambda v: json.dumps(v, allow_nan=True)),
    nasty_text,  # not JSON at all
)


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue()


csv_doc = st.one_of(
    st.lists(st.lists(nasty_text, min_size=1, max_size=4), max_size=5).map(
        lambda rows: _csv([["text", "title", "published", "id"], *rows])
    ),
    st.builds(
        lambda h, b: h + b,
        st.sampled_from(["text,title\n", "TEXT\n", "\ufefftext\n", "title\n", ""]),
        nasty_text,
    ),
)


def _html(draw_tags: list[str], text: str, depth: int) -> str:
    opened = "".join(f"<{t}>" for t in draw_tags) * depth
    return f"<html><head><title>{text[:40]}</title></head><body>{opened}{text}</body></html>"


html_doc = st.one_of(
    st.builds(
        _html,
        st.lists(
            st.sampled_from(
                ["div", "p", "span", "b", "li", "table", "td", "script", "svg", "a", "!--", "x:y"]
            ),
            min_size=1,
            max_size=3,
        ),
        nasty_text,
        st.integers(0, 400),
    ),
    nasty_text,
)

_FEED_RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{t}'
             "</title>{items}</channel></rss>")  # fmt: skip
_FEED_ATOM = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
              "<title>{t}</title>{items}</feed>")  # fmt: skip


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_doc(draw: st.DrawFn) -> bytes:
    atom = draw(st.booleans())
    raw = draw(st.booleans())  # unescaped text: malformed XML on purpose
    esc = (lambda s: s) if raw else _xml_escape
    entries = draw(st.lists(st.tuples(nasty_text, nasty_text, yaml_scalar), max_size=4))
    if atom:
        items = "".join(f"<entry><title>{esc(a)}</title><content type='html'>{esc(b)}</content>"
                        f"<updated>{esc(c)}</updated></entry>" for a, b, c in entries)  # fmt: skip
        doc = _FEED_ATOM.format(t=esc(draw(nasty_text)), items=items)
    else:
        items = "".join(f"<item><title>{esc(a)}</title><description>{esc(b)}</description>"
                        f"<pubDate>{esc(c)}</pubDate></item>" for a, b, c in entries)  # fmt: skip
        doc = _FEED_RSS.format(t=esc(draw(nasty_text)), items=items)
    return encode(doc, "utf-8")


# --- the properties -----------------------------------------------------------------------


@PROFILE
@given(ext=st.sampled_from(EXTENSIONS), data=st.binary(max_size=2000))
def test_arbitrary_bytes_in_every_format(ext: str, data: bytes) -> None:
    import gzip

    if ext.endswith(".gz") and data[:1] == b"z":  # sometimes real gzip around the bytes
        data = gzip.compress(data)
    read({f"x{ext}": data})


@PROFILE
@given(text=st.one_of(front_matter, nasty_text), enc=encodings,
       ext=st.sampled_from([".txt", ".md"]))  # fmt: skip
def test_text_and_markdown_with_front_matter_in_any_encoding(text: str, enc: str, ext: str) -> None:
    items = read({f"doc{ext}": encode(text, enc)})
    assert len(items) <= 2  # the file, at most one failure


@PROFILE
@given(doc=html_doc, enc=encodings)
def test_html_nested_and_broken(doc: str, enc: str) -> None:
    items = read({"page.html": encode(doc, enc)})
    assert len(items) == 1


@PROFILE
@given(rows=st.lists(jsonl_row, min_size=1, max_size=8),
       newline=st.sampled_from(["\n", "\r\n", "\r"]))  # fmt: skip
def test_jsonl_with_odd_types(rows: list[str], newline: str) -> None:
    items = read({"rows.jsonl": newline.join(rows).encode("utf-8", "surrogatepass")})
    arts = [i for i in items if isinstance(i, Article)]
    assert all(isinstance(a.title, str | None) for a in arts)


@PROFILE
@given(doc=csv_doc, enc=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_quoting(doc: str, enc: str) -> None:
    read({"table.csv": encode(doc, enc)})


@PROFILE
@given(doc=feed_doc(), ext=st.sampled_from([".rss", ".atom", ".xml"]))
def test_feeds(doc: bytes, ext: str) -> None:
    read({f"feed{ext}": doc})


def test_deeply_nested_html_and_huge_lines() -> None:
    deep = "<div>" * 100_000 + "Mexico said no." + "</div>" * 100_000
    items = read({"deep.html": deep.encode()}, Settings())
    assert len(items) == 1
    frag = "<p>" + "<b>" * 50_000 + "deep</b>"
    from presswatch.ingest.html import html_to_text

    assert isinstance(html_to_text(frag), str)  # no RecursionError
    long_line = "Mexico " * 600_000  # one 4.2 MB line
    items = read({"long.txt": long_line.encode(), "long.md": long_line.encode(),
                  "long.jsonl": json.dumps({"text": long_line}).encode()}, Settings())  # fmt: skip
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Article"]


def _big_jsonl(path: Path, rows: int) -> int:
    line = json.dumps({"text": "Mexico and the United States discussed tariffs. " * 100,
                       "title": "t"}) + "\n"  # fmt: skip
    with path.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            fh.write(line.replace('"t"', f'"t{i}"'))
    return path.stat().st_size


#: Peak Python heap allowed while streaming a large table (docs/SECURITY.md quotes it).
MEMORY_BOUND = 5_000_000  # half the file: rows are streamed, never all held


def test_memory_stays_bounded_on_a_large_table(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    size = _big_jsonl(path, 2_000)  # ~10 MB
    assert size > 9_000_000
    tracemalloc.start()
    try:
        n = 0
        for item in read_inputs([str(path)], Settings()):
            n += isinstance(item, Article)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 2_000
    assert peak < MEMORY_BOUND, f"peak {peak / 1e6:.1f} MB"


def _garbage_files() -> st.SearchStrategy[dict[str, bytes]]:
    name = st.tuples(st.integers(0, 10**6), st.sampled_from(EXTENSIONS))
    content = st.one_of(
        st.binary(max_size=500),
        front_matter.map(lambda t: t.encode("utf-8", "replace")),
        html_doc.map(lambda t: t.encode("utf-8", "replace")),
        st.lists(jsonl_row, max_size=3).map(lambda r: "\n".join(r).encode("utf-8", "replace")),
        feed_doc(),
    )
    return st.dictionaries(name.map(lambda t: f"f{t[0]}{t[1]}"), content, min_size=5, max_size=25)


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(files=_garbage_files())
def test_cli_never_prints_a_traceback(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="pw-hyp-cli-") as tmp:
        d = Path(tmp) / "in"
        d.mkdir()
        for name, data in files.items():
            (d / name).write_bytes(data)
        r = subprocess.run(
            [sys.executable, "-m", "presswatch", "ingest", str(d), "--db", str(Path(tmp) / "h.db"),
             "--workers", "1", "--max-bytes", "200000"],
            capture_output=True, text=True, timeout=300, cwd=tmp,
            env={**os.environ, "COLUMNS": "1000"},
        )  # fmt: skip
    assert r.returncode in (0, 1), r.stderr[-3000:]
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr.replace("error:", ""), r.stderr
    for line in r.stderr.splitlines():
        if line.startswith("error:"):
            assert re.search(r"\[E\d{3}\]$", line.rstrip()), line
