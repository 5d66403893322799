"""The write token: compared in constant time, required by every write endpoint."""

from __future__ import annotations

import hmac

from fastapi import Request

from presswatch.api.errors import ApiError

__all__ = ["require_token"]


def _presented(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-token") or None


def require_token(request: Request) -> None:
    """401 without a token, 403 with a wrong one, 503 when the server has none."""
    expected: str | None = request.app.state.config.token
    if not expected:
        raise ApiError(503, "writes_disabled", "writes disabled: no token configured "
                       "(set PRESSWATCH_API_TOKEN or start with --token-file)")  # fmt: skip
    given = _presented(request)
    if given is None:
        raise ApiError(401, "unauthorized", "this endpoint needs the API token: send "
                       "'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(403, "forbidden", "the API token is wrong")
