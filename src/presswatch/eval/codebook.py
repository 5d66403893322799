"""Evaluate the event coder on the codebook sentences: every PLOVER definition, twice.

``data/gold/codebook.yaml`` holds newswire-style sentences written for presswatch, two
for each of the 135 rows of the PLOVER 2021 structured codebook (an event type with one
of its modes and the kind of act it covers, e.g. CONCEDE "promise to withdraw from
territory", COERCE/withhold "shut off power/internet/water"). Variant *a* uses the
usual verb; variant *b* a harder form of the same act: a rarer synonym, a passive, a
nominal or light-verb trigger, reported speech, a subordinate clause. They were written
and labelled from the codebook alone, by annotators who had not seen the coder, before
the coder was run on them. Each sentence lists every event a PLOVER coder would code in
it, the codebook row's event first, with source and target countries (ISO3, or IGO/NGO)
and modality.

Why: the GSR file in ``../shared`` has 161 sentences, most of them on a few kinds of
act; its 32-sentence test split is small and has been read in aggregate many times.
These sentences cover every definition the codebook gives, and half of them form a
second held-out split.

Scored as the GSR is (:func:`presswatch.eval.plover.score`):

* ``type_recall``: the codebook row's event (the first listed) was coded;
* ``type_precision``: of the distinct types coded, the share the sentence lists at all
  (a secondary event the annotator listed is not an error); ``factual_precision``
  likewise for events not hypothetical or negated;
* ``source_country_accuracy`` / ``target_country_accuracy`` for the first event.

The split is fixed in the file: for even rows variant *a* is dev and *b* test, for odd
rows the other way round, so both splits cover every definition. Only dev may be read
sentence by sentence while tuning; test is for aggregate figures.

Run: ``python -m presswatch.eval.codebook [--split dev|test|all] [--errors]`` or
``presswatch eval --corpus codebook`` (the country check reads ``countries.csv`` from
``../shared``).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from presswatch.eval.plover import (
    COUNTRIES_FILE,
    LABEL_MAP,
    GsrSentence,
    Tally,
    country_table,
    gsr_type,
    print_report,
    score,
)

if TYPE_CHECKING:
    from presswatch.eval.runner import EvalContext, Metrics

__all__ = ["CodebookSentence", "evaluate", "load_codebook"]

GOLD_FILE = Path(__file__).resolve().parent.parent / "data" / "gold" / "codebook.yaml"
SPLITS = ("dev", "test")


@dataclass(slots=True)
class CodebookSentence:
    row: int
    variant: str
    split: str
    sentence: GsrSentence


def load_codebook(path: Path = GOLD_FILE) -> list[CodebookSentence]:
    """The sentences in file order, their gold as :class:`GsrSentence` (main type in
    ``types``, the other listed types in ``also``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[CodebookSentence] = []
    for item in data["sentences"]:
        events = item["events"]
        views = [gsr_type(LABEL_MAP.get(e["type"], e["type"]), e.get("modality", ""))
                 for e in events]  # fmt: skip
        main = events[0]
        sid = f"codebook-{item['row']:03d}{item['variant']}"
        actors = {views[0]: ({c.upper() for c in main.get("source") or ()},
                             {c.upper() for c in main.get("target") or ()})}  # fmt: skip
        gold = GsrSentence(text=str(item["text"]).strip(), ids=[sid], types={views[0]},
                           actors=actors, also=set(views[1:]) - {views[0]})  # fmt: skip
        out.append(CodebookSentence(int(item["row"]), str(item["variant"]), item["split"], gold))
    return out


def run(nlp: Any, shared: Path, split: str = "all") -> dict[str, Tally]:
    sentences = load_codebook()
    table = country_table(shared)
    out: dict[str, Tally] = {}
    for name in SPLITS if split == "all" else (split,):
        chosen = [(i, c.sentence) for i, c in enumerate(sentences) if c.split == name]
        out[name] = score(nlp, chosen, table)
    return out


def evaluate(ctx: EvalContext) -> Metrics:
    """The ``codebook`` corpus for ``presswatch eval``: test-split figures under
    ``events``, dev-split figures under ``events_dev``."""
    tallies = run(ctx.nlp(), ctx.shared_dir(), "all")
    return {"events": tallies["test"].metrics(), "events_dev": tallies["dev"].metrics()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m presswatch.eval.codebook", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--shared", default="../shared", help="the shared data directory")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--errors", action="store_true", help="list sentences with type errors")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / COUNTRIES_FILE).is_file():
        print(f"error: {shared / COUNTRIES_FILE} not found; pass --shared PATH", file=sys.stderr)
        return 2
    from presswatch.nlp import load_pipeline
    from presswatch.settings import Settings

    print_report(run(load_pipeline(Settings()), shared, args.split), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
