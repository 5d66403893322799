"""The ``pw_dates`` component: TIMEX3 temporal expressions, resolved against the DCT.

How it works (docs/DATES.md has the full account):

1. **Detect** with one spaCy ``Matcher`` pass over the doc; the grammar
   (:mod:`presswatch.nlp.timex.grammar`) names the *nucleus* of each expression.
2. **Validate and pick**: each match is normalised by the rule of its label
   (:mod:`presswatch.nlp.timex.normalise`), which may reject it; the longest
   surviving, non-overlapping matches are kept.
3. **Compose** ranges, anchors and extent modifiers around the nuclei
   (:mod:`presswatch.nlp.timex.compose`).
4. **Resolve** relative expressions against the document creation time
   (``doc._.pw_dct``), in the direction the clause's tense gives
   (:mod:`presswatch.nlp.timex.tense`).  Without a DCT in the metadata, the
   latest explicit full date that is not in a future clause stands in for it
   (``pw_scratch["inferred_dct"]``); without either, values stay
   underspecified ("XXXX-WXX-5").

It writes ``doc._.pw_dates`` (list of :class:`~presswatch.records.DateMention`)
and ``pw_scratch["date_spans"]``: ``(token_start, token_end, DateMention)``.
For the events component it offers :func:`clause_date` and :func:`dct_default`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from presswatch.nlp.lexicons import has_data
from presswatch.nlp.timex.compose import Item, compose
from presswatch.nlp.timex.grammar import build_patterns
from presswatch.nlp.timex.lexicon import Lexicon, load_lexicon
from presswatch.nlp.timex.normalise import Context, Normaliser, Timex
from presswatch.nlp.timex.normalise_es import SpanishNormaliser
from presswatch.nlp.timex.prefilter import RunMatcher
from presswatch.nlp.timex.tense import (
    clause_verb,
    clause_verb_es,
    direction_of,
    direction_of_es,
    morph_of,
    worded,
)
from presswatch.nlp.timex.values import Direction, shift, unit_value
from presswatch.records import DateMention

__all__ = ["DateTagger", "clause_date", "dct_default", "make_date_tagger"]

_LEXICON = "timex_lexicon.yaml"
#: Labels whose value does not depend on the DCT: the candidates for inferring it.
_FULL_DATE = "date_full"
#: Tokens of context a rule sees before its span.
_BEFORE = 2


class DateTagger:
    """Find TIMEX3 expressions and give them values; see the module docstring."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None) -> None:
        # The language comes from the pipeline: Spanish has its own word lists,
        # grammar, rules and tense reading; the calendar arithmetic is shared.
        lang = nlp.lang or "en"
        self.lex = lexicon or load_lexicon(lang if has_data(_LEXICON, lang) else "en")
        # The grammar is lexical: the Matcher runs only over stretches of words some
        # pattern can use (see RunMatcher), with the same matches as over the whole doc.
        grammar = build_patterns(self.lex)
        self.matcher = RunMatcher(nlp.vocab, grammar)
        self.labels: dict[int, str] = {nlp.vocab.strings[label]: label for label in grammar}
        spanish = self.lex.lang == "es"
        self.normalise = SpanishNormaliser(self.lex) if spanish else Normaliser(self.lex)
        self.direction_of = direction_of_es if spanish else direction_of

    # -- steps ----------------------------------------------------------------

    def _context(self, doc: Doc, start: int, end: int, anchor: dt.date | None,
                 direction: Direction) -> Context:
        lo = max(0, start - _BEFORE)
        return Context(
            anchor=anchor,
            direction=direction,
            before=tuple(t.lower_ for t in doc[lo:start]),
            before_ent=doc[start - 1].ent_type_ if start else "",
            before_tag=doc[start - 1].tag_ if start else "",
            ent=doc[start].ent_type_,
            after=doc[end].lower_ if end < len(doc) else "",
            after_tag=doc[end].tag_ if end < len(doc) else "",
        )

    def _value(self, doc: Doc, label: str, start: int, end: int,
               anchor: dt.date | None) -> Timex | None:
        span = doc[start:end]
        direction = self.direction_of(span) if anchor is not None else None
        words = [t.lower_ for t in span]
        orths = [t.text for t in span]
        return self.normalise(label, words, orths,
                              self._context(doc, start, end, anchor, direction))

    def _infer_dct(self, doc: Doc, matches: list[tuple[str, int, int]]) -> dt.date | None:
        latest: dt.date | None = None
        for label, start, end in matches:
            if label != _FULL_DATE:
                continue
            timex = self._value(doc, label, start, end, None)
            if timex is None or timex.day is None:
                continue
            if self.direction_of(doc[start:end]) == "future":
                continue  # "will meet on May 5, 2025" says nothing about when it was written
            if latest is None or timex.day > latest:
                latest = timex.day
        return latest

    def extract(self, doc: Doc, anchor: dt.date | None,
                matches: list[tuple[str, int, int]]) -> list[Item]:
        candidates: list[Span] = []
        found: dict[tuple[int, int], tuple[str, Timex]] = {}
        for label, start, end in matches:
            key = (start, end)
            if key in found:
                continue
            timex = self._value(doc, label, start, end, anchor)
            if timex is None:
                continue
            found[key] = (label, timex)
            candidates.append(doc[start:end])
        items = []
        for span in sorted(filter_spans(candidates), key=lambda s: s.start):
            label, timex = found[(span.start, span.end)]
            items.append(Item(span.start, span.end, label, timex))
        items = compose(doc, items, self.lex)
        return self._resolve_event_anchors(doc, items)

    def _resolve_event_anchors(self, doc: Doc, items: list[Item]) -> list[Item]:
        """Give "two days after the election" the election's date when the doc has one."""
        if not any(it.event_anchor for it in items):
            return items
        dated: dict[str, dt.date] = {}
        for it in items:
            if it.timex.day is None or it.event_anchor:
                continue
            noun = _dated_noun(doc[it.start:it.end])
            if noun is not None:
                dated.setdefault(noun.lemma_.lower(), it.timex.day)
        out = []
        for it in items:
            if it.event_anchor:
                noun_i, amount, unit = it.event_anchor
                day = dated.get(doc[noun_i].lemma_.lower())
                if day is not None:
                    moved = shift(day, unit, amount)
                    it = dataclasses.replace(
                        it, timex=Timex("DATE", unit_value(moved, unit),
                                        moved if unit == "D" else None))
            out.append(it)
        return out

    def __call__(self, doc: Doc) -> Doc:
        raw = [(self.labels[mid], s, e) for mid, s, e in self.matcher(doc)]
        scratch = doc._.pw_scratch = doc._.pw_scratch or {}
        anchor: dt.date | None = doc._.pw_dct
        if anchor is None:
            anchor = self._infer_dct(doc, raw)
            if anchor is not None:
                doc._.pw_dct = anchor
                scratch["inferred_dct"] = anchor
        items = self.extract(doc, anchor, raw)
        mentions: list[DateMention] = []
        spans: list[tuple[int, int, DateMention]] = []
        for it in items:
            span = doc[it.start:it.end]
            mention = DateMention(text=span.text, start=span.start_char, end=span.end_char,
                                  type=it.timex.type, value=it.timex.value)
            mentions.append(mention)
            spans.append((it.start, it.end, mention))
        doc._.pw_dates = mentions
        scratch["date_spans"] = spans
        return doc


