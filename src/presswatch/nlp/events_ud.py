"""The parse the event coder walks, for models that parse in Universal Dependencies.

The coder's walk (:mod:`presswatch.nlp.events`) is written against the English model's
ClearNLP-style tree: a preposition heads its object (``prep`` → ``pobj``), a passive has
``nsubjpass``/``auxpass``/``agent``, a copula heads its predicate (``attr``), negation is
``neg``.  A Universal Dependencies parse (the Spanish model) hangs the preposition under
its noun (``obl``/``nmod`` + ``case``), marks passives only by the auxiliary or by "se",
and makes the predicate noun the head of its copula.

Rather than a second walker, :func:`clear_view` rewrites a UD ``Doc`` into a *shadow*
``Doc`` of the same tokens (same text, offsets and sentences) whose labels and shape are
the ones the walker knows, and whose function words carry the English word the walker's
rules name in ``norm_`` ("con" → "with", "a" → "to"), from the ``syntax`` section of the
language's event lexicon.  The periphrastic future ("va a imponer") gets ``Tense=Fut`` in
the shadow's morphology, as the synthetic future ("impondrá") has it in the model's.
Content words, lemmas and entities are untouched: the lexicon of the language matches them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

__all__ = ["UdSyntax", "clear_view"]

#: UD relations renamed one for one (the rest keep their name: nsubj, xcomp, ccomp,
#: advcl, conj, amod, appos, flat, nummod, det, mark, aux, compound …).
_RENAME = {"obj": "dobj", "iobj": "dative", "acl:relcl": "relcl", "nsubj:pass": "nsubjpass",
           "csubj:pass": "csubjpass", "aux:pass": "auxpass", "expl:pass": "auxpass",
           "obl:arg": "obl", "obl:agent": "obl", "nmod:poss": "poss",
           "flat:name": "flat"}  # fmt: skip
_NOMINAL_ARGS = frozenset({"obl", "nmod", "dobj", "dative", "nsubj", "appos"})


def _disagrees(t: Token) -> bool:
    """A post-verbal subject whose number the finite verb does not share (the model's guess
    for an object of a verb whose subject was dropped), when the verb has no object."""
    v = t.head
    if t.i < v.i or t.pos_ != "NOUN" or "Fin" not in v.morph.get("VerbForm", []):
        return False
    mine, its = t.morph.get("Number", []), v.morph.get("Number", [])
    if not mine or not its or mine == its:
        return False
    return not any(c.dep_ == "obj" for c in v.children)


@dataclass(frozen=True, slots=True)
class UdSyntax:
    """The ``syntax`` section of a UD language's event lexicon."""

    #: lower-cased function word → the English word the walker's rules name
    function_words: Mapping[str, str] = field(default_factory=dict)
    #: auxiliaries of the periphrastic passive ("fue detenido")
    passive_aux: frozenset[str] = frozenset()
    #: the clitic of the reflexive passive ("se enviaron 29 capos")
    reflexive: frozenset[str] = frozenset()
    #: verbs whose "se" is part of the verb, never a passive ("se reunió con")
    pronominal: frozenset[str] = frozenset()
    #: auxiliary lemmas that with a marked infinitive make a future ("va a imponer")
    future_aux: frozenset[str] = frozenset()
    #: the preposition of the passive agent ("por agentes estadounidenses")
    agent_case: frozenset[str] = frozenset()
    #: the preposition a person object takes ("visitó a Sheinbaum"): an object, not "to"
    personal_a: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, raw: Mapping[str, Any] | None) -> UdSyntax | None:
        if not raw or raw.get("scheme") != "ud":
            return None

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(key) or ())

        return cls(
            function_words={
                str(k).lower(): str(v) for k, v in (raw.get("function_words") or {}).items()
            },
            passive_aux=words("passive_aux"),
            reflexive=words("reflexive"),
            pronominal=words("pronominal"),
            future_aux=words("future_aux"),
            agent_case=words("agent_case"),
            personal_a=words("personal_a"),
        )


