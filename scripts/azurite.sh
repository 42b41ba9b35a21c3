#!/usr/bin/env bash
# Azurite, the Storage emulator: blob (the reports), and queue and table (the durable host's task hub), each its own
# process on its own port (blob $FERRY_AZURITE_PORT, queue the next port, table the one after).
#   scripts/azurite.sh start    install on first use (npm, into .local/azurite), start if not running (idempotent)
#   scripts/azurite.sh stop     stop it (blobs stay under .local/azurite/data until you delete them)
#   scripts/azurite.sh status   say whether it runs
# It listens on 127.0.0.1:$FERRY_AZURITE_PORT only. `source scripts/local-env.sh; ferry_azurite_connection`
# prints the connection string of its development account.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"

AZURITE_VERSION=3.37.0
prefix="$FERRY_AZURITE_DIR/node"
bin="$prefix/node_modules/.bin/azurite-blob"
pidfile="$FERRY_AZURITE_DIR/azurite.pid"
logfile="$FERRY_AZURITE_DIR/azurite.log"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/${1:-$FERRY_AZURITE_PORT}") 2>/dev/null; }

# The queue and table services of the durable host's task hub, each started once beside the blob service.
start_service() { # queue|table port
  local name="$1" port="$2" pid="$FERRY_AZURITE_DIR/azurite-$1.pid"
  if [ -f "$pid" ] && kill -0 "$(cat "$pid")" 2>/dev/null; then return; fi
  mkdir -p "$FERRY_AZURITE_DIR/data-$name"
  nohup "$prefix/node_modules/.bin/azurite-$name" "--${name}Host" 127.0.0.1 "--${name}Port" "$port" --location "$FERRY_AZURITE_DIR/data-$name" \
    --skipApiVersionCheck --loose --silent >"$FERRY_AZURITE_DIR/azurite-$name.log" 2>&1 </dev/null &
  echo $! > "$pid"
  for _ in $(seq 1 100); do
    if listening "$port"; then log "Azurite $name started on 127.0.0.1:$port"; return; fi
    sleep 0.1
  done
  log "Azurite $name did not start; see $FERRY_AZURITE_DIR/azurite-$name.log"
  exit 1
}

stop_service() { # queue|table
  local pid="$FERRY_AZURITE_DIR/azurite-$1.pid"
  [ -f "$pid" ] || return 0
  local p; p="$(cat "$pid")"
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null || true; fi
  rm -f "$pid"
}

install() {
  bash "$FERRY_ROOT/scripts/install.sh"
  if [ -x "$bin" ] && grep -q "\"version\": \"$AZURITE_VERSION\"" "$prefix/node_modules/azurite/package.json" 2>/dev/null; then
    return
  fi
  log "installing azurite $AZURITE_VERSION into .local/azurite"
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || echo '{ "private": true }' > "$prefix/package.json"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null
}

start() {
  install
  start_service queue "$FERRY_AZURITE_QUEUE_PORT"
  start_service table "$FERRY_AZURITE_TABLE_PORT"
  if running; then log "Azurite already running on 127.0.0.1:$FERRY_AZURITE_PORT"; return; fi
  mkdir -p "$FERRY_AZURITE_DIR/data"
  # The SDK speaks a newer API version than the emulator knows; the emulator accepts it with the first flag. The
  # durable task hub's lease requests need the second (without it the provider's app lease fails to start). No
  # access log: a line per request, and the durable hosts poll every 200 ms.
  nohup "$bin" --blobHost 127.0.0.1 --blobPort "$FERRY_AZURITE_PORT" --location "$FERRY_AZURITE_DIR/data" \
    --skipApiVersionCheck --loose --silent >"$logfile" 2>&1 </dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 100); do
    if listening; then log "Azurite started on 127.0.0.1:$FERRY_AZURITE_PORT"; return; fi
    if ! running; then break; fi
    sleep 0.1
  done
  log "Azurite did not start; see $logfile"
  tail -n 20 "$logfile" >&2 || true
  exit 1
}

stop() {
  stop_service queue
  stop_service table
  if ! running; then rm -f "$pidfile"; log "Azurite not running"; return; fi
  local pid; pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  # It sometimes ignores TERM: give it a few seconds, then KILL.
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  log "Azurite stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$FERRY_AZURITE_PORT"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: scripts/azurite.sh start|stop|status" >&2; exit 2 ;;
esac
