#!/usr/bin/env bash
# Renders docs/dashboard.png: the operator dashboard after a run started from the page has completed, 1280 px wide,
# as the dashboard's browser test drives it in Debian's Chromium. Starts what the tests need, like test.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"
cd "$FERRY_ROOT"

shots="$FERRY_LOCAL/screenshots"
mkdir -p "$shots"
FERRY_SCREENSHOTS="$shots" bash scripts/test.sh --filter "FullyQualifiedName~DashboardBrowserTests"
cp "$shots/dashboard.png" docs/dashboard.png
log "docs/dashboard.png written"
