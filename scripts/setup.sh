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
# The exact versions come from requirements.lock (regenerate it with `make lock`), so every
# machine gets the same ones; charterwatch itself is then installed without resolving again.
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  echo "setup: installing charterwatch and its Python dependencies (about a minute; log in $log)"
  if ! { .venv/bin/pip install --upgrade pip \
      && .venv/bin/pip install -r requirements.lock \
      && .venv/bin/pip install --no-deps -e .; } >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "setup: pip install failed; the full log is in $log" >&2
    exit 1
  fi
  touch "$stamp"
fi

# Front-end assets (design system, axe-core) from the npm registry, pinned by package-lock.json.
if [ ! -d node_modules/@scottish-government/design-system ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing front-end assets with npm ci"
  if ! npm ci --silent --no-audit --no-fund >>"$log" 2>&1; then
    tail -n 20 "$log"
    echo "setup: npm ci failed; the full log is in $log" >&2
    exit 1
  fi
fi

# Spark (compute --engine spark://...) needs a Java runtime; the PySpark wheel brings the rest.
if ! command -v java >/dev/null 2>&1 && [ ! -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; then
  if [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
    echo "setup: installing Java for Spark (Debian's default-jdk-headless)"
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    $SUDO mkdir -p /usr/share/man/man1  # slim Debian images lack it; the JDK's install needs it
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends default-jdk-headless >>"$log" 2>&1
  else
    echo "setup: no Java found; Spark needs it (sudo apt-get install default-jdk-headless)" >&2
  fi
fi
