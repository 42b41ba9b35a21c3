#!/usr/bin/env bash
# Installs what the project needs, idempotently: PostgreSQL 15 (Debian package), Node for Azurite,
# Chromium for the report check. Nothing is downloaded outside the package registries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"

need=()
[ -x "$FERRY_PG_BIN/pg_ctl" ] || need+=(postgresql-15)
command -v npm >/dev/null || need+=(nodejs npm)
if [ "${FERRY_WITH_CHROMIUM:-0}" = 1 ] && ! command -v chromium >/dev/null; then need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 2
fi
# MSAL.js for the dashboard's Entra ID sign-in, bundled into Ferry.Dashboard at build time (package-lock.json pins it).
dashboard="$(dirname "${BASH_SOURCE[0]}")/../src/Ferry.Dashboard"
if [ ! -f "$dashboard/node_modules/@azure/msal-browser/lib/msal-browser.min.js" ]; then
  log "installing the dashboard's npm packages"
  (cd "$dashboard" && npm ci --no-audit --no-fund --silent)
fi
