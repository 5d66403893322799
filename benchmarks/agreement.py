"""Inter-annotator agreement on the events of the held-out White House documents.

Run: ``python benchmarks/agreement.py [--json] [--details]``.

The first annotation is the exhaustive gold of the eight documents marked
``events_complete`` in ``src/presswatch/data/gold/whitehouse.yaml`` (all their events,
key or not); the second is ``benchmarks/agreement/whitehouse_events_second.yaml``,
written blind by a second annotator (docs/GOLD.md, "Exhaustive events"). The second is
scored against the first with the scorer's own event matching
(``presswatch.eval.scoring._event_match`` and ``_greedy``: same PLOVER type, overlapping
source and target id lists, an empty list in the first annotation matches anything), so
the figures are directly a ceiling for the coder's ``complete_*`` scores. Type-only
agreement matches one to one on the PLOVER type alone. ``--details`` lists the events
only one annotator wrote (this reads the held-out gold: not for coder engineers).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from presswatch.eval.gold import load_gold
from presswatch.eval.scoring import _event_match, _greedy

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "src" / "presswatch" / "data" / "gold" / "whitehouse.yaml"
SECOND = ROOT / "benchmarks" / "agreement" / "whitehouse_events_second.yaml"

Event = dict[str, Any]
Matcher = Callable[[Event, Event], float]


def _full(g: Event, p: Event) -> float:
    return 1.0 if _event_match(g, p) else 0.0


def _type_only(g: Event, p: Event) -> float:
    return 1.0 if g["type"] == p.get("type") else 0.0


def load_first(path: Path = FIRST) -> dict[str, list[Event]]:
    """Every event of the documents whose gold is exhaustive, keyed by document path."""
    gold = load_gold(path)
    return {d.doc: list(d.events) for d in gold.documents if d.events_complete}


def load_second(path: Path = SECOND) -> dict[str, list[Event]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, list[Event]] = {}
    for d in data["documents"]:
        out[str(d["doc"])] = [dict(e) for e in d.get("events") or []]
    return out


def _prf(tp: int, n_first: int, n_second: int) -> dict[str, float | None]:
    if not n_first and not n_second:
        # Both annotators found no event: agreement, but no ratio to report.
        return {"precision": None, "recall": None, "f1": None}
    p = tp / n_second if n_second else 0.0
    r = tp / n_first if n_first else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _score(
    first: dict[str, list[Event]], second: dict[str, list[Event]], match: Matcher
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    per_doc: dict[str, dict[str, Any]] = {}
    tp = n1 = n2 = 0
    for doc, f_events in first.items():
        s_events = second.get(doc, [])
        k = len(_greedy(f_events, s_events, match))
        per_doc[doc] = {"first": len(f_events), "second": len(s_events), "matched": k,
                        **_prf(k, len(f_events), len(s_events))}  # fmt: skip
        tp, n1, n2 = tp + k, n1 + len(f_events), n2 + len(s_events)
    return per_doc, {"first": n1, "second": n2, "matched": tp, **_prf(tp, n1, n2)}


def agreement(first: dict[str, list[Event]], second: dict[str, list[Event]]) -> dict[str, Any]:
    missing = sorted(set(first) - set(second))
    extra = sorted(set(second) - set(first))
    if missing or extra:
        raise SystemExit(
            f"error: the two annotations cover different documents "
            f"(only first: {missing}; only second: {extra}); fix {SECOND.name}"
        )
    docs, overall = _score(first, second, _full)
    tdocs, toverall = _score(first, second, _type_only)
    for doc, row in docs.items():
        row["type_f1"] = tdocs[doc]["f1"]
    # The scorer's matching is not quite symmetric (an empty id list in the reference
    # matches anything), so the F1 with the roles swapped is reported too.
    _, reverse = _score(second, first, _full)
    return {"documents": docs, "overall": overall, "type_only": toverall,
            "reverse_f1": reverse["f1"]}  # fmt: skip


def _fmt(e: Event) -> str:
    return (f"{e['type']:9} {e.get('source')} -> {e.get('target')} {e.get('modality')} "
            f"[{e.get('trigger')}]")  # fmt: skip


def _details(first: dict[str, list[Event]], second: dict[str, list[Event]]) -> None:
    for doc, f_events in first.items():
        s_events = second[doc]
        pairs = _greedy(f_events, s_events, _full)
        print(f"\n=== {doc}")
        for fi, si in pairs:
            print(f" = {_fmt(f_events[fi])}  ~  {s_events[si].get('trigger')}")
        for i in sorted(set(range(len(f_events))) - {fi for fi, _ in pairs}):
            print(f" 1 {_fmt(f_events[i])}")
        for i in sorted(set(range(len(s_events))) - {si for _, si in pairs}):
            print(f" 2 {_fmt(s_events[i])}")


def _num(x: float | None, width: int) -> str:
    return f"{x:{width}.2f}" if x is not None else f"{'-':>{width}}"


def _table(result: dict[str, Any]) -> None:
    print(f"{'document':58} {'1st':>4} {'2nd':>4} {'both':>4} {'P':>5} {'R':>5} {'F1':>5} "
          f"{'typeF1':>6}")  # fmt: skip
    for doc, r in result["documents"].items():
        name = Path(doc).name[:58]
        ratios = " ".join(_num(r[k], w) for k, w in
                          (("precision", 5), ("recall", 5), ("f1", 5), ("type_f1", 6)))  # fmt: skip
        print(f"{name:58} {r['first']:4} {r['second']:4} {r['matched']:4} {ratios}")
    o, t = result["overall"], result["type_only"]
    print(f"{'overall (events)':58} {o['first']:4} {o['second']:4} {o['matched']:4} "
          f"{o['precision']:5.2f} {o['recall']:5.2f} {o['f1']:5.2f}")  # fmt: skip
    print(f"{'overall (type only)':58} {t['first']:4} {t['second']:4} {t['matched']:4} "
          f"{t['precision']:5.2f} {t['recall']:5.2f} {t['f1']:5.2f}")  # fmt: skip
    print(f"events F1 with the first scored against the second: {result['reverse_f1']:.2f}")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--details", action="store_true",
                    help="list the events only one annotator wrote")  # fmt: skip
    args = ap.parse_args(argv)
    first, second = load_first(), load_second()
    result = agreement(first, second)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _table(result)
    if args.details:
        _details(first, second)


if __name__ == "__main__":
    main()
