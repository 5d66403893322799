"""Language detection and routing."""

from __future__ import annotations

import dataclasses

from presswatch.records import Article
from presswatch.settings import Settings

__all__ = ["detect_language", "route"]

#: Characters of text used for detection: enough for a stable guess, cheap on long articles.
_SAMPLE_CHARS = 2000


def detect_language(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # langdetect is random unless seeded: same text, same answer
    try:
        return str(detect(text[:_SAMPLE_CHARS]))
    except LangDetectException:
        return None


def route(article: Article, settings: Settings) -> tuple[Article, bool]:
    """Return the article with its language set, and whether the pipeline analyses it."""
    lang = article.language or detect_language(article.text)
    if lang:
        lang = lang.lower()[:2]
    if lang != article.language:
        article = dataclasses.replace(article, language=lang)
    return article, (lang in settings.languages)
