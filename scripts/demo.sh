#!/usr/bin/env bash
# Runs the main job on built-in demo data: installs and starts what it needs (idempotent), then `./dm demo`.
#   bash scripts/demo.sh [dm demo options, e.g. --profile small --students 5000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"
cd "$FERRY_ROOT"
bash scripts/pg.sh start
FERRY_PG_PASSWORD="$(ferry_pg_password)"
export FERRY_PG_PASSWORD
# Reports go to the local Blob Storage emulator; the demo prints a read-only link to its summary page.
bash scripts/azurite.sh start
export FERRY_BLOB_CONNECTION="$(ferry_azurite_connection)"
exec ./dm demo "$@"
