#!/usr/bin/env bash
# Runs the EXAMPLES of the day-2 modules (kafka_connect_export, kafka_connect_logger) and of kafka_connector
# as ansible-doc shows them against the sandbox; only the addresses are swapped (see
# kafka_connectors_examples/extract_examples.py). Each module's examples run as one play, in the order written,
# and must succeed; the loggers they change are put back, and kafka_connector's last example deletes the
# connectors its first ones create.
set -eu
# shellcheck source=../setup_sandbox_playbooks/lib.sh
source ../setup_sandbox_playbooks/lib.sh
for module in ${EXAMPLE_MODULES:-kafka_connect_export kafka_connect_logger kafka_connector}; do
  python3 ../kafka_connectors_examples/extract_examples.py "$(collection_root)/plugins/modules/$module.py" \
    "$SANDBOX_CONFIG" "examples-$module.yml"
  playbook examples_run.yml -e "examples_file=examples-$module.yml" -e "examples_module=$module"
done
