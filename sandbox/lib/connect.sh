# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Kafka Connect workers of one distributed group: connect-1 and connect-2 start with the sandbox,
# connect-3 only on `worker start connect-3` (rebalance tests). conf/connect-worker.properties.in
# with the REST listener of the profile's scheme (conf/connect-http|https.properties.in).

connect_port() {
  case "$1" in
    connect-1) echo "$CONNECT_PORT_1" ;;
    connect-2) echo "$CONNECT_PORT_2" ;;
    connect-3) echo "$CONNECT_PORT_3" ;;
  esac
}

connect_endpoint() { echo "${SCHEME}://127.0.0.1:$(connect_port "$1")"; }

# shellcheck disable=SC2034 # PORT, REST_LISTENER, CLIENT_AUTH, KEYSTORE_PASSWORD: read by name in render
connect_start() {
  local svc=$1 PORT REST_LISTENER CLIENT_AUTH=none KEYSTORE_PASSWORD="" options=()
  if running_pid "$svc" >/dev/null; then log "$svc already running"; return 0; fi
  PORT=$(connect_port "$svc")
  if [ -n "$SECURE" ]; then
    KEYSTORE_PASSWORD=$(secure_secret keystore)
    # connect-2 requires a client certificate.
    [ "$svc" != connect-2 ] || CLIENT_AUTH=required
    options=("-Djava.security.auth.login.config=$RUN/secrets/connect-jaas.conf")
  fi
  REST_LISTENER=$(render "conf/connect-$SCHEME.properties.in" PORT RUN KEYSTORE_PASSWORD CLIENT_AUTH)
  (umask 077 && render conf/connect-worker.properties.in KAFKA_PORT REST_LISTENER PORT CACHE REGISTRY_PLUGINS >"$RUN/conf/$svc.properties")
  log "starting $svc on $(connect_endpoint "$svc")"
  start_java "$svc" java "${options[@]}" -Xms128m -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$RUN/conf/log4j2.xml" -- \
    -cp "$CACHE/lib/connect/*" org.apache.kafka.connect.cli.ConnectDistributed "$RUN/conf/$svc.properties"
}

# curl with this sandbox's CA, credentials and client certificate (from a file: never on a command line).
connect_curl() {
  if [ -n "$SECURE" ]; then curl -K "$RUN/secrets/curl.conf" "$@"; else curl "$@"; fi
}

connect_ready() {
  local plugins class
  plugins=$(connect_curl -sf -m 5 "$(connect_endpoint "$1")/connector-plugins") || return 1
  for class in FileStreamSourceConnector FileStreamSinkConnector PostgresConnector JdbcSinkConnector; do
    grep -q "$class" <<<"$plugins" || return 1
  done
  # Plugins are listed before the worker has joined the group; /connectors answers only after.
  connect_curl -sf -m 5 "$(connect_endpoint "$1")/connectors" >/dev/null
}

# Worker loss and rebalance tests: start (connect-3 joins the group), stop, or SIGKILL one worker.
cmd_worker() {
  local action=${1:-} svc=${2:-} pid usage="usage: sandbox worker start|stop|kill connect-1|connect-2|connect-3"
  case "$svc" in
    connect-1 | connect-2 | connect-3) ;;
    *) die "$usage" ;;
  esac
  case "$action" in
    start)
      [ -f "$RUN/conf/log4j2.xml" ] || die "the sandbox was never started (sandbox up)"
      connect_start "$svc"
      wait_ready "$svc"
      ;;
    stop) stop_service "$svc" ;;
    kill)
      pid=$(running_pid "$svc") || die "$svc is not running"
      log "killing $svc (pid $pid) with SIGKILL"
      kill -9 "$pid"
      for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      rm -f "$(pid_file "$svc")"
      ;;
    *) die "$usage" ;;
  esac
}
