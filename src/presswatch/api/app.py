"""``create_app(config)``: the API, the web UI and the docs in one ASGI application."""

from __future__ import annotations

import threading

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from presswatch.api import ingest, routes
from presswatch.api.config import ServeConfig
from presswatch.api.errors import install_error_handlers
from presswatch.api.ingest import Ingestor
from presswatch.api.limits import BodyLimitMiddleware
from presswatch.store import Store
from presswatch.version import __version__

__all__ = ["create_app"]

_DESCRIPTION = """\
presswatch's record of who did what to whom, when and where: articles, actors, PLOVER events,
quotes, numeric claims and findings, with filters and pages; a timeline and an actor network;
full-text search; and ingest (`POST /api/articles`, with the API token).

Errors are JSON: `{"error": {"code": "...", "message": "..."}}`.  See docs/API.md.
"""


def create_app(config: ServeConfig) -> FastAPI:
    """Build the application.  The store is created (empty) when the file does not exist."""
    Store(config.db).close()  # create or migrate once, so readers can open it read-only
    # FastAPIOffline serves Swagger UI and ReDoc from assets inside its wheel: /docs works
    # with no network, and nothing is fetched from a CDN.
    app: FastAPI = FastAPIOffline(
        title="presswatch",
        version=__version__,
        description=_DESCRIPTION,
        static_url="/static/docs",
    )
    app.state.config = config
    app.state.ingestor = Ingestor(config)
    # The KB takes a moment to load: do it now, beside serving, not on the first dossier.
    threading.Thread(target=routes.load_kb_into, args=(app.state,), daemon=True).start()

    from presswatch.web import html_error, mount_ui

    install_error_handlers(app, html_404=html_error)
    app.include_router(routes.router)
    app.include_router(ingest.router)
    mount_ui(app)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Token"],
        )
    # Outermost, so an oversized body is refused before anything reads it.
    app.add_middleware(BodyLimitMiddleware, max_body=config.max_body)
    return app
