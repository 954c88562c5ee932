# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The optional Strimzi Kafka Bridge (plain profile only): a release the user unpacked into
# SANDBOX_BRIDGE_HOME (none is published where the sandbox gets its jars from, and none is
# downloaded or built here), on SANDBOX_BRIDGE_PORT (conf/bridge.properties.in).

# The bridge (1.x) needs Java 21 or later; the rest of the sandbox runs on 17. A Java on PATH
# or under /usr/lib/jvm will do, else Debian's openjdk-21 package is installed.
bridge_java() {
  local candidate
  for candidate in "${SANDBOX_BRIDGE_JAVA:-}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

ensure_bridge_java() {
  bridge_java >/dev/null && return 0
  log "the Strimzi Kafka Bridge needs Java 21 or later, and none was found: installing openjdk-21-jre-headless"
  apt_install openjdk-21-jre-headless
  bridge_java >/dev/null || die "no Java 21+ found for the Strimzi Kafka Bridge: install one, or set SANDBOX_BRIDGE_JAVA to its java"
}

bridge_start() {
  if running_pid bridge >/dev/null; then log "bridge already running"; return 0; fi
  [ -d "$BRIDGE_HOME/libs" ] || die "SANDBOX_BRIDGE_HOME=$BRIDGE_HOME is not an unpacked Strimzi Kafka Bridge release (no libs/ folder)"
  ensure_bridge_java
  render conf/bridge.properties.in KAFKA_PORT BRIDGE_PORT BRIDGE_MGMT_PORT >"$RUN/conf/bridge.properties"
  local log4j=$RUN/conf/log4j2.xml
  [ -f "$BRIDGE_HOME/config/log4j2.properties" ] && log4j=$BRIDGE_HOME/config/log4j2.properties
  # Found here, before the background start: found inside it (java -version, seconds on a busy
  # machine), it would run after the pid is recorded, and the readiness check would find a pid
  # without the bridge's marker and report that the bridge exited.
  local java
  java=$(bridge_java)
  log "starting the Strimzi Kafka Bridge from $BRIDGE_HOME on http://127.0.0.1:$BRIDGE_PORT"
  start_java bridge "$java" -Xms64m -Dvertx.cacheDirBase="$RUN/tmp/bridge" -Dlog4j2.configurationFile="$log4j" -- \
    -cp "$BRIDGE_HOME/libs/*" io.strimzi.kafka.bridge.Application --config-file="$RUN/conf/bridge.properties"
}

# /ready answers on the management port only (1.x answers 501 on the main one).
bridge_ready() { curl -sf -m 5 -o /dev/null "http://127.0.0.1:$BRIDGE_MGMT_PORT/ready"; }

bridge_endpoint() { echo "http://127.0.0.1:$BRIDGE_PORT"; }

# The REST Proxies the REST suites run against: KAFKAOPS_TEST_REST_PROXY_URLS, and the bridge when there is one.
rest_proxy_urls() {
  local urls=${KAFKAOPS_TEST_REST_PROXY_URLS:-}
  if [ -n "${BRIDGE_HOME:-}" ]; then urls="$urls http://127.0.0.1:$BRIDGE_PORT"; fi
  # Word splitting on purpose: one line of space-separated URLs.
  # shellcheck disable=SC2086
  echo $urls
}
