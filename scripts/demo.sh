# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `make demo`: provision every pipeline of the sandbox inventory with playbooks/site.yml,
# write data at their sources, show it arriving in Kafka and at the sinks, then run site.yml
# again to show that nothing changes. Run by `make demo` after `sandbox up`.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
SANDBOX=sandbox/bin/sandbox
INVENTORY=playbooks/inventory/sandbox.yml
# The sandbox's own facts (ports, run dir; with SANDBOX_SECURE=1 also the credentials, CA and client
# certificate) for every playbook: the demo runs alike against the plain and the secure sandbox.
VARS=$(umask 077 && mktemp)
trap 'rm -f "$VARS"' EXIT
"$SANDBOX" vars >"$VARS"
FILES=$(sed -n 's/^sandbox_files_dir: //p' "$VARS")
ACCESS_LOG=$FILES/web-access.log
ARCHIVE=$FILES/web-access-archive.log
ACCESS_TOPIC=web.access-log
CLICKS_TOPIC=clicks.public.clicks
# The Avro pipeline (plain sandbox only, see the inventory): its topic and the subject of its values.
AVRO_TOPIC=clicks-avro.public.clicks
AVRO_SUBJECT=$AVRO_TOPIC-value
REGISTRY=$(sed -n 's/^sandbox_schema_registry_url: //p' "$VARS")
SECURE=$(sed -n 's/^sandbox_secure: //p' "$VARS")
RUN_ID=demo-$(date +%Y%m%dT%H%M%S)
CLICKS=5
export ANSIBLE_DISPLAY_SKIPPED_HOSTS=false

# Records of the JSON converter with schemas: show the row, not the schema that rides along.
payload_only() {
  python3 -c 'import json, sys
for line in sys.stdin:
    record = json.loads(line)
    print(json.dumps(record.get("payload", record) if isinstance(record, dict) else record))'
}
# Avro records as Kafka prints bytes (topic-read --bytes): the schema id of the Confluent wire format (the
# 4 bytes after the zero byte) before each record.
with_schema_id() {
  python3 -c 'import re, sys
for line in sys.stdin:
    line = line.rstrip("\n")
    raw = [int(hex_, 16) if hex_ else ord(char) for hex_, char in re.findall(r"\\x([0-9A-F]{2})|(.)", line[:40])]
    print("schema id %d | %s" % (int.from_bytes(bytes(raw[1:5]), "big"), line))'
}
# The id and version of the subject's latest schema, as the registry's Confluent API gives them.
latest_schema() {
  python3 -c 'import json, sys, urllib.request
latest = json.load(urllib.request.urlopen(sys.argv[1] + "/subjects/" + sys.argv[2] + "/versions/latest"))
level = json.load(urllib.request.urlopen(sys.argv[1] + "/config/" + sys.argv[2]))
print("id %d, version %d, compatibility %s" % (latest["id"], latest["version"], level["compatibilityLevel"]))' "$@"
}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
playbook() { "$BIN/ansible-playbook" -i "$INVENTORY" -e "@$VARS" "$@"; }
sql() { "$SANDBOX" psql -X -qAt -c "$1"; }
# Poll until "$@" succeeds, up to $1 seconds.
wait_for() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 2
  done
}

step "1/5 Provisioning every pipeline of $INVENTORY: ansible-playbook playbooks/site.yml"
playbook playbooks/site.yml

step "2/5 Writing at the sources: 3 lines to $ACCESS_LOG, $CLICKS click events into table public.clicks"
for n in 1 2 3; do
  line="$RUN_ID 127.0.0.1 GET /page/$n 200 $((RANDOM % 90 + 10))ms"
  echo "$line" >>"$ACCESS_LOG" # appended in place, as a web server writes its log
  echo "  appended: $line"
done
clicks_before=$(sql "SELECT count(*) FROM public.clicks")
playbook playbooks/generate_clicks.yml -e clicks_rows=$CLICKS | grep -E '^(TASK|changed|ok|localhost)' | sed 's/^/  /'
clicks_after=$(sql "SELECT count(*) FROM public.clicks")
echo "  public.clicks: $clicks_before -> $clicks_after rows"

