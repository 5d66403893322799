"""Resolve one actor text ("the Mexican president", "American warplanes") on a date.

The same rules serve the linker (:mod:`presswatch.nlp.actors`) and ``presswatch kb
resolve``:

1. a name or alias in the KB ("Kristi Noem", "the DEA", "Los Zetas", "Washington");
2. a title held on the date ("the Mexican president" -> the holder of that office);
3. a country word (demonym, name, capital) plus an agent noun ("Mexican authorities"
   -> mexico, GOV; "American warplanes" -> united-states, MIL), the sector coming from
   the agent-noun table (kb/data/agents.tsv, derived from the PETRARCH agents file);
4. qualifiers: "former"/"retired"/"ex-" make the sector ELI.

A title written in the feminine ("la presidenta", "la canciller", kb/data/genders.yaml)
never resolves to a man: "la presidenta de México" in June 2024 is nobody in the KB.
Masculine forms are also used for everyone, so they never filter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from presswatch.kb.model import Resolution, norm

if TYPE_CHECKING:
    from presswatch.kb.index import KB

__all__ = [
    "TitleSpec",
    "agent_sector",
    "agent_sectors",
    "fits_gender",
    "language_words",
    "parse_title",
    "resolve",
    "title_gender",
]

#: Words before a title that say when the title was held, not what it is.
QUALIFIERS = {
    "former": "former", "ex": "former", "ex-": "former", "retired": "former",
    "then": "then", "then-": "then", "late": "former", "outgoing": "current",
    "incoming": "future", "future": "future", "acting": "current", "interim": "current",
    "current": "current", "sitting": "current", "new": "current",
}  # fmt: skip
#: Descriptive words that do not change which office is meant ("first female president").
_FILLER = frozenset({"first", "female", "woman", "top", "then", "current", "powerful", "own"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her",
                          "el", "la", "los", "las", "del", "al", "su", "sus"})  # fmt: skip
#: Spanish words before a title that say when it was held ("el entonces secretario").
_QUALIFIERS_ES = {"entonces": "then", "actual": "current", "nuevo": "current",
                  "nueva": "current"}  # fmt: skip
#: Spanish prepositions that put the country after the title: "presidenta de México",
#: "embajador de Estados Unidos en México" (the post's country is not the office's).
_OF_ES = frozenset({"de", "del"})
_POSTED_ES = frozenset({"en", "ante"})
#: Nouns that name the state itself: "Mexican authorities" is Mexico's government.
_INSTITUTIONS = frozenset(
    [
        "authority",
        "authorities",
        "government",
        "administration",
        "officials",
        "official",
        "state",
        "military",
        "army",
        "police",
        "navy",
        "forces",
        "troops",
        "warplanes",
        # a country's legislature the KB does not name: "the Azerbaijani parliament"
        "parliament",
        "legislature",
    ]
)
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


@dataclass(frozen=True, slots=True)
class TitleSpec:
    """A title as written, taken apart: "former U.S. President" -> president, USA, former."""

    core: str
    country: str | None = None
    qualifier: str | None = None


@cache
def agent_sectors() -> dict[str, str]:
    """The agent-noun table: noun phrase (lower case) -> PLOVER sector."""
    text = resources.files("presswatch.kb").joinpath("data/agents.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            noun, sector = line.split("\t", 1)
            out[noun] = sector.strip()
    return out


@cache
def _feminine_words() -> tuple[frozenset[str], frozenset[str]]:
    """(feminine determiners, feminine title words) from kb/data/genders.yaml."""
    text = resources.files("presswatch.kb").joinpath("data/genders.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return (frozenset(norm(str(w)) for w in data.get("determiners") or ()),
            frozenset(norm(str(w)) for w in data.get("titles") or ()))  # fmt: skip


@cache
def language_words() -> frozenset[str]:
    """Demonyms that are also languages ("spanish", "espanol"; kb/data/languages.yaml):
    alone they are the language, not the country."""
    text = resources.files("presswatch.kb").joinpath("data/languages.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return frozenset(norm(str(w)) for w in data.get("languages") or ())


def title_gender(text: str) -> str | None:
    """ "female" when a written title is feminine ("la presidenta de México", "la
    canciller", "expresidenta"), else None: a masculine or English title says nothing."""
    words = norm(text).split()
    if not words:
        return None
    dets, titles = _feminine_words()
    if words[0] in dets:
        return "female"
    for w in words:
        if w in ("de", "del", "of"):
            break  # "secretario de la Defensa": the words after "de" are not the title's
        if w in titles or (w.startswith("ex") and w[2:].lstrip("-") in titles):
            return "female"
    return None


def fits_gender(kb: KB, actor_id: str, gender: str | None) -> bool:
    """Whether the actor may be meant by a title of this written gender (only a
    feminine title excludes anyone: a man)."""
    if gender != "female":
        return True
    actor = kb.get(actor_id)
    return actor is None or actor.gender != "male"


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def agent_sector(words: list[str]) -> tuple[str | None, int]:
    """The sector of the longest agent phrase that ends the word list, and its length."""
    table = agent_sectors()
    for n in range(min(len(words), 4), 0, -1):
        tail = words[-n:]
        for form in (" ".join(tail), " ".join([*tail[:-1], _singular(tail[-1])])):
            if form in table:
                return table[form], n
    return None, 0


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s'") else word


def country_words(kb: KB) -> dict[str, str]:
    """Every word that names a country: demonyms, names, capitals -> its ISO code."""
    cached: dict[str, str] | None = getattr(kb, "_country_words", None)
    if cached is not None:
        return cached
    out: dict[str, str] = {}
    for key, aid in kb.demonyms.items():
        actor = kb.get(aid)
        if actor and actor.country:
            out[key] = actor.country
    for actor in kb:
        if actor.kind == "country" and actor.country:
            for n in (actor.name, *actor.aliases):
                out.setdefault(norm(n), actor.country)
    kb._country_words = out  # type: ignore[attr-defined]  # memo on the read-only KB
    return out


def _country_prefix(kb: KB, words: list[str]) -> tuple[str | None, int]:
    """The country named by the first words ("u.s.", "united states", "mexico's")."""
    table = country_words(kb)
    for n in range(min(len(words), 4), 0, -1):
        head = words[:n]
        phrase = " ".join([*head[:-1], _strip_possessive(head[-1])])
        if phrase in table:
            return table[phrase], n
    return None, 0


def parse_title(kb: KB, text: str) -> TitleSpec:
    """Take a written title apart into core title, country and qualifier."""
    words = norm(text).replace("-", "- ").replace("- ", "-").split()
    words = [w.rstrip(",") for w in words]
    qualifier = None
    country = None
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if not out and w in _DETERMINERS:
            i += 1
            continue
        if not out and w in QUALIFIERS:
            qualifier = qualifier or QUALIFIERS[w]
            i += 1
            continue
        if not out and w.startswith("ex-") and len(w) > 3:
            qualifier = "former"
            words[i] = w[3:]
            continue
        if not out and w in _QUALIFIERS_ES:
            qualifier = qualifier or _QUALIFIERS_ES[w]
            i += 1
            continue
        if not out and w.startswith("ex") and len(w) > 4 and w[2:] in kb.titles:
            qualifier = "former"  # Spanish writes "former" as a prefix: "expresidente"
            words[i] = w[2:]
            continue
        if not out and country is None:
            code, n = _country_prefix(kb, words[i:])
            if code:
                country = code
                i += n
                continue
        if not out and w in _FILLER:
            i += 1
            continue
        out.append(w)
        i += 1
    if country is None and " ".join(out) not in kb.titles:
        out, country = _country_after(kb, out)
    core = " ".join(out)
    # "president of mexico" is itself a role title; "president of the united states" too
    return TitleSpec(core=core, country=country, qualifier=qualifier)


def _country_after(kb: KB, words: list[str]) -> tuple[list[str], str | None]:
    """Spanish order: the country after the title ("presidenta de méxico", "presidente
    estadounidense", "embajador de estados unidos en mexico") -> core words, country."""
    table = country_words(kb)
    if len(words) > 1 and words[-1] in kb.demonyms and words[-1] in table:
        return words[:-1], table[words[-1]]
    for k in range(1, len(words) - 1):
        if words[k] not in _OF_ES:
            continue
        rest = words[k + 1 :]
        if rest and rest[0] in ("la", "el", "los", "las"):
            rest = rest[1:]
        code, n = _country_prefix(kb, rest)
        if code and (n == len(rest) or rest[n] in _POSTED_ES):
            return words[:k], code
    return words, None


def _longer_name(kb: KB, key: str, context: str) -> str:
    """The longest KB name in ``context`` that contains ``key`` with up to three words
    around it and names a body of the same kind ("Mexico" in "Bank of Mexico" stays the
    country), or ``key`` itself."""
    kinds = _kinds(kb, key)
    if not kinds or "person" in kinds:
        return key
    words = [w.strip(",.;:") for w in norm(context).split()]
    n = len(key.split())
    best = key
    for i in range(len(words) - n + 1):
        if " ".join(words[i : i + n]).removesuffix("'s") != key:
            continue
        for lo in range(max(0, i - 3), i + 1):
            for hi in range(i + n, min(len(words), i + n + 3) + 1):
                phrase = " ".join(words[lo:hi])
                if len(phrase) > len(best) and phrase in kb.names and _kinds(kb, phrase) <= kinds:
                    best = phrase
    return best


def _kinds(kb: KB, key: str) -> set[str]:
    return {a.kind for i in kb.names.get(key, ()) if (a := kb.get(i)) is not None}


def _from_actor(kb: KB, aid: str, date: dt.date | None, text: str) -> Resolution:
    actor = kb.get(aid)
    assert actor is not None
    sector, role = kb.sector_at(aid, date)
    return Resolution(
        id=actor.id, name=actor.name, kind=actor.kind, country=actor.country,
        sector=sector, role=role.title if role else None, known=True,
    )  # fmt: skip


def pick(
    kb: KB,
    ids: list[str],
    date: dt.date | None,
    context: str | None = None,
    focus: str | None = None,
) -> str:
    """Choose among actors sharing a name: one holding a role on the date, then one
    whose country the context names, then one of the article's focus country, then the
    first listed."""
    if len(ids) == 1:
        return ids[0]
    active = [i for i in ids if kb.roles_at(i, date)]
    if len(active) == 1:
        return active[0]
    if context:
        ctx = norm(context)
        for cw, code in country_words(kb).items():
            if f" {cw} " in f" {ctx} ":
                same = [i for i in ids if (a := kb.get(i)) and a.country == code]
                if same:
                    return same[0]
    if focus:
        same = [i for i in ids if (a := kb.get(i)) and a.country == focus]
        if same:
            return same[0]
    return ids[0]


def resolve(kb: KB, text: str, date: dt.date | None = None,
            context: str | None = None) -> Resolution | None:  # fmt: skip
    """What ``text`` refers to on ``date`` (None when nothing is recognised)."""
    day = date or kb.as_of
    raw = norm(text).strip(" ,.;:")
    gender = title_gender(raw)
    words = raw.split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    if not words:
        return None
    words[-1] = _strip_possessive(words[-1])
    key = " ".join(words)
    # 1. a name or alias, the longer one the context writes first ("Congress" in
    # "Mexico's Congress approved" is Mexico's, in "el Senado de Estados Unidos" the US's)
    if context:
        key = _longer_name(kb, key, context)
    if key in kb.names:
        return _from_actor(kb, pick(kb, kb.names[key], day, context), day, text)
    if key in kb.surnames and len(kb.surnames[key]) == 1:
        return _from_actor(kb, kb.surnames[key][0], day, text)
    # 2. a title held on the date
    spec = parse_title(kb, key)
    country = spec.country
    if spec.core in kb.titles:
        if spec.qualifier not in ("former", "future"):
            held = [a for a in kb.holders(spec.core, country, day)
                    if fits_gender(kb, a.id, gender)]  # fmt: skip
            if len(held) > 1 and country is None and context:
                code, _ = _country_in(kb, context)
                held = [a for a in held if any(r.country == code for r in kb.roles_at(a.id, day))]
            if len(held) == 1:
                return _from_actor(kb, held[0].id, day, text)
        sector_role = next(
            (r.sector for _, r in kb.titles[spec.core] if country is None or r.country == country),
            None,
        )
        sector = "ELI" if spec.qualifier == "former" else sector_role
        return Resolution(id=None, name=text.strip(), kind="person",
                          country=country or (_country_in(kb, context)[0] if context else None),
                          sector=sector)  # fmt: skip
    # 3. a country word and an agent noun
    core_words = spec.core.split()
    sector, _ = agent_sector(core_words) if core_words else (None, 0)
    if country is None and core_words:
        # a country word later in the phrase: "police in Mexico"
        for i in range(len(core_words)):
            code, m = _country_prefix(kb, core_words[i:])
            if code and i + m == len(core_words):
                country = code
                sector, _n = agent_sector(core_words[:i] or core_words)
                break
    if spec.qualifier == "former" or "retired" in words:
        sector = "ELI"
    if country is None and not core_words:
        return None
    if sector is None and country is None:
        return _unknown_name(kb, text.strip(), day, context)
    if country is None and context and sector:
        country = _country_in(kb, context)[0]
    if sector is None and country is not None and not core_words:
        # only a country word: "Mexican", "Mexico's"; "Spanish" alone is the language
        if key in language_words():
            return None
        cid = _country_actor(kb, country)
        return _from_actor(kb, cid, day, text) if cid else None
    if sector is None:
        return None
    noun = core_words[-1] if core_words else ""
    if country and sector in _STATE_SECTORS and (noun in _INSTITUTIONS or noun.endswith("s")):
        cid = _country_actor(kb, country)
        if cid:
            c = kb.get(cid)
            assert c is not None
            return Resolution(id=c.id, name=c.name, kind=c.kind, country=country,
                              sector=sector, known=True)  # fmt: skip
    kind = "group" if noun.endswith("s") and not noun.endswith("ss") else "person"
    return Resolution(id=None, name=text.strip(), kind=kind, country=country, sector=sector)


def _unknown_name(kb: KB, text: str, day: dt.date, context: str | None) -> Resolution | None:
    """A capitalised name the KB does not know: a made-up slug id, like the linker's.

    "Marco Castillo" with the context "Marco Castillo from Global Exchange" is a person
    with the organisation's country and sector.
    """
    words = text.split()
    if not words or not all(w[:1].isupper() for w in words if w.lower() not in _PARTICLES):
        return None
    from presswatch.kb.model import slugify

    country = sector = None
    if context:
        m = re.search(
            re.escape(text)
            + r"\s+(?:from|of|at|with)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)",
            context,
        )
        if m:
            org = kb.lookup(m.group(1))
            if org and org[0].kind != "person":
                country = org[0].country
                sector = org[0].sector if org[0].kind != "country" else None
    kind = "person" if 2 <= len(words) <= 4 else "organization"
    return Resolution(id=slugify(text), name=text, kind=kind, country=country, sector=sector)


_PARTICLES = frozenset({"de", "del", "la", "los", "las", "y", "van", "von", "da"})


def _country_actor(kb: KB, code: str) -> str | None:
    memo: dict[str, str] | None = getattr(kb, "_country_actors", None)
    if memo is None:
        memo = {a.country: a.id for a in kb if a.kind == "country" and a.country}
        kb._country_actors = memo  # type: ignore[attr-defined]  # memo on the read-only KB
    return memo.get(code)


def _country_in(kb: KB, context: str) -> tuple[str | None, int]:
    """The first country a context sentence names."""
    words = norm(context).split()
    for i in range(len(words)):
        code, _n = _country_prefix(kb, words[i:])
        if code:
            return code, i
    return None, -1
