"""Scorers: compare predicted JSON-contract dicts with gold, one scorer per extractor.

Every scorer takes a sequence of :class:`DocResult` (one per gold document:
the gold, the article dict of :func:`presswatch.jsondoc.analysis_to_json`, and
the findings that concern it) and returns a flat ``dict[str, float]``.  Counts
are summed over documents before dividing (micro-averaging), so a long
document weighs more than a short one.  The matching rules are documented in
docs/EVALUATION.md; keep the two in step.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from presswatch.eval.gold import GoldDoc

__all__ = [
    "SCORERS",
    "DocResult",
    "prf",
    "score_actors",
    "score_claims",
    "score_dates",
    "score_events",
    "score_findings",
    "score_quotes",
    "score_topics",
]

#: A predicted quote is "found" for a gold quote when at least this share of the
#: gold quote's words appear in it: gold spans are short excerpts, predictions
#: may include the whole quoted sentence, so the share is taken of the gold side.
QUOTE_OVERLAP = 0.5
#: Topics at or above this score count as assigned (the taxonomy's scores are 0–1).
TOPIC_THRESHOLD = 0.5
#: Relative tolerance for numeric values (gold writes 121000 for "121,000").
VALUE_TOLERANCE = 1e-6


@dataclass(slots=True)
class DocResult:
    """One gold document with what presswatch produced for it."""

    gold: GoldDoc
    #: The article dict of the JSON contract; empty when the document failed.
    pred: dict[str, Any] = field(default_factory=dict)
    #: Finding dicts whose ``article`` (or a ``related`` article) is this document.
    findings: list[dict[str, Any]] = field(default_factory=list)
    #: The article's body text (offsets in ``pred`` point into it).
    text: str = ""


def prf(tp: float, n_pred: float, n_gold: float, prefix: str = "") -> dict[str, float]:
    """Precision, recall and F1 from counts; 0 when there is nothing to divide by."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}precision": p, f"{prefix}recall": r, f"{prefix}f1": f}


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _norm(text: str) -> str:
    """Case-, accent- and quote-insensitive form for comparing spans as written."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(_norm(text))


def _greedy(
    gold: Sequence[Any], pred: Sequence[Any], score: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """One-to-one matching: best-scoring pairs first; a score <= 0 is no match."""
    cands = [
        (s, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (s := score(g, p)) > 0
    ]
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


# --- actors ---------------------------------------------------------------------


def _mention_matches(gold_text: str, pred_text: str) -> bool:
    g, p = _norm(gold_text), _norm(pred_text)
    # "President Claudia Sheinbaum" predicted for gold "Claudia Sheinbaum" still counts.
    return bool(g) and bool(p) and (g == p or g in p or p in g)


def score_actors(results: Sequence[DocResult]) -> dict[str, float]:
    """Actor ids per document (set P/R/F1, micro) and mention links.

    Gold mentions are a checklist of spans as written, not every mention:
    ``mention_recall`` is the share found among predicted mentions (linked or
    not), ``mention_link_accuracy`` the share of found ones linked to the gold id.
    """
    tp = n_pred = n_gold = 0
    m_gold = m_found = m_linked = 0
    n_mentions = 0
    for r in results:
        gold_ids = set(r.gold.actors)
        pred_ids = {a.get("id") for a in r.pred.get("actors", []) if a.get("id")}
        tp += len(gold_ids & pred_ids)
        n_pred += len(pred_ids)
        n_gold += len(gold_ids)
        mentions = r.pred.get("mentions", [])
        n_mentions += len(mentions)
        for gm in r.gold.mentions:
            m_gold += 1
            hits = [m for m in mentions if _mention_matches(gm["text"], m.get("text", ""))]
            if hits:
                m_found += 1
                if any(m.get("actor") == gm["actor"] for m in hits):
                    m_linked += 1
    out = prf(tp, n_pred, n_gold)
    out["mention_recall"] = _ratio(m_found, m_gold)
    out["mention_link_accuracy"] = _ratio(m_linked, m_found)
    out["mention_link_recall"] = _ratio(m_linked, m_gold)
    out["mentions_per_doc"] = _ratio(n_mentions, len(results))
    return out


# --- dates ----------------------------------------------------------------------


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``needle`` occurs in ``text``, ignoring case."""
    if not needle:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def _date_overlap(
    gold: GoldDoc, spans: list[list[tuple[int, int]]], gi: int, p: dict[str, Any]
) -> float:
    ps, pe = p.get("start", -1), p.get("end", -1)
    if any(ps < e and s < pe for s, e in spans[gi]):
        return 1.0
    # The gold text does not occur verbatim (or no body): compare the text as written.
    return 0.5 if _mention_matches(gold.dates[gi]["text"], p.get("text", "")) else 0.0


