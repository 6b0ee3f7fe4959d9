#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for the tests (they start their own throw-away
# cluster in a temp dir on a loopback port; no service is started here). Idempotent: does nothing
# when initdb is already there. Without root (or sudo) and without the binaries, the PostgreSQL
# tests skip and say why.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup_postgres: not root and no sudo; PostgreSQL tests will skip" >&2; exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# Debian's package starts a cluster of its own; the tests do not use it.
$SUDO pg_ctlcluster --force "$(ls /usr/lib/postgresql | sort -V | tail -1)" main stop >/dev/null 2>&1 || true
