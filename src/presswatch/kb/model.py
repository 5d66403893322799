"""The knowledge-base vocabulary and the validation of pack entries (see docs/KB.md).

A pack is a YAML mapping with ``pack``, ``as_of``, optional ``offices`` (reusable role
templates) and ``actors``.  :func:`parse_actor` turns one YAML actor into an
:class:`~presswatch.records.Actor`, raising :class:`~presswatch.errors.KBError` with a
message that names the file and the actor when anything is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from presswatch.errors import KBError
from presswatch.records import Actor, Role

__all__ = [
    "KINDS",
    "SECTORS",
    "Office",
    "Resolution",
    "fold",
    "iso3_codes",
    "norm",
    "parse_actor",
    "parse_office",
    "slugify",
]

#: What an actor is.
KINDS = frozenset({"person", "organization", "country", "region", "city", "group"})

#: PLOVER/CAMEO agent sectors the KB uses.  The first line is PLOVER's core set; the
#: second keeps the finer CAMEO agent codes that Phoenix dictionaries carry, so that
#: imported packs lose nothing.
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "PTY",
        "CRM",
        "REB",
        "SPY",
        "ELI",
        "CVL",
        "IGO",
        "BUS",
        "MED",
        "NGO",
        "EDU",
        "HLH",
        "REL",
        "LAB",
        "AGR",
        "REF",
        "ENV",
        "OPP",
        "UAF",
    ]
)

GENDERS = frozenset({"female", "male", "nonbinary"})

_ACTOR_KEYS = frozenset(
    [
        "id",
        "name",
        "kind",
        "country",
        "sector",
        "wikidata",
        "gender",
        "aliases",
        "demonyms",
        "roles",
        "note",
    ]
)
_ROLE_KEYS = frozenset(
    ["office", "title", "variants", "organization", "country", "sector", "start", "end", "note"]
)
_OFFICE_KEYS = frozenset(["title", "variants", "organization", "country", "sector"])
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True, slots=True)
class Office:
    """A reusable role template: ``office: usa-president`` in an actor's roles."""

    key: str
    title: str
    variants: tuple[str, ...] = ()
    organization: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one actor text refers to (the answer of ``KB.resolve``)."""

    id: str | None
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    #: The role that gave the sector, when one did ("President of Mexico").
    role: str | None = None
    #: True when the id is a knowledge-base actor, False for a made-up slug or none.
    known: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
            "sector": self.sector, "role": self.role, "known": self.known,
        }  # fmt: skip


def fold(text: str) -> str:
    """Strip accents: "López" -> "Lopez" (compatibility decomposition, marks dropped)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NORM_PUNCT = re.compile(r"[’‘`´]")
_NORM_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """The lookup key of a name or title: accent-folded, lower case, one space."""
    text = _NORM_PUNCT.sub("'", fold(text)).lower().strip()
    return _NORM_SPACE.sub(" ", text)


