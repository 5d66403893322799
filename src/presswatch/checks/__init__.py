"""Checks: where an article contradicts the record, itself, or other coverage.

Two entry points, called by :func:`presswatch.core.analyze` and by ``presswatch check``:

* :func:`check_article` — per-article findings (titles against the knowledge base,
  impossible dates, quotes whose words contradict their speaker), computed right after
  the NLP stage and stored with the article;
* :func:`check_corpus` — cross-article findings (figure and attribution conflicts, the
  same event dated differently), recomputed as a whole whenever the collection changes;
  :func:`cluster_events` groups reports of one event into story events.

Each finding carries the evidence span and says what it was checked against.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from presswatch.checks.attribution import check_attributions
from presswatch.checks.clusters import check_event_dates, cluster_events
from presswatch.checks.figures import check_figures
from presswatch.checks.roles import check_titles
from presswatch.checks.speakers import check_speakers
from presswatch.checks.temporal import check_dates
from presswatch.kb import KB, load_kb
from presswatch.records import Analysis, Finding

__all__ = ["check_article", "check_corpus", "cluster_events", "run_checks"]


def check_article(analysis: Analysis, kb: KB | None = None) -> Analysis:
    """Return the analysis with its per-article findings filled in."""
    if not analysis.analysed:
        return analysis
    kb = kb or load_kb()
    findings = [
        *check_titles(analysis, kb),
        *check_dates(analysis),
        *check_speakers(analysis, kb),
    ]
    findings.sort(key=lambda f: (f.start, f.kind))
    return dataclasses.replace(analysis, findings=tuple(findings))


def check_corpus(analyses: Sequence[Analysis]) -> list[Finding]:
    """Cross-article findings over a collection."""
    return [
        *check_figures(analyses),
        *check_attributions(analyses),
        *check_event_dates(analyses),
    ]


def run_checks(analyses: Sequence[Analysis]) -> list[Finding]:
    """Every finding for a collection: each article's own, then the cross-article ones."""
    findings: list[Finding] = [f for a in analyses for f in a.findings]
    findings.extend(check_corpus(analyses))
    return findings
