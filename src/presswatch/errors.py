"""The whole presswatch exception hierarchy, in one place.

The library raises these; the edges translate them: the CLI prints one
actionable line on stderr, the API answers with a JSON error and a status, and
a batch records a :class:`~presswatch.records.Failure` and goes on.

Each error carries a short searchable ``code`` (``E1xx`` ingest, ``E2xx``
analysis, ``E3xx`` store, ``E4xx`` knowledge base, ``E5xx`` usage/config).
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ConfigError",
    "InputError",
    "KBError",
    "ModelNotInstalled",
    "PresswatchError",
    "StoreError",
]


class PresswatchError(Exception):
    """Base class: ``str(err)`` is one line a user can act on."""

    code = "E000"

    def __init__(self, message: str, *, item: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.item = item
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.item}: {self.message}" if self.item else self.message


class InputError(PresswatchError):
    """An input item is unreadable, malformed, too large or empty."""

    code = "E100"


class AnalysisError(PresswatchError):
    """The NLP stage failed on an item."""

    code = "E200"


class ModelNotInstalled(AnalysisError):
    code = "E201"


class StoreError(PresswatchError):
    """The store cannot be opened, is of a newer schema, or a write failed."""

    code = "E300"


class KBError(PresswatchError):
    """A knowledge-base file is malformed or an actor is unknown."""

    code = "E400"


class ConfigError(PresswatchError):
    """A setting or a command-line value is invalid."""

    code = "E500"
