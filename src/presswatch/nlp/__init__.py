"""The NLP stage: one spaCy pipeline per language (its model plus our components).

spaCy objects never leave this package; :func:`analyze_articles` returns records.
"""

from presswatch.nlp.pipeline import Pipelines, analyze_articles, load_pipeline

__all__ = ["Pipelines", "analyze_articles", "load_pipeline"]
