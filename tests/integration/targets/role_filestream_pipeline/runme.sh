#!/usr/bin/env bash
# The filestream_pipeline role against the sandbox: check mode creates nothing, converge, a second run
# reports no change, data arrives (role verify and an independent consumer), then teardown (always).
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT

playbook converge.yml --check
playbook assert_absent.yml
playbook converge.yml
playbook_without_change converge.yml
playbook verify.yml
