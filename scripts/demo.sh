#!/usr/bin/env bash
# Set up, then run the main job on the bundled demo corpus into the embedded SQLite ledger.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db=${1:-demo.db}
status=0
.venv/bin/claimweave ingest corpus/demo --db "$db" || status=$?
.venv/bin/claimweave claims --db "$db"
exit $status
