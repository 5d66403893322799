"""The REST API (FastAPI) and the web UI, served by one process: ``presswatch serve``.

:func:`create_app` builds the application from a :class:`ServeConfig`; the
store, the token and the limits travel in that object, never in globals.
"""

from presswatch.api.app import create_app
from presswatch.api.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
