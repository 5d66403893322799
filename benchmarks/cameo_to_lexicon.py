"""Derive event-lexicon verb entries from the CAMEO verb dictionary and the CAMEO→PLOVER map.

Reads ``reference/phoenix/CAMEO.2.0.txt`` (PETRARCH/Phoenix verb dictionary, Open Event
Data Alliance, MIT) and ``reference/plover/CAMEO2PLOVER-2021.txt`` (PLOVER manual draft
0.8, CC BY-SA 4.0) from the shared data, and prints YAML lines ``lemma: TYPE[/mode] CODE``
for single-word verbs that the lexicon does not have yet.

Which verbs: a verb is taken when its own line or its synset block (``--- VERB [code]
---``) carries a specific CAMEO code (not a bare root such as 060) of an event root 03–20
that the map turns into a PLOVER type.
Codes 01 (public statement) and 02 (appeal) are left out: they are speech, not events, in
PLOVER.  Verbs whose code comes only from object patterns ("- * PROPAGANDA [053]") are left
out too: without the object they mean something else.  A verb listed under several codes
keeps the most frequent type (ties: the first).

Run: ``python benchmarks/cameo_to_lexicon.py [--shared ../shared] [--exclude a,b]``.
The entries in the lexicon were made with ``--exclude`` set to these lemmas, read by hand
as everyday or mis-mapped verbs (``pay`` 061, ``shock`` 202, ``delay`` 112 …)::

    admire,affirm,appall,appreciate,arm,attire,bankroll,bar,bless,brand,buy,catch,celebrate,
    cheer,clap,commemorate,compensate,crucify,defer,delay,disallow,disgust,dishonor,
    dishonour,dynamite,embolden,encourage,enliven,esteem,exalt,explode,extract,fault,favor,
    favour,felicitate,finance,fine,forbid,forestall,forgave,forgiven,formalize,furnish,
    galvanize,gear,glorify,greet,guard,hamper,hinder,honor,honour,impede,implicate,import,
    infest,infract,inhabit,inhibit,inspire,invest,invigorate,lecture,legitimise,legitimize,
    mock,obstruct,occupy,offend,oust,outfit,outrage,override,overrule,overrun,overturn,pay,
    pique,pirate,pluck,postpone,prefer,prevent,prize,procrastinate,prohibit,protect,pull,
    purchase,reassert,reassure,recapture,recognise,remit,remove,render,reside,respect,
    retard,revitalize,revolutionise,revolutionize,reward,rouse,safeguard,sanctify,savage,
    scandalise,scandalize,sentence,shelve,shield,shock,sponsor,spur,stall,stock,stun,
    stupefy,stymie,subvert,table,take,tax,tend,tender,toast,transgress,underwrite,value,
    vandalise,vandalize,ward
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import yaml

LEXICON = Path(__file__).resolve().parents[1] / "src/presswatch/nlp/data/event_lexicon.yaml"
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([0-9-]+)\]\s+---")
_VERB = re.compile(r"^([A-Z][A-Z]+)\b[^\[#]*(?:\[(?:[0-9-]*:)?([0-9]{2,4})\])?")


def load_map(path: Path) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([\w-]*)\s*)?", line)
        if m:
            out[m.group(1)] = (m.group(2), m.group(3) or None)
    return out


def plover_of(code: str, cmap: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    for k in (code, code[:3], code[:2]):
        if k in cmap:
            return cmap[k]
    return None


def derive(shared: Path, exclude: set[str], generic_ok: bool = False) -> list[str]:
    cmap = load_map(shared / "reference/plover/CAMEO2PLOVER-2021.txt")
    lex = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    have = set(lex.get("verbs") or {})
    votes: dict[str, Counter[tuple[str, str | None, str]]] = {}
    block = None
    for line in (
        (shared / "reference/phoenix/CAMEO.2.0.txt")
        .read_text(encoding="utf-8", errors="replace")
        .splitlines()
    ):
        b = _BLOCK.match(line)
        if b:
            block = b.group(2) if b.group(2) != "---" else None
            continue
        m = _VERB.match(line)
        if not m or line.startswith("-"):
            continue
        # a bare root code (060 "engage in material cooperation") is what CAMEO falls back
        # to when no object pattern matched: too loose for a lexicon entry on its own
        code = m.group(2) or block
        if not generic_ok and code and len(code) == 3 and code.endswith("0"):
            continue
        if not code or not code.isdigit() or int(code[:2]) < 3 or int(code[:2]) > 20:
            continue
        pl = plover_of(code, cmap)
        if pl is None:
            continue
        lemma = m.group(1).lower()
        votes.setdefault(lemma, Counter())[(pl[0], pl[1], code)] += 1
    lines = []
    for lemma in sorted(votes):
        if lemma in have or lemma in exclude or len(lemma) < 3:
            continue
        (type_, mode, code), _n = votes[lemma].most_common(1)[0]
        mode_s = f"/{mode}" if mode else ""
        lines.append(f"  {lemma}: {type_}{mode_s} {code:0<3}"[:200])
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--exclude", default="", help="comma-separated lemmas to leave out")
    args = ap.parse_args()
    for line in derive(Path(args.shared), {w for w in args.exclude.split(",") if w}):
        print(line)


if __name__ == "__main__":
    main()
