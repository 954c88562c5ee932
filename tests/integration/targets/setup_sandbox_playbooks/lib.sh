# shellcheck shell=bash
# Sourced by the runme.sh of targets that run playbooks against the sandbox (alias needs/target/setup_sandbox_playbooks).
# The sandbox's addresses come from integration_config.yml, written by `make integration`; set
# INTEGRATION_CONFIG to run a target's runme.sh by hand.

SETUP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SANDBOX_CONFIG=$(cd "$(dirname "${INTEGRATION_CONFIG:-../../integration_config.yml}")" && pwd)/$(basename "${INTEGRATION_CONFIG:-integration_config.yml}")
# One id per run: names of connectors, topics, files and tables of this run end with it.
RUN_ID=${RUN_ID:-$(date +%s%N)}

playbook() {
  ansible-playbook -i "$SETUP_DIR/inventory.yml" -e "@$SANDBOX_CONFIG" -e "run_id=$RUN_ID" "$@"
}

# Runs a command that runs ansible-playbook (such as `playbook`) and fails unless the recap says changed=0.
without_change() {
  local output
  output=$("$@") || { echo "$output"; return 1; }
  echo "$output"
  grep -qE 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' <<<"$output" \
    || { echo "a second run of ${*:2} reported changes: it is not idempotent" >&2; return 1; }
}

playbook_without_change() { without_change playbook "$@"; }

# Value of one sandbox variable, for shell checks.
sandbox_var() { sed -n "s/^$1: *//p" "$SANDBOX_CONFIG"; }

# The collection's own checkout (or ansible-test's copy of it): ansible-test runs targets from a temporary
# directory inside the collection, so walk up to galaxy.yml.
collection_root() {
  local dir=$PWD
  while [ "$dir" != / ] && [ ! -f "$dir/galaxy.yml" ]; do dir=$(dirname "$dir"); done
  [ -f "$dir/galaxy.yml" ] || { echo "galaxy.yml not found above $PWD" >&2; return 1; }
  echo "$dir"
}
# shellcheck disable=SC2034  # read by the runme.sh scripts that source this file
RUNBOOKS=$(collection_root)/playbooks/runbooks

# Runs a playbook that must fail; its output is kept in $FAILED_OUTPUT for checks.
playbook_must_fail() {
  if FAILED_OUTPUT=$(playbook "$@" 2>&1); then
    echo "$FAILED_OUTPUT"
    echo "$1 succeeded but should have failed" >&2
    return 1
  fi
  echo "$FAILED_OUTPUT"
}
