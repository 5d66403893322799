"""Run one fuzz target under atheris (libFuzzer).

Usage: ``PRESSWATCH_FUZZ_TARGET=ingest python tests/fuzz/fuzz.py CORPUS_DIR [libFuzzer flags]``
(the target comes from the environment: libFuzzer re-runs this command line for -merge).

``make fuzz`` runs each target for a bounded time (-max_total_time) and keeps the corpus
it grows in tests/fuzz/corpus/<target>/, which tests/test_security_fuzz.py replays.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["presswatch", "targets"]):
    import targets


def main() -> None:
    target = targets.TARGETS[os.environ.get("PRESSWATCH_FUZZ_TARGET", "ingest")]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
