#!/usr/bin/env bash
# Runbook pause_resume against the sandbox: two connectors of this run are paused, then resumed, by name
# pattern (pausing every connector of the shared sandbox would disturb other tests; "all" is the same code
# path without connector_names); a connector outside the pattern is left alone; second runs change nothing.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT
scope="{\"connector_names\": [\"rb-pause-$RUN_ID-*\"]}"

playbook setup.yml
playbook_must_fail "$RUNBOOKS/pause_resume.yml" -e "$scope"
grep -q "give -e action=pause or -e action=resume" <<<"$FAILED_OUTPUT"

playbook "$RUNBOOKS/pause_resume.yml" -e "$scope" -e action=pause --check
playbook assert.yml -e '{"expect_state": "RUNNING"}'
playbook "$RUNBOOKS/pause_resume.yml" -e "$scope" -e action=pause
playbook assert.yml -e '{"expect_state": "PAUSED"}'
playbook_without_change "$RUNBOOKS/pause_resume.yml" -e "$scope" -e action=pause
playbook "$RUNBOOKS/pause_resume.yml" -e "$scope" -e action=resume
playbook assert.yml -e '{"expect_state": "RUNNING"}'
playbook_without_change "$RUNBOOKS/pause_resume.yml" -e "$scope" -e action=resume
