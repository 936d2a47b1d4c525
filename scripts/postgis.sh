#!/usr/bin/env bash
# Provisions the project's throwaway local PostGIS cluster.
#
#   scripts/postgis.sh start    installs postgresql + postgresql-postgis if missing (root only), initdb's a
#                               cluster under <repo>/.gridwatch/pg, starts it on 127.0.0.1 and
#                               creates database "gridwatch" with the postgis extension
#                               (idempotent; fast when already running)
#   scripts/postgis.sh stop     stops the cluster (data is kept)
#   scripts/postgis.sh status   prints running/stopped; exit 0 when running, 3 when not
#   scripts/postgis.sh url      prints the JDBC URL
#
# Environment:
#   GRIDWATCH_DB_URL   use an existing database instead: url prints it, start/stop do nothing
#   GRIDWATCH_PG_PORT  TCP port of the local cluster (default 55432)
#
# initdb refuses to run as root, so as root the cluster belongs to the "postgres" system user
# (created by the Debian packages). When that user cannot traverse the repository path (a
# clone under /root, mode 700), the data lives under /var/tmp/gridwatch-pg-<hash> and
# <repo>/.gridwatch/pg is a symlink to it. Without root the cluster belongs to the current user.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PORT="${GRIDWATCH_PG_PORT:-55432}"
DB=gridwatch
STATE="$REPO/.gridwatch"
LINK="$STATE/pg"

log() { echo "postgis.sh: $*" >&2; }
die() { log "$*"; exit 1; }

jdbc_url() { echo "jdbc:postgresql://127.0.0.1:${PORT}/${DB}?user=postgres"; }

# Newest installed PostgreSQL whose share dir has the postgis extension (empty when none).
find_pgbin() {
  local want="${1:-}" dir ver
  if [[ -n "$want" && -x "/usr/lib/postgresql/$want/bin/initdb" ]]; then
    echo "/usr/lib/postgresql/$want/bin"; return
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    ver="$(basename "$(dirname "$dir")")"
    if [[ -x "$dir/initdb" && -f "/usr/share/postgresql/$ver/extension/postgis.control" ]]; then
      echo "$dir"; return
    fi
  done
}

install_packages() {
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL/PostGIS not installed and not root: install 'postgresql' and 'postgis' (Debian) or set GRIDWATCH_DB_URL"
  # postgresql-postgis pulls postgresql-<default>-postgis-3 (the `postgis` package only
  # recommends it, and recommends are not installed here)
  local pkgs=(postgresql postgresql-postgis)
  log "installing ${pkgs[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null
  fi
}

# Runs a command as the cluster owner, from a directory that owner can read.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Resolves (and with "create" prepares) the data directory; prints its path.
data_dir() {
  local mode="${1:-}"
  if [[ -L "$LINK" || -d "$LINK" ]]; then
    readlink -f "$LINK"; return
  fi
  [[ "$mode" == create ]] || { echo ""; return; }
  mkdir -p "$STATE"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    if runuser -u postgres -- test -x "$STATE" && runuser -u postgres -- test -x "$REPO"; then
      mkdir -p "$LINK"
      chown postgres: "$LINK"
      chmod 700 "$LINK"
    else
      local hash target
      hash="$(printf '%s' "$REPO" | sha1sum | cut -c1-12)"
      target="/var/tmp/gridwatch-pg-$hash"
      mkdir -p "$target"
      chown postgres: "$target"
      chmod 700 "$target"
      ln -sfn "$target" "$LINK"
    fi
  else
    mkdir -p "$LINK"
    chmod 700 "$LINK"
  fi
  readlink -f "$LINK"
}