def score_dates(results: Sequence[DocResult]) -> dict[str, float]:
    """Relaxed span match by overlap with any occurrence of the gold text, plus values.

    Gold lists a few dates per document, not all of them, so ``precision`` is
    a lower bound; ``value_*`` count a match only when the TIMEX3 value is right.
    """
    tp = tp_value = n_pred = n_gold = 0
    for r in results:
        body = r.text
        preds = r.pred.get("dates", [])
        n_pred += len(preds)
        n_gold += len(r.gold.dates)
        spans = [_occurrences(body, g["text"]) for g in r.gold.dates]

        pairs = _greedy(range(len(r.gold.dates)), preds, partial(_date_overlap, r.gold, spans))
        tp += len(pairs)
        tp_value += sum(
            1 for gi, pi in pairs if preds[pi].get("value") == r.gold.dates[gi]["value"]
        )
    out = prf(tp, n_pred, n_gold)
    out.update(prf(tp_value, n_pred, n_gold, prefix="value_"))
    out["value_accuracy"] = _ratio(tp_value, tp)
    return out


# --- events ---------------------------------------------------------------------


def _args_match(gold_ids: Iterable[str], pred_ids: Iterable[str]) -> bool:
    gold_set = set(gold_ids)
    # An empty gold list means "not checked" (e.g. an unnamed group as source).
    return not gold_set or bool(gold_set & set(pred_ids))


def _event_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        p.get("type") == g["type"]
        and _args_match(g["source"], p.get("source", []))
        and _args_match(g["target"], p.get("target", []))
    )


def score_events(results: Sequence[DocResult]) -> dict[str, float]:
    """Events match on PLOVER type and overlapping source and target id sets.

    ``strict_*`` also require the event date to equal the gold date (both may
    be null); ``modality_accuracy`` is measured over the (non-strict) matches.
    These keys score the document's key events (gold events not marked
    ``key: false``), so they stay comparable when a document's gold is made
    exhaustive; their precision is a lower bound.  ``complete_*`` score every
    gold event of the documents whose gold lists every event (``events_complete``),
    where an unmatched prediction is a real false positive; ``complete_docs``
    counts those documents (the four keys are left out when there are none).
    ``heldout_complete_*`` score the complete documents marked ``held_out`` alone:
    the figure for text the coder was not tuned on.
    """
    tp = tp_strict = tp_type = n_pred = n_gold = modality_ok = 0
    # [tp, predicted, gold, documents] over complete documents, and over held-out ones
    tallies = {"complete_": [0, 0, 0, 0], "heldout_complete_": [0, 0, 0, 0]}
    for r in results:
        preds = r.pred.get("events", [])
        if r.gold.events_complete:
            hits = len(
                _greedy(list(r.gold.events), preds, lambda g, p: 1.0 if _event_match(g, p) else 0.0)
            )
            for prefix in ("complete_", "heldout_complete_") if r.gold.held_out else ("complete_",):
                t = tallies[prefix]
                t[0] += hits
                t[1] += len(preds)
                t[2] += len(r.gold.events)
                t[3] += 1
        golds = [g for g in r.gold.events if g.get("key", True)]
        n_pred += len(preds)
        n_gold += len(golds)
        pairs = _greedy(golds, preds, lambda g, p: 1.0 if _event_match(g, p) else 0.0)
        tp += len(pairs)
        modality_ok += sum(
            1 for gi, pi in pairs if preds[pi].get("modality", "asserted") == golds[gi]["modality"]
        )
        strict = _greedy(
            golds,
            preds,
            lambda g, p: 1.0 if _event_match(g, p) and p.get("date") == g["date"] else 0.0,
        )
        tp_strict += len(strict)
        typed = _greedy(golds, preds, lambda g, p: 1.0 if p.get("type") == g["type"] else 0.0)
        tp_type += len(typed)
    out = prf(tp, n_pred, n_gold)
    out.update(prf(tp_strict, n_pred, n_gold, prefix="strict_"))
    out.update(prf(tp_type, n_pred, n_gold, prefix="type_only_"))
    out["modality_accuracy"] = _ratio(modality_ok, tp)
    for prefix, (c_tp, c_pred, c_gold, c_docs) in tallies.items():
        if c_docs:
            out.update(prf(c_tp, c_pred, c_gold, prefix=prefix))
            out[f"{prefix}docs"] = float(c_docs)
    return out


