"""``presswatch kb``: list, show, resolve, validate and import knowledge-base actors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from presswatch.cli.app import CSV_OPT, EXIT_SOME_FAILED, JSON_OPT, app, emit_rows, err, pick_format
from presswatch.errors import ConfigError, KBError
from presswatch.kb.model import Office
from presswatch.records import to_dict

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base: actors, names and roles over time (see docs/KB.md).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(kb_app, name="kb")

PACK_OPT = typer.Option(
    None, "--pack", "-p", help="An extra pack (YAML) on top of the shipped ones; repeatable."
)


def _kb(packs: list[Path] | None):  # type: ignore[no-untyped-def]
    from presswatch.kb import load_kb

    return load_kb(tuple(packs or ()))


@kb_app.command("list")
def list_actors(
    kind: str | None = typer.Option(None, "--kind", help="person, organization, country …"),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-3, e.g. MEX."),
    packs: list[Path] | None = PACK_OPT,
    as_json: bool = JSON_OPT,
    as_csv: bool = CSV_OPT,
) -> None:
    """List knowledge-base actors.  Example: presswatch kb list --kind person --country MEX"""
    fmt = pick_format(as_json, as_csv)
    kb = _kb(packs)
    rows = []
    for a in kb:
        if (kind and a.kind != kind) or (country and a.country != country.upper()):
            continue
        sector, role = kb.sector_at(a.id)
        rows.append({"id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
                     "sector": sector, "role": role.title if role else None})  # fmt: skip
    emit_rows(rows, fmt)


@kb_app.command("show")
def show(
    actor_id: str = typer.Argument(..., help="Actor id, e.g. claudia-sheinbaum."),
    packs: list[Path] | None = PACK_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Show one actor with its names and roles.  Example: presswatch kb show kristi-noem --json"""
    kb = _kb(packs)
    actor = kb.get(actor_id)
    if actor is None:
        raise KBError(f"no actor with id {actor_id!r}; `presswatch kb list` shows the ids")
    data = to_dict(actor)
    sector, _ = kb.sector_at(actor.id)
    data["sector_now"] = sector
    data["as_of"] = kb.as_of.isoformat()
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [f"{actor.name} ({actor.id})", f"  kind: {actor.kind}  country: {actor.country}  "
             f"sector on {kb.as_of}: {sector}"]  # fmt: skip
    if actor.aliases:
        lines.append(f"  aliases: {', '.join(actor.aliases)}")
    for r in actor.roles:
        lines.append(f"  {r.start or '…'} – {r.end or 'present'}  {r.title} [{r.sector}]")
    sys.stdout.write("\n".join(lines) + "\n")


@kb_app.command("resolve")
def resolve(
    text: str = typer.Argument(..., help="Actor text, or - to read JSON lines from stdin."),
    date: str | None = typer.Option(None, "--date", "-d", help="YYYY-MM-DD (default: KB as-of)."),
    context: str | None = typer.Option(None, "--context", "-c", help="The sentence around it."),
    packs: list[Path] | None = PACK_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Resolve one actor text: id, name, kind, country, sector on the date.

    Example: presswatch kb resolve "the Mexican president" --date 2025-03-31 --json
    With -: one JSON line {"text", "date", "context"} per input line on stdin, one
    JSON line out per input, in order.
    """
    kb = _kb(packs)
    if text != "-":
        _check_date(date)
        res = kb.resolve(text, date, context)
        row = res.to_dict() if res else {"id": None, "name": text, "kind": None,
                                          "country": None, "sector": None}  # fmt: skip
        if as_json:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(" ".join(f"{k}={v}" for k, v in row.items()) + "\n")
        return
    failed = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError
        except ValueError:
            err.print(f'error: stdin line {n}: expected a JSON object with "text"', markup=False)
            sys.stdout.write(json.dumps({"error": "bad input line", "line": n}) + "\n")
            failed += 1
            continue
        res = kb.resolve(item["text"], item.get("date"), item.get("context"))
        row = res.to_dict() if res else {"id": None, "name": item["text"], "kind": None,
                                          "country": None, "sector": None}  # fmt: skip
        sys.stdout.write(json.dumps({"text": item["text"], **row}, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _check_date(date: str | None) -> None:
    if date is None:
        return
    import datetime as dt

    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ConfigError(f"--date {date!r} is not a date; write YYYY-MM-DD") from None


FILES_ARG = typer.Argument(None, help="Pack files (default: only the shipped packs).")
SOURCE_ARG = typer.Argument(..., help="wikidata or phoenix.")
FILE_ARG = typer.Argument(..., help="A Wikidata JSON dump (lines) or a Phoenix .actors.txt.")
OUT_OPT = typer.Option(..., "--out", "-o", help="The pack YAML to write.")


@kb_app.command("validate")
def validate(files: list[Path] | None = FILES_ARG) -> None:
    """Validate pack files.  Example: presswatch kb validate my_pack.yaml"""
    from presswatch.kb import read_pack, shipped_packs

    offices: dict[str, Office] = {}
    for p in shipped_packs():
        read_pack(p, offices)
    for p in files or []:
        pack = read_pack(p, offices)
        err.print(f"{p}: {len(pack.actors)} actors, valid", markup=False)


@kb_app.command("import")
def import_(
    source: str = SOURCE_ARG,
    file: Path = FILE_ARG,
    out: Path = OUT_OPT,
) -> None:
    """Import actors into a new pack.

    Example: presswatch kb import wikidata dump.json --out my_pack.yaml
    """
    from presswatch.kb import read_pack
    from presswatch.kb.importers import SOURCES, dump_pack, import_source

    if source not in SOURCES:
        raise ConfigError(f"unknown source {source!r}: use one of {', '.join(SOURCES)}")
    if not file.is_file():
        raise ConfigError(f"{file}: no such file")
    problems: list[str] = []
    pack = import_source(source, file, problems)
    for line in problems:
        err.print(f"warning: {line}", markup=False)
    out.write_text(dump_pack(pack), encoding="utf-8")
    checked = read_pack(out)
    skipped = f" ({len(problems)} unreadable codes skipped)" if problems else ""
    err.print(
        f"{out}: {len(checked.actors)} actors imported from {file.name}{skipped}", markup=False
    )
