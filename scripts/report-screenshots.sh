#!/usr/bin/env bash
# Renders docs/report-pass.png and docs/report-fail.png: the summary pages of a verification that passes and of one
# that finds a changed row, 1280 px wide, as the report rendering tests lay them out in Debian's Chromium (the
# tests also take 390 px screenshots; those stay in .local/screenshots). Starts what the tests need, like test.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"
cd "$FERRY_ROOT"

shots="$FERRY_LOCAL/screenshots"
rm -rf "$shots"
mkdir -p "$shots"
FERRY_SCREENSHOTS="$shots" bash scripts/test.sh --filter "FullyQualifiedName~HtmlReportRenderingTests"
cp "$shots/report-pass.png" docs/report-pass.png
cp "$shots/report-fail.png" docs/report-fail.png
log "docs/report-pass.png and docs/report-fail.png written"
