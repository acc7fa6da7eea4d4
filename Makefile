# Two commands do all the set-up on a fresh clone: `make generate` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.sdkgen-installed
PRISM := node_modules/.bin/prism

.PHONY: setup java-tools generate check test test-fast test-slow test-long typecheck bench fuzz clean

setup: $(STAMP) $(PRISM) java-tools

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(PRISM): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# A JDK and the Debian jars the Java runtime's tests compile against (tests/java_tools.py), and Maven
# with the plugins `package` uses in Debian's /usr/share/maven-repo (tests/test_java_maven.py),
# installed only when one is missing; apt-get through sudo unless run as root (as CI is).
JAVA_JARS := /usr/share/java/jackson-core.jar /usr/share/java/jackson-databind.jar \
	/usr/share/java/jackson-annotations.jar /usr/share/java/okhttp.jar /usr/share/java/okio.jar \
	/usr/share/java/junit-platform-console-standalone.jar
MAVEN_PLUGINS := $(addprefix /usr/share/maven-repo/org/apache/maven/plugins/maven-,\
	compiler-plugin resources-plugin jar-plugin surefire-plugin)
JAVA_PACKAGES := default-jdk-headless libjackson2-databind-java libokhttp-java junit5 maven \
	libmaven-compiler-plugin-java libmaven-resources-plugin-java libmaven-jar-plugin-java libsurefire-java

java-tools:
	@missing=; \
	command -v javac >/dev/null 2>&1 || missing=javac; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing mvn"; \
	for jar in $(JAVA_JARS); do test -f $$jar || missing="$$missing $$jar"; done; \
	for dir in $(MAVEN_PLUGINS); do test -d $$dir || missing="$$missing $$dir"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Java tools (missing:$$missing)"; \
		sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(JAVA_PACKAGES); \
	fi

# generated/ from spec/chatkit.yaml, and the golden output of every fixture spec under tests/.
generate: setup
	$(BIN)/python -m tests.golden_cases

check: setup
	$(BIN)/python -m tests.golden_cases --check

# Every test but the long checks. `test-fast`: the edit loop's tier, everything but the tests marked
# slow (tests/conftest.py); `test-slow`: only those; `test-long`: the long checks (the whole OpenAI
# spec's Java compiled, Maven), which `make test` leaves out.
test: setup
	$(BIN)/python -m pytest -q -m "not long"

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not long"

test-slow: setup
	$(BIN)/python -m pytest -q -m "slow and not long"

test-long: setup
	$(BIN)/python -m pytest -q -m long

bench: setup
	$(BIN)/python bench/run.py

fuzz: setup
	SDKGEN_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_fuzz.py -p no:cacheprovider
	SDKGEN_FUZZ_EXAMPLES=300 $(BIN)/python -m pytest -q tests/test_cli_fuzz.py -p no:cacheprovider -rxX
	SDKGEN_KILL_RUNS=300 $(BIN)/python -m pytest -q -s tests/test_kill.py -p no:cacheprovider

clean:
	rm -rf $(VENV) node_modules