# --- quotes ---------------------------------------------------------------------


def _quote_overlap(gold_text: str, pred_text: str) -> float:
    g = _words(gold_text)
    if not g:
        return 0.0
    pool: dict[str, int] = {}
    for w in _words(pred_text):
        pool[w] = pool.get(w, 0) + 1
    shared = 0
    for w in g:
        if pool.get(w, 0) > 0:
            pool[w] -= 1
            shared += 1
    share = shared / len(g)
    return share if share >= QUOTE_OVERLAP else 0.0


def _quote_pair(g: dict[str, Any], p: dict[str, Any]) -> float:
    """Word overlap; among equal overlaps the same kind, then the same speaker, wins
    (a clause quoted in part is both a direct and an indirect quote)."""
    share = _quote_overlap(g["text"], p.get("text", ""))
    if share <= 0:
        return 0.0
    return float(
        share + 0.01 * (p.get("kind") == g["kind"]) + 0.001 * (p.get("speaker") == g.get("speaker"))
    )


def score_quotes(results: Sequence[DocResult]) -> dict[str, float]:
    """A gold quote is found when a predicted quote holds >= 50% of its words.

    ``speaker_accuracy`` is over found quotes whose gold speaker is known;
    ``kind_accuracy`` compares direct/indirect over found quotes.  ``direct_*`` and
    ``indirect_*`` score each kind on its own (gold and predictions of that kind
    only); ``direct_speaker_accuracy`` is the speaker accuracy of found direct quotes.
    """
    tp = n_pred = n_gold = 0
    spk_known = spk_ok = kind_ok = 0
    by_kind = {k: [0, 0, 0, 0, 0] for k in ("direct", "indirect")}  # tp, pred, gold, known, ok
    for r in results:
        preds = r.pred.get("quotes", [])
        golds = list(r.gold.quotes)
        n_pred += len(preds)
        n_gold += len(golds)
        pairs = _greedy(golds, preds, _quote_pair)
        tp += len(pairs)
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            if g.get("speaker"):
                spk_known += 1
                spk_ok += p.get("speaker") == g["speaker"]
            kind_ok += p.get("kind") == g["kind"]
        for kind, c in by_kind.items():
            kg = [g for g in golds if g["kind"] == kind]
            kp = [p for p in preds if p.get("kind", "direct") == kind]
            kpairs = _greedy(kg, kp, _quote_pair)
            c[0] += len(kpairs)
            c[1] += len(kp)
            c[2] += len(kg)
            for gi, pi in kpairs:
                if kg[gi].get("speaker"):
                    c[3] += 1
                    c[4] += kp[pi].get("speaker") == kg[gi]["speaker"]
    out = prf(tp, n_pred, n_gold)
    # The same figures under the names of the "found" rule (>= 50% word overlap).
    out.update(prf(tp, n_pred, n_gold, prefix="found_"))
    out["speaker_accuracy"] = _ratio(spk_ok, spk_known)
    out["kind_accuracy"] = _ratio(kind_ok, tp)
    for kind, c in by_kind.items():
        if not (c[1] or c[2]):
            continue  # no quote of this kind on either side: nothing to score
        out.update(prf(c[0], c[1], c[2], prefix=f"{kind}_"))
        out[f"{kind}_speaker_accuracy"] = _ratio(c[4], c[3])
    return out


# --- claims ---------------------------------------------------------------------


def _same_value(a: Any, b: Any) -> bool:
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    return abs(a - b) <= VALUE_TOLERANCE * max(1.0, abs(a), abs(b))


def _measure(text: Any) -> str:
    """personnel == Personnel == "missing persons" ~ missing_persons; plural s ignored."""
    words = re.split(r"[\s_\-]+", str(text or "").casefold().strip())
    return "_".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w)


