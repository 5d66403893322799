"""Ingest error codes, in one place.

Every bad input item becomes one :class:`~presswatch.records.Failure` with one
of these codes and a reason that says how to fix it.  ``docs/INGEST.md`` shows
the same table; ``tests/test_ingest_docs.py`` keeps the two in step.
"""

from __future__ import annotations

__all__ = ["CODES"]

UNSUPPORTED = "E101"
NOT_FOUND = "E102"
UNREADABLE = "E103"
TOO_LARGE = "E104"
EMPTY = "E105"
BINARY = "E106"
UNDECODABLE = "E107"
FRONT_MATTER = "E108"
BAD_DATE = "E109"
SIDECAR = "E110"
JSONL_SYNTAX = "E111"
JSONL_NOT_OBJECT = "E112"
ROW_TEXT = "E113"
CSV_NO_TEXT = "E114"
CSV_SYNTAX = "E115"
FEED_DTD = "E116"
FEED_INVALID = "E117"
BAD_FIELD = "E118"
INTERNAL = "E119"
URL_REFUSED = "E120"
URL_FETCH = "E121"

#: code -> (what went wrong, how to fix it)
CODES: dict[str, tuple[str, str]] = {
    UNSUPPORTED: (
        "a file given explicitly has an extension presswatch does not read",
        "convert it to .txt/.md/.html/.jsonl/.csv/.xml, or leave it out",
    ),
    NOT_FOUND: (
        "the path does not exist",
        "check the path (a typo, or a glob that matched nothing)",
    ),
    UNREADABLE: (
        "the file or directory cannot be read (permission denied, broken link)",
        "fix its permissions (chmod +r) or the link",
    ),
    TOO_LARGE: (
        "the file (or one row's text) is larger than the limit (5 MB by default)",
        "split it, or raise the limit with --max-bytes",
    ),
    EMPTY: ("the file, row or entry has no text", "add the text or remove the item"),
    BINARY: (
        "the file is binary (NUL bytes or mostly control characters)",
        "give presswatch text: export the document as .txt, .md or .html",
    ),
    UNDECODABLE: (
        "the text is in no encoding presswatch can identify",
        "re-save the file as UTF-8",
    ),
    FRONT_MATTER: (
        "the YAML front matter is malformed",
        "fix the YAML between the '---' lines (quote values that contain ':')",
    ),
    BAD_DATE: (
        "a publication date is not a date",
        "write it as YYYY-MM-DD (a time and timezone may follow)",
    ),
    SIDECAR: (
        "a metadata.json sidecar is malformed",
        'make it a JSON object mapping file names to {"published", "title", …}',
    ),
    JSONL_SYNTAX: ("a JSONL line is not valid JSON", "fix or remove the line"),
    JSONL_NOT_OBJECT: (
        "a JSONL line is JSON but not an object",
        'write one object per line: {"text": "…", "title": "…"}',
    ),
    ROW_TEXT: (
        "a row's text is missing, empty or not a string",
        'give every row a non-empty "text" string',
    ),
    CSV_NO_TEXT: ("a CSV file has no 'text' column", "add a header row with a 'text' column"),
    CSV_SYNTAX: (
        "a CSV file is malformed (unbalanced quotes, a field too large)",
        "fix the quoting, or export the file again as CSV",
    ),
    FEED_DTD: (
        "an XML feed declares a DOCTYPE or entities (XML bombs, external entities)",
        "remove the DOCTYPE/ENTITY declarations from the feed",
    ),
    FEED_INVALID: (
        "an .xml/.rss/.atom file is not an RSS or Atom feed with entries",
        "give a valid RSS 2.0 or Atom feed",
    ),
    BAD_FIELD: (
        "a metadata field has the wrong type (a list where text is expected)",
        "make title, url, source, language and id plain strings",
    ),
    INTERNAL: (
        "a reader failed in an unexpected way on this item (a presswatch bug)",
        "report it with the file; the other items are not affected",
    ),
    URL_REFUSED: (
        "a URL is refused: it leads to a private, loopback or reserved address, or a "
        "redirect leaves https for http",
        "give a public http(s) URL; save private pages to a file and ingest the file",
    ),
    URL_FETCH: (
        "a URL cannot be fetched (no such host, an HTTP error, a timeout, too many redirects)",
        "check the URL and try again later",
    ),
}
