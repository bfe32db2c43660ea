# The two commands of the README, and the pieces they are made of.
# `make example` sets everything up and runs the main job on the built-in example;
# `make test` sets everything up and runs the whole test suite.

EXAMPLE ?= examples/scotland
BIN := .venv/bin

.PHONY: example test setup services system-packages lint bench schema lock

setup:
	@bash scripts/setup.sh

services:
	@bash scripts/services.sh

# Re-pin every Python package after a change to pyproject.toml's dependencies.
lock:
	@bash scripts/lock.sh

PORT ?= 8000

example: setup
	$(BIN)/charterwatch validate $(EXAMPLE)
	@test -d $(EXAMPLE)/data || $(BIN)/charterwatch example-data $(EXAMPLE) $(if $(SIZE),--size $(SIZE))
	$(BIN)/charterwatch compute $(EXAMPLE)
	$(BIN)/charterwatch build $(EXAMPLE) --out site
	$(BIN)/charterwatch serve site --port $(PORT)

# The workspace's tests run twice: on SQLite (in the whole suite) and on the real PostgreSQL
# server that `make services` started.
WORKSPACE_PG ?= postgresql://postgres@127.0.0.1:5432/postgres

# The whole suite runs on every core (at most 4), a test file per worker at a time (some files
# fill a list in one test that a later test of the same file checks).
test: setup services system-packages
	$(BIN)/pytest -n auto --maxprocesses 4 --dist loadfile
	DATABASE_URL=$(WORKSPACE_PG) $(BIN)/pytest tests/workspace -p no:cacheprovider

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# Every benchmark; figures print and go to bench/results/*.json (docs/performance.md).
# Slow: the median benchmark makes 10M- and 100M-row files under /tmp and deletes them.
bench: setup
	$(BIN)/python bench/load.py
	$(BIN)/python bench/yaml_load.py
	$(BIN)/python bench/compute.py
	$(BIN)/python bench/example_scale.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/median_floor.py
	@test ! -f bench/engines.py || $(BIN)/python bench/engines.py

schema: setup
	$(BIN)/charterwatch schema --out schema/charterwatch-framework.schema.json

system-packages:
	@bash scripts/system-packages.sh
