"""A real `presswatch serve` process on a free loopback port, for the API, UI and security tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

#: How long a server may take to answer /api/health after it starts.
STARTUP_SECONDS = 60


@dataclass
class Server:
    base: str
    db: Path
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=120)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(token: str | None) -> dict[str, str]:
    """The test's environment without any PRESSWATCH_ setting, plus the token if given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    if token:
        env["PRESSWATCH_API_TOKEN"] = token
    return env


def start_server(
    db: Path, workdir: Path, *, token: str | None, extra: tuple[str, ...] = ()
) -> Server:
    """Start `python -m presswatch serve` and wait until it answers; its output goes to a log."""
    port = free_port()
    log = workdir / f"serve-{port}.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "presswatch", "serve", "--db", str(db), "--port", str(port),
         *extra],
        cwd=workdir, env=server_env(token), stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"presswatch serve exited early:\n{log.read_text()}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return Server(base, db, proc, port, log)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop(proc)
    raise RuntimeError(
        f"presswatch serve did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}"
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
