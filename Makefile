# Two commands do all the set-up on a fresh clone: `make generate` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.sdkgen-installed
PRISM := node_modules/.bin/prism

.PHONY: setup generate check test typecheck bench fuzz clean

setup: $(STAMP) $(PRISM)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(PRISM): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: setup
	$(BIN)/sdkgen generate --spec spec/chatkit.yaml --out generated

check: setup
	$(BIN)/sdkgen generate --spec spec/chatkit.yaml --out generated --check

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

fuzz: setup
	SDKGEN_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_fuzz.py -p no:cacheprovider

clean:
	rm -rf $(VENV) node_modules
