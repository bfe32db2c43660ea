#!/usr/bin/env bash
# Sets up everything charterwatch needs on a fresh machine: the Python environment and the services.
# Safe to run again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
log=.venv-setup.log
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating the Python environment in .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.charterwatch-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing charterwatch and its Python dependencies (about a minute; log in $log)"
  if ! { .venv/bin/pip install --upgrade pip && .venv/bin/pip install -e '.[dev]'; } >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "setup: pip install failed; the full log is in $log" >&2
    exit 1
  fi
  touch "$stamp"
fi
