"""Shared fixtures: paths, the real spaCy pipeline (loaded once), and the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: The shared data beside the repository (read-only; never copied into the repo).
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.fail(f"the shared data is missing: expected {SHARED} beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full presswatch pipeline with the real en_core_web_sm, loaded once per session."""
    from presswatch.nlp import load_pipeline

    return load_pipeline()


def _run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
         input: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    full_env.pop("PRESSWATCH_DB", None) if env is None or "PRESSWATCH_DB" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "presswatch", *args],
        cwd=cwd, env=full_env, input=input, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture()
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``presswatch`` command in a subprocess (cwd: a fresh temp dir)."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return _run(list(args), cwd=cwd or tmp_path, env=env, input=input, timeout=timeout)

    return run


@pytest.fixture(scope="session")
def whitehouse_json(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """`presswatch analyze ../shared/corpus/whitehouse --json`, run once per session."""
    import json

    cwd = tmp_path_factory.mktemp("whitehouse")
    res = _run(["analyze", str(shared / "corpus" / "whitehouse"), "--json", "--quiet",
                "--workers", "2"], cwd=cwd, timeout=1200)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout)  # type: ignore[no-any-return]
