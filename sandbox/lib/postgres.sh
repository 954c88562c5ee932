# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# PostgreSQL for the JDBC pipelines: its own data dir and port, logical replication for Debezium,
# a database and a replication-capable user (conf/postgresql.conf.in).

PG_DB=demo
PG_USER=demo

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# PostgreSQL refuses to run as root: use its own system user then.
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The server must be able to reach its data directory through every parent.
postgres_own_dirs() {
  id postgres >/dev/null 2>&1 || die "user 'postgres' is missing (it comes with the postgresql package)"
  touch "$(log_file postgres)"
  chown postgres "$RUN/postgres" "$RUN/postgres/socket" "$(log_file postgres)"
  local d=$RUN
  while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
}

postgres_init() {
  local bin=$1 data=$2 pwfile=$RUN/postgres/.pw
  log "initialising PostgreSQL data directory"
  (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$pwfile")
  [ "$(id -u)" -ne 0 ] || chown postgres "$pwfile"
  pg_run "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$pwfile" -E UTF8 >>"$(log_file postgres)" 2>&1 || die "initdb failed; see $(log_file postgres)"
  rm -f "$pwfile"
  render conf/postgresql.conf.in PG_PORT RUN >>"$data/postgresql.conf"
  echo "host replication all 127.0.0.1/32 scram-sha-256" >>"$data/pg_hba.conf"
}

postgres_start() {
  if running_pid postgres >/dev/null; then log "postgres already running"; return 0; fi
  local bin data=$RUN/postgres/data
  bin=$(pg_bin) || die "PostgreSQL server binaries not found"
  mkdir -p "$RUN/postgres/socket"
  [ "$(id -u)" -ne 0 ] || postgres_own_dirs
  [ -f "$data/PG_VERSION" ] || postgres_init "$bin" "$data"
  log "starting postgres on 127.0.0.1:$PG_PORT"
  pg_run "$bin/pg_ctl" -D "$data" -l "$(log_file postgres)" -w -t 60 start >/dev/null \
    || die "postgres did not start; see $(log_file postgres)"
  head -1 "$data/postmaster.pid" >"$(pid_file postgres)"
  # psql variables (:'password') quote the values, whatever characters the password has.
  pg_run psql -h "$RUN/postgres/socket" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
    -v user="$PG_USER" -v password="$PG_PASSWORD" -v db="$PG_DB" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I LOGIN REPLICATION PASSWORD %L', :'user', :'password')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

postgres_stop() {
  pg_run "$(pg_bin)/pg_ctl" -D "$RUN/postgres/data" -m fast -w -t 30 stop >/dev/null 2>&1 || kill "$1" 2>/dev/null || true
}

postgres_ready() { pg_run "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d "$PG_DB"; }

postgres_endpoint() { echo "postgresql://$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"; }

cmd_psql() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@"; }
