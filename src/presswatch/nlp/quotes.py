"""Quotations with their speakers: direct quotes and reported speech.

Direct quotes are found by a scan of the quote marks in the text (“ ” « » " and
‘ ’, where a ’ between letters is an apostrophe, not a quote mark); a quote may
run over several paragraphs when each paragraph re-opens it.  The speaker
comes, in order of preference, from

1. a speech cue verb near the quote, outside it ("X said", "said X",
   "X, stating, “…”", "declaring it “…”"): its subject, found through the
   dependency parse (climbing advcl/conj/xcomp heads; an ``acl`` cue attaches
   to the noun it describes);
2. "according to X";
3. a colon or dash preamble ("X: “…”", "“…” — X");
4. the previous quote of the same paragraph, when nothing else attributes it.

Reported speech comes from one :class:`~spacy.matcher.Matcher` pass over the
cue lexicon (``data/cue_verbs.yaml``): a cue verb's clausal complement
(ccomp/xcomp), or for verbs such as "acknowledge" and "stress" their object,
is the reported content.  ``Quote.cue`` is always the cue's **lemma**
("state", not "stated"), so that quotes can be grouped by cue.

Speakers become actor ids through ``pw_scratch["actor_tokens"]`` (written by
the actors component).  "she"/"he" resolve to the last compatible person
mentioned (subjects first) in the preceding sentences, and a description
("the former president") to the earlier mention whose surrounding words share
the most words with it.  Without ``actor_tokens`` the speaker is None and
``speaker_text`` is still set.

White House transcripts label turns ("THE PRESIDENT:", "MS. LEAVITT:", "Q").
The turn's own words are not quotes; an "I"/"we" subject of reported speech
inside a turn is attributed to the turn's label.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from presswatch.kb.model import slugify
from presswatch.nlp.extensions import doc_text, window_start
from presswatch.nlp.lexicons import BASE_LANG, read_data
from presswatch.records import ActorRef, Quote

__all__ = [
    "QuoteExtractor", "SpanishQuoteExtractor", "SpeakerResolver", "doc_text",
    "find_dash_quotes", "find_direct_quotes", "kb_genders", "load_cues", "make_quote_extractor",
]


@dataclass(frozen=True, slots=True)
class Cues:
    speech: frozenset[str]
    cognition: frozenset[str]
    np_content: frozenset[str]
    infinitive: frozenset[str]
    prep_content: dict[str, frozenset[str]]
    not_speakers: frozenset[str]
    nouns: frozenset[str]
    self_subjects: frozenset[str]
    speaker_nouns: frozenset[str]
    female: frozenset[str]
    male: frozenset[str]
    plural: frozenset[str]
    #: Phrases that attribute a clause to the noun after them ("according to X", "según X").
    according: tuple[str, ...] = ("according to",)
    #: Adverbs that negate a cue (Spanish "no"; English uses the parser's ``neg``).
    negations: frozenset[str] = frozenset()
    #: Conjugated forms the lemmatizer misses -> lemma.
    forms: dict[str, str] = field(default_factory=dict)
    #: Nouns that describe a person by office (empty: the English list in this module).
    title_nouns: frozenset[str] = frozenset()
    #: Demonym adjective -> ISO 3166 alpha-3 ("mexicano" -> MEX) for "el funcionario mexicano".
    demonyms: dict[str, str] = field(default_factory=dict)


@functools.cache
def load_cues(lang: str = BASE_LANG) -> Cues:
    """The cue lexicon of ``lang`` (``nlp/data/<lang>/cue_verbs.yaml``), read once per
    process (the quote component and the event coder both use it)."""
    raw: dict[str, Any] = read_data("cue_verbs.yaml", lang)
    pron = raw["pronouns"]
    return Cues(
        speech=frozenset(raw["speech"]),
        cognition=frozenset(raw["cognition"]),
        np_content=frozenset(raw["np_content"]),
        infinitive=frozenset(raw["infinitive"]),
        prep_content={k: frozenset(v) for k, v in raw["prep_content"].items()},
        not_speakers=frozenset(raw["not_speakers"]),
        nouns=frozenset(raw["nouns"]),
        self_subjects=frozenset(raw["self_subjects"]),
        speaker_nouns=frozenset(raw["speaker_nouns"]),
        female=frozenset(pron["female"]),
        male=frozenset(pron["male"]),
        plural=frozenset(pron["plural"]),
        according=tuple(raw.get("according") or ("according to",)),
        negations=frozenset(raw.get("negations") or ()),
        forms={str(k): str(v) for k, v in (raw.get("forms") or {}).items()},
        title_nouns=frozenset(raw.get("title_nouns") or ()),
        demonyms={str(k): str(v) for k, v in (raw.get("demonyms") or {}).items()},
    )


# --------------------------------------------------------------------------- direct quotes

#: Opening mark -> closing mark.  „ (German low) closes with “ in some styles.
_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“"}
_MARKS = re.compile(r'[“”«»"„]')
#: ‘single quotes’: a ’ followed by a letter is an apostrophe inside the quote.
_SINGLE = re.compile(r"(?<![\w’])‘((?:[^‘’\n]|’(?=\w))+?)’(?!\w)")
#: A quote longer than this without closing is an unbalanced mark, not a quote.
MAX_QUOTE_CHARS = 2500


@dataclass(frozen=True, slots=True)
class RawQuote:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    start: int  # offset of the quoted text
    end: int
    text: str  # quoted text without marks (continuation marks removed)


def _opener_ok(text: str, pos: int) -> bool:
    """A straight " opens a quote after a space, line start or opening punctuation."""
    return pos == 0 or text[pos - 1] in " \t\n([{—–-:/"


def _closer_ok(text: str, pos: int) -> bool:
    return pos + 1 >= len(text) or not text[pos + 1].isalnum()


def _at_line_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


def _make(text: str, open_: int, close: int, conts: list[int]) -> RawQuote | None:
    start, end = open_ + 1, close
    while start < end and text[start].isspace():
        start += 1
    # "…cartels,” she said": the comma is the sentence's, not the speaker's.
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end <= start:
        return None
    body = text[start:end]
    for c in reversed(conts):  # drop the marks that re-open a continued quote
        if start <= c < end:
            body = body[: c - start] + body[c - start + 1 :]
    return RawQuote(open_, close, start, end, body)


