"""Evaluate the event coder on the PLOVER gold-standard records (GSR).

``../shared/reference/plover/PLOVER_GSR_CAMEO.dev.json`` holds 161 coded sentences (plus
one DOCUMENT record), one PLOVER event each, written for PLOVER 0.5: the older labels
are mapped to PLOVER 2021 as the codebook says (DEMAND → REQUEST, DISAPPROVE and
INVESTIGATE → ACCUSE, FIGHT → ASSAULT).  Source and target are lists of actors with a
``code`` that is an ISO 3166 alpha-3 country code or a role code (IGO, NGO, IMG …).

Per sentence (records with the same text are one sentence with several gold types):

* ``type_recall``: the coder produced every gold type (micro-averaged over gold types);
* ``type_precision``: of the distinct types it produced, the share that are gold;
* negated cooperation ("will not accept refugees", coded AGREE with modality negated) is
  scored as REJECT, the GSR's convention (:func:`plover_view`);
* ``factual_precision``: the same, counting only events whose modality is not
  hypothetical or negated — the GSR codes one event per sentence and never the
  hypothetical action inside a threat or the negated action inside a refusal, which this
  coder reports separately with their modality;
* ``source_country_accuracy`` / ``target_country_accuracy``: over sentences where the gold
  type was found and the gold actors are countries, the share whose predicted country set
  (from the event of that type) equals the gold set.

The split is fixed: every 5th sentence (in file order) is the *test* split and was not
looked at while the lexicon was tuned; the rest is *dev*.  Both are reported, and with
``--split all`` also *file*: both splits' counts pooled, the figure for the file as a whole
(mostly tuned on; *test* is the honest figure).

Run: ``python -m presswatch.eval.plover [--split dev|test|all] [--errors]`` or
``presswatch eval --corpus plover``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswatch.records import Article

if TYPE_CHECKING:
    from presswatch.eval.runner import EvalContext, Metrics

__all__ = ["LABEL_MAP", "GsrSentence", "Tally", "country_table", "evaluate", "gsr_type",
           "load_gsr", "plover_view", "print_report", "report", "score"]  # fmt: skip

GSR_FILE = Path("reference/plover/PLOVER_GSR_CAMEO.dev.json")
COUNTRIES_FILE = Path("reference/plover/countries.csv")

#: PLOVER 0.5 labels → PLOVER 2021, per the codebook's own notes.
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}  # fmt: skip
#: Every TEST_EVERY-th sentence is held out as the test split.
TEST_EVERY = 5
_NOT_FACTUAL = frozenset({"hypothetical", "negated"})
#: Cooperative types whose negation the GSR codes as REJECT ("will not accept refugees").
_NEGATED_AS_REJECT = frozenset({"AGREE", "CONCEDE", "SUPPORT", "CONSULT", "COOPERATE", "AID"})


def gsr_type(type_: str, modality: str) -> str:
    """The type the GSR would give: it has no negated modality, and codes a refused
    cooperation ("will never accept", "did not agree") as REJECT."""
    if modality == "negated" and type_ in _NEGATED_AS_REJECT:
        return "REJECT"
    return type_


def plover_view(event: Any) -> str:
    """:func:`gsr_type` of a coded event."""
    return gsr_type(str(event.type), str(event.modality))


#: Names the countries file does not list but news (and the GSR) use.
_EXTRA_NAMES = {"us": "USA", "u-s": "USA", "america": "USA", "american": "USA",
                "united-states": "USA", "washington": "USA", "britain": "GBR",
                "british": "GBR", "great-britain": "GBR", "uk": "GBR", "moscow": "RUS",
                "tehran": "IRN", "baghdad": "IRQ", "kabul": "AFG", "beijing": "CHN",
                "prc": "CHN", "kremlin": "RUS", "palestinian": "PSE", "palestinians": "PSE",
                "gaza": "PSE", "west-bank": "PSE", "kurds": "IRQ", "serb": "SRB",
                "serbs": "SRB", "bosnian": "BIH", "czechoslovak": "CZE", "ivory-coast": "CIV",
                "soviet": "RUS", "riyadh": "SAU", "taliban": "AFG", "hezbollah": "LBN",
                "sudanese": "SDN", "israeli": "ISR", "vietnamese": "VNM"}  # fmt: skip


@dataclass(slots=True)
class GsrSentence:
    text: str
    ids: list[str]
    types: set[str]
    #: gold type -> (source codes, target codes)
    actors: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    #: other types the gold lists in the sentence beside ``types`` (a secondary event):
    #: predicting one is not an error, missing one is not counted (the GSR has none)
    also: set[str] = field(default_factory=set)


def _codes(value: Any) -> set[str]:
    if not value or isinstance(value, str):
        return set()
    return {str(a.get("code", "")).upper() for a in value if isinstance(a, dict) and a.get("code")}


def load_gsr(path: Path) -> list[GsrSentence]:
    """The GSR sentences in file order, records with the same text merged."""
    records = json.loads(path.read_text(encoding="utf-8"))
    by_text: dict[str, GsrSentence] = {}
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        text = str(r["text"]).strip().strip("{}").strip()
        t = LABEL_MAP.get(r["event"], r["event"])
        s = by_text.setdefault(text, GsrSentence(text=text, ids=[], types=set()))
        s.ids.append(r["id"])
        s.types.add(t)
        s.actors.setdefault(t, (_codes(r.get("source")), _codes(r.get("target"))))
    return list(by_text.values())


def split_of(index: int) -> str:
    return "test" if index % TEST_EVERY == TEST_EVERY - 1 else "dev"


def country_table(shared: Path) -> dict[str, str]:
    table = dict(_EXTRA_NAMES)
    path = shared / COUNTRIES_FILE
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = row["CCA3"]
                names = [row["Name"], *row["Nationality"].split(",")]
                for n in names:
                    key = "-".join(n.strip().lower().replace(".", "").split())
                    if key:
                        table.setdefault(key, code)
    return table


def _country(aid: str, actors: dict[str, Any], table: dict[str, str]) -> str | None:
    """An actor's ISO3 country: from the actors component when it ran, else by name."""
    ref = actors.get(aid)
    if ref is not None and getattr(ref, "country", None):
        return str(ref.country)
    keys = [aid]
    if ref is not None:
        keys.append("-".join(str(ref.name).lower().replace(".", "").split()))
    for k in keys:
        k = k.removeprefix("the-")
        if k in table:
            return table[k]
        for part in k.split("-"):
            if part in table:
                return table[part]
    return None


