#!/usr/bin/env bash
# The filestream_pipeline role against the sandbox: check mode creates nothing, converge, a second run
# reports no change, data arrives (role verify and an independent consumer), pause and resume through the
# pipelines' state, then teardown (always).
# Molecule runs the same playbooks (extensions/molecule/filestream_pipeline/molecule.yml: converge,
# idempotence, verify, cleanup), so the role has one set of assertions and two ways in.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT

playbook converge.yml --check
playbook assert_absent.yml
playbook converge.yml
playbook_without_change converge.yml
playbook verify.yml

# Run states: the pipelines paused (both connectors of each), a second run changes nothing, then running again.
playbook converge.yml -e role_filestream_state=paused
playbook assert_state.yml -e expect_state=PAUSED
playbook_without_change converge.yml -e role_filestream_state=paused
playbook converge.yml
playbook assert_state.yml -e expect_state=RUNNING