def find_direct_quotes(text: str) -> list[RawQuote]:
    """Balanced quotations in ``text``, outermost only, in order."""
    out: list[RawQuote] = []
    open_: int | None = None
    open_ch = ""
    conts: list[int] = []
    for m in _MARKS.finditer(text):
        pos, ch = m.start(), m.group()
        if open_ is not None and pos - open_ > MAX_QUOTE_CHARS:
            open_ = None  # unbalanced: forget it and read this mark afresh
        if open_ is None:
            if ch in "“«„" or (ch == '"' and _opener_ok(text, pos)):
                open_, open_ch, conts = pos, ch, []
            continue
        closer = _PAIRS[open_ch]
        if ch == closer and (ch != '"' or _closer_ok(text, pos)):
            if "\n\n" not in text[open_:pos] or conts:
                q = _make(text, open_, pos, conts)
                if q is not None:
                    out.append(q)
            open_ = None
        elif ch == open_ch:
            if _at_line_start(text, pos):
                conts.append(pos)  # a new paragraph re-opens the same quote
            else:
                open_, conts = pos, []  # the earlier mark was never closed
    # ‘single’ quotes that are not inside a double-quoted passage.
    spans = [(q.open, q.close) for q in out]
    for m in _SINGLE.finditer(text):
        if any(a <= m.start() <= b for a, b in spans):
            continue
        q = _make(text, m.start(), m.end() - 1, [])
        if q is not None:
            out.append(q)
    out.sort(key=lambda q: q.open)
    return out


# --------------------------------------------------------------------------- transcripts

#: "THE PRESIDENT:", "MS. LEAVITT:", "SECRETARY RUBIO:" or a bare "Q" at line start.
_TURN = re.compile(
    r"(?m)^(?P<label>Q(?=[ \t]{2,}|[ \t]*:)|(?:[A-Z][A-Z.'’\-]*[ \t]){0,4}[A-Z][A-Z.'’\-]+(?=:))"
)


@dataclass(frozen=True, slots=True)
class Turn:
    label: str
    label_start: int
    label_end: int
    end: int  # where the next turn starts


#: Words of a turn label that are honorifics or titles, not the name ("SECRETARY RUBIO").
_LABEL_TITLES = frozenset(
    """mr mr. ms ms. mrs mrs. dr dr. secretary ambassador senator governor general admiral
    attorney representative congressman congresswoman director administrator speaker leader
    deputy chief commissioner president minister prime vice sen. rep. gov. gen.""".split()
)


def label_actor(label: str, kb: Any, day: Any) -> str | None:
    """The actor a transcript label names on ``day``.

    "THE PRESIDENT" (and "THE VICE PRESIDENT", "THE FIRST LADY") is whoever held the
    office in the United States on the document's date — a White House transcript's
    president is the US president of that day; "MS. LEAVITT", "SECRETARY RUBIO" are
    resolved by surname through the knowledge base.  None when the KB does not know.
    """
    if kb is None or label == "Q":
        return None
    words = label.replace("’", "'").split()
    low = [w.lower() for w in words]
    if low and low[0] == "the":
        try:
            held = kb.holders(" ".join(low[1:]), "USA", day)
        except Exception:  # an unknown title: nobody holds it
            held = []
        return held[0].id if held else None
    name = [w for w, lw in zip(words, low, strict=True) if lw not in _LABEL_TITLES]
    if not name:
        return None
    try:
        hit = kb.resolve(" ".join(w.title() for w in name), day)
    except Exception:  # resolution is best effort
        return None
    return hit.id if hit is not None and getattr(hit, "known", False) else None


def find_turns(text: str) -> list[Turn]:
    hits = list(_TURN.finditer(text))
    turns = []
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(text)
        turns.append(Turn(m.group("label"), m.start(), m.end(), end))
    return turns


# --------------------------------------------------------------------------- speakers

#: Nouns that describe a person by office; "the former president" resolves
#: against earlier mentions described with the same words.
_TITLE_NOUNS = frozenset(
    [
        "president", "secretary", "minister", "leader", "official", "ambassador", "governor",
        "spokesperson", "spokesman", "spokeswoman", "chancellor", "senator", "representative",
        "chief", "director", "head", "mayor", "commissioner", "attorney", "general", "envoy",
        "czar", "adviser", "advisor", "premier", "prime",
    ]
)
#: Verbs by which a transcript speaker reports their own earlier words ("I said that …").
_SELF_REPORT = frozenset(["say", "tell", "state", "mention", "note", "add", "explain", "write"])
#: Nouns that refer back to a named group or organisation ("the collective").
_GROUP_NOUNS = frozenset(
    [
        "collective", "organization", "organisation", "group", "agency", "ministry",
        "department", "company", "foundation", "coalition", "network", "council",
        "committee", "commission", "bureau", "association", "union", "firm", "institute",
    ]
)
_SUBJ = ("nsubj", "nsubjpass", "nsubj:pass", "csubj")
_CLOSERS = frozenset({"»", "”", '"', "’"})
_CLIMB = frozenset({"advcl", "conj", "xcomp", "ccomp", "pcomp", "relcl", "parataxis"})


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    actor: str | None
    head: int  # token index of the phrase head


def _indirect_quote(content: Span, speaker: Speaker, cue: str) -> Quote:
    """An indirect quote: the reported words ``content``, said by ``speaker``."""
    return Quote(
        text=content.text,
        start=content.start_char,
        end=content.end_char,
        kind="indirect",
        speaker=speaker.actor,
        speaker_text=speaker.text,
        cue=cue,
    )


