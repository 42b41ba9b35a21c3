#!/usr/bin/env bash
# Sourced by the other scripts: where the throwaway services live and how to reach them.
# Everything stays under .local/ (git-ignored) and listens on 127.0.0.1 only.
FERRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FERRY_LOCAL="$FERRY_ROOT/.local"
FERRY_PG_PORT="${FERRY_PG_PORT:-55432}"
FERRY_PG_DATA="${FERRY_PG_DATA:-$FERRY_LOCAL/pg/data}"
FERRY_PG_SOCKET="${FERRY_PG_SOCKET:-$(dirname "$FERRY_PG_DATA")/run/socket}"
FERRY_PG_BIN="${FERRY_PG_BIN:-/usr/lib/postgresql/15/bin}"
FERRY_AZURITE_PORT="${FERRY_AZURITE_PORT:-55000}"
FERRY_AZURITE_DIR="$FERRY_LOCAL/azurite"
FERRY_AZURITE_QUEUE_PORT="${FERRY_AZURITE_QUEUE_PORT:-$((FERRY_AZURITE_PORT + 1))}"
FERRY_AZURITE_TABLE_PORT="${FERRY_AZURITE_TABLE_PORT:-$((FERRY_AZURITE_PORT + 2))}"
export FERRY_ROOT FERRY_LOCAL FERRY_PG_PORT FERRY_PG_DATA FERRY_PG_SOCKET FERRY_PG_BIN FERRY_AZURITE_PORT FERRY_AZURITE_DIR
export FERRY_AZURITE_QUEUE_PORT FERRY_AZURITE_TABLE_PORT

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The password of the throwaway cluster is made once and kept in .local (never committed).
ferry_pg_password() { cat "$FERRY_LOCAL/pg/password"; }

ferry_pg_connection() { # database name
  echo "Host=127.0.0.1;Port=$FERRY_PG_PORT;Database=${1:-postgres};Username=postgres;Password=$(ferry_pg_password)"
}

# The Azurite emulator's development account. Its key is public (Microsoft documents it for the emulator only)
# and works nowhere else; it stays in this script, never in a configuration file.
ferry_azurite_connection() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$FERRY_AZURITE_PORT/devstoreaccount1;"
}

# The same account with its queue and table services: the durable hosts' task hub storage (AzureWebJobsStorage).
ferry_durable_connection() {
  echo "$(ferry_azurite_connection)QueueEndpoint=http://127.0.0.1:$FERRY_AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$FERRY_AZURITE_TABLE_PORT/devstoreaccount1;"
}
