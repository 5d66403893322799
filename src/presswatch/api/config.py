"""Options for ``presswatch serve``, with their defaults as named constants."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.errors import ConfigError
from presswatch.settings import Settings

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_BODY",
    "DEFAULT_PORT",
    "TOKEN_ENV",
    "TOKEN_FILE_ENV",
    "ServeConfig",
    "load_token",
]

#: Loopback only: the API writes to the store, so exposing it is an explicit choice.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Largest request body accepted (5 MB, as for an ingested file); larger ones get 413.
DEFAULT_MAX_BODY = 5_000_000
TOKEN_ENV = "PRESSWATCH_API_TOKEN"
TOKEN_FILE_ENV = "PRESSWATCH_API_TOKEN_FILE"


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Everything the app needs: the store file, the write token, limits, CORS."""

    #: The store: a SQLite file, or a ``postgresql://`` URL (docs/STORE.md).
    db: Path | str
    #: The write token; None disables every write endpoint (503).
    token: str | None = field(default=None, repr=False)
    max_body: int = DEFAULT_MAX_BODY
    #: Origins allowed by CORS; empty (the default) adds no CORS headers at all.
    cors_origins: tuple[str, ...] = ()
    #: Pipeline settings for ingest through the API.
    settings: Settings = field(default_factory=Settings)


def load_token(token_file: str | Path | None = None) -> str | None:
    """The API token: ``--token-file``, $PRESSWATCH_API_TOKEN_FILE, or $PRESSWATCH_API_TOKEN."""
    path = token_file or os.environ.get(TOKEN_FILE_ENV)
    if path:
        try:
            token = Path(path).read_text(encoding="utf-8").strip()
        except OSError as err:
            raise ConfigError(
                f"cannot read the token file {path} ({err.strerror or err}); "
                "give a readable file with --token-file"
            ) from err
        if not token:
            raise ConfigError(f"the token file {path} is empty; write the token into it")
        return token
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None
