"""Print gold vs predicted events per document of a gold corpus (error analysis aid).

Run: ``python benchmarks/event_errors.py sample [whitehouse seeds] [--shared ../shared]``.
Documents marked ``held_out`` in the gold are skipped: their per-event errors are not to be
read by whoever works on the coder (docs/GOLD.md, "Exhaustive events"); ``--held-out``
prints them too, for a gold review after the coder's work is frozen.
Matched gold events are marked ``=``, missed ones ``-``, predictions no gold event
matches ``+`` (type, source -> target, modality, date, trigger, the sentence clipped).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from presswatch.eval.runner import EvalContext, run_corpus
from presswatch.eval.scoring import _event_match


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--held-out", action="store_true", help="also print held-out documents")
    args = ap.parse_args()
    ctx = EvalContext(shared=Path(args.shared))
    for corpus in args.corpora:
        skipped = 0
        for r in run_corpus(corpus, ctx):
            if r.gold.held_out and not args.held_out:
                skipped += 1
                continue
            preds = list(r.pred.get("events", []))
            golds = list(r.gold.events)
            print(f"\n=== {corpus}/{r.gold.doc}  gold {len(golds)}  pred {len(preds)}")
            used: set[int] = set()
            for g in golds:
                hit = next((i for i, p in enumerate(preds)
                            if i not in used and _event_match(g, p)), None)  # fmt: skip
                mark = "=" if hit is not None else "-"
                if hit is not None:
                    used.add(hit)
                print(f" {mark} {g['type']:9} {g['source']} -> {g['target']} "
                      f"{g['modality']} {g['date']} [{g.get('trigger')}]")  # fmt: skip
            for i, p in enumerate(preds):
                if i in used:
                    continue
                sent = " ".join(str(p.get("sentence", "")).split())[:150]
                print(f" + {p['type']:9} {p['source']} -> {p['target']} {p['modality']} "
                      f"{p.get('date')} [{p.get('trigger')}] | {sent}")  # fmt: skip
        if skipped:
            print(f"\n({skipped} held-out document(s) of {corpus} skipped: docs/GOLD.md)")


if __name__ == "__main__":
    main()
