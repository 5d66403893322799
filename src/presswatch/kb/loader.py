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
from presswatch.kb.model import Office, parse_actor, parse_office
from presswatch.records import Actor

if TYPE_CHECKING:  # the index imports nothing from here, but keep the import lazy at run time
    from presswatch.kb.index import KB

__all__ = ["Pack", "load_kb", "read_pack", "shipped_packs"]


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


def read_pack(path: Path | str, offices: dict[str, Office] | None = None) -> Pack:
    """Parse and validate one pack.  ``offices`` from earlier packs may be referred to."""
    path = Path(path)
    where = path.name
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_PackLoader)
    except OSError as e:
        raise KBError(f"cannot read the pack: {e.strerror}", item=str(path)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise KBError(f"not valid YAML{at}: fix the syntax", item=where) from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KBError("a pack is a mapping with an `actors:` list (see docs/KB.md)", item=where)
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


def load_kb(paths: Sequence[Path | str] = ()) -> KB:
    """The shipped packs plus ``paths`` (later files override actors with the same id).

    Cached per process by the tuple of paths: every component and check that asks
    for the same packs gets the same :class:`KB` object.
    """
    return _load_cached(tuple(str(Path(p)) for p in paths))


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> KB:
    from presswatch.kb.index import KB

    offices: dict[str, Office] = {}
    packs = [read_pack(p, offices) for p in [*shipped_packs(), *map(Path, paths)]]
    return KB(packs)
