"""``metadata.json`` sidecars: metadata for files that carry none of their own.

A directory may hold a ``metadata.json`` that maps file names in that directory
to their metadata::

    {"000_report.txt": {"published": "2025-03-31", "title": "…", "url": "…",
                        "source": "…", "language": "en"}}

A file's own metadata (front matter, HTML meta tags, row fields) wins; the
sidecar fills the fields it lacks.  Other keys (notes such as ``basis``) are
ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest import codes
from presswatch.ingest.decode import decode

__all__ = ["SIDECAR_NAME", "Sidecars"]

SIDECAR_NAME = "metadata.json"
#: A sidecar is a small index; a bigger file is not one (and is not read whole).
_MAX_SIDECAR_BYTES = 20_000_000


class Sidecars:
    """Loads each directory's sidecar once per run; remembers broken ones to report once."""

    def __init__(self) -> None:
        self._cache: dict[Path, dict[str, dict[str, Any]]] = {}

    def defaults_for(self, path: Path) -> tuple[dict[str, Any], InputError | None]:
        """The sidecar entry for ``path`` and, the first time a sidecar is broken, its error."""
        directory = path.parent
        key = Path(directory).absolute()
        error: InputError | None = None
        if key not in self._cache:
            try:
                self._cache[key] = _load(directory / SIDECAR_NAME)
            except InputError as err:
                self._cache[key] = {}
                err.item = str(directory / SIDECAR_NAME)
                error = err
        return self._cache[key].get(path.name, {}), error


def _load(path: Path) -> dict[str, dict[str, Any]]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise InputError(
            f"cannot read the sidecar ({err.strerror}); fix its permissions", code=codes.UNREADABLE
        ) from None
    if size > _MAX_SIDECAR_BYTES:
        raise InputError("the sidecar is larger than 20 MB; it is not read", code=codes.SIDECAR)
    try:
        raw = json.loads(decode(path.read_bytes()))
    except OSError as err:
        raise InputError(
            f"cannot read the sidecar ({err.strerror}); fix its permissions", code=codes.UNREADABLE
        ) from None
    except json.JSONDecodeError as err:
        raise InputError(
            f"not valid JSON (line {err.lineno}: {err.msg}); its files are read without it — "
            "fix the JSON",
            code=codes.SIDECAR,
        ) from None
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise InputError(
            "must be a JSON object mapping file names to objects such as "
            '{"published": "2025-03-31", "title": "…"}; its files are read without it',
            code=codes.SIDECAR,
        )
    return {str(k): v for k, v in raw.items()}
