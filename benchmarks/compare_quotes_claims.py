"""Side by side: presswatch vs textacy (direct quotations) vs quantulum3 (quantities).

Dev-only.  textacy and quantulum3 are not presswatch dependencies; install them
with the optional extra (``pip install -e '.[bench]'``) or into a throwaway venv
that sees the project's packages::

    python3 -m venv /tmp/pwbench
    SP=$(.venv/bin/python -c "import site; print(site.getsitepackages()[0])")
    BSP=$(/tmp/pwbench/bin/python -c "import site; print(site.getsitepackages()[0])")
    echo "import site; site.addsitedir('$SP')" > "$BSP/presswatch-venv.pth"
    /tmp/pwbench/bin/pip install textacy quantulum3
    /tmp/pwbench/bin/python benchmarks/compare_quotes_claims.py --shared ../shared

All three read the same gold (``src/presswatch/data/gold``: sample, seeds, whitehouse)
and are scored by the same functions as ``presswatch eval``.  textacy runs on
the very Doc presswatch parsed (same tokens, same parse); its speaker tokens
are mapped to actor ids through presswatch's own ``actor_tokens``, so speaker
accuracy compares attribution, not linking.  quantulum3 has no notion of what a
figure counts: it is given its unit name as the measure, and ``value_f1``
(value only) is the fair comparison for it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from presswatch.eval.runner import EvalContext, run_corpus
from presswatch.eval.scoring import DocResult, score_claims, score_quotes

CORPORA = ("sample", "seeds", "whitehouse")


def textacy_quotes(doc: Any) -> list[dict[str, Any]]:
    from textacy.extract.triples import direct_quotations

    tokens: dict[int, str] = (doc._.pw_scratch or {}).get("actor_tokens") or {}
    out = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some quote layouts; count as nothing found
        triples = []
    for tri in triples:
        content = tri.content
        text = content.text.strip().strip("“”\"'‘’").strip()
        speaker = next((tokens[t.i] for t in tri.speaker if t.i in tokens), None)
        out.append({"text": text, "kind": "direct", "speaker": speaker})
    return out


def quantulum_classifier(workdir: Path) -> str | None:
    """quantulum3's shipped classifier is pickled with an older scikit-learn; when it
    does not load, retrain it from quantulum3's own training set into ``workdir``."""
    from quantulum3 import classifier, parser

    try:
        parser.parse("It weighs 5 pounds.")
        return None
    except Exception:  # the unpickling error is version-dependent
        path = workdir / "quantulum3-clf.joblib"
        if not path.exists():
            classifier.train_classifier(store=True, output_path=str(path))
        return str(path)


def quantulum_claims(text: str, clf: str | None) -> list[dict[str, Any]]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text, classifier_path=clf):
        out.append({"text": q.surface, "value": float(q.value), "measure": q.unit.name})
    return out


def run(shared: Path) -> dict[str, dict[str, dict[str, float]]]:
    ctx = EvalContext(shared=shared)
    nlp = ctx.nlp()
    clf = quantulum_classifier(Path(tempfile.gettempdir()))
    table: dict[str, dict[str, dict[str, float]]] = {}
    for corpus in CORPORA:
        results = run_corpus(corpus, ctx)
        tx: list[DocResult] = []
        qu: list[DocResult] = []
        t_tx = t_qu = 0.0
        for r in results:
            doc = nlp(r.text)
            t0 = time.perf_counter()
            tx.append(DocResult(gold=r.gold, pred={"quotes": textacy_quotes(doc)}, text=r.text))
            t1 = time.perf_counter()
            qu.append(DocResult(gold=r.gold, pred={"claims": quantulum_claims(r.text, clf)},
                                text=r.text))
            t2 = time.perf_counter()
            t_tx += t1 - t0
            t_qu += t2 - t1
        table[f"{corpus}/quotes/presswatch"] = score_quotes(results)
        table[f"{corpus}/quotes/textacy"] = score_quotes(tx)
        table[f"{corpus}/claims/presswatch"] = score_claims(results)
        table[f"{corpus}/claims/quantulum3"] = score_claims(qu)
        table[f"{corpus}/claims/quantulum3"]["seconds"] = round(t_qu, 2)
        table[f"{corpus}/quotes/textacy"]["seconds"] = round(t_tx, 2)
        # textacy extracts direct quotations only: the fair comparison is on those.
        for system in ("presswatch", "textacy"):
            m = table[f"{corpus}/quotes/{system}"]
            table[f"{corpus}/direct quotes/{system}"] = {
                k: m.get(f"direct_{k}", 0.0)
                for k in ("precision", "recall", "f1", "speaker_accuracy")
            }
    return table


def markdown(table: dict[str, dict[str, dict[str, float]]]) -> str:
    rows = ["| corpus | task | system | P | R | F1 | speaker acc. | value F1 | subject acc. |",
            "|---|---|---|---|---|---|---|---|---|"]
    for key, m in table.items():
        corpus, task, system = key.split("/")

        def f(name: str, m: dict[str, float] = m) -> str:
            return f"{m[name]:.2f}" if name in m else "—"

        rows.append(f"| {corpus} | {task} | {system} | {f('precision')} | {f('recall')} | "
                    f"{f('f1')} | {f('speaker_accuracy')} | {f('value_f1')} | "
                    f"{f('subject_accuracy')} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = ap.parse_args(argv)
    try:
        import quantulum3  # noqa: F401
        import textacy  # noqa: F401
    except ImportError:
        print("textacy and quantulum3 are needed: pip install -e '.[bench]' "
              "(or see this script's docstring for a throwaway venv)", file=sys.stderr)
        return 2
    table = run(args.shared)
    print(json.dumps(table, indent=2) if args.json else markdown(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
