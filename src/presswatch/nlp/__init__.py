"""The NLP stage: one spaCy pipeline (``en_core_web_sm`` plus our components).

spaCy objects never leave this package; :func:`analyze_articles` returns records.
"""

from presswatch.nlp.pipeline import analyze_articles, load_pipeline

__all__ = ["analyze_articles", "load_pipeline"]
