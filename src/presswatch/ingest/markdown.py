"""Markdown to plain text, deterministically (golden files in tests/fixtures/ingest/markdown).

markdown-it-py parses (CommonMark plus GFM tables and strikethrough); this
module renders the token stream as the text a reader sees:

* paragraphs and headings become paragraphs separated by a blank line; a
  hard-wrapped paragraph becomes one line (soft breaks are spaces);
* list items become lines (``• `` for bullets, ``3. `` for numbered items);
* links keep their anchor text, images and HTML comments disappear, emphasis
  markers go, escapes (``\\*``, ``\\###``) lose their backslash;
* raw HTML is reduced to its text (struck-through text is dropped: transcripts
  use it for misspoken words followed by the bracketed correction);
* table rows become lines with cells separated by `` | ``;
* lines made only of separator symbols (``***``, ``###``, ``---``) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from presswatch.ingest.html import BULLET, CELL_SEPARATOR, html_to_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["markdown_to_text"]

#: Inline HTML elements whose content is dropped (see html.DROP for why).
_DROP_INLINE = frozenset({"s", "del", "strike", "script", "style"})
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)")
#: Runs of two or more emphasis delimiters left unpaired by the parser.
_STRAY_EMPHASIS = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
#: A hard line break ("  " or "\\" at a line end) is a new line, except before a lowercase
#: letter: exported pages are full of <br> in mid-sentence ("set my hand this<br>twentieth
#: day"), and a line break there would split the sentence for the parser.
_HARD_BREAK = "\ue002"
_HARD_BREAK_RE = re.compile("\ue002(?=[ \t]*([a-z])?)")
_BLANKISH_LINE = re.compile("^[ \t\u00a0\u2007\u202f\u200b\u2060\ufeff]+$", re.MULTILINE)
#: A line of nothing but decorative symbols: a section separator, not text.
_SEPARATOR = re.compile(r"^[\s*#=_~+\-•·]+$")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Built once: the parser holds compiled rules only, no per-document state.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline(children: Sequence[Token]) -> str:
    out: list[str] = []
    suppress = 0
    for tok in children:
        t = tok.type
        if t == "softbreak":
            out.append(" ")
        elif t == "hardbreak":
            out.append(_HARD_BREAK)
        elif suppress:
            if t == "s_close":
                suppress -= 1
            elif t == "html_inline":
                suppress += _html_depth(tok.content)
        elif t == "text" and tok.info != "escape":
            # Delimiter runs CommonMark could not pair (``**Label: **“…``, a space before the
            # closer) stay literal in the token stream; they are markup all the same.
            out.append(_STRAY_EMPHASIS.sub("", tok.content))
        elif t in ("text", "code_inline"):
            out.append(tok.content)
        elif t == "s_open":
            suppress += 1
        elif t == "html_inline":
            m = _TAG.match(tok.content)
            if m and m.group(2).lower() == "br":
                out.append(_HARD_BREAK)
            else:
                suppress += max(_html_depth(tok.content), 0)
        # link_open/close, em/strong open/close, image, html comments: no text of their own
    return _HARD_BREAK_RE.sub(_hard_break, "".join(out))


def _hard_break(m: re.Match[str]) -> str:
    return " " if m.group(1) else "\n"


def _html_depth(tag: str) -> int:
    """+1 for an opening tag whose content is dropped, -1 for its closing tag, else 0."""
    m = _TAG.match(tag)
    if not m or m.group(2).lower() not in _DROP_INLINE or tag.rstrip().endswith("/>"):
        return 0
    return -1 if m.group(1) else 1


def _tidy_block(text: str) -> str:
    lines = (" ".join(ln.split()) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln and not _SEPARATOR.match(ln))


def markdown_to_text(source: str) -> str:
    """The plain text of a Markdown document (see the module docstring for the rules)."""
    # A line of no-break spaces is blank to a reader but not to CommonMark (converters write
    # <p>&nbsp;</p> that way); left alone it would glue two paragraphs together.
    tokens = _parser().parse(_BLANKISH_LINE.sub("", source))
    blocks: list[tuple[str, bool]] = []  # (text, inside a list): list lines join with "\n"
    list_depth = 0
    prefix = ""  # the bullet or number waiting for the first block of a list item
    row: list[str] = []
    cell = False
    for i, tok in enumerate(tokens):
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if not list_depth:
                blocks.append(("", False))  # two lists in a row are two paragraphs
        elif t == "list_item_open":
            prefix = f"{tok.info}{tok.markup} " if tok.info else BULLET
        elif t == "tr_open":
            row = []
        elif t in ("th_open", "td_open"):
            cell = True
        elif t == "tr_close":
            line = CELL_SEPARATOR.join(c for c in row)
            if line.strip(" |"):
                blocks.append((line, True))
        elif t == "table_close":
            blocks.append(("", False))  # a table ends like a paragraph
        elif t == "inline":
            text = _tidy_block(_inline(tok.children or []))
            if cell:
                row.append(text.replace("\n", " "))
                cell = False
                continue
            if tokens[i - 1].type == "heading_open":
                text = text.replace("\n", " ")
            if text:
                blocks.append((prefix + text, list_depth > 0))
                prefix = ""
        elif t in ("code_block", "fence"):
            text = "\n".join(ln.rstrip() for ln in tok.content.strip("\n").split("\n"))
            if text.strip():
                blocks.append((prefix + text, list_depth > 0))
                prefix = ""
        elif t == "html_block":
            text = html_to_text(tok.content)
            text = "\n\n".join(b for b in (_tidy_block(p) for p in text.split("\n\n")) if b)
            if text:
                blocks.append((prefix + text, list_depth > 0))
                prefix = ""
    out: list[str] = []
    previous_in_list = False
    for text, in_list in blocks:
        if not text:
            previous_in_list = False
            continue
        if out:
            out.append("\n" if in_list and previous_in_list else "\n\n")
        out.append(text)
        previous_in_list = in_list
    return "".join(out)
