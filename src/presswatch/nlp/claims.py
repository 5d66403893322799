"""Numeric claims: every figure with what it counts, where, and when.

One :class:`~spacy.matcher.Matcher` pass finds the figures (digits, number
words, "two dozen", "a third", "hundreds of"); each is then read in its
immediate context from lexicons in ``nlp/data``:

* ``numbers.yaml`` — number words, approximation cues ("over" → over,
  "nearly" → under, "about" → about, "up to", "at least"), currencies, units,
  rates ("per day"), and the contexts that make a number an identifier rather
  than a figure (``Sec. 2``, ``Executive Order 14157``, ``8 U.S.C. 1101``,
  times of day, phone numbers, street addresses, list numbers);
* ``measures.yaml`` — what the figure counts, from the noun it modifies
  ("43,118 homicides" → homicides) or, for people, from the verb that happened
  to them ("450,000 Mexicans have been killed" → killed);
* ``places.yaml`` — names and demonyms for the subject when the actors
  component did not link one ("Mexicans" → mexico).

Conventions (also in docs/QUOTES_CLAIMS_TOPICS.md): a range ("30 to 40",
"30-40") has the low end as ``value`` and the whole range in ``text``;
"hundreds of" is value 100 with approx ``at_least``; fractions ("a third") are
values in 0..1 with unit ``fraction``; percentages have unit ``%``, money the
ISO currency code, rates "per day"/"per year" (appended to a currency:
"USD per day").  ``period`` is the value of the date in the same clause, from
``pw_scratch["date_spans"]`` (the dates component) or, without it, spaCy's
DATE entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from presswatch.nlp.extensions import doc_text
from presswatch.nlp.lexicons import BASE_LANG, read_data
from presswatch.records import Claim

__all__ = [
    "ClaimExtractor", "SpanishClaimExtractor", "load_lexicons", "make_claim_extractor",
    "parse_number", "parse_number_es", "parse_words_es",
]

_SKIP_ENTS = frozenset({"DATE", "TIME"})
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.\-]\d{3}[.\-]\d{4}\b")
#: Prepositions whose object can be where a figure happened or what it is imposed on.
_PLACE_PREPS = frozenset({"in", "across", "within", "inside", "from", "on", "against"})
#: Verbs whose object amount measures their subject ("trade exceeding $800 billion").
# Dependencies that open a clause of their own (both models' labels), the arguments that
# make an adjective a participle clause ("buscado por Washington por el asesinato"), and
# subjects (a modifier with its own subject is a clause about something else).
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis",
                          "acl:relcl"})
_ARG_DEPS = frozenset({"obj", "obl", "dobj", "agent", "obl:agent", "iobj", "prep"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_AMOUNT_VERBS = frozenset({"exceed", "reach", "total", "top", "amount", "surpass", "hit"})
_NUMERIC = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Lexicons:
    units: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    vague: dict[str, float]
    ordinals: frozenset[str]
    approx: dict[tuple[str, ...], str]
    currency: dict[str, str]
    units_after: dict[tuple[str, ...], str]
    rates: dict[tuple[str, ...], str]
    identifier_before: frozenset[str]
    citation: frozenset[str]
    time_after: frozenset[str]
    street: frozenset[str]
    nouns: dict[str, str]
    verbs: dict[str, str]
    generic: frozenset[str]
    forces: frozenset[str]
    drugs: dict[str, str]  # word -> measure word ("fentanilo" -> "fentanyl")
    drug_forms: dict[str, str]
    seizing: frozenset[str]
    nominals: dict[str, str]
    modals: frozenset[str]
    reporting: frozenset[str]
    parties: frozenset[str]
    determiners: frozenset[str]
    not_counted: frozenset[str]
    places: dict[str, str]
    iso3: dict[str, str]
    months: frozenset[str] = frozenset()  # a day number before "de <month>" is a date


def _phrases(table: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tuple(str(k).lower().split()): str(v) for k, v in table.items()}


def _names(table: Any) -> dict[str, str]:
    """A lexicon list ("fentanyl") or mapping ("fentanilo: fentanyl") -> word -> measure word.

    Other languages map their words onto the English measure vocabulary, so that the
    figure checks compare a Spanish and an English article's figures."""
    if isinstance(table, dict):
        return {str(k).lower(): str(v) for k, v in table.items()}
    return {str(w).lower(): str(w).lower() for w in table}


def load_lexicons(lang: str = BASE_LANG) -> Lexicons:
    """The claim lexicons of ``lang`` (``nlp/data/<lang>/``; English in ``nlp/data``)."""
    num = read_data("numbers.yaml", lang)
    mea = read_data("measures.yaml", lang)
    places = read_data("places.yaml", lang)
    return Lexicons(
        units={k: float(v) for k, v in num["units"].items()},
        scales={k: float(v) for k, v in num["scales"].items()},
        fractions={k: float(v) for k, v in num["fractions"].items()},
        vague={k: float(v) for k, v in num["vague"].items()},
        ordinals=frozenset(num["ordinals"]),
        approx=_phrases(num["approx"]),
        currency={str(k).lower(): str(v) for k, v in num["currency"].items()},
        units_after=_phrases(num["units_after"]),
        rates=_phrases(num["rates"]),
        identifier_before=frozenset(str(w).lower() for w in num["identifier_before"]),
        citation=frozenset(str(w).lower() for w in num["citation_markers"]),
        time_after=frozenset(str(w).lower() for w in num["time_after"]),
        street=frozenset(str(w).lower() for w in num["street_suffix"]),
        nouns={str(k).lower(): str(v) for k, v in mea["nouns"].items()},
        verbs={str(k).lower(): str(v) for k, v in mea["verbs"].items()},
        generic=frozenset(mea["generic"]),
        forces=frozenset(mea["forces"]),
        drugs=_names(mea["drugs"]),
        drug_forms=_names(mea["drug_forms"]),
        seizing=frozenset(mea["seizing"]),
        nominals={str(k).lower(): str(v) for k, v in mea["nominals"].items()},
        modals=frozenset(mea["modals"]),
        reporting=frozenset(mea["reporting"]),
        parties=frozenset(mea["parties"]),
        determiners=frozenset(mea["determiners"]),
        not_counted=frozenset(mea["not_counted"]),
        places={str(k).lower(): str(v) for k, v in places["names"].items()},
        iso3={str(k).lower(): str(v) for k, v in places["iso3"].items()},
        months=frozenset(str(w).lower() for w in num.get("months") or ()),
    )


