"""Which way a relative expression points: the tense of the clause it sits in.

"Friday" in "said Friday" is the last Friday; in "will meet Friday" the next
one.  The clause is found through the dependency parse: the first verb on the
expression's head chain.  Its tag (VBD past, VBN with "have"), its auxiliaries
("will", "shall", "'ll", "going to") and a few verbs whose complements are
plans ("plans to meet Friday") give the direction; when nothing does, the
value is the nearest occurrence (see :mod:`presswatch.nlp.timex.values`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from presswatch.nlp.timex.values import Direction

__all__ = ["clause_verb", "clause_verb_es", "direction_of", "direction_of_es", "morph_of", "worded"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
_PLAN_VERBS = frozenset({"plan", "expect", "schedule", "intend", "hope", "aim", "set", "due",
                         "prepare", "propose", "promise", "vow", "pledge", "threaten"})
_PAST_PREPS = frozenset({"since", "ago"})
_FUTURE_PREPS = frozenset({"until", "till", "starting"})
# How far up the head chain to look for the clause's verb: a date sits at most
# a preposition and a noun or two away from it ("on Friday" -> met, "the
# meeting on Friday" -> held).
_MAX_HOPS = 4


def clause_verb(token: Token) -> Token | None:
    """The verb heading the clause a token belongs to, or None (a verbless headline)."""
    cur = token
    for _ in range(_MAX_HOPS + 1):
        # (a bullet the tagger calls a verb is none: "• Last November, Trump promised …")
        if cur.pos_ in ("VERB", "AUX") and cur is not token and worded(cur):
            return cur
        if cur.head is cur:
            return cur if cur.pos_ in ("VERB", "AUX") and worded(cur) else None
        cur = cur.head
    return None


def worded(tok: Token) -> bool:
    """Whether a token has a letter (a bullet or a dash the tagger calls a verb has none)."""
    return any(ch.isalpha() for ch in tok.text)


def _verb_direction(verb: Token) -> Direction:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _PLAN_VERBS:
        return "future"  # "plans to meet Friday", "is set to begin on Wednesday"
    if words & _FUTURE_AUX:
        return "future"
    if verb.lower_ in _FUTURE_AUX:
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (
        verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)
        and verb.head.lower_ == "going"
    ):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if "to" in words:
        return None  # an infinitive ("an event to be held on October 12"): no tense of its own
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" and a.tag_ == "VBD" for a in auxes):
        return "past"  # pluperfect
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        # Present perfect: "has risen since September" gets its direction from
        # "since"; "a June 3 hearing has been scheduled" is ahead.  No tense rule.
        return None
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
        return "past"  # "the deal signed Friday"
    if verb.tag_ == "VBN" and not auxes and any(c.dep_ == "nsubj" for c in verb.children):
        # a participle with a subject and no auxiliary is a past tense the tagger
        # misread ("Trump threatened on Monday to impose …")
        return "past"

    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP")
                                  for a in auxes):
        return "future"  # "is meeting Friday": the present progressive of a plan
    if verb.lemma_ in _PLAN_VERBS and verb.tag_ in ("VBZ", "VBP"):
        return "future"
    return None


def direction_of(span: Span) -> Direction:
    """past | future | None for a temporal expression, from its clause's tense."""
    doc = span.doc
    if span.start > 0:
        prev = doc[span.start - 1].lower_
        if prev in _PAST_PREPS:
            return "past"
        if prev in _FUTURE_PREPS:
            return "future"
    if span.end < len(doc) and doc[span.end].lower_ == "ago":
        return "past"
    verb = clause_verb(span.root)
    if verb is None:
        return None
    return _verb_direction(verb)


# -- Spanish: the tense is in the verb's UD morphology -------------------------------

_ES_PLAN_VERBS = frozenset({"planear", "prever", "esperar", "pretender", "programar",
                            "proponer", "prometer", "amenazar", "anunciar", "planificar",
                            "buscar", "intentar"})
_ES_PAST_PREPS = frozenset({"desde"})
_ES_FUTURE_PREPS = frozenset({"hasta"})


def morph_of(token: Token, key: str) -> str:
    values = token.morph.get(key, [])
    return values[0] if values else ""


def clause_verb_es(token: Token) -> tuple[Token | None, list[Token]]:
    """The verb (or the copula of a nominal predicate) over ``token``, and its auxiliaries.

    "La reunión será el martes": the date hangs from the predicate, whose
    tense is the copula's ("será"), not a verb's.
    """
    cur = token
    for _ in range(_MAX_HOPS + 1):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "aux:pass", "cop")]
        if cur is not token and cur.pos_ in ("VERB", "AUX"):
            return cur, auxes
        if any(a.dep_ == "cop" for a in auxes):
            return cur, auxes
        if cur.head is cur:
            return (cur, auxes) if cur.pos_ in ("VERB", "AUX") else (None, [])
        cur = cur.head
    return None, []


def _verb_direction_es(verb: Token, auxes: list[Token]) -> Direction:
    forms = [verb, *auxes]
    if any(morph_of(t, "Tense") == "Fut" or morph_of(t, "Mood") == "Cnd" for t in forms):
        return "future"  # "se reunirá", "sería": not yet
    ir = [a for a in auxes if a.lemma_ == "ir" and a.dep_ == "aux"]
    if ir and morph_of(verb, "VerbForm") == "Inf":
        # "va a viajar el lunes" is ahead; "iba a viajar" is a plan seen from the past.
        return "future" if morph_of(ir[0], "Tense") == "Pres" else None
    if morph_of(verb, "VerbForm") == "Inf" and verb.head.lemma_ in _ES_PLAN_VERBS:
        return "future"  # "prevé viajar el lunes"
    haber = [a for a in auxes if a.lemma_ == "haber"]
    if haber:
        # Pluperfect ("había dicho") is before; the present perfect ("ha dicho")
        # has no direction of its own, as in English.
        return "past" if morph_of(haber[0], "Tense") in ("Imp", "Past") else None
    tensed = [t for t in forms if morph_of(t, "VerbForm") == "Fin"]
    if any(morph_of(t, "Tense") == "Past" for t in tensed):
        return "past"  # the preterite: "dijo", "fue"
    # The imperfect is no direction: it tells states and plans seen from the past
    # ("los aranceles que vencían el 4 de marzo" is the March 4 still ahead).
    if any(morph_of(t, "Mood") == "Sub" and morph_of(t, "Tense") == "Pres" for t in tensed):
        return "future"  # "cuando llegue el lunes"
    if not tensed and morph_of(verb, "VerbForm") == "Part" and verb.dep_ in ("acl", "amod"):
        return "past"  # "el acuerdo firmado el viernes"
    return None  # the present: nearest occurrence


def direction_of_es(span: Span) -> Direction:
    """past | future | None for a Spanish expression, from UD Tense/Mood/VerbForm."""
    doc = span.doc
    if span.start > 0:
        prev = doc[span.start - 1].lower_
        if prev in _ES_PAST_PREPS:
            return "past"
        if prev in _ES_FUTURE_PREPS:
            return "future"
        if span.start > 1 and prev in ("de", "del") and doc[span.start - 2].lower_ == "partir":
            return "future"  # "a partir del martes": from the coming Tuesday on
    if doc[span.start].lower_ == "hace":
        return "past"
    verb, auxes = clause_verb_es(span.root)
    if verb is None:
        return None
    return _verb_direction_es(verb, auxes)
