#!/usr/bin/env bash
# Set up, then run lint, type checks and the whole test suite (FA-KES gate included when
# ../shared/data/fakes is present; it skips, saying why, where it is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup_postgres.sh
# Browser tests drive Debian's chromium (tests/test_serve_browser.py skips, saying why, without it).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >/dev/null 2>&1 \
    || echo "test.sh: could not install chromium with apt-get; browser tests will skip" >&2
fi
.venv/bin/ruff check src tests bench fuzz
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
