#!/usr/bin/env bash
# Runs the whole test suite against real local services, installing and starting what it needs (idempotent).
#   bash scripts/test.sh            all tests
#   bash scripts/test.sh --filter X passes the filter to dotnet test
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"
cd "$FERRY_ROOT"

# Chromium renders the HTML report in the report tests.
export FERRY_WITH_CHROMIUM=1
bash scripts/pg.sh start
FERRY_PG_PASSWORD="$(ferry_pg_password)"
export FERRY_PG_PASSWORD
export FERRY_TEST_PG="$(ferry_pg_connection postgres)"
# A second cluster of its own for the fault tests, which restart it mid-run.
FERRY_FAULT_PG_PORT=$((FERRY_PG_PORT + 1))
FERRY_FAULT_PG_DATA="$FERRY_LOCAL/pg-faults/data"
FERRY_PG_PORT=$FERRY_FAULT_PG_PORT FERRY_PG_DATA=$FERRY_FAULT_PG_DATA FERRY_PG_SOCKET="$FERRY_LOCAL/pg-faults/run/socket" bash scripts/pg.sh start
export FERRY_FAULT_PG_PORT FERRY_FAULT_PG_DATA
export FERRY_FAULT_PG="$(FERRY_PG_PORT=$FERRY_FAULT_PG_PORT ferry_pg_connection postgres)"
bash scripts/azurite.sh start
export FERRY_BLOB_CONNECTION="$(ferry_azurite_connection)"

log "building"
dotnet build Functions.sln -c Release -nologo -clp:ErrorsOnly -v:quiet

results="$FERRY_LOCAL/test-results"
rm -rf "$results"
# The integration tests take most of the time and wait mostly on the databases, so they run beside the other
# projects, which run one after another; each project's output goes to its own log, shown when it ends.
run_project() {
  local project="$1" name
  name="$(basename "$project" .csproj)"
  local rc=0
  dotnet test "$project" -c Release --no-build -nologo -v:quiet \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" "${@:2}" >"$results/$name.log" 2>&1 || rc=$?
  log "tested $name (exit $rc)"
  grep -E "^\s*(Failed|Passed!|Failed!)" "$results/$name.log" | grep -v "^\s*Passed " || true
  return $rc
}
mkdir -p "$results"
status=0
log "testing Ferry.IntegrationTests beside the other projects"
run_project tests/Ferry.IntegrationTests/Ferry.IntegrationTests.csproj "$@" &
integration=$!
for project in tests/*/*.csproj; do
  [[ "$project" == */Ferry.IntegrationTests.csproj ]] && continue
  run_project "$project" "$@" || status=1
done
wait "$integration" || status=1

# One closing line over every project: "N passed, N failed".
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
    for r in ET.parse(f).getroot().findall(".//{*}UnitTestResult"):
        if r.get("outcome") == "Failed":
            message = r.find(".//{*}Message")
            first = (message.text or "").strip().splitlines()[0][:300] if message is not None and message.text else ""
            print(f"FAILED {r.get('testName')}: {first}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
