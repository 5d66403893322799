"""Replay the fuzz corpus: every input atheris kept (and every crash it found, once fixed)
runs through the same target functions as ``make fuzz``, as a normal pytest test.

When atheris is not installed the corpus still replays (the targets do not import it);
a hypothesis-generated batch runs through the same targets as well.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = Path(__file__).resolve().parent / "fuzz"
sys.path.insert(0, str(FUZZ))

from targets import EXTENSIONS, TARGETS  # noqa: E402

CORPUS = FUZZ / "corpus"


def _inputs(target: str) -> list[Path]:
    return sorted(p for p in (CORPUS / target).iterdir() if p.is_file())


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_fuzz_corpus_replays(target: str) -> None:
    files = _inputs(target)
    assert len(files) >= 5, f"the {target} corpus is missing: run `make fuzz`"
    for path in files:
        try:
            TARGETS[target](path.read_bytes())
        except Exception as err:  # name the input that broke
            raise AssertionError(f"{path.relative_to(FUZZ)}: {err!r}") from err


def test_crashes_found_by_fuzzing_are_kept_as_regressions() -> None:
    kept = [p.name for p in _inputs("ingest") if p.name.startswith("crash-")]
    assert "crash-lxml-no-body" in kept


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ext=st.integers(0, len(EXTENSIONS) - 1), data=st.binary(max_size=1500))
def test_the_ingest_target_with_generated_inputs(ext: int, data: bytes) -> None:
    TARGETS["ingest"](bytes([ext]) + data)


@settings(max_examples=50, deadline=None)
@given(text=st.text(max_size=500))
def test_the_normalise_target_with_generated_inputs(text: str) -> None:
    TARGETS["normalise"](text.encode("utf-8", "surrogatepass"))
