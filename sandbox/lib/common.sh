# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What every service of the sandbox uses: messages, the profile, templates, dependencies, jars, and
# the processes (pid files, start, readiness, stop). Sourced by sandbox/bin/sandbox.

log() { printf '[sandbox] %s\n' "$*" >&2; }
die() { printf '[sandbox] ERROR: %s\n' "$*" >&2; exit 1; }

# A replacement text is taken literally (bash 5.2 would otherwise expand & in it).
shopt -u patsub_replacement 2>/dev/null || true

# fill TEXT NAME...: TEXT with each @NAME@ replaced by the value of $NAME.
fill() {
  local text=$1 name
  shift
  for name in "$@"; do text=${text//"@$name@"/"${!name}"}; done
  printf '%s' "$text"
}

# render TEMPLATE NAME...: a file of sandbox/ (conf/*.in) filled in; an unfilled @NAME@ is a bug.
render() {
  local text
  text=$(fill "$(<"$SANDBOX_DIR/$1")" "${@:2}")
  if [[ $text =~ @[A-Z][A-Z0-9_]*@ ]]; then die "$1: nothing fills ${BASH_REMATCH[0]}"; fi
  printf '%s\n' "$text"
}

# load_profile NAME: set each setting of profiles/NAME.env from its environment variable or default.
PROFILE_ENV=()
load_profile() {
  # shellcheck disable=SC2034 # EMPTY: the empty default, named so that a profile can give it.
  local var env default EMPTY=""
  while read -r var env default; do
    [[ -z $var || $var == \#* ]] && continue
    default=$(fill "$default" SANDBOX_DIR PLAIN_RUN EMPTY)
    if [ "$env" = - ]; then
      printf -v "$var" '%s' "$default"
    else
      printf -v "$var" '%s' "${!env:-$default}"
      PROFILE_ENV+=("$env=${!var}")
    fi
  done <"$SANDBOX_DIR/profiles/$1.env"
}

pid_file() { echo "$RUN/pids/$1.pid"; }
log_file() { echo "$RUN/logs/$1.log"; }

# ---------------------------------------------------------------- dependencies

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "missing $*: install it with your package manager"
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update"
    as_root apt-get update -qq >/dev/null || die "apt-get update failed (are you root or a sudoer?)"
    APT_UPDATED=1
  fi
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

ensure_deps() {
  local missing=()
  if ! command -v java >/dev/null || [ "$(java_major java)" -lt 17 ]; then missing+=(openjdk-17-jre-headless); fi
  command -v mvn >/dev/null || missing+=(maven)
  pg_bin >/dev/null || missing+=(postgresql)
  command -v curl >/dev/null || missing+=(curl)
  command -v runuser >/dev/null || missing+=(util-linux)
  # `vars` serialises its mapping with PyYAML.
  python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  # Secure mode makes its certificates with openssl (keytool comes with the JRE).
  if [ -n "$SECURE" ]; then command -v openssl >/dev/null || missing+=(openssl); fi
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# Resolving jars is skipped while the POMs are unchanged since the last successful run.
resolve_jars() {
  local stamp want
  want=$(cat "$SANDBOX_DIR/pom.xml" "$SANDBOX_DIR"/maven/*/pom.xml | sha256sum | cut -c1-16)
  stamp="$CACHE/.resolved"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "resolving Kafka, Connect and connector plugins with Maven (the first run downloads about 160 MB)"
  rm -rf "${CACHE:?}/lib" "${CACHE:?}/plugins" "${CACHE:?}/build"
  mkdir -p "$CACHE"
  if ! mvn -B -q -f "$SANDBOX_DIR/pom.xml" -Dsandbox.cache="$CACHE" package >"$CACHE/maven.log" 2>&1; then
    tail -20 "$CACHE/maven.log" >&2
    die "Maven could not resolve the sandbox jars; full log: $CACHE/maven.log"
  fi
  echo "$want" >"$stamp"
}

# ---------------------------------------------------------------- processes

# What a service's command line carries, so that a pid is signalled only when it is really ours.
marker() {
  case "$1" in
    postgres) echo "$RUN/postgres/data" ;;
    *) echo "-Dkafkaops.sandbox=$1" ;;
  esac
}

# A pid file counts only if its process is alive and is really ours: a recycled pid
# belonging to something else must never be signalled.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(marker "$1")" || return 1
  echo "$pid"
}

# start_java SERVICE JAVA [JVM OPTIONS...] -- ARGS...: a JVM in the background, its pid in the pid file.
# JAVA is a path the caller has already found: nothing slow may run between the fork and the pid file.
start_java() {
  local svc=$1 java=$2 options=()
  shift 2
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  mkdir -p "$RUN/tmp/$svc"
  # setsid: the servers outlive this script and are not hit by the caller's Ctrl-C.
  setsid "$java" "$(marker "$svc")" -Xmx"$JAVA_HEAP" -XX:+UseSerialGC -Djava.awt.headless=true \
    -Djava.io.tmpdir="$RUN/tmp/$svc" "${options[@]}" "$@" >>"$(log_file "$svc")" 2>&1 </dev/null &
  echo $! >"$(pid_file "$svc")"
}

# Kafka's command-line tools, quietly.
kafka_tool() {
  [ -f "$RUN/conf/log4j2-tools.xml" ] || die "the sandbox was never started (sandbox up)"
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile="$RUN/conf/log4j2-tools.xml" \
    -cp "$CACHE/lib/broker/*" "$@"
}

# wait_ready SERVICE: poll its <kind>_ready until it answers, the process dies, or the time is up.
wait_ready() {
  local svc=$1 deadline=$((SECONDS + READY_TIMEOUT))
  until "$(service_kind "$svc")_ready" "$svc"; do
    if ! running_pid "$svc" >/dev/null; then
      tail -15 "$(log_file "$svc")" >&2 || true
      die "$svc exited during start-up; log: $(log_file "$svc")"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -15 "$(log_file "$svc")" >&2 || true
      die "$svc not ready after ${READY_TIMEOUT}s; log: $(log_file "$svc")"
    fi
    sleep 1
  done
  log "$svc ready"
}

# stop_service SERVICE: its own stop (<kind>_stop) if it has one, else SIGTERM; SIGKILL after 30 s.
stop_service() {
  local svc=$1 pid kind
  pid=$(running_pid "$svc") || { rm -f "$(pid_file "$svc")"; return 0; }
  log "stopping $svc (pid $pid)"
  kind=$(service_kind "$svc")
  if declare -F "${kind}_stop" >/dev/null; then "${kind}_stop" "$pid"; else kill "$pid" 2>/dev/null || true; fi
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$svc did not stop in 30s; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$svc")"
}

# The file (and function prefix) of a service: connect-1, connect-2 and connect-3 are workers.
service_kind() {
  case "$1" in
    connect-*) echo connect ;;
    schema-registry) echo registry ;;
    *) echo "$1" ;;
  esac
}
