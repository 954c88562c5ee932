#!/usr/bin/env bash
# Runbook debug_connector against the sandbox's two workers: a FileStream source's loggers go to DEBUG on both
# workers while the given tasks run (they check it), and back to INFO afterwards; then the given tasks fail half-way,
# the runbook fails, and the levels are still restored (always). A class alias resolves through the plugins.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT
playbook setup.yml

output=$(playbook "$RUNBOOKS/debug_connector.yml" -e "connector=rb-debug-$RUN_ID" -e "debug_tasks=$PWD/check_debug.yml")
echo "$output"
playbook check_levels.yml -e expect_level=INFO

playbook_must_fail "$RUNBOOKS/debug_connector.yml" -e connector_class=FileStreamSource -e debug_level=trace \
  -e "debug_tasks=$PWD/fail_midway.yml"
grep -q "the reproduction failed on purpose" <<<"$FAILED_OUTPUT"
grep -q "Restore the levels read before, for the whole group" <<<"$FAILED_OUTPUT"
playbook check_levels.yml -e expect_level=INFO

playbook_must_fail "$RUNBOOKS/debug_connector.yml"
grep -q "give -e connector=NAME or -e connector_class=CLASS" <<<"$FAILED_OUTPUT"
