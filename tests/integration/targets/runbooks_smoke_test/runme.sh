#!/usr/bin/env bash
# Runbook smoke_test needs a REST Proxy. Against every proxy of KAFKAOPS_TEST_REST_PROXY_URLS and the sandbox's
# bridge (sandbox_rest_proxy_urls), it runs for real: one record is produced and read back through the proxy,
# and Kafka's console consumer must see the marker in the topic. Without a proxy, it shows that the runbook
# refuses to run without a topic, fails clearly when no proxy answers (a forced dialect is confirmed by asking
# the proxy, also in check mode), and that the wait_for_record role's REST Proxy method reaches the consume
# module with valid arguments.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

playbook_must_fail "$RUNBOOKS/smoke_test.yml" --check -e dialect=confluent_v2
grep -q "give the topic to produce to" <<<"$FAILED_OUTPUT"

urls=$(sed -n 's/^ *- //p' <<<"$(sed -n '/^sandbox_rest_proxy_urls:/,/^[a-z]/p' "$SANDBOX_CONFIG")")
if [ -z "$urls" ]; then
  playbook_must_fail "$RUNBOOKS/smoke_test.yml" --check -e dialect=strimzi_bridge -e "topic=smoke.$RUN_ID"
  grep -q "no server answered" <<<"$FAILED_OUTPUT"
  playbook wait_for_record_rest_proxy.yml
  exit 0
fi

sandbox=$(sandbox_var sandbox_bin)
index=0
for url in $urls; do
  index=$((index + 1))
  topic=smoke.$RUN_ID.$index
  "$sandbox" topic-create "$topic" >/dev/null
  output=$(playbook "$RUNBOOKS/smoke_test.yml" --check -e "topic=$topic" -e "{\"kafka_rest_proxy_urls\": [\"$url\"]}")
  echo "$output"
  grep -q "check mode: one record would be produced to $topic" <<<"$output"
  output=$(playbook "$RUNBOOKS/smoke_test.yml" -e "topic=$topic" -e "{\"kafka_rest_proxy_urls\": [\"$url\"]}")
  echo "$output"
  grep -q "the record produced to $topic came back from $topic" <<<"$output"
  "$sandbox" topic-read "$topic" --max 10 --timeout 10 | grep -q "smoke-test"
done
