#!/usr/bin/env bash
# Runbook reset_source_offsets against the sandbox: a FileStream source has read its three lines; in check mode
# nothing is re-read; for real the file is read again from the first line, so the topic holds the lines twice,
# and the connector runs again as before. An unknown connector is refused.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT
connector="rb-reset-$RUN_ID"

playbook setup.yml
playbook_must_fail "$RUNBOOKS/reset_source_offsets.yml" -e "connector=rb-no-such-connector-$RUN_ID"
grep -q "is not a source connector of this cluster" <<<"$FAILED_OUTPUT"

playbook "$RUNBOOKS/reset_source_offsets.yml" -e "connector=$connector" --check
playbook assert.yml -e '{"expect_copies": 1}'
playbook "$RUNBOOKS/reset_source_offsets.yml" -e "connector=$connector"
playbook assert.yml -e '{"expect_copies": 2}'
