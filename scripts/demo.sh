# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `make demo`: provision a FileStream pipeline on the local sandbox with this collection,
# show data flowing through it, then re-run the playbook to show that nothing changes.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
SANDBOX=sandbox/bin/sandbox
INVENTORY=playbooks/inventory/sandbox.yml
PLAYBOOK=playbooks/demo_filestream.yml
TOPIC=demo.app-log
LOG_FILE=$(cd sandbox/run/files && pwd)/demo-app.log
RUN_ID=$(date +%Y%m%dT%H%M%S)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

playbook() {
  "$BIN/ansible-playbook" -i "$INVENTORY" "$PLAYBOOK" "$@"
}

step "1/4 Provisioning the FileStream source connector with ansible-playbook $PLAYBOOK"
playbook

step "2/4 Appending three lines to $LOG_FILE (as an application would)"
for n in 1 2 3; do
  line="$RUN_ID demo request $n served in $((RANDOM % 90 + 10)) ms"
  echo "$line" >>"$LOG_FILE"
  echo "  appended: $line"
done

step "3/4 Reading topic $TOPIC from Kafka (records of this run)"
found=0
for attempt in 1 2 3 4 5 6; do
  records=$("$SANDBOX" topic-read "$TOPIC" --max 1000000 --timeout 5 | grep -F "$RUN_ID" || true)
  found=$(grep -c . <<<"$records" || true)
  [ "$found" -ge 3 ] && break
  sleep 2
done
sed 's/^/  in Kafka: /' <<<"$records"
if [ "$found" -lt 3 ]; then
  echo "Only $found of 3 lines arrived in $TOPIC; see: $SANDBOX logs connect-1" >&2
  exit 1
fi

step "4/4 Running the playbook again: an idempotent collection changes nothing"
second=$(playbook)
grep -E '^localhost' <<<"$second" | sed 's/^/  /'
if ! grep -qE '^localhost +: ok=[0-9]+ +changed=0 ' <<<"$second"; then
  echo "$second"
  echo "The second run reported changes: the demo connector is not idempotent" >&2
  exit 1
fi

step "Summary"
state=$(curl -sf "http://127.0.0.1:${SANDBOX_CONNECT_PORT_1:-18083}/connectors/demo-app-log/status" |
  python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["connector"]["state"], "with", len(s["tasks"]), "task(s):", ", ".join(t["state"] for t in s["tasks"]))')
total=$("$SANDBOX" topic-read "$TOPIC" --max 1000000 --timeout 3 | grep -c . || true)
printf '  connector demo-app-log: %s\n  topic %s: %s record(s) in all, 3 from this run\n  second run: changed=0\n' \
  "$state" "$TOPIC" "$total"
