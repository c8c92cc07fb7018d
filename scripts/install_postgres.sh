#!/usr/bin/env bash
# Install Debian's PostgreSQL server for the test suite, unless its binaries are already there.
# The tests start their own throwaway cluster (tests/pg_cluster.py); nothing here starts a server.
set -euo pipefail
bindir="$(pg_config --bindir 2>/dev/null || true)"
if [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ]; then
  exit 0
fi
for candidate in /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
    exit 0
  fi
done
exec bash "$(dirname "$0")/install_system_deps.sh" postgresql
