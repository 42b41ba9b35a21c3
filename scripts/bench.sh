#!/usr/bin/env bash
# Runs the throughput benchmark on the local PostgreSQL cluster, installing what it needs (idempotent).
#   bash scripts/bench.sh [--students N] [--results M] [--shape large|many|both] [--compare-pgloader] [--json FILE]
# With --compare-pgloader, pgloader is installed from Debian packages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"
cd "$FERRY_ROOT"
if [[ " $* " == *" --compare-pgloader "* ]] && ! command -v pgloader >/dev/null; then
  log "installing pgloader"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq pgloader >/dev/null
fi
bash scripts/pg.sh start
FERRY_PG_PASSWORD="$(ferry_pg_password)"
export FERRY_PG_PASSWORD
exec ./dm bench "$@"
