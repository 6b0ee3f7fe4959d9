#!/usr/bin/env bash
# Set up, then run lint, type checks and the whole test suite (FA-KES gate included when
# ../shared/data/fakes is present; it skips, saying why, where it is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