def parse_number(words: list[str], lex: Lexicons) -> float | None:
    """Value of a number written in digits and/or words ("1.5 billion", "twenty million")."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower().replace(",", "")
        if w in ("and", "-", "a"):
            continue
        if _NUMERIC.match(raw) or re.match(r"^\d+(\.\d+)?$", w):
            current += float(w)
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w in lex.units:
            current += lex.units[w]
        elif w in lex.scales:
            scale = lex.scales[w]
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _prev_words(doc: Doc, i: int, n: int) -> list[str]:
    return [t.lower_ for t in doc[max(0, i - n) : i]]


def _match_before(doc: Doc, i: int, table: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
    """Longest phrase of ``table`` ending right before token i: (its first token, value)."""
    for n in (3, 2, 1):
        if i - n < 0:
            continue
        key = tuple(_prev_words(doc, i, n))
        if key in table:
            return i - n, table[key]
    return None


def _match_after(doc: Doc, i: int, table: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
    """Longest phrase of ``table`` starting at token i: (the token after it, value)."""
    for n in (3, 2, 1):
        if i + n > len(doc):
            continue
        key = tuple(t.lower_ for t in doc[i : i + n])
        if key in table:
            return i + n, table[key]
    return None


class ClaimExtractor:
    #: The document being read and its text (see :meth:`_text`).

    def __init__(self, nlp: Language, lex: Lexicons) -> None:
        self.lex = lex
        m = Matcher(nlp.vocab)
        vague1 = [k for k in lex.vague if " " not in k]
        m.add("NUM", [[{"LIKE_NUM": True, "OP": "+"}, {"LOWER": "dozen", "OP": "?"}]],
              greedy="LONGEST")
        m.add("VAGUE", [
            [{"LOWER": {"IN": ["tens", "hundreds"]}}, {"LOWER": "of"},
             {"LOWER": {"IN": ["thousands", "millions"]}}, {"LOWER": "of"}],
            [{"LOWER": {"IN": vague1}}, {"LOWER": "of"}],
        ], greedy="LONGEST")
        m.add("FRACTION", [[
            {"LOWER": {"IN": ["a", "one", "two", "three", "four", "nine"]}},
            {"LOWER": {"IN": sorted(lex.fractions)}}, {"LOWER": "of"},
        ], [{"LOWER": "half"}, {"LOWER": "of"}]], greedy="LONGEST")
        self.matcher = m
        self.labels = {nlp.vocab.strings[k]: k for k in ("NUM", "VAGUE", "FRACTION")}

    # ----------------------------------------------------------------- filters
    def _identifier(self, doc: Doc, s: int, e: int) -> bool:
        """True when the number names something (a section, an order, a time) rather than counts."""
        lex = self.lex
        text = doc_text(doc)
        first, last = doc[s], doc[e - 1]
        prev = [t for t in doc[max(0, s - 3) : s] if not t.is_space]
        if prev:
            p = prev[-1]
            cands = {p.lower_, p.lower_.rstrip(".")}
            if p.text == "." and len(prev) > 1:
                cands |= {prev[-2].lower_, prev[-2].lower_ + "."}
            if cands & lex.identifier_before:
                return True
        window = doc[max(0, s - 3) : min(len(doc), e + 3)]
        if any(t.lower_ in lex.citation for t in window):
            return True
        nxt = doc[e] if e < len(doc) else None
        if nxt is not None and (nxt.lower_ in lex.time_after or nxt.lower_.rstrip(".") in
                                lex.time_after):
            return True
        if ":" in first.text or ":" in last.text:
            return True
        lo = max(0, first.idx - 6)
        for m in _PHONE.finditer(text, lo, min(len(text), last.idx + len(last) + 10)):
            if m.start() <= last.idx and first.idx < m.end():
                return True
        # Street address: "1600 Pennsylvania Avenue".
        if nxt is not None and nxt.is_title and e - s == 1:
            tail = doc[e : min(len(doc), e + 4)]
            if any(t.lower_ in lex.street for t in tail):
                return True
        # A list number: "1." or "(2)" at the start of a line.
        line_start = s == 0 or "\n" in doc[s - 1].text_with_ws or (
            s >= 1 and doc[s - 1].text == "(" and (s == 1 or "\n" in doc[s - 2].text_with_ws)
        )
        if line_start and nxt is not None and nxt.text in (".", ")"):
            return True
        # A bare year ("in 2024") is a date, not a figure.
        if e - s == 1 and _YEAR.match(first.text):
            return True
        # "1 of 3": page furniture.
        return (
            (nxt is not None
            and nxt.lower_ == "of"
            and e + 1 < len(doc)
            and doc[e + 1].like_num
            and e + 2 >= len(doc))
            or (nxt is not None and nxt.lower_ == "of" and e + 2 < len(doc)
                and doc[e + 1].like_num and not doc[e + 2].is_alpha)
        )

    # ----------------------------------------------------------------- reading
    def _place(
        self, tok: Token, actor_tokens: dict[int, str], ent_of: dict[int, Span]
    ) -> str | None:
        if tok.i in actor_tokens:
            return actor_tokens[tok.i]
        ent = ent_of.get(tok.i)
        keys = [tok.lower_]
        if ent is not None:
            keys = [ent.text.lower(), ent.text.lower().removeprefix("the "), *keys]
        for k in keys:
            if k in self.lex.places:
                return self.lex.places[k]
        return None

    def _verb_measure(self, noun: Token, root: Token) -> str | None:
        """The measure a verb gives a generic noun: "450,000 Mexicans have been killed",
        "sanctioned over 300 entities", "the arrest of dozens of traffickers",
        "80,000 of our fellow citizens have died from drug overdoses"."""
        lex = self.lex
        for cand in dict.fromkeys((noun, root)):
            verb = cand.head
            lemma = verb.lemma_.lower()
            if cand.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma in lex.verbs:
                # "arrested and prosecuted dozens of …": the first verb of the pair.
                if verb.dep_ == "conj" and verb.head.lemma_.lower() in lex.verbs:
                    verb = verb.head
                return self._verb_detail(lex.verbs[verb.lemma_.lower()], verb)
            if cand.dep_ == "pobj" and verb.lower_ in ("of", "against"):
                nominal = verb.head.lemma_.lower()
                key = lex.nominals.get(nominal, nominal if verb.head.pos_ == "VERB" else "")
                if key in lex.verbs:
                    return self._verb_detail(lex.verbs[key], verb.head)
        return None

    def _verb_detail(self, measure: str, verb: Token) -> str:
        """"could kill 9.5 million Americans", "enough fentanyl to kill 4 billion people":
        deaths that did not happen; "died from drug overdoses": overdose deaths."""
        if measure == "deaths":
            modal = any(c.dep_ == "aux" and c.lemma_.lower() in self.lex.modals
                        for c in verb.children)
            enough = any(t.lower_ == "enough" for t in verb.sent[: verb.i - verb.sent.start]
                         if verb.i - t.i <= 4)
            if modal or enough:
                return "potential deaths"
            if any(t.lemma_.lower() == "overdose" for t in verb.subtree):
                return "overdose deaths"
        return measure

    def _measure(self, noun: Token | None, root: Token) -> tuple[str | None, Token | None]:
        """(measure, the verb it came from) for the noun a figure counts."""
        if noun is None:
            return None, None
        lex = self.lex
        lemma = noun.lemma_.lower()
        mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound")]
        measure = None
        for mod in mods:
            for key in (f"{mod.lemma_.lower()} {lemma}", f"{mod.lower_} {lemma}",
                        f"{mod.lower_} {noun.lower_}"):
                if key in lex.nouns:
                    measure = lex.nouns[key]
                    break
        if measure is None:
            low = noun.lower_
            # The lemmatizer misreads some plurals ("doses" -> "dos"): try the word too.
            for key in (lemma, low, low[:-1] if low.endswith("s") else low,
                        low[:-2] if low.endswith("es") else low):
                if key in lex.nouns:
                    measure = lex.nouns[key]
                    break
        generic = lemma in lex.generic or (measure in (None, "people") and (
            noun.lower_ in lex.places or noun.ent_type_ == "NORP"
        ))
        if generic or measure is None:
            # "450,000 Mexicans have been killed": the verb says what was counted.
            by_verb = self._verb_measure(noun, root) if generic else None
            if by_verb is not None:
                return by_verb, noun.head
            if measure is None and noun.pos_ in ("NOUN",) and not generic:
                # The noun as written ("countries", "laboratories"): the gold writes the
                # plural, and a lemma like "entity" would not match "entities".
                measure = noun.lower_ if noun.tag_ == "NNS" else lemma
            elif measure is None:
                measure = "people"
            # a generic noun with its own entry and no verb keeps it ("citizens")
        elif measure == "deaths":
            measure = self._verb_detail(measure, noun.head) if noun.dep_ == "dobj" else measure
        return measure, None

    def _refine(
        self, doc: Doc, noun: Token | None, measure: str | None, unit: str | None, root: Token
    ) -> str | None:
        """Measures the noun alone does not give: members of a force, a weight of a drug
        that was seized, people listed "as missing"."""
        lex = self.lex
        if noun is None:
            noun = root
        of_obj = next(
            (g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if measure == "rate" and of_obj is not None and of_obj.lemma_.lower() in (
            "duty", "tariff"
        ):
            return "tariff rate"  # "an ad valorem rate of duty"
        if measure == "members" and of_obj is not None and of_obj.lemma_.lower() in lex.forces:
            return "personnel"  # "10,000 members of the National Guard"
        drug = self._drug(noun if unit in ("lb", "kg", "t") else of_obj)
        if drug is not None and (unit in ("lb", "kg", "t") or measure in (
            "pounds", "kilograms", "tons"
        )):
            # "seized 21,900 pounds of fentanyl", "apprehended … kilograms of fentanyl pills"
            seized = any(t.lemma_.lower() in lex.seizing for t in noun.sent)
            return f"{drug} seized" if seized else drug
        if measure in ("people", None):
            nxt = [t.lower_ for t in doc[noun.i + 1 : noun.i + 3]]
            if nxt == ["as", "missing"]:
                return "missing persons"  # "list 120,000 people as missing"
        return measure

    def _tariff_context(self, root: Token, previous: bool) -> bool:
        sent = root.sent
        span = sent
        if previous:
            # "face a lower rate of 10 percent" two sentences after "tariff": the paragraph.
            lo = max(0, sent.start - 60)
            para = doc_text(root.doc).rfind("\n\n", 0, sent.start_char)
            while lo < sent.start and root.doc[lo].idx < para:
                lo += 1
            span = root.doc[lo : sent.end]
        return any(t.lemma_.lower() in ("tariff", "duty") for t in span)

    def _ellipsis(
        self, doc: Doc, start: int, unit: str | None, measure: str | None, root: Token,
        prev: Claim | None,
    ) -> Claim | None:
        """"… 21,900 pounds of fentanyl in 2024, down from about 27,000 pounds in 2023",
        "80,000 overdose deaths in 2024, down from about 110,000 in 2023": a figure after
        "from"/"to"/"than" with nothing of its own counted takes the measure (and subject)
        of the previous figure of its sentence when the units agree."""
        if prev is None or start == 0 or prev.start < root.sent.start_char:
            return None
        if doc[start - 1].lower_ not in ("from", "to", "than", "with", "versus", "vs"):
            return None
        if measure not in (None, "pounds", "kilograms", "tons", "percent", "money"):
            return None
        return prev if prev.unit == unit and prev.measure != measure else None

    def _drug(self, tok: Token | None) -> str | None:
        """"fentanyl" for a drug noun; "fentanyl pills" for a form of one."""
        if tok is None:
            return None
        lemma = tok.lemma_.lower()
        if lemma in self.lex.drugs:
            return self.lex.drugs[lemma]
        mod = next((c for c in tok.lefts if c.dep_ in ("amod", "compound")
                    and c.lower_ in self.lex.drugs), None)
        if mod is not None and lemma in self.lex.drug_forms:
            return f"{self.lex.drugs[mod.lower_]} {tok.lower_}"
        return None

    def _actor_subject(self, doc: Doc, tok: Token, actor_tokens: dict[int, str],
                       ent_of: dict[int, Span], *, people: bool = False) -> str | None:
        """The subject a token names: a linked actor (a region gives its country: "at the
        southwest border" -> united-states; a person only when ``people``), else a name or
        demonym of ``places.yaml``."""
        aid = actor_tokens.get(tok.i)
        if aid is not None:
            ref = (doc._.pw_actors or {}).get(aid)
            kind = getattr(ref, "kind", None)
            if kind == "person" and not people:
                return None
            if kind == "region" and ref is not None and ref.country:
                return self._country_id(doc, ref.country) or aid
            return aid
        return self._place(tok, {}, ent_of)

    def _country_id(self, doc: Doc, iso3: str) -> str | None:
        for aid, ref in (doc._.pw_actors or {}).items():
            if ref.kind == "country" and ref.country == iso3:
                return str(aid)
        return self.lex.iso3.get(iso3.lower())

    def _subject(
        self, doc: Doc, noun: Token | None, root: Token, actor_tokens: dict[int, str],
        ent_of: dict[int, Span],
    ) -> str | None:
        """What the figure is about, precision first (docs/QUOTES_CLAIMS_TOPICS.md): the
        counted noun's demonym or possessor, a place preposition on the noun or its verbs,
        the recipient of the verb, the clause subject (a place or organisation; not a person,
        and for reporting verbs only a place); else None — no fall-back to the article's
        focus country, so the cross-article check never compares a guessed subject."""
        def actor(tok: Token, people: bool = False) -> str | None:
            return self._actor_subject(doc, tok, actor_tokens, ent_of, people=people)

        cand = noun if noun is not None else root
        if noun is not None:
            # The counted noun is a demonym ("Mexicans") or carries one ("Mexican agents",
            # "Mexico's exports").
            hit = actor(noun)
            if hit:
                return hit
            for c in noun.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < noun.i:
                    hit = actor(c)
                    if hit:
                        return hit
        # "… in Mexico", "at the southern border": a place preposition on the noun or on the
        # governing verbs.
        # The figure's own tokens ("25 percent" -> "percent") and a participle on the noun
        # ("the guns recovered at crime scenes in Mexico") come before the governing verbs.
        # Compared by index: spaCy makes a new Token object on every access, so ``is``
        # never held and this list was always empty.
        own = [t for t in doc[root.i : root.i + 3] if t.head.i == cand.i or t.i == root.i]
        acl = [c for c in cand.children if c.dep_ in ("acl", "relcl")][:1]
        chain = list(dict.fromkeys([cand, *own, *acl, *list(cand.ancestors)[:4]]))
        for t in chain:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                    for g in c.children:
                        if g.dep_ != "pobj":
                            continue
                        # "on goods from Mexico", "on Mexican goods"
                        for h in [g, *g.children, *(x for p in g.children if p.dep_ == "prep"
                                                    and p.lower_ in _PLACE_PREPS
                                                    for x in p.children)]:
                            if h is g or h.dep_ in ("amod", "compound", "pobj", "poss"):
                                hit = actor(h)
                                if hit:
                                    return hit
            if t.pos_ in ("VERB", "AUX"):
                break  # the first verb's clause is the figure's
        # The recipient: "gave Sheinbaum 58 percent of the vote", "charge Mexico … a 25% Tariff".
        for t in chain:
            if t.pos_ in ("VERB", "AUX"):
                for c in t.children:
                    if c.dep_ in ("dative", "iobj"):
                        hit = actor(c, people=True)
                        if hit:
                            return hit
                break
        # The subject of the clause: "the U.S. witnessed 491 shootings", "CBP seized …".
        for t in chain:
            if t.pos_ in ("VERB", "AUX"):
                reporting = t.lemma_.lower() in self.lex.reporting
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and (noun is None or c.i != noun.i):
                        # "authorities in Mexico recorded …"
                        near = [c, *(g for p in c.children if p.dep_ == "prep"
                                     and p.lower_ in _PLACE_PREPS for g in p.children),
                                *(g for g in c.children if g.dep_ in ("compound", "amod"))]
                        for h in near:
                            hit = actor(h)
                            if hit and (not reporting or hit in self.lex.places.values()):
                                return hit
        return None

    def _period(
        self, doc: Doc, root: Token, s: int, e: int, dates: list[tuple[int, int, str]]
    ) -> str | None:
        sent = root.sent
        inside = [d for d in dates if sent.start <= d[0] < sent.end and not (d[0] < e and s < d[1])]
        if not inside:
            return None
        chain = [root.i, *(a.i for a in root.ancestors)]
        anc = set(chain)
        # A figure's period is its own clause's date: one reached only through another
        # clause ("29 reos …, entre ellos Caro Quintero, buscado … por el asesinato … en
        # 1985", "29 people …, among them X, who was wanted for the 1985 killing") dates
        # that clause, not the figure.
        inside = [d for d in inside if not self._nested(doc, d, anc)]
        if not inside:
            return None

        def meet(d: tuple[int, int, str]) -> int:
            """How far up from the figure the date attaches: "80,000 deaths in 2024, down
            from about 110,000 in 2023" -> 2023 meets "from", right above 110,000, while 2024
            meets only the main verb.  Beyond the clause (four steps up): no match."""
            head = doc[d[0] : d[1]].root
            for a in [head, *list(head.ancestors)[:4]]:
                if a.i in anc:
                    return chain.index(a.i)
            return len(chain) + 1

        ranked = sorted(inside, key=lambda d: (meet(d), abs(d[0] - s)))
        return ranked[0][2]

    @staticmethod
    def _nested(doc: Doc, d: tuple[int, int, str], anc: set[int]) -> bool:
        """Whether a date hangs from a clause of its own on the way up to the figure's
        chain: a verb with a subject or tense of its own, a relative, adverbial or
        complement clause ("who was wanted for the 1985 murder"), or a participle inside
        an apposition about someone else ("entre ellos Caro Quintero, buscado … por el
        asesinato … en 1985").  A participle that restricts what is counted ("the guns
        recovered in 2022", "the amount seized this fiscal year could have killed …",
        "1.500 kilos asegurados desde el 1 de octubre") keeps its date for the figure."""
        head = doc[d[0] : d[1]].root
        participle = False
        for a in [head, *head.ancestors]:
            if a.i in anc:
                return False
            if d[0] <= a.i < d[1]:
                continue
            if a.dep_ == "appos" and participle:
                return True
            # A bullet or dash the parser took for a verb ("• Last fiscal year, CBP …")
            # opens no clause.
            if not a.is_alpha:
                continue
            part = (a.tag_ in ("VBN", "VBG") or "Part" in a.morph.get("VerbForm", [])
                    or a.pos_ == "ADJ")
            own_subject = any(c.dep_ in _SUBJ_DEPS for c in a.children)
            if a.dep_ == "conj" and a.head.i in anc and not own_subject:
                return False  # "shall be paused and will not take effect until …": one subject
            if a.dep_ in _CLAUSE_DEPS or own_subject or (
                a.pos_ in ("VERB", "AUX") and not part
            ):
                return True
            if a.dep_ in ("acl", "amod") and (a.pos_ in ("VERB", "AUX") or any(
                c.dep_ in _ARG_DEPS for c in a.children
            )):
                participle = True
        return False

    def _dates(self, doc: Doc) -> list[tuple[int, int, str]]:
        scratch = doc._.pw_scratch or {}
        spans = scratch.get("date_spans")
        out: list[tuple[int, int, str]] = []
        if spans is not None:
            dct = doc._.pw_dct
            for ts, te, dm in spans:
                # A period is a calendar reference ("2024", "2025-03", "FY2024") or a
                # stretch counted from a date ("since 2023" -> "2023/PRESENT_REF"), not a
                # weekday, a duration ("the last two years" = P2Y, "for one month") or a
                # reference with unknown digits.
                value = dm.value or ""
                low = dm.text.lower()
                if value == "FYXXXX" and dct is not None:
                    # "last fiscal year": US fiscal years start on 1 October.
                    fy = dct.year + (1 if dct.month >= 10 else 0)
                    fy -= 1 if low.startswith(("last", "the last", "previous", "the previous",
                                               "past")) else 0
                    value = f"FY{fy}"
                if not re.match(r"^(FY)?\d{4}", value):
                    continue
                since = low.startswith("since") or (ts > 0 and doc[ts - 1].lower_ == "since")
                out.append((ts, te, f"{value}/PRESENT_REF" if since else value))
            return out
        # Without the dates component: spaCy's DATE entities, years read from their text.
        for ent in doc.ents:
            if ent.label_ == "DATE":
                years = re.findall(r"\b(?:1[89]|20)\d\d\b", ent.text)
                if not years and not any(t.is_alpha for t in ent):
                    continue  # "Biden, 81,": an age the NER calls a date
                out.append((ent.start, ent.end, years[0] if len(years) == 1 else ent.text))
        return out

    def _counts_noun_follows(self, doc: Doc, e: int) -> bool:
        """A counted noun right after the number overrides a DATE tag ("between 30 and 40
        migrants" is tagged a date by the NER); a time noun ("twenty years") does not."""
        for t in doc[e : min(len(doc), e + 3)]:
            if t.pos_ == "NOUN":
                low = t.lower_
                return t.lemma_.lower() in self.lex.nouns or low in self.lex.nouns or (
                    low.endswith("s") and low[:-1] in self.lex.nouns
                )
        return False

    # ----------------------------------------------------------------- component
    def __call__(self, doc: Doc) -> Doc:
        doc._.pw_scratch = doc._.pw_scratch or {}
        scratch = doc._.pw_scratch
        actor_tokens: dict[int, str] = dict(scratch.get("actor_tokens") or {})
        skip = bytearray(len(doc))
        ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
            if ent.label_ in _SKIP_ENTS:
                skip[ent.start : ent.end] = b"\x01" * len(ent)
        for ts, te, dm in scratch.get("date_spans") or ():
            if dm.type in ("DATE", "TIME", "DURATION", "SET"):
                skip[ts:te] = b"\x01" * (te - ts)
        dates = self._dates(doc)

        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        claims: list[Claim] = []
        last_end = -1
        for mid, s, e in matches:
            if s < last_end:
                continue
            claim = self._read(doc, self.labels[mid], s, e, skip, actor_tokens, ent_of, dates,
                               claims[-1] if claims else None)
            if claim is not None:
                claims.append(claim[0])
                last_end = claim[1]
            else:
                last_end = e
        doc._.pw_claims = claims
        return doc

    def _read(
        self, doc: Doc, label: str, s: int, e: int, skip: bytearray,
        actor_tokens: dict[int, str], ent_of: dict[int, Span], dates: list[tuple[int, int, str]],
        prev: Claim | None = None,
    ) -> tuple[Claim, int] | None:
        lex = self.lex
        if any(skip[s:e]) and not self._counts_noun_follows(doc, e):
            return None
        words = [t.text for t in doc[s:e]]
        lows = [w.lower() for w in words]
        approx = "exact"
        unit: str | None = None
        value: float | None
        core_end = e
        if label == "VAGUE":
            # "hundreds of thousands of" -> "hundreds of thousands" (the trailing "of" links
            # the counted noun).
            key = " ".join(lows[:-1] if lows[-1] == "of" else lows)
            value = lex.vague.get(key)
            approx = "at_least"
        elif label == "FRACTION":
            frac = next(w for w in lows if w in lex.fractions)
            count = 1.0 if lows[0] in ("a", "half") else lex.units.get(lows[0], 1.0)
            value = round(count * lex.fractions[frac], 4)
            unit = "fraction"
        else:
            if len(lows) == 1 and (lows[0] in lex.ordinals or not (
                _NUMERIC.match(words[0]) or lows[0] in lex.units or lows[0] in lex.scales
            )):
                return None  # "first", "third", "1st": ordinals are not figures
            if self._identifier(doc, s, e):
                return None
            value = parse_number(words, lex)
        if value is None:
            return None
        start = s
        before = _match_before(doc, s, lex.approx)
        cur_before = doc[s - 1].lower_ if s > 0 else ""
        if cur_before in lex.currency:
            unit = lex.currency[cur_before]
            start = s - 1
            before = _match_before(doc, s - 1, lex.approx)
        if before is not None and label != "VAGUE":
            start, approx = before[0], before[1]
        end = core_end
        # A range: "30 to 40", "30-40", "between 30 and 40"; the value is the low end.
        ranged = end + 1 < len(doc) and doc[end].text in ("-", "–", "to", "and")
        if ranged and doc[end + 1].like_num and (
            doc[end].text != "and" or (start > 0 and doc[start - 1].lower_ == "between")
        ):
            end += 2
            while end < len(doc) and doc[end].like_num:
                end += 1
        if end < len(doc) and doc[end].lower_ in lex.currency:
            unit = lex.currency[doc[end].lower_]
            end += 1
        after = _match_after(doc, end, lex.units_after)
        if after is not None and unit is None:
            end, unit = after
        rate = _match_after(doc, end, lex.rates)
        if rate is not None:
            end, r = rate
            unit = f"{unit} {r}" if unit and unit != "%" else r

        # The noun the figure counts.
        core = doc[s:core_end]
        root = core.root
        noun: Token | None = None
        if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and root.head.pos_ in (
            "NOUN", "PROPN"
        ) and root.head.i >= core_end:
            noun = root.head
        if noun is None and end > core_end:
            last = doc[end - 1]  # "between 30 and 40 migrants": the high end carries the noun
            if last.head.pos_ == "NOUN" and last.head.i >= end:
                noun = last.head
        if noun is not None and unit is not None and noun.i < end:
            # "25% tariff": the number hangs from the unit; the unit from the counted noun.
            h = noun.head
            noun = h if h.pos_ in ("NOUN", "PROPN") and h.i >= end else None
        if label in ("VAGUE", "FRACTION") or (noun is None and unit is not None):
            # "hundreds of troops", "$18 billion of imports", "25 percent of migrants",
            # "dozens of high-level drug traffickers" (six tokens: modifiers come between).
            # A percentage counts only via "of" ("25 percent in lieu of" counts nothing).
            heads = ("of",) if unit == "%" else ("of", "in")
            for t in doc[end : min(len(doc), end + 6)]:
                if t.is_punct and t.text != "-":
                    break
                if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and (
                    t.head.lower_ in heads and t.head.i >= end - 1
                ) and t.lower_ not in self.lex.not_counted:
                    noun = t
                    break
        if noun is None and unit is None and label == "NUM":
            # "more than 80,000 of our fellow citizens have died"
            noun = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        money = unit is not None and unit.split()[0] in ("USD", "MXN", "EUR", "CAD", "GBP")
        before_ok: Token | None = None  # a counted noun before the figure, read via "of"/verb
        if noun is not None and money and noun.i >= end and noun.dep_ == "pobj" and (
            noun.head.lower_ in ("for", "to")
        ):
            noun = None  # "$15 million for information": a purpose, not what is counted
        if noun is None and (unit == "%" or money):
            # "tariffs of 25 percent", "a reward of up to $15 million": the figure hangs
            # from "of" on the counted noun.
            for u in (doc[end - 1], root):
                if u.dep_ == "pobj" and u.head.lower_ == "of" and u.head.head.pos_ == "NOUN" and (
                    u.head.head.lower_ not in self.lex.not_counted
                ):
                    noun = before_ok = u.head.head
                    break
        if noun is None and money and root.dep_ in ("dobj", "attr", "pobj") and (
            root.head.lemma_.lower() in _AMOUNT_VERBS
            or root.head.head.lemma_.lower() in _AMOUNT_VERBS
        ):
            # "trade … exceeding $800 billion": the verb's subject is what the money counts.
            verb = root.head if root.head.lemma_.lower() in _AMOUNT_VERBS else root.head.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and verb.dep_ in ("acl", "advcl", "relcl") and verb.head.pos_ == "NOUN":
                subj = verb.head
                # "trade between the two countries exceeding …": the noun before the "between".
                if subj.dep_ == "pobj" and subj.head.head.pos_ == "NOUN":
                    subj = subj.head.head
            if subj is not None and subj.pos_ == "NOUN":
                noun = before_ok = subj
        if noun is None and root.dep_ in ("pobj", "appos", "attr") and unit == "%":
            # "tariffs of 25 percent": the percentage hangs from the noun via "of".
            h = root.head.head if root.dep_ == "pobj" else root.head
            if h.pos_ in ("NOUN", "PROPN"):
                noun = h
        if unit is not None and noun is None:
            pct_tok = doc[end - 1]
            if pct_tok.head.pos_ == "NOUN" and pct_tok.head.i >= end:
                noun = pct_tok.head  # "a 25% tariff"
        if noun is not None and unit in ("lb", "kg", "t") and noun.i < end:
            noun = None
        if noun is not None and noun.i < s and noun is not before_ok:
            noun = None
        if noun is not None and any(skip[noun.i : noun.i + 1]):
            noun = None
        if noun is not None and start <= noun.i < end:
            noun = None  # the unit itself ("10 percent") counts nothing
        measure, _verb = self._measure(noun, root)
        if unit == "%" and measure not in (None, "tariff rate", "tax rate"):
            # "80 percent of its exports": a share of what the noun counts.
            measure = "percent" if noun is None else (
                measure if noun.lemma_.lower() == "rate" else f"{measure} share"
            )
        if unit == "fraction" and noun is not None and measure not in (None, "tariff rate"):
            measure = f"{measure} share"  # "about half of Mexico's exports"
        measure = self._refine(doc, noun, measure, unit, root)
        if unit == "%" and measure is None:
            measure = "percent"
        if unit == "%" and measure in ("percent", "rate") and self._tariff_context(
            root, measure == "rate"
        ):
            # "increasing the tariff on Canada from 25% to 35%", "reduced to 10 percent in
            # lieu of 25 percent" (the rate of duty), "face a lower rate of 10 percent" after
            # a sentence on tariffs.
            measure = "tariff rate"
        inherited = self._ellipsis(doc, start, unit, measure, root, prev)
        if inherited is not None:
            measure = inherited.measure
        if unit in ("lb", "kg", "t") and measure is None:
            measure = {"lb": "pounds", "kg": "kilograms", "t": "tons"}[unit]
        if measure is None and unit is not None and unit.split()[0] in ("USD", "MXN", "EUR",
                                                                          "CAD", "GBP"):
            measure = "money"
        if measure is None and unit is None and inherited is None:
            return None  # a bare number with nothing counted is not a checkable figure
        if label == "NUM" and lows[-1] in lex.units and value < 10 and unit is None:
            det = doc[start - 1] if start > 0 else None
            if lows == ["one"] or noun is None or noun.lemma_.lower() in lex.parties or (
                det is not None and (det.lower_ in lex.determiners or det.dep_ == "poss")
            ):
                # "one of its members", "our two countries", "the three nations", "two
                # concrete steps", "I have two questions": the text counting what it names.
                return None
        text_end = end
        if noun is not None and end <= noun.i <= end + 3:
            text_end = noun.i + 1
        span = doc[start:text_end]
        subject = self._subject(doc, noun, root, actor_tokens, ent_of)
        if subject is None and inherited is not None:
            subject = inherited.subject
        if subject is None and measure == "tariff rate":
            # "increasing the tariff on Canada from 25% to 35%": the tariff noun of the
            # sentence, nearest first, says what the rate is imposed on.
            tariffs = sorted((t for t in root.sent if t.lemma_.lower() in ("tariff", "duty")
                              and t.pos_ == "NOUN"), key=lambda t: abs(t.i - start))
            for tar in tariffs[:1]:
                subject = self._subject(doc, tar, tar, actor_tokens, ent_of)
        period = self._period(doc, root, start, text_end, dates)
        return (
            Claim(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                value=value,
                approx=approx,
                measure=measure,
                unit=unit,
                subject=subject,
                period=period,
                sentence=root.sent.text.strip(),
            ),
            max(text_end, end),
        )


# --------------------------------------------------------------------------- Spanish

_ES_DIGITS = re.compile(r"^\d[\d.,]*\d$|^\d$")
#: "25%" is one token for the Spanish tokenizer.
_ES_PERCENT = re.compile(r"^(\d[\d.,]*)%$")
#: Prepositions whose object can be where a figure happened or what it is imposed on
#: ("en México", "contra México", "a las importaciones mexicanas" for a tariff).
_ES_PLACE_CASES = frozenset({"en", "desde", "de", "del", "contra", "sobre", "dentro"})
_ES_SUBJ = ("nsubj", "nsubj:pass", "csubj")
_ES_MONEY = ("USD", "MXN", "EUR", "CAD", "GBP")


def parse_number_es(text: str) -> float | None:
    """Digits as Spanish (and Mexican) newspapers write them.

    A separator followed by groups of exactly three digits groups thousands ("43.118",
    "43,118", "1.500"); otherwise it is the decimal mark ("3,5", "2.5", "0,125"); with both
    kinds, the last one is the decimal mark ("1.234,5")."""
    if not _ES_DIGITS.match(text):
        return None
    seps = {c for c in text if c in ".,"}
    if not seps:
        return float(text)
    if len(seps) == 2:
        dec = text[max(text.rfind("."), text.rfind(","))]
        if text.count(dec) > 1:
            return None
        return float(text.replace("," if dec == "." else ".", "").replace(dec, "."))
    groups = text.split(seps.pop())
    if groups[0] != "0" and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    return None


def parse_words_es(words: list[str], lex: Lexicons) -> float | None:
    """Value of a Spanish figure in digits and/or words ("3,5 millones", "121 mil",
    "43 mil 118", "mil millones" = 1e9, "doscientos mil", "treinta y cinco").

    "mil" multiplies what precedes it; "millón" and above close a group, so "mil
    millones" is a thousand millions (1e9), as Spanish means it."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w == "y":
            continue
        n = parse_number_es(raw)
        if n is not None:
            current += n
        elif w in lex.units:
            current += lex.units[w]
        elif w in lex.scales:
            scale = lex.scales[w]
            if scale < 1_000_000:
                current = (current or 1.0) * scale
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


class SpanishClaimExtractor(ClaimExtractor):
    """Figures in Spanish text, read left to right from the tokens around them.

    The English reader leans on the English parse (prep/pobj/dobj); Spanish puts the
    counted noun after the figure ("43.118 homicidios", "3,5 millones de pastillas") and a
    percentage after its noun ("aranceles del 25 %"), so a linear reading is simpler and
    steadier on es_core_news_sm.  The output is the same Claim with the same measure
    vocabulary, units and approx kinds as English (the lexicons map Spanish onto them)."""

    def __init__(self, nlp: Language, lex: Lexicons) -> None:
        self.lex = lex
        self.vague1 = {k for k in lex.vague if " " not in k}

    # ----------------------------------------------------------------- tokens
    def _num_tok(self, tok: Token) -> bool:
        low = tok.lower_
        return (parse_number_es(tok.text) is not None or _ES_PERCENT.match(tok.text) is not None
                or low in self.lex.units or low in self.lex.scales)

    def _run(self, doc: Doc, i: int) -> int:
        """End of the number run starting at token i."""
        lex = self.lex
        j = i
        while j < len(doc):
            t = doc[j]
            if _ES_PERCENT.match(t.text):
                return j + 1  # "25%" closes the figure
            if self._num_tok(t):
                # "43.118 armas y 3,5 millones": two digit groups in a row are two figures
                # only when a word separates them; "43 mil 118" is one.
                if j > i and parse_number_es(t.text) is not None and (
                    parse_number_es(doc[j - 1].text) is not None
                ):
                    break
                j += 1
                continue
            # "treinta y cinco"
            if (t.lower_ == "y" and j > i and j + 1 < len(doc)
                    and 20 <= lex.units.get(doc[j - 1].lower_, 0) < 100
                    and 0 < lex.units.get(doc[j + 1].lower_, 0) < 10):
                j += 1
                continue
            break
        return j

    def _after(self, doc: Doc, i: int, table: dict[tuple[str, ...], str],
               skip_de: bool = False) -> tuple[int, str] | None:
        """A phrase of ``table`` at token i, optionally after "de" ("millones de dólares")."""
        hit = _match_after(doc, i, table)
        if hit is None and skip_de and i < len(doc) and doc[i].lower_ == "de":
            hit = _match_after(doc, i + 1, table)
        return hit

    def _is_date(self, doc: Doc, s: int, e: int) -> bool:
        lex = self.lex
        if e - s == 1 and _YEAR.match(doc[s].text):
            return True  # "en 2024"
        nxt = [t.lower_ for t in doc[e : e + 2]]
        # "4 de marzo", "marzo 4"
        return bool(nxt and (nxt[0] in lex.months or (nxt[0] == "de" and len(nxt) > 1
                                                       and nxt[1] in lex.months))) or (
            s > 0 and doc[s - 1].lower_ in lex.months)

    def _identifier_es(self, doc: Doc, s: int, e: int) -> bool:
        lex = self.lex
        prev = [t for t in doc[max(0, s - 2) : s] if not t.is_space]
        if prev and (prev[-1].lower_ in lex.identifier_before
                     or prev[-1].lower_.rstrip(".") in lex.identifier_before):
            return True
        if any(":" in t.text for t in doc[s:e]):
            return True  # "7:30"
        nxt = doc[e] if e < len(doc) else None
        if nxt is not None and nxt.lower_ in lex.time_after:
            return True
        line_start = s == 0 or "\n" in doc[s - 1].text_with_ws
        return line_start and nxt is not None and nxt.text in (".", ")")

    # ----------------------------------------------------------------- component
    def __call__(self, doc: Doc) -> Doc:
        doc._.pw_scratch = doc._.pw_scratch or {}
        scratch = doc._.pw_scratch
        actor_tokens: dict[int, str] = dict(scratch.get("actor_tokens") or {})
        skip = bytearray(len(doc))
        for ts, te, dm in scratch.get("date_spans") or ():
            if dm.type in ("DATE", "TIME", "DURATION", "SET"):
                skip[ts:te] = b"\x01" * (te - ts)
        ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
        dates = self._dates_es(doc)
        claims: list[Claim] = []
        i = 0
        while i < len(doc):
            got = self._at(doc, i, skip, actor_tokens, ent_of, dates,
                           claims[-1] if claims else None)
            if got is None:
                i += 1
                continue
            claim, nxt = got
            if claim is not None:
                claims.append(claim)
            i = max(nxt, i + 1)
        doc._.pw_claims = claims
        return doc

    def _dates_es(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Periods from the dates component; without it, years read from the text ("en
        2024", "febrero de 2025" -> 2025-02)."""
        if (doc._.pw_scratch or {}).get("date_spans") is not None:
            return self._dates(doc)
        out: list[tuple[int, int, str]] = []
        months = [m for m in read_data("numbers.yaml", "es")["months"] if m != "setiembre"]
        for t in doc:
            if not _YEAR.match(t.text):
                continue
            i = t.i
            if i >= 2 and doc[i - 1].lower_ == "de" and doc[i - 2].lower_ in months:
                mm = months.index(doc[i - 2].lower_) + 1
                out.append((i - 2, i + 1, f"{t.text}-{mm:02d}"))
            else:
                out.append((i, i + 1, t.text))
        return out

    def _at(
        self, doc: Doc, i: int, skip: bytearray, actor_tokens: dict[int, str],
        ent_of: dict[int, Span], dates: list[tuple[int, int, str]], prev: Claim | None,
    ) -> tuple[Claim | None, int] | None:
        """The figure starting at token i: (claim or None when rejected, token after it),
        or None when no figure starts there."""
        lex = self.lex
        tok = doc[i]
        low = tok.lower_
        unit: str | None = None
        approx = "exact"
        label = "NUM"
        if low in self.vague1 and i + 1 < len(doc) and doc[i + 1].lower_ == "de" and not (
            i > 0 and self._num_tok(doc[i - 1])
        ):
            # "cientos de migrantes", "decenas de miles de", "miles de millones de dólares"
            key = low
            if i + 2 < len(doc) and f"{low} de {doc[i + 2].lower_}" in lex.vague:
                key = f"{low} de {doc[i + 2].lower_}"
            value: float = lex.vague[key]
            label = "VAGUE"
            approx = "at_least"
            core_end = i + len(key.split())
            end = core_end
        elif self._num_tok(tok) and not (i > 0 and self._num_tok(doc[i - 1])):
            core_end = self._run(doc, i)
            words = [t.text for t in doc[i:core_end]]
            pct = _ES_PERCENT.match(words[-1])
            if pct:
                words[-1] = pct.group(1)
                unit = "%"
            lows = [w.lower() for w in words]
            if lows[0] in ("un", "una", "uno") and not any(w in lex.scales for w in lows) and (
                _match_after(doc, core_end, lex.units_after) is None
            ):
                return None  # "una persona": an article; "una tonelada" is a figure
            if any(w in ("mdd", "mdp") for w in lows):
                unit = lex.currency["mdd" if "mdd" in lows else "mdp"]
            parsed = parse_words_es(words, lex)
            if parsed is None:
                return None
            value = parsed
            if any(skip[i:core_end]) or self._is_date(doc, i, core_end) or (
                self._identifier_es(doc, i, core_end)
            ):
                return None, core_end
            end = core_end
        else:
            return None
        s = i
        start = s
        cur_before = doc[s - 1].lower_ if s > 0 else ""
        if (cur_before in lex.currency and not doc[s - 1].is_alpha) or cur_before in ("us$",
                                                                                    "usd"):
            unit = lex.currency[cur_before]
            start = s - 1
        before = _match_before(doc, start, lex.approx)
        if before is not None and label != "VAGUE":
            start, approx = before
        # A range: "entre 30 y 40", "de 25 a 30 %", "30-40": the low end is the value.
        link = doc[end].lower_ if end + 1 < len(doc) else ""
        opener = doc[start - 1].lower_ if start > 0 else ""
        if link and self._num_tok(doc[end + 1]) and (
            link in ("-", "–") or (link == "y" and opener == "entre")
            or (link == "a" and opener in ("de", "del"))
        ):
            end = self._run(doc, end + 1)
            pct = _ES_PERCENT.match(doc[end - 1].text)
            if pct:
                unit = "%"
        if unit is None or unit == "%":
            after = self._after(doc, end, lex.units_after)
            if after is not None:
                end, unit = after
        if end < len(doc) and unit not in _ES_MONEY:
            cur = self._after(doc, end, {(k,): v for k, v in lex.currency.items()},
                              skip_de=value >= 1_000_000 or label == "VAGUE")
            if cur is not None and doc[end - 1].lower_ not in ("mdd", "mdp"):
                end, unit = cur
        elif end < len(doc) and doc[end].lower_ in ("dólares", "pesos", "euros"):
            end, unit = end + 1, lex.currency[doc[end].lower_]  # "$300 mil pesos"
        if unit == "MXN" and cur_before == "$" and end < len(doc) and doc[end].lower_ == "de" \
                and end + 1 < len(doc) and doc[end + 1].lower_ in ("dólares", "dólar"):
            end, unit = end + 2, "USD"
        rate = _match_after(doc, end, lex.rates)
        if rate is not None:
            end, r = rate
            unit = f"{unit} {r}" if unit and unit != "%" else r

        noun, share = self._counted(doc, end, unit, label, core_end)
        before_noun = None
        if noun is None and unit is not None:
            before_noun = self._noun_before(doc, start)
        measure = self._measure_es(doc, noun, unit)
        if noun is not None and measure is None and noun.lower_ in lex.not_counted:
            return None, end  # "20 años", "tres veces"
        if unit == "%":
            bm = self._measure_es(doc, before_noun, None) if before_noun is not None else None
            if bm in ("tariff rate", "tax rate"):
                measure = bm
            elif noun is not None and measure is not None and share:
                measure = measure if measure in ("tariff rate", "tax rate") else f"{measure} share"
            else:
                measure = "percent"
            if measure == "percent" and any(
                t.lemma_.lower() in ("arancel", "gravamen") or t.lower_.startswith("arancel")
                for t in doc[s].sent
            ):
                measure = "tariff rate"
        elif unit is not None and unit.split()[0] in _ES_MONEY:
            if noun is not None and noun.lower_ in lex.currency:
                noun = None
            bm = self._measure_es(doc, before_noun, None) if before_noun is not None else None
            if measure in (None, "money") and bm is not None and bm not in ("people",):
                measure = bm
            measure = measure if measure not in (None, "people") else "money"
        elif unit in ("kg", "t", "lb"):
            measure = self._drug_measure(doc, end, s) or {
                "lb": "pounds", "kg": "kilograms", "t": "tons"}[unit]
        if measure in ("kilograms", "tons", "pounds") and noun is not None:
            measure = self._drug_measure(doc, noun.i + 1, s) or measure
        if measure is None:
            inherited = self._ellipsis_es(doc, start, unit, prev)
            if inherited is None:
                return None, end
            measure = inherited.measure
        if label == "NUM" and value < 10 and unit is None and doc[s].is_alpha:
            det = doc[start - 1] if start > 0 else None
            if noun is None or noun.lower_ in lex.parties or noun.lemma_.lower() in lex.parties \
                    or (det is not None and det.lower_ in lex.determiners):
                return None, end  # "los dos países", "tres pasos": counting what is named
        text_end = end
        if noun is not None and end <= noun.i <= end + 4:
            text_end = noun.i + 1
        span = doc[start:text_end]
        root = doc[s:core_end].root
        subject = self._subject_es(doc, noun or before_noun, root, actor_tokens, ent_of)
        period = self._period(doc, root, start, text_end, dates)
        return (
            Claim(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                value=value,
                approx=approx,
                measure=measure,
                unit=unit,
                subject=subject,
                period=period,
                sentence=root.sent.text.strip(),
            ),
            text_end,
        )

    # ----------------------------------------------------------------- reading
    def _counted(self, doc: Doc, end: int, unit: str | None, label: str,
                 core_end: int) -> tuple[Token | None, bool]:
        """The noun the figure counts, after it: "43.118 homicidios", "3,5 millones de
        pastillas", "25 % de las exportaciones" (a share), "29 presuntos capos".
        Returns (noun, whether it came through "de")."""
        lex = self.lex
        j = end
        via_de = False
        scaled = doc[core_end - 1].lower_ in lex.scales or label == "VAGUE" or unit is not None
        if j < len(doc) and doc[j].lower_ in ("de", "del") and scaled:
            j += 1
            via_de = True
        elif j < len(doc) and doc[j].lower_ == "de" and label == "NUM" and unit is None:
            return None, False  # "10 de los 32 estados": a part of, not a count
        for t in doc[j : j + 3]:
            low, lemma = t.lower_, t.lemma_.lower()
            if low in lex.nouns or lemma in lex.nouns or low in lex.generic or (
                lemma in lex.generic
            ):
                return t, via_de
            if t.pos_ == "NOUN":
                return t, via_de
            if t.pos_ in ("DET", "ADJ") and not t.is_punct:
                continue
            break
        return None, False

    def _noun_before(self, doc: Doc, start: int) -> Token | None:
        """"aranceles del 25 %", "una recompensa de 15 millones de dólares": the noun the
        figure hangs from through "de"."""
        j = start - 1
        while j >= 0 and doc[j].pos_ == "DET":
            j -= 1
        if j < 1 or doc[j].lower_ not in ("de", "del"):
            return None
        k = j - 1
        while k >= 0 and doc[k].pos_ == "ADJ":
            k -= 1
        return doc[k] if k >= 0 and doc[k].pos_ == "NOUN" else None

    def _lookup(self, doc: Doc, noun: Token, table: dict[str, str]) -> str | None:
        # Longest phrase first: "armas de fuego", "muertes por sobredosis", "homicidio doloso".
        for n in (3, 2):
            words = doc[noun.i : noun.i + n]
            if len(words) == n:
                for key in (" ".join(t.lower_ for t in words),
                            " ".join([noun.lemma_.lower(), *(t.lower_ for t in words[1:])])):
                    if key in table:
                        return table[key]
        for key in (noun.lower_, noun.lemma_.lower()):
            if key in table:
                return table[key]
        return None

    def _measure_es(self, doc: Doc, noun: Token | None, unit: str | None) -> str | None:
        if noun is None:
            return None
        lex = self.lex
        measure = self._lookup(doc, noun, lex.nouns)
        generic = noun.lower_ in lex.generic or noun.lemma_.lower() in lex.generic or (
            noun.lower_ in lex.places)
        if generic or measure in (None, "people", "members"):
            by_verb = self._verb_es(doc, noun)
            if by_verb is not None and (generic or measure in (None, "people")):
                return by_verb
        if measure == "members" and self._of_force(doc, noun):
            return "personnel"  # "10.000 integrantes de la Guardia Nacional"
        if measure is None and generic:
            return "people"
        if measure is None and noun.pos_ == "NOUN" and noun.lower_ not in lex.not_counted:
            return noun.lower_  # the noun as written, as the English reader does
        return measure

    def _of_force(self, doc: Doc, noun: Token) -> bool:
        for t in doc[noun.i + 1 : noun.i + 4]:
            if t.lower_ in ("de", "del", "la", "el", "las", "los"):
                continue
            return t.lower_ in self.lex.forces or t.lemma_.lower() in self.lex.forces
        return False

    def _verb_es(self, doc: Doc, noun: Token) -> str | None:
        """"29 capos fueron trasladados", "personas detenidas", "deportaron a 200 mil
        mexicanos", "el traslado de 29 capos"."""
        lex = self.lex

        def verb_measure(t: Token) -> str | None:
            for key in (t.lower_, t.lemma_.lower()):
                if key in lex.verbs:
                    m = lex.verbs[key]
                    if m == "deaths" and any(
                        c.dep_ == "aux" and c.lemma_.lower() in lex.modals | {"poder"}
                        for c in t.children
                    ):
                        return "potential deaths"  # "podría matar a millones"
                    return m
            return None

        nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("VERB", "ADJ"):
            m = verb_measure(nxt)  # participle after the noun
            if m is not None:
                return m
        for c in noun.children:
            if c.dep_ in ("amod", "acl") and c.i > noun.i:
                m = verb_measure(c)
                if m is not None:
                    return m
        head = noun.head
        # "trasladó a 29 capos": the personal "a" makes the object an ``obl`` at times.
        personal_a = noun.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "a"
                                                for c in noun.children)
        if (noun.dep_ in (*_ES_SUBJ, "obj", "nsubj:pass") or personal_a) and head.pos_ in (
                "VERB", "AUX", "ADJ"):
            m = verb_measure(head)
            if m is not None:
                return m
        if noun.dep_ == "nmod" and any(c.lower_ == "de" for c in noun.children):
            key = lex.nominals.get(head.lemma_.lower()) or lex.nominals.get(head.lower_)
            if key is not None and key in lex.verbs:
                return lex.verbs[key]
        return None

    def _drug_measure(self, doc: Doc, j: int, s: int) -> str | None:
        """"1.500 kilos de fentanilo" aseguradas -> "fentanyl seized"; "kilos de pastillas
        de fentanilo" -> "fentanyl pills seized"."""
        lex = self.lex
        toks = [t for t in doc[j : j + 5] if t.lower_ not in ("de", "del", "la", "el")]
        if not toks:
            return None
        first = toks[0]
        drug = lex.drugs.get(first.lower_) or lex.drugs.get(first.lemma_.lower())
        if drug is None and first.lower_ in lex.drug_forms and len(toks) > 1:
            d = lex.drugs.get(toks[1].lower_) or lex.drugs.get(toks[1].lemma_.lower())
            if d is not None:
                drug = f"{d} {lex.drug_forms[first.lower_]}"
        if drug is None:
            return None
        sent = doc[s].sent
        seized = any(t.lower_ in lex.seizing or t.lemma_.lower() in lex.seizing for t in sent)
        return f"{drug} seized" if seized else drug

    def _ellipsis_es(self, doc: Doc, start: int, unit: str | None,
                     prev: Claim | None) -> Claim | None:
        """"… 43.118 homicidios en 2024, frente a 30 mil en 2023": a figure after "frente
        a"/"de"/"a"/"que" with nothing counted takes the previous figure's measure in the
        same sentence when the units agree."""
        if prev is None or start == 0 or prev.start < doc[start].sent.start_char:
            return None
        if doc[start - 1].lower_ not in ("a", "de", "que", "contra", "frente", "desde", "con"):
            return None
        return prev if prev.unit == unit else None

    def _is_place(self, doc: Doc, aid: str) -> bool:
        """A country, region or city (not an organisation or a person)."""
        ref = (doc._.pw_actors or {}).get(aid)
        if ref is None:
            return aid in self.lex.places.values()
        return getattr(ref, "kind", None) in ("country", "region", "city", "state")

    def _subject_es(
        self, doc: Doc, noun: Token | None, root: Token, actor_tokens: dict[int, str],
        ent_of: dict[int, Span],
    ) -> str | None:
        """What the figure is about, precision first, as in English: the counted noun's
        demonym ("mexicanos", "importaciones mexicanas"), a place phrase on the noun or its
        verb ("homicidios en México", "aranceles contra México"), the clause's subject when
        it is a place or organisation (for reporting verbs only a place); else None."""

        def actor(tok: Token) -> str | None:
            return self._actor_subject(doc, tok, actor_tokens, ent_of)

        cand = noun if noun is not None else root
        if noun is not None:
            hit = actor(noun)
            if hit:
                return hit
            for c in noun.children:
                of = c.dep_ == "nmod" and c.pos_ == "PROPN" and any(
                    g.dep_ == "case" and g.lower_ in ("de", "del") for g in c.children)
                if c.dep_ in ("amod", "flat", "compound") or of:
                    hit = actor(c)
                    # "exportaciones de México" is Mexico's; "elementos de la Guardia
                    # Nacional" counts the force's members, whose country is the clause's.
                    if hit and (not of or self._is_place(doc, hit)):
                        return hit
        chain = list(dict.fromkeys([cand, root, *list(cand.ancestors)[:4]]))
        for t in chain:
            for c in t.children:
                if c.dep_ not in ("obl", "nmod") or c.i in (cand.i, root.i):
                    continue
                case_tok = next((g for g in c.children if g.dep_ == "case"), None)
                if case_tok is not None and any(g.dep_ == "fixed" for g in case_tok.children):
                    continue  # "de acuerdo con la Fiscalía": an attribution, not a place
                case = case_tok.lower_ if case_tok is not None else None
                if case in _ES_PLACE_CASES or (case == "a" and t.lemma_.lower() in (
                        "imponer", "aplicar", "arancel", "gravar")):
                    for h in [c, *(g for g in c.children if g.dep_ in ("amod", "flat"))]:
                        hit = actor(h)
                        if hit and (case not in ("de", "del") or self._is_place(doc, hit)):
                            return hit
            if t.pos_ in ("VERB", "AUX"):
                break
        for t in chain:
            if t.pos_ in ("VERB", "AUX"):
                reporting = t.lemma_.lower() in self.lex.reporting
                for c in t.children:
                    if c.dep_ in _ES_SUBJ and (noun is None or c.i != noun.i):
                        for h in [c, *(g for g in c.children if g.dep_ in ("amod", "flat"))]:
                            hit = actor(h)
                            if hit and (not reporting or hit in self.lex.places.values()):
                                return hit
                break
        return None


@Language.factory("pw_claims", default_config={})
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    if nlp.lang == "es":
        return SpanishClaimExtractor(nlp, load_lexicons("es"))
    return ClaimExtractor(nlp, load_lexicons())
