"""Run presswatch over an evaluation corpus once and score it against its gold."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswatch.errors import ConfigError
from presswatch.eval.gold import Gold, GoldDoc, load_gold
from presswatch.eval.scoring import SCORERS, DocResult
from presswatch.jsondoc import analysis_to_json
from presswatch.records import Analysis, Article, Failure, to_dict
from presswatch.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "CORPORA",
    "CorpusSpec",
    "EvalContext",
    "Evaluator",
    "Metrics",
    "gold_path",
    "run_corpus",
    "score_corpus",
]

#: extractor -> metric -> value
Metrics = dict[str, dict[str, float]]


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """Where a gold-annotated corpus lives: in the package, or under the shared data."""

    name: str
    #: Path under ../shared, or None for a corpus shipped inside the package.
    shared_subdir: str | None
    #: For a shipped corpus: its root under presswatch/data ("" for data/ itself); by
    #: default the directory named like the corpus.
    package_dir: str | None = None


#: The corpora with gold files in presswatch/data/gold/<name>.yaml.
CORPORA: dict[str, CorpusSpec] = {
    "sample": CorpusSpec("sample", None),
    "seeds": CorpusSpec("seeds", "corpus/seeds"),
    "whitehouse": CorpusSpec("whitehouse", "corpus/whitehouse"),
    # Spanish texts written by the project (../shared has no Spanish corpus): the
    # evaluation set in data/spanish and the Spanish articles of data/sample (docs/GOLD.md)
    "spanish": CorpusSpec("spanish", None, package_dir=""),
}


def _data_dir() -> Path:
    return Path(str(resources.files("presswatch"))) / "data"


def gold_path(corpus: str) -> Path:
    return _data_dir() / "gold" / f"{corpus}.yaml"


@dataclass(slots=True)
class EvalContext:
    """Everything an evaluation run shares: the shared data, settings, one pipeline, caches.

    Each corpus is analysed at most once per context (``results``), and the
    spaCy pipeline is loaded at most once (``nlp()``).
    """

    shared: Path | None = None
    settings: Settings = field(default_factory=Settings)
    pipeline: Language | None = None
    results: dict[str, list[DocResult]] = field(default_factory=dict)
    #: Items that failed during analysis, per corpus (reported, not fatal).
    failures: dict[str, list[Failure]] = field(default_factory=dict)

    def nlp(self) -> Language:
        if self.pipeline is None:
            from presswatch.nlp import load_pipeline

            self.pipeline = load_pipeline(self.settings)
        return self.pipeline

    def shared_dir(self) -> Path:
        """The shared data directory, or a one-line error saying how to point at it."""
        where = self.shared if self.shared is not None else Path("../shared")
        if not (where / "corpus").is_dir():
            raise ConfigError(
                f"shared data not found at {where} (no corpus/ directory); "
                "pass --shared PATH pointing at the directory beside the repository",
                code="E511",
            )
        return where

    def corpus_root(self, corpus: str) -> Path:
        spec = CORPORA[corpus]
        if spec.shared_subdir is None:
            return _data_dir() / (corpus if spec.package_dir is None else spec.package_dir)
        return self.shared_dir() / spec.shared_subdir


#: A corpus-level evaluator: returns metrics per extractor for its own corpus.
Evaluator = Callable[[EvalContext], Metrics]


def _with_gold_dates(
    items: Iterable[Article | Failure], published: dict[Path, str | None]
) -> Iterator[Article | Failure]:
    """Give an undated article the gold ``published`` date (basis "given")."""
    for item in items:
        if isinstance(item, Article) and not item.published and item.path:
            date = published.get(Path(item.path).resolve())
            if date:
                item = dataclasses.replace(item, published=date, published_basis="given")
        yield item


def run_corpus(corpus: str, ctx: EvalContext) -> list[DocResult]:
    """Analyse every gold document of a corpus (once per context) and pair it with its gold.

    This is :func:`presswatch.core.analyze` stage by stage, with one hook: an
    article that carries no publication date of its own gets its gold date,
    as ``--published`` would give it.  All documents go through one call, so
    cross-article checks see the whole corpus.
    """
    if corpus in ctx.results:
        return ctx.results[corpus]
    from presswatch.checks import run_checks
    from presswatch.core import iter_analyses, iter_articles

    gold: Gold = load_gold(gold_path(corpus))
    root = ctx.corpus_root(corpus)
    paths: dict[Path, GoldDoc] = {}
    for g in gold.documents:
        p = (root / g.doc).resolve()
        if not p.is_file():
            raise ConfigError(
                f"document {g.doc} of gold file {gold.path.name} is not under {root}; "
                "fix the gold entry's doc path (relative to the corpus root)",
                code="E512",
            )
        paths[p] = g
    published = {p: g.published for p, g in paths.items()}
    analyses: list[Analysis] = []
    failures: list[Failure] = []
    articles = _with_gold_dates(iter_articles(list(paths), ctx.settings), published)
    for item in iter_analyses(articles, ctx.settings, ctx.nlp()):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            analyses.append(item)
    findings = [to_dict(f) for f in run_checks(analyses)]
    by_path = {Path(a.article.path).resolve(): a for a in analyses if a.article.path}
    results: list[DocResult] = []
    for p, g in paths.items():
        a = by_path.get(p)
        pred: dict[str, Any] = analysis_to_json(a) if a is not None else {}
        aid = a.article.id if a is not None else None
        # a cross-article conflict is reported on each side (with the other in `related`),
        # so a document's findings are those whose own article it is
        mine = [f for f in findings if aid is not None and f.get("article") == aid]
        results.append(
            DocResult(gold=g, pred=pred, findings=mine, text=a.article.text if a else "")
        )
    ctx.results[corpus] = results
    ctx.failures[corpus] = failures
    return results


def score_corpus(corpus: str, ctx: EvalContext, extractors: Iterable[str] | None = None) -> Metrics:
    """Metrics per extractor for one gold-annotated corpus."""
    results = run_corpus(corpus, ctx)
    names = list(extractors) if extractors is not None else list(SCORERS)
    out: Metrics = {}
    for name in names:
        scored = SCORERS[name](results)
        scored["documents"] = float(len(results))
        out[name] = scored
    return out
