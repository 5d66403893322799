"""Language-specific data files for the pipeline components.

English lexicons live in ``nlp/data/<name>``; the lexicon of another language lives in
``nlp/data/<lang>/<name>`` with the same format, so a component reads its data with
``read_data(name, nlp.lang)`` and the code stays one for every language.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

__all__ = ["data_text", "has_data", "read_data"]

#: The language whose data sits directly in ``nlp/data``.
BASE_LANG = "en"


def _rel(name: str, lang: str) -> str:
    return f"data/{name}" if lang == BASE_LANG else f"data/{lang}/{name}"


def has_data(name: str, lang: str) -> bool:
    """Whether ``name`` exists for ``lang`` (a component may fall back when it does not)."""
    return resources.files("presswatch.nlp").joinpath(_rel(name, lang)).is_file()


def data_text(name: str, lang: str = BASE_LANG) -> str:
    return resources.files("presswatch.nlp").joinpath(_rel(name, lang)).read_text("utf-8")


@functools.lru_cache(maxsize=64)
def _read(name: str, lang: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data_text(name, lang), Loader=loader)


def read_data(name: str, lang: str = BASE_LANG) -> Any:
    """The parsed YAML file ``name`` for ``lang`` (cached: components share one copy).

    Callers must not mutate the result."""
    return _read(name, lang)
