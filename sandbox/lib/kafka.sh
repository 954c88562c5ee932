# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Kafka: one combined KRaft broker and controller (conf/kafka.properties.in), its storage formatted
# on the first start.

kafka_start() {
  if running_pid kafka >/dev/null; then log "kafka already running"; return 0; fi
  render conf/kafka.properties.in CONTROLLER_PORT KAFKA_PORT RUN >"$RUN/conf/kafka.properties"
  mkdir -p "$RUN/kafka/data"
  if [ ! -f "$RUN/kafka/data/meta.properties" ]; then
    local id
    id=$(kafka_tool kafka.tools.StorageTool random-uuid)
    kafka_tool kafka.tools.StorageTool format --standalone -t "$id" -c "$RUN/conf/kafka.properties" \
      >>"$(log_file kafka)" 2>&1 || die "formatting KRaft storage failed; see $(log_file kafka)"
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  start_java kafka java -Xms128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$RUN/conf/log4j2.xml" -- \
    -cp "$CACHE/lib/broker/*" kafka.Kafka "$RUN/conf/kafka.properties"
}

kafka_ready() { python3 "$SANDBOX_DIR/bin/kafka_ping.py" "127.0.0.1:$KAFKA_PORT" >/dev/null 2>&1; }

kafka_endpoint() { echo "127.0.0.1:$KAFKA_PORT"; }

# The value of a counting option (`--max N`) given as "$@" from the option on: a whole number of 1 or
# more, or the command dies saying so. Checked here because the console tools' own complaints are
# hidden (topic-read) or come as a Java stack trace.
count_option() {
  local command=$1 option=$2 value=${3-}
  [[ $value =~ ^[1-9][0-9]*$ ]] || die "$command: $option takes a whole number of 1 or more, got '${value}'"
  echo "$value"
}

# Topics for the REST Proxy suites: v2 proxies cannot create them.
cmd_topic_create() {
  local topic=${1:?usage: sandbox topic-create TOPIC [--partitions N]} partitions=1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --partitions) partitions=$(count_option topic-create "$@"); shift 2 ;;
      *) die "topic-create: unknown option $1" ;;
    esac
  done
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1
}

cmd_topic_read() {
  local topic=${1:?usage: sandbox topic-read TOPIC [--max N] [--timeout SECONDS] [--bytes]} max=100 timeout=10
  local format=()
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --max) max=$(count_option topic-read "$@"); shift 2 ;;
      --timeout) timeout=$(count_option topic-read "$@"); shift 2 ;;
      # Values as Kafka's Bytes print them: printable ASCII as is, other bytes as \xHH (Avro, wire format ids).
      --bytes) format=(--formatter-property value.deserializer=org.apache.kafka.common.serialization.BytesDeserializer); shift ;;
      *) die "topic-read: unknown option $1" ;;
    esac
  done
  kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" --topic "$topic" --from-beginning \
    --max-messages "$max" --timeout-ms "$((timeout * 1000))" "${format[@]}" 2>/dev/null || true
}
