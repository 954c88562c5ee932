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

# Runs a playbook and fails unless its recap says changed=0.
playbook_without_change() {
  local output
  output=$(playbook "$@") || { echo "$output"; return 1; }
  echo "$output"
  grep -qE 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' <<<"$output" \
    || { echo "a second run of $1 reported changes: it is not idempotent" >&2; return 1; }
}

# Value of one sandbox variable, for shell checks.
sandbox_var() { sed -n "s/^$1: *//p" "$SANDBOX_CONFIG"; }
