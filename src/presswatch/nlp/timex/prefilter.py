"""Run a token Matcher only over the stretches of a doc where a match can be.

The date grammar is a few hundred token patterns; spaCy's Matcher starts every
pattern at every token, so its cost grows with tokens × patterns and it was most of
the date tagger's time.  Every pattern here tests only *lexical* attributes (the
token's text: ORTH, LOWER, TEXT, LIKE_NUM …), so whether a token can take part in
any match depends on its text alone: a word no token spec of any pattern accepts
can be inside no match.  :class:`RunMatcher` learns once per distinct word which
specs accept it (a probe Matcher of every token spec on its own) and runs the real
Matcher over each maximal run of such candidate words; a match never crosses a word
that no spec accepts, so the matches are the Matcher's own over the whole doc.  A run
where no pattern has all its required specs met (a lone "the", a comma and "a"), or
that is shorter than every such pattern, is skipped without the Matcher.

Patterns whose every token spec names its words (``LEMMA``/``LOWER``/``ORTH`` equal to
a string or ``IN`` a list, as the event triggers do) need no probe: a token is a
candidate when one of those attributes holds one of the named words, which is one
vectorised look-up per attribute.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import IDS, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["RunMatcher"]

#: Token attributes that depend on the token's text only (a lexeme's attributes).
_LEXICAL = frozenset({
    "ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IS_ALPHA",
    "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
    "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
    "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "OP",
})
#: Distinct words remembered; past this the memory starts afresh (a long ingest meets
#: new words for ever, and relearning a word costs one probe).
_MAX_WORDS = 500_000


class RunMatcher:
    """A :class:`~spacy.matcher.Matcher` of lexical patterns, run over candidate runs."""

    def __init__(self, vocab: Vocab, patterns: dict[str, list[list[dict[str, Any]]]]) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        specs: dict[str, int] = {}
        bare_specs: list[dict[str, Any]] = []
        lexical = True
        needs: set[tuple[int, int]] = set()
        for label, pats in patterns.items():
            self.matcher.add(label, pats)
            for pat in pats:
                req = length = 0
                for spec in pat:
                    lexical = lexical and all(k.upper() in _LEXICAL for k in spec)
                    op = spec.get("OP")
                    lexical = lexical and op != "!"  # a negation is zero-width: no runs
                    bare = {k: v for k, v in spec.items() if k != "OP"}
                    k = specs.setdefault(json.dumps(bare, sort_keys=True), len(specs))
                    if k == len(bare_specs):
                        bare_specs.append(bare)
                    if op in (None, "+", "1"):  # other quantifiers may match nothing
                        req |= 1 << k
                        length += 1
                needs.add((req, length))
        #: Per pattern, the specs some token of a match must meet, and its least length.
        self._needs = sorted(needs)
        #: Attribute -> the hashes of the words some spec names for it (see the module doc).
        self.named: dict[str, np.ndarray[Any, Any]] | None = _named_words(vocab, bare_specs)
        # A spec on the parse or an empty (any-token) spec: every token is a candidate.
        self.probe: Matcher | None = None
        self._spec_bit: dict[int, int] = {}
        if self.named is None and lexical and all(bare_specs):
            self.probe = Matcher(vocab)
            for k, bare in enumerate(bare_specs):
                self.probe.add(f"PW_SPEC_{k}", [[bare]])
                self._spec_bit[vocab.strings[f"PW_SPEC_{k}"]] = 1 << k
        #: Word (orth hash) -> the specs it meets, as bits (0: no pattern can use it).
        self._known: dict[int, int] = {}
        #: (specs met in a run, its length) -> whether some pattern can match in it.
        self._viable: dict[tuple[int, int], bool] = {}

    def _learn(self, orths: Iterable[int]) -> None:
        new = [o for o in orths if o not in self._known]
        if not new or self.probe is None:
            return
        if len(self._known) + len(new) > _MAX_WORDS:
            self._known.clear()
        strings = self.vocab.strings
        words = Doc(self.vocab, words=[strings[o] for o in new], spaces=[False] * len(new))
        bits = [0] * len(new)
        for key, start, _ in self.probe(words):
            bits[start] |= self._spec_bit[key]
        self._known.update(zip(new, bits, strict=True))

    def _can_match(self, met: int, length: int) -> bool:
        """Whether a run of ``length`` tokens meeting the specs ``met`` can hold a match:
        some pattern no longer than the run has every spec it needs met in it."""
        key = (met, length)
        ok = self._viable.get(key)
        if ok is None:
            ok = any(n <= length and req & ~met == 0 for req, n in self._needs)
            if len(self._viable) > _MAX_WORDS:
                self._viable.clear()
            self._viable[key] = ok
        return ok

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` as ``Matcher(doc)`` gives them."""
        if not len(doc) or (self.probe is None and self.named is None):
            return [(m, s, e) for m, s, e in self.matcher(doc)]
        met: list[int] | None = None
        if self.named is not None:
            attrs = list(self.named)
            values = doc.to_array([IDS[a] for a in attrs]).reshape(len(doc), len(attrs))
            mask = np.zeros(len(doc), dtype=bool)
            for k, attr in enumerate(attrs):
                mask |= np.isin(values[:, k], self.named[attr])
        else:
            orths = doc.to_array(ORTH)
            self._learn(np.unique(orths).tolist())
            known = self._known
            met = [known[o] for o in orths.tolist()]
            mask = np.fromiter((m != 0 for m in met), dtype=bool, count=len(met))
        # Boundaries of the runs of candidate tokens.
        edges = np.flatnonzero(np.diff(np.concatenate(([False], mask, [False])).astype(np.int8)))
        out: list[tuple[int, int, int]] = []
        # The Matcher checks the doc's annotations (a pass over the whole doc) on every
        # call: the first run checks them, the others are over the same doc.
        checked = False
        for a, b in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
            if met is not None:
                run = 0
                for m in met[a:b]:
                    run |= m
                if not self._can_match(run, b - a):
                    continue
            found = self.matcher(doc[a:b], allow_missing=checked)
            checked = True
            out.extend((m, s + a, e + a) for m, s, e in found)
        return out


#: Attributes whose value a spec can name as words.
_NAMING = ("LEMMA", "LOWER", "ORTH", "TEXT")


def _named_words(vocab: Vocab, specs: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """Per attribute, the hashes of the words the specs name; None when a spec names none."""
    named: dict[str, set[int]] = {}
    for spec in specs:
        for attr in _NAMING:
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"IN"}:
                words = list(value["IN"])
            elif isinstance(value, str):
                words = [value]
            else:
                continue
            key = "ORTH" if attr == "TEXT" else attr
            named.setdefault(key, set()).update(vocab.strings.add(w) for w in words)
            break
        else:
            return None
    return {a: np.array(sorted(h), dtype=np.uint64) for a, h in named.items()}
