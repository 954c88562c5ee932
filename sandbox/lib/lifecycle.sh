# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sandbox as a whole: up, down, status, logs and reset over the services of $SERVICES, each
# reached through the functions of its file (<kind>_start, _ready, _endpoint, and _stop if any).

start() { "$(service_kind "$1")_start" "$1"; }

cmd_up() {
  local started=$SECONDS svc
  ensure_deps
  resolve_jars
  registry_build
  mkdir -p "$RUN"/{conf,logs,pids,tmp,files}
  chmod 1777 "$RUN/files"
  cp "$SANDBOX_DIR"/conf/log4j2*.xml "$RUN/conf/"
  if [ -n "$SECURE" ]; then secure_prepare; fi
  # Kafka and PostgreSQL start together; the workers and the registry once the broker answers.
  start kafka
  start postgres
  wait_ready kafka
  for svc in $SERVICES; do
    case "$svc" in kafka | postgres | bridge) ;; *) start "$svc" ;; esac
  done
  for svc in $SERVICES; do
    case "$svc" in kafka | bridge) ;; *) wait_ready "$svc" ;; esac
  done
  if [ -n "$BRIDGE_HOME" ]; then
    start bridge
    wait_ready bridge
  fi
  log "all services ready in $((SECONDS - started))s"
  cmd_status
}

cmd_down() {
  # Workers, the registry and the bridge first, so they leave cleanly while the broker is still there.
  local svc
  for svc in bridge connect-3 connect-2 connect-1 schema-registry; do stop_service "$svc" & done
  wait
  stop_service kafka &
  stop_service postgres &
  wait
  log "stopped"
}

cmd_status() {
  local svc pid state rc=0 kind
  for svc in $SERVICES; do
    kind=$(service_kind "$svc")
    if pid=$(running_pid "$svc"); then
      if "${kind}_ready" "$svc"; then state=ready; else state=starting; fi
    else
      pid=- state=stopped rc=3
    fi
    printf '%-16s %-9s pid %-8s %s\n' "$svc" "$state" "$pid" "$("${kind}_endpoint" "$svc")"
  done
  return $rc
}

cmd_logs() {
  if [ $# -gt 0 ]; then tail -n "${LINES:-100}" "$(log_file "$1")"; return; fi
  local svc
  for svc in $SERVICES; do echo "== $svc: $(log_file "$svc")"; tail -n 20 "$(log_file "$svc")" 2>/dev/null || true; done
}

cmd_reset() {
  cmd_down
  log "removing sandbox data in $RUN"
  rm -rf "$RUN"
}