is_running() {
  local data="$1" pgbin="$2"
  [[ -n "$data" && -f "$data/PG_VERSION" ]] || return 1
  as_owner "$pgbin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

psql_q() {
  local pgbin="$1"; shift
  as_owner "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"
}

ensure_database() {
  local pgbin="$1"
  if [[ "$(psql_q "$pgbin" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
    psql_q "$pgbin" -d postgres -c "CREATE DATABASE $DB" >/dev/null
  fi
  psql_q "$pgbin" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null 2>&1 \
    || psql_q "$pgbin" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
}

cmd_start() {
  [[ -z "${GRIDWATCH_DB_URL:-}" ]] || return 0
  local pgbin data
  data="$(data_dir)"
  if [[ -n "$data" && -f "$data/PG_VERSION" ]]; then
    pgbin="$(find_pgbin "$(cat "$data/PG_VERSION")")"
    if [[ -n "$pgbin" ]] && is_running "$data" "$pgbin" \
        && "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; then
      ensure_database "$pgbin"
      return 0
    fi
  fi

  mkdir -p "$STATE"
  exec 9>"$STATE/pg.lock"
  flock -w 300 9 || die "another scripts/postgis.sh start holds $STATE/pg.lock"

  pgbin="$(find_pgbin)"
  if [[ -z "$pgbin" ]]; then
    install_packages
    pgbin="$(find_pgbin)"
    [[ -n "$pgbin" ]] || die "no PostgreSQL with PostGIS found under /usr/lib/postgresql/*/bin after install"
  fi
  data="$(data_dir create)"

  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "initdb $data"
    as_owner "$pgbin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    local sock="$data"
    if (( ${#sock} > 90 )); then
      sock="/tmp/gridwatch-pg-sock-$(printf '%s' "$data" | sha1sum | cut -c1-12)"
      mkdir -p "$sock"
      [[ "$(id -u)" != 0 ]] || chown postgres: "$sock"
    fi
    cat >"$data/postgresql.auto.conf" <<EOF
# written by scripts/postgis.sh: a throwaway local cluster for gridwatch
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$sock'
synchronous_commit = off
shared_buffers = 128MB
max_connections = 100
logging_collector = off
EOF
    cat >"$data/pg_hba.conf" <<EOF
# written by scripts/postgis.sh: trust for local connections only
local all all trust
host  all all 127.0.0.1/32 trust
EOF
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$data/postgresql.auto.conf" "$data/pg_hba.conf"; fi
  else
    pgbin="$(find_pgbin "$(cat "$data/PG_VERSION")")"
    [[ -n "$pgbin" ]] || die "cluster in $data needs PostgreSQL $(cat "$data/PG_VERSION"), not installed"
    # the port may have changed through GRIDWATCH_PG_PORT
    as_owner sed -i "s/^port = .*/port = $PORT/" "$data/postgresql.auto.conf"
  fi

  if is_running "$data" "$pgbin" && ! "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; then
    log "restarting PostgreSQL on port $PORT"
    as_owner "$pgbin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
  fi
  if ! is_running "$data" "$pgbin"; then
    if "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; then
      die "port $PORT is taken by another server; set GRIDWATCH_PG_PORT or GRIDWATCH_DB_URL"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PORT ($data)"
    # 9>&-: the server must not inherit (and hold forever) the lock file descriptor
    if ! as_owner "$pgbin/pg_ctl" start -D "$data" -l "$data/server.log" -w -t 60 >/dev/null 9>&-; then
      tail -20 "$data/server.log" >&2 || true
      die "PostgreSQL did not start"
    fi
  fi
  ensure_database "$pgbin"
}

cmd_stop() {
  [[ -z "${GRIDWATCH_DB_URL:-}" ]] || return 0
  local data pgbin
  data="$(data_dir)"
  [[ -n "$data" && -f "$data/PG_VERSION" ]] || return 0
  pgbin="$(find_pgbin "$(cat "$data/PG_VERSION")")"
  [[ -n "$pgbin" ]] || return 0
  if is_running "$data" "$pgbin"; then
    as_owner "$pgbin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    log "stopped"
  fi
}

cmd_status() {
  if [[ -n "${GRIDWATCH_DB_URL:-}" ]]; then echo "external $GRIDWATCH_DB_URL"; return 0; fi
  local data pgbin
  data="$(data_dir)"
  if [[ -n "$data" && -f "$data/PG_VERSION" ]]; then
    pgbin="$(find_pgbin "$(cat "$data/PG_VERSION")")"
    if [[ -n "$pgbin" ]] && is_running "$data" "$pgbin"; then
      echo "running $(jdbc_url) data=$data"; return 0
    fi
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) if [[ -n "${GRIDWATCH_DB_URL:-}" ]]; then echo "$GRIDWATCH_DB_URL"; else jdbc_url; fi ;;
  *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
esac
