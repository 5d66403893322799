"""PETRARCH-2 / Phoenix dictionaries -> presswatch pack YAML.

Reads the TABARI/PETRARCH ``.actors.txt`` format (Open Event Data Alliance, MIT
licence)::

    ANGELA_MERKEL_  # CountryInfo.txt        <- an actor (underscores are spaces)
    +CHANCELLOR_MERKEL_                      <- a synonym
        [DEUELI 720101-000101]               <- a dated code: country + sector(s)
        [DEUGOV >051122]                     <- ">" from, "<" until; yymmdd or yyyymmdd
    MEXICO_  [MEX]                           <- an actor with an undated code

and the agents file (``Phoenix.agents.txt``: ``NOUN_PHRASE {PLURALS} [~SECTOR]``).
Dated GOV/MIL/… codes become roles; ELI codes are dropped, because presswatch derives
"former office holder" from the end of the roles themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.errors import KBError
from presswatch.kb.model import SECTORS, iso3_codes, slugify

__all__ = ["read_actors", "read_agents", "to_pack"]

_CODE = re.compile(r"\[([^\]]+)\]")
#: CAMEO agent codes that PLOVER folds into another sector.
_SECTOR_MAP = {
    "HRI": "NGO", "CHR": "REL", "MUS": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL",
    "RAD": "CVL", "PPL": "CVL", "DEV": "GOV", "INS": "REB", "SEP": "REB", "MOD": "CVL",
    "NGM": "NGO", "SET": "CVL", "CRI": "CRM", "IMG": "REB",
}  # fmt: skip
#: Codes that are not a sector but a religion/ethnic tag or a place marker.
_IGNORED = frozenset({"CTH", "PRO", "SHI", "SUN", "ORT", "ALE", "DRZ", "SFI", "MOS", "ITH"})


@dataclass
class PhoenixActor:
    name: str
    synonyms: list[str] = field(default_factory=list)
    #: (country or None, sector or None, start or None, end or None, comment)
    codes: list[tuple[str | None, str | None, str | None, str | None, str]] = field(
        default_factory=list
    )


def _words(token: str) -> str:
    return re.sub(r"\s+", " ", token.replace("_", " ")).strip()


def _pretty(name: str) -> str:
    """THE_GULF_CARTEL -> The Gulf Cartel (dictionaries are upper case)."""
    out: list[str] = []
    for w in name.split():
        if w.lower() in {"of", "the", "and", "de", "del", "la", "los", "for"} and out:
            out.append(w.lower())
        elif len(w) <= 4 and w.isalpha() and not any(c in "AEIOU" for c in w):
            out.append(w)  # an acronym: CJNG, PRD
        else:
            out.append(w[:1] + w[1:].lower())
    return " ".join(out)


def _date(raw: str) -> str:
    """yymmdd or yyyymmdd -> ISO.  Two-digit years: 30-99 are 19xx, 00-29 are 20xx."""
    if len(raw) == 8:
        y, rest = raw[:4], raw[4:]
    elif len(raw) == 6:
        yy = int(raw[:2])
        y, rest = (f"19{raw[:2]}" if yy >= 30 else f"20{raw[:2]}"), raw[2:]
    else:
        raise ValueError(raw)
    m, d = rest[:2], rest[2:]
    # dictionaries use 00 for an unknown month or day
    return f"{y}-{m if m != '00' else '01'}-{d if d != '00' else '01'}"


def _parse_code(body: str) -> tuple[str | None, str | None, str | None, str | None]:
    parts = body.split()
    code = parts[0].lstrip("~")
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        if span in (">", "<") and len(parts) > 2:
            span += parts[2]  # "[SYROPP > 20120101]": a space after the sign
        if span.startswith(">"):
            start = _date(span[1:])
        elif span.startswith("<"):
            end = _date(span[1:])
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = _date(a), _date(b)
    country = code[:3] if len(code) >= 3 and code[:3] in iso3_codes() else None
    rest = code[3:] if country else code
    sector = None
    for i in range(0, len(rest), 3):
        s = rest[i : i + 3]
        s = _SECTOR_MAP.get(s, s)
        if s in SECTORS:
            sector = s
            break
    if code.startswith("IGO"):
        sector = "IGO"
    return country, sector, start, end


def read_actors(
    lines: Iterable[str], source: str = "?", problems: list[str] | None = None
) -> Iterator[PhoenixActor]:
    """Parse a Phoenix ``.actors.txt`` file, line by line.

    A code with a malformed date (the shipped dictionary has a few, e.g. a seven-digit
    ``9008223``) raises :class:`KBError`, or, when ``problems`` is given, is skipped with
    one line there saying which line and code: the rest of the actor and of the file is
    still read."""
    current: PhoenixActor | None = None

    def bad(n: int, code: str) -> None:
        msg = f"line {n}: bad date in {code}"
        if problems is None:
            raise KBError(msg, item=source)
        problems.append(f"{source}: {msg}; that role was skipped (dates are yymmdd or yyyymmdd)")

    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, _, comment = line.partition("#")
        comment = comment.strip()
        if line[0] in " \t":
            if current is None:
                continue
            for m in _CODE.finditer(text):
                try:
                    country, sector, start, end = _parse_code(m.group(1))
                except ValueError:
                    bad(n, m.group(0))
                    continue
                current.codes.append((country, sector, start, end, comment))
            continue
        if line.startswith("+"):
            if current is not None:
                current.synonyms.extend(
                    _words(s) for s in _CODE.sub("", text).split("+") if _words(s)
                )
            continue
        if current is not None:
            yield current
        head = _CODE.sub("", text)
        current = PhoenixActor(name=_words(head))
        for m in _CODE.finditer(text):
            try:
                country, sector, start, end = _parse_code(m.group(1))
            except ValueError:
                bad(n, m.group(0))
                continue
            current.codes.append((country, sector, start, end, comment))
    if current is not None:
        yield current


def read_agents(lines: Iterable[str]) -> dict[str, str]:
    """Phoenix agents -> {noun phrase (lower case): PLOVER sector}."""
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        code = _CODE.search(line)
        if not code:
            continue
        _, sector, _, _ = _parse_code(code.group(1))
        if sector is None:
            continue
        head = line[: code.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        phrase = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [phrase, *[p for group in plurals for p in group.split()]]
        for form in forms:
            expanded = [form]
            for key, values in subs.items():
                if key in form:
                    expanded = [f.replace(key, v) for f in expanded for v in values]
            for f in expanded:
                words = _words(f).lower()
                if words and "!" not in words:
                    out.setdefault(words, sector)
    return out


def to_pack(actors: Iterable[PhoenixActor], name: str, source: str) -> dict[str, Any]:
    """Phoenix actors -> a pack mapping in presswatch's format (see docs/KB.md)."""
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in actors:
        if not a.name:
            continue
        aid = slugify(a.name)
        if aid in seen:
            continue
        seen.add(aid)
        undated = [c for c in a.codes if c[2] is None and c[3] is None]
        dated = [c for c in a.codes if c[2] is not None or c[3] is not None]
        country = next((c[0] for c in a.codes if c[0]), None)
        is_country = bool(undated) and undated[0][1] is None and country is not None and not dated
        person = bool(dated) or "CountryInfo" in " ".join(c[4] for c in a.codes)
        kind = "country" if is_country else "person" if person else "organization"
        entry: dict[str, Any] = {"id": aid, "name": _pretty(a.name), "kind": kind}
        if country:
            entry["country"] = country
        base = next((c[1] for c in undated if c[1] and c[1] != "ELI"), None)
        if base:
            entry["sector"] = base
        aliases = list(dict.fromkeys(_pretty(s) for s in a.synonyms if s.lower() != a.name.lower()))
        if aliases:
            entry["aliases"] = aliases
        roles = []
        for c_country, sector, start, end, comment in dated:
            if sector in (None, "ELI") or (start and end and end < start):
                continue
            role: dict[str, Any] = {
                "title": comment
                if comment and "CountryInfo" not in comment
                else f"{sector} ({c_country or 'international'})",
                "sector": sector,
            }
            if c_country:
                role["country"] = c_country
            if start:
                role["start"] = start
            if end:
                role["end"] = end
            roles.append(role)
        if roles:
            entry["roles"] = roles
        entries.append(entry)
    return {"pack": name, "source": source, "actors": entries}


def import_file(
    path: Path, name: str | None = None, problems: list[str] | None = None
) -> dict[str, Any]:
    with path.open(encoding="utf-8", errors="replace") as f:
        actors = list(read_actors(f, source=path.name, problems=problems))
    return to_pack(
        actors,
        name=name or path.stem,
        source=f"imported from {path.name} (PETRARCH/Phoenix dictionary, MIT licence, "
        "Open Event Data Alliance)",
    )
