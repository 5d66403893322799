"""The in-memory knowledge base: actors by id, name keys, roles over time.

Built once from validated packs (:func:`presswatch.kb.load_kb`); every lookup is a
dictionary access.  Dates are ``datetime.date`` or ISO strings; a role's ``end`` is
inclusive (both presidents "hold" the office on inauguration day, as the record
shows them both in office that day), a missing ``start``/``end`` is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from presswatch.kb.model import Resolution, norm
from presswatch.records import Actor, Role

if TYPE_CHECKING:
    from presswatch.kb.loader import Pack

__all__ = ["KB", "TitleStatus"]

TitleStatus = Literal["current", "former", "future", "never"]
DateLike = dt.date | str | None

#: Sectors that make an office "in government" for the ELI rule: someone who held one
#: of these and no longer holds any role is coded ELI (PLOVER: former elite).
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO"})
#: Words that are part of names, not surnames ("de la Fuente": the surname keeps them).
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "van", "von", "da", "di", "le"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def as_date(value: DateLike) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _active(role: Role, day: dt.date) -> bool:
    iso = day.isoformat()
    return (role.start is None or role.start <= iso) and (role.end is None or iso <= role.end)


def surname_keys(actor: Actor) -> list[str]:
    """The short forms a person is called after the first full mention.

    "Kristi Noem" -> noem; "Claudia Sheinbaum Pardo" -> sheinbaum pardo, sheinbaum;
    "Andrés Manuel López Obrador" -> lopez obrador, obrador, lopez; "Juan Ramón de la
    Fuente" -> de la fuente.  Spanish names put the paternal surname second to last.
    """
    if actor.kind != "person":
        return []
    out: list[str] = []
    for full in (actor.name, *actor.aliases):
        words = [w for w in norm(full).split() if w not in _SUFFIXES]
        if len(words) < 2:
            continue
        # a surname keeps its particles: "de la fuente"
        i = len(words) - 1
        while i > 1 and words[i - 1] in _PARTICLES:
            i -= 1
        out.append(" ".join(words[i:]))
        hispanic = actor.country in _HISPANIC
        if len(words) >= 3 and hispanic and words[-2] not in _PARTICLES:
            out.append(" ".join(words[-2:]))
            out.append(words[-2])
    return list(dict.fromkeys(k for k in out if len(k) > 2))


#: Countries whose people usually carry two surnames (paternal, maternal).
_HISPANIC = frozenset(
    [
        "MEX",
        "ARG",
        "BOL",
        "CHL",
        "COL",
        "CRI",
        "CUB",
        "DOM",
        "ECU",
        "ESP",
        "GTM",
        "HND",
        "NIC",
        "PAN",
        "PER",
        "PRY",
        "SLV",
        "URY",
        "VEN",
    ]
)


class KB:
    """Actors, their names and their roles over time.  Read-only once built."""

    def __init__(self, packs: Sequence[Pack]):
        self.packs = tuple(packs)
        actors: dict[str, Actor] = {}
        for pack in self.packs:
            for a in pack.actors:
                actors[a.id] = a  # a later pack overrides an earlier one
        self._actors = actors
        as_ofs = [p.as_of for p in self.packs if p.as_of]
        #: The date the KB is accurate to: the default date of every question.
        self.as_of: dt.date = as_date(max(as_ofs)) if as_ofs else dt.date.today()  # type: ignore[assignment]
        self.names: dict[str, list[str]] = {}
        self.surnames: dict[str, list[str]] = {}
        self.demonyms: dict[str, str] = {}
        self.titles: dict[str, list[tuple[str, Role]]] = {}
        for a in actors.values():
            for n in (a.name, *a.aliases):
                self._add(self.names, norm(n), a.id)
            for s in surname_keys(a):
                self._add(self.surnames, s, a.id)
            for d in a.demonyms:
                self.demonyms.setdefault(norm(d), a.id)
            for r in a.roles:
                for t in self.role_keys(r):
                    self.titles.setdefault(t, []).append((a.id, r))

    @staticmethod
    def _add(index: dict[str, list[str]], key: str, aid: str) -> None:
        ids = index.setdefault(key, [])
        if aid not in ids:
            ids.append(aid)

    @staticmethod
    def role_keys(role: Role) -> set[str]:
        return {norm(t) for t in (role.title, *role.variants)}

    # -- the public API -------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self._actors.get(actor_id)

    def lookup(self, name: str) -> list[Actor]:
        """Actors whose name or alias is ``name`` (case and accents ignored)."""
        return [self._actors[i] for i in self.names.get(norm(name), ())]

    def roles_at(self, actor_id: str, date: DateLike = None) -> list[Role]:
        """The roles the actor holds on ``date`` (default: the KB's as-of date)."""
        actor = self._actors.get(actor_id)
        day = as_date(date) or self.as_of
        return [r for r in actor.roles if _active(r, day)] if actor else []

    def sector_at(self, actor_id: str, date: DateLike = None) -> tuple[str | None, Role | None]:
        """The PLOVER sector on ``date`` and the role that gives it.

        The current role with the latest start wins; someone who held an office and
        holds none now is ELI (a former office holder, not GOV); otherwise the actor's
        own sector.
        """
        actor = self._actors.get(actor_id)
        if actor is None:
            return None, None
        day = as_date(date) or self.as_of
        current = [r for r in actor.roles if _active(r, day) and r.sector]
        if current:
            role = max(current, key=lambda r: r.start or "")
            return role.sector, role
        iso = day.isoformat()
        past = [r for r in actor.roles if r.end and r.end < iso and r.sector in _OFFICE_SECTORS]
        if past and actor.kind == "person":
            return "ELI", max(past, key=lambda r: r.end or "")
        return actor.sector, None

    def holders(self, title_or_office: str, country: str | None = None,
                date: DateLike = None) -> list[Actor]:  # fmt: skip
        """Who held a title ("president", "attorney general") of ``country`` on ``date``."""
        from presswatch.kb.resolve import parse_title

        spec = parse_title(self, title_or_office)
        country = country or spec.country
        day = as_date(date) or self.as_of
        out: list[Actor] = []
        for aid, role in self.titles.get(spec.core, ()):
            if (country is None or role.country == country) and _active(role, day):
                actor = self._actors[aid]
                if actor not in out:
                    out.append(actor)
        return out

    def titles_of(self, actor_id: str) -> set[str]:
        """Every title variant the actor ever held (lower case, accents folded)."""
        actor = self._actors.get(actor_id)
        return set().union(*(self.role_keys(r) for r in actor.roles)) if actor else set()

    def match_title(self, actor_id: str, title_text: str, date: DateLike = None) -> TitleStatus:
        """Whether ``title_text`` ("former U.S. President", "Mexican president") is a
        title the actor holds on ``date`` (current), held before (former), will hold
        (future) or never held.  Qualifiers such as "former" are ignored here: the
        check compares what was written with this answer.
        """
        from presswatch.kb.resolve import parse_title

        actor = self._actors.get(actor_id)
        if actor is None:
            return "never"
        spec = parse_title(self, title_text)
        day = (as_date(date) or self.as_of).isoformat()
        country = spec.country
        roles = [
            r for r in actor.roles
            if spec.core in self.role_keys(r) and country in (None, r.country)
        ]  # fmt: skip
        if any(_active(r, as_date(day) or self.as_of) for r in roles):
            return "current"
        if any(r.end and r.end < day for r in roles):
            return "former"
        if any(r.start and r.start > day for r in roles):
            return "future"
        return "never"

    def resolve(self, text: str, date: DateLike = None,
                context: str | None = None) -> Resolution | None:  # fmt: skip
        """What an actor text refers to on ``date``; see :mod:`presswatch.kb.resolve`."""
        from presswatch.kb.resolve import resolve

        return resolve(self, text, as_date(date), context)