def slugify(text: str) -> str:
    """A readable id: "Marco Castillo" -> "marco-castillo", "López" -> "lopez"."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    return s or "unnamed"


@cache
def iso3_codes() -> frozenset[str]:
    """The valid country codes (ISO 3166-1 alpha-3, from kb/data/iso3166.tsv)."""
    text = resources.files("presswatch.kb").joinpath("data/iso3166.tsv").read_text("utf-8")
    return frozenset(
        line.split("\t", 1)[0] for line in text.splitlines() if line and not line.startswith("#")
    )


def _date(value: Any, where: str, field: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise KBError(f"{field} {value!r} is not a date; write YYYY-MM-DD", item=where)


def _strs(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise KBError(f"{field} must be a list of non-empty strings", item=where)


def _country(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in iso3_codes():
        raise KBError(
            f"country {value!r} is not an ISO 3166-1 alpha-3 code (e.g. MEX, USA)", item=where
        )
    return value


def _sector(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise KBError(
            f"sector {value!r} is not a PLOVER sector (one of {', '.join(sorted(SECTORS))})",
            item=where,
        )
    return str(value)


def _check_keys(entry: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise KBError(
            f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
            item=where,
        )


def parse_office(key: str, entry: Any, where: str) -> Office:
    here = f"{where}: office {key}"
    if not isinstance(entry, dict):
        raise KBError("an office must be a mapping with at least a title", item=here)
    _check_keys(entry, _OFFICE_KEYS, here)
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise KBError("an office needs a title", item=here)
    return Office(
        key=key,
        title=title,
        variants=_strs(entry.get("variants"), here, "variants"),
        organization=entry.get("organization"),
        country=_country(entry.get("country"), here),
        sector=_sector(entry.get("sector"), here),
    )


def _parse_role(entry: Any, offices: dict[str, Office], here: str) -> Role:
    if not isinstance(entry, dict):
        raise KBError("each role must be a mapping (office or title, start, end …)", item=here)
    _check_keys(entry, _ROLE_KEYS, here)
    base: Office | None = None
    if "office" in entry:
        base = offices.get(entry["office"])
        if base is None:
            raise KBError(
                f"role refers to unknown office {entry['office']!r}; define it under offices:",
                item=here,
            )
    title = entry.get("title") or (base.title if base else None)
    if not isinstance(title, str) or not title.strip():
        raise KBError("a role needs a title or an office", item=here)
    start = _date(entry.get("start"), here, "start")
    end = _date(entry.get("end"), here, "end")
    if start and end and end < start:
        raise KBError(f"role {title!r} ends ({end}) before it starts ({start})", item=here)
    variants = _strs(entry.get("variants"), here, "variants") + (base.variants if base else ())
    return Role(
        title=title,
        organization=entry.get("organization") or (base.organization if base else None),
        country=_country(entry.get("country"), here) or (base.country if base else None),
        sector=_sector(entry.get("sector"), here) or (base.sector if base else None),
        start=start,
        end=end,
        variants=tuple(dict.fromkeys(variants)),
    )


def parse_actor(entry: Any, offices: dict[str, Office], where: str) -> Actor:
    """Validate one YAML actor (``where`` is the file name) and build the record."""
    if not isinstance(entry, dict):
        raise KBError("each actor must be a mapping with id, name and kind", item=where)
    aid = entry.get("id")
    here = f"{where}: actor {aid or entry.get('name') or '?'}"
    _check_keys(entry, _ACTOR_KEYS, here)
    if not isinstance(aid, str) or not _SLUG.match(aid):
        raise KBError(
            f"id {aid!r} must be a readable slug (lower case, digits, hyphens: claudia-sheinbaum)",
            item=here,
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise KBError("an actor needs a name", item=here)
    kind = entry.get("kind")
    if kind not in KINDS:
        raise KBError(f"kind {kind!r} must be one of {', '.join(sorted(KINDS))}", item=here)
    gender = entry.get("gender")
    if gender is not None and gender not in GENDERS:
        raise KBError(f"gender {gender!r} must be one of {', '.join(sorted(GENDERS))}", item=here)
    wikidata = entry.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _WIKIDATA.match(wikidata)):
        raise KBError(f"wikidata {wikidata!r} must look like Q12345", item=here)
    roles_raw = entry.get("roles") or []
    if not isinstance(roles_raw, list):
        raise KBError("roles must be a list", item=here)
    roles = tuple(_parse_role(r, offices, f"{here}: role {i + 1}") for i, r in enumerate(roles_raw))
    return Actor(
        id=aid,
        name=name,
        kind=str(kind),
        country=_country(entry.get("country"), here),
        sector=_sector(entry.get("sector"), here),
        wikidata=wikidata,
        gender=gender,
        aliases=_strs(entry.get("aliases"), here, "aliases"),
        demonyms=_strs(entry.get("demonyms"), here, "demonyms"),
        roles=roles,
    )