def _dated_noun(span: Span) -> Token | None:
    """The noun a date modifies: "the November 5 election", "the election on November 5"."""
    head = span.root.head
    if head.pos_ == "ADP":
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head not in span:
        return head
    if head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "NOUN":
                return child
    return None


@Language.factory("pw_dates", default_config={})
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    return DateTagger(nlp)


# -- helpers for the events component ----------------------------------------------

_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp",
                          "acl", "csubj", "pcomp"})


def _is_clause_head(tok: Token) -> bool:
    # (a list's bullet the tagger calls a verb heads no clause: "• Last November, Trump
    # promised …")
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ in _CLAUSE_DEPS and worded(tok)


def clause_date(doc: Doc, token: Token) -> DateMention | None:
    """The date expression attached to the clause headed by ``token`` (a verb or noun).

    A date belongs to the trigger when its head chain reaches the trigger
    before it reaches another clause head ("said Friday that they met on
    Monday": Friday for *said*, Monday for *met*).  Only dates in the
    trigger's sentence can qualify.  DATE and TIME expressions are preferred to
    durations and sets; among those, the one nearest in the tree.
    """
    spans = (doc._.pw_scratch or {}).get("date_spans") or []
    sent = token.sent
    best: tuple[int, int, DateMention] | None = None
    for start, end, mention in spans:
        if start < sent.start or end > sent.end:
            continue
        cur = doc[start:end].root
        hops = 0
        while True:
            if cur == token:
                break
            if cur.head == cur or (hops and _is_clause_head(cur)):
                cur = None  # type: ignore[assignment]
                break
            if (mention.type == "DURATION" and cur.dep_ in ("amod", "compound", "nmod")
                    and cur.head.pos_ in ("NOUN", "PROPN")):  # fmt: skip
                # "the 2,000-year-old temple", "a three-year plan": an age or a length
                # that describes a thing, not when the clause happened
                cur = None  # type: ignore[assignment]
                break
            cur = cur.head
            hops += 1
        if cur is None:
            continue
        rank = 0 if mention.type in ("DATE", "TIME") else 1
        if best is None or (rank, hops) < (best[0], best[1]):
            best = (rank, hops, mention)
    return best[2] if best else None


