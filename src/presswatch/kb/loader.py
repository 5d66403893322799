"""Read pack files (YAML) into validated records, and :func:`load_kb` with its cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from presswatch.errors import KBError
from presswatch.kb.model import Office, norm, parse_actor, parse_office
from presswatch.records import Actor

if TYPE_CHECKING:  # the index imports nothing from here, but keep the import lazy at run time
    from presswatch.kb.index import KB

__all__ = ["Pack", "load_kb", "read_overlay", "read_pack", "shipped_overlays", "shipped_packs"]


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    path: str
    as_of: str | None
    actors: tuple[Actor, ...]
    source: str | None = None


#: libyaml's parser when PyYAML was built with it (it halves pipeline start-up: the packs
#: are most of what a worker reads before its first article), else the pure-Python one.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PackLoader(_BaseLoader):  # type: ignore[misc]
    """YAML without implicit timestamps: dates stay text, so that an impossible date
    ("2020-02-30") is reported by the validator with the actor's name."""


_PackLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def shipped_packs() -> list[Path]:
    """The packs inside the package (kb/packs/*.yaml), in name order."""
    root = resources.files("presswatch.kb").joinpath("packs")
    return sorted(Path(str(p)) for p in root.iterdir() if str(p).endswith(".yaml"))


def shipped_overlays(lang: str) -> list[Path]:
    """The language overlays inside the package (kb/packs/<lang>/*.yaml), in name order."""
    root = resources.files("presswatch.kb").joinpath("packs").joinpath(lang)
    if not root.is_dir():
        return []
    return sorted(Path(str(p)) for p in root.iterdir() if str(p).endswith(".yaml"))


@dataclass(frozen=True, slots=True)
class Overlay:
    """The names of one language for actors and offices defined in the packs.

    ``actors``: id -> extra aliases and demonyms, and ``not_aliases`` (pack aliases that
    name something else in this language); ``offices``: office key -> extra title
    variants; ``titles``: role title (for roles written without an office) -> variants.
    """

    lang: str
    actors: dict[str, dict[str, tuple[str, ...]]]
    offices: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]


