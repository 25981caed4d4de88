# archbench: `make demo` and `make test` work on a fresh machine with only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests and the demo never touch the user's inspect data or cache.
export XDG_DATA_HOME := $(CURDIR)/.archbench-cache/xdg-data
export INSPECT_CACHE_DIR := $(CURDIR)/.archbench-cache/inspect

.PHONY: setup demo test lint typecheck layers unit quality clean

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
	$(BIN)/mypy src

layers: setup
	$(BIN)/lint-imports

unit: setup
	$(BIN)/pytest -n 2 --dist loadfile

test: lint typecheck layers quality unit

# The static graders over archbench's own source, per package (see README, "Code quality").
quality: setup
	$(BIN)/archbench quality src/archbench --usage tests evals benchmarks

clean:
	rm -rf $(VENV) .archbench-cache logs