@dataclass(slots=True)
class Tally:
    gold: int = 0
    hit: int = 0
    pred: int = 0
    pred_ok: int = 0
    fact: int = 0
    fact_ok: int = 0
    src_n: int = 0
    src_ok: int = 0
    tgt_n: int = 0
    tgt_ok: int = 0
    sentences: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        """Both splits' counts together: the figures for the whole GSR file."""
        counts = {f: getattr(self, f) + getattr(other, f)
                  for f in self.__dataclass_fields__ if f != "errors"}  # fmt: skip
        return Tally(**counts, errors=[*self.errors, *other.errors])

    def metrics(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "type_recall": r(self.hit, self.gold),
            "type_precision": r(self.pred_ok, self.pred),
            "factual_precision": r(self.fact_ok, self.fact),
            "source_country_accuracy": r(self.src_ok, self.src_n),
            "target_country_accuracy": r(self.tgt_ok, self.tgt_n),
            "sentences": float(self.sentences),
        }


def score(nlp: Any, sentences: Iterable[tuple[int, GsrSentence]], table: dict[str, str]) -> Tally:
    from presswatch.nlp.pipeline import make_doc

    tally = Tally()
    items = list(sentences)
    docs = nlp.pipe(
        make_doc(nlp, Article(id=s.ids[0], text=s.text, language="en")) for _i, s in items
    )
    for (_i, s), doc in zip(items, docs, strict=True):
        events = list(doc._.pw_events or ())
        actors = dict(doc._.pw_actors or {})
        pred = {plover_view(e) for e in events}
        fact = {plover_view(e) for e in events if e.modality not in _NOT_FACTUAL}
        tally.sentences += 1
        listed = s.types | s.also
        tally.gold += len(s.types)
        tally.hit += len(s.types & pred)
        tally.pred += len(pred)
        tally.pred_ok += len(pred & listed)
        tally.fact += len(fact)
        tally.fact_ok += len(fact & listed)
        for t in s.types & pred:
            gsrc, gtgt = s.actors.get(t, (set(), set()))
            ev = next(e for e in events if plover_view(e) == t)
            for gold_codes, ids, kind in ((gsrc, ev.source, "src"), (gtgt, ev.target, "tgt")):
                gold_c = {c for c in gold_codes if c in table.values()}
                if not gold_c or gold_c != gold_codes:
                    continue  # role codes (IGO, NGO …) or none: not a country check
                got = {c for a in ids if (c := _country(a, actors, table))}
                ok = got == gold_c
                if kind == "src":
                    tally.src_n += 1
                    tally.src_ok += ok
                else:
                    tally.tgt_n += 1
                    tally.tgt_ok += ok
        if s.types - pred or pred - listed:
            tally.errors.append({
                "id": s.ids[0], "gold": sorted(s.types), "also": sorted(s.also),
                "pred": sorted(pred),
                "events": [(e.type, e.trigger, e.modality, list(e.source), list(e.target))
                           for e in events],
                "text": s.text,
            })  # fmt: skip
    return tally


