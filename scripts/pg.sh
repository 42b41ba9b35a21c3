#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the demo and the tests.
#   scripts/pg.sh start    initialise on first use, start if not running (idempotent)
#   scripts/pg.sh stop     stop it (data stays under .local/pg until you delete it)
#   scripts/pg.sh status   say whether it runs
#   scripts/pg.sh psql     open psql on it
#   scripts/pg.sh restart fast|immediate   restart it (the fault tests do this to a cluster of their own)
# FERRY_PG_PORT and FERRY_PG_DATA select another cluster (the tests run a second one for fault injection).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local-env.sh"

# The server refuses to run as root: the cluster belongs to the postgres account.
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

running() { [ -f "$FERRY_PG_DATA/postmaster.pid" ] && run_pg "$FERRY_PG_BIN/pg_ctl" -D "$FERRY_PG_DATA" status >/dev/null 2>&1; }

start() {
  bash "$FERRY_ROOT/scripts/install.sh"
  mkdir -p "$FERRY_LOCAL/pg"
  if [ ! -f "$FERRY_LOCAL/pg/password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$FERRY_LOCAL/pg/password")
  fi
  if [ ! -f "$FERRY_PG_DATA/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $FERRY_PG_DATA"
    mkdir -p "$FERRY_PG_DATA" "$FERRY_PG_SOCKET"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$FERRY_PG_DATA" "$(dirname "$FERRY_PG_SOCKET")"
    local pwfile; pwfile="$(mktemp)"; cp "$FERRY_LOCAL/pg/password" "$pwfile"; chmod 644 "$pwfile"
    run_pg "$FERRY_PG_BIN/initdb" -D "$FERRY_PG_DATA" -U postgres --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$FERRY_PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $FERRY_PG_PORT
unix_socket_directories = '$FERRY_PG_SOCKET'
max_connections = 200
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
checkpoint_timeout = 15min
wal_compression = lz4
max_prepared_transactions = 0
CONF
  fi
  if running; then log "PostgreSQL already running on 127.0.0.1:$FERRY_PG_PORT"; return; fi
  # The socket directory is given at each start, so a checkout moved elsewhere keeps a working cluster.
  mkdir -p "$FERRY_PG_SOCKET"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$FERRY_PG_DATA" "$(dirname "$FERRY_PG_SOCKET")"
  run_pg "$FERRY_PG_BIN/pg_ctl" -D "$FERRY_PG_DATA" -l "$(dirname "$FERRY_PG_SOCKET")/server.log" -o "-k '$FERRY_PG_SOCKET'" -w -t 60 start >/dev/null
  log "PostgreSQL started on 127.0.0.1:$FERRY_PG_PORT"
}

stop() {
  if running; then run_pg "$FERRY_PG_BIN/pg_ctl" -D "$FERRY_PG_DATA" -m fast -w stop >/dev/null; log "PostgreSQL stopped"; else log "PostgreSQL not running"; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) run_pg "$FERRY_PG_BIN/pg_ctl" -D "$FERRY_PG_DATA" -m "${2:-fast}" -w -t 60 restart -l "$(dirname "$FERRY_PG_SOCKET")/server.log" -o "-k '$FERRY_PG_SOCKET'" >/dev/null; log "PostgreSQL restarted (${2:-fast})" ;;
  status) if running; then echo "running on 127.0.0.1:$FERRY_PG_PORT"; else echo "stopped"; exit 1; fi ;;
  psql) shift; PGPASSWORD="$(ferry_pg_password)" exec psql -h 127.0.0.1 -p "$FERRY_PG_PORT" -U postgres "$@" ;;
  *) echo "usage: scripts/pg.sh start|stop|status|psql|restart [fast|immediate]" >&2; exit 2 ;;
esac
