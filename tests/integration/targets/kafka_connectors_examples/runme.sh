#!/usr/bin/env bash
# Runs the EXAMPLES of kafka_connectors as ansible-doc shows them against the sandbox (only the
# addresses are swapped, see extract_examples.py): they must work, and the first one must be
# idempotent with one request, as its name promises.
set -eu
# shellcheck source=../setup_sandbox_playbooks/lib.sh
source ../setup_sandbox_playbooks/lib.sh
python3 extract_examples.py "$(collection_root)/plugins/modules/kafka_connectors.py" "$SANDBOX_CONFIG" examples.yml
playbook examples_run.yml
