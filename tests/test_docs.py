"""The docs stay true: every command is documented and every command's help has an example."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer

from presswatch.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> dict[str, click.Command]:
    out: dict[str, click.Command] = {}

    def walk(cmd: click.Command, prefix: str) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            out[f"{prefix}{name}"] = sub
            walk(sub, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return out


def test_every_command_is_documented_in_cli_md() -> None:
    text = (DOCS / "CLI.md").read_text("utf-8")
    documented = set(re.findall(r"^### `presswatch ([a-z ]+)`", text, re.M))
    assert set(_commands()) - documented == set()
    assert documented - set(_commands()) == set(), (
        "docs/CLI.md documents commands that do not exist"
    )


def test_every_leaf_command_has_an_example_in_its_help() -> None:
    missing = [
        name
        for name, cmd in _commands().items()
        if not getattr(cmd, "commands", None) and "presswatch" not in (cmd.help or "")
    ]
    assert missing == []


def test_readme_opens_with_the_two_commands_and_links_resolve() -> None:
    text = README.read_text("utf-8")
    head = text[:600]
    assert "make demo" in head and "make test" in head
    for link in re.findall(r"\]\(((?:docs/)?[A-Za-z_/]+\.(?:md|png))\)", text):
        assert (README.parent / link).exists(), link
