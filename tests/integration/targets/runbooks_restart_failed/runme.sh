#!/usr/bin/env bash
# Runbooks restart_failed and cluster_health against the sandbox: two FileStream sinks fail (their directories
# are missing) and one of them is paused on purpose; the health report shows both and, with fail_on_unhealthy,
# fails; the cause is fixed for the other; the restart runbook in check mode restarts nothing, for real restarts
# it (and leaves the paused one paused), and a second run changes nothing; the health report of the restarted
# one then passes. Connectors of other tests are left alone (connector_names).
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT
scope="{\"connector_names\": [\"rb-restart-$RUN_ID-*\"]}"

playbook setup.yml

playbook_must_fail "$RUNBOOKS/cluster_health.yml" -e "$scope" -e '{"fail_on_unhealthy": true}'
grep -qE "rb-restart-$RUN_ID-sink +sink +RUNNING +0/1 .*Couldn't find or create file" <<<"$FAILED_OUTPUT"
grep -q "unhealthy connectors: rb-restart-$RUN_ID-held, rb-restart-$RUN_ID-sink" <<<"$FAILED_OUTPUT"

playbook fix.yml
playbook "$RUNBOOKS/restart_failed.yml" -e "$scope" --check
playbook assert.yml -e '{"expect_task_state": "FAILED"}'
playbook "$RUNBOOKS/restart_failed.yml" -e "$scope"
playbook assert.yml -e '{"expect_task_state": "RUNNING"}'
playbook_without_change "$RUNBOOKS/restart_failed.yml" -e "$scope"

health=$(playbook "$RUNBOOKS/cluster_health.yml" -e "{\"connector_names\": [\"rb-restart-$RUN_ID-sink\"]}" \
  -e '{"fail_on_unhealthy": true}')
echo "$health"
grep -qE "rb-restart-$RUN_ID-sink +sink +RUNNING +1/1 " <<<"$health"
