"""Score the temporal tagger on NewsReader MEANTIME (English), TempEval-3 style.

MEANTIME (CC BY 4.0, Fondazione Bruno Kessler, VU Amsterdam, UPV/EHU) gives 120
Wikinews articles as tokens with TIMEX3 annotations, the document creation
time among them (``functionInDocument="CREATION_TIME"``).  The scoring
follows TempEval-3 (UzZaman et al. 2013):

* **strict** span match: the same tokens; **relaxed**: any token in common;
  precision, recall and F1 for each;
* **value accuracy**: of the gold expressions matched (relaxed), the share
  whose TIMEX3 value is right; **value F1** = relaxed F1 × value accuracy
  (likewise for type).

Conventions of the corpus this evaluator respects, and why:

* the DCT timex is metadata: it is given to the tagger as ``doc._.pw_dct`` and
  neither it nor a prediction overlapping it is scored;
* MEANTIME annotates TIMEX3 only in the first six sentences of each article
  (title, dateline and four body sentences; its event layer goes further):
  predictions past sentence 5 are not scored, or every correct one there
  would count as a false positive.  Only those sentences are tagged (the
  tagger looks back, never ahead, so the values are the same, and it is
  three times faster);
* gold timexes without tokens (empty, implicit anchors) are not extents and
  are skipped.

Run it with ``python -m presswatch.eval.meantime [--errors]`` or
``presswatch eval --corpus meantime``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil import parser as dateutil_parser
from defusedxml import ElementTree as ET

if TYPE_CHECKING:
    from spacy.language import Language

    from presswatch.eval.runner import EvalContext

__all__ = ["GoldTimex", "MeantimeDoc", "evaluate", "load_corpus", "score"]

#: The last sentence index MEANTIME annotates TIMEX3 in (0 = title, 1 = dateline).
ANNOTATED_SENTENCES = 5
CORPUS_SUBDIR = "corpus/meantime-en/intra_cross-doc_annotation"
# No space before these tokens when the text is rebuilt from MEANTIME's tokens.
_NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        "!",
        "?",
        ")",
        "]",
        "}",
        "'s",
        "n't",
        "%",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
        "’s",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    type: str
    value: str
    text: str


@dataclass(slots=True)
class MeantimeDoc:
    name: str
    text: str
    #: Character offsets (start, end) of each MEANTIME token in ``text``.
    offsets: list[tuple[int, int]]
    sentences: list[int]
    dct: dt.date | None
    dct_span: tuple[int, int] | None
    gold: list[GoldTimex] = field(default_factory=list)


def _doc_from_xml(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    tokens = [t for t in root.iter("token") if int(t.get("sentence") or 0) <= ANNOTATED_SENTENCES]
    index = {t.get("t_id"): i for i, t in enumerate(tokens)}
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    sentences: list[int] = []
    pos = 0
    prev_sent: int | None = None
    prev_text = ""
    for tok in tokens:
        text = tok.text or ""
        sent = int(tok.get("sentence") or 0)
        if prev_sent is not None:
            # One sentence per line: titles and datelines have no full stop.
            sep = (
                "\n"
                if sent != prev_sent
                else ("" if text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER else " ")
            )
            parts.append(sep)
            pos += len(sep)
        parts.append(text)
        offsets.append((pos, pos + len(text)))
        sentences.append(sent)
        pos += len(text)
        prev_sent, prev_text = sent, text
    dct: dt.date | None = None
    dct_span: tuple[int, int] | None = None
    gold: list[GoldTimex] = []
    for tx in root.iter("TIMEX3"):
        anchors = [a.get("t_id") for a in tx.iter("token_anchor")]
        if any(t not in index for t in anchors):
            continue  # beyond the annotated sentences
        ids = sorted(index[t] for t in anchors)
        if tx.get("functionInDocument") == "CREATION_TIME":
            if ids:
                dct_span = (ids[0], ids[-1] + 1)
            dct = _parse_dct(tx.get("value") or "",
                             " ".join(tokens[i].text or "" for i in ids))
            continue
        if not ids or sentences[ids[0]] > ANNOTATED_SENTENCES:
            continue
        text = " ".join(tokens[i].text or "" for i in ids)
        gold.append(
            GoldTimex(ids[0], ids[-1] + 1, tx.get("type") or "", tx.get("value") or "", text)
        )
    if dct is None:
        # Two files have no CREATION_TIME: their dateline (sentence 1) is the DCT,
        # annotated as an ordinary timex; treat it as in the other 118.
        for g in gold:
            if sentences[g.start] == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", g.value):
                dct, dct_span = dt.date.fromisoformat(g.value), (g.start, g.end)
                gold.remove(g)
                break
    return MeantimeDoc(path.stem, "".join(parts), offsets, sentences, dct, dct_span, gold)


def _parse_dct(value: str, text: str) -> dt.date | None:
    """The DCT's value; a few files write it "03-02-2009", then the dateline text decides."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(text.replace(" ,", ",")).date() if text else None
    except (ValueError, OverflowError):
        return None


def load_corpus(root: Path) -> list[MeantimeDoc]:
    """Every article under ``root`` (the ``intra_cross-doc_annotation`` folder)."""
    return [_doc_from_xml(p) for p in sorted(root.glob("*/*.xml"))]


@dataclass(frozen=True, slots=True)
class SysTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


def _to_tokens(doc: MeantimeDoc, start_char: int, end_char: int) -> tuple[int, int] | None:
    ids = [i for i, (s, e) in enumerate(doc.offsets) if s < end_char and e > start_char]
    return (ids[0], ids[-1] + 1) if ids else None


