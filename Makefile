# Two commands do all the set-up on a fresh clone: `make generate` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.sdkgen-installed
PRISM := node_modules/.bin/prism

.PHONY: setup generate check test test-fast typecheck bench fuzz clean

setup: $(STAMP) $(PRISM)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(PRISM): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# generated/ from spec/chatkit.yaml, and the golden output of every fixture spec under tests/.
generate: setup
	$(BIN)/python -m tests.golden_cases

check: setup
	$(BIN)/python -m tests.golden_cases --check

# Every test. `test-fast`: the edit loop's tier, everything but the tests marked slow (tests/conftest.py).
test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

bench: setup
	$(BIN)/python bench/run.py

fuzz: setup
	SDKGEN_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_fuzz.py -p no:cacheprovider
	SDKGEN_FUZZ_EXAMPLES=300 $(BIN)/python -m pytest -q tests/test_cli_fuzz.py -p no:cacheprovider -rxX
	SDKGEN_KILL_RUNS=300 $(BIN)/python -m pytest -q -s tests/test_kill.py -p no:cacheprovider

clean:
	rm -rf $(VENV) node_modules
