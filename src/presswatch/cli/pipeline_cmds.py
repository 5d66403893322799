"""analyze, ingest, check, demo: the commands that run the pipeline."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from presswatch import core
from presswatch.checks import check_corpus
from presswatch.cli.app import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    JSON_OPT,
    QUIET_OPT,
    app,
    err,
    out,
    report_failures,
    usage_error,
)
from presswatch.jsondoc import document
from presswatch.records import Analysis, Article, Failure
from presswatch.settings import DEFAULT_MAX_BYTES, Settings, default_db
from presswatch.store import Store, is_url
from presswatch.store.postgres import redact

PATHS_ARG = typer.Argument(
    ..., help="Files or directories (.txt .md .html .jsonl .csv .xml/.rss/.atom)."
)
PUBLISHED_OPT = typer.Option(
    None, "--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."
)
MAX_BYTES_OPT = typer.Option(
    DEFAULT_MAX_BYTES, "--max-bytes", help="Largest text per file or row, in bytes (default 5 MB)."
)
WORKERS_OPT = typer.Option(0, "--workers", "-w", help="Worker processes; 0 = one per core.")
DB_OPT = typer.Option(
    None, "--db",
    help="Store file, or postgresql://USER@HOST:PORT/DBNAME (default: $PRESSWATCH_DB or"
    " presswatch.db).",
)  # fmt: skip


def _settings(published: str | None, workers: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Settings:
    if published is not None:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            usage_error(f"--published {published!r} is not a date; write it as YYYY-MM-DD")
    if workers < 0:
        usage_error("--workers must be 0 (one per core) or more")
    if max_bytes < 1:
        usage_error("--max-bytes must be a positive number of bytes, e.g. --max-bytes 20000000")
    return Settings(published=published, workers=workers, max_bytes=max_bytes)


def _ingest_notes(analyses: list[Analysis], settings: Settings) -> list[str]:
    """Lines on articles kept but not analysed because of their language."""
    notes: list[str] = []
    skipped = [a.article.language or "unknown" for a in analyses if not a.analysed]
    if skipped:
        langs = sorted(set(skipped))
        noun = "language" if len(langs) == 1 else "languages"
        notes.append(
            f"{len(skipped)} not analysed ({noun} {', '.join(langs)}; only "
            f"{', '.join(settings.languages)} is analysed)"
        )
    return notes


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def _tracked(
    items: list[Article | Failure], progress: Progress, label: str
) -> Iterator[Article | Failure]:
    task = progress.add_task(label, total=sum(isinstance(i, Article) for i in items))
    for item in items:
        yield item
        if isinstance(item, Article):
            progress.advance(task)


@app.command()
def analyze(
    paths: list[str] = PATHS_ARG,
    as_json: bool = JSON_OPT,
    published: str | None = PUBLISHED_OPT,
    workers: int = WORKERS_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Analyse articles without storing them; print a report or the JSON document.

    Example: presswatch analyze ../shared/corpus/seeds/*.txt --json
    """
    settings = _settings(published, workers, max_bytes)
    stats: dict[str, int] = {}
    items = list(core.iter_articles(paths, settings, stats))
    analyses: list[Analysis] = []
    failures: list[Failure] = []
    with _progress(quiet) as progress:
        for result in core.iter_analyses(_tracked(items, progress, "analysing"), settings):
            (failures if isinstance(result, Failure) else analyses).append(result)  # type: ignore[arg-type]
    findings = [f for a in analyses for f in a.findings] + check_corpus(analyses)
    if as_json:
        sys.stdout.write(
            json.dumps(document(analyses, findings), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        from presswatch.cli.report import print_analyses

        print_analyses(analyses, findings)
    n_failed = report_failures(failures)
    if not quiet:
        err.print(f"{len(analyses)} analysed, {n_failed} failed{_dup_note(stats)}", markup=False)
        for note in _ingest_notes(analyses, settings):
            err.print(note, markup=False)
    raise typer.Exit(EXIT_SOME_FAILED if n_failed else EXIT_OK)


def _dup_note(stats: dict[str, int]) -> str:
    parts = []
    if stats.get("duplicates"):
        parts.append(f"{stats['duplicates']} exact duplicates skipped")
    if stats.get("near_duplicates"):
        parts.append(f"{stats['near_duplicates']} near duplicates marked")
    return f" ({', '.join(parts)})" if parts else ""


def run_ingest(
    paths: list[str], store: Store, settings: Settings, *, force: bool = False, quiet: bool = False
) -> tuple[int, int, int]:
    """Analyse and store; returns (stored, skipped, failed).  Shared by ingest and demo."""
    stats: dict[str, int] = {}
    items = list(core.iter_articles(paths, settings, stats))
    known = set() if force else store.known_ids(i.id for i in items if isinstance(i, Article))
    todo = [i for i in items if isinstance(i, Failure) or i.id not in known]
    stored = failed = 0
    buffer: list[Analysis] = []
    failures: list[Failure] = []
    kept: list[Analysis] = []
    with _progress(quiet) as progress:
        for result in core.iter_analyses(_tracked(todo, progress, "ingesting"), settings):
            if isinstance(result, Failure):
                failures.append(result)
                continue
            buffer.append(result)
            if not result.analysed:
                kept.append(result)
            if len(buffer) >= settings.batch_size:
                store.save(buffer)
                stored += len(buffer)
                buffer = []
        store.save(buffer)
        stored += len(buffer)
    store.record_failures(failures)
    failed = report_failures(failures)
    if not quiet:
        for note in _ingest_notes(kept, settings):
            err.print(note, markup=False)
    if stored or store.cross_stale():  # stale: an earlier run died before its refresh
        refresh_cross_findings(store)
    if not quiet and (stats.get("duplicates") or stats.get("near_duplicates")):
        err.print(_dup_note(stats).strip(" ()"), markup=False)
    return stored, len(known), failed


def refresh_cross_findings(store: Store) -> int:
    """Recompute the cross-article findings and story events of the whole store."""
    from presswatch.checks import cluster_events

    generation = store.generation()  # read first: a save during the refresh keeps it stale
    analyses = list(store.iter_analyses())
    findings = check_corpus(analyses)
    store.replace_findings(findings, scope="cross")
    store.replace_story_events(cluster_events(analyses))
    store.mark_cross_fresh(generation)
    return len(findings)


@app.command()
def ingest(
    paths: list[str] = PATHS_ARG,
    db: str | None = DB_OPT,
    published: str | None = PUBLISHED_OPT,
    workers: int = WORKERS_OPT,
    force: bool = typer.Option(False, "--force", help="Re-analyse articles already stored."),
    max_bytes: int = MAX_BYTES_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Analyse articles and store them (idempotent: stored articles are skipped).

    Example: presswatch ingest ../shared/corpus/whitehouse --db wh.db
    """
    settings = _settings(published, workers, max_bytes)
    with Store(db or default_db()) as store:
        stored, skipped, failed = run_ingest(paths, store, settings, force=force, quiet=quiet)
    if not quiet:
        err.print(f"{stored} stored, {skipped} already in the store, {failed} failed", markup=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def check(
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Run every check over the store and print the findings grouped by kind.

    Example: presswatch check --db wh.db --json
    """
    with Store(db or default_db()) as store:
        refresh_cross_findings(store)
        findings = store.list_findings(limit=1_000_000)
    if as_json:
        sys.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2) + "\n")
        return
    from presswatch.cli.report import print_findings

    print_findings(findings)


def sample_corpus() -> Path:
    return Path(str(resources.files("presswatch") / "data" / "sample"))


def print_crosslang_stories(store: Store, limit: int = 5) -> None:
    """Story events reported in more than one language, each source with its language."""
    rows = store.query(
        "SELECT s.id, s.date, s.type, s.source, s.target, s.n_sources"
        " FROM story_events s WHERE s.id IN ("
        "  SELECT r.story_id FROM story_event_reports r JOIN articles a ON a.id = r.article_id"
        "  GROUP BY r.story_id HAVING COUNT(DISTINCT a.language) > 1)"
        " ORDER BY s.n_sources DESC, s.date, s.id"
    )
    if not rows:
        return
    names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM actors")}

    def who(ids: str) -> str:
        return " + ".join(names.get(i, i) for i in json.loads(ids)) or "?"

    out.rule(f"Told in more than one language ({len(rows)})", style="bold")
    for st in rows[:limit]:
        out.print(
            f"⇄ {st['date'] or 'undated'} {st['type']}: {who(st['source'])} → "
            f"{who(st['target'])}, {st['n_sources']} sources",
            markup=False,
        )
        sources = store.query(
            "SELECT DISTINCT a.language, a.title, a.published FROM story_event_reports r"
            " JOIN articles a ON a.id = r.article_id WHERE r.story_id = ?"
            " ORDER BY a.published, a.title",
            [st["id"]],
        )
        for src in sources:
            out.print(f"    [{src['language'] or '?'}] {src['title'] or ''}", markup=False)


@app.command()
def demo(
    db: str = typer.Option("demo.db", "--db", help="Store file for the demo (recreated)."),
    workers: int = WORKERS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Ingest the bundled sample corpus into a fresh store, run the checks, print a summary.

    Example: presswatch demo --db demo.db   (what `make demo` runs)
    """
    path = Path(db)
    for suffix in ("", "-wal", "-shm") if not is_url(db) else ():  # a server's store is kept
        Path(str(path) + suffix).unlink(missing_ok=True)
    settings = _settings(None, workers)
    corpus = sample_corpus()
    if not quiet:
        err.print(f"ingesting the sample corpus into {redact(db)} …", markup=False)
    with Store(db if is_url(db) else path) as store:
        _, _, failed = run_ingest([str(corpus)], store, settings, quiet=quiet)
        from presswatch.cli.report import print_summary

        print_summary(store)
        print_crosslang_stories(store)
    out.print(f"\nExplore it: presswatch events --db {db}   |   presswatch serve --db {db}")
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
