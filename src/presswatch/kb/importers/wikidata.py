"""Wikidata JSON dump lines -> presswatch pack YAML.

Reads the entity-per-line JSON of Wikidata dumps (``latest-all.json``: one entity per
line, lines end with a comma, the file opens with ``[`` and closes with ``]``).  For
each human (P31 = Q5) it takes the English label (Spanish when there is none), the
English and Spanish aliases, gender (P21), citizenship (P27 -> ISO alpha-3) and every
position held (P39) with its start (P580) and end (P582) qualifiers.  Positions and
countries that are themselves in the file give their labels, their country (P17/P1001)
and ISO code (P298); otherwise the position's Q-id stands as its title.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from presswatch.errors import KBError
from presswatch.kb.model import iso3_codes, slugify
from presswatch.kb.resolve import agent_sector, agent_sectors

__all__ = ["import_file", "to_pack"]

_GENDER = {"Q6581072": "female", "Q6581097": "male", "Q1097630": "nonbinary"}
_HUMAN = "Q5"


@cache
def _country_table() -> dict[str, str]:
    text = resources.files("presswatch.kb").joinpath("data/wikidata_countries.tsv").read_text()
    return dict(
        line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#")
    )


def _label(entity: dict[str, Any]) -> str | None:
    labels = entity.get("labels") or {}
    for lang in ("en", "es"):
        if lang in labels:
            return str(labels[lang]["value"])
    return None


def _ids(entity: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in (entity.get("claims") or {}).get(prop, []):
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.append(value["id"])
        elif isinstance(value, str):
            out.append(value)
    return out


def _time(qualifiers: dict[str, Any], prop: str) -> str | None:
    for q in qualifiers.get(prop, []):
        value = (q.get("datavalue") or {}).get("value") or {}
        t = value.get("time") if isinstance(value, dict) else None
        if isinstance(t, str) and len(t) >= 11:
            y, m, d = t[1:5], t[6:8], t[9:11]
            # Wikidata writes 00 for an unknown month or day (year precision)
            return f"{y}-{m if m != '00' else '01'}-{d if d != '00' else '01'}"
    return None


def read_lines(lines: Iterable[str], source: str = "?") -> list[dict[str, Any]]:
    entities = []
    for n, raw in enumerate(lines, 1):
        line = raw.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError:
            raise KBError(
                f"line {n} is not a JSON entity (a Wikidata dump line)", item=source
            ) from None
        if isinstance(entity, dict) and "id" in entity:
            entities.append(entity)
    return entities


def to_pack(entities: list[dict[str, Any]], name: str, source: str) -> dict[str, Any]:
    by_id = {e["id"]: e for e in entities}
    countries = dict(_country_table())
    for e in entities:
        for code in _ids(e, "P298"):
            if code in iso3_codes():
                countries[e["id"]] = code
    actors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for e in entities:
        if _HUMAN not in _ids(e, "P31"):
            continue
        label = _label(e)
        if not label:
            continue
        aid = slugify(label)
        if aid in seen:
            aid = f"{aid}-{e['id'].lower()}"
        seen.add(aid)
        country = next((countries[c] for c in _ids(e, "P27") if c in countries), None)
        aliases = [
            a["value"] for lang in ("en", "es") for a in (e.get("aliases") or {}).get(lang, [])
        ]
        es = ((e.get("labels") or {}).get("es") or {}).get("value")
        if es and es != label:
            aliases.insert(0, es)
        entry: dict[str, Any] = {"id": aid, "name": label, "kind": "person", "wikidata": e["id"]}
        if country:
            entry["country"] = country
        gender = next((_GENDER[g] for g in _ids(e, "P21") if g in _GENDER), None)
        if gender:
            entry["gender"] = gender
        if aliases:
            entry["aliases"] = list(dict.fromkeys(a for a in aliases if a != label))
        roles = []
        for claim in (e.get("claims") or {}).get("P39", []):
            value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value") or {}
            pid = value.get("id") if isinstance(value, dict) else None
            if not pid:
                continue
            position = by_id.get(pid, {})
            title = _label(position) or pid
            quals = claim.get("qualifiers") or {}
            r_country = next(
                (countries[c] for c in _ids(position, "P17") + _ids(position, "P1001")
                 if c in countries), country,
            )  # fmt: skip
            words = title.lower().split()
            # the head noun of "Senator of the Republic" comes first, of "Defense Minister" last
            sector = agent_sector(words)[0] or next(
                (agent_sectors()[w] for w in words if w in agent_sectors()), None
            )
            role: dict[str, Any] = {"title": title, "sector": sector or "GOV"}
            if r_country:
                role["country"] = r_country
            start, end = _time(quals, "P580"), _time(quals, "P582")
            if start:
                role["start"] = start
            if end:
                role["end"] = end
            roles.append(role)
        if roles:
            entry["roles"] = roles
        actors.append(entry)
    return {"pack": name, "source": source, "actors": actors}


def import_file(path: Path, name: str | None = None) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        entities = read_lines(f, source=path.name)
    return to_pack(entities, name=name or path.stem,
                   source=f"imported from {path.name} (Wikidata, CC0)")  # fmt: skip
