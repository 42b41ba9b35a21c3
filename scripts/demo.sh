#!/usr/bin/env bash
# Runs the main job through the durable host, as it runs in production: generates demo legacy districts and their
# target, starts the self-hosted durable host (`./dm serve`: HTTP API, worker, delta timer) on the local Azurite
# task hub, starts the run over HTTP (POST /api/runs), shows its live progress from the status endpoint, and ends
# with the verification summary and the report link. Installs and starts what it needs (idempotent).
#   bash scripts/demo.sh [--districts N] [--profile small|full] [--students N]
# The single-process path stays: `./dm demo` needs only PostgreSQL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"
cd "$FERRY_ROOT"

districts=3 profile=full students=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --districts) districts="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --students) students="$2"; shift 2 ;;
    *) echo "usage: bash scripts/demo.sh [--districts N] [--profile small|full] [--students N]" >&2; exit 2 ;;
  esac
done

bash scripts/pg.sh start
bash scripts/azurite.sh start
export FERRY_PG_PASSWORD="$(ferry_pg_password)"
export FERRY_BLOB_CONNECTION="$(ferry_azurite_connection)"
export AzureWebJobsStorage="$(ferry_durable_connection)"
dir="$FERRY_LOCAL/demo-durable"
mkdir -p "$dir"
config="$dir/migration.yaml"
port="${FERRY_DEMO_PORT:-57071}"
api="http://127.0.0.1:$port/api"

log "1/5 generating $districts legacy district database(s) (profile $profile) and the target"
PGPASSWORD="$FERRY_PG_PASSWORD" "$FERRY_PG_BIN/psql" -q -h 127.0.0.1 -p "$FERRY_PG_PORT" -U postgres -d postgres \
  -c "DROP DATABASE IF EXISTS ferry_demo_durable WITH (FORCE)" >/dev/null
./dm sample --profile "$profile" --districts "$districts" --students "$students" --prefix demo_durable_ \
  --out "$config" --target-database ferry_demo_durable | tail -n 1
./dm scaffold --config "$config" --apply >/dev/null
# Change capture before the full load, as an operator would: deltas then carry on from the load's own positions.
./dm delta enable --config "$config" --apply >/dev/null

# A fresh task hub for each demo, so runs of other hosts on this machine's Azurite (task hub ferry) and of earlier
# demos stay apart.
export FerryHost__TaskHub="${FERRY_DEMO_TASK_HUB:-demo$(date +%Y%m%d%H%M%S)}"
log "2/5 starting the durable host on $api (task hub $FerryHost__TaskHub on Azurite)"
# The development signing key exists only here and only for this host, which runs in the Development environment.
export ASPNETCORE_ENVIRONMENT=Development
export FERRY_DEV_SIGNING_KEY="demo-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
./dm serve --config "$config" --urls "http://127.0.0.1:$port" >"$dir/host.log" 2>&1 &
host=$!
trap 'kill -TERM "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$api/health" >/dev/null 2>&1 && break
  kill -0 "$host" 2>/dev/null || { tail -n 20 "$dir/host.log" >&2; exit 3; }
  sleep 0.5
done
token="$(./dm token --role Migration.Operator --role Migration.Auditor)"

log "3/5 POST $api/runs {\"mode\":\"full\"}"
started="$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"mode":"full"}' "$api/runs")"
id="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$started")"
log "    run $id accepted; status at $api/runs/$id"

# The status carries every entity's progress: read from standard input, it is too long for an argument.
cat > "$dir/progress.py" <<'PY'
import json, sys
d = json.load(sys.stdin)
s = d.get("customStatus") or {}
# Live figures per district from the per-entity progress the toolkit's tables hold; state, rate and ETA from the
# orchestration's custom status.
live = {}
for e in d.get("progress") or []:
    t = live.setdefault(e["district"], [0, 0, 0])
    t[0] += e["state"] == "loaded"
    t[1] += 1
    t[2] += e["loaded"]
parts = []
for name, x in sorted((s.get("districts") or {}).items()):
    done, planned, rows = live.get(name, [x["entitiesDone"], x["entitiesPlanned"], x["rowsLoaded"]])
    rate = ", {:,.0f} rows/s".format(x["rowsPerSecond"]) if x.get("rowsPerSecond") else ""
    eta = ", ~{} s left".format(x["etaSeconds"]) if x.get("etaSeconds") is not None else ""
    parts.append("{} {} {}/{} entities {:,} rows{}{}".format(name, x["state"], done, planned, rows, rate, eta))
print("{}|{}: {}".format(d["runtimeStatus"], s.get("phase", "-"), "; ".join(parts)))
PY
log "4/5 progress (GET $api/runs/$id)"
while true; do
  status="$(curl -fsS -H "Authorization: Bearer $token" "$api/runs/$id")"
  line="$(python3 "$dir/progress.py" <<<"$status")"
  echo "    ${line#*|}"
  case "${line%%|*}" in Completed|Failed|Terminated) break ;; esac
  sleep 2
done


log "5/5 verification and reports"
cat > "$dir/summary.py" <<'PY'
import json, sys
d = json.load(sys.stdin)
o = d.get("output") or {}
if d["runtimeStatus"] != "Completed":
    print(f"    run {d['id']}: {d['runtimeStatus']}: {d.get('failure')}")
    sys.exit(3)
for v in o.get("Verifications", []):
    verdict = "parity" if v["HasParity"] else f"{v['Differing']} of {v['Entities']} entities differ"
    print(f"    district {v['District']}: {v['Entities']} entities, {v['SourceRows']:,} source rows: {verdict} (verification {v['VerifyId']})")
for m in o.get("Messages", []):
    print(f"    {m}")
print(f"    run {o.get('RunId')}: {o.get('State')}")
print(f"    report: {o.get('Report')}")
sys.exit(0 if o.get("State") == "completed" else 1)
PY
python3 "$dir/summary.py" <<<"$status"
echo "    reports of the run: curl -H 'Authorization: Bearer ...' $api/runs/$id/reports   (the host is stopped now; ./dm serve --config $config starts it again)"
