"""Checks: where an article contradicts the record, itself, or other coverage.

Two entry points, called by :func:`presswatch.core.analyze` and by ``check``:

* :func:`check_article` — per-article findings, computed right after the NLP
  stage and stored with the article;
* :func:`check_corpus` — cross-article findings over a whole collection,
  recomputed as a whole whenever the collection changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from presswatch.records import Analysis, Finding

__all__ = ["check_article", "check_corpus", "run_checks"]


def check_article(analysis: Analysis) -> Analysis:
    """Return the analysis with its per-article findings filled in."""
    return analysis


def check_corpus(analyses: Sequence[Analysis]) -> list[Finding]:
    """Cross-article findings (figure and attribution conflicts, event clusters)."""
    return []


def run_checks(analyses: Sequence[Analysis]) -> list[Finding]:
    """Every finding for a collection: each article's own, then the cross-article ones."""
    findings: list[Finding] = [f for a in analyses for f in a.findings]
    findings.extend(check_corpus(analyses))
    return findings