_REPORT_LEMMAS = frozenset({"say", "tell", "announce", "state", "report", "add", "note",
                            "confirm", "warn", "declare", "write", "explain", "insist",
                            "claim", "argue", "ask", "urge", "call", "deny", "acknowledge",
                            "emphasize", "stress", "sign", "unveil", "release", "issue"})


def dct_default(doc: Doc, token: Token) -> str | None:
    """The DCT (ISO date) when an undated action is the article's own news, else None.

    News reports what was said or done on the day it reports: present-tense
    and present-perfect clauses ("Mexico has deployed", "Noem says") and
    reporting verbs in the simple past ("Sheinbaum said") default to the DCT.
    Other past-tense clauses are background of unknown date, and future or
    conditional ones have not happened: both get None.
    """
    dct: dt.date | None = doc._.pw_dct
    if dct is None:
        return None
    if doc.lang_ == "es":
        return _dct_default_es(dct, token)
    verb = token if token.pos_ in ("VERB", "AUX") else clause_verb(token)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & {"will", "shall", "would", "could", "might", "may", "should", "'ll", "must"}:
        return None
    if any(a.lemma_ == "have" and a.tag_ == "VBD" for a in auxes):
        return None  # pluperfect: before the reported time
    if verb.tag_ in ("VBZ", "VBP"):
        return dct.isoformat()
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return dct.isoformat()
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return dct.isoformat()
    if verb.tag_ == "VBD" and verb.lemma_ in _REPORT_LEMMAS:
        return dct.isoformat()
    return None


# Spanish reporting verbs: said in the preterite, they are the article's own news.
_REPORT_LEMMAS_ES = frozenset({
    "decir", "afirmar", "declarar", "anunciar", "informar", "señalar", "asegurar", "explicar",
    "advertir", "indicar", "confirmar", "sostener", "reiterar", "agregar", "añadir", "destacar",
    "subrayar", "negar", "reconocer", "pedir", "exigir", "llamar", "firmar", "presentar",
    "publicar", "emitir", "detallar", "precisar", "comentar", "expresar", "manifestar",
    "denunciar", "insistir", "admitir", "revelar", "acusar",
})


def _dct_default_es(dct: dt.date, token: Token) -> str | None:
    """:func:`dct_default` for Spanish, read from UD morphology instead of PTB tags."""
    if token.pos_ in ("VERB", "AUX"):
        verb: Token | None = token
        auxes = [c for c in token.children if c.dep_ in ("aux", "aux:pass", "cop")]
    else:
        verb, auxes = clause_verb_es(token)
    if verb is None:
        return None
    forms = [verb, *auxes]
    if any(morph_of(t, "Tense") == "Fut" or morph_of(t, "Mood") in ("Cnd", "Sub")
           for t in forms):
        return None  # not yet, or only wished
    haber = [a for a in auxes if a.lemma_ == "haber"]
    if haber:
        # "ha desplegado" is today's news; "había desplegado" is background.
        return dct.isoformat() if morph_of(haber[0], "Tense") == "Pres" else None
    if any(a.lemma_ == "ir" and a.dep_ == "aux" for a in auxes):
        return None  # "va a enviar": a plan
    finite = [t for t in forms if morph_of(t, "VerbForm") == "Fin"]
    if any(morph_of(t, "Tense") == "Pres" for t in finite):
        return dct.isoformat()
    if any(morph_of(t, "Tense") == "Past" for t in finite) and verb.lemma_ in _REPORT_LEMMAS_ES:
        return dct.isoformat()
    return None


# A value that names a calendar day: what clause_date users usually want.
DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
