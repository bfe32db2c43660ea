#!/usr/bin/env bash
# Makes sure the services the tests talk to are running: PostgreSQL on 127.0.0.1:5432.
# Starts PostgreSQL when it is installed but down; fails loudly when it cannot be reached,
# because the tests that need it must not be skipped silently.
set -uo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "services: PostgreSQL client tools are missing; installing postgresql from Debian" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 || true
fi
if ! pg_up; then
  echo "services: PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  if ls /etc/postgresql >/dev/null 2>&1; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! pg_up; then
  echo "services: PostgreSQL could not be started on 127.0.0.1:5432; the PostgreSQL tests will fail." >&2
  exit 1
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE test" >/dev/null
echo "services: PostgreSQL is up on 127.0.0.1:5432"
