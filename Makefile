# archbench: `make demo` and `make test` work on a fresh machine with only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests and the demo never touch the user's inspect data or cache.
export XDG_DATA_HOME := $(CURDIR)/.archbench-cache/xdg-data
export INSPECT_CACHE_DIR := $(CURDIR)/.archbench-cache/inspect

.PHONY: setup demo test check lint typecheck layers unit fast quality mutants clean

$(STAMP): pyproject.toml
	@# bubblewrap isolates model-written code during grading (Debian package, needs root).
	command -v bwrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq bubblewrap; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/archbench demo --log-dir logs/demo --out reports/demo

lint: setup
	$(BIN)/ruff check src evals tests benchmarks

typecheck: setup
	$(BIN)/mypy src tests

layers: setup
	$(BIN)/lint-imports

# The whole suite, as CI runs it; the 15 slowest tests are listed at the end.
unit: setup
	$(BIN)/pytest -n 2 --dist loadfile --durations=15

# The fast inner loop: every test not marked slow (see SLOW_MODULES in tests/conftest.py).
fast: setup
	$(BIN)/pytest -n 2 -q -m "not slow"

# Everything: lint, types, layers, archbench's own quality gate and the whole suite (`.ci/run`).
test: lint typecheck layers quality unit

# Under 90 s on 2 cores: lint, types, layers and the fast tests.
check: lint typecheck layers fast

# The static graders over archbench's own source, per package (see README, "Code quality").
quality: setup
	$(BIN)/archbench quality src/archbench --usage tests evals benchmarks

# A cold run of the mutant gate: every mutant of every implement and refactor reference against
# the hidden tests (~1,000 runs; the command prints its time), refreshing
# datasets/mutation-cache.json and printing the table for datasets/README.md. Commit both.
# `make test` reads the committed cache (tests/datasets/test_mutant_gate_dataset.py) and never
# runs a mutant: a stale entry fails there with a pointer back here.
mutants: setup
	$(BIN)/archbench validate --mutants --table --kind implement --kind refactor

clean:
	rm -rf $(VENV) .archbench-cache logs
