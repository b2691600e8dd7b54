#!/usr/bin/env bash
# pg-cluster.sh start DIR | stop DIR | url DIR
#
# A throwaway PostgreSQL 15 cluster for tests, built from Debian's binaries
# (apt-get install postgresql). It lives entirely in DIR, listens only on a Unix
# socket inside DIR (no TCP port, so it never collides with Debian's default cluster
# on 5432 or with another throwaway cluster) and trades durability for speed
# (fsync, synchronous_commit and full_page_writes off): never keep data in it.
#
#   start DIR  creates the cluster when DIR holds none, starts it, waits until it
#              accepts connections, makes sure database tafel_test exists and prints
#              its connection URL (only that) on stdout. Progress goes to stderr.
#   stop DIR   stops the cluster fast (immediate shutdown). Idempotent: succeeds
#              when it is not running or DIR does not exist.
#   url DIR    prints the connection URL of the cluster in DIR.
#
# As root, the server runs as the `postgres` system user (PostgreSQL refuses root)
# and DIR is handed to that user; otherwise it runs as the calling user.
# TAFEL_PG_BIN overrides the binary directory (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PG_BIN="${TAFEL_PG_BIN:-/usr/lib/postgresql/15/bin}"
PORT=5432           # only names the socket file: no TCP listener
DATABASE=tafel_test
SUPERUSER=postgres

usage() { echo "usage: $0 start DIR | stop DIR | url DIR" >&2; exit 2; }
log() { echo "pg-cluster: $*" >&2; }
die() { echo "pg-cluster: $*" >&2; exit 1; }

[ $# -eq 2 ] || usage
command_name="$1"
dir_arg="$2"

# Runs a command as the user that owns the cluster, from a directory it can read.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# Percent-encodes a socket directory for the query part of a libpq URL.
url_encode() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9/._~-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

print_url() {
  printf 'postgresql://%s@/%s?host=%s&port=%s\n' "$SUPERUSER" "$DATABASE" "$(url_encode "$dir")" "$PORT"
}

is_running() {
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
  [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL binaries in $PG_BIN (apt-get install postgresql)"
  mkdir -p "$dir_arg"
  dir="$(cd "$dir_arg" && pwd -P)"
  # A Unix socket path is limited to 107 bytes.
  [ ${#dir} -le 80 ] || die "directory path too long for a Unix socket (max 80 characters): $dir"
  if [ "$(id -u)" -eq 0 ]; then
    getent passwd postgres >/dev/null || die "no 'postgres' system user (apt-get install postgresql)"
    chown postgres: "$dir"
    chmod 700 "$dir"
  fi

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "initialising a cluster in $dir/data"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U "$SUPERUSER" -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    cat >>"$dir/data/postgresql.conf" <<CONF
# Throwaway test cluster (scripts/pg-cluster.sh): speed over durability.
listen_addresses = ''
unix_socket_directories = '$dir'
port = $PORT
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
logging_collector = off
CONF
  fi

  if is_running; then
    log "already running"
  else
    log "starting PostgreSQL"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2 || true; die "the server did not start (log: $dir/server.log)"; }
  fi

  # pg_ctl -w waited for the socket; make sure queries are answered too.
  local i
  for ((i = 0; i < 60; i++)); do
    if as_owner "$PG_BIN/pg_isready" -q -h "$dir" -p "$PORT" -d postgres -U "$SUPERUSER"; then break; fi
    sleep 0.5
  done
  as_owner "$PG_BIN/pg_isready" -q -h "$dir" -p "$PORT" -d postgres -U "$SUPERUSER" || die "the server does not accept connections"

  local exists
  exists="$(as_owner "$PG_BIN/psql" -h "$dir" -p "$PORT" -U "$SUPERUSER" -d postgres -XAtq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")"
  if [ "$exists" != 1 ]; then
    log "creating database $DATABASE"
    as_owner "$PG_BIN/createdb" -h "$dir" -p "$PORT" -U "$SUPERUSER" "$DATABASE"
  fi
  print_url
}

stop() {
  [ -d "$dir_arg" ] || return 0
  dir="$(cd "$dir_arg" && pwd -P)"
  if is_running; then
    log "stopping PostgreSQL"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null
  fi
}

case "$command_name" in
  start) start ;;
  stop) stop ;;
  url)
    [ -d "$dir_arg" ] || die "no such directory: $dir_arg"
    dir="$(cd "$dir_arg" && pwd -P)"
    print_url
    ;;
  *) usage ;;
esac
