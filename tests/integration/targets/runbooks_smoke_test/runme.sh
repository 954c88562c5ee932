#!/usr/bin/env bash
# Runbook smoke_test: it needs a REST Proxy, which the sandbox does not have. Here it runs in check mode with the
# dialect given (so that no proxy is asked which API it speaks): the record is built and checked, nothing is
# produced or read. Without a topic it refuses to run. The wait_for_record role's REST Proxy method is run too,
# to show that it reaches the consume module with valid arguments (and fails on the missing proxy).
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

playbook_must_fail "$RUNBOOKS/smoke_test.yml" --check -e dialect=confluent_v2
grep -q "give the topic to produce to" <<<"$FAILED_OUTPUT"

for dialect in confluent_v2 confluent_v3 strimzi_bridge; do
  output=$(playbook "$RUNBOOKS/smoke_test.yml" --check -e "dialect=$dialect" -e "topic=smoke.$RUN_ID")
  echo "$output"
  grep -q "check mode: one record would be produced to smoke.$RUN_ID" <<<"$output"
done

playbook wait_for_record_rest_proxy.yml
