#!/usr/bin/env bash
# Runs the EXAMPLES of kafka_schema and kafka_schema_info as ansible-doc shows them against the
# sandbox's schema registry (only the addresses are swapped, see extract_examples.py): they must
# work, the first must be idempotent, and the failover example must reach the second URL.
set -eu
# shellcheck source=../setup_sandbox_playbooks/lib.sh
source ../setup_sandbox_playbooks/lib.sh
for module in kafka_schema kafka_schema_info; do
  python3 ../kafka_connectors_examples/extract_examples.py "$(collection_root)/plugins/modules/$module.py" \
    "$SANDBOX_CONFIG" "$module.examples.yml"
done
playbook examples_run.yml
