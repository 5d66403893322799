"""Readable reports on stdout (the non-JSON face of analyze, check and demo)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rich.table import Table

from presswatch.cli.app import out
from presswatch.records import Analysis, Finding
from presswatch.store import Store


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_analyses(analyses: Sequence[Analysis], findings: Sequence[Finding]) -> None:
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_article[f.article].append(f)
    for a in analyses:
        art = a.article
        out.rule(_short(art.title or art.path or art.id, 90), style="bold")
        out.print(
            f"id {art.id[:12]}  published {art.published or '?'} ({art.published_basis})"
            f"  language {art.language or '?'}" + ("" if a.analysed else "  [not analysed]"),
            markup=False,
        )
        if art.near_duplicate_of:
            out.print(f"near duplicate of {art.near_duplicate_of[:12]}", markup=False)
        if a.actors:
            out.print(
                "actors: " + ", ".join(f"{r.name} ({r.mentions})" for r in a.actors[:12]),
                markup=False,
            )
        for e in a.events[:20]:
            src = "+".join(e.source) or "?"
            tgt = "+".join(e.target) or "?"
            out.print(
                f"  event {e.date or '----------'} {e.type:<9} {src} → {tgt}"
                f"  [{e.modality}] “{e.trigger}”",
                markup=False,
            )
        for q in a.quotes[:10]:
            out.print(
                f"  quote ({q.speaker or q.speaker_text or '?'}): {_short(q.text, 90)}",
                markup=False,
            )
        for c in a.claims[:10]:
            out.print(
                f"  claim {c.text!r}: {c.value:g} {c.measure or ''} {c.subject or ''}"
                f" {c.period or ''}"
                if c.value is not None
                else f"  claim {c.text!r}",
                markup=False,
            )
        if a.topics:
            out.print(
                "topics: " + ", ".join(f"{t.id} {t.score:.2f}" for t in a.topics[:5]), markup=False
            )
        for f in by_article.get(art.id, []):
            out.print(f"  ⚠ {f.kind}: {f.message}", markup=False)
    cross = [f for f in findings if f.related]
    if cross:
        out.rule("across articles")
        for f in cross:
            out.print(f"  ⚠ {f.kind}: {f.message}", markup=False)


def print_findings(findings: Sequence[dict[str, Any]]) -> None:
    if not findings:
        out.print("No findings.")
        return
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        groups[f["kind"]].append(f)
    for kind, items in sorted(groups.items()):
        out.rule(f"{kind} ({len(items)})", style="bold")
        for f in items:
            out.print(f"[{f['severity']}] {f['message']}", markup=False)
            out.print(
                f"    evidence: “{_short(f['evidence'] or '', 100)}”"
                f"  — {_short(f['article_title'] or f['article_id'], 60)}",
                markup=False,
            )


def print_summary(store: Store) -> None:
    counts = store.counts()
    out.rule("presswatch: summary", style="bold")
    out.print(
        f"{counts['articles']} articles · {counts['actors']} actors · {counts['events']} events · "
        f"{counts['quotes']} quotes · {counts['claims']} claims · {counts['findings']} findings",
        markup=False,
    )
    actors = store.list_actors(limit=10)
    if actors:
        t = Table(title="Top actors", header_style="bold")
        for col in ("actor", "kind", "country", "sector", "articles", "mentions"):
            t.add_column(col)
        for a in actors:
            t.add_row(a["name"], a["kind"] or "", a["country"] or "", a["sector"] or "",
                      str(a["articles"]), str(a["mentions"]))  # fmt: skip
        out.print(t)
    # the timeline tells story events: one row per real-world event, with how many
    # articles report it (reports of the same event are clustered by the checks)
    stories = store.query(
        "SELECT s.id, s.date, s.type, s.source, s.target, s.n_sources,"
        " (SELECT e.trigger FROM story_event_reports r JOIN events e ON e.id = r.event_id"
        "  WHERE r.story_id = s.id LIMIT 1) AS trigger"
        " FROM story_events s WHERE length(s.date) = 10"
        " AND s.source != '[]' AND s.target != '[]' ORDER BY s.date LIMIT 12"
    )
    if stories:
        names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM actors")}

        def who(ids: str) -> str:
            return " + ".join(names.get(i, i) for i in json.loads(ids)) or "?"

        t = Table(title="Timeline (first dated story events with both actors)",
                  header_style="bold")  # fmt: skip
        for col in ("date", "type", "who", "whom", "trigger", "sources"):
            t.add_column(col)
        for st in stories:
            t.add_row(st["date"], st["type"], who(st["source"]), who(st["target"]),
                      st["trigger"] or "", str(st["n_sources"]))  # fmt: skip
        out.print(t)
    findings = store.list_findings(limit=50)
    out.rule(f"Findings ({len(findings)})", style="bold")
    if not findings:
        out.print("No findings.")
    for f in findings[:20]:
        out.print(f"⚠ {f['kind']}: {f['message']}", markup=False)
        out.print(
            f"    “{_short(f['evidence'] or '', 100)}” — {_short(f['article_title'] or '', 60)}",
            markup=False,
        )
