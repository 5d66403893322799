"""The ``presswatch`` command: thin wrappers over the library (see docs/CLI.md)."""

from __future__ import annotations

import sys

import presswatch.cli.batch_cmds  # registers batch and load
import presswatch.cli.eval_cmds  # registers eval
import presswatch.cli.kb_cmds  # registers kb
import presswatch.cli.serve_cmds  # noqa: F401 - registers serve
from presswatch.cli import pipeline_cmds, query_cmds  # noqa: F401 - registers commands
from presswatch.cli.app import EXIT_USAGE, app, err
from presswatch.errors import ConfigError, PresswatchError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except ConfigError as e:
        err.print(f"error: {e} [{e.code}]", markup=False)
        sys.exit(EXIT_USAGE)
    except PresswatchError as e:
        err.print(f"error: {e} [{e.code}]", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