def tag(nlp: Language, docs: list[MeantimeDoc]) -> Iterator[tuple[MeantimeDoc, list[SysTimex]]]:
    """Run the tagger over the documents; system timexes in MEANTIME token indices."""

    def make(d: MeantimeDoc) -> Any:
        sdoc = nlp.make_doc(d.text)
        sdoc._.pw_dct = d.dct
        return sdoc

    for d, sdoc in zip(docs, nlp.pipe(make(d) for d in docs), strict=True):
        out: list[SysTimex] = []
        for m in sdoc._.pw_dates or ():
            span = _to_tokens(d, m.start, m.end)
            if span is None or d.sentences[span[0]] > ANNOTATED_SENTENCES:
                continue
            if d.dct_span and span[0] < d.dct_span[1] and span[1] > d.dct_span[0]:
                continue  # the dateline is the DCT: metadata, not scored
            out.append(SysTimex(span[0], span[1], m.type, m.value or "", m.text))
        yield d, out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(
    results: list[tuple[MeantimeDoc, list[SysTimex]]], errors: list[dict[str, Any]] | None = None
) -> dict[str, float]:
    n_gold = n_sys = 0
    strict_g = strict_s = relaxed_g = relaxed_s = 0
    value_ok = type_ok = matched = 0
    for d, system in results:
        n_gold += len(d.gold)
        n_sys += len(system)
        for s in system:
            if any(g.start == s.start and g.end == s.end for g in d.gold):
                strict_s += 1
            if any(g.start < s.end and s.start < g.end for g in d.gold):
                relaxed_s += 1
            elif errors is not None:
                errors.append({"doc": d.name, "kind": "spurious", "text": s.text, "value": s.value})
        for g in d.gold:
            over = [s for s in system if g.start < s.end and s.start < g.end]
            if any(s.start == g.start and s.end == g.end for s in over):
                strict_g += 1
            if not over:
                if errors is not None:
                    errors.append(
                        {"doc": d.name, "kind": "missed", "text": g.text, "gold": g.value}
                    )
                continue
            relaxed_g += 1
            matched += 1
            best = max(over, key=lambda s: min(s.end, g.end) - max(s.start, g.start))
            value_ok += best.value == g.value
            type_ok += best.type == g.type
            if errors is not None and (
                best.value != g.value or (best.start, best.end) != (g.start, g.end)
            ):
                errors.append(
                    {
                        "doc": d.name,
                        "kind": "value" if best.value != g.value else "extent",
                        "text": g.text,
                        "system_text": best.text,
                        "gold": g.value,
                        "value": best.value,
                        "dct": d.dct.isoformat() if d.dct else None,
                    }
                )
    sp, sr = strict_s / n_sys if n_sys else 0.0, strict_g / n_gold if n_gold else 0.0
    rp, rr = relaxed_s / n_sys if n_sys else 0.0, relaxed_g / n_gold if n_gold else 0.0
    relaxed_f1 = _f1(rp, rr)
    value_acc = value_ok / matched if matched else 0.0
    type_acc = type_ok / matched if matched else 0.0
    return {
        # The harness's headline columns: the strict (exact-extent) figures.
        "precision": round(sp, 4),
        "recall": round(sr, 4),
        "f1": round(_f1(sp, sr), 4),
        "gold": float(n_gold),
        "system": float(n_sys),
        "strict_precision": round(sp, 4),
        "strict_recall": round(sr, 4),
        "strict_f1": round(_f1(sp, sr), 4),
        "relaxed_precision": round(rp, 4),
        "relaxed_recall": round(rr, 4),
        "relaxed_f1": round(relaxed_f1, 4),
        "value_accuracy": round(value_acc, 4),
        "value_f1": round(relaxed_f1 * value_acc, 4),
        "type_accuracy": round(type_acc, 4),
        "type_f1": round(relaxed_f1 * type_acc, 4),
    }


def dates_pipeline(model: str = "en_core_web_sm") -> Language:
    """The English model plus only ``pw_dates``: all this evaluation needs."""
    from presswatch.nlp.extensions import register_extensions
    from presswatch.nlp.pipeline import load_model

    importlib.import_module("presswatch.nlp.dates")  # registers the factory
    register_extensions()
    nlp = load_model(model)
    nlp.add_pipe("pw_dates")
    return nlp


def run(
    corpus: Path, nlp: Language | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, float]:
    docs = load_corpus(corpus)
    return score(list(tag(nlp or dates_pipeline(), docs)), errors)


def evaluate(ctx: EvalContext) -> dict[str, dict[str, float]]:
    """The harness entry point (``presswatch eval --corpus meantime``)."""
    nlp = dates_pipeline(ctx.settings.model)
    return {"dates": run(ctx.shared_dir() / CORPUS_SUBDIR, nlp)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m presswatch.eval.meantime",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    ap.add_argument(
        "--shared",
        type=Path,
        default=Path("../shared"),
        help="the shared data directory (default: ../shared)",
    )
    ap.add_argument("--errors", action="store_true", help="list every error as JSON lines")
    args = ap.parse_args(argv)
    corpus = args.shared / CORPUS_SUBDIR
    if not corpus.is_dir():
        print(f"error: MEANTIME not found at {corpus}; pass --shared PATH", file=sys.stderr)
        return 2
    errors: list[dict[str, Any]] | None = [] if args.errors else None
    t0 = time.perf_counter()
    metrics = run(corpus, errors=errors)
    print(
        f"scored {int(metrics['gold'])} gold timexes in {time.perf_counter() - t0:.1f}s",
        file=sys.stderr,
    )
    for e in errors or ():
        print(json.dumps(e, ensure_ascii=False))
    print(json.dumps({"meantime": {"dates": metrics}}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
