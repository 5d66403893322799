"""Bad input never stops a batch: the real CLI, a real SQLite store, one case per kind of bad item.

Each case ingests a batch that mixes one bad item with a good one into a copy of
a store that already holds an earlier article, then checks: the exact one-line
message on stderr (item named, how to fix it), exit code 1, no traceback, the
good item stored, and the earlier article's row unchanged.

Loading the pipeline dominates a CLI run, so the cases share one run: each case
has its own directory (its bad item and its own good item) and one ``ingest``
takes them all, with ``--max-bytes 2000`` (every good item is smaller).  Each
case still gets its own exact line, and the run prints exactly the expected
lines.  As root, the run drops to user ``nobody`` so that "permission denied"
can happen.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from presswatch.ingest import EXTENSIONS, article_id

GOOD_TEXT = (
    "Mexican and U.S. officials met in Mexico City on Monday to review joint efforts against "
    "fentanyl trafficking and the smuggling of firearms across the border.\n"
)
EARLIER_TEXT = (
    "The Mexican Senate approved a reform on Thursday that expands the role of the National "
    "Guard in public security, after a long debate in the chamber.\n"
)
EARLIER_MD = f"---\ntitle: Senate vote\npublished: 2025-02-06\n---\n\n{EARLIER_TEXT}"
ROW_TEXT = (
    "Customs agents in Nogales seized a shipment of pills hidden in a truck carrying "
    "produce, the agency reported on Tuesday."
)


def good_text(case: str) -> str:
    return f"{GOOD_TEXT.strip()} (Case {case}.)\n"


def row_text(case: str) -> str:
    """A good row of a JSONL/CSV/feed case: the rest of its file must still be stored."""
    return f"{ROW_TEXT} (Row of case {case}.)"


#: A language presswatch does not analyse (English and Spanish it does).
FRENCH = (
    "Le gouvernement du Mexique a annoncé jeudi de nouvelles mesures contre le trafic d'armes "
    "à la frontière nord, selon des responsables du ministère de la Sécurité."
)
ALL_EXTENSIONS = " ".join(EXTENSIONS)
NOBODY = 65534


def _nobody_can_run_presswatch() -> bool:
    """Whether user nobody can import presswatch from this checkout (not from one inside a
    private home directory, say)."""
    probe = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, "-c", "import presswatch"],
        cwd="/", capture_output=True, timeout=60,
    )  # fmt: skip
    return probe.returncode == 0


#: Root reads any file: the run drops to an ordinary user to meet "permission denied".
AS_NOBODY = os.geteuid() == 0 and _nobody_can_run_presswatch()
#: Cases this run cannot stage: as root, when nobody cannot run presswatch here, a locked
#: file is still readable (the case is then an ordinary stored file).
UNSTAGED = {"permission"} if os.geteuid() == 0 and not AS_NOBODY else set()
LIMIT = ("--max-bytes", "2000")


def _run(args: list[str], cwd: Path, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("PRESSWATCH_DB", None)
    prefix: list[str] = []
    if as_nobody:
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        env["HOME"] = str(cwd)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "presswatch", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass
class Case:
    name: str
    #: file name -> content (bytes, or str written as UTF-8; "{ROW}" and "{ROW_JSON}" stand
    #: for this case's good row); None makes a directory
    files: dict[str, bytes | str | None]
    #: inputs, relative to the case directory (its good.txt is added after them)
    inputs: list[str]
    #: the exact stderr line, with the item relative to the case directory
    expected: str
    #: the bad item shares its file with a good row that must be stored too
    row_stored: bool = False
    setup: Callable[[Path], None] | None = None

    def line(self) -> str:
        """The expected line as the shared run prints it (items under the case directory)."""
        return self.expected.replace("error: ", f"error: {self.name}/", 1)


GOOD_ROW = '{"text": "{ROW}", "title": "Seizure", "published": "2025-03-04"}'
BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
    '<rss version="2.0"><channel><title>t</title><item><title>&lol2;</title>'
    "<description>x</description></item></channel></rss>\n"
)
FEED_WITH_EMPTY_ENTRY = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title>'
    "<item><title>Seizure</title><link>https://example.org/1</link>"
    "<pubDate>Tue, 04 Mar 2025 18:00:00 -0600</pubDate>"
    "<description>&lt;p&gt;{ROW}&lt;/p&gt;</description></item>"
    "<item><title>Empty</title><link>https://example.org/2</link><description></description>"
    "</item></channel></rss>\n"
)


def _symlink_dangling(d: Path) -> None:
    (d / "dangling.txt").symlink_to(d / "gone.txt")


def _lock(d: Path) -> None:
    (d / "locked.txt").chmod(0)


CASES = [
    Case(
        "missing",
        {},
        ["missing.txt"],
        "error: missing.txt: no such file or directory; check the path [E102]",
    ),
    Case(
        "empty",
        {"empty.txt": b""},
        ["empty.txt"],
        "error: empty.txt: the file is empty; add the text or remove it [E105]",
    ),
    Case(
        "no_text",
        {"blank.md": "---\ntitle: Nothing yet\n---\n\n   \n<!-- draft -->\n"},
        ["blank.md"],
        "error: blank.md: there is no text; add the text or remove the item [E105]",
    ),
    Case(
        "binary",
        {"scan.txt": b"%PDF-1.7\n\x00\x01\x02\x03binary\x00stream" * 20},
        ["scan.txt"],
        "error: scan.txt: this is a binary file, not text; export it as .txt, .md or .html [E106]",
    ),
    Case(
        "control",
        {"ctrl.txt": bytes(range(1, 9)) * 40},
        ["ctrl.txt"],
        "error: ctrl.txt: this is a binary file (mostly control characters), not text; "
        "export it as .txt, .md or .html [E106]",
    ),
    Case(
        "undecodable",
        {"garbled.txt": bytes((i * 73 + 129) % 128 + 128 for i in range(400))},
        ["garbled.txt"],
        "error: garbled.txt: the text is not UTF-8 and its encoding cannot be identified; "
        "re-save the file as UTF-8 [E107]",
    ),
    Case(
        "front_matter_yaml",
        {"bad.md": "---\ntitle: Report: arrests\n---\nSome body text.\n"},
        ["bad.md"],
        "error: bad.md: malformed YAML front matter at line 2 (mapping values are not allowed "
        "here); fix the YAML between the '---' lines (quote values that contain ':') [E108]",
    ),
    Case(
        "front_matter_unclosed",
        {"open.md": "---\ntitle: Open\n\nSome body text.\n"},
        ["open.md"],
        "error: open.md: front matter starts with '---' but has no closing '---' line; "
        "add it after the metadata [E108]",
    ),
    Case(
        "front_matter_list",
        {"list.md": "---\n- a\n- b\n---\nSome body text.\n"},
        ["list.md"],
        "error: list.md: front matter must be 'key: value' lines between '---' lines, "
        "not a list [E108]",
    ),
    Case(
        "bad_date",
        {"when.md": "---\npublished: next Tuesday\n---\nSome body text.\n"},
        ["when.md"],
        "error: when.md: front matter 'published' value 'next Tuesday' is not a date; "
        "write it as YYYY-MM-DD [E109]",
    ),
    Case(
        "jsonl_syntax",
        {"rows.jsonl": f'{GOOD_ROW}\n{{"text": "unfinished\n'},
        ["rows.jsonl"],
        "error: rows.jsonl line 2: not valid JSON (Unterminated string starting at column 10)"
        "; fix or remove the line [E111]",
        row_stored=True,
    ),
    Case(
        "jsonl_not_object",
        {"rows.jsonl": f'["a", "list"]\n{GOOD_ROW}\n'},
        ["rows.jsonl"],
        "error: rows.jsonl line 1: the line is an array, not a JSON object; write one object "
        'per line, like {"text": "…", "title": "…"} [E112]',
        row_stored=True,
    ),
    Case(
        "jsonl_empty_text",
        {"rows.jsonl": f'{GOOD_ROW}\n\n{{"text": "  ", "id": "x"}}\n'},
        ["rows.jsonl"],
        "error: rows.jsonl line 3: 'text' is empty; give the row its text or remove the row [E113]",
        row_stored=True,
    ),
    Case(
        "jsonl_text_type",
        {"rows.jsonl": f'{{"text": 42}}\n{GOOD_ROW}\n'},
        ["rows.jsonl"],
        "error: rows.jsonl line 1: 'text' is a number, not a string; give every row a "
        'non-empty "text" string [E113]',
        row_stored=True,
    ),
    Case(
        "jsonl_not_utf8",
        {"rows.jsonl": b'{"text": "Se\xf1or"}\n' + GOOD_ROW.encode() + b"\n"},
        ["rows.jsonl"],
        "error: rows.jsonl line 1: the line is not UTF-8; re-save the file as UTF-8 [E107]",
        row_stored=True,
    ),
    Case(
        "jsonl_row_too_large",
        {"rows.jsonl": json.dumps({"text": "word " * 600}) + f"\n{GOOD_ROW}\n"},
        ["rows.jsonl"],
        "error: rows.jsonl line 1: the text is 3,000 bytes, over the 2,000 bytes limit; split "
        "it or raise the limit with --max-bytes [E104]",
        row_stored=True,
    ),
    Case(
        "csv_no_text",
        {"table.csv": "body,title\nSome text,A title\n"},
        ["table.csv"],
        "error: table.csv: no 'text' column (columns: body, title); add a header row with a "
        "'text' column [E114]",
    ),
    Case(
        "csv_quote",
        {"table.csv": 'text,title\n"{ROW}",ok\n"unbalanced,oops\n'},
        ["table.csv"],
        "error: table.csv line 3: malformed CSV (unexpected end of data); this row and the rest "
        "of the file are skipped — fix the quoting or export the file again as CSV [E115]",
        row_stored=True,
    ),
    Case(
        "csv_empty_text",
        {"table.csv": '\ufefftext,title\n"",blank\n"{ROW}",ok\n'},
        ["table.csv"],
        "error: table.csv line 2: 'text' is empty; give the row its text or remove the row [E113]",
        row_stored=True,
    ),
    Case(
        "too_large",
        {"big.txt": "x" * 2999 + "\n"},
        ["big.txt"],
        "error: big.txt: the file is 3,000 bytes, over the 2,000 bytes limit; split it or raise "
        "the limit with --max-bytes [E104]",
    ),
    Case(
        "unsupported",
        {"notes.pdf": "not really a pdf"},
        ["notes.pdf"],
        f"error: notes.pdf: unsupported file type '.pdf'; use one of {ALL_EXTENSIONS} [E101]",
    ),
    Case(
        "feed_dtd",
        {"bomb.xml": BOMB},
        ["bomb.xml"],
        "error: bomb.xml: the feed declares a DOCTYPE or entities, which presswatch refuses "
        "(XML bombs, external entities); remove the <!DOCTYPE …>/<!ENTITY …> declarations "
        "[E116]",
    ),
    Case(
        "not_a_feed",
        {"config.xml": "<config><option>1</option></config>\n"},
        ["config.xml"],
        "error: config.xml: not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root); give "
        "a valid RSS 2.0 or Atom file, or save an article as .txt/.md/.html [E117]",
    ),
    Case(
        "feed_empty_entry",
        {"wire.rss": FEED_WITH_EMPTY_ENTRY},
        ["wire.rss"],
        "error: wire.rss entry 2: there is no text; add the text or remove the item [E105]",
        row_stored=True,
    ),
    Case(
        "html_no_text",
        {
            "page.html": "<html><head><title>x</title><script>var a = 1;</script></head>"
            "<body><img src='a.png'></body></html>"
        },
        ["page.html"],
        "error: page.html: there is no text; add the text or remove the item [E105]",
    ),
    Case(
        "sidecar",
        {"batch": None, "batch/metadata.json": "{not json", "batch/story.txt": "{ROW}\n"},
        ["batch"],
        "error: batch/metadata.json: not valid JSON (line 1: Expecting property name enclosed "
        "in double quotes); its files are read without it — fix the JSON [E110]",
        row_stored=True,
    ),
    Case(
        "dangling_link",
        {},
        ["dangling.txt"],
        "error: dangling.txt: a broken symbolic link; fix the link or leave it out [E103]",
        setup=_symlink_dangling,
    ),
    Case(
        "permission",
        {"locked.txt": "Some text nobody may read.\n"},
        ["locked.txt"],
        "error: locked.txt: permission denied; make it readable (chmod +r) or leave it out [E103]",
        setup=_lock,
    ),
]


def _row(db: Path, aid: str) -> tuple[object, ...] | None:
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone()
        return tuple(row) if row else None
    finally:
        con.close()


def _write_case(root: Path, case: Case) -> list[str]:
    """Write the case's files under root/<name>/; return its inputs relative to root."""
    d = root / case.name
    d.mkdir()
    row = row_text(case.name)
    for name, content in case.files.items():
        target = d / name
        if content is None:
            target.mkdir(parents=True, exist_ok=True)
            continue
        if isinstance(content, str):
            content = content.replace("{ROW}", row).encode("utf-8")
        else:
            content = content.replace(b"{ROW}", row.encode("utf-8"))
        target.write_bytes(content)
    (d / "good.txt").write_text(good_text(case.name), encoding="utf-8")
    if case.setup:
        case.setup(d)
    return [f"{case.name}/{i}" for i in case.inputs] + [f"{case.name}/good.txt"]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Run every case in one ``ingest`` against a copy of a store holding an earlier article."""
    base = tmp_path_factory.mktemp("base")
    (base / "earlier.md").write_text(EARLIER_MD, encoding="utf-8")
    made = _run(["ingest", "earlier.md", "--db", "base.db", "-w", "1", "-q"], cwd=base)
    assert made.returncode == 0, made.stderr
    earlier_id = article_id(EARLIER_TEXT)
    before = _row(base / "base.db", earlier_id)
    assert before is not None

    if AS_NOBODY:  # pytest's temp dirs are private to root: nobody needs a world-open one
        d = Path(tempfile.mkdtemp(prefix="pw-ingest-"))
        d.chmod(0o777)
    else:
        d = tmp_path_factory.mktemp("run")
    for suffix in ("", "-wal", "-shm"):
        if (base / f"base.db{suffix}").exists():
            shutil.copy(base / f"base.db{suffix}", d / f"case.db{suffix}")
            (d / f"case.db{suffix}").chmod(0o666)
    inputs = [i for case in CASES for i in _write_case(d, case)]
    # A French article rides along: stored, not analysed.
    (d / "nota.txt").write_text(FRENCH + "\n", encoding="utf-8")
    inputs.append("nota.txt")
    if AS_NOBODY:
        for p in d.rglob("*"):
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o777)
    proc = _run(["ingest", *inputs, "--db", "case.db", "-w", "1", *LIMIT], d, AS_NOBODY)
    yield proc, d, earlier_id, before
    if AS_NOBODY:
        shutil.rmtree(d, ignore_errors=True)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_item_is_reported_and_the_batch_goes_on(outcomes, case: Case) -> None:  # type: ignore[no-untyped-def]
    if case.name in UNSTAGED:
        pytest.skip("root reads any file, and user nobody cannot run presswatch from here")
    proc, d, earlier_id, before = outcomes
    lines = proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr, proc.stderr
    mine = [ln for ln in lines if ln.startswith(f"error: {case.name}/")]
    assert mine == [case.line()], proc.stderr  # exactly one line for this case's items
    assert proc.returncode == 1, proc.stderr
    db = d / "case.db"
    assert _row(db, article_id(good_text(case.name))) is not None, proc.stderr
    if case.row_stored:
        assert _row(db, article_id(row_text(case.name))) is not None, proc.stderr
    assert _row(db, earlier_id) == before


def test_the_run_prints_only_the_expected_errors(outcomes) -> None:  # type: ignore[no-untyped-def]
    proc, _, _, _ = outcomes
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    staged = [c for c in CASES if c.name not in UNSTAGED]
    assert sorted(errors) == sorted(c.line() for c in staged), proc.stderr
    # + the French article, + each unstaged case's file (readable, so stored)
    stored = len(CASES) + sum(c.row_stored for c in CASES) + 1 + len(UNSTAGED)
    assert f"{stored} stored, 0 already in the store, {len(staged)} failed" in proc.stderr


def test_non_english_article_is_stored_but_not_analysed(outcomes) -> None:  # type: ignore[no-untyped-def]
    proc, d, _, _ = outcomes
    assert "1 not analysed (language fr; only en, es is analysed)" in proc.stderr.splitlines()
    con = sqlite3.connect(d / "case.db")
    query = "SELECT language, analysed FROM articles WHERE id = ?"
    french = con.execute(query, (article_id(FRENCH),)).fetchone()
    english = con.execute(query, (article_id(good_text("empty")),)).fetchone()
    con.close()
    assert french == ("fr", 0)
    assert english == ("en", 1)


def test_missing_max_bytes_value_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    proc = cli("ingest", "x.txt", "--max-bytes", "0")
    assert proc.returncode == 2
    assert "--max-bytes must be a positive number of bytes" in proc.stderr
