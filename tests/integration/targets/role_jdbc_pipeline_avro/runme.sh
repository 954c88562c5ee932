#!/usr/bin/env bash
# The jdbc_pipeline role with Avro values against the sandbox (Debezium source and JDBC sink, Apicurio's Avro
# converter, the sandbox's registry): check mode registers and creates nothing; converge registers the table's
# value schema with BACKWARD compatibility and creates the connectors; a second run changes nothing; a row
# inserted in the table arrives in the topic as an Avro record in the Confluent wire format whose schema id is
# the registry's id for the subject, and in the sink table; a column renamed in the table makes the next run
# fail before any connector changes, with the registry's reason, and the running source's task fail too.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT

playbook setup.yml
playbook converge.yml --check
playbook assert_absent.yml
playbook converge.yml
playbook_without_change converge.yml
playbook verify.yml

# Renaming a column: readers of the topic's records (BACKWARD) cannot read the old ones with the new schema.
playbook rename_column.yml
playbook_must_fail converge.yml
grep -q "is not compatible with the latest version" <<<"$FAILED_OUTPUT" \
  || { echo "the failing run did not say the schema was incompatible" >&2; exit 1; }
playbook incompatible.yml
