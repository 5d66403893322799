"""PLOVER event coding from the dependency parse: the ``pw_events`` component.

One :class:`~spacy.matcher.Matcher` pass finds trigger words and phrases (verbs, nouns and
multiword expressions from ``data/event_lexicon.yaml``); everything else is a short walk
over the dependency tree from each trigger:

* **actors**: subject / ``by``-agent → source; object, dative, ``with/to/against/on`` phrase,
  passive subject → target.  Conjoined actors become lists; conjoined verbs separate events.
  Actor ids come from ``pw_scratch["actor_tokens"]`` (the actors component); without it,
  spaCy's named entities are used with slug ids.
* **embedded events**: a complement of a governor verb (``agree to``, ``threaten to``,
  ``refused to``, ``proposal to``) takes its modality from the governor; a cooperative
  action that is only promised is coded AGREE, as the PLOVER codebook asks.
* **modality**: negated / future / hypothetical / historical / asserted.
* **contexts** from keywords in the sentence, **location** from ``in/to X`` places, **date**
  from :func:`presswatch.nlp.dates.clause_date` (else ``dct_default``) when available.

The component reads only its data file at construction time; per document it does one
matcher pass and then walks only from trigger tokens.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.kb.resolve import agent_sectors
from presswatch.nlp.events_ud import UdSyntax, clear_view
from presswatch.nlp.extensions import window_start
from presswatch.nlp.lexicons import has_data, read_data
from presswatch.nlp.quotes import Cues, SpeakerResolver, kb_genders, load_cues
from presswatch.nlp.timex.prefilter import RunMatcher
from presswatch.records import ActorRef, DateMention, Event

__all__ = [
    "DEFAULT_LEXICON",
    "PLOVER_TYPES",
    "EventCoder",
    "LexEntry",
    "Lexicon",
    "event_id",
    "lexicon_for",
    "load_lexicon",
    "make_event_coder",
]

LEXICON_NAME = "event_lexicon.yaml"
DEFAULT_LEXICON = Path(__file__).parent / "data" / LEXICON_NAME

#: The sixteen PLOVER event types.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Fallback actor labels when the actors component has not run.
#: (English OntoNotes labels, and the Spanish model's WikiNER PER/LOC/ORG.)
_ACTOR_ENT_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "PER"})
_ENT_KIND = {"GPE": "country", "NORP": "group", "ORG": "organization", "PERSON": "person",
             "LOC": "region", "FAC": "place", "PER": "person"}  # fmt: skip
_PLACE_KINDS = frozenset({"country", "city", "region", "place", "state", "location"})
_SUBJ = frozenset({"nsubj", "csubj", "expl"})
_PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_REL_PRON = frozenset({"who", "that", "which", "whom"})
_TARGET_PREPS = ("with", "to", "against", "on", "upon", "toward", "towards", "from", "into")
_NOUN_TARGET_PREPS = ("with", "to", "against", "on", "upon", "toward", "towards", "from", "of",
                      "into", "for")  # fmt: skip
#: How far into a rejected object a country modifier may be its owner ("rejected a proposal
#: for US troops" is 3 words; farther, the country is more often a place or topic).
_OWNER_WINDOW = 6
#: prepositions that make a meeting noun the time or purpose of its clause's verb
_CLAUSE_TIME_PREPS = frozenset({"after", "following", "before", "during", "for"})
#: those that tell when (not what about): a meeting there is an event of its own
_TIME_ADJUNCTS = _CLAUSE_TIME_PREPS - {"for"}
_CONDITION_MARKS = frozenset({"before", "until", "till", "once"})
#: prepositions that say what a discussion is about ("talked about the deployment")
_TOPIC_PREPS = frozenset({"about", "on", "regarding", "concerning", "over", "of"})
_OBLIGATION = frozenset({"have", "need"})
#: Measures taken on a country through what they apply to ("tariffs on goods from Mexico").
_MEASURES = frozenset({"SANCTION", "COERCE", "CONCEDE", "RETREAT"})
#: COERCE and ASSAULT modes only a state carries out (arrests, deportations, bans,
#: censorship, executions): an agentless one has the place's state as source.
_STATE_ACTS = frozenset({"arrest", "deport", "ban", "censor", "execute"})
#: A court's acts (convictions, charges): an agentless one is the state's where it sits.
_COURT_ACTS = frozenset({("SANCTION", "convict"), ("ACCUSE", "allege")})
#: PLOVER sectors of a state's office holders (a bare title of these is the home state's)
_STATE_SECTORS = frozenset({"GOV", "JUD", "MIL", "COP", "SPY", "LEG"})
#: Object pronouns that stand for an actor ("working closely with them")
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
#: Speech acts and stances addressed to someone even when the sentence does not say whom
#: ("Mexico would cooperate", "rejected that framing"): their target may come from the
#: article's other party (see ``EventCoder._other_party``).
_ADDRESSED = frozenset({"AGREE", "REJECT", "REQUEST", "SUPPORT", "ACCUSE", "THREATEN", "CONCEDE"})
#: types that judge or answer what their object names: a movement's "to" is not their target
_JUDGED = frozenset({"SUPPORT", "ACCUSE", "REJECT", "REQUEST", "THREATEN"})
_PLACE_PREPS = frozenset({"in", "to", "into", "at", "inside"})
#: Nominal coreference window: an anaphoric nominal ("this meeting") within this many
#: sentences of an earlier event of the same type is the same event, not a new one.
_COREF_SENTS = 6
_PRIORITY = {"negated": 4, "hypothetical": 3, "future": 2, "historical": 1, "asserted": 0}
_THREAT_MODE = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence",
                "PROTEST": "restrict"}  # fmt: skip
#: Negated cooperation -> the CAMEO 12x code of the refusal (121 reject material
#: cooperation, 122 reject aid, 124 refuse to yield, 125 reject a meeting).
#: Actions that, promised under an AGREE governor, are concessions (PLOVER CONCEDE:
#: "promises of future concessions … declarations (but not implementations) of
#: ceasefires and withdrawals"), with their CAMEO code.
_PROMISED_CONCESSIONS = {"CONCEDE": "080", "RETREAT": "080"}
_REFUSED_AS = {"AGREE": "120", "SUPPORT": "120", "CONSULT": "125", "COOPERATE": "121",
               "AID": "122", "CONCEDE": "124", "RETREAT": "124"}  # fmt: skip
#: what joins the items of a list, and the tags of a finite verb (the list has ended)
_LIST_GLUE = frozenset({",", "or", "and"})
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
#: first person plural: a government speaking for itself
_WE = frozenset({"we", "our", "us", "ours"})
#: How many sentences a list of commitments may run after its opening promise (a readout's
#: list of nine items, one per paragraph, with a sentence or two between some of them).
_LIST_SPAN_SENTS = 15
_THREAT_CAMEO = {"SANCTION": "1312", "COERCE": "132", "ASSAULT": "138", "PROTEST": "133"}


@dataclass(frozen=True, slots=True)
class LexEntry:
    type: str
    mode: str | None
    cameo: str
    context: tuple[str, ...] = ()
    obj: frozenset[str] | None = None
    needs: str | None = None
    #: object lemmas that make the word an everyday sense ("met the treaty's rules")
    not_obj: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Words:
    """Lemma lists of the coder's rules that are not triggers (``words`` in the lexicon)."""

    #: speech verbs: "X said Y would …" keeps Y's own modality
    speech: frozenset[str] = frozenset()
    #: "urged Mexico to …": the object of these is the actor of the complement
    request_governors: frozenset[str] = frozenset()
    #: "thanked Mexico for sending troops": the object of these did what it is thanked,
    #: praised or blamed for
    reason_governors: frozenset[str] = frozenset()
    #: nouns whose participle modifier is what they say or do ("orders imposing tariffs")
    document_nouns: frozenset[str] = frozenset()
    #: acts a signed document performs by itself ("signed an order to impose tariffs")
    enacting: frozenset[str] = frozenset()
    #: verbs that put a document in force ("signed an order …", "issued a proclamation …")
    signing: frozenset[str] = frozenset()
    #: one's own people: "urged its citizens to …" asks no other actor
    own_people: frozenset[str] = frozenset()
    #: nouns of moving people or goods: their "to" phrase is where, not whose
    movement: frozenset[str] = frozenset()
    #: predicates that talk about an event already told, or a trend, not report one
    background_predicates: frozenset[str] = frozenset()
    #: verbs whose object noun describes their subject ("poses a threat")
    predicate_verbs: frozenset[str] = frozenset()
    #: quantity heads: "tens of thousands of students" → the "of" noun is the actor
    quantity: frozenset[str] = frozenset()
    copula: frozenset[str] = frozenset()
    #: modifiers that make "call" a phone call; that make "strike" aerial; military
    phone: frozenset[str] = frozenset()
    aerial: frozenset[str] = frozenset()
    military: frozenset[str] = frozenset()
    #: modifiers of a nominal that make it planned or only proposed ("the proposed visit")
    planned: frozenset[str] = frozenset()
    plan: frozenset[str] = frozenset()
    #: governors that are themselves the THREATEN event; promises spoken as a vow
    threat_governors: frozenset[str] = frozenset()
    #: verbs of warning: a threat only when addressed or saying what one will do
    warnings: frozenset[str] = frozenset()
    #: what makes a protest noun a government's complaint: lodged, filed, formal
    formal_protest: frozenset[str] = frozenset()
    #: verbs of putting a question ("when asked about …": no request, its topic no event)
    questions: frozenset[str] = frozenset()
    #: troops sent to do this for someone's forces are military assistance (AID)
    assisting: frozenset[str] = frozenset()
    #: whose forces: what the help is given to
    assisted: frozenset[str] = frozenset()
    vow: frozenset[str] = frozenset()
    #: verbs of promising: a conflictual act promised by its own doer is a threat
    #: ("vowed to impose", "promised to impose tariffs on Mexico")
    promises: frozenset[str] = frozenset()
    #: verbs of force that, vowed with no one named to suffer them, make the vow a threat
    force: frozenset[str] = frozenset()
    #: auxiliaries that make a demand of their subject ("Mexico must do more")
    modal_demand: frozenset[str] = frozenset()
    #: verbs whose complement is ordered, not done ("ordered ICE to step up arrests")
    order_verbs: frozenset[str] = frozenset()
    #: suspicions and charges: what someone is suspected "of" is alleged, not told
    alleged: frozenset[str] = frozenset()
    #: "the two leaders", "both countries": nouns that stand for the last two people
    #: named, and for the last two countries
    pair_people: frozenset[str] = frozenset()
    pair_states: frozenset[str] = frozenset()
    #: things that harm without being actors ("Fentanyl is killing Americans")
    instruments: frozenset[str] = frozenset()
    #: vague count words that make an object a tally ("thousands of firearms")
    tally: frozenset[str] = frozenset()
    #: objects whose "with" names the other side ("broke off relations with Iran")
    relations: frozenset[str] = frozenset()
    #: judgements that make a noun an event already told ("a good conversation")
    evaluative: frozenset[str] = frozenset()
    #: verbs whose object event is a topic, not an event ("discussed the deployment")
    topic_verbs: frozenset[str] = frozenset()
    #: adverbs that with "of" make a preposition of time ("luego de una llamada")
    sequence: frozenset[str] = frozenset()
    #: nouns naming someone's failure to act ("Mexico's failure to arrest …"): in a
    #: government's own text, an accusation
    failures: frozenset[str] = frozenset()
    #: verbs that carry out a promise made before ("is keeping his promise"): no new one
    fulfil: frozenset[str] = frozenset()
    #: governors of readiness: force made ready, not used ("prepared to resume shelling")
    readiness: frozenset[str] = frozenset()
    #: verbs of continuing: "continue to work" is the work, under whatever governs them
    aspectual: frozenset[str] = frozenset()
    #: words that open an item of a list ("Fourth, to strengthen …", "Nine, to commit …")
    list_markers: frozenset[str] = frozenset()
    #: group nouns that, bare after "the", name a body told of before ("the group
    #: committed to meet again"), never a group of their own
    anaphoric_groups: frozenset[str] = frozenset()
    #: verbs of taking in what another state sends (deportation flights, returnees)
    receiving: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, raw: dict[str, Any] | None) -> Words:
        raw = raw or {}
        unknown = set(raw) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ValueError(f"event lexicon words: unknown list(s) {sorted(unknown)}")
        return cls(**{k: frozenset(str(w) for w in v or ()) for k, v in raw.items()})


@dataclass(slots=True)
class Lexicon:
    version: int
    codebook: str
    types: dict[str, dict[str, Any]]
    goldstein: dict[str, float]
    verbs: dict[str, list[LexEntry]]
    nouns: dict[str, list[LexEntry]]
    phrases: list[tuple[tuple[str, ...], int, LexEntry]]
    governors: dict[str, frozenset[str]]
    modality: dict[str, frozenset[str]]
    support_verbs: frozenset[str]
    group_nouns: frozenset[str]
    contexts: dict[str, str] = field(default_factory=dict)  # keyword -> context
    context_bigrams: dict[tuple[str, str], str] = field(default_factory=dict)
    words: Words = field(default_factory=Words)
    #: how to read a Universal Dependencies parse (None: the English model's labels)
    syntax: UdSyntax | None = None

    def cameo_for(self, type_: str) -> str:
        return str(self.types[type_]["cameo"])

    def goldstein_for(self, cameo: str | None) -> float | None:
        if not cameo:
            return None
        for key in (cameo, cameo[:3], cameo[:2] + "0"):
            if key in self.goldstein:
                return self.goldstein[key]
        return None

    def cooperative(self, type_: str) -> bool:
        return bool(self.types.get(type_, {}).get("cooperative"))

    def intent(self, type_: str) -> str:
        """The CAMEO intent code of a promised action of this type (036 intent to meet …)."""
        return str(self.types.get(type_, {}).get("intent") or "030")


#: The syntactic conditions an entry's ``needs`` can name (see ``_syntax_ok``,
#: ``_noun_ok`` and ``_draft``); a lexicon that names another is refused when read.
_NEEDS = frozenset({
    "charged", "demand", "force_xcomp", "military_context", "nodobj", "nomilitary",
    "person_dobj", "phone_context", "prep_at_on", "prep_from", "prep_on_to", "source",
    "subject_to", "target", "that_clause", "to_gerund", "verdict", "with_actor", "xcomp",
    "xcomp_or_to",
})
#: what a court finds someone to be when it finds against them ("found X partly liable")
_VERDICTS = frozenset({"guilty", "liable"})

_ENTRY_RE = re.compile(r"^([A-Z]+)(?:/([\w-]+))?\s+(\d{2,4})((?:\s+\+[\w-]+)*)\s*$")


def _lemmas(words: Any, where: str) -> tuple[str, ...]:
    """A list of lemmas, every one a string: YAML reads a bare ``off``, ``no`` or ``false``
    as a boolean, and "cordoned off" would never match (quote them: ``"off"``)."""
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise ValueError(f"event lexicon {where}: {bad[0]!r} in {list(words)} is not a word "
                         f"(YAML reads a bare off/on/no/yes/false as a boolean: quote it)")
    return tuple(words)


def _parse_entry(value: Any, where: str) -> list[LexEntry]:
    if isinstance(value, str):
        m = _ENTRY_RE.match(value.strip())
        if not m:
            raise ValueError(f"event lexicon {where}: cannot read {value!r}")
        ctx = tuple(c.lstrip("+") for c in m.group(4).split()) if m.group(4) else ()
        return [LexEntry(m.group(1), m.group(2), m.group(3), ctx)]
    if isinstance(value, dict):
        value = [value]
    out = []
    for d in value:
        obj = d.get("obj")
        if d.get("needs") is not None and d["needs"] not in _NEEDS:
            raise ValueError(f"event lexicon {where}: unknown needs {d['needs']!r} "
                             f"(one of {', '.join(sorted(_NEEDS))})")
        out.append(LexEntry(
            type=str(d["type"]), mode=d.get("mode"), cameo=str(d["cameo"]),
            context=tuple(d.get("context") or ()),
            obj=frozenset(_lemmas(obj, where)) if obj else None, needs=d.get("needs"),
            not_obj=frozenset(_lemmas(d.get("not_obj") or (), where)),
        ))  # fmt: skip
    return out