def _subject(cue: Token, inside: bytearray | None = None) -> Token | None:
    """The subject of a cue verb, climbing to the verb it hangs from.

    With ``inside`` (tokens inside direct quotes), a verb of the quoted words is
    climbed over: "declaring it “… Mexico must do more …,” while reaffirming …"
    hangs the participle on the quote, whose subject is not the speaker.
    """
    t = cue
    for _ in range(6):
        # Heads compared by index: spaCy makes a new Token object on every access, so
        # ``t.head is not t`` always held and a root inside a quote looped on itself.
        if inside is not None and inside[t.i] and t.head.i != t.i:
            t = t.head
            continue
        for c in t.children:
            # A dash or quote mark the parser took for a subject ("—No aceptaremos … —afirmó
            # la presidenta" parses the dashes as nsubj) is never the speaker, nor is the
            # paragraph break es_core_news_sm hangs as nsubj on a paragraph's first verb.
            if c.dep_ in _SUBJ and c.is_space:
                # The subject the parser then hung under the break ("\n\nEbrard advirtió":
                # Ebrard is its ``flat``); not a phrase with a preposition ("En un
                # comunicado, la Fiscalía … informaron").
                c = next((g for g in c.children if g.pos_ in ("PROPN", "NOUN")
                          and not any(x.dep_ == "case" for x in g.children)), c)
            if (c.dep_ in _SUBJ and not c.is_punct and not c.is_space) or (
                c.head.is_space and c.head.dep_ in _SUBJ and c.head.head.i == t.i
            ):
                if inside is not None and inside[t.i] and inside[c.i]:
                    continue  # a quoted verb's own quoted subject is not the speaker
                if c.i < t.i and any(x.text == ":" for x in c.doc[c.i + 1 : t.i]):
                    # A transcript label the parser hung on the turn's first verb
                    # ("PRESIDENTA CLAUDIA SHEINBAUM PARDO: El presidente Trump nos dijo …").
                    continue
                return c
            if c.dep_ == "agent":  # "it was stated by X"
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head  # "the council, stating …"
        if t.dep_ == "parataxis" and t.i == cue.i and t.i < t.head.i:
            break  # "A cambio, explicó, Washington se comprometió …": the incise's subject
            # is dropped; the clause it reports has its own
        if t.dep_ in _CLIMB and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def _phrase(head: Token) -> Span:
    """The speaker phrase: determiners, modifiers and compounds up to the head."""
    doc = head.doc
    start = head.left_edge.i
    # Leading punctuation, and a Spanish preposition the name hangs from ("Según García
    # Harfuch", "de acuerdo con la Fiscalía": ``case``/``fixed``), are not the speaker.
    while start < head.i and (doc[start].is_punct or doc[start].is_space
                              or (doc[start].dep_ in ("case", "fixed")
                                  and doc[start].head.i in (head.i, start - 1, start - 2))):
        start += 1
    end = head.i + 1
    # Compared by index: spaCy makes a new Token object on every access, so ``is``
    # never holds between two of them.
    while end < len(doc) and doc[end].dep_ in ("compound", "flat") and (
        doc[end].head.i == head.i
    ):
        end += 1  # "García Harfuch": UD attaches the surname as ``flat`` to the first name
    return doc[start:end]


class SpeakerResolver:
    """Turns a speaker phrase into an actor id, using the actors component's output."""

    def __init__(self, doc: Doc, cues: Cues, genders: dict[str, str]) -> None:
        scratch = doc._.pw_scratch or {}
        self.doc = doc
        self.cues = cues
        self.genders = genders
        self.tokens: dict[int, str] = dict(scratch.get("actor_tokens") or {})
        self.refs: dict[str, ActorRef] = dict(doc._.pw_actors or {})
        # Mentions as (first token, last token, actor), in text order.
        self.mentions: list[tuple[int, int, str]] = []
        for i in sorted(self.tokens):
            aid = self.tokens[i]
            if self.mentions and self.mentions[-1][1] == i - 1 and self.mentions[-1][2] == aid:
                s, _, _ = self.mentions[-1]
                self.mentions[-1] = (s, i, aid)
            else:
                self.mentions.append((i, i, aid))

    def _is_person(self, aid: str) -> bool:
        ref = self.refs.get(aid)
        return ref is None or ref.kind == "person"

    def _before(self, i: int, sentences: int = 3) -> list[tuple[int, int, str]]:
        """Mentions that end before token i, within the given number of earlier sentences."""
        floor = window_start(self.doc, i, sentences)
        return [m for m in self.mentions if floor <= m[0] and m[1] < i]

    def _pronoun(self, word: str, i: int) -> str | None:
        want = "female" if word in self.cues.female else "male" if word in self.cues.male else None
        if want is None:
            return None
        cands = [
            m
            for m in self._before(i)
            if self._is_person(m[2]) and self.genders.get(m[2], want) == want
        ]
        # The last person mentioned as a subject first, then any last person.
        for m in reversed(cands):
            if self.doc[m[1]].dep_ in _SUBJ or self.doc[m[0]].dep_ in _SUBJ:
                return m[2]
        return cands[-1][2] if cands else None

    def _description(self, phrase: Span, i: int) -> str | None:
        words = {t.lower_ for t in phrase if not (t.is_stop or t.is_punct)}
        best: tuple[int, int] = (0, -1)
        pick: str | None = None
        for m in self.mentions:
            if m[1] >= i or not self._is_person(m[2]):
                continue
            lo = max(0, m[0] - 6)
            around = {t.lower_ for t in self.doc[lo : m[0]]}
            # An apposition right after the name describes it too ("Sheinbaum, Mexico's president"),
            # never the phrase itself ("Según Sheinbaum, la funcionaria estadounidense
            # propuso": the official is someone else).
            for t in self.doc[m[1] + 1 : min(len(self.doc), m[1] + 8, i)]:
                if t.is_sent_end or t.lower_ in (";", "."):
                    break
                around.add(t.lower_)
            score = len(words & around)
            if phrase.root.lower_ in around and (score, m[0]) > best:
                best, pick = (score, m[0]), m[2]
        return pick

    def _by_gender(self, head: Token, i: int) -> str | None:
        """"la mandataria", "el funcionario": Spanish press names a person once and then
        by office; the office noun's grammatical gender picks the last person of that
        gender mentioned before (a linked actor of unknown gender counts as either)."""
        gender = head.morph.get("Gender", [])
        want = "female" if "Fem" in gender else "male" if "Masc" in gender else None
        if want is None:
            return None
        cands = [m for m in self.mentions if m[1] < i and self._is_person(m[2])]
        # "el funcionario mexicano": the demonym narrows the people to one country.
        countries = {self.cues.demonyms[c.lower_] for c in head.children
                     if c.dep_ == "amod" and c.lower_ in self.cues.demonyms}
        if countries:
            cands = [m for m in cands if getattr(self.refs.get(m[2]), "country", None)
                     in countries]
        for m in reversed(cands):
            if self.genders.get(m[2]) == want:
                return m[2]
        for m in reversed(cands):
            if m[2] not in self.genders:
                return m[2]
        return None

    def resolve(self, phrase: Span) -> str | None:
        head = phrase.root
        # A possessor is not the speaker: "Zambada's lawyer", "Camarena's relatives".
        owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        linked = [t for t in phrase if t.i in self.tokens and t.i not in owned]
        if self.cues.title_nouns and linked and (
            head.lower_ in self.cues.title_nouns or head.lemma_.lower() in self.cues.title_nouns
        ) and not any(self._is_person(self.tokens[t.i]) for t in linked):
            # "el funcionario mexicano" linked to the country: the speaker is the official
            # (the demonym helps to pick which one).
            found = self._by_gender(head, phrase.start)
            if found is not None:
                return found
        if any(t.dep_ == "cc" for t in phrase) and linked:
            # "García Harfuch and Gertz Manero said": the first named speaks first
            # (the parser often heads the phrase on the last name).
            return self.tokens[linked[0].i]
        if head.i in self.tokens and head.i not in owned:
            return self.tokens[head.i]
        # "Her Foreign Secretary, Juan Ramón de la Fuente", "The Mexican-American author
        # Sandra Cisneros": the apposition names the speaker, not the demonym.
        for c in head.children:
            if c.dep_ in ("appos", "compound", "npadvmod") and c.i > head.i and c.i in self.tokens:
                return self.tokens[c.i]
        linked = [t for t in linked if t.dep_ != "amod"] or linked
        if linked:
            return self.tokens[linked[0].i]
        if not self.tokens:
            return None
        low = head.lower_
        if low in self.cues.female or low in self.cues.male:
            return self._pronoun(low, head.i)
        if self._is_office(head):
            return self._by_office(phrase)
        if head.pos_ == "NOUN" and head.lemma_.lower() in _GROUP_NOUNS and any(
            c.lower_ in ("the", "this", "that") for c in head.children
        ):
            # "The collective reported …": the group named last, within three sentences.
            for m in reversed(self._before(head.i)):
                ref = self.refs.get(m[2])
                if ref is not None and ref.kind in ("organization", "group"):
                    return m[2]
        names = [
            t for t in phrase
            if t.ent_type_ in ("PERSON", "PER", "") and t.pos_ == "PROPN" and t.is_title
        ]
        if len(names) >= 2 and head in names and len(names) == len(phrase):
            # A person the actors component did not link gets the slug of the name,
            # as the actors component names unknown people ("Anne Fundner").
            return slugify(" ".join(t.text for t in names))
        return None

    def _is_office(self, head: Token) -> bool:
        return head.pos_ == "NOUN" and (
            head.lemma_.lower() in (self.cues.title_nouns or _TITLE_NOUNS)
            or head.lower_ in self.cues.title_nouns
        )

    def _by_office(self, phrase: Span) -> str | None:
        found = self._description(phrase, phrase.start)
        if found is None and self.cues.title_nouns:
            found = self._by_gender(phrase.root, phrase.start)
        return found

    def office_holder(self, head: Token) -> str | None:
        """The person named earlier whom an office noun describes ("la funcionaria
        estadounidense" → Noem), as a speaker's is resolved; None for another noun."""
        return self._by_office(_phrase(head)) if self._is_office(head) else None

    def speaker(self, head: Token) -> Speaker:
        phrase = _phrase(head)
        return Speaker(phrase.text, self.resolve(phrase), head.i)


