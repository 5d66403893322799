"""presswatch: a checked, queryable record of who did what to whom, when and where."""

from presswatch.core import Report, analyze
from presswatch.records import Analysis, Article, Failure, Finding
from presswatch.settings import Settings
from presswatch.version import __version__

__all__ = [
    "Analysis",
    "Article",
    "Failure",
    "Finding",
    "Report",
    "Settings",
    "__version__",
    "analyze",
]