def load_lexicon(path: str | Path = DEFAULT_LEXICON) -> Lexicon:
    """Read the event lexicon (see the header of ``data/event_lexicon.yaml``)."""
    return build_lexicon(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


#: Sections that do not depend on the language (the PLOVER type table, the Goldstein
#: scale): a language's lexicon that leaves them out takes them from the English one.
_SHARED_SECTIONS = ("types", "goldstein", "codebook")


def lexicon_for(lang: str) -> Lexicon:
    """The shipped event lexicon of ``lang`` (``nlp/data/<lang>/event_lexicon.yaml``)."""
    if not has_data(LEXICON_NAME, lang):
        raise ValueError(
            f"no event lexicon for language {lang!r} (add nlp/data/{lang}/{LEXICON_NAME})"
        )
    raw = dict(read_data(LEXICON_NAME, lang))
    base = read_data(LEXICON_NAME)
    for key in _SHARED_SECTIONS:
        raw.setdefault(key, base.get(key))
    return build_lexicon(raw)


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    """A :class:`Lexicon` from the parsed YAML (read only: ``raw`` may be a shared copy)."""
    contexts: dict[str, str] = {}
    bigrams: dict[tuple[str, str], str] = {}
    for ctx, words in (raw.get("contexts") or {}).items():
        for w in words:
            parts = str(w).lower().split()
            if len(parts) == 1:
                contexts.setdefault(parts[0], ctx)
            elif len(parts) >= 2:
                bigrams.setdefault((parts[0], parts[1]), ctx)
    phrases = []
    for p in raw.get("phrases") or ():
        entry = _parse_entry({k: v for k, v in p.items() if k not in ("lemmas", "head")}, "phrase")
        head = int(p.get("head", 0))
        if not 0 <= head < len(p["lemmas"]):
            raise ValueError(f"event lexicon phrase {p['lemmas']}: head {head} is out of range")
        phrases.append((_lemmas(p["lemmas"], "phrase"), head, entry[0]))
    return Lexicon(
        version=int(raw.get("version", 1)),
        codebook=str(raw.get("codebook", "PLOVER")),
        types={k: dict(v) for k, v in raw["types"].items()},
        goldstein={str(k): float(v) for k, v in (raw.get("goldstein") or {}).items()},
        verbs={k: _parse_entry(v, f"verb {k}") for k, v in (raw.get("verbs") or {}).items()},
        nouns={k: _parse_entry(v, f"noun {k}") for k, v in (raw.get("nouns") or {}).items()},
        phrases=phrases,
        governors={k: frozenset(v) for k, v in (raw.get("governors") or {}).items()},
        modality={k: frozenset(v) for k, v in (raw.get("modality") or {}).items()},
        support_verbs=frozenset(raw.get("support_verbs") or ()),
        group_nouns=frozenset(raw.get("group_nouns") or ()),
        contexts=contexts,
        context_bigrams=bigrams,
        words=Words.from_data(raw.get("words")),
        syntax=UdSyntax.from_data(raw.get("syntax")),
    )


#: "over 450,000 Mexicans have been killed": a toll this large with no perpetrator is a
#: statistic about many events, not one event a coder can attribute.
_CASUALTY_STATISTIC = 1000
#: Units a number can measure instead of counting victims ("the 2,000-year-old temple").
_MEASURE_UNITS = frozenset({"year", "month", "week", "day", "hour", "century", "mile",
                            "kilometer", "kilometre", "km", "meter", "metre", "foot", "ton"})

#: Headlines that name the author of a first-person text: "Statement from President Joe
#: Biden …", "Remarks by the First Lady", "Readout of X's call".
_AUTHORED = re.compile(
    r"^\s*(?:joint\s+)?(?:statement|remarks|message|letter|readout|op-ed|proclamation|"
    r"address|videotaped remarks)\b.*?\b(?:from|by|of)\b(.*)$",
    re.I,
)


def _casualty_count(v: Token) -> bool:
    for c in v.children:
        if c.dep_ in _PASS_SUBJ or c.dep_ == "dobj":
            for n in c.subtree:
                if n.like_num and n.head.lemma_.lower() not in _MEASURE_UNITS:
                    try:
                        if float(n.text.replace(",", "")) >= _CASUALTY_STATISTIC:
                            return True
                    except ValueError:
                        continue
    return False


def _thanked_for(tok: Token) -> bool:
    """Whether ``tok`` is what an audience is thanked for ("thank you for joining us on
    this call to discuss the engagements", "thanks for coming to talk about it"): the
    reporters' act in a briefing's courtesy, not an event."""
    t, via = tok, None
    for _ in range(4):
        if t.dep_ not in ("advcl", "xcomp", "pcomp", "prep", "conj", "pobj") or t.head.i == t.i:
            return False
        via, t = t, t.head
        if t.lemma_.lower() in ("thank", "thanks"):
            # "thanks to ongoing collaboration" is a reason, not a courtesy
            if via.dep_ != "prep" or via.norm_ != "for":
                return False
            you = any(c.norm_ == "you" and c.dep_ in ("dobj", "npadvmod") for c in t.children)
            return you or not any(c.dep_ in _SUBJ for c in t.children)
    return False


def _ruled_out(v: Token) -> bool:
    """Whether ``v`` is the clausal subject of a predicate that rules it out: "removing
    the sanctions is out of the question", "accepting US troops is off the table"."""
    if v.dep_ != "csubj":
        return False
    for p in v.head.children:
        if p.dep_ == "prep" and p.lower_ in ("out", "off"):
            objs = [g for q in (p, *p.children) for g in q.children if g.dep_ == "pobj"]
            if any(o.lemma_.lower() in ("question", "table") for o in objs):
                return True
    return False


def _clause_subject_tokens(tok: Token) -> set[int]:
    """The tokens of the subject of an object pronoun's own clause, which it cannot refer
    to ("Mexico is working closely with them": not Mexico; a reflexive would say so).  The
    clause is the verb the pronoun hangs on, through a preposition, and the verbs it is
    conjoined with, which share their subject ("Mexico is engaging … and is working")."""
    if tok.dep_ not in ("dobj", "pobj", "dative"):
        return set()
    v = tok.head.head if tok.dep_ == "pobj" else tok.head
    if v.pos_ not in ("VERB", "AUX"):
        return set()
    verbs = [v]
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
        verbs.append(v)
    return {t.i for w in verbs for c in w.children if c.dep_ in _SUBJ for t in c.subtree}


def _in_subject(tok: Token) -> bool:
    t = tok
    for _ in range(3):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ not in ("compound", "flat", "appos", "poss", "conj", "amod") or t.head.i == t.i:
            return False
        t = t.head
    return False


#: Agent sectors (kb/data/agents.tsv) whose plural nouns name a collective actor when no
#: linked actor is found: rebels, militias, opposition, students, farmers, unions,
#: refugees, clergy, legislatures, courts, parties ("Fijian rebels", "landowners").  Left
#: out: civilians ("people" are victims and bystanders far more often than actors),
#: business ("automakers warned that …" is a forecast, not a threat), the armed forces
#: and officials (as the object of "deploy" or "send" they are the force, not a party;
#: "army", "soldiers", "officials" are in the lexicon's own group nouns), media, health,
#: and criminals ("arrested traffickers": a class of people, not a party to name in an
#: article's actors; cartels and gangs are KB actors or the lexicon's group nouns).
_GROUP_SECTORS = frozenset({"REB", "OPP", "UAF", "EDU", "AGR", "LAB", "REF", "REL", "ENV",
                            "NGO", "LEG", "JUD", "PTY"})  # fmt: skip
_ABSTRACT_ENDINGS = ("cy", "ism", "ence", "ance", "ion")
#: Sectors whose singular noun is itself a body ("parliament", "the court").
_BODY_SECTORS = frozenset({"LEG", "JUD"})



def _modifier_chain(tok: Token) -> list[Token]:
    """The adjectives and nouns that modify ``tok`` on its left, and theirs ("Islamic"
    in "Islamic State militants"), without adverbs ("far too many families")."""
    out: list[Token] = []
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound") and c.is_alpha:
            out += [*_modifier_chain(c), c]
    return out


def _infinitive(v: Token) -> bool:
    """Whether ``v`` is a to-infinitive ("to charge", "to deploy")."""
    return any(c.dep_ == "aux" and c.norm_ == "to" for c in v.children)


def _mutual(d: _Draft) -> bool:
    """A meeting, or diplomatic relations: between its parties, each the other's partner."""
    ties = ("relation", "tie")
    if d.type != "SUPPORT":
        return d.type == "CONSULT"
    if d.nominal:
        return d.head.lemma_.lower() in ties
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ties for c in d.head.children)


def _misparsed_main(v: Token) -> bool:
    """A sentence's main verb the parser hung on its subject as a participle ("Libyan
    militia guards tortured migrants": "guards" the root, "tortured" an ``acl``). A
    participle that modifies a noun takes no direct object; one that does, under a
    root noun with no verb above it, is the clause's verb and the noun its subject."""
    return (
        v.dep_ == "acl"
        and v.tag_ in ("VBD", "VBN")
        and v.head.dep_ == "ROOT"
        and v.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
        and any(c.dep_ == "dobj" for c in v.children)
    )

def _agent_group(tok: Token) -> bool:
    """A noun the agent table knows as a collective actor (see ``_GROUP_SECTORS``)."""
    lemma = tok.lemma_.lower()
    if lemma.endswith(_ABSTRACT_ENDINGS):
        return False  # "insurgency", "insurgence" are agents in CAMEO; "insurgencies" a thing
    table = agent_sectors()
    sector = table.get(tok.lower_) or table.get(lemma)
    if sector not in _GROUP_SECTORS:
        return False
    return tok.tag_ in ("NNS", "NNPS") or sector in _BODY_SECTORS