def run(nlp: Any, shared: Path, split: str = "all") -> dict[str, Tally]:
    sentences = load_gsr(shared / GSR_FILE)
    table = country_table(shared)
    indexed = list(enumerate(sentences))
    out: dict[str, Tally] = {}
    for name in ("dev", "test") if split == "all" else (split,):
        out[name] = score(nlp, [(i, s) for i, s in indexed if split_of(i) == name], table)
    return out


def report(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
    """Each split's figures; with both, also the whole file's (``file``: the figure the
    GSR as a whole gives, tuned-on sentences included, so ``test`` is the honest one)."""
    out = {k: v.metrics() for k, v in tallies.items()}
    if set(tallies) == {"dev", "test"}:
        out["file"] = (tallies["dev"] + tallies["test"]).metrics()
    return out


def print_report(tallies: dict[str, Tally], errors: bool) -> None:
    """The figures as JSON on stdout; with ``errors``, each sentence in error as one
    "split {json}" line on stderr."""
    print(json.dumps(report(tallies), indent=2))
    if errors:
        for name, t in tallies.items():
            for e in t.errors:
                print(name, json.dumps(e, ensure_ascii=False), file=sys.stderr)


def evaluate(ctx: EvalContext) -> Metrics:
    """The ``plover`` corpus for ``presswatch eval``: test-split figures under ``events``,
    dev-split figures under ``events_dev``."""
    tallies = run(ctx.nlp(), ctx.shared_dir(), "all")
    return {"events": tallies["test"].metrics(), "events_dev": tallies["dev"].metrics()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m presswatch.eval.plover", description=__doc__)
    ap.add_argument("--shared", default="../shared", help="the shared data directory")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--errors", action="store_true", help="list sentences with type errors")
    ap.add_argument(
        "--kb", action="append", default=[], metavar="PACK",
        help="an extra KB pack (repeatable), e.g. the Phoenix world-actors dictionary made "
        "by `presswatch kb import phoenix …` (the GSR is world news of 1979-2005; the "
        "shipped KB knows US-Mexico actors)",
    )  # fmt: skip
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / GSR_FILE).is_file():
        print(f"error: {shared / GSR_FILE} not found; pass --shared PATH", file=sys.stderr)
        return 2
    packs = tuple(Path(p) for p in args.kb)
    for p in packs:
        if not p.is_file():
            print(f"error: {p}: no such KB pack; make one with `presswatch kb import`",
                  file=sys.stderr)  # fmt: skip
            return 2
    from presswatch.nlp import load_pipeline
    from presswatch.settings import Settings

    print_report(run(load_pipeline(Settings(kb_paths=packs)), shared, args.split), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