step "3/5 Data arriving"
access_in_topic() { [ "$("$SANDBOX" topic-read "$ACCESS_TOPIC" --max 1000000 --timeout 4 | grep -c -F "$RUN_ID")" -ge 3 ]; }
access_in_archive() { [ "$(grep -c -F "$RUN_ID" "$ARCHIVE" 2>/dev/null)" -ge 3 ]; }
report_rows() { [ "$(sql "SELECT count(*) FROM clicks_report")" -ge "$clicks_after" ]; }
wait_for 60 access_in_topic || { echo "the access log lines did not reach topic $ACCESS_TOPIC" >&2; exit 1; }
echo "  topic $ACCESS_TOPIC (FileStream source):"
"$SANDBOX" topic-read "$ACCESS_TOPIC" --max 1000000 --timeout 4 | grep -F "$RUN_ID" | sed 's/^/    /'
wait_for 60 access_in_archive || { echo "the access log lines did not reach $ARCHIVE" >&2; exit 1; }
echo "  file $ARCHIVE (FileStream sink):"
grep -F "$RUN_ID" "$ARCHIVE" | sed 's/^/    /'
echo "  topic $CLICKS_TOPIC (Debezium PostgreSQL source), last 3 of $("$SANDBOX" topic-read "$CLICKS_TOPIC" --max 1000000 --timeout 4 | grep -c . || true) records:"
"$SANDBOX" topic-read "$CLICKS_TOPIC" --max 1000000 --timeout 4 | tail -3 | payload_only | sed 's/^/    /'
wait_for 90 report_rows || { echo "clicks_report did not catch up with public.clicks" >&2; exit 1; }
echo "  table clicks_report (Debezium JDBC sink), newest 5 of $(sql "SELECT count(*) FROM clicks_report") rows:"
"$SANDBOX" psql -X -c "SELECT id, user_id, url FROM clicks_report ORDER BY id DESC LIMIT 5" | sed 's/^/    /'
if [ "$SECURE" != true ]; then
  avro_rows() { [ "$(sql "SELECT count(*) FROM clicks_report_avro")" -ge "$clicks_after" ]; }
  echo "  subject $AVRO_SUBJECT, registered by the role before the connectors: $(latest_schema "$REGISTRY" "$AVRO_SUBJECT")"
  echo "  topic $AVRO_TOPIC (the same clicks in Avro, Confluent wire format: a zero byte, the schema id), last 3:"
  "$SANDBOX" topic-read "$AVRO_TOPIC" --max 1000000 --timeout 4 --bytes | tail -3 | with_schema_id | sed 's/^/    /'
  wait_for 90 avro_rows || { echo "clicks_report_avro did not catch up with public.clicks" >&2; exit 1; }
  echo "  table clicks_report_avro (Debezium JDBC sink, reading each record's schema by its id), newest 5 of" \
    "$(sql "SELECT count(*) FROM clicks_report_avro") rows:"
  "$SANDBOX" psql -X -c "SELECT id, user_id, url FROM clicks_report_avro ORDER BY id DESC LIMIT 5" | sed 's/^/    /'
fi

step "4/5 Running site.yml again: an idempotent collection changes nothing"
second=$(playbook playbooks/site.yml)
grep -E '^localhost' <<<"$second" | sed 's/^/  /'
if ! grep -qE '^localhost +: ok=[0-9]+ +changed=0 ' <<<"$second"; then
  echo "$second"
  echo "The second run of site.yml reported changes" >&2
  exit 1
fi

step "5/5 Summary: the cluster's health (playbooks/runbooks/cluster_health.yml)"
playbook playbooks/runbooks/cluster_health.yml | sed -n '/"msg"/,/^}/p' | sed '1d;$d' |
  sed -E '/^ *\]$/d; s/^ *"//; s/",?$//; s/^/  /'
printf '\n  records seen: %s access log lines in %s (3 from this run), %s change events in %s, %s rows in clicks_report\n' \
  "$("$SANDBOX" topic-read "$ACCESS_TOPIC" --max 1000000 --timeout 3 | grep -c . || true)" "$ACCESS_TOPIC" \
  "$("$SANDBOX" topic-read "$CLICKS_TOPIC" --max 1000000 --timeout 3 | grep -c . || true)" "$CLICKS_TOPIC" \
  "$(sql "SELECT count(*) FROM clicks_report")"
if [ "$SECURE" != true ]; then
  printf '  %s Avro records in %s (%s), %s rows in clicks_report_avro\n' \
    "$("$SANDBOX" topic-read "$AVRO_TOPIC" --max 1000000 --timeout 3 --bytes | grep -c . || true)" "$AVRO_TOPIC" \
    "schema $(latest_schema "$REGISTRY" "$AVRO_SUBJECT")" "$(sql "SELECT count(*) FROM clicks_report_avro")"
fi
echo "  second run of site.yml: changed=0"

# The REST half, when the sandbox has a REST Proxy (SANDBOX_BRIDGE_HOME, or KAFKAOPS_TEST_REST_PROXY_URLS).
REST_URL=$("$SANDBOX" rest-proxy-urls | awk '{print $1}')
if [ -n "$REST_URL" ]; then
  step "REST Proxy at $REST_URL: topic info, produce, consume back (scripts/demo_rest.yml)"
  "$SANDBOX" topic-create demo.rest --partitions 2 >/dev/null
  playbook scripts/demo_rest.yml -e "rest_url=$REST_URL" -e "run_id=$RUN_ID" | sed -n '/"msg"/,/^}/p' | sed '1d;$d' |
    sed -E '/^ *\]$/d; s/^ *"//; s/",?$//; s/^/  /'
else
  printf '\n  (no REST Proxy in this sandbox: set SANDBOX_BRIDGE_HOME to an unpacked Strimzi Kafka Bridge release to see the REST half)\n'
fi