def _slug(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def event_id(article_id: str, start: int, end: int, type_: str, trigger_offset: int) -> str:
    """A stable id: the same article, sentence, type and trigger always give the same id."""
    key = f"{article_id}|{start}|{end}|{type_}|{trigger_offset}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class _Draft:
    """An event under construction (mutable until it becomes an :class:`Event`)."""

    type: str
    mode: str | None
    cameo: str
    context: list[str]
    trigger: Span
    head: Token
    source: list[str]
    target: list[str]
    modality: str = "asserted"
    location: str | None = None
    date: str | None = None
    nominal: bool = False
    inherited: bool = False
    fallback_actors: bool = False
    anaphoric: bool = False
    absorbed: bool = False
    background: bool = False
    #: the target is the article's other party, not named in the sentence
    context_target: bool = False
    #: the target found before the source's own actors were taken out of it: "calling
    #: for independence from Iraq" by Iraqi Kurds asks Iraq (what a protest it is the
    #: purpose of is aimed at)
    named_target: list[str] = field(default_factory=list)
    #: a list item's promise ("we agreed to … Fourth, to strengthen …"): made when it was
    opener: _Draft | None = None
    #: the promise an act was folded out of ("promised in November to charge Mexico …"):
    #: an act with no date of its own is dated when it was promised
    promise: Token | None = None


class _DocState:
    """Per-document lookups: actor tokens and resolved pronouns."""

    def __init__(self, coder: EventCoder, doc: Doc) -> None:
        self.doc = doc
        #: the document as parsed (``doc`` may be its UD shadow): the dates component
        #: walks the parse it knows
        self.original = doc
        scratch = doc._.pw_scratch or {}
        self.actors: dict[str, ActorRef] = dict(doc._.pw_actors or {})
        tokens = scratch.get("actor_tokens")
        # without the actors component, NER entities stand in; with it, a document where
        # it linked nothing ("Mexican farmers protested") is no reason to fall back
        self.fallback = tokens is None
        self.new_actors: dict[str, ActorRef] = {}
        #: who an office noun names ("la funcionaria"), built when first asked
        self.offices: SpeakerResolver | None = None
        if tokens is not None:
            self.tok_actor: dict[int, str] = {int(k): v for k, v in tokens.items()}
        else:
            self.tok_actor = {}
            by_last: dict[str, str] = {}
            for ent in doc.ents:
                if ent.label_ not in _ACTOR_ENT_LABELS:
                    continue
                aid = _slug(ent.text)
                if not aid:
                    continue
                last = aid.rsplit("-", 1)[-1]
                if ent.label_ in ("PERSON", "ORG") and "-" not in aid and last in by_last:
                    aid = by_last[last]  # "Sheinbaum" after "Claudia Sheinbaum"
                elif ent.label_ == "PERSON" and "-" in aid:
                    by_last.setdefault(last, aid)
                for t in ent:
                    self.tok_actor[t.i] = aid
                if aid not in self.actors:
                    self.new_actors.setdefault(
                        aid, ActorRef(id=aid, name=ent.text, kind=_ENT_KIND[ent.label_])
                    )
        self.sorted_actor_idx = sorted(self.tok_actor)
        self.coder = coder
        self.in_speaker = False
        self._quotes = sorted(
            (q.start, q.end, q.speaker) for q in (doc._.pw_quotes or ()) if q.speaker
        )
        self._author: list[str | None] = []  # computed on first use: [author or None]
        self._resolved: dict[str, str | None] = {}  # noun phrase text -> KB actor id
        self._word_country: dict[str, str | None] = {}  # a nationality word -> ISO code
        self._country_counts: dict[str, int] | None = None

    def country_counts(self) -> dict[str, int]:
        """Mentions per country in the document (an actor's own or its country)."""
        if self._country_counts is None:
            counts: dict[str, int] = {}
            prev = None
            for i in self.sorted_actor_idx:
                aid = self.tok_actor[i]
                if (aid, i - 1) == prev:  # one mention, several tokens
                    prev = (aid, i)
                    continue
                prev = (aid, i)
                code = self.country(aid)
                if code:
                    counts[code] = counts.get(code, 0) + 1
            self._country_counts = counts
        return self._country_counts

    def quote_speaker(self, char: int) -> str | None:
        """The speaker of the innermost quote containing character offset ``char``."""
        best: tuple[int, str] | None = None
        for s, e, who in self._quotes:
            if s > char:
                break
            if s <= char < e and (best is None or e - s < best[0]):
                best = (e - s, who)
        return best[1] if best else None

    def author(self, tok: Token) -> str | None:
        """Who "I"/"we" is when the text itself does not say: the turn's speaker label
        ("THE PRESIDENT:"), else the person (or, in a joint statement, the countries) the
        headline names as author, else a signature, else the president for a proclamation.
        """
        label = self._turn_label(tok.idx)
        if label is not None:
            return self._label_actor(label)
        if not self._author:
            self._author.append(self._doc_author())
        return self._author[0]

    @property
    def text(self) -> str:
        """``doc.text``, once per document: spaCy joins every token on each access."""
        if not hasattr(self, "_text"):
            from presswatch.nlp.extensions import doc_text

            self._text = doc_text(self.doc)
        return self._text

    def actors_back(self, tok: Token, sentences: int) -> Iterator[tuple[int, str]]:
        """The actor tokens before ``tok``, in its sentence and the ``sentences`` before
        it, latest first: (token index, actor id)."""
        floor = window_start(tok.doc, tok.i, sentences)
        for i in reversed(self.sorted_actor_idx):
            if i >= tok.i:
                continue
            if i < floor:
                return
            yield i, self.tok_actor[i]

    def home_actor(self, tok: Token) -> str | None:
        """The country actor of the government that wrote the document (the actors
        component's ``home``), except in a reporter's question turn ("Q")."""
        label = self._turn_label(tok.idx)
        if label is not None and label.rstrip(":").strip().upper() == "Q":
            return None
        code = (self.original._.pw_scratch or {}).get("home")
        return self.coder._country_actor(code) if isinstance(code, str) else None

    def _turn_label(self, char: int) -> str | None:
        if not hasattr(self, "_turns"):
            from presswatch.nlp.quotes import find_turns

            text = self.text
            self._turns = find_turns(text) if ":" in text else []
        for t in self._turns:
            if t.label_start <= char < t.end:
                return t.label
        return None

    def _label_actor(self, label: str) -> str | None:
        low = label.lower().rstrip(":").strip()
        if low in ("the president", "president") and self.coder.kb is not None:
            holders = self.coder.kb.holders("president", "USA", self.doc._.pw_dct)
            return holders[0].id if holders else None
        last = low.split()[-1] if low.split() else ""
        for aid, ref in self.actors.items():
            if ref.kind == "person" and ref.name.lower().split()[-1:] == [last]:
                return aid
        return None

    def _doc_author(self) -> str | None:
        doc = self.doc
        article = doc._.pw_article
        title = (getattr(article, "title", None) or "").replace("\xa0", " ")
        m = _AUTHORED.match(title)
        if m:
            named = m.group(1).lower()
            people = [(named.find(ref.name.lower().split()[-1]), aid)
                      for aid, ref in self.actors.items()
                      if ref.kind == "person" and ref.name.split()
                      and ref.name.lower().split()[-1] in named]  # fmt: skip
            people = [p for p in people if p[0] >= 0]
            if people:
                return min(people)[1]
        # a signature: a linked person written in capitals near the end ("DONALD J. TRUMP")
        for i in reversed(self.sorted_actor_idx):
            if i < len(doc) - 40:
                break
            aid = self.tok_actor[i]
            if doc[i].is_upper and len(doc[i]) > 1 and self.kind(aid) == "person":
                return aid
        # a proclamation ("IN WITNESS WHEREOF"), or an order or memorandum dated "THE WHITE
        # HOUSE, February 3, 2025." at its foot: the sitting president signs it
        tail = self.text[-600:]
        if ("WITNESS WHEREOF" in tail or "THE WHITE HOUSE," in tail) and self.coder.kb is not None:
            holders = self.coder.kb.holders("president", "USA", doc._.pw_dct)
            return holders[0].id if holders else None
        return None

    def ref(self, aid: str) -> ActorRef | None:
        """The actor linked in the article, or one the coder made up (a group, a country)."""
        return self.actors.get(aid) or self.new_actors.get(aid)

    def kind(self, aid: str) -> str | None:
        ref = self.ref(aid)
        return ref.kind if ref else None

    def country(self, aid: str) -> str | None:
        ref = self.ref(aid)
        return ref.country if ref else None

    def is_person(self, aid: str, tok_i: int) -> bool:
        kind = self.kind(aid)
        if kind is not None:
            return kind == "person"
        return self.doc[tok_i].ent_type_ == "PERSON"


class EventCoder:
    """Codes PLOVER events into ``doc._.pw_events``."""

    def __init__(self, nlp: Language, lexicon: Lexicon, kb: Any = None) -> None:
        self.lex = lexicon
        self.words = lexicon.words
        #: The knowledge base (presswatch.kb.KB) for unlinked noun phrases and authors.
        self.kb = kb
        #: Spanish names a person once and then by office ("la funcionaria
        #: estadounidense"): the quote component's cues resolve such a noun, as for a
        #: speaker (English titles are the actors component's)
        cues = load_cues(str(nlp.lang or "en"))
        self.office_cues: Cues | None = cues if cues.title_nouns else None
        self._countries: dict[str, str] | None = None
        self._entries: dict[str, tuple[list[LexEntry], int, int]] = {}
        verbs = sorted(lexicon.verbs)
        nouns = sorted(lexicon.nouns)
        patterns: dict[str, list[list[dict[str, Any]]]] = {
            "PW_V": [[{"LEMMA": {"IN": verbs}, "POS": "VERB"}]],
            "PW_N": [[{"LEMMA": {"IN": nouns}, "POS": {"IN": ["NOUN", "PROPN"]}}]],
        }
        if lexicon.words.modal_demand:
            must = sorted(lexicon.words.modal_demand)
            patterns["PW_MUST"] = [[{"LOWER": {"IN": must}, "DEP": "aux"}]]
        keys: dict[tuple[tuple[str, ...], int], str] = {}
        for i, (lemmas, head, entry) in enumerate(lexicon.phrases):
            if (lemmas, head) in keys:
                # one phrase, several senses told apart by their objects ("handed over
                # rifles" is a disarmament, "handed over suspects" a cooperation)
                self._entries[keys[lemmas, head]][0].append(entry)
                continue
            key = keys[lemmas, head] = f"PW_P{i}"
            patterns[key] = [[{"LEMMA": w} for w in lemmas]]
            self._entries[key] = ([entry], head, len(lemmas))
        # Every spec names its words: the Matcher runs only over stretches of the doc
        # holding them (see RunMatcher), with the same matches as over the whole doc.
        self.matcher = RunMatcher(nlp.vocab, patterns)
        self._dates: tuple[Callable[..., Any] | None, Callable[..., Any] | None] = (None, None)
        try:  # the dates component may not be installed yet; degrade to the scratch spans
            from presswatch.nlp import dates as _dates

            self._dates = (
                getattr(_dates, "clause_date", None),
                getattr(_dates, "dct_default", None),
            )
        except ImportError:
            pass
        gov = lexicon.governors
        self.g_intent = gov.get("intent", frozenset())
        self.g_future = gov.get("future", frozenset())
        self.g_hypo = gov.get("hypothetical", frozenset())
        self.g_neg = gov.get("negated", frozenset())
        mod = lexicon.modality
        self.m_neg = mod.get("negation", frozenset())
        self.m_fut = mod.get("future_aux", frozenset())
        self.m_hyp = mod.get("hypothetical_aux", frozenset())
        self.m_mark = mod.get("hypothetical_mark", frozenset())
        self.m_hist_n = mod.get("historical_nouns", frozenset())
        self.m_hist_a = mod.get("historical_adj", frozenset())
        self.m_perfect = mod.get("perfect_aux", frozenset())
        self._offer_verbs = gov.get("offer", frozenset())

    # -- the component ---------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        # a UD parse is walked on its shadow with the English model's shape (events_ud);
        # the shadow shares the doc's tokens, offsets and extension values
        view = clear_view(doc, self.lex.syntax) if self.lex.syntax is not None else doc
        state = _DocState(self, view)
        state.original = doc
        triggers = self._triggers(view)
        drafts: list[_Draft] = []
        for head, span, entries in triggers:
            d = self._draft(state, head, span, entries)
            if d is not None:
                drafts.extend(self._split_conjoined(state, d))
        drafts.extend(self._modal_demands(state, view))
        drafts = self._failures(state, view, drafts)
        drafts = self._fold_embedded(state, drafts)
        drafts = self._list_items(state, view, drafts)
        events = self._finish(state, view, drafts)
        doc._.pw_events = events
        self._countries_from_titles(state, events)
        if state.new_actors:
            used = {a for e in events for a in (*e.source, *e.target)}
            actors = dict(doc._.pw_actors or {})
            for aid, ref in state.new_actors.items():
                if aid in used and aid not in actors:
                    actors[aid] = ref
            doc._.pw_actors = actors
        return doc

    def _countries_from_titles(self, st: _DocState, events: list[Event]) -> None:
        """Give an event actor the KB did not know a country from the nationality word
        written before its first mention: "British Defence Secretary Tom King" → GBR,
        "Russian President Boris Yeltsin" → RUS.  Only actors of events, once each."""
        if self.kb is None:
            return
        doc = st.doc
        first: dict[str, int] = {}
        for i in st.sorted_actor_idx:
            first.setdefault(st.tok_actor[i], i)
        for aid in {a for e in events for a in (*e.source, *e.target)}:
            ref = st.ref(aid)
            if ref is None or ref.country or ref.kind not in ("person", "group", "organization"):
                continue
            at = first.get(aid)
            if at is None:
                continue
            country = None
            for j in range(at - 1, max(at - 5, doc[at].sent.start - 1), -1):
                w = doc[j]
                other = st.tok_actor.get(j, aid)
                if other != aid:
                    # "British Defence Secretary Tom King": "British" linked to the country
                    oref = st.ref(other)
                    if oref is not None and oref.kind == "country" and oref.country:
                        country = oref.country
                    break
                if w.is_punct:
                    break
                if w.pos_ in ("ADJ", "PROPN") and w.is_title:
                    key = w.text
                    if key not in st._word_country:
                        res = self.kb.resolve(key, doc._.pw_dct)
                        ok = res is not None and res.known and res.kind == "country"
                        st._word_country[key] = res.country if ok and res is not None else None
                    country = st._word_country[key]
                    if country:
                        break
            if country:
                new = dataclasses.replace(ref, country=country)
                if aid in st.actors:
                    st.actors[aid] = new
                    actors = dict(doc._.pw_actors or {})
                    actors[aid] = new
                    doc._.pw_actors = actors
                else:
                    st.new_actors[aid] = new

    # -- triggers --------------------------------------------------------------------

    def _triggers(self, doc: Doc) -> list[tuple[Token, Span, list[LexEntry]]]:
        claimed: set[int] = set()
        phrase_hits: list[tuple[Token, Span, list[LexEntry]]] = []
        single: list[tuple[Token, Span, list[LexEntry]]] = []
        self._must: list[Token] = []
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            if key == "PW_MUST":
                self._must.append(doc[start])
            elif key == "PW_V":
                tok = doc[start]
                single.append((tok, doc[start:end], self.lex.verbs.get(tok.lemma_, [])))
            elif key == "PW_N":
                tok = doc[start]
                single.append((tok, doc[start:end], self.lex.nouns.get(tok.lemma_.lower(), [])))
            else:
                entries, head_i, _n = self._entries[key]
                span = doc[start:end]
                phrase_hits.append((span[head_i], span, entries))
        out = []
        for head, span, entries in sorted(phrase_hits, key=lambda h: -len(h[1])):
            if any(t.i in claimed for t in span):
                continue
            claimed.update(t.i for t in span)
            out.append((head, span, entries))
        for head, span, entries in single:
            if head.i in claimed or not entries:
                continue
            claimed.add(head.i)
            out.append((head, span, entries))
        out.sort(key=lambda h: h[0].i)
        return out

    # -- one trigger -> a draft event ------------------------------------------------

    def _objects(self, head: Token) -> list[Token]:
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        objs += [c for c in head.children if c.dep_ in _PASS_SUBJ]
        if head.pos_ == "VERB" and not objs and head.lemma_ not in self.words.speech:
            # "shortened by one hour the nightly curfew imposed in Sudan after a coup
            # toppled …", parsed with the curfew as the subject of a clause of its own:
            # a subject told before the clause's "after" (or "that", "and") and after a
            # verb of no speech is the verb's object
            objs += [s for c in head.children if c.dep_ in ("ccomp", "conj") and c.i > head.i
                     for s in c.children if s.dep_ == "nsubj" and s.i > head.i
                     and not any(m.dep_ in ("mark", "cc") and m.i < s.i
                                 for m in c.children)]  # fmt: skip
        if head.pos_ == "NOUN":
            objs += [c for c in head.children if c.dep_ == "compound"]
            for p in head.children:
                if p.dep_ == "prep" and p.norm_ == "of":
                    objs += [c for c in p.children if c.dep_ == "pobj"]
        for prep in head.children:
            if prep.dep_ == "prep":
                objs += [c for c in prep.children if c.dep_ == "pobj"]
        more: list[Token] = []
        for o in objs:
            more.extend(o.conjuncts)
            # "suspended aid deliveries", "withdraw peacekeeping forces", "25,000 tons of aid"
            more.extend(c for c in o.children if c.dep_ in ("compound", "amod"))
            # ("$300 million in US military aid": an amount's "in" names what it is)
            amount = o.like_num or o.tag_ == "$" or any(c.like_num for c in o.children)
            # ("blocked access to the website": what access is to is what is blocked;
            # "forced out 1,000 refugees from their homes": what they are driven from)
            to = o.lemma_ == "access"
            for p in o.children:
                if p.dep_ == "prep" and (p.norm_ in ("of", "from") or (p.norm_ == "in" and amount)
                                         or (p.norm_ == "to" and to)):  # fmt: skip
                    for c in p.children:
                        if c.dep_ == "pobj":
                            more.append(c)
                            more.extend(g for g in c.children if g.dep_ == "compound")
        return objs + more

    def _choose(self, st: _DocState, head: Token, entries: list[LexEntry]) -> LexEntry | None:
        """The first entry whose object lemmas and syntactic needs the trigger meets:
        "called Sheinbaum" (a phone call) and "called on Arabs to unite" (a request) are
        two entries of one verb."""
        obj_lemmas = {o.lemma_.lower() for o in self._objects(head)}
        # a noun's everyday sense is told by its compound ("the budget request")
        deps = ("dobj", "nsubjpass", "compound") if head.pos_ == "NOUN" else ("dobj", "nsubjpass")
        direct = {c.lemma_.lower() for c in head.children if c.dep_ in deps}
        for e in entries:
            if e.not_obj & direct:
                continue
            if (e.obj is None or e.obj & obj_lemmas) and self._syntax_ok(st, head, e):
                return e
        return None

    def _syntax_ok(self, st: _DocState, head: Token, entry: LexEntry) -> bool:
        """Whether a verb trigger has the complement its entry ``needs`` (nouns: all do)."""
        needs = entry.needs
        if needs is None or head.pos_ in ("NOUN", "PROPN"):
            return True
        kids = list(head.children)
        if needs == "xcomp":
            return any(c.dep_ == "xcomp" for c in kids)
        if needs == "xcomp_or_to":
            return any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.norm_ == "to")
                       for c in kids)  # fmt: skip
        if needs == "force_xcomp":
            # "have sworn to fight until they gain control": force vowed, nobody named;
            # "vowed to fight corruption" names an object that is no actor, a promise
            # ("swore to keep fighting": through an aspectual verb)
            vowed = [c for c in kids if c.dep_ in ("xcomp", "advcl")
                     and any(a.dep_ == "aux" and a.norm_ == "to" for a in c.children)]
            vowed += [g for c in vowed if c.lemma_.lower() in self.words.aspectual
                      for g in c.children if g.dep_ == "xcomp"]
            return any(
                c.lemma_.lower() in self.words.force
                and not any(g.dep_ == "dobj" or (g.dep_ == "prep" and g.norm_ in (
                    "against", "with", "on")) for g in c.children)
                for c in vowed
            )  # fmt: skip
        if needs == "nodobj":
            return not any(c.dep_ == "dobj" for c in kids)
        if needs == "person_dobj":
            # "called Sheinbaum" is a call; "calling it slander" is naming
            return not any(
                c.dep_ == "ccomp" or (c.dep_ == "oprd" and c.i not in st.tok_actor) for c in kids
            ) and any(
                c.dep_ in ("dobj", "oprd") and st.kind(st.tok_actor.get(c.i, "")) == "person"
                for c in kids
            )
        if needs == "prep_from":
            return any(c.dep_ == "prep" and c.norm_ == "from" for c in kids)
        if needs == "verdict":
            return any(c.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
                       and c.lemma_.lower() in _VERDICTS for c in kids)  # fmt: skip
        if needs == "prep_at_on":
            return any(c.dep_ == "prep" and c.norm_ in ("at", "on", "upon") for c in kids)
        if needs == "prep_on_to":
            # "called Thursday on Arabs to unite": "on" someone, with what they should do
            return any(c.dep_ == "prep" and c.norm_ in ("on", "upon") for c in kids) and any(
                c.dep_ in ("xcomp", "advcl", "ccomp") for c in kids
            )
        if needs == "with_actor":
            objs = [g for p in kids if p.dep_ == "prep" and p.norm_ == "with"
                    for g in p.children if g.dep_ == "pobj"]  # fmt: skip
            # "working closely with them": a pronoun that stands for an actor counts
            return any(x.i in st.tok_actor for g in objs for x in g.subtree) or any(
                g.norm_ in _OBJECT_PRONOUNS and self._pronoun(st, g) for g in objs
            )
        if needs == "to_gerund":
            to = [p for p in kids if p.dep_ in ("prep", "prt") and p.norm_ == "to"]
            return any(g.dep_ == "pcomp" and g.tag_ == "VBG" for p in to for g in p.children)
        if needs == "demand":
            # "insisted that the US withdraw", "insisted on talks" is a demand; "insisted
            # unrest there reflected ethnic tensions" is a claim
            if any(c.dep_ == "prep" and c.norm_ == "on" for c in kids):
                return True
            # the mandative subjunctive: "that Mexico stop" (VB, or VBP after a singular
            # subject), "should/must stop"; not "that it is", "that gangs are"
            return any(
                c.dep_ == "ccomp" and c.lemma_ not in ("be", "have") and (
                    c.tag_ in ("VB", "VBP") or any(
                        a.dep_ == "aux" and a.lower_ in ("should", "must") for a in c.children))
                for c in kids
            )  # fmt: skip
        return True

    def _draft(
        self, st: _DocState, head: Token, span: Span, entries: list[LexEntry]
    ) -> _Draft | None:
        entry = self._choose(st, head, entries)
        if entry is None:
            return None
        nominal = head.pos_ in ("NOUN", "PROPN")
        if nominal and not self._noun_ok(head, entry):
            return None
        if self._background(head, nominal):
            return None
        d = _Draft(
            type=entry.type, mode=entry.mode, cameo=entry.cameo, context=list(entry.context),
            trigger=span, head=head, source=[], target=[], nominal=nominal,
            # "Noem's visit came two months after …", "Seizures … fell": told before (or
            # a trend); it may still date an earlier event, but is no event of its own
            # "Trump's tariffs continue to weigh on …": the predicate may sit in an xcomp
            background=nominal and head.dep_ in ("nsubj", "nsubjpass")
            and (head.head.lemma_ in self.words.background_predicates
                 or any(c.dep_ == "xcomp" and c.lemma_ in self.words.background_predicates
                        for c in head.head.children)),
        )  # fmt: skip
        if nominal:
            self._noun_actors(st, d)
        else:
            self._verb_actors(st, d)
        if _thanked_for(head):
            return None  # "thank you for joining us … to discuss X": the audience's act
        if d.type == "REQUEST" and not nominal and (
            self._asks_own_side(head) or _asked_question(head, self.words.questions)
        ):
            return None
        if entry.needs == "target" and not d.target:
            # "Bondi welcomed the transfer": a stance told without its addressee may
            # still have the article's other party (see _other_party); else no event
            # (not a concession: "cannot allow weapons … to keep entering" allows nobody)
            other = (self._other_party(st, d.source)
                     if d.type in _ADDRESSED and d.type != "CONCEDE" and d.source
                     else None)  # fmt: skip
            if other is None:
                return None
            d.target, d.context_target = [other], True
        if (
            d.type == "ASSAULT"
            and not nominal
            and any(
                c.dep_ in _SUBJ and c.lemma_.lower() in self.words.instruments
                for c in head.children
            )
        ):
            return None  # "Fentanyl is killing Americans": a harm, not an attack by an actor
        if d.type == "ASSAULT" and not d.source and _casualty_count(head):
            return None
        if entry.needs == "subject_to":
            # "articles that are products of Mexico shall be subject to an additional rate
            # of duty": the order's author imposes it on what the copula's subject names
            adj = self._subject_to(head)
            cop = adj.head if adj is not None else head
            subj = next((c for c in cop.children if c.dep_ in _SUBJ), None)
            who = st.author(head)
            d.source = [who] if who else []
            d.target = self._deep_actors(st, subj) if subj is not None else []
            if adj is not None and any(c.dep_ == "neg" for c in cop.children):
                # "shall not be subject to the duty": an exemption
                d.type, d.mode, d.cameo = "CONCEDE", None, "081"
        if entry.needs == "charged":
            # "Zambada and Guzmán López face drug trafficking charges": the subject is
            # the one charged; the charging side is the state of the court's place ("in
            # the United States", "in a federal court in New York"), if it is named
            d.source, d.target = self._state_of_place(st, head, None), d.source
        if entry.needs == "source" and not d.source:
            return None
        if d.type == "PROTEST" and nominal and self._formal_protest(head):
            # "lodged a formal protest with Athens": a government's complaint, not a
            # demonstration (CAMEO 114, complain officially; the codebook's ACCUSE)
            d.type, d.mode, d.cameo = "ACCUSE", "allege", "114"
        if d.type == "CONSULT" and d.inherited and d.target and set(d.target) <= set(d.source):
            # "in speaking with her — she said …": a subject taken from another clause
            # that is the partner itself is not who met the partner
            d.source = []
        d.named_target = list(d.target)
        # a domestic protest is aimed at its own country ("Iraqi Kurds … calling for
        # independence from Iraq"); a request to oneself is no request
        d.target = [a for a in d.target if a not in d.source] or (
            d.target if d.type in ("CONCEDE", "COERCE", "ASSAULT", "RETREAT", "PROTEST") else []
        )
        d.location = self._location(st, head)
        if (
            d.location
            and not d.target
            # a protest with no named addressee is aimed at the government of the place
            # ("demonstrated in Serbia"), as event datasets code domestic protest
            and d.type in ("MOBILIZE", "CONSULT", "PROTEST")
            and (st.kind(d.location) in (None, "country"))
            and d.location in st.tok_actor.values()
        ):
            d.target = [d.location]
        if d.type == "PROTEST" and not d.target:
            d.target = self._protested(st, head, d.source)
        d.modality = self._modality(head)
        if d.type == "MOBILIZE" and not nominal and self._helps_forces(head):
            # "troops were dispatched to Mozambique … to help local forces contain an
            # insurgency": armed personnel given to another's forces are military
            # assistance (the codebook's AID), not a mobilisation of one's own
            d.type, d.mode, d.cameo = "AID", None, "072"
        # "was convicted in Mexico", "faces charges in a federal court in New York": a
        # court's act is the state's where it sits (the place may hang on the charges)
        court = (d.type, d.mode) in _COURT_ACTS
        if not (nominal or d.source) and (
            court or (d.type in ("COERCE", "ASSAULT") and d.mode in _STATE_ACTS)
        ):
            d.source = self._state_of_place(st, head, d.mode, deep=court)
            d.inherited = bool(d.source)
        if not nominal:
            d.anaphoric = self._joins_told_event(head, d.type)
        return d

    def _asks_own_side(self, head: Token) -> bool:
        """A request verb that asks its own side: "We ask kindly that we keep the questions
        focused" (a that-clause whose subject is the speaker), "has urged its citizens to
        avoid coming here" (its own people)."""
        for c in head.children:
            kids = list(c.children)
            if (
                c.dep_ == "ccomp"
                and c.i > head.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in kids)
                and any(s.dep_ in _SUBJ and s.norm_ in ("we", "i") for s in kids)
            ):
                return True
            if (
                c.dep_ in ("dobj", "dative")
                and c.lemma_.lower() in self.words.own_people
                and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in kids)
            ):
                return True
        return False

    def _protested(self, st: _DocState, head: Token, source: list[str]) -> list[str]:
        """Whom a protest told without addressee or place is aimed at.

        "in protest of the Russian government's refusal": the owner of what is protested;
        else the protesters' own state ("Algerian landowners began a hunger strike outside
        Parliament"), as event datasets code domestic protest.
        """
        for p in (*head.children, *head.head.children):
            if p.dep_ != "prep" or p.norm_ != "in":
                continue
            for n in p.children:
                if n.dep_ == "pobj" and n.lemma_.lower() == "protest":
                    owners = [a for o in n.subtree if o.dep_ == "poss"
                              for a in self._np_actors(st, o, groups=False)]  # fmt: skip
                    if owners:
                        return owners[:1]
        countries = {st.country(a) for a in source} - {None}
        if len(countries) == 1 and not any(st.kind(a) == "country" for a in source):
            home = self._country_actor(countries.pop())
            return [home] if home else []
        return []

    def _split_conjoined(self, st: _DocState, d: _Draft) -> list[_Draft]:
        """ "imposing a 25 percent tariff on imports from Mexico and Canada and a 10
        percent tariff on goods from China": conjoined measures, each with its own targets,
        are separate sanctions (the second one's trigger is its own noun)."""
        if d.type != "SANCTION" or d.nominal:
            return [d]
        obj = next((c for c in d.head.children if c.dep_ == "dobj"), None)
        if obj is None or not obj.conjuncts:
            return [d]
        parts = [obj, *(c for c in obj.conjuncts if c.lemma_ == obj.lemma_)]
        targets = []
        for part in parts:
            own: list[str] = []
            for p in part.children:
                if p.dep_ == "prep" and p.norm_ in ("on", "from", "against", "to"):
                    for a in self._deep_actors(st, p):
                        if a not in own and a not in d.source:
                            own.append(a)
            targets.append(own)
        if len(parts) < 2 or not all(targets) or len({tuple(t) for t in targets}) < 2:
            return [d]
        out = []
        for k, (part, tgt) in enumerate(zip(parts, targets, strict=True)):
            e = dataclasses.replace(d, target=tgt, context=list(d.context))
            if k:
                e.trigger = part.doc[part.i : part.i + 1]
            out.append(e)
        return out

    def _joins_told_event(self, v: Token, type_: str) -> bool:
        """ "Harfuch also attended the meeting": the object is an event already told."""
        objs = [c for c in v.children if c.dep_ == "dobj"]
        objs += [g for c in v.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            entries = self.lex.nouns.get(o.lemma_.lower()) or ()
            if any(e.type == type_ for e in entries) and any(
                c.dep_ == "det" and c.norm_ in ("the", "this", "that") for c in o.children
            ):
                return True
        return False

    def _background(self, head: Token, nominal: bool) -> bool:
        """A trigger that describes a participant instead of reporting an event.

        * a relative clause on a noun ("a co-founder who evaded capture", "the tariffs he
          had ordered", "Ebrard, who led trade talks") — but not one that says where, when
          or in which occasion something happened ("a visit to Mexico, where she met …",
          "a phone call, in which she rejected a proposal"), nor one on a pronoun;
        * a participle or gerund modifying a noun ("Venezuelans deported from the United
          States", "a campaign warning young people"); an infinitive ("the decision to
          deploy troops") is the noun's content and stays;
        * a noun that is the predicate of a copula or of constitute/pose/represent
          ("cartels are a threat to our security", "constitutes an extraordinary threat").
        """
        dep = head.dep_
        if nominal:
            up = head
            for _ in range(3):  # "who led trade talks with …": the clause around the noun
                if up.dep_ in ("dobj", "pobj", "prep", "compound") and up.head.i != up.i:
                    up = up.head
                    if up.pos_ in ("VERB", "AUX"):
                        if self._background(up, False):
                            return True
                        break
                else:
                    break
        else:
            t = head
            for _ in range(3):
                if self._descriptive(t):
                    return True
                # "a prison that holds Venezuelans deported from …" parses the participle
                # as a complement of the relative clause: the clause is still a description
                if (t.dep_ in ("ccomp", "xcomp", "conj") and t.head.pos_ in ("VERB", "AUX")
                        and t.head.lemma_ not in self.words.speech):  # fmt: skip
                    t = t.head
                else:
                    break
            return False
        if dep == "attr" and head.head.lemma_ in self.words.copula:
            return True
        return dep in ("dobj", "attr") and head.head.lemma_ in self.words.predicate_verbs

    @staticmethod
    def _subject_to(n: Token) -> Token | None:
        """The adjective "subject" whose "to" phrase holds noun ``n`` ("subject to an
        additional 25 percent ad valorem rate of duty"), if any."""
        t = n
        for _ in range(5):
            if t.dep_ not in ("pobj", "prep", "compound") or t.head.i == t.i:
                return None
            t = t.head
            if t.dep_ == "prep" and t.norm_ == "to" and t.head.lemma_.lower() == "subject":
                return t.head
        return None

    def _descriptive(self, head: Token) -> bool:
        dep = head.dep_
        if dep == "relcl":
            if head.head.pos_ == "PRON":
                return False
            if head.head.lemma_.lower() in self.words.document_nouns and (_infinitive(head) or any(
                c.dep_ in _SUBJ and c.norm_ in _REL_PRON for c in head.children
            )):
                # "una orden ejecutiva que impone aranceles", "documents to charge Mexico
                # a 25% tariff": what the document does
                return False
            for c in head.children:
                if c.dep_ == "advmod" and c.norm_ in ("where", "when", "whereby"):
                    return False
                if c.dep_ == "prep" and any(
                    g.norm_ in ("which", "whom") for g in c.children if g.dep_ == "pobj"
                ):
                    return False
            return True
        if dep == "acl":
            if _misparsed_main(head):
                return False
            if head.head.lemma_.lower() in self.words.document_nouns:
                return False  # "signed orders imposing tariffs": what the order does
            return not _infinitive(head)
        return False

    def _noun_ok(self, head: Token, entry: LexEntry) -> bool:
        if any(c.lower_ == "zero" for c in head.children):
            return False  # "reach zero tariffs": a goal, not a measure
        needs = entry.needs
        if needs == "phone_context":
            return any(
                c.dep_ == "prep" and c.norm_ in ("with", "between") for c in head.children
            ) or any(c.lemma_ in self.words.phone for c in head.children)
        if needs == "that_clause":
            # somebody's claim that …: "the White House's claim that Mexico protects the
            # cartels" (not "shields the companies from claims that they …")
            if not any(c.dep_ == "poss" for c in head.children):
                return False
            return any(
                c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.norm_ == "that"
                                                   for m in c.children)
                for c in head.children
            )  # fmt: skip
        if needs == "subject_to":
            return self._subject_to(head) is not None
        if needs == "nomilitary":
            return not any(c.lemma_.lower() in self.words.aerial for c in head.children)
        if needs == "military_context":
            return any(c.lemma_.lower() in self.words.military for c in head.children)
        return True

    # -- actors ----------------------------------------------------------------------

    def _np_actors(self, st: _DocState, tok: Token, *, groups: bool = True) -> list[str]:
        """Actor ids of the noun phrase headed by ``tok`` and its conjuncts."""
        out: list[str] = []
        pair = self._the_two(st, tok) if tok.i not in st.tok_actor else None
        if pair:
            return pair
        for t in (tok, *tok.conjuncts):
            aid = self._np_actor(st, t, groups=groups)
            if aid and aid not in out:
                out.append(aid)
            if aid:
                # "Hungarian and Romanian officials": conjoined modifiers are a compound actor
                # (the phrase may resolve through either modifier: "Hungarian and
                # Romanian officials" reads as Romania's, the nearer; both are named)
                for m in t.children:
                    if m.dep_ not in ("amod", "compound", "nmod") or not m.conjuncts:
                        continue
                    named = [st.tok_actor.get(x.i) for x in sorted((m, *m.conjuncts))]
                    if aid in named:
                        out.remove(aid)
                        out.extend(a for a in named if a and a not in out)
            # "Donald Trump and Claudia Sheinbaum spoke", parsed as "Trump" a modifier of
            # "Sheinbaum" with the "and" on it: the first named of a coordination
            for m in t.lefts:
                first = st.tok_actor.get(m.i)
                joined = any(c.dep_ == "cc" for c in m.children)
                if m.dep_ in ("nmod", "compound") and first and first not in out and joined:
                    out.insert(0, first)
        return out

    def _np_actor(self, st: _DocState, tok: Token, *, groups: bool) -> str | None:
        if tok.i in st.tok_actor:
            return st.tok_actor[tok.i]
        if tok.pos_ == "PRON":
            return self._pronoun(st, tok)
        for c in tok.children:
            # "La presidenta Claudia Sheinbaum", "the foreign minister, Juan Ramón de la
            # Fuente,": the title's named apposition is the actor
            # ("El presidente de Estados Unidos, Donald Trump, firmó": the name set off
            # by commas after the title's own complement)
            # ("Homeland Security Advisor Dr. Liz Sherwood-Randall": the name right
            # after a capitalised title)
            # ("La fiscal general Pam Bondi": the title's own modifiers may come between)
            between = tok.doc[tok.i + 1 : c.i]
            if (c.dep_ == "appos" and c.i in st.tok_actor and tok.pos_ in ("NOUN", "PROPN")
                    and st.kind(st.tok_actor[c.i]) == "person" and c.i > tok.i
                    and (not between.text.strip(" ,")
                         or tok.doc[c.i - 1].text == ","
                         or (tok.pos_ == "PROPN" and c.left_edge.i == tok.i + 1)
                         or all(t.head.i == tok.i and t.dep_ == "amod"
                                for t in between))):  # fmt: skip
                return st.tok_actor[c.i]
        frontier = [tok]
        for _depth in range(2):
            nxt: list[Token] = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in ("compound", "amod", "nmod", "flat", "npadvmod", "nummod"):
                        if c.i in st.tok_actor:
                            return st.tok_actor[c.i]
                        nxt.append(c)
                for c in t.children:
                    if c.dep_ == "poss":
                        if c.i in st.tok_actor:
                            return st.tok_actor[c.i]
                        if c.pos_ == "PRON" and c.norm_ not in ("its", "their"):
                            r = self._pronoun(st, c)
                            if r:
                                return r
                        nxt.append(c)
                    elif c.dep_ == "prep" and c.norm_ in ("of", "from", "in"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                if p.i in st.tok_actor:
                                    return st.tok_actor[p.i]
                                nxt.append(p)
            frontier = nxt
        if tok.lemma_.lower() in self.words.quantity or tok.like_num:
            # "tens of thousands of students", "a group of refugees": the "of" noun
            for p in tok.children:
                if p.dep_ == "prep" and p.norm_ == "of":
                    for c in p.children:
                        if c.dep_ == "pobj":
                            return self._np_actor(st, c, groups=groups)
        holder = self._office_holder(st, tok)
        if holder:
            return holder
        pair = self._the_two(st, tok)
        if pair:
            return pair[0]
        kb_id = self._kb_actor(st, tok)
        if kb_id:
            return kb_id
        if groups and (
            (
                tok.pos_ == "NOUN"
                and (
                    tok.lemma_.lower() in self.lex.group_nouns
                    # "its troops", "their leaders": someone's, not a group of their own
                    or (_agent_group(tok) and not any(c.dep_ == "poss" for c in tok.children))
                )
            )
            # "ethnic Albanians" (of Kosovo, of Macedonia): a people, not a state (the
            # actor linker leaves them unlinked)
            or (tok.ent_type_ == "NORP" and any(c.lower_ == "ethnic" for c in tok.lefts))
        ):
            # "Islamic State militants": the whole name the noun's modifiers spell
            words = sorted(_modifier_chain(tok), key=lambda w: w.i)
            if (not words and tok.lemma_.lower() in self.words.anaphoric_groups
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                            for c in tok.children)):  # fmt: skip
                return self._body_before(st, tok)
            text = " ".join([*(w.text for w in words), tok.text])
            aid = _slug(text)
            if aid and aid not in st.actors:
                st.new_actors.setdefault(aid, ActorRef(id=aid, name=text, kind="group"))
            return aid or None
        return None

    @staticmethod
    def _body_before(st: _DocState, tok: Token) -> str | None:
        """The organisation or group last named within two sentences before ``tok``
        ("The Trilateral Fentanyl Committee met … the group committed to meet again")."""
        return next((aid for _i, aid in st.actors_back(tok, 2)
                     if st.kind(aid) in ("organization", "group")), None)  # fmt: skip

    def _the_two(self, st: _DocState, tok: Token) -> list[str]:
        """"The two leaders", "both presidents", "the two countries": the last two
        actors of that kind named before, in the sentence or the two before it."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in self.words.pair_people | self.words.pair_states:
            return []
        kinds = ("person",) if lemma in self.words.pair_people else ("country",)
        if kinds == ("country",) and tok.dep_ not in (*_SUBJ, "dobj", "dative"):
            # "the cooperation between the two countries": a relation, no act ("urged the
            # two governments to negotiate" names whom)
            return []
        if not any((c.dep_ == "nummod" and c.lower_ == "two")
                   or (c.dep_ in ("det", "predet", "amod") and c.lower_ == "both")
                   for c in tok.children):  # fmt: skip
            return []
        found: list[str] = []
        for _i, aid in st.actors_back(tok, 2):
            if st.kind(aid) in kinds and aid not in found:
                found.insert(0, aid)
                if len(found) == 2:
                    return found
        return []

    def _office_holder(self, st: _DocState, tok: Token) -> str | None:
        """The person an office noun describes, named earlier: "La funcionaria
        estadounidense agradeció …" → Noem (Spanish; see ``office_cues``)."""
        cues = self.office_cues
        if cues is None or tok.pos_ != "NOUN":
            return None
        noun = st.original[tok.i]
        if "Plur" in noun.morph.get("Number", []) or not any(
            c.dep_ == "det" and "Def" in c.morph.get("Definite", []) for c in noun.children
        ):
            return None  # "un funcionario estadounidense" is someone else; "los funcionarios"
        if st.offices is None:
            people = {a for a in st.tok_actor.values() if st.kind(a) == "person"}
            st.offices = SpeakerResolver(st.original, cues, kb_genders(self.kb, people))
        return st.offices.office_holder(noun)

    def _kb_actor(self, st: _DocState, tok: Token) -> str | None:
        """An unlinked noun phrase the KB resolves to a country ("Iraqi officials" → iraq,
        "the Pakistani army" → pakistan): cached per document by phrase text."""
        if self.kb is None or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        words = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "det") and c.is_alpha]
        if not any(w.pos_ in ("ADJ", "PROPN") or w.ent_type_ for w in words) and tok.pos_ == "NOUN":
            return None  # "officials" alone names no country
        text = " ".join([*(w.text for w in words), tok.text])
        if text not in st._resolved:
            aid = None
            try:
                res = self.kb.resolve(text, st.doc._.pw_dct)
            except Exception:  # a resolver bug must not lose the event
                res = None
            if res is not None and res.known and res.id and res.kind == "country":
                aid = res.id
                if aid not in st.actors:
                    st.new_actors.setdefault(
                        aid, ActorRef(id=aid, name=res.name, kind="country", country=res.country)
                    )
            elif (res is not None and not res.known and not res.country
                  and res.kind == "person" and res.sector in _STATE_SECTORS
                  and tok.pos_ == "PROPN" and tok.is_title):  # fmt: skip
                # "The Deputy Attorney General had productive conversations": an office
                # the KB has no holder for, named bare in a government's own text, is
                # that government's (not in a reporter's question)
                aid = st.home_actor(tok)
            elif res is not None and res.country and not res.known:
                # "Afghan rebel leaders": no KB actor, but a group of a known country
                name = " ".join(w.text for w in (*words, tok) if w.dep_ != "det")
                aid = _slug(name) or None
                if aid and aid not in st.actors:
                    kind = res.kind if res.kind in ("group", "person") else "group"
                    st.new_actors.setdefault(
                        aid, ActorRef(id=aid, name=name, kind=kind, country=res.country)
                    )
            st._resolved[text] = aid
        return st._resolved[text]

    def _pronoun(self, st: _DocState, tok: Token) -> str | None:
        low = tok.norm_
        if low in ("he", "she", "him", "her", "his", "hers"):
            want_person: bool | None = True
        elif low in ("it", "its"):
            want_person = False
        elif low in ("we", "our", "us", "i", "my", "me"):
            return self._speaker(st, tok)
        elif low in ("they", "their", "them"):
            want_person = None
        else:
            return None
        # Subjects first (a pronoun usually continues the topic), then the nearest actor,
        # looking back at most two sentences.
        fallback: str | None = None
        own_subject = _clause_subject_tokens(tok) if low in _OBJECT_PRONOUNS else set()
        for i, aid in st.actors_back(tok, 2):
            if i in own_subject:
                continue
            person = st.is_person(aid, i)
            ok = not person if want_person is None else person == want_person
            if not ok:
                continue
            if _in_subject(tok.doc[i]):
                return aid
            fallback = fallback or aid
        return fallback

    def _speaker(self, st: _DocState, tok: Token) -> str | None:
        """``I``/``we``: the speaker of the quote around it, else the subject of the
        sentence's speech verb, else the document's author (speaker label, headline,
        signature)."""
        quoted = st.quote_speaker(tok.idx)
        if quoted:
            return quoted
        if st.in_speaker:  # "our" inside the speech verb's own subject: no recursion
            return None
        st.in_speaker = True
        try:
            for t in tok.sent:
                if t.lemma_ in self.words.speech:
                    for c in t.children:
                        if c.dep_ in _SUBJ and c.pos_ != "PRON":  # "we said": no speaker
                            a = self._np_actor(st, c, groups=False)
                            if a:
                                return a
        finally:
            st.in_speaker = False
        author = st.author(tok)
        if author is None and tok.norm_ in _WE:
            # "we have worked with them", "our cooperation with Mexico": in a government's
            # own text (a briefing's unnamed officials, a fact sheet) "we" is that government
            return st.home_actor(tok)
        return author

    def _subject(self, st: _DocState, v: Token) -> tuple[list[str], bool]:
        """Source actors of verb ``v`` and whether they were inherited from another clause."""
        for c in v.children:
            # a dateline's dash is sometimes parsed as a subject ("MÉXICO.— El presidente …")
            if c.dep_ in _SUBJ and not c.is_punct:
                if c.norm_ in _REL_PRON and v.dep_ == "relcl":
                    n = v.head
                    own = self._np_actors(st, n)
                    if (not own and n.lemma_.lower() in self.words.document_nouns
                            and n.dep_ == "dobj" and n.head.pos_ in ("VERB", "AUX")):  # fmt: skip
                        # "Trump firmó una orden que impone aranceles": what the order
                        # does, its signer does
                        return self._subject(st, n.head)[0], True
                    return own, False
                own = self._np_actors(st, c)
                signing = self._signed_with(v) if not own else None
                if signing is not None:
                    # "signed an Executive Order increasing the tariff" (the order parsed
                    # as the clause's subject): what the order does, its signer does
                    return self._subject(st, signing)[0], True
                return own, False
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self._np_actors(st, p), False
        if any(c.dep_ in _PASS_SUBJ for c in v.children):
            return [], False
        if "1" in v.morph.get("Person", []) and "Fin" in v.morph.get("VerbForm", []):
            # a dropped first-person subject ("Rechazamos la calumnia"): the speaker, as "we"
            who = self._speaker(st, v)
            return ([who] if who else []), False
        if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
            shared = next((c for c in v.head.children if c.dep_ in _PASS_SUBJ), None)
            if shared is not None and not any(c.dep_ == "auxpass" for c in v.children):
                # "Trump was sworn in … and within hours signed …": the one sworn in signs
                return self._np_actors(st, shared), True
            return self._subject(st, v.head)[0], True
        if v.dep_ == "relcl":
            own = self._np_actors(st, v.head)
            signing = self._signed_with(v) if not own else None
            if signing is not None:  # "sign all necessary documents to charge Mexico …"
                return self._subject(st, signing)[0], True
            return own, True
        if _misparsed_main(v):
            return self._np_actors(st, v.head), False
        if (v.dep_ == "csubj" and v.head.dep_ == "ccomp"
                and v.head.head.lemma_ in self.words.speech):  # fmt: skip
            # "US authorities said that removing the sanctions is out of the question":
            # an act named as the subject of what a speaker says is the speaker's side's
            return self._subject(st, v.head.head)[0], True
        gov = self._governor(v)
        if gov is not None:
            if gov.pos_ in ("NOUN", "PROPN"):
                for c in gov.children:
                    if c.dep_ == "poss" or c.dep_ == "compound":
                        a = self._np_actors(st, c)
                        if a:
                            return a, True
                src = self._noun_source(st, gov)
                return src, True
            if gov.pos_ == "ADJ" and gov.dep_ == "acomp":
                return self._subject(st, gov.head)[0], True  # "it is willing to withdraw"
            if (gov.lemma_ in self.words.reason_governors and v.dep_ == "pcomp"
                    and v.head.norm_ == "for"):  # fmt: skip
                for c in gov.children:
                    if c.dep_ == "dobj" and (doers := self._np_actors(st, c)):
                        return doers, True
            suspects = self._alleged(v)
            if suspects is not None:
                # "charged the men with kidnapping", "nationals suspected of blowing up a
                # plane": the one suspected is the alleged doer, not the accuser
                return (self._np_actors(st, suspects[0]) if suspects else []), True
            if gov.lemma_ in self.words.request_governors:
                for c in gov.children:
                    if c.dep_ in ("dobj", "dative"):
                        return self._np_actors(st, c), True
                for p in gov.children:
                    if p.dep_ in ("prep", "prt") and p.norm_ in ("on", "upon"):
                        for c in p.children:
                            if c.dep_ == "pobj":
                                return self._np_actors(st, c), True
            return self._subject(st, gov)[0], True
        if v.dep_ == "advcl":
            adj = v.head
            expletive = any(c.dep_ in _SUBJ and c.lower_ == "it" for c in adj.children)
            if adj.pos_ == "ADJ" and adj.dep_ in ("ccomp", "xcomp", "oprd") and expletive:
                # "has found it necessary to increase the tariff": the finder acts
                return self._subject(st, adj.head)[0], True
            return self._subject(st, v.head)[0], True
        if v.dep_ == "ROOT":
            return self._stranded_subject(st, v), False
        return [], False

    def _stranded_subject(self, st: _DocState, v: Token) -> list[str]:
        """A main verb's subject parsed into the phrase fronted before it ("With the
        signing of a memorandum, the Sudanese government and the SPLA have agreed …",
        the government a conjunct or apposition of the memorandum): the coordination
        that follows the fronted phrase's comma and ends right before the verb."""
        doc = v.doc
        j = v.i - 1
        while j > 0 and doc[j].head.i == v.i and doc[j].dep_ in ("aux", "neg", "advmod"):
            j -= 1
        n = doc[j]
        while n.dep_ == "conj" and n.head.i < n.i and not (
                n.left_edge.i > 0 and doc[n.left_edge.i - 1].text == ","):  # fmt: skip
            n = n.head
        if n.dep_ not in ("conj", "appos") or n.i >= v.i or n.head.i > n.i:
            return []
        out: list[str] = []
        for t in sorted((n, *(c for c in n.conjuncts if c.i > n.i)), key=lambda t: t.i):
            if t.i < v.i and (aid := self._np_actor(st, t, groups=True)) and aid not in out:
                out.append(aid)
        return out

    def _verb_actors(self, st: _DocState, d: _Draft) -> None:
        v = d.head
        src, inherited = self._subject(st, v)
        d.source, d.inherited = src, inherited
        passive = any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)
        tgt: list[str] = []
        if passive:
            for c in v.children:
                if c.dep_ in _PASS_SUBJ:
                    if d.type == "MOBILIZE":
                        # "the troops would be deployed": the force, not a target
                        d.source = d.source or self._np_actors(st, c, groups=False)
                    else:
                        tgt = self._np_actors(st, c)
                        if not tgt and d.type in ("ASSAULT", "COERCE"):
                            # "a camp for Congolese refugees was attacked": who was in it
                            tgt = [a for a in self._deep_actors(st, c, kb=True)
                                   if a not in d.source][:1]  # fmt: skip
                        if not tgt and d.type in _MEASURES:
                            # "the additional rate of duty on products of Mexico shall be
                            # paused": the country inside what is acted on
                            tgt = self._deep_actors(st, c)
            if (
                not d.source
                and any(a.dep_ == "aux" and a.lower_ == "shall" for a in v.children)
                and not any(c.dep_ == "agent" for c in v.children)
            ):
                # an order's directive ("… shall be paused"): its author orders it
                who = st.author(v)
                d.source = [who] if who else []
            if (
                not d.source
                and v.dep_ == "ccomp"
                and v.head.lemma_ in self.words.speech
                and (d.type in ("CONCEDE", "SANCTION") or d.mode in _STATE_ACTS)
                and not any(c.dep_ == "agent" for c in v.children)
            ):
                # "Prayut said the nightly curfew would be scrapped", "… were hanged at
                # Nasiriyah prison, Iraq's justice ministry said": a state's measure told
                # without its doer, in the voice of that state, is the state's own
                # (not another state's: "… were executed in Texas, Mexico's foreign
                # ministry said" is no Mexican execution)
                voice = ("country", "person", "organization")
                place = self._location(st, v)
                where = st.country(place) if place else None
                d.source = [a for a in self._subject(st, v.head)[0]
                            if st.country(a) and st.kind(a) in voice
                            and where in (None, st.country(a))]  # fmt: skip
            if not d.source and not tgt:
                # "intelligence is passed routinely between the Nigerian and Cameroonian
                # armies": the two sides of a passive exchange, as of a nominal one
                between = [g for p in v.children if p.dep_ == "prep" and p.norm_ == "between"
                           for g in p.children if g.dep_ == "pobj"]  # fmt: skip
                people = self._np_actors(st, between[0]) if between else []
                d.source, tgt = people[:1], people[1:]
        if not tgt and d.type == "MOBILIZE":
            # the object of a mobilisation is the force sent ("U.S. troops"): its owner
            # is the source side, the target comes from "into/to/against X"
            for c in v.children:
                if c.dep_ == "dobj" and not d.source:
                    d.source = self._np_actors(st, c, groups=False)
        elif not tgt and (d.mode in ("withdraw", "expel") or (d.type == "RETREAT" and not d.mode)):
            # "withdraw its troops from Lebanon", "withdraw inspectors from Iraq": the
            # place left is the target (the object is one's own force or staff)
            # ("pulled its troops out of Lebanon": the "of" of "out")
            froms = [p for p in v.children if p.dep_ == "prep" and p.norm_ == "from"]
            froms += [g for p in v.children if p.dep_ in ("prep", "prt") and p.norm_ == "out"
                      for g in p.children if g.dep_ == "prep" and g.norm_ == "of"]  # fmt: skip
            for p in froms:
                for c in p.children:
                    if c.dep_ == "pobj":
                        tgt = tgt or self._np_actors(st, c, groups=False)
        if not tgt and d.mode == "convict":
            # "found the Netherlands partly liable": the one the verdict is about
            tgt = [a for c in v.children if c.dep_ in ("ccomp", "oprd", "xcomp")
                   for s in c.children if s.dep_ == "nsubj"
                   for a in self._np_actors(st, s)]  # fmt: skip
        if not tgt and d.type != "MOBILIZE":
            # "called Sheinbaum to …" parses Sheinbaum as a predicate (oprd)
            obj_deps = ("dobj", "dative", "oprd") if d.type == "CONSULT" else ("dobj", "dative")
            for c in v.children:
                if c.dep_ in obj_deps:
                    tgt = self._np_actors(st, c, groups=True)
                    if not tgt:
                        tgt = self._inner_actors(st, c, judged=d.type in _JUDGED)
                    if tgt:
                        break
        if not tgt:
            # "sent X to the United States"; "lashed out at President Lungu": blame aimed
            # at someone
            preps = [
                c for c in v.children if c.dep_ in ("prep", "dative") and (
                    c.norm_ in _TARGET_PREPS
                    or (c.norm_ == "at" and d.type in ("ACCUSE", "THREATEN")))
            ]  # fmt: skip
            for t in d.trigger:
                if t.i != v.i and t.dep_ in ("prep", "prt") and t.head.i == v.i:
                    preps.insert(0, t)  # "call on X", "call upon X"
            moved = [o for o in self._objects(v) if o.lemma_.lower() in self.words.movement]
            for p in preps:
                if p.norm_ == "into" and d.type not in ("MOBILIZE", "ASSAULT"):
                    continue
                if p.norm_ == "to" and d.type in _JUDGED and any(o.i < p.i for o in moved):
                    # "praised the transfers of 29 cartel leaders to US custody": the
                    # parser hangs the movement's destination on the verb; it is where the
                    # leaders went, not who is praised
                    continue
                for c in p.children:
                    if c.dep_ == "pobj":
                        tgt = self._np_actors(st, c)
                        if not tgt and d.type in _MEASURES and p.norm_ in ("on", "against"):
                            # "impose tariffs on articles that are products of Mexico"
                            tgt = self._deep_actors(st, c)
                        if tgt:
                            break
                if tgt:
                    break
        if not tgt and d.type in ("SANCTION", "SUPPORT"):
            # "broke off diplomatic relations with Iran", "upgraded ties with Libya": the
            # other side of the relations
            for c in v.children:
                if c.dep_ == "dobj" and c.lemma_.lower() in self.words.relations:
                    tgt = tgt or self._with_partner(st, c)
        if not tgt and (d.type in ("CONSULT", "AGREE") or (
            d.type == "SUPPORT" and v.lemma_ in self.words.signing
        )):  # fmt: skip
            # "discussed tariffs with Sheinbaum", "signed a deal with Canada": the parser
            # hangs the partner on the object; it is who was met or agreed with
            for c in v.children:
                if c.dep_ == "dobj":
                    tgt = tgt or self._with_partner(st, c)
        if not tgt and d.type in ("SANCTION", "THREATEN", "COERCE", "CONCEDE", "RETREAT"):
            # "impose tariffs of 25 percent on goods from Mexico and Canada": the target
            # hangs under the object (bounded walk over the object's own prepositions)
            for c in v.children:
                if c.dep_ != "dobj":
                    continue
                for p in (p for p in c.subtree if p.dep_ == "prep" and p.i - c.i < 8):
                    # "aranceles a México" says with "a" (norm "to") what English says with "on"
                    if p.norm_ in ("on", "against", "upon", "to"):
                        for o in p.children:
                            if o.dep_ == "pobj":
                                tgt = tgt or self._deep_actors(st, o)
                    # "suspended part of a military aid program for Bosnia"
                    if not tgt and p.norm_ == "for" and d.type == "SANCTION":
                        for o in p.children:
                            if o.dep_ == "pobj":
                                tgt = self._np_actors(st, o, groups=False)
                if tgt:
                    break
        if not tgt and d.type in ("COOPERATE", "AID"):
            # "transferred 29 people accused of drug trafficking to the United States": the
            # parser often hangs the destination under the object's own modifiers; a country
            # after "to" inside the object (bounded) is where they went
            for c in v.children:
                if c.dep_ != "dobj":
                    continue
                for p in (p for p in c.subtree if p.dep_ == "prep" and p.i - c.i < 10):
                    # "shared evidence with the U.S.": the partner, too
                    if p.norm_ in ("to", "with"):
                        for o in p.children:
                            aid = st.tok_actor.get(o.i) if o.dep_ == "pobj" else None
                            if aid and st.kind(aid) == "country" and aid not in d.source:
                                tgt = tgt or [aid]
        if not tgt:
            # "demanded that the US cancel …", "threatened to break relations with Russia":
            # the addressee is the actor of the complement clause ("looked forward to
            # working with her": a gerund after "to")
            comps = [*v.children, *(g for p in v.children if p.dep_ in ("prep", "prt")
                                    and p.norm_ in ("to", "on") for g in p.children
                                    if g.dep_ == "pcomp")]  # fmt: skip
            for c in comps:
                if (c.dep_ in ("ccomp", "xcomp", "pcomp") or self._governed_advcl(c)) and (
                        c.pos_ in ("VERB", "AUX")):  # fmt: skip
                    if d.type in ("REQUEST", "ACCUSE") and c.dep_ == "ccomp":
                        for sj in c.children:
                            if sj.dep_ in _SUBJ:
                                tgt = self._np_actors(st, sj)
                    elif d.type == "CONCEDE" and c.dep_ == "ccomp":
                        # "allowed Ouattara to participate": the one allowed, named as
                        # such ("allow weapons from the US to keep entering" names a thing)
                        for sj in c.children:
                            if sj.dep_ in _SUBJ and sj.i in st.tok_actor:
                                tgt = [st.tok_actor[sj.i]]
                    if not tgt and d.type in ("THREATEN", "REQUEST", "AGREE", "REJECT"):
                        tgt = self._complement_target(st, c)
                if tgt:
                    break
        if not tgt and d.type == "REJECT":
            tgt = self._owner_of_rejected(st, v, d.source)
        if not tgt and d.type == "REQUEST":
            tgt = self._asked_from(st, v)
        if not tgt and d.type == "PROTEST":
            # "boycott all official contact with the United States"
            for c in v.children:
                if c.dep_ == "dobj":
                    tgt = self._complement_target(st, v)
        if d.type in ("ACCUSE", "REJECT", "COERCE", "ASSAULT", "MOBILIZE") and set(tgt) <= set(
            d.source
        ):
            # "tried to hack into the computers of South Korean army officers", "mobilized
            # reservists for a possible war against Iraq", "reneged on his commitment to
            # the Zambian people": who is acted against sits deeper in the complement
            # ("fighting for her life" is no fight against anyone: "for" only for a force).
            # A target that is only the source itself is none: "his" in "his commitment"
            # is the one who reneged, "plotting to kill him" is no self-attack
            tgt = []
            deep = ("into", "on", "against", "to") + (("for",) if d.type == "MOBILIZE" else ())
            for p in v.children:
                if p.dep_ == "prep" and p.norm_ in deep:
                    for o in p.children:
                        if o.dep_ == "pobj":
                            tgt = [a for a in self._deep_actors(st, o, kb=True)
                                   if a not in d.source]  # fmt: skip
                    if tgt:
                        tgt = tgt[:1]
                        break
        refuge = d.type == "REQUEST" and any(
            o.lemma_.lower() in ("refuge", "asylum") for o in self._objects(v)
        )
        if (
            not tgt
            and d.type in ("CONSULT", "MOBILIZE")
            and any(c.dep_ == "advmod" and c.lower_ == "there" for c in v.children)
        ):
            tgt = self._there(st, v, d.source)
        if not tgt and (d.mode in ("assist", "curfew", "martial-law") or refuge):
            # "sought refuge in Germany", "imposed a curfew in Cizre in southeastern Turkey":
            # the place is who is asked, or who is under the measure
            loc = self._location(st, v)
            if loc and loc in st.tok_actor.values() and st.kind(loc) in (None, "country"):
                tgt = [loc]
        d.target = tgt

    def _there(self, st: _DocState, v: Token, source: list[str]) -> list[str]:
        """Where "there" is, for a visit or a deployment ("resumed cooperation with the
        PRC, sent a delegation there"): the last country or place named before it, in its
        sentence or the one before, that is not the source's own; a place stands for its
        country."""
        own = {st.country(a) for a in source} - {None}
        for _i, aid in st.actors_back(v, 1):
            kind, code = st.kind(aid), st.country(aid)
            if kind not in _PLACE_KINDS or aid in source or code in own:
                continue
            if kind == "country":
                return [aid]
            country = self._country_actor(code)
            return [country] if country else []
        return []

    def _asked_from(self, st: _DocState, head: Token) -> list[str]:
        """Who a demand is made of, named with "from" inside what is demanded: "calling
        for independence from Iraq", "demands for greater freedom … from President
        Bouteflika's government" (bounded to the object's first words)."""
        objs = [c for c in head.children if c.dep_ == "dobj"]
        objs += [g for p in head.children if p.dep_ == "prep" and p.norm_ in ("for", "of")
                 for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        if head.dep_ == "dobj":
            objs.append(head)
        for o in objs:
            for p in o.subtree:
                if p.dep_ == "prep" and p.norm_ == "from" and 0 < p.i - o.i <= _OWNER_WINDOW + 5:
                    for c in p.children:
                        if c.dep_ == "pobj" and (a := self._np_actors(st, c, groups=False)):
                            return a
        return []

    def _owner_of_rejected(self, st: _DocState, v: Token, source: list[str]) -> list[str]:
        """The side whose thing is rejected, named as its modifier: "rejected a proposal for
        US troops", "declined to let a US military aircraft land" → the US (a country
        written as a modifier in the object, within a few words; not the rejecter's own)."""
        roots = [c for c in v.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
        for root in roots:
            for t in root.subtree:
                if t.i - root.i > _OWNER_WINDOW or t.i < v.i:
                    continue
                aid = st.tok_actor.get(t.i)
                if not aid or aid in source or t.dep_ not in ("compound", "nmod", "amod", "poss"):
                    continue
                if st.kind(aid) == "country":
                    return [aid]
                # "US troops" links to the US armed forces: their country is the owner
                country = self._country_actor(st.country(aid))
                if country and country not in source:
                    return [country]
        return []

    def _other_party(self, st: _DocState, source: list[str]) -> str | None:
        """The article's other party for a speech act told without its addressee ("Mexico
        would cooperate", "Sheinbaum rejected that framing", "reached agreements"): the
        country named most often in the document apart from the source's own, when it
        is named at least twice and at least twice as often as the next one (an article
        about two countries, not a round-up)."""
        own = {st.country(a) for a in source} - {None}
        if not own:
            return None
        counts = st.country_counts()
        ranked = sorted(((n, c) for c, n in counts.items() if c not in own), reverse=True)
        if not ranked or ranked[0][0] < 2:
            return None
        if len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]:
            return None
        return self._country_actor(ranked[0][1])

    @staticmethod
    def _asked(head: Token) -> bool:
        """Whether the clause of ``head`` ends in a question mark."""
        for t in head.doc[head.i : head.sent.end]:
            if t.text in (".", "!", ";"):
                return False
            if t.text == "?":
                return True
        return False

    def _country_actor(self, code: str | None) -> str | None:
        """The KB's country actor for an ISO code ("USA" → united-states), if it has one."""
        if code is None or self.kb is None:
            return None
        if self._countries is None:
            self._countries = {a.country: a.id for a in self.kb
                               if a.kind == "country" and a.country}  # fmt: skip
        return self._countries.get(code)

    def _with_partner(self, st: _DocState, obj: Token) -> list[str]:
        """The actors after the "with" the parser hangs on an object ("relations with
        Iran", "tariffs with Sheinbaum"): the first one that names someone."""
        for p in obj.children:
            if p.dep_ == "prep" and p.norm_ == "with":
                for o in p.children:
                    if o.dep_ == "pobj" and (a := self._np_actors(st, o, groups=False)):
                        return a
        return []

    def _complement_target(self, st: _DocState, v: Token) -> list[str]:
        for c in v.children:
            if c.dep_ in ("dobj", "dative"):
                a = self._np_actors(st, c, groups=False) or self._inner_actors(st, c)
                if a:
                    return a
                a = self._with_partner(st, c)  # "threatened to break relations with Russia"
                if a:
                    return a
        for p in v.children:
            if p.dep_ == "prep" and p.norm_ in (*_TARGET_PREPS, "in"):
                for c in p.children:
                    if c.dep_ == "pobj":
                        a = self._np_actors(st, c, groups=False)
                        if a:
                            return a
        return []

    def _inner_actors(self, st: _DocState, tok: Token, *, judged: bool = False) -> list[str]:
        """Actors owned by a non-actor object: "Trump's proposal", "an admission by Moscow";
        ``judged``: the object is what the event judges or answers (_JUDGED)."""
        for c in tok.children:
            if c.dep_ == "poss":
                a = self._np_actors(st, c, groups=False)
                if a:
                    return a
        # "praised the extradition of the cartel leaders to the United States": a judged
        # movement's "to" is where it went, not who is praised ("allow the delivery of
        # grain to Afghanistan" lets it in to Afghanistan)
        preps = ("by", "of", "from", "against") + (
            () if judged and tok.lemma_.lower() in self.words.movement else ("to",)
        )
        for c in tok.children:
            if c.dep_ == "prep" and c.norm_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        a = self._np_actors(st, p, groups=False)
                        if a:
                            return a
        return []

    def _noun_source(self, st: _DocState, n: Token) -> list[str]:
        for c in n.children:
            if c.dep_ == "poss":
                a = self._np_actors(st, c)
                if a:
                    return a
        for c in n.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i in st.tok_actor:
                return [st.tok_actor[c.i]]
        for c in n.children:
            if c.dep_ == "prep" and c.norm_ == "by":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self._np_actors(st, p)
        # climb through a light verb: "Noem concluded a visit", "she had a phone call"
        t = n
        for _ in range(4):
            if t.dep_ in ("dobj", "pobj", "prep", "attr", "compound", "nsubjpass", "conj"):
                t = t.head
                if t.pos_ in ("VERB", "AUX"):
                    if t.lemma_ in self.lex.support_verbs:
                        return self._subject(st, t)[0]
                    return []
            else:
                break
        return []

    def _noun_actors(self, st: _DocState, d: _Draft) -> None:
        n = d.head
        own_src = False
        for c in n.children:
            if c.dep_ == "prep" and c.norm_ == "between":
                people: list[str] = []
                for p in c.children:
                    if p.dep_ == "pobj":
                        people = self._np_actors(st, p)
                if people:
                    d.source, d.target = people[:1], people[1:]
                    return
        src = self._noun_source(st, n)
        own_src = any(c.dep_ in ("poss", "compound", "amod") and (
            c.i in st.tok_actor or c.pos_ == "PRON") for c in n.children)  # fmt: skip
        d.source = src
        d.inherited = not own_src
        tgt: list[str] = []
        for p in n.children:
            if p.dep_ == "prep" and p.norm_ in _NOUN_TARGET_PREPS:
                for c in p.children:
                    if c.dep_ == "pobj":
                        tgt = self._np_actors(st, c, groups=p.norm_ != "of")
                        if not tgt and p.norm_ in ("of", "against", "on"):
                            tgt = self._deep_actors(st, c)
                if tgt:
                    break
        if not tgt and n.dep_ == "dobj" and n.head.lemma_ in self.lex.support_verbs:
            # "Mexico filed legal action against X": the complement hangs on the light verb
            for p in n.head.children:
                if p.dep_ == "prep" and p.norm_ in ("against", "with", "to", "on", "upon"):
                    for c in p.children:
                        if c.dep_ == "pobj":
                            tgt = tgt or self._np_actors(st, c)
        if not tgt and d.type in ("ASSAULT", "COERCE"):
            tgt = self._victim(st, n)
        if not tgt and d.type == "REQUEST":
            tgt = self._asked_from(st, n)
        if not tgt and d.type in ("REQUEST", "THREATEN", "ACCUSE"):
            # "its demand that Israel ease restrictions": the clause's subject is asked;
            # "the claim that Mexico protects cartels": the one accused
            clauses = [c for c in n.children if c.dep_ in ("acl", "ccomp")]
            if n.dep_ == "dobj":
                # "reiterated its demand today that Israel ease …": the clause hung on
                # the verb, after the noun, says what the noun demands
                clauses += [c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i
                            and any(m.dep_ == "mark" and m.norm_ == "that"
                                    for m in c.children)]  # fmt: skip
            for c in clauses:
                if c.pos_ in ("VERB", "AUX"):
                    for sj in c.children:
                        if sj.dep_ in _SUBJ and sj.norm_ not in _REL_PRON:
                            tgt = self._np_actors(st, sj, groups=False)
        if not d.source and d.type == "CONSULT":
            # "Ebrard returned to Washington for talks with Lutnick"; "U.S. and Russian
            # negotiators return to Geneva for talks" (the parties, split in _finish)
            d.source = [a for a in self._clause_subject(st, n) if a not in tgt]
        d.target = tgt
        d.anaphoric = any(
            (
                c.dep_ in ("det", "poss")
                and c.norm_
                in ("this", "that", "the", "such", "these", "her", "his", "their", "its")
            )
            # "We had a very good meeting": a judgement of an event already told
            or (c.dep_ == "amod" and c.lemma_.lower() in self.words.evaluative)
            for c in n.children
        ) and not any(
            c.dep_ in ("poss", "compound") and c.i in st.tok_actor and c.pos_ != "PRON"
            for c in n.children
        )

    def _clause_subject(self, st: _DocState, n: Token) -> list[str]:
        """The other party of a meeting told as the time or purpose of a clause: its subject.

        "Trump agreed to pause the tariffs after a phone call with Sheinbaum", "Ebrard
        returned to Washington for talks with Lutnick", "acordó …, luego de una llamada
        telefónica con la presidenta" → Trump, Ebrard (the one who met "with" the target).
        """
        if n.dep_ != "pobj" or n.head.dep_ != "prep":
            return []
        p = n.head
        v = p.head
        if p.norm_ == "of" and v.pos_ == "ADV" and v.lower_ in self.words.sequence:
            v = v.head
        elif p.norm_ not in _CLAUSE_TIME_PREPS and not (p.norm_ == "in" and p.i < v.i and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children
        )):
            # "In a phone call on Monday, Sheinbaum and Trump discussed …" (a fronted "in"
            # that opens a new occasion; not "are in discussions", "in the meeting")
            return []
        if v.pos_ not in ("VERB", "AUX"):
            return []
        return self._subject(st, v)[0]

    def _deep_actors(self, st: _DocState, tok: Token, *, kb: bool = False) -> list[str]:
        """Actors anywhere under an ``of``/``against`` complement (bounded: 12 tokens);
        with ``kb``, also a noun phrase the KB resolves to a country ("the Zambian
        people", "Congolese refugees")."""
        out: list[str] = []
        for t in tok.subtree:
            if abs(t.i - tok.i) > 12:
                continue
            aid = st.tok_actor.get(t.i)
            if aid is None and kb and t.pos_ == "NOUN":
                aid = self._kb_actor(st, t)
            if aid and aid not in out:
                out.append(aid)
        return out[:3]

    def _victim(self, st: _DocState, n: Token) -> list[str]:
        """The victim of a nominal attack.

        "X is fighting for her life following an attempted kidnapping" → X.
        """
        if n.dep_ == "pobj" and n.head.norm_ in ("following", "after", "in", "during"):
            v = n.head.head
            if v.pos_ in ("VERB", "AUX"):
                for c in v.children:
                    if c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ:
                        return self._np_actors(st, c)
        return []

    def _state_of_place(
        self, st: _DocState, v: Token, mode: str | None, *, deep: bool = False
    ) -> list[str]:
        """Who did an agentless arrest or deportation: the state where it happened ("was
        arrested at an airfield near El Paso, Texas" → the US) or, for a deportation,
        the one deported from ("citizens deported from the United States").  ``deep``:
        also a place told under the object ("fired at protesters in Asuncion")."""
        preps = ("from",) if mode == "deport" else (
            "in", "at", "near", "outside", "inside", "across", "throughout"
        )
        heads = [v]
        if deep:
            heads += [c for c in v.children if c.dep_ in ("dobj", *_PASS_SUBJ)]
            # (an object the parser hung elsewhere: see _objects)
            heads += [o for o in self._objects(v) if o.dep_ == "nsubj" and o not in heads]
            heads += [g for c in v.children if c.dep_ == "prep" for g in c.children
                      if g.dep_ == "pobj"]  # fmt: skip
            # "arrested dozens of activists in Ethiopia"
            heads += [g for h in heads[1:] for p in h.children if p.dep_ == "prep"
                      and p.norm_ == "of" for g in p.children if g.dep_ == "pobj"]  # fmt: skip
            # "the curfew imposed in Sudan": where what is acted on was put in place
            heads += [g for h in heads[1:] for g in h.children if g.dep_ == "acl"]
        for p in (p for h in heads for p in h.children):
            if p.dep_ != "prep" or p.norm_ not in preps:
                continue
            for t in p.subtree:
                aid = st.tok_actor.get(t.i)
                if aid and st.kind(aid) in _PLACE_KINDS:
                    country = self._country_actor(st.country(aid))
                    return [country] if country else []
        return []

    def _location(self, st: _DocState, head: Token) -> str | None:
        # the trigger's own "in/to X", then one attached to its object ("met with Sheinbaum
        # in Mexico City" often parses with the place under the object)
        preps = [p for p in head.children if p.dep_ == "prep"]
        for c in head.children:
            if c.dep_ in ("dobj", "prep"):
                for o in [c, *(g for g in c.children if g.dep_ == "pobj")]:
                    preps.extend(p for p in o.children if p.dep_ == "prep")
        for p in preps:
            if p.norm_ in _PLACE_PREPS:
                for pobj in p.children:
                    if pobj.dep_ != "pobj":
                        continue
                    # "in the Serbian capital, Belgrade": the place is also told in
                    # apposition, and its country by the modifier of the common noun
                    named = [pobj, *(a for a in pobj.children if a.dep_ == "appos")]
                    for c in named:
                        aid = st.tok_actor.get(c.i)
                        if aid and (st.kind(aid) in _PLACE_KINDS or c.ent_type_ in ("GPE", "LOC")):
                            return aid
                    if pobj.pos_ == "NOUN":
                        for m in pobj.children:
                            aid = st.tok_actor.get(m.i)
                            if m.dep_ in ("amod", "compound") and aid and st.kind(aid) == "country":
                                return aid
                    for c in named:
                        if c.ent_type_ in ("GPE", "LOC", "FAC"):
                            ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
                            return ent.text if ent is not None else c.text
        return None

    # -- modality --------------------------------------------------------------------

    def _enacted(self, v: Token) -> bool:
        """A purpose clause that a signed document carries out as it is signed: "signed
        Executive Order 14193 to impose an ad valorem duty" imposes it (not "signed the
        order to help families", which only hopes to)."""
        g = v.head
        return (
            g.lemma_ in self.words.signing
            and v.lemma_ in self.words.enacting
            and any(c.dep_ == "dobj" and c.lemma_.lower() in self.words.document_nouns
                    for c in g.children)
        )  # fmt: skip

    def _governor(self, v: Token) -> Token | None:
        if v.dep_ in ("xcomp", "ccomp", "acl") and v.head.i != v.i:
            return v.head
        if (v.dep_ == "conj" and v.head.dep_ in ("xcomp", "ccomp", "advcl", "acl")
                and v.head.i != v.i):  # fmt: skip
            return self._governor(v.head)  # "called on Arabs to unite and mobilize"
        if (v.dep_ == "advcl" and (v.head.lemma_ in self.words.request_governors
                                   or v.head.lemma_ in self.g_intent
                                   or v.head.lemma_ in self.words.threat_governors)
                and _infinitive(v)):  # fmt: skip
            # "called Thursday on Arabs to unite": what is asked; "offered on Monday to
            # cooperate with Argentina": what is offered
            return v.head
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":
            return v.head.head
        if v.dep_ == "pobj" and v.head.dep_ == "prep" and v.head.norm_ in ("to", "for", "on"):
            return v.head.head  # "commitment to X", "calls for X"
        return None

    def _governed_advcl(self, v: Token) -> bool:
        """An infinitive the parser hung as an adverbial clause that is a promise's,
        threat's or request's complement ("threatened on Monday to impose …")."""
        return v.dep_ == "advcl" and self._governor(v) is not None

    def _alleged(self, v: Token) -> list[Token] | None:
        """Who is suspected, if ``v`` is the "of/with/for" gerund of a suspicion or a
        charge (else None): "nationals suspected of blowing up a plane" (the nationals),
        "charged the men with kidnapping", "accused the cartel of attacking" (the parser
        may hang the "of" on the object); empty when nobody is named."""
        if v.dep_ != "pcomp" or v.head.dep_ != "prep" or v.head.norm_ not in ("of", "with", "for"):
            return None
        h = v.head.head
        if h.lemma_.lower() in self.words.alleged:
            who = [c for c in h.children if c.dep_ in ("dobj", *_PASS_SUBJ)]
            return who + ([h.head] if h.dep_ == "acl" else [])
        if h.dep_ == "dobj" and h.head.lemma_.lower() in self.words.alleged:
            return [h]
        return None

    def _reported(self, v: Token) -> bool:
        """A clause of a speech verb: its "would" is the future of the past ("said Mexico
        would cooperate but would not accept": the conjoined clause too)."""
        while v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
        return v.dep_ == "ccomp" and v.head.lemma_ in self.words.speech

    def _own_modality(self, v: Token, *, refusal: bool = False) -> str:
        best = "asserted"

        def bump(m: str) -> None:
            nonlocal best
            if _PRIORITY[m] > _PRIORITY[best]:
                best = m

        # Spanish (and any language with a synthetic future or conditional) says it in the
        # verb's morphology: "impondrá" (Tense=Fut), "impondría" / "podría" (Mood=Cnd); the
        # conditional under a speech verb is the future of the past ("dijo que impondría").
        # The English model gives neither feature, so its path is unchanged.
        for w in (v, *(c for c in v.children if c.dep_ in ("aux", "auxpass"))):
            if "Fut" in w.morph.get("Tense", []):
                bump("future")
            elif "Cnd" in w.morph.get("Mood", []):
                bump("future" if self._reported(v) else "hypothetical")
        for c in v.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and low in self.m_neg):
                if not refusal:
                    bump("negated")
            elif c.dep_ in ("aux", "auxpass"):
                if low == "shall" and any(a.dep_ == "auxpass" for a in v.children):
                    pass  # an order's "… shall be paused": the order does it (performative)
                elif low in self.m_fut:
                    bump("future")
                elif low == "would" and self._reported(v):
                    bump("future")  # "said they would meet": the future of the past
                elif low in self.m_hyp:
                    bump("hypothetical")
                elif low == "going" or (low in ("is", "are", "was") and c.dep_ == "aux" and any(
                    x.norm_ == "to" for x in v.children if x.dep_ == "aux")):  # fmt: skip
                    bump("future")
                elif (c.lemma_ in self.m_perfect and "Part" in v.morph.get("VerbForm", [])
                      and c.morph.get("Tense", []) in (["Past"], ["Imp"])
                      and "Fin" in c.morph.get("VerbForm", [])
                      and not self._reported(v)):  # fmt: skip
                    # "had met", "había detenido": the pluperfect (but "said that Mexico
                    # had received deportation flights" tells what the speaker says has
                    # happened: the perfect, shifted back by the reporting verb)
                    bump("historical")
            elif c.dep_ == "mark" and low in self.m_mark:
                bump("hypothetical")
            elif c.dep_ == "prep" and low == "during":
                for p in c.children:
                    if (
                        p.dep_ == "pobj"
                        and p.lemma_.lower() in self.m_hist_n
                        and any(a.lower_ in self.m_hist_a for a in p.children)
                    ):
                        bump("historical")
        if (v.dep_ == "advcl" and _infinitive(v)
                and not self._enacted(v) and self._governor(v) is None):  # fmt: skip
            # a purpose clause: "... to combat trafficking" (not what a promise or a
            # request the parser hung it on says: "promised in November to impose …")
            bump("hypothetical")
        if self._subjunctive(v):
            bump("hypothetical")  # "its demand that Israel ease restrictions": asked for
        if _ruled_out(v) and not refusal:
            bump("negated")  # "removing the sanctions is out of the question"
        if (v.dep_ == "advcl" and any(c.dep_ == "mark" and c.norm_ in _CONDITION_MARKS
                                      for c in v.children)
                and any(a.dep_ == "aux" and a.lower_ in self.words.modal_demand | self.m_fut
                        for a in v.head.children)):  # fmt: skip
            # "must agree to changes before they demobilize", "will not sign until their
            # demands are met": a condition of a demand or a promise has not happened
            bump("hypothetical")
        return best

    @staticmethod
    def _subjunctive(v: Token) -> bool:
        """A mandative subjunctive: a "that" clause whose verb is the bare form after a
        singular subject ("that Israel ease", "that Mexico stop"), with no auxiliary."""
        if v.dep_ != "ccomp" or v.tag_ not in ("VB", "VBP") or v.lemma_ == "be":
            return False
        kids = list(v.children)
        if not any(c.dep_ == "mark" and c.norm_ == "that" for c in kids):
            return False
        if any(c.dep_ in ("aux", "auxpass") for c in kids):
            return False
        subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.tag_ in ("NN", "NNP")

    def _modality(self, head: Token, *, refusal: bool = False) -> str:
        """The event's modality; with ``refusal``, that of the refusal a negation makes
        of it ("will not accept" → future, "rejected" asserted): negation is skipped."""
        best = "asserted"
        t: Token | None = head
        if head.pos_ in ("NOUN", "PROPN"):
            if not refusal and any(c.dep_ == "det" and c.norm_ == "no" for c in head.children):
                return "negated"
            # the clause around a nominal: "will hold talks", "the proposed visit"
            if any(c.lemma_ in self.words.planned
                   for c in head.children if c.dep_ == "amod"):  # fmt: skip
                planned = any(c.lemma_ in self.words.plan for c in head.children)
                best = "future" if planned else "hypothetical"
            up, when = head, False
            for _ in range(3):
                if up.dep_ in ("dobj", "pobj", "prep", "attr", "compound") and up.head.i != up.i:
                    when = when or (up.dep_ == "prep" and up.norm_ in _TIME_ADJUNCTS)
                    up = up.head
                    if up.pos_ in ("VERB", "AUX"):
                        break
                else:
                    break
            t = up if up.pos_ in ("VERB", "AUX") else None
            # a meeting told as the time of a clause ("rejected the demands after talks
            # with Canada") is neither what is refused nor what is prepared
            if t is not None and t.lemma_ in self.g_neg and not refusal and not when:
                return "negated"
            if t is not None and t.lemma_ in self.g_future and best == "asserted" and not when:
                best = "future"  # "preparing a major offensive"
            if t is not None and t.lemma_ not in self.lex.support_verbs:
                own = self._own_modality(t, refusal=refusal)
                if own == "negated":
                    # "the topic did not come up during our meetings": a predicate about the
                    # event is negated, not the event ("did not hold talks" is, above)
                    return best
                return own if _PRIORITY[own] > _PRIORITY[best] and own != "historical" else best
        depth = 0
        while t is not None and depth < 4:
            m = self._own_modality(t, refusal=refusal)
            if depth > 0 and m == "historical":
                m = "asserted"
            if _PRIORITY[m] > _PRIORITY[best]:
                best = m
            listed = t.head if t.dep_ == "conj" else t  # "…, seize drugs, or coordinate"
            if t.pos_ == "VERB" and (
                (listed.pos_ == "VERB" and listed.lemma_ not in self.words.predicate_verbs
                 and any(c.dep_ in _SUBJ and c.lemma_.lower() in self.words.failures
                         for c in listed.children))
                # (or the last item joined to the failure noun itself)
                or (listed is not t and listed.lemma_.lower() in self.words.failures)
            ):  # fmt: skip
                # "Mexico's failure to arrest traffickers, seize drugs …": a verb of the
                # list the parser made the failure's own verb is still what failed
                return "negated"
            signing = self._signed_with(t)
            if signing is not None:
                # "will sign an order imposing tariffs", "promised to sign documents to
                # charge Mexico a tariff": the order acts as it is signed, so the act has
                # the signing's modality
                t = signing
                depth += 1
                continue
            gov = self._governor(t)
            if gov is None:
                break
            lemma = gov.lemma_.lower()
            if t.dep_ == "xcomp" and lemma in _OBLIGATION and gov.pos_ in ("VERB", "AUX"):
                # "(don't) have to call her", "need to meet": an obligation, or none, is
                # no call made and no call refused
                if _PRIORITY["hypothetical"] > _PRIORITY[best]:
                    best = "hypothetical"
                break
            if t.dep_ == "xcomp" and lemma == "go" and gov.tag_ == "VBG":
                # "is going to call" is a plan; "was going to call" one that may not be
                past = any(a.dep_ == "aux" and a.lower_ in ("was", "were") for a in gov.children)
                m = "hypothetical" if past else "future"
                if _PRIORITY[m] > _PRIORITY[best]:
                    best = m
            if lemma in self.g_neg:
                # with refusal, "refused to meet" is itself the event; a refusal named by
                # a noun ("in protest of the government's refusal to accept …") describes
                # one, asserts none, and keeps negated
                if not refusal or gov.pos_ in ("NOUN", "PROPN"):
                    best = "negated" if _PRIORITY["negated"] > _PRIORITY[best] else best
            elif (lemma in self.g_hypo and lemma not in self.g_intent) or (
                lemma in self.words.order_verbs and gov.pos_ == "VERB"
            ) or self._alleged(t) is not None:
                # ("nationals suspected of blowing up a plane": an act alleged, not told)
                best = "hypothetical" if _PRIORITY["hypothetical"] > _PRIORITY[best] else best
            elif (lemma in self.g_future or lemma in self.g_intent) and not (
                    t.dep_ == "ccomp" and t.tag_ == "VBD"):  # fmt: skip
                # (not "Britain upgraded its mission, Hague announced": told as done)
                best = "future" if _PRIORITY["future"] > _PRIORITY[best] else best
            if gov.lemma_ in self.words.speech:
                break  # reported speech: "X said Y would …" keeps Y's own modality
            t = gov
            depth += 1
        return best

    # -- modal demands: "Mexico must do more" -------------------------------------------

    def _modal_demands(self, st: _DocState, doc: Doc) -> list[_Draft]:
        out = []
        for aux in self._must:
            v = aux.head
            subj = next((c for c in v.children if c.dep_ in _SUBJ), None)
            if subj is None or aux.i < subj.i:
                continue  # "Should the government of Mexico retaliate, …": a condition
            target = self._np_actors(st, subj, groups=False)
            if not target:
                continue
            # the speaker: the nearest governing clause with its own subject
            src: list[str] = []
            t = v
            for _ in range(5):
                if t.head.i == t.i:
                    break
                t = t.head
                if t.pos_ in ("VERB", "AUX", "ADJ"):
                    s, _inh = self._subject(st, t) if t.pos_ != "ADJ" else ([], False)
                    s = [a for a in s if a not in target]
                    if s:
                        src = s
                        break
            if not src:
                continue
            span = doc[aux.i : aux.i + 1]
            out.append(_Draft(
                type="REQUEST", mode=None, cameo="100", context=[], trigger=span, head=aux,
                source=src, target=target, inherited=True,
            ))  # fmt: skip
        return out

    def _failures(self, st: _DocState, doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
        """ "Mexico's failure to arrest traffickers, seize drugs, or coordinate with U.S.
        law enforcement constitutes a threat": in a government's own text (or a quote),
        a failure named as someone's is an accusation by the writer (or the speaker), and
        the arrests it says did not happen are its content, not events of their own."""
        out = list(drafts)
        for n in doc:
            if n.lemma_.lower() not in self.words.failures:
                continue
            if n.pos_ == "NOUN":
                target = self._failure_owners(st, doc, n)
                acts = [c for c in n.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
                src = st.quote_speaker(n.idx) or st.author(n) or st.home_actor(n)
            elif n.pos_ == "VERB":
                # "Canada has failed to cooperate": the writer's charge only where the text
                # is a government's own or a quote; a news report of it stays a negation
                subj = next((c for c in n.children if c.dep_ == "nsubj"), None)
                target = self._np_actors(st, subj, groups=False) if subj is not None else []
                acts = [c for c in n.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
                src = st.quote_speaker(n.idx) or st.home_actor(n)
            else:
                continue
            if not acts or not target or not src or src in target:
                continue
            inside = self._listed_acts(doc, n, {t.i for a in acts for t in a.subtree})
            for d in out:
                if d.head.i in inside:
                    d.absorbed = True
            out.append(_Draft(
                type="ACCUSE", mode=None, cameo="112", context=[], trigger=doc[n.i : n.i + 1],
                head=n, source=[src], target=target, nominal=n.pos_ == "NOUN",
                modality="asserted" if n.pos_ == "NOUN" else self._modality(n),
            ))  # fmt: skip
        return [d for d in out if not d.absorbed]

    def _failure_owners(self, st: _DocState, doc: Doc, n: Token) -> list[str]:
        """Whose failure the noun ``n`` is: every possessor ("Mexico's, Canada's, and
        China's failure", read leftwards when the parser hangs the earlier ones
        elsewhere), else the "of" noun ("the failure of Mexico")."""
        owners = [c for c in n.children if c.dep_ == "poss"]
        if not owners:
            of = next((p for c in n.children if c.dep_ == "prep" and c.norm_ == "of"
                       for p in c.children if p.dep_ == "pobj"), None)  # fmt: skip
            return self._np_actors(st, of, groups=False) if of is not None else []
        target: list[str] = []
        for owner in (owners[-1], *owners[:-1]):
            target += [a for a in self._np_actors(st, owner, groups=False) if a not in target]
        i = owners[-1].left_edge.i - 1
        while i > n.sent.start:
            if doc[i].text in _LIST_GLUE:
                i -= 1
            elif doc[i].tag_ == "POS" and (aid := st.tok_actor.get(i - 1)):
                if aid not in target:
                    target.append(aid)
                i -= 2
                while i >= n.sent.start and st.tok_actor.get(i) == aid:
                    i -= 1
            else:
                break
        return target

    @staticmethod
    def _listed_acts(doc: Doc, n: Token, inside: set[int]) -> set[int]:
        """``inside`` (the failed acts' tokens) and the bare verbs listed after them ("failure
        to arrest traffickers, seize drugs, or coordinate …"), which the parser may hang
        elsewhere: each up to the next comma or a finite verb."""
        end = n.sent.end
        i = max(inside) if doc[max(inside)].text == "," else max(inside) + 1
        while i + 1 < end and doc[i].text in _LIST_GLUE:
            j = i + 2 if doc[i + 1].text in _LIST_GLUE else i + 1
            if j >= end or doc[j].tag_ != "VB":
                break
            k = j
            while (k + 1 < end and doc[k + 1].text not in _LIST_GLUE
                   and doc[k + 1].tag_ not in _FINITE):  # fmt: skip
                k += 1
            inside.update(range(j, k + 1))
            i = k + 1
        return inside

    # -- embedded events -------------------------------------------------------------

    @staticmethod
    def _content_of(d: _Draft, by_head: dict[int, _Draft]) -> bool:
        """Whether ``d`` is what another event is about, not an event of its own.

        "accepted demands from the rebels", "rejected an appeal", "signed an agreement":
        the noun is the object of the governing event.  "arrested for collaborating with
        Israel": the reason of an accusation or arrest is its content, too.
        """
        t = d.head
        if not d.nominal:
            if t.dep_ == "pcomp" and t.head.norm_ in ("for", "of", "with"):
                g = by_head.get(t.head.head.i)
                return g is not None and g.type in ("ACCUSE", "COERCE", "SANCTION", "REJECT")
            return False
        for _ in range(3):
            if t.dep_ not in ("compound", "dobj", "pobj", "prep") or t.head.i == t.i:
                return False
            if t.dep_ == "prep" and t.norm_ in _TIME_ADJUNCTS:
                return False  # "paused the tariffs after a phone call with Sheinbaum"
            t = t.head
            g = by_head.get(t.i)
            if g is not None and g is not d:
                return True
            if t.pos_ in ("VERB", "AUX"):
                return False
        return False

    def _helps_forces(self, v: Token) -> bool:
        """ "sent troops to help the Malian army fight jihadists", "… to assist local
        forces": a purpose clause that helps someone's forces (not "to help stop the
        flow")."""
        for c in v.children:
            if c.dep_ not in ("advcl", "xcomp") or c.lemma_ not in self.words.assisting:
                continue
            helped = [g for g in c.children if g.dep_ == "dobj"]
            helped += [s for g in c.children if g.dep_ in ("ccomp", "xcomp")
                       for s in g.children if s.dep_ == "nsubj"]  # fmt: skip
            if any(h.lemma_.lower() in self.words.assisted for h in helped):
                return True
        return False

    def _formal_protest(self, head: Token) -> bool:
        """A protest noun lodged, filed or sent, or called formal, official or diplomatic
        ("lodged a protest with Athens", "an official protest"): a complaint, not a rally."""
        words = self.words.formal_protest
        if head.dep_ == "dobj" and head.head.lemma_.lower() in words:
            return True
        return any(c.dep_ == "amod" and c.lemma_.lower() in words for c in head.children)

    def _empty_warning(self, d: _Draft, drafts: list[_Draft]) -> bool:
        """ "warned that the pause only delayed the problem", "warned that they would lose
        customers": a warning is a threat only when it is addressed to someone or says
        what its source will do against someone (a conflictual event inside it)."""
        if d.head.lemma_ not in self.words.warnings:
            return False
        if any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in d.head.children):
            return False  # "warned Mexico that …", "were warned by China that …": addressed
        inside = {t.i for c in d.head.children if c.dep_ in ("ccomp", "xcomp")
                  for t in c.subtree}  # fmt: skip
        return not any(o.head.i in inside and not self.lex.cooperative(o.type)
                       and o.type != "AGREE" for o in drafts)  # fmt: skip

    def _topic_of(self, n: Token) -> bool:
        """A noun that is what a discussion is about (through coordination), or what a
        question or a statement is "about" ("when asked about US military action")."""
        while n.dep_ == "conj" and n.head.i != n.i:
            n = n.head
        if n.dep_ not in ("dobj", "pobj"):
            return False
        up = n.head if n.dep_ == "dobj" else n.head.head
        if n.dep_ == "pobj" and n.head.norm_ == "about" and (
            up.lemma_ in self.words.questions or up.lemma_ in self.words.speech
        ):
            return True
        if n.dep_ == "pobj" and n.head.norm_ not in _TOPIC_PREPS:
            return False  # "discussed tariffs during a phone call": when, not what
        return up.lemma_.lower() in self.words.topic_verbs

    @staticmethod
    def _protest_of_purpose(d: _Draft, drafts: list[_Draft]) -> _Draft | None:
        """The PROTEST whose purpose clause ("… to demand X", "… calling for X") is ``d``."""
        h = d.head
        if d.nominal and h.dep_ == "dobj":
            h = h.head  # "blocked roads … to press their demands"
        if h.dep_ not in ("advcl", "xcomp"):
            return None
        gov = h.head
        for o in drafts:
            if o.type != "PROTEST" or o is d:
                continue
            if o.head.i == gov.i or (o.nominal and o.head.head.i == gov.i
                                     and o.head.dep_ in ("dobj", "nsubj")):  # fmt: skip
                return o
        return None

    def _fold_embedded(self, st: _DocState, drafts: list[_Draft]) -> list[_Draft]:
        """Apply PLOVER's conventions for actions that are promised rather than done.

        * A cooperative action under an AGREE governor ("agreed to share information") is
          folded into the AGREE (PLOVER codes an offer to cooperate as AGREE), which takes
          the CAMEO intent code of the action (036 intent to meet, 033 to give aid …).
        * A cooperative action proposed or offered by a non-event verb ("Sheinbaum proposed
          that Mexico and the U.S. step up cooperation") becomes an AGREE of the proposer.
        * A non-cooperative action under an AGREE governor ("committed to deploying
          troops") keeps its own type with modality future and replaces the AGREE: one
          commitment is one event.
        * Any other cooperative action in the future ("Finland will give a grant") is AGREE.
        """
        by_head = {d.head.i: d for d in drafts}
        for d in drafts:
            if (d.type == "SUPPORT" and d.head.dep_ in ("advcl", "xcomp")
                    and (g := by_head.get(d.head.head.i)) is not None
                    and g.type == "CONSULT" and d.modality == "hypothetical"):  # fmt: skip
                d.modality = g.modality  # "called Sheinbaum to congratulate her": said in it
            if d.type == "THREATEN" and not d.nominal and self._empty_warning(d, drafts):
                d.absorbed = True
            elif (d.type == "PROTEST" and d.nominal and d.head.dep_ == "pobj"
                    and d.head.head.norm_ == "at"):  # fmt: skip
                d.absorbed = True  # "announce tariffs at a rally": the occasion, no protest
            elif (d.type == "AGREE" and d.nominal and d.head.dep_ == "dobj"
                    and d.head.head.lemma_.lower() in self.words.fulfil):  # fmt: skip
                d.absorbed = True  # "is keeping his promise to …": made before, not now
            if d.absorbed:
                continue
            if self._content_of(d, by_head):
                d.absorbed = True
            elif d.type in ("CONSULT", "AID") and d.head.dep_ in ("advcl", "xcomp"):
                g = by_head.get(d.head.head.i)
                if g is not None and g.type == d.type:
                    # "met Sheinbaum to discuss migration", "dispatched troops to Niger to
                    # assist local forces": one occasion, told with its purpose
                    d.absorbed = True
            elif d.nominal and self._topic_of(d.head):
                d.absorbed = True  # "discussed migration and the deployment of troops"
            if d.type == "REQUEST" and not d.absorbed:
                protest = self._protest_of_purpose(d, drafts)
                if protest is not None:
                    # "staged demonstrations to demand reforms", "a hunger strike to demand
                    # his resignation": the demand is what the protest says (PLOVER codes
                    # the PROTEST); its addressee is the protest's target
                    d.absorbed = True
                    # "to press their demands … from X": the demand noun names whom
                    asked = d.named_target or next(
                        (o.named_target for o in drafts if o.type == "REQUEST" and o.nominal
                         and o.head.head.i == d.head.i and o.named_target), [])  # fmt: skip
                    protest.target = protest.target or asked
        extra: list[_Draft] = []
        for d in drafts:
            if d.type == "AGREE" or d.absorbed:
                continue
            gov = self._governor(d.head)
            if gov is None and d.nominal and d.head.dep_ in ("compound", "dobj"):
                up = d.head.head if d.head.dep_ == "compound" else d.head
                gov = self._governor(up.head) if up.head.pos_ == "VERB" else None
                if up.head.pos_ == "VERB" and gov is None:
                    gov = self._governor(up.head)
            signing = self._signed_with(d.head)
            if signing is not None and (gov is None or gov.i not in by_head):
                # "promised to sign documents to charge Mexico a tariff": what the
                # documents do is what is promised
                gov = signing if signing.i in by_head else self._governor(signing)
            while gov is not None and gov.i not in by_head and gov.dep_ == "conj":
                gov = gov.head
            if gov is not None and gov.lemma_ in self.words.aspectual and gov.i not in by_head:
                gov = self._governor(gov) or gov  # "committed to continuing to work with"
            g = by_head.get(gov.i) if gov is not None else None
            if (d.type == "ASSAULT" and gov is not None and g is None
                    and gov.lemma_.lower() in self.words.readiness):  # fmt: skip
                # "the army prepared to resume shelling": readiness for force that falls
                # short of its use is PLOVER's MOBILIZE (military posture), asserted
                d.type, d.mode, d.cameo = "MOBILIZE", None, "150"
                d.trigger, d.head = gov.doc[gov.i : gov.i + 1], gov
                d.modality = self._modality(gov)
                continue
            coop = self.lex.cooperative(d.type)
            intent = self.lex.intent(d.type)
            if g is not None and g.type == "AGREE" and not g.absorbed:
                if d.type in _PROMISED_CONCESSIONS and not g.nominal:
                    # "agreed to pause the tariffs": PLOVER codes a promised concession
                    # (easing restrictions, declaring a withdrawal) as CONCEDE, not AGREE;
                    # the promise is the concession, so it is asserted as the AGREE was
                    g.absorbed = True
                    d.type, d.mode, d.cameo = "CONCEDE", None, _PROMISED_CONCESSIONS[d.type]
                    d.modality = g.modality
                    d.target = d.target or g.target
                    d.source = d.source or g.source
                    d.trigger, d.head = g.trigger, g.head
                elif coop:
                    d.absorbed = True
                    if g.cameo == "030":
                        g.cameo = intent
                    g.target = g.target or d.target
                    g.context.extend(c for c in d.context if c not in g.context)
                    if _mutual(d) and not g.target and len(g.source) > 1:
                        # "Panama and China agreed to establish diplomatic relations",
                        # "… agreed to hold talks": an agreement of the two with each other
                        g.source, g.target = g.source[:1], g.source[1:]
                else:
                    g.absorbed = True
                    d.promise = g.head
                    if d.modality == "asserted":
                        d.modality = "future"
                    d.target = d.target or g.target
                    d.source = d.source or g.source
            elif coop and gov is not None and g is None and gov.lemma_ in self._offer_verbs:
                if gov.pos_ in ("VERB", "AUX"):
                    src = self._subject(st, gov)[0]
                elif gov.pos_ == "ADJ" and gov.dep_ == "acomp":
                    src = self._subject(st, gov.head)[0]  # "Syria is willing to withdraw"
                elif gov.pos_ == "ADJ":  # "Mexico is committed to …": the root, passive
                    subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")),
                                None)  # fmt: skip
                    src = self._np_actors(st, subj, groups=False) if subj is not None else []
                else:
                    src = self._noun_source(st, gov)
                if src:
                    d.absorbed = True
                    span = gov.doc[gov.i : gov.i + 1]
                    extra.append(_Draft(
                        type="AGREE", mode=None, cameo=intent, context=list(d.context),
                        trigger=span, head=gov, source=src,
                        target=[a for a in (*d.source, *d.target) if a not in src],
                        modality=self._modality(gov), nominal=gov.pos_ == "NOUN",
                    ))  # fmt: skip
            elif coop and d.modality == "future" and not d.nominal and d.type != "CONCEDE":
                # PLOVER codes a promised concession as CONCEDE ("promises of future
                # concessions"), not as an intent to cooperate
                d.type, d.mode, d.cameo = "AGREE", None, intent
        return sorted((d for d in (*drafts, *extra) if not d.absorbed), key=lambda d: d.head.i)

    def _list_items(self, st: _DocState, doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
        """The items of a list of commitments told as bare infinitives.

        A readout lists what was agreed one item per paragraph: "we agreed to further
        engage the private sector. Fourth, to strengthen diplomatic efforts … Seven, to
        expand the scope of the committee …". Each item opened by a list word and "to" is
        one more commitment of the last promise (AGREE on agree/commit/pledge …) within
        ``_LIST_SPAN_SENTS`` sentences, with its parties and modality. A cooperative item
        is the AGREE itself; another kind keeps its type, promised (future).
        """
        promises = [d for d in drafts if d.type == "AGREE" and not d.absorbed
                    and d.head.lemma_.lower() in self.g_intent]  # fmt: skip
        if not promises:
            return drafts
        by_head = {d.head.i: d for d in drafts}
        extra: list[_Draft] = []
        sents = list(doc.sents)
        index = {sent.start: n for n, sent in enumerate(sents)}
        for n, sent in enumerate(sents):
            verb = self._list_item_verb(sent)
            if verb is None:
                continue
            opener = next((p for p in reversed(promises) if p.head.i < sent.start), None)
            if opener is None or n - index[opener.head.sent.start] > _LIST_SPAN_SENTS:
                continue
            item = by_head.get(verb.i)
            if item is not None and item.absorbed:
                continue
            if item is not None and not self.lex.cooperative(item.type):
                item.source = item.source or list(opener.source)
                item.target = item.target or list(opener.target)
                item.modality = "future" if opener.modality == "asserted" else opener.modality
                item.inherited, item.opener = True, opener
                continue
            cameo, context, target = "030", [], list(opener.target)
            if item is not None:
                item.absorbed = True
                cameo, context = self.lex.intent(item.type), list(item.context)
                target = item.target or target
            new = _Draft(
                type="AGREE", mode=None, cameo=cameo, context=context,
                trigger=doc[verb.i : verb.i + 1], head=verb, source=list(opener.source),
                target=target, modality=opener.modality, inherited=True, opener=opener,
            )  # fmt: skip
            extra.append(new)
            promises.append(new)
        if not extra:
            return drafts
        return sorted((d for d in (*drafts, *extra) if not d.absorbed), key=lambda d: d.head.i)

    def _list_item_verb(self, sent: Span) -> Token | None:
        """The verb of a list item "Fourth, to strengthen …" / "• to expand …", if the
        sentence is one (a subjectless infinitive after a list word)."""
        toks = [t for t in sent if not t.is_space]
        i = 0
        while i < len(toks) and toks[i].lower_ in ("so", "and", "then"):
            i += 1
        if i < len(toks) and (toks[i].lower_ in self.words.list_markers
                              or toks[i].text in ("•", "·", "-", "–")):  # fmt: skip
            i += 1
        else:
            return None
        if i < len(toks) and toks[i].text in (",", ":", ")", "."):
            i += 1
        if i + 1 >= len(toks) or toks[i].lower_ != "to" or toks[i].tag_ != "TO":
            return None
        verb = toks[i + 1]
        if verb.pos_ != "VERB" or any(c.dep_ in _SUBJ for c in verb.children):
            return None
        if verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            return None  # "Finally, to address the crisis, the President signed …": a purpose
        return verb

    # -- finishing -------------------------------------------------------------------

    def _contexts(self, sent: Span) -> list[str]:
        found: list[str] = []
        prev = ""
        for t in sent:
            lem = t.lemma_.lower()
            ctx = self.lex.contexts.get(lem) or self.lex.contexts.get(t.lower_)
            if ctx is None and prev:
                ctx = self.lex.context_bigrams.get((prev, lem))
            if ctx == "legal" and t.pos_ == "VERB" and any(
                c.dep_ in ("dobj", "dative")
                and self.lex.contexts.get(c.lemma_.lower()) == "economic"
                for c in t.children
            ):
                ctx = None  # "charge Mexico a 25% tariff" is a levy, no legal charge
            if ctx and ctx not in found:
                found.append(ctx)
            prev = lem
        return found

    def _date(self, st: _DocState, d: _Draft) -> str | None:
        clause_date, dct_default = self._dates
        doc = st.doc
        heads = [d.head]
        signed = self._signed_with(d.head)
        if signed is not None:
            heads.append(signed)  # "Today, Trump signed an order increasing the tariff"
        if d.nominal:
            heads += [c for c in d.head.children if c.dep_ in ("relcl", "acl")]
            up = d.head
            for _ in range(3):
                if up.dep_ in ("dobj", "pobj", "prep", "compound") and up.head.i != up.i:
                    up = up.head
                    if up.pos_ in ("VERB", "AUX"):
                        heads.append(up)
                        break
        if d.promise is not None:
            # a threat is made when promised ("promised in November to impose tariffs on
            # February 1" threatens in November); another promised act with no date of
            # its own is dated by its promise
            if d.type == "THREATEN":
                heads.insert(0, d.promise)
            else:
                heads.append(d.promise)
        for h in heads:
            dm = None
            if clause_date is not None:
                try:
                    dm = clause_date(st.original, st.original[h.i])
                except Exception:  # a dates bug must not lose the event
                    dm = None
            else:
                dm = self._fallback_date(st, h)
            value = getattr(dm, "value", None) if dm is not None else None
            if value == "PRESENT_REF" and doc._.pw_dct is not None:
                return str(doc._.pw_dct.isoformat())
            if value and not str(value).endswith("_REF"):
                return str(value)
        light = not d.nominal or (
            d.head.dep_ in ("dobj", "nsubj") and d.head.head.lemma_ in self.lex.support_verbs
        )
        if dct_default is not None and light:
            # a nominal buried in another clause ("on the heels of a phone call") is not
            # dated by that clause's tense
            try:
                v = dct_default(st.original, st.original[d.head.i])
            except Exception:
                v = None
            if v:
                return str(v)
        return None

    def _signed_with(self, v: Token) -> Token | None:
        """The signing verb of an order that does ``v`` ("signed an order increasing the
        tariff", or the order parsed as the subject of "increasing"): the order acts when
        it is signed, so the signing's date is the act's."""
        if v.pos_ not in ("VERB", "AUX"):
            return None
        documents = self.words.document_nouns
        infinitive = v.dep_ == "relcl" and _infinitive(v)
        if (v.dep_ == "acl" or infinitive) and v.head.lemma_.lower() in documents:
            # "signed an order increasing the tariff", "sign documents to charge Mexico …"
            g = v.head.head
        elif v.dep_ == "ccomp" and any(
            c.dep_ in _SUBJ and c.lemma_.lower() in documents for c in v.children
        ):
            g = v.head
        else:
            return None
        return g if g.lemma_ in self.words.signing else None

    def _fallback_date(self, st: _DocState, head: Token) -> DateMention | None:
        """Without the dates component: a dated phrase attached to this clause."""
        doc = st.doc
        spans = (doc._.pw_scratch or {}).get("date_spans") or []
        for s, e, dm in spans:
            if head.sent.start <= s < head.sent.end and self._attached(doc[s:e], head):
                return dm if isinstance(dm, DateMention) else None
        dct: dt.date | None = doc._.pw_dct
        for ent in head.sent.ents:
            if ent.label_ != "DATE" or not self._attached(ent, head):
                continue
            value = _explicit_date(ent.text, dct)
            if value:
                return DateMention(ent.text, ent.start_char, ent.end_char, "DATE", value)
        return None

    @staticmethod
    def _attached(span: Span, head: Token) -> bool:
        t = span.root
        for _ in range(4):
            if t.i == head.i:
                return True
            if t.head.i == t.i:
                return False
            t = t.head
            if t.pos_ in ("VERB", "AUX") and t.i != head.i:
                return False
        return t.i == head.i

    def _finish(self, st: _DocState, doc: Doc, drafts: list[_Draft]) -> list[Event]:
        article = doc._.pw_article
        art_id = getattr(article, "id", "") or ""
        events: list[Event] = []
        kept: list[_Draft] = []
        ctx_cache: dict[int, list[str]] = {}
        support = self.lex.support_verbs
        for d in drafts:
            sent = d.head.sent
            if (d.nominal and (d.anaphoric or not d.source or d.background)) or (
                not d.nominal and d.anaphoric
            ):
                prior = self._coreferent(d, kept)
                if prior is not None:
                    if prior.date is None:
                        prior.date = self._date(st, d)
                    if not prior.target and d.target:
                        prior.target = d.target
                    continue
            if not d.nominal and d.type == "CONSULT" and d.source and d.target:
                # "Noem met Sheinbaum on Friday … concluded a visit, where she met with
                # Sheinbaum": the same meeting told again, unless the dates differ
                prior = self._same_meeting(d, kept)
                if prior is not None:
                    date = self._date(st, d)
                    if prior.date is None or date is None or prior.date == date:
                        prior.date = prior.date or date
                        continue
            if d.background:
                continue
            if not d.source and not d.target:
                continue
            if _mutual(d) and not d.target and len(d.source) > 1:
                # "Sheinbaum and Trump spoke by phone": a meeting of the two is between
                # them, as "a call between Sheinbaum and Trump" is coded; so are the
                # relations "Vietnam and the United States normalized"
                d.source, d.target = d.source[:1], d.source[1:]
            if (
                not d.source
                and d.modality == "hypothetical"
                and (d.nominal or d.type in ("ASSAULT", "COERCE"))
            ):
                # "to repel the invasion of our country", "seizures that could kill 9.5
                # million Americans": nobody named does it
                continue
            if self._asked(d.head):
                continue  # "Does Mexico accept that …?": a question asserts nothing
            if d.type == "REQUEST" or d.mode == "visit":
                # "I call upon my fellow Americans", "my first visit to the Gulf of
                # America": an appeal to one's own people or a trip at home is no
                # request or visit between actors
                own = {st.country(a) for a in d.source} - {None}
                abroad = [a for a in d.target if st.country(a) not in own
                          or st.kind(a) not in ("country", None)]  # fmt: skip
                if d.target and not abroad and d.type == "REQUEST":
                    continue
                d.target = abroad
            if (
                d.type in _THREAT_MODE
                and d.source  # a threat is somebody's
                and d.modality in ("future", "hypothetical")
                and self._threat_context(st, d)
            ):
                d.mode = _THREAT_MODE[d.type]
                d.cameo = _THREAT_CAMEO[d.type]
                d.type = "THREATEN"
            refused = (self._modality(d.head, refusal=True)
                       if d.modality == "negated" and d.type in _REFUSED_AS else "negated")
            if (refused == "asserted" and d.type == "CONSULT" and not d.nominal
                    and self._own_modality(d.head) == "negated"):  # fmt: skip
                # "did not meet with Trump", "have not spoken since": a meeting that did
                # not happen is not one refused ("will not meet", "refused to meet" are)
                refused = "negated"
            if refused != "negated":
                # "had not agreed to receive asylum seekers", "would not accept any
                # intervention": a refused cooperation is a REJECT (as the PLOVER GSR
                # codes it), and the refusal itself is what the text asserts, so the
                # modality is the refusal's ("will not accept" → future), never negated.
                # A failure ("Mexico's failure to … coordinate with U.S. law
                # enforcement") is no refusal: the act stays, negated
                d.type, d.mode, d.cameo = "REJECT", None, _REFUSED_AS[d.type]
                d.modality = refused
                clause = d.head
                if d.nominal and d.head.dep_ == "dobj" and d.head.head.lemma_ in support:
                    clause = d.head.head  # "refused to hold talks": the light verb's clause
                gov = self._governor(clause)
                refusal = next((k for k in kept if gov is not None and k.head.i == gov.i
                                and k.type == "REJECT"), None)  # fmt: skip
                if refusal is not None:
                    # "refused to meet Trump": one refusal, already coded on "refused"
                    refusal.target = refusal.target or [
                        a for a in d.target if a not in refusal.source
                    ]  # "declined to withdraw its troops": no refusal to oneself
                    continue
            if not d.target and d.source and (
                d.type in _ADDRESSED
                # "Mexico had received deportation flights": from whoever deports
                or (d.type == "COOPERATE" and d.head.lemma_.lower() in self.words.receiving)
            ):
                other = self._other_party(st, d.source)
                if other:
                    d.target, d.context_target = [other], True
            if d.type == "CONSULT" and d.nominal and d.target and not d.source:
                # "the decision followed a call with President Claudia Sheinbaum": a call
                # or meeting is between two sides, and the side not named is the
                # article's other party
                other = self._other_party(st, d.target)
                if other:
                    d.source, d.context_target = [other], True
            if (not d.target and d.source and not d.nominal
                    and d.type in ("ASSAULT", "COERCE", "CONCEDE")):  # fmt: skip
                # "blew themselves up at three churches in the Indonesian city of
                # Surabaya", "arrested dozens of activists in Khartoum", "shortened the
                # curfew imposed in Sudan": nobody named suffers (or gains) it, so the
                # state where it happened does (the CAMEO convention for unnamed victims,
                # as for domestic repression and its easing)
                d.target = self._state_of_place(st, d.head, None, deep=True)
            d.date = self._date(st, d)
            if d.date is None and d.opener is not None:
                d.date = d.opener.date  # a list item is promised when its list was
            if d.type in ("COERCE", "ASSAULT") and self._aggregate(d):
                continue
            kept.append(d)
        for d in kept:
            if d.date and d.date[:1].isdigit():
                for o in kept:
                    if (o is not d and o.type == d.type and o.head.sent == d.head.sent
                            and not (o.date and o.date[:1].isdigit())
                            and set(o.source) & set(d.source)):  # fmt: skip
                        o.date = d.date  # "concluded a visit …, where she met …": one occasion
        for d in kept:
            sent = d.head.sent
            if sent.start not in ctx_cache:
                ctx_cache[sent.start] = self._contexts(sent)
            context = list(d.context)
            for c in ctx_cache[sent.start]:
                if c not in context:
                    context.append(c)
            start, end = sent.start_char, sent.end_char
            trig_off = d.trigger.start_char
            events.append(Event(
                id=event_id(art_id, start, end, d.type, trig_off),
                type=d.type, source=tuple(d.source), target=tuple(d.target),
                trigger=d.trigger.text, sentence=sent.text, start=start, end=end,
                mode=d.mode, context=tuple(context), date=d.date, location=d.location,
                modality=d.modality, confidence=self._confidence(st, d), cameo=d.cameo,
                goldstein=self.lex.goldstein_for(d.cameo),
            ))  # fmt: skip
        # one event per (sentence, type, trigger): phrase and word hits never double up
        seen: set[str] = set()
        unique = []
        for e in events:
            if e.id not in seen:
                seen.add(e.id)
                unique.append(e)
        return unique

    def _aggregate(self, d: _Draft) -> bool:
        """A tally over a period, not one event: "CBP seized 21,900 pounds in fiscal year
        2024", "Mexico seizes thousands of firearms every year", "have seized thousands
        of firearms since October 2024"."""
        if d.date and d.date[:2] in ("FY", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"):
            return True
        if any(c.dep_ == "prep" and c.norm_ == "since" for c in d.head.children):
            return True
        if any(t.lower_ == "fiscal" for t in d.head.sent):
            return True  # "Last fiscal year, CBP apprehended …": a reporting period's total
        head = d.head
        past = head.tag_ == "VBD" or any(
            a.dep_ == "auxpass" and a.tag_ == "VBD" for a in head.children
        )
        if past and not any(a.dep_ == "aux" and a.lemma_ == "have" for a in head.children):
            # told in the simple past, a count is one act's ("arrested dozens of activists
            # ahead of the protests", "were slaughtered"), not a running total
            return False
        tally = self.words.tally
        for c in d.head.children:
            if c.dep_ not in ("dobj", "nsubjpass"):
                continue
            for t in c.subtree:
                # a vague plural count ("thousands of firearms", "miles de armas") is a tally
                word = t.lemma_.lower() in tally or t.lower_ in tally
                if word and (t.tag_ == "NNS" or "Plur" in t.morph.get("Number", [])):
                    return True
        return False

    def _threat_context(self, st: _DocState, d: _Draft) -> bool:
        """A future conflictual action announced by its own source is a threat."""
        head = d.head
        t = head
        for _ in range(3):
            if t.head.lemma_ in self.words.threat_governors:
                return False  # the governor is the THREATEN event already
            t = t.head
        if any(m.dep_ == "mark" and m.norm_ in ("unless", "if") for c in head.subtree
               for m in c.children if c.dep_ == "advcl"):  # fmt: skip
            return True
        t = head
        saying = self.words.speech | self.words.promises
        for _ in range(3):
            if (t.dep_ in ("ccomp", "xcomp") or self._governed_advcl(t)) and (
                    t.head.lemma_ in saying):  # fmt: skip
                speaker = self._subject(st, t.head)[0]
                return not speaker or not d.source or bool(set(speaker) & set(d.source))
            if t.head.i == t.i:
                break
            t = t.head
        return False

    @staticmethod
    def _recent(d: _Draft, kept: list[_Draft]) -> Iterator[_Draft]:
        """Kept drafts of the last ``_COREF_SENTS`` sentences before ``d``, latest first."""
        floor = window_start(d.head.doc, d.head.i, _COREF_SENTS)
        for prior in reversed(kept):
            if prior.head.i < floor:
                return
            yield prior

    def _same_meeting(self, d: _Draft, kept: list[_Draft]) -> _Draft | None:
        """An earlier CONSULT (within the coreference window) between the same parties
        with the same modality: the occasion ``d`` tells again, if any."""
        for prior in self._recent(d, kept):
            if (prior.type == d.type and prior.modality == d.modality
                    and set(prior.source) & set(d.source)
                    and set(prior.target) & set(d.target)):  # fmt: skip
                return prior
        return None

    def _coreferent(self, d: _Draft, kept: list[_Draft]) -> _Draft | None:
        for prior in self._recent(d, kept):
            if prior.type != d.type and not (prior.type == "AGREE" and d.type == "CONCEDE"):
                continue
            joined = d.anaphoric and d.type == "CONSULT"  # "X also took part in the talks"
            if d.source and prior.source and not set(d.source) & set(prior.source) and not joined:
                continue
            if (d.type == "CONSULT" and not d.anaphoric and d.target and prior.target
                    and not set(d.target) & set(prior.target)):  # fmt: skip
                continue  # "talks with Lutnick …, a call with Sheinbaum": another occasion
            return prior
        return None

    def _confidence(self, st: _DocState, d: _Draft) -> float:
        # Why these weights: an event with both actors named and a verbal trigger whose
        # subject is its own is what hand coders agree on most; inherited or fallback
        # actors and nominal triggers are where coders (and this one) disagree.
        c = 0.45
        if d.source:
            c += 0.15
        if d.target:
            c += 0.15
        if not d.nominal:
            c += 0.1
        if d.inherited:
            c -= 0.1
        if d.context_target:
            c -= 0.1  # the target is the article's other party, not named in the sentence
        if st.fallback:
            c -= 0.1
        if d.modality != "asserted":
            c -= 0.05
        return round(max(0.1, min(0.95, c)), 2)


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}  # fmt: skip
_EXPLICIT = re.compile(r"^(?:on\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


def _asked_question(v: Token, questions: frozenset[str]) -> bool:
    """ "when asked about US military action", "Sheinbaum, asked whether Mexico would
    retaliate, said …": a bare participle of "ask" with no subject, auxiliary or agent
    is a question put to the speaker (by reporters), not a request between actors. The
    small model may tag the participle as a past tense; a conjoined verb shares its
    subject and is no participle."""
    if v.lemma_ not in questions or v.tag_ not in ("VBN", "VBD") or v.dep_ == "conj":
        return False
    return not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in v.children
    )


def _explicit_date(text: str, dct: dt.date | None) -> str | None:
    """Explicit dates: "April 16", "March 2, 2025" → ISO (the year from the DCT if missing)."""
    m = _EXPLICIT.match(text.strip())
    if not m:
        return None
    month = _MONTHS.get(m.group(1).lower())
    if month is None:
        return None
    year = int(m.group(3)) if m.group(3) else (dct.year if dct else None)
    if year is None:
        return None
    try:
        return dt.date(year, month, int(m.group(2))).isoformat()
    except ValueError:
        return None


def iter_event_dicts(events: Iterable[Event]) -> list[dict[str, Any]]:
    from presswatch.records import to_dict

    return [to_dict(e) for e in events]


@Language.factory("pw_events", default_config={"lexicon_path": None, "kb_paths": []})
def make_event_coder(
    nlp: Language, name: str, lexicon_path: str | None, kb_paths: list[str]
) -> EventCoder:
    kb = None
    try:  # the KB is cached per process: the actors component loaded the same one
        from presswatch.kb import load_kb

        kb = load_kb(tuple(kb_paths))
    except Exception:  # without a KB, unlinked phrases just stay unlinked
        kb = None
    lexicon = load_lexicon(lexicon_path) if lexicon_path else lexicon_for(nlp.lang or "en")
    return EventCoder(nlp, lexicon, kb)
