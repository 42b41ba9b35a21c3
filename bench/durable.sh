#!/usr/bin/env bash
# The durable host against dm run on the same data, side by side in one invocation: for each repetition, interleaved,
# a fresh target loaded once by `./dm run` and once by the orchestration on the self-hosted host (one `dm serve` and
# one `dm worker`, Azurite), each timed from the start (the command; the POST) until every constraint is restored
# (the run's end; the Restore activity's completion in the target's activity log). Prints each time, the medians and their ratio.
#   bash bench/durable.sh [--districts N] [--profile small|full] [--students N] [--batch-size N] [--reps N]
# --simulate N instead: N districts of the full profile (383 entities), the legacy database generated once and copied
# N-1 times (a legacy database is one district), planned by the engine as usual but every work item a no-op
# (FerryHost__SimulateWork); prints the run time, from the POST to the orchestration's completion, and the largest
# orchestration histories (events per instance and generation, from the task hub's History table).
#   bash bench/durable.sh --simulate 50 [--students N]
set -euo pipefail
emulators=()
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/local-env.sh"
cd "$FERRY_ROOT"
districts=3 profile=full students=2000 reps=3 batch=50000 simulate=0
while [ $# -gt 0 ]; do
  case "$1" in
    --districts) districts="$2"; shift 2 ;; --profile) profile="$2"; shift 2 ;; --students) students="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;; --batch-size) batch="$2"; shift 2 ;; --simulate) simulate="$2"; shift 2 ;;
    *) echo "usage: bash bench/durable.sh [--districts N] [--profile small|full] [--students N] [--batch-size N] [--reps N] | --simulate N [--students N]" >&2; exit 2 ;;
  esac
done
bash scripts/pg.sh start >/dev/null 2>&1
bash scripts/azurite.sh start >/dev/null 2>&1
export FERRY_PG_PASSWORD="$(ferry_pg_password)"
# The task hubs run on a queue and table emulator of the benchmark's own, in memory and fresh each invocation: the
# shared one keeps every task hub ever made (each test's, each earlier benchmark's) and saves them all to disk every
# few seconds, CPU taken from whatever runs beside it, more as it grows.
own_queue=$((FERRY_AZURITE_PORT + 21)) own_table=$((FERRY_AZURITE_PORT + 22))
for service in queue table; do
  port_var="own_$service"
  "$FERRY_AZURITE_DIR/node/node_modules/.bin/azurite-$service" "--${service}Host" 127.0.0.1 "--${service}Port" "${!port_var}" \
    --inMemoryPersistence --silent --skipApiVersionCheck --loose >/dev/null 2>&1 &
  emulators+=($!)
done
trap 'kill "${emulators[@]}" 2>/dev/null || true' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$own_queue") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$own_table") 2>/dev/null; do sleep 0.2; done
export AzureWebJobsStorage="$(ferry_azurite_connection)QueueEndpoint=http://127.0.0.1:$own_queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$own_table/devstoreaccount1;"
export ASPNETCORE_ENVIRONMENT=Development FERRY_DEV_SIGNING_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
dir="$FERRY_LOCAL/bench-durable"; mkdir -p "$dir"; config="$dir/migration.yaml"; port="${FERRY_BENCH_PORT:-57072}"
psql_() { PGPASSWORD="$FERRY_PG_PASSWORD" "$FERRY_PG_BIN/psql" -qAt -h 127.0.0.1 -p "$FERRY_PG_PORT" -U postgres "$@"; }
now() { date +%s.%N; }
since() { python3 -c "print(round($(now) - $1, 2))"; }
start_hosts() { # the config, then settings for both processes (NAME=VALUE ...)
  local cfg="$1"; shift
  env "$@" ./dm serve --config "$cfg" --urls "http://127.0.0.1:$port" >"$dir/host.log" 2>&1 & host=$!
  env "$@" ./dm worker --config "$cfg" >"$dir/worker.log" 2>&1 & worker=$!
  until curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; do
    kill -0 "$host" 2>/dev/null || { echo "the host did not start; see $dir/host.log" >&2; tail -n 3 "$dir/host.log" >&2; exit 1; }
    sleep 0.2
  done
  token="$(./dm token --role Migration.Operator --role Migration.Auditor)"
}
start_run() { curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"mode":"full"}' "http://127.0.0.1:$port/api/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
run_state() { curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/runs/$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print((d.get("customStatus") or {}).get("phase","-"), d["runtimeStatus"])'; }

if [ "$simulate" -gt 0 ]; then
  config="$dir/simulate.yaml" target=bench_simulate_target
  ./dm sample --profile full --districts 1 --students "$students" --prefix bench_simulate_ --out "$config" --target-database "$target" >/dev/null
  sed -i '/^reports:/,$d' "$config"
  # Fifty legacy databases on one local server: each district's pool keeps at most 2 connections and lets idle ones
  # go within seconds, or the server runs out of connections (in production each district has a server of its own).
  sed -i 's/\(Database=bench_simulate_d001;[^"]*\)"/\1;Maximum Pool Size=2;Connection Idle Lifetime=2;Connection Pruning Interval=1"/' "$config"
  # Copies of the generated legacy database, one per district (the engine refuses two districts on one database).
  for i in $(seq 2 "$simulate"); do
    psql_ -d postgres -c "DROP DATABASE IF EXISTS $(printf 'bench_simulate_d%03d' "$i") WITH (FORCE)"
    psql_ -d postgres -c "CREATE DATABASE $(printf 'bench_simulate_d%03d' "$i") TEMPLATE bench_simulate_d001 STRATEGY FILE_COPY"
  done
  python3 - "$config" "$simulate" <<'PY'
import re, sys
path, n = sys.argv[1], int(sys.argv[2])
text = open(path).read()
one = re.search(r"(?ms)^  - id: d001\n.*?(?=^\S)", text).group(0)
districts = "".join(one.replace("d001", f"d{i:03d}").replace("-000000000001", f"-{i:012d}") for i in range(1, n + 1))
open(path, "w").write(text.replace(one, districts))
PY
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $target WITH (FORCE)"
  ./dm scaffold --config "$config" --apply --create-database >/dev/null
  hub="simulate$(date +%s)"
  start_hosts "$config" FerryHost__TaskHub="$hub" FerryHost__SimulateWork=true
  start=$(now); id="$(start_run)"
  while true; do
    state="$(run_state "$id")"
    case "$state" in *Completed|*Failed|*Terminated) break ;; esac
    sleep 1
  done
  took="$(since "$start")"
  kill -TERM "$host" "$worker" 2>/dev/null || true; wait "$host" "$worker" 2>/dev/null || true
  activities="$(psql_ -d "$target" -c "SELECT count(*) FROM ferry.activity_event WHERE outcome = 'completed'")"
  echo "simulated run of $simulate districts x 383 entities (no-op work items): $took s ($state), $activities activities"
  echo "largest histories (events): $(python3 bench/history.py "$AzureWebJobsStorage" "$hub")"
  exit 0
