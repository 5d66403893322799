"""serve: the REST API and the web UI in one uvicorn process."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import typer

from presswatch.cli.app import app, err, usage_error
from presswatch.cli.pipeline_cmds import DB_OPT
from presswatch.settings import default_db
from presswatch.store import is_url
from presswatch.store.postgres import redact


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


HOST_OPT = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default).")
PORT_OPT = typer.Option(8000, "--port", "-p", help="TCP port.")
TOKEN_FILE_OPT = typer.Option(
    None, "--token-file",
    help="File holding the API token for writes (else $PRESSWATCH_API_TOKEN_FILE or "
    "$PRESSWATCH_API_TOKEN; without one, writes are refused with 503).",
)  # fmt: skip
MAX_BODY_OPT = typer.Option(5_000_000, "--max-body", help="Largest request body (bytes).")
CORS_OPT = typer.Option(
    [], "--cors-origin", help="Allow this origin by CORS (repeatable; off by default)."
)
LOG_LEVEL_OPT = typer.Option("warning", "--log-level", help="uvicorn log level.")


@app.command()
def serve(
    db: str | None = DB_OPT,
    host: str = HOST_OPT,
    port: int = PORT_OPT,
    token_file: Path | None = TOKEN_FILE_OPT,
    max_body: int = MAX_BODY_OPT,
    cors: list[str] = CORS_OPT,
    log_level: str = LOG_LEVEL_OPT,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the web UI (/) from one process.

    Example: presswatch serve --db wh.db --port 8000
    """
    if not 0 < port < 65536:
        usage_error(f"--port {port} is not a TCP port (1–65535)")
    if max_body < 1:
        usage_error("--max-body must be at least 1 byte")
    import uvicorn

    from presswatch.api import ServeConfig, create_app
    from presswatch.api.config import load_token

    token = load_token(token_file)
    if not _is_loopback(host) and not token:
        err.print(
            f"warning: serving on {host}, reachable beyond this machine, without an API token: "
            "reads are open to anyone who can connect (writes stay disabled)",
            markup=False,
        )
    target = db or default_db()
    config = ServeConfig(db=target if is_url(target) else Path(target), token=token,
                         max_body=max_body, cors_origins=tuple(cors))  # fmt: skip
    application = create_app(config)
    err.print(f"presswatch serving {redact(str(config.db))} on http://{host}:{port}/"
              "  (API docs: /docs; "
              f"writes {'enabled' if token else 'disabled: no token'})", markup=False)  # fmt: skip
    uvicorn.run(application, host=host, port=port, log_level=log_level, server_header=False)
