"""``analyze()``: the stages of presswatch, in order.

1. ingest     — read the inputs into Article records (bad items become Failures)
2. dedupe     — drop exact duplicates, mark near duplicates
3. route      — detect the language (metadata wins); unsupported languages are kept, not analysed
4. nlp        — the spaCy pipeline of the article's language (loaded when first needed):
                actors, dates, quotes, claims, events, topics
5. checks     — per-article and cross-article findings

The store, the CLI, the API and the batch runner all call these functions.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from presswatch import ingest
from presswatch.errors import AnalysisError, ModelNotInstalled, PresswatchError
from presswatch.ingest.dedup import Deduplicator
from presswatch.ingest.language import route
from presswatch.records import Analysis, Article, Failure, Finding
from presswatch.settings import Settings

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from spacy.language import Language

    from presswatch.nlp.pipeline import Pipelines

__all__ = ["Report", "analyze", "iter_analyses"]


@dataclass(slots=True)
class Report:
    analyses: list[Analysis] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def iter_articles(
    paths: Iterable[str | Path], settings: Settings, stats: dict[str, int] | None = None
) -> Iterator[Article | Failure]:
    """Stages 1–2: read the inputs, drop exact duplicates, mark near duplicates.

    ``stats`` (when given) counts ``duplicates`` dropped and ``near_duplicates`` marked.
    """
    dedup = Deduplicator()
    stats = stats if stats is not None else {}
    for item in ingest.read_inputs(paths, settings):
        if isinstance(item, Failure):
            yield item
            continue
        kept = dedup.add(item)
        if kept is None:
            stats["duplicates"] = stats.get("duplicates", 0) + 1
            continue
        if kept.near_duplicate_of:
            stats["near_duplicates"] = stats.get("near_duplicates", 0) + 1
        yield kept


def iter_analyses(
    articles: Iterable[Article | Failure],
    settings: Settings,
    nlp: Language | Pipelines | None = None,
) -> Iterator[Analysis | Failure]:
    """Stages 3–4 for a stream of articles, yielding results in input order.

    ``nlp`` is a loaded pipeline (used for its language; the others are loaded when an
    article needs them) or a :class:`~presswatch.nlp.Pipelines`; None loads them here.
    """
    from presswatch.nlp.pipeline import pipelines_for

    workers = settings.effective_workers()
    if workers > 1 and nlp is None:
        yield from _iter_parallel(articles, settings, workers)
        return
    pipelines = pipelines_for(nlp, settings)
    if nlp is None and _PRIMARY in settings.languages:
        # English is loaded up front, as before: a missing English model is one error
        # for the run, not one per article.  Other languages wait for their first article.
        pipelines.get(_PRIMARY)
    # The same text-sized chunks as the workers get: spaCy's parser allocates per batch in
    # proportion to its tokens, so 32 long articles at once peak at several GB (BENCHMARKS.md).
    for chunk in _chunks(articles, settings.batch_size):
        yield from _analyze_chunk(pipelines, chunk, settings)


#: The language whose pipeline a run loads before reading its first article.
_PRIMARY = "en"


def _analyze_chunk(
    pipelines: Pipelines, items: list[Article | Failure], settings: Settings
) -> list[Analysis | Failure]:
    """Route each article to the pipeline of its language; results keep the input order.

    Articles of one language go through ``nlp.pipe`` together (one batch per language per
    chunk), so a mixed chunk costs no more batches than it has languages.
    """
    from presswatch.checks import check_article
    from presswatch.kb import load_kb
    from presswatch.nlp import analyze_articles

    results: list[Analysis | Failure | None] = [None] * len(items)
    by_lang: dict[str, list[tuple[int, Article]]] = {}
    for i, item in enumerate(items):
        if isinstance(item, Failure):
            results[i] = item
            continue
        article, supported = route(item, settings)
        if not supported or article.language is None:
            results[i] = Analysis(article=article, analysed=False)
            continue
        by_lang.setdefault(article.language, []).append((i, article))
    for lang, group in by_lang.items():
        try:
            nlp = pipelines.get(lang)
        except ModelNotInstalled as err:
            for i, article in group:
                results[i] = Failure(
                    item=article.path or article.id, stage="analyze", code=err.code,
                    reason=err.message,
                )  # fmt: skip
            continue
        # the checks read titles in the article's language ("la presidenta de México")
        kb = load_kb(settings.kb_paths, lang)
        done = analyze_articles(nlp, [a for _, a in group], batch_size=settings.batch_size)
        for (i, _), result in zip(group, done, strict=True):
            results[i] = check_article(result, kb) if isinstance(result, Analysis) else result
    return [r for r in results if r is not None]


# --- parallel: one pipeline per language per worker process, loaded once ------

_WORKER_PIPELINES: Pipelines | None = None
_WORKER_SETTINGS: Settings | None = None


_WORKER_ERROR: PresswatchError | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINES, _WORKER_SETTINGS, _WORKER_ERROR  # per-process, set once
    from presswatch.nlp import Pipelines

    _WORKER_SETTINGS = settings
    try:
        _WORKER_PIPELINES = Pipelines(settings)
        if _PRIMARY in settings.languages:
            _WORKER_PIPELINES.get(_PRIMARY)  # the others load in the worker when first needed
    except PresswatchError as err:
        # e.g. no English model: one error for the run, as in one process (a language
        # loaded later, on its first article, fails per article in _analyze_chunk)
        _WORKER_ERROR = err
    except Exception as err:  # an initializer that raises breaks the pool with a traceback
        log.debug("worker start-up failed", exc_info=True)
        _WORKER_ERROR = AnalysisError(
            f"internal error while a worker loaded the NLP pipeline ({type(err).__name__}: "
            f"{str(err)[:120]}); please report it, or run with --workers 1 to see it in full",
            code="E200",
        )


def _work(chunk: list[Article | Failure]) -> list[Analysis | Failure]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR  # re-raised in the parent, where the CLI prints its one line
    assert _WORKER_PIPELINES is not None and _WORKER_SETTINGS is not None
    return _analyze_chunk(_WORKER_PIPELINES, chunk, _WORKER_SETTINGS)


#: Characters of text per chunk sent to a worker: about a second of parsing, so chunks
#: balance across workers at the end of a run (a few long articles in one chunk would
#: leave the other workers idle) while the pickling cost per chunk stays negligible.
CHUNK_CHARS = 40_000
#: Chunks in flight per worker: enough to keep each busy while the parent reads and
#: writes, few enough that memory stays bounded on an endless input stream.
_IN_FLIGHT_PER_WORKER = 3


def _chunks(
    items: Iterable[Article | Failure], size: int, max_chars: int = CHUNK_CHARS
) -> Iterator[list[Article | Failure]]:
    chunk: list[Article | Failure] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(item.text) if isinstance(item, Article) else 0
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _iter_parallel(
    items: Iterable[Article | Failure], settings: Settings, workers: int
) -> Iterator[Analysis | Failure]:
    import multiprocessing
    from collections import deque

    ctx: multiprocessing.context.BaseContext
    if os.name == "posix":
        ctx = multiprocessing.get_context("forkserver")
        # Import spaCy and our components once in the fork server: workers fork from it
        # with the modules loaded and only read the model itself.
        ctx.set_forkserver_preload(["presswatch.nlp"])
    else:
        ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(settings,),
    ) as pool:
        # Bounded submission, results in input order (Executor.map would read the
        # whole input up front).
        pending: deque[Future[list[Analysis | Failure]]] = deque()
        try:
            for chunk in _chunks(items, settings.batch_size):
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as err:
            raise AnalysisError(
                "a worker process died (out of memory, or killed); what was stored is "
                "kept: run the same command again (with fewer --workers) to finish",
                code="E202",
            ) from err


def analyze(
    paths: Iterable[str | Path], settings: Settings | None = None, nlp: Language | None = None
) -> Report:
    """Run every stage over the inputs and return the records and findings."""
    from presswatch.checks import run_checks

    settings = settings or Settings()
    report = Report()
    for item in iter_analyses(iter_articles(paths, settings), settings, nlp):
        if isinstance(item, Failure):
            report.failures.append(item)
        else:
            report.analyses.append(item)
    report.findings = run_checks(report.analyses)
    return report
