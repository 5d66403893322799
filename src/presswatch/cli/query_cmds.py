"""Commands that read the store: articles, actors, events, quotes, claims, findings, export.

The listings go through :meth:`Store.rows`, the query path the API and the UI use, so a
filter means the same on every surface.
"""

from __future__ import annotations

import typer

from presswatch.cli.app import CSV_OPT, JSON_OPT, NL_OPT, app, emit_rows, err, pick_format
from presswatch.cli.pipeline_cmds import DB_OPT
from presswatch.settings import default_db
from presswatch.store import Store

LIMIT_OPT = typer.Option(50, "--limit", "-n", help="How many rows.")
OFFSET_OPT = typer.Option(0, "--offset", help="Skip this many rows (pagination).")
SINCE_OPT = typer.Option(None, "--since", help="From this date (YYYY-MM-DD, inclusive).")
UNTIL_OPT = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD, inclusive).")
LANGUAGE_OPT = typer.Option(
    None, "--language", "--lang", help="The article's language, e.g. es (several: en,es)."
)


def _open(db: str | None) -> Store:
    return Store(db or default_db(), readonly=True)


@app.command()
def articles(
    q: str | None = typer.Option(None, "--search", "-s", help="Full-text search."),
    since: str | None = SINCE_OPT,
    until: str | None = UNTIL_OPT,
    language: str | None = LANGUAGE_OPT,
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List stored articles.  Example: presswatch articles --language es --search aranceles"""
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.rows("articles", q=q, since=since, until=until, language=language,
                          limit=limit, offset=offset)  # fmt: skip
    emit_rows(rows, fmt, ["id", "published", "language", "events", "findings", "title"]
              if fmt.value == "table" else None)  # fmt: skip


@app.command()
def actors(
    q: str | None = typer.Option(None, "--search", "-s", help="Name contains."),
    kind: str | None = typer.Option(None, "--kind", help="person, organization, country …"),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-3, e.g. MEX."),
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List actors found in the store, most mentioned first.

    Example: presswatch actors --kind person
    """
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.list_actors(q=q, kind=kind, country=country, limit=limit, offset=offset)
    emit_rows(rows, fmt)


@app.command()
def events(
    actor: str | None = typer.Option(None, "--actor", help="Actor id (source or target)."),
    role: str | None = typer.Option(None, "--role", help="With --actor: source or target."),
    type: str | None = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
    topic: str | None = typer.Option(None, "--topic", help="Topic id prefix, e.g. security."),
    since: str | None = SINCE_OPT,
    until: str | None = UNTIL_OPT,
    language: str | None = LANGUAGE_OPT,
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List coded events.

    Example: presswatch events --actor claudia-sheinbaum --type CONSULT --since 2025-01-01 --json
    """
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.rows("events", actor=actor, role=role, type=type, topic=topic, since=since,
                          until=until, language=language, limit=limit, offset=offset)  # fmt: skip
    emit_rows(rows, fmt, ["date", "type", "mode", "source", "target", "modality", "trigger",
                          "sentence"] if fmt.value in ("table", "csv") else None)  # fmt: skip


@app.command()
def quotes(
    speaker: str | None = typer.Option(None, "--speaker", help="Speaker actor id."),
    kind: str | None = typer.Option(None, "--kind", help="direct or indirect."),
    q: str | None = typer.Option(None, "--search", "-s", help="Quote text contains."),
    language: str | None = LANGUAGE_OPT,
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List quotations with their speakers.

    Example: presswatch quotes --speaker claudia-sheinbaum
    """
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.rows("quotes", speaker=speaker, kind=kind, q=q, language=language,
                          limit=limit, offset=offset)  # fmt: skip
    emit_rows(rows, fmt, ["published", "kind", "speaker", "speaker_text", "cue", "text"]
              if fmt.value in ("table", "csv") else None)  # fmt: skip


@app.command()
def claims(
    measure: str | None = typer.Option(None, "--measure", help="e.g. homicides."),
    subject: str | None = typer.Option(None, "--subject", help="e.g. mexico."),
    language: str | None = LANGUAGE_OPT,
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List numeric claims.  Example: presswatch claims --measure homicides --json"""
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.rows("claims", measure=measure, subject=subject, language=language,
                          limit=limit, offset=offset)  # fmt: skip
    emit_rows(rows, fmt, ["published", "text", "value", "approx", "measure", "unit", "subject",
                          "period"] if fmt.value in ("table", "csv") else None)  # fmt: skip


@app.command()
def findings(
    kind: str | None = typer.Option(None, "--kind", help="e.g. role_anachronism."),
    actor: str | None = typer.Option(None, "--actor", help="Actor id."),
    language: str | None = LANGUAGE_OPT,
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List stored findings.  Example: presswatch findings --kind title_mismatch"""
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.rows("findings", kind=kind, actor=actor, language=language,
                          limit=limit, offset=offset)  # fmt: skip
    emit_rows(rows, fmt, ["kind", "severity", "actor_id", "message", "evidence"]
              if fmt.value in ("table", "csv") else None)  # fmt: skip


@app.command()
def failures(
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """List items that could not be processed, with the stage and reason.

    Example: presswatch failures --db wh.db --json
    """
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.list_failures(limit=limit, offset=offset)
    emit_rows(rows, fmt)


@app.command()
def export(
    out: str = typer.Argument(..., help="Directory to write into (created if missing)."),
    fmt: str = typer.Option(
        "jsonl", "--format", "-f",
        help="jsonl, csv or parquet (every table); plover, gdelt or graphml (the events).",
    ),
    factual: bool = typer.Option(
        False, "--factual",
        help="plover, gdelt and graphml only: keep asserted and historical events, leave "
        "out what was threatened, requested, promised or denied.",
    ),
    db: str | None = DB_OPT,
) -> None:
    """Write the store to OUT.  Example: presswatch export out/ --format gdelt --factual"""
    from presswatch.export import export as run_export

    with _open(db) as store:
        files = run_export(store, fmt, out, factual=factual)
    for f in files:
        err.print(f"wrote {f}", markup=False)


@app.command()
def timeline(
    interval: str = typer.Option("month", "--by", help="day, week, month or year."),
    actor: str | None = typer.Option(None, "--actor", help="Actor id (source or target)."),
    type: str | None = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
    topic: str | None = typer.Option(None, "--topic", help="Topic id prefix."),
    since: str | None = SINCE_OPT,
    until: str | None = UNTIL_OPT,
    language: str | None = LANGUAGE_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """Events per period and type.  Example: presswatch timeline --by week --actor mexico"""
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        data = store.timeline(interval=interval, actor=actor, type=type, topic=topic,
                              since=since, until=until, language=language)  # fmt: skip
    types = data["types"]
    rows = [{"period": b["period"], "total": b["total"],
             **{t: b["counts"].get(t, 0) for t in types}} for b in data["buckets"]]  # fmt: skip
    emit_rows(rows, fmt, ["period", "total", *types])
    if data["undated"] and fmt.value == "table":
        err.print(f"{data['undated']} events are dated too coarsely for --by {interval}",
                  markup=False)  # fmt: skip


@app.command()
def stories(
    min_sources: int = typer.Option(1, "--min-sources", help="Only events reported this often."),
    type: str | None = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
    language: str | None = typer.Option(
        None, "--language", "--lang", help="Told in this language by at least one source, e.g. es."
    ),
    limit: int = LIMIT_OPT,
    offset: int = OFFSET_OPT,
    db: str | None = DB_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
    as_nl: bool = NL_OPT,
) -> None:
    """Story events: one real-world event with every article that reports it, and the
    languages it was told in.

    Example: presswatch stories --min-sources 2 --language es
    """
    fmt = pick_format(as_json, as_csv, as_nl)
    with _open(db) as store:
        rows = store.rows("stories", min_sources=min_sources, type=type, language=language,
                          limit=limit, offset=offset)  # fmt: skip
    emit_rows(rows, fmt, ["date", "type", "source", "target", "n_sources", "n_reports",
                          "languages"] if fmt.value in ("table", "csv") else None)  # fmt: skip