def clear_view(doc: Doc, syn: UdSyntax) -> Doc:
    """A shadow of ``doc`` whose parse has the English model's shape (see the module doc).

    Token ``i`` of the shadow is token ``i`` of ``doc``; the shadow shares ``doc``'s
    extension values (``user_data``), so actor tokens, quotes and the DCT read the same.
    """
    n = len(doc)
    heads = [t.head.i for t in doc]
    deps = [_RENAME.get(t.dep_, t.dep_) for t in doc]
    morphs = [str(t.morph) for t in doc]
    norms: dict[int, str] = {}
    for t in doc:
        if deps[t.i] == "ROOT":
            deps[t.i] = "ROOT"
    passive = {t.i for t in doc if _is_passive(t, syn)}
    for t in doc:
        # the model often heads "una llamada telefónica" with the adjective: the noun
        # before it is the head (a noun phrase headed by an adjective is no clause)
        prev = doc[t.i - 1] if t.i > 0 else None
        if (
            t.pos_ == "ADJ"
            and deps[t.i] in _NOMINAL_ARGS
            and prev is not None
            and prev.pos_ == "NOUN"
            and prev.head.i == t.i
            and prev.dep_ == "amod"
        ):
            heads[prev.i], deps[prev.i] = heads[t.i], deps[t.i]
            heads[t.i], deps[t.i] = prev.i, "amod"
            for c in t.children:
                if c.i != prev.i and c.dep_ != "amod":
                    heads[c.i] = prev.i
    for t in doc:
        i = t.i
        dep = deps[i]
        if t.dep_ == "advmod" and "Neg" in t.morph.get("Polarity", []):
            deps[i] = "neg"
        elif dep == "det" and "Yes" in t.morph.get("Poss", []):
            deps[i] = "poss"
        elif t.lower_ in syn.reflexive and t.pos_ == "PRON" and t.head.i != i:
            deps[i] = "auxpass" if t.head.i in passive else "dep"
        elif dep == "aux" and t.head.i in passive and t.lemma_.lower() in syn.passive_aux:
            deps[i] = "auxpass"
        elif dep == "nsubj" and t.head.i in passive:
            deps[i] = "nsubjpass"
        elif dep == "nsubj" and _disagrees(t):
            # "(la presidenta) no aceptará tropas": a noun after a finite verb that does not
            # agree with it in number is its object; the dropped subject is inherited
            deps[i] = "dobj"
        elif dep == "acl" and any(c.dep_ == "nsubj" and "Rel" in c.morph.get("PronType", [])
                                  for c in t.children):  # fmt: skip
            deps[i] = "relcl"
        elif dep == "mark" and t.pos_ == "ADP" and "Inf" in t.head.morph.get("VerbForm", []):
            # "amenazó con imponer", "va a imponer": the infinitive's "to"
            deps[i] = "aux"
            norms[i] = "to"
            if any(c.dep_ == "aux" and c.lemma_.lower() in syn.future_aux
                   for c in t.head.children):  # fmt: skip
                morphs[t.head.i] = _with_feature(morphs[t.head.i], "Tense", "Fut")
    kids: dict[int, list[Token]] = {}
    for t in doc:
        kids.setdefault(heads[t.i], []).append(t)
    for t in doc:
        # a preposition heads its object: obl/nmod/obj + case  →  prep (or agent) + pobj
        if deps[t.i] not in _NOMINAL_ARGS or heads[t.i] == t.i:
            continue
        case = next((c for c in kids.get(t.i, ()) if c.dep_ == "case" and c.pos_ == "ADP"),
                    None)  # fmt: skip
        if case is None:
            if deps[t.i] == "obl":
                deps[t.i] = "npadvmod"
            continue
        low = case.lower_
        if (
            deps[t.i] in ("dobj", "dative")
            and low in syn.personal_a
            and not any(deps[s.i] == "dobj" for s in kids.get(heads[t.i], ()) if s.i != t.i)
        ):
            continue  # "visitó a Sheinbaum", "detuvo a 20 personas": the object
        if deps[t.i] in ("nsubj", "appos"):
            continue
        heads[case.i] = heads[t.i]
        heads[t.i] = case.i
        agent = low in syn.agent_case and heads[case.i] in passive
        deps[case.i] = "agent" if agent else "prep"
        deps[t.i] = "pobj"
    for t in doc:
        # the copula heads its predicate: "es una amenaza" → be(attr=amenaza)
        if t.dep_ != "cop" or t.head.i == t.i or t.head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        pred = t.head
        heads[t.i] = heads[pred.i] if heads[pred.i] != pred.i else t.i
        deps[t.i], deps[pred.i] = deps[pred.i], "attr" if pred.pos_ != "ADJ" else "acomp"
        heads[pred.i] = t.i
        for c in pred.children:
            if deps[c.i] in ("nsubj", "nsubjpass", "aux", "neg", "mark", "punct") and c.i != t.i:
                heads[c.i] = t.i
    shadow = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        user_data=doc.user_data,
        pos=[t.pos_ for t in doc],
        tags=[t.tag_ for t in doc],
        morphs=morphs,
        lemmas=[t.lemma_ for t in doc],
        heads=heads,
        deps=deps,
    )
    shadow.ents = [Span(shadow, e.start, e.end, label=e.label_) for e in doc.ents]
    for i in range(n):
        word = norms.get(i) or syn.function_words.get(doc[i].lower_)
        if word is not None and (i in norms or doc[i].pos_ in _FUNCTION_POS):
            shadow[i].norm_ = word
    return shadow


_FUNCTION_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "ADV"})


def _is_passive(v: Token, syn: UdSyntax) -> bool:
    if v.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(v.children)
    if any(c.dep_ in ("aux:pass", "nsubj:pass", "expl:pass") for c in kids):
        return True
    if "Part" in v.morph.get("VerbForm", []) and any(
        c.dep_ in ("aux", "cop") and c.lemma_.lower() in syn.passive_aux for c in kids
    ):
        return True  # "fue detenido", "fueron deportados"
    se = any(c.lower_ in syn.reflexive and c.pos_ == "PRON" for c in kids)
    if not se or v.lemma_.lower() in syn.pronominal:
        return False
    # the reflexive passive: "se enviaron 29 capos", "se deportaron 4,000 migrantes" —
    # the subject follows the verb, and nothing (no person) stands before it as agent
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    return subj is not None and subj.i > v.i


def _with_feature(morph: str, key: str, value: str) -> str:
    feats = dict(f.split("=", 1) for f in morph.split("|") if "=" in f)
    feats[key] = value
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