# --------------------------------------------------------------------------- component


def kb_genders(kb: Any, ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    if kb is None:
        return out
    for aid in ids:
        try:
            actor = kb.get(aid)
        except Exception:  # an unknown id simply has no gender
            continue
        gender = getattr(actor, "gender", None)
        if gender in ("female", "male"):
            out[aid] = gender
    return out


class QuoteExtractor:
    def __init__(self, nlp: Language, cues: Cues, kb: Any = None) -> None:
        self.cues = cues
        self.kb = kb
        self.matcher = Matcher(nlp.vocab)
        cue_patterns: list[list[dict[str, Any]]] = [
            [{"LEMMA": {"IN": sorted(cues.speech | cues.cognition)}, "POS": "VERB"}]
        ]
        if cues.forms:
            cue_patterns.append([{"LOWER": {"IN": sorted(cues.forms)}}])
        self.matcher.add("CUE", cue_patterns)
        self.matcher.add(
            "ACCORDING", [[{"LOWER": w} for w in phrase.split()] for phrase in cues.according]
        )
        self.cue_id = nlp.vocab.strings["CUE"]
        self.cue_lemmas = cues.speech | cues.cognition
        #: The document being read and its text (see :meth:`_text`).
        self._chunks_of: tuple[Doc, list[tuple[int, int]]] | None = None

    def _noun_chunks(self, doc: Doc) -> list[tuple[int, int]]:
        """The doc's noun chunks, computed once per document: ``Span.noun_chunks`` runs
        the chunker over the whole doc on every call and filters by the span."""
        cached = self._chunks_of
        if cached is not None and cached[0] is doc:
            return cached[1]
        chunks = [(nc.start, nc.end) for nc in doc.noun_chunks]
        self._chunks_of = (doc, chunks)
        return chunks

    def _lemma(self, cue: Token) -> str:
        """A cue's lemma ("state" for "stated"), through ``forms`` where the lemmatizer
        misses it."""
        return self.cues.forms.get(cue.lower_) or cue.lemma_.lower()

    def _no_subject(self, doc: Doc, cue: Token, res: SpeakerResolver) -> Speaker | None:
        """The speaker of a cue without a subject; English always writes one."""
        return None

    def _according_obj(self, doc: Doc, a: int) -> Token | None:
        """The noun an "according to" at token ``a`` attributes to."""
        if a + 1 >= len(doc):
            return None
        return next((c for c in doc[a + 1].children if c.dep_ == "pobj"), None)

    def _raw_quotes(self, text: str) -> list[RawQuote]:
        return find_direct_quotes(text)

    # ----------------------------------------------------------------- turns
    def _turn_speaker(self, doc: Doc, char: int, turns: list[Turn]) -> Speaker | None:
        """The speaker of the transcript turn holding offset ``char`` ("THE PRESIDENT:")."""
        turn = next((t for t in turns if t.label_end <= char < t.end), None)
        if turn is None or turn.label == "Q":
            return None
        actor = label_actor(turn.label, self.kb, doc._.pw_dct)
        if actor is None:
            scratch = doc._.pw_scratch or {}
            tokens = scratch.get("actor_tokens") or {}
            lab = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
            ids = [tokens[t.i] for t in lab or () if t.i in tokens]
            actor = ids[-1] if ids else None
        return Speaker(turn.label, actor, -1)

    # ----------------------------------------------------------------- direct
    def _cue_speaker(
        self, doc: Doc, q: Span, cues: list[int], according: list[int], inside: bytearray,
        res: SpeakerResolver, turns: list[Turn],
    ) -> tuple[Speaker, str] | None:
        first, last = doc[q.start].sent, doc[q.end - 1].sent
        lo, hi = first.start, last.end
        # "“…,” she said." is sometimes split after the closing mark.
        if hi < len(doc) and doc[hi].is_lower:
            hi = doc[hi].sent.end
        # Never across a paragraph break: the next paragraph's "X said" is another report.
        text = doc_text(doc)
        para_lo = text.rfind("\n\n", 0, q.start_char)
        para_hi = text.find("\n\n", q.end_char)
        para_hi = len(text) if para_hi < 0 else para_hi
        cands = [
            c for c in cues
            if lo <= c < hi and not inside[c] and para_lo < doc[c].idx < para_hi
        ]
        cands.sort(key=lambda c: min(abs(c - q.start), abs(c - q.end)))
        for c in cands:
            cue = doc[c]
            if cue.dep_ == "ccomp" and cue.head.i in cands:
                continue  # "X said Mexico welcomed Y: “…”": the outer speaker speaks
            subj = _subject(cue)
            if subj is None:
                dropped = self._no_subject(doc, cue, res)
                if dropped is not None:
                    return dropped, self._lemma(cue)
                continue
            if inside[subj.i] or not self._can_speak(subj, res):
                continue
            if subj.lower_ in self.cues.self_subjects:
                # "I said, “…”" inside a transcript turn is the turn's speaker.
                spk = self._turn_speaker(doc, cue.idx, turns)
                if spk is None:
                    continue
                return spk, self._lemma(cue)
            return res.speaker(subj), self._lemma(cue)
        for a in according:
            if lo <= a < hi and not inside[a]:
                obj = self._according_obj(doc, a)
                if obj is not None:
                    return res.speaker(obj), self.cues.according[0]
        return None

    def _preamble_speaker(
        self, doc: Doc, raw: RawQuote, res: SpeakerResolver
    ) -> Speaker | None:
        text = doc_text(doc)
        line_start = text.rfind("\n", 0, raw.open) + 1
        before = text[line_start : raw.open].rstrip().rstrip("*_ ")
        if before.endswith((":", "—", "–")):
            span = doc.char_span(line_start, line_start + len(before) - 1, alignment_mode="expand")
            if span is not None and 0 < len(span) <= 25:
                # A name leads the preamble ("• Greg Swan, who lost his son …:"); a bullet
                # mark confuses the parse, so the run of proper nouns is read as written.
                toks = [t for t in span if not (t.is_punct or t.is_space or t.text == "•")]
                run = []
                for t in toks[:6]:
                    if t.pos_ != "PROPN" or not t.is_title:
                        break
                    run.append(t)
                if run and (len(run) < len(toks)) and toks[len(run)].text != "’s":
                    name = doc[run[0].i : run[-1].i + 1]
                    return Speaker(name.text, res.resolve(name), run[-1].i)
                # Else the last sentence of the preamble, and its first noun phrase.
                sent = doc[span.end - 1].sent
                span = doc[max(span.start, sent.start) : span.end]
                for a, b in self._noun_chunks(doc):
                    if a < span.start or b > span.end:
                        continue
                    nc = doc[a:b]
                    if nc.root.pos_ in ("PROPN", "NOUN", "PRON") and nc.root.tag_ not in (
                        "WP", "WDT"
                    ):
                        return res.speaker(nc.root)
        after = text[raw.close + 1 : raw.close + 80]
        m = re.match(r"\s*[—–]\s*([^\n.;,()]{2,60})", after)
        if m:
            s = raw.close + 1 + m.start(1)
            span = doc.char_span(s, s + len(m.group(1).rstrip()), alignment_mode="contract")
            if span is not None and len(span) and span[0].is_title:
                # A dash sign-off is a name phrase on its own; the parse of a fragment
                # is unreliable, so the phrase is taken as written.
                return Speaker(span.text, res.resolve(span), span.root.i)
        return None

    def __call__(self, doc: Doc) -> Doc:
        doc._.pw_scratch = doc._.pw_scratch or {}
        text = doc_text(doc)
        kb_ids = set((doc._.pw_scratch.get("actor_tokens") or {}).values())
        res = SpeakerResolver(doc, self.cues, kb_genders(self.kb, kb_ids))
        turns = find_turns(text)
        cues: list[int] = []
        according: list[int] = []
        for mid, s, _ in self.matcher(doc):
            (cues if mid == self.cue_id else according).append(s)
        cues = sorted(set(cues))

        inside = bytearray(len(doc))  # token inside a direct quote (names excluded)
        spans: list[tuple[RawQuote, Span, int]] = []
        for raw in self._raw_quotes(text):
            span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            words = sum(1 for t in span if t.is_alpha)
            # One or two words ("El Mayo", "Plan B") and title-case phrases ("Remain in
            # Mexico", an order's title "Imposing Duties to Address …") are names, not
            # speech, even when a cue is near; they do not hide reported speech either.
            titled = all(t.is_title or t.is_stop for t in span if t.is_alpha)
            if words <= 2 or (titled and words <= 15 and not span[-1].is_punct):
                continue
            inside[span.start : span.end] = b"\x01" * len(span)
            spans.append((raw, span, words))

        quotes: list[Quote] = []
        prev: tuple[Quote, int] | None = None  # last attributed direct quote, its paragraph
        for raw, span, words in spans:
            found = self._cue_speaker(doc, span, cues, according, inside, res, turns)
            speaker: Speaker | None = None
            cue: str | None = None
            if found is not None:
                speaker, cue = found
            else:
                speaker = self._preamble_speaker(doc, raw, res)
            para = text.rfind("\n", 0, raw.open)
            if speaker is None and prev is not None and prev[1] == para and words >= 4:
                # A second quote in the same paragraph continues the last speaker.
                pq = prev[0]
                speaker = Speaker(pq.speaker_text or "", pq.speaker, -1)
            # Short unattributed quotes are scare quotes, not speech.
            if speaker is None and words < 4:
                continue
            q = Quote(
                text=raw.text,
                start=raw.start,
                end=raw.end,
                kind="direct",
                speaker=speaker.actor if speaker else None,
                speaker_text=speaker.text if speaker else None,
                cue=cue,
            )
            quotes.append(q)
            if speaker is not None:
                prev = (q, para)

        indirect = self._indirect(doc, cues, inside, res, turns)
        indirect.extend(self._according(doc, according, inside, res, indirect))
        quotes.extend(indirect)
        quotes.sort(key=lambda q: (q.start, q.kind))
        doc._.pw_quotes = quotes
        self._chunks_of = None  # do not keep the document alive
        return doc

    # ----------------------------------------------------------------- indirect
    def _content(self, cue: Token) -> tuple[int, int] | None:
        """Token range of the reported content of a cue verb, or None."""
        lemma = self._lemma(cue)
        # The clause after the cue first: a ccomp before it can be a neighbouring
        # sentence the parser joined on ("… “…” \n\n The Ministry said the …").
        comps = sorted((c for c in cue.children if c.dep_ == "ccomp"), key=lambda c: c.i < cue.i)
        comp: Token | None = comps[0] if comps else None
        # "urged Trump to use …", "promised to send …"; "call" only as "call on X to".
        if comp is None and lemma in self.cues.infinitive and (
            lemma != "call" or any(c.lower_ in ("on", "upon") for c in cue.children)
        ):
            for c in cue.children:
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                    comp = c
                    break
        if comp is not None:
            start, end = comp.left_edge.i, comp.right_edge.i + 1
            if start < cue.i < end:
                if comp.i > cue.i:
                    start = cue.i + 1  # "…, which X has said would allow …": after the cue
                else:
                    end = cue.i  # "…, she said" parses the cue inside: keep the clause
            return self._trim_nested(cue, comp, start, end)
        preps = self.cues.prep_content.get(lemma)
        if preps:
            # "insisted on the need for …", "called for …", "(that) analysts describe as …".
            for c in cue.children:
                if c.dep_ == "prep" and c.lower_ in preps and c.i > cue.i:
                    objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    obj0 = next((g for g in cue.children if g.dep_ == "dobj"), None)
                    if objs and (c.lower_ != "as" or obj0 is None or obj0.i < cue.i):
                        return objs[0].left_edge.i, objs[0].right_edge.i + 1
        if lemma not in self.cues.np_content:
            return None
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None or obj.pos_ == "PRON" or obj.tag_ in ("WDT", "WP") or obj.i < cue.i:
            return None
        start = obj.left_edge.i
        end = obj.right_edge.i + 1
        # What follows the object belongs to the content ("the necessity … to demand …"),
        # up to a coordinated verb or a comma-separated participle ("…, asserting that").
        doc = cue.doc
        for c in cue.rights:
            if c.i <= obj.i or c.dep_ in ("conj", "cc", "punct"):
                continue
            # The comma may open the clause or be its own first token ("la decisión,
            # aunque recordó …" hangs the comma on "recordó").
            if doc[c.left_edge.i - 1].is_punct or doc[c.left_edge.i].is_punct:
                break
            end = max(end, c.right_edge.i + 1)
        return start, end

    def _trim_nested(self, cue: Token, comp: Token, start: int, end: int) -> tuple[int, int]:
        """Stop the content before a comma-separated cue of its own ("…, claiming he …")."""
        doc = cue.doc
        for t in comp.subtree:
            if (
                start < t.i < end
                and t.dep_ in ("advcl", "conj")
                and t.lemma_.lower() in self.cue_lemmas
                and doc[t.left_edge.i - 1].text == ","
            ):
                end = min(end, t.left_edge.i - 1)
        return start, end

    def _can_speak(self, subj: Token, res: SpeakerResolver) -> bool:
        """Reported speech needs a speaker, not "these statistics underscore …"."""
        if subj.i in res.tokens or subj.pos_ == "PROPN":
            return True
        if subj.ent_type_ in ("PERSON", "PER", "ORG", "GPE", "NORP"):
            return True
        low = subj.lower_
        if subj.pos_ == "PRON":
            return low in self.cues.female or low in self.cues.male or low in (
                self.cues.plural | self.cues.self_subjects
            )
        return subj.lemma_.lower() in self.cues.speaker_nouns

    def _attributed_clause(
        self, doc: Doc, start: int, end: int, inside: bytearray, found: list[Quote],
        res: SpeakerResolver, obj: Token, cue: str,
    ) -> Quote | None:  # fmt: skip
        """The clause an "according to X" / "según X" attribution covers, as an indirect quote
        (None when it is too short, mostly quoted already, or found before)."""
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start < 3 or self._outside_words(doc, start, end, inside) < 3:
            return None
        content = doc[start:end]
        if any(q.start == content.start_char and q.end == content.end_char for q in found):
            return None
        return _indirect_quote(content, res.speaker(obj), cue)

    def _outside_words(self, doc: Doc, start: int, end: int, inside: bytearray) -> int:
        return sum(1 for t in doc[start:end] if t.is_alpha and not inside[t.i])

    def _indirect(
        self, doc: Doc, cues: list[int], inside: bytearray, res: SpeakerResolver,
        turns: list[Turn],
    ) -> list[Quote]:
        out: list[Quote] = []
        for c in cues:
            cue = doc[c]
            if inside[c] or any(ch.dep_ == "neg" or (ch.dep_ == "advmod" and ch.lower_ in
                                                     self.cues.negations)
                                for ch in cue.children):
                continue
            # "the necessity for Sheinbaum to demand …": an infinitive is not a report.
            if cue.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to"
                                        for ch in cue.children):
                continue
            lemma = self._lemma(cue)
            if lemma in self.cues.cognition and lemma not in self.cues.speech and cue.tag_ in (
                "VBG", "VBN"
            ):
                continue  # "knowing that …", "expected to …": a state of mind, not a report
            rng = self._content(cue)
            if rng is None:
                continue
            start, end = rng
            # Never across a paragraph break: a report stays in the cue's paragraph.
            text = doc_text(doc)
            para_lo = text.rfind("\n\n", 0, cue.idx)
            para_hi = text.find("\n\n", cue.idx)
            if doc[start].idx < para_lo < cue.idx and start < cue.i:
                continue  # the parser joined a paragraph before the cue onto it
            while end > start and para_hi >= 0 and doc[end - 1].idx > para_hi:
                end -= 1
            while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct
                                   or doc[start].is_space):
                start += 1
            # "afirmó que «…», en Palacio Nacional": a place or time after the closing mark
            # and a comma is the narrator's, not the report's (else the quote came out
            # twice, once with "», en Palacio Nacional" attached).
            for k in range(end - 3, start, -1):
                if inside[k - 1] and not inside[k] and doc[k].text in _CLOSERS and (
                    doc[k + 1].text == "," and doc[k + 2].pos_ == "ADP"
                ):
                    end = k + 1
                    break
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            # A report that is mostly a direct quote is the direct quote; one with words
            # of its own around a partial quote ("he would send troops to “repel …”") is
            # reported speech too.
            # Three words at least; a characterization after "as" may be two ("… describe
            # as lacking vigor").
            least = 2 if start > 0 and doc[start - 1].lower_ == "as" else 3
            if end - start < least or self._outside_words(doc, start, end, inside) < least:
                continue
            if doc[end - 1].sent[-1].text == "?":
                continue  # a question, not a report
            subj = _subject(cue, inside)
            dropped: Speaker | None = None
            if subj is None:
                dropped = self._no_subject(doc, cue, res)
                if dropped is None:
                    continue
            elif inside[subj.i] or not self._can_speak(subj, res):
                continue
            if subj is None and dropped is not None:
                speaker = dropped
            elif subj is not None and subj.lower_ in self.cues.self_subjects:
                # "I think …" in running text is the writer, and in a transcript turn it is
                # the turn itself; only "I/we said (that) …" reports earlier words, the
                # turn's speaker's.
                if subj.lower_ not in ("i", "we") or lemma not in _SELF_REPORT or cue.tag_ not in (
                    "VBD", "VBN"
                ):
                    continue
                spk = self._turn_speaker(doc, cue.idx, turns)
                if spk is None:
                    continue
                speaker = spk
            elif subj is not None and any(c.dep_ == "poss" and c.lower_ in ("my", "our")
                                          for c in subj.children):
                continue  # "my Administration calls on …": the document's author, not a source
            elif subj is not None:
                speaker = res.speaker(subj)
            else:
                continue
            out.append(_indirect_quote(doc[start:end], speaker, lemma))
        return out

    def _according(
        self, doc: Doc, according: list[int], inside: bytearray, res: SpeakerResolver,
        found: list[Quote],
    ) -> list[Quote]:
        """"According to X, <clause>": the clause is X's reported speech when X can speak
        (not "according to the agency's figures", "according to a joint statement")."""
        out: list[Quote] = []
        for a in according:
            acc = doc[a]
            if inside[a] or a + 1 >= len(doc):
                continue
            obj = next((c for c in doc[a + 1].children if c.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() in self.cues.not_speakers:
                continue
            if not self._can_speak(obj, res) or obj.pos_ == "PRON":
                continue
            head = acc.head
            if head.i == acc.i or head.pos_ not in ("VERB", "AUX"):  # by index, not ``is``
                continue
            lo, hi = acc.left_edge.i, max(acc.right_edge.i, obj.right_edge.i) + 1
            start, end = head.left_edge.i, head.right_edge.i + 1
            if lo <= start:
                start = hi
            elif hi >= end:
                end = lo
            else:
                end = lo  # "…, according to X, …": the clause before it
            quote = self._attributed_clause(doc, start, end, inside, found, res, obj,
                                            "according to")  # fmt: skip
            if quote is not None:
                out.append(quote)
        return out


# --------------------------------------------------------------------------- Spanish

#: Dialogue dashes: a paragraph that opens with one is speech; further dashes open and close
#: the narrator's incise ("—No aceptaremos tropas —afirmó la presidenta—. Y añadió …").
_DASHES = "—―–"
_DIALOGUE = re.compile(r"(?m)^[ \t]*([—―–])")


def find_dash_quotes(text: str) -> list[tuple[RawQuote, list[tuple[int, int]]]]:
    """Dialogue-dash speech: each spoken segment of a paragraph that opens with a dash,
    with the paragraph's incises (character ranges of the narrator's words)."""
    out: list[tuple[RawQuote, list[tuple[int, int]]]] = []
    for m in _DIALOGUE.finditer(text):
        open_ = m.start(1)
        para_end = text.find("\n", open_)
        para_end = len(text) if para_end < 0 else para_end
        # Dashes after the first alternate: incise opens (after a space), incise closes.
        marks = [open_] + [i for i in range(open_ + 1, para_end) if text[i] in _DASHES
                           and (text[i - 1].isspace() or text[i - 1] in ".,;:!?»”"
                                or (i + 1 < para_end and text[i + 1] in " .,;:"))]
        marks.append(para_end)
        segs = [(marks[k], marks[k + 1]) for k in range(len(marks) - 1)]
        speech = segs[0::2]
        incises = [(a + 1, b) for a, b in segs[1::2]]
        for a, b in speech:
            if a != open_:
                # After an incise the speech resumes past its punctuation ("—. Y añadió").
                a += 1
                while a < b and text[a] in " .,;:":
                    a += 1
                a -= 1
            q = _make(text, a, b, [])
            if q is not None and any(ch.isalpha() for ch in q.text):
                out.append((q, incises))
    return out


class SpanishQuoteExtractor(QuoteExtractor):
    """Spanish quotations: « », “ ”, ‘ ’ and dialogue dashes; "según X", "de acuerdo con
    X" and "en palabras de X"; subjects dropped by Spanish grammar ("Aseguró que …")."""

    def __init__(self, nlp: Language, cues: Cues, kb: Any = None) -> None:
        super().__init__(nlp, cues, kb)
        self._incises: dict[int, list[tuple[int, int]]] = {}

    def _raw_quotes(self, text: str) -> list[RawQuote]:
        quotes = find_direct_quotes(text)
        self._incises = {}
        taken = [(q.open, q.close) for q in quotes]
        for q, incises in find_dash_quotes(text):
            if any(a <= q.start <= b for a, b in taken):
                continue
            quotes.append(q)
            self._incises[q.open] = incises
        quotes.sort(key=lambda q: q.open)
        return quotes

    def _preamble_speaker(self, doc: Doc, raw: RawQuote, res: SpeakerResolver) -> Speaker | None:
        incises = self._incises.get(raw.open)
        if incises:
            # The narrator's incise names the speaker: its cue verb's subject, else the
            # subject the sentence before gave ("—… —insistió—.").
            for a, b in incises:
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    if t.lower_ in self.cues.forms or (
                        t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.cue_lemmas
                    ):
                        subj = next((c for c in t.children if c.dep_ in _SUBJ
                                     and not c.is_punct and span.start <= c.i < span.end), None)
                        if subj is None:
                            # The parse of an incise is loose: the first noun phrase after
                            # the verb within the incise ("—afirmó la presidenta").
                            subj = next((x for x in span if x.i > t.i and x.pos_ in (
                                "NOUN", "PROPN", "PRON") and not x.is_punct), None)
                        if subj is not None:
                            return res.speaker(subj)
                        return self._no_subject(doc, t, res)
        return self._colon_subject(doc, raw, res) or super()._preamble_speaker(doc, raw, res)

    def _no_subject(self, doc: Doc, cue: Token, res: SpeakerResolver) -> Speaker | None:
        """Spanish drops a known subject: "Sheinbaum habló … Aseguró que …" is
        Sheinbaum's.  The last person (or speaking noun) that was a subject in this or the
        two sentences before, in the third person only."""
        person = cue.morph.get("Person", [])
        if person and "3" not in person:
            return None  # "aseguramos", "dije": the writer or a speaker in the first person
        lo = window_start(doc, cue.i, 2)
        # The last one who spoke first ("La mandataria informó que México enviará … A
        # cambio, explicó, …" is hers, not Mexico's), then the last subject at all.
        for speaking in (True, False):
            for t in reversed(doc[lo : cue.i]):
                if t.dep_ not in _SUBJ or t.is_punct or t.is_space:
                    continue
                # … and not one whose words are themselves reported ("contó que Trump le
                # había propuesto …": Trump's proposal is in her account).
                if speaking and (t.head.lemma_.lower() not in self.cue_lemmas
                                 or t.head.i == cue.i or t.head.dep_ in ("ccomp", "xcomp")):
                    continue
                if t.i in res.tokens or t.ent_type_ == "PER" or (
                    t.pos_ == "NOUN" and t.lemma_.lower() in self.cues.speaker_nouns
                ):
                    return res.speaker(t)
        return None

    def _content(self, cue: Token) -> tuple[int, int] | None:
        rng = super()._content(cue)
        if rng is None:
            # es_core_news_sm often labels "dijo que iba a trabajar …" or "informó que …"
            # xcomp, advcl or obj instead of ccomp: a clause after the cue opened by "que"
            # is the report all the same.
            comp = next((c for c in cue.children if c.i > cue.i
                         and c.dep_ in ("xcomp", "advcl", "obj", "acl")
                         and any(g.dep_ == "mark" and g.lower_ == "que" and g.i < c.i
                                 for g in c.children)), None)
            if comp is None:
                return self._incise_content(cue)
            rng = self._trim_nested(cue, comp, comp.left_edge.i, comp.right_edge.i + 1)
        start, end = rng
        doc = cue.doc
        # "aseguró que …": the complementizer is not part of the report (the parser does
        # not always label it ``mark``).
        while start < end and doc[start].lower_ == "que" and start > cue.i:
            start += 1
        return start, end

    def _incise_content(self, cue: Token) -> tuple[int, int] | None:
        """"A cambio, explicó, Washington se comprometió a …", "Su respuesta, dijo, fue un
        no rotundo": a cue between commas inside the clause it reports (parataxis)."""
        doc = cue.doc
        head = cue.head
        if cue.dep_ != "parataxis" or head.i == cue.i or cue.i > head.i or head.dep_ != "ROOT":
            return None  # not inside a relative clause ("una idea que, aseguró, …")
        lo, hi = cue.left_edge.i, cue.right_edge.i
        opened = (lo > 0 and doc[lo - 1].text == ",") or doc[lo].text == ","
        if not opened or doc[hi].text != ",":
            return None
        start, end = head.left_edge.i, head.right_edge.i + 1
        # A linking adverbial before the incise ("A cambio,") is the narrator's.
        if all(t.dep_ in ("advmod", "fixed", "cc", "mark", "punct") or t.head.dep_ in (
            "advmod", "fixed"
        ) for t in doc[start:lo]):
            start = hi + 1
        # A colon opens a direct quote or a list: the report ends before it.
        end = next((t.i for t in doc[hi + 1 : end] if t.text == ":"), end)
        return (start, end) if end - start >= 3 else None

    def _colon_subject(self, doc: Doc, raw: RawQuote, res: SpeakerResolver) -> Speaker | None:
        """"el diplomático habló en español: «…»": the subject of the last verb before
        the colon speaks."""
        text = doc_text(doc)
        before = text[: raw.open].rstrip()
        if not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        sent = colon[0].sent
        for t in reversed(doc[sent.start : colon.start]):
            if t.pos_ in ("VERB", "AUX"):
                subj = _subject(t)
                if subj is not None and self._can_speak(subj, res):
                    return res.speaker(subj)
                if subj is None:
                    return self._no_subject(doc, t, res)
                return None
        return None

    def _according_len(self, doc: Doc, a: int) -> int:
        for phrase in self.cues.according:
            words = phrase.split()
            if [t.lower_ for t in doc[a : a + len(words)]] == words:
                return len(words)
        return 1

    def _according_obj(self, doc: Doc, a: int) -> Token | None:
        """"según García Harfuch" -> García; "de acuerdo con la Fiscalía" -> Fiscalía;
        "en palabras de la presidenta" -> presidenta."""
        i = a + self._according_len(doc, a)
        while i < len(doc) and doc[i].pos_ == "DET":
            i += 1
        if i >= len(doc) or doc[i].pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        t = doc[i]
        # A name's head is its first word ("García Harfuch": flat); a title's noun heads
        # the phrase ("el secretario de Seguridad").
        while t.dep_ in ("flat", "compound") and t.head.i < t.i:
            t = t.head
        return t

    def _according(
        self, doc: Doc, according: list[int], inside: bytearray, res: SpeakerResolver,
        found: list[Quote],
    ) -> list[Quote]:
        """"Según X, <cláusula>": the clause is X's reported speech when X can speak (not
        "según cifras oficiales", "de acuerdo con un comunicado")."""
        out: list[Quote] = []
        for a in according:
            if inside[a]:
                continue
            obj = self._according_obj(doc, a)
            if obj is None or obj.lemma_.lower() in self.cues.not_speakers or (
                obj.lower_ in self.cues.not_speakers
            ):
                continue
            if not self._can_speak(obj, res) or obj.pos_ == "PRON":
                continue
            sent = doc[a].sent
            lo = a
            hi = max(obj.right_edge.i, obj.i) + 1
            # The clause: after the attribution when it opens the sentence, else before it.
            if lo - sent.start <= 1:
                start, end = hi, sent.end
            else:
                start, end = sent.start, lo
            cue = " ".join(t.lower_ for t in doc[a : a + self._according_len(doc, a)])
            quote = self._attributed_clause(doc, start, end, inside, found, res, obj, cue)
            if quote is not None:
                out.append(quote)
        return out


def _load_kb() -> Any:
    """The knowledge base for speaker genders, when the KB package is installed."""
    try:
        from presswatch.kb import load_kb

        return load_kb()
    except Exception:  # quotes work without genders
        return None


@Language.factory("pw_quotes", default_config={})
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    if nlp.lang == "es":
        return SpanishQuoteExtractor(nlp, load_cues("es"), _load_kb())
    return QuoteExtractor(nlp, load_cues(), _load_kb())