def _read_yaml(path: Path, what: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_PackLoader)
    except OSError as e:
        raise KBError(f"cannot read the {what}: {e.strerror}", item=str(path)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise KBError(f"not valid YAML{at}: fix the syntax", item=path.name) from None


def _names(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise KBError(f"{field} must be a list of non-empty strings", item=where)


def read_overlay(path: Path | str) -> Overlay:
    """Parse and validate one language overlay (docs/KB.md, "Names in other languages")."""
    path = Path(path)
    where = path.name
    data = _read_yaml(path, "overlay")
    if not isinstance(data, dict) or not isinstance(data.get("lang"), str):
        raise KBError("an overlay is a mapping with `lang:` (see docs/KB.md)", item=where)
    unknown = sorted(set(data) - {"lang", "pack", "source", "actors", "offices", "titles"})
    if unknown:
        raise KBError(f"unknown field(s) {', '.join(unknown)}; allowed: actors, lang, "
                      "offices, pack, source, titles", item=where)  # fmt: skip
    actors: dict[str, dict[str, tuple[str, ...]]] = {}
    for aid, entry in (data.get("actors") or {}).items():
        here = f"{where}: actor {aid}"
        if not isinstance(entry, dict) or set(entry) - {"aliases", "demonyms", "not_aliases"}:
            raise KBError("an overlay actor is a mapping of aliases, demonyms and not_aliases",
                          item=here)  # fmt: skip
        actors[str(aid)] = {k: _names(v, here, k) for k, v in entry.items()}
    offices = {str(k): _names(v, f"{where}: office {k}", "variants")
               for k, v in (data.get("offices") or {}).items()}  # fmt: skip
    titles = {str(k): _names(v, f"{where}: title {k}", "variants")
              for k, v in (data.get("titles") or {}).items()}  # fmt: skip
    return Overlay(lang=data["lang"], actors=actors, offices=offices, titles=titles)


def _merge_overlays(overlays: Sequence[Overlay]) -> Overlay | None:
    if not overlays:
        return None
    actors: dict[str, dict[str, tuple[str, ...]]] = {}
    offices: dict[str, tuple[str, ...]] = {}
    titles: dict[str, tuple[str, ...]] = {}
    for o in overlays:
        for aid, fields in o.actors.items():
            mine = actors.setdefault(aid, {})
            for k, v in fields.items():
                mine[k] = mine.get(k, ()) + v
        for key, v in o.offices.items():
            offices[key] = offices.get(key, ()) + v
        for key, v in o.titles.items():
            titles[key] = titles.get(key, ()) + v
    return Overlay(overlays[0].lang, actors, offices, titles)


def _apply(data: dict[str, Any], overlay: Overlay) -> dict[str, Any]:
    """The raw pack with the overlay's names added (before validation, so that an
    office's extra variants reach every role that uses the office)."""
    data = dict(data)
    offices = {}
    for key, entry in (data.get("offices") or {}).items():
        extra = overlay.offices.get(str(key))
        if extra and isinstance(entry, dict):
            entry = {**entry, "variants": [*(entry.get("variants") or []), *extra]}
        offices[key] = entry
    if offices:
        data["offices"] = offices
    actors = []
    for entry in data.get("actors") or []:
        if isinstance(entry, dict):
            fields = dict(overlay.actors.get(str(entry.get("id")), {}))
            # a pack name that means something else in this language ("EU" is Estados
            # Unidos in Spanish, not the European Union)
            dropped = {norm(str(n)) for n in fields.pop("not_aliases", ())}
            entry = {**entry, **{k: [*(entry.get(k) or []), *v] for k, v in fields.items()}}
            if dropped and isinstance(entry.get("aliases"), list):
                entry["aliases"] = [a for a in entry["aliases"] if norm(str(a)) not in dropped]
            roles = entry.get("roles")
            if isinstance(roles, list) and overlay.titles:
                entry["roles"] = [
                    {**r, "variants": [*(r.get("variants") or []), *overlay.titles[r["title"]]]}
                    if isinstance(r, dict) and isinstance(r.get("title"), str)
                    and r["title"] in overlay.titles else r
                    for r in roles
                ]  # fmt: skip
        actors.append(entry)
    data["actors"] = actors
    return data


def read_pack(
    path: Path | str, offices: dict[str, Office] | None = None, overlay: Overlay | None = None
) -> Pack:
    """Parse and validate one pack.  ``offices`` from earlier packs may be referred to;
    ``overlay`` adds the names of another language."""
    path = Path(path)
    where = path.name
    data: Any = _read_yaml(path, "pack")
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KBError("a pack is a mapping with an `actors:` list (see docs/KB.md)", item=where)
    if overlay is not None:
        data = _apply(data, overlay)
    known = dict(offices or {})
    raw_offices = data.get("offices") or {}
    if not isinstance(raw_offices, dict):
        raise KBError("`offices:` must be a mapping of office key -> office", item=where)
    for key, entry in raw_offices.items():
        known[str(key)] = parse_office(str(key), entry, where)
    if offices is not None:
        offices.update(known)
    actors: list[Actor] = []
    seen: set[str] = set()
    for entry in data["actors"]:
        actor = parse_actor(entry, known, where)
        if actor.id in seen:
            raise KBError("this id is used twice in the pack; ids must be unique",
                          item=f"{where}: actor {actor.id}")  # fmt: skip
        seen.add(actor.id)
        actors.append(actor)
    as_of = data.get("as_of")
    if isinstance(as_of, dt.date):
        as_of = as_of.isoformat()
    return Pack(
        name=str(data.get("pack") or path.stem),
        path=str(path),
        as_of=str(as_of) if as_of else None,
        actors=tuple(actors),
        source=data.get("source"),
    )


def load_kb(paths: Sequence[Path | str] = (), lang: str = "en") -> KB:
    """The shipped packs plus ``paths`` (later files override actors with the same id),
    with the names of ``lang`` from its overlays (kb/packs/<lang>/) when it has any.

    Cached per process by the tuple of paths and the language: every component and
    check that asks for the same packs gets the same :class:`KB` object.  English names
    are in the packs themselves; the KB of another language has them too (English
    names of people and places are written in Spanish articles as well).
    """
    return _load_cached(tuple(str(Path(p)) for p in paths), lang)


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...], lang: str = "en") -> KB:
    from presswatch.kb.index import KB

    overlay = _merge_overlays([read_overlay(p) for p in shipped_overlays(lang)])
    offices: dict[str, Office] = {}
    packs = [read_pack(p, offices, overlay) for p in [*shipped_packs(), *map(Path, paths)]]
    return KB(packs)