fi
./dm sample --profile "$profile" --districts "$districts" --students "$students" --prefix bench_durable_ \
  --out "$config" --target-database bench_durable_target >/dev/null
sed -i "s/^batchSize: .*/batchSize: $batch/" "$config"
sed -i '/^reports:/,$d' "$config"   # reports are not part of what is timed
# The same number of work items in flight on both paths: dm run keeps `parallelism` of them going across all
# districts, so the orchestration gets limits of that size (its defaults, 2 per legacy database, would compare
# two districts' worth of concurrency with four).
parallelism="$(sed -n 's/^parallelism: *//p' "$config")"
echo "limits: { perSource: ${parallelism:-4}, perTarget: ${parallelism:-4} }" >> "$config"
fresh_target() {
  psql_ -d postgres -c "DROP DATABASE IF EXISTS bench_durable_target WITH (FORCE)"
  ./dm scaffold --config "$config" --apply --create-database >/dev/null
}
rows() { psql_ -d bench_durable_target -c "SELECT coalesce(sum(rows_loaded), 0) FROM ferry.batch"; }
run_times=() orch_times=()
for rep in $(seq 1 "$reps"); do
  fresh_target
  start=$(now); ./dm run --config "$config" >/dev/null
  run_times+=("$(since "$start")")
  log "rep $rep: dm run ${run_times[-1]} s, $(rows) rows"

  fresh_target
  export FerryHost__TaskHub="bench$(date +%s)"
  start_hosts "$config"
  start=$(now)
  id="$(start_run)"
  # Watched once a second through the target's activity log, where the Restore activity records its completion on
  # this machine's clock: the end. The status endpoint, which reads every entity's progress, is asked only every
  # tenth second, for a run that failed; a watcher costing the run more than dm run's own would not compare alike.
  restored="" phase="-"
  for tick in $(seq 1 100000); do
    restored="$(psql_ -d bench_durable_target -c "SELECT extract(epoch FROM max(at)) FROM ferry.activity_event WHERE instance_id = '$id' AND activity LIKE 'FerryRestore%' AND outcome = 'completed'" 2>/dev/null || true)"
    [ -n "$restored" ] && break
    if [ $((tick % 10)) = 0 ]; then
      phase="$(run_state "$id")"
      case "$phase" in *Failed|*Terminated) break ;; esac
    fi
    sleep 1
  done
  phase="$(run_state "$id")"
  orch_times+=("$(python3 -c "print(round(${restored:-$(now)} - $start, 2))")")
  log "rep $rep: orchestrated ${orch_times[-1]} s ($phase), $(rows) rows"
  kill -TERM "$host" "$worker" 2>/dev/null || true; wait "$host" "$worker" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mr="$(median "${run_times[@]}")" mo="$(median "${orch_times[@]}")"
echo "districts=$districts profile=$profile students=$students batchSize=$batch reps=$reps"
echo "dm run median ${mr} s; orchestrated median ${mo} s; orchestrated/dm run rows/s ratio $(python3 -c "print(round($mr / $mo, 2))")"