def _same_claim(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return _same_value(g["value"], p.get("value")) and _measure(g.get("measure")) == _measure(
        p.get("measure")
    )


def score_claims(results: Sequence[DocResult]) -> dict[str, float]:
    """Claims match on value and measure; ``value_*`` on the value alone.

    ``subject_accuracy`` is over value matches whose gold subject is known.
    """
    tp = tp_value = n_pred = n_gold = subj_known = subj_ok = 0
    for r in results:
        preds = r.pred.get("claims", [])
        golds = list(r.gold.claims)
        n_pred += len(preds)
        n_gold += len(golds)
        full = _greedy(golds, preds, lambda g, p: 1.0 if _same_claim(g, p) else 0.0)
        tp += len(full)
        by_value = _greedy(
            golds, preds, lambda g, p: 1.0 if _same_value(g["value"], p.get("value")) else 0.0
        )
        tp_value += len(by_value)
        for gi, pi in by_value:
            if golds[gi].get("subject"):
                subj_known += 1
                subj_ok += preds[pi].get("subject") == golds[gi]["subject"]
    out = prf(tp, n_pred, n_gold)
    out.update(prf(tp_value, n_pred, n_gold, prefix="value_"))
    out["subject_accuracy"] = _ratio(subj_ok, subj_known)
    return out


# --- topics ---------------------------------------------------------------------


def _topic_fits(gold_id: str, pred_id: str) -> bool:
    # A more specific prediction satisfies a broader gold topic:
    # "migration.deportation" answers gold "migration", not the reverse.
    return pred_id == gold_id or pred_id.startswith(gold_id + ".")


def score_topics(results: Sequence[DocResult]) -> dict[str, float]:
    """``top1_accuracy``: the best-scoring predicted topic is one of the gold topics.

    P/R/F1 compare the gold set with the topics scoring >= TOPIC_THRESHOLD.
    """
    tp = n_pred = n_gold = top_ok = n_docs = 0
    for r in results:
        gold = list(r.gold.topics)
        if not gold:
            continue
        n_docs += 1
        topics = sorted(r.pred.get("topics", []), key=lambda t: -float(t.get("score", 0)))
        if topics and any(_topic_fits(g, topics[0]["id"]) for g in gold):
            top_ok += 1
        chosen = [t["id"] for t in topics if float(t.get("score", 0)) >= TOPIC_THRESHOLD]
        pairs = _greedy(gold, chosen, lambda g, p: 1.0 if _topic_fits(g, p) else 0.0)
        tp += len(pairs)
        n_pred += len(chosen)
        n_gold += len(gold)
    out = prf(tp, n_pred, n_gold)
    out["top1_accuracy"] = _ratio(top_ok, n_docs)
    return out


# --- findings -------------------------------------------------------------------


def _finding_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    # A gold finding without an actor (e.g. a date that cannot be) matches on kind alone.
    return p.get("kind") == g["kind"] and (not g.get("actor") or p.get("actor") == g["actor"])


def score_findings(results: Sequence[DocResult]) -> dict[str, float]:
    """Findings match on kind and actor (P/R/F1, micro over documents).

    ``clean_rate`` is the share of documents with no gold finding that also get
    no predicted finding: on correct texts (the White House corpus) precision
    is 0/0, so this is the number that shows false alarms.
    """
    tp = n_pred = n_gold = n_clean_gold = n_clean = 0
    for r in results:
        golds = list(r.gold.findings)
        n_pred += len(r.findings)
        n_gold += len(golds)
        tp += len(_greedy(golds, r.findings, lambda g, p: 1.0 if _finding_match(g, p) else 0.0))
        if not golds:
            n_clean_gold += 1
            n_clean += not r.findings
    out = prf(tp, n_pred, n_gold)
    out["clean_rate"] = _ratio(n_clean, n_clean_gold)
    return out


#: extractor name -> scorer over a corpus's document results.
SCORERS: dict[str, Callable[[Sequence[DocResult]], dict[str, float]]] = {
    "actors": score_actors,
    "dates": score_dates,
    "events": score_events,
    "quotes": score_quotes,
    "claims": score_claims,
    "topics": score_topics,
    "findings": score_findings,
}
