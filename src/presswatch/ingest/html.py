"""HTML: whole pages through trafilatura, and small fragments (feed entries, raw HTML
inside Markdown) through a plain lxml walk."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.ingest.decode import decode
from presswatch.ingest.fields import build_article
from presswatch.records import Article, Failure
from presswatch.settings import Settings

__all__ = ["html_to_text", "read_html_file"]

#: Elements whose content is not article text.  Struck-through text (<s>, <del>) is what
#: a transcript marks as misspoken and replaced by the bracketed correction that follows.
DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "img",
        "picture",
        "video",
        "audio",
        "object",
        "embed",
        "head",
        "s",
        "del",
        "strike",
        "button",
        "form",
        "input",
        "select",
        "textarea",
    }
)
#: Elements that start a paragraph (a blank line in the text).
PARAGRAPH = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "figure",
        "section",
        "article",
        "ul",
        "ol",
        "dl",
        "pre",
        "header",
        "footer",
        "main",
        "aside",
        "address",
        "hr",
        "body",
        "html",
        "thead",
        "tbody",
    }
)
#: Elements that start a line.
LINE = frozenset({"li", "tr", "br", "dt", "dd", "figcaption", "caption"})
BULLET = "• "
CELL_SEPARATOR = " | "
_WS = re.compile(r"\s+")
#: Break markers (private-use characters, never in real text) resolved once the walk is
#: done: a run of breaks and spaces is a paragraph break if any break in it is one.
_PARA_BREAK, _LINE_BREAK = "\ue000", "\ue001"
_BREAKS = re.compile("[\\s\ue000\ue001]*[\ue000\ue001][\\s\ue000\ue001]*")


def _walk(el: Any, parts: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else None  # comments, PIs: no tag name
    if tag is None or tag in DROP:
        if el.tail:
            parts.append(_WS.sub(" ", el.tail))
        return
    if tag in PARAGRAPH:
        parts.append(_PARA_BREAK)
    elif tag in LINE:
        parts.append(_LINE_BREAK)
    elif tag in ("td", "th") and el.getprevious() is not None:
        parts.append(CELL_SEPARATOR)
    if tag == "li":
        parts.append(BULLET)
    if el.text:
        parts.append(_WS.sub(" ", el.text))
    for child in el:
        _walk(child, parts)
    if tag in PARAGRAPH:
        parts.append(_PARA_BREAK)
    elif tag in LINE and tag != "br":
        parts.append(_LINE_BREAK)
    if el.tail:
        parts.append(_WS.sub(" ", el.tail))


def _break(m: re.Match[str]) -> str:
    return "\n\n" if _PARA_BREAK in m.group() else "\n"


def tidy(raw: str) -> str:
    """Resolve break markers, strip each line, drop empty bullets, at most one blank line."""
    raw = _BREAKS.sub(_break, raw)
    out: list[str] = []
    for ln in raw.split("\n"):
        ln = " ".join(ln.split())
        if ln == BULLET.strip():  # an empty list item
            continue
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs, lines for list items and table rows."""
    if not fragment.strip():
        return ""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError, AssertionError):
        # lxml asserts "too many bodies" when the markup has no body at all (found by fuzzing)
        return ""
    parts: list[str] = []
    _walk(root, parts)
    return tidy("".join(parts))


_LANG = re.compile(r"^[a-zA-Z]{2,3}\b")


def _page_language(tree: Any) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang") or ""
    m = _LANG.match(lang.strip())
    return m.group(0).lower() if m else None


def read_html_file(
    path: Path, data: bytes, settings: Settings, defaults: Mapping[str, Any]
) -> Iterator[Article | Failure]:
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    text = decode(data)
    try:
        tree = lxml.html.document_fromstring(
            text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (ParserError, ValueError) as err:
        raise InputError(
            f"cannot parse the HTML ({err}); save the page again as HTML", code=codes.EMPTY
        ) from None
    # Dates from the markup only (meta tags, <time>, JSON-LD): a date guessed from the body
    # text would be inference, not metadata.  Metadata first: extraction prunes the tree.
    meta_doc = trafilatura.extract_metadata(
        copy.deepcopy(tree), date_config={"extensive_search": False, "original_date": True}
    )
    body = trafilatura.extract(
        copy.deepcopy(tree),
        output_format="txt",
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
    )
    if body:
        # trafilatura writes one block per line; blank lines keep them apart as paragraphs.
        body = "\n\n".join(ln for ln in body.split("\n") if ln.strip())
    else:
        # trafilatura finds no main content in very short pages: fall back to all the text.
        node = tree.find("body")
        body = html_to_text(
            lxml.html.tostring(node if node is not None else tree, encoding="unicode")
        )
    meta: dict[str, Any] = {
        "title": meta_doc.title,
        "published": meta_doc.date,
        "url": meta_doc.url,
        "source": meta_doc.sitename,
        "language": _page_language(tree),
    }
    yield build_article(body, meta, settings, path=path, defaults=defaults, where="HTML metadata ")
