"""Errors at the API edge: every one is JSON ``{"error": {"code", "message"}}``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from presswatch.errors import PresswatchError, StoreError

__all__ = ["ApiError", "error_body", "install_error_handlers"]

_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid_parameter", 500: "internal_error", 503: "unavailable",
}  # fmt: skip


class ApiError(Exception):
    """An error the API answers with: status, short code, one actionable message."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _describe(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


HtmlError = Callable[[Request, int, str], Response]


def install_error_handlers(app: FastAPI, html_404: HtmlError | None = None) -> None:
    """JSON errors for the API; ``html_404(request, message)`` renders UI pages' errors."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, err: ApiError) -> Response:
        if html_404 is not None and not request.url.path.startswith("/api"):
            return html_404(request, err.status, err.message)
        return _json(err.status, err.code, err.message, err.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> Response:
        message = _describe(err)
        if html_404 is not None and not request.url.path.startswith("/api"):
            return html_404(request, 422, message)
        return _json(422, "invalid_parameter", message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        message = err.detail if isinstance(err.detail, str) else str(err.detail)
        if err.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if html_404 is not None and not request.url.path.startswith("/api"):
            return html_404(request, err.status_code, message)
        return _json(err.status_code, _CODES.get(err.status_code, "error"), message,
                     getattr(err, "headers", None))  # fmt: skip

    @app.exception_handler(StoreError)
    async def _store(request: Request, err: StoreError) -> Response:
        return _json(503, "store_unavailable", f"{err} [{err.code}]")

    @app.exception_handler(PresswatchError)
    async def _presswatch(request: Request, err: PresswatchError) -> Response:
        return _json(422, "invalid_input", f"{err} [{err.code}]")
