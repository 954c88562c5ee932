#!/usr/bin/env bash
# Runbooks restart_failed and cluster_health against the sandbox: a FileStream sink fails (its directory is
# missing); the health report shows it and, with fail_on_unhealthy, fails; the cause is fixed; the restart
# runbook in check mode restarts nothing, for real restarts it (and only it), and a second run changes nothing;
# the health report then passes. Connectors of other tests are left alone (connector_names).
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT
scope="{\"connector_names\": [\"rb-restart-$RUN_ID-*\"]}"

playbook setup.yml

playbook_must_fail "$RUNBOOKS/cluster_health.yml" -e "$scope" -e '{"fail_on_unhealthy": true}'
grep -qE "rb-restart-$RUN_ID-sink +sink +RUNNING +0/1 .*Couldn't find or create file" <<<"$FAILED_OUTPUT"
grep -q "unhealthy connectors: rb-restart-$RUN_ID-sink" <<<"$FAILED_OUTPUT"

playbook fix.yml
playbook "$RUNBOOKS/restart_failed.yml" -e "$scope" --check
playbook assert.yml -e '{"expect_task_state": "FAILED"}'
playbook "$RUNBOOKS/restart_failed.yml" -e "$scope"
playbook assert.yml -e '{"expect_task_state": "RUNNING"}'
playbook_without_change "$RUNBOOKS/restart_failed.yml" -e "$scope"

health=$(playbook "$RUNBOOKS/cluster_health.yml" -e "$scope" -e '{"fail_on_unhealthy": true}')
echo "$health"
grep -qE "rb-restart-$RUN_ID-sink +sink +RUNNING +1/1 " <<<"$health"
