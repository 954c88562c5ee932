#!/usr/bin/env bash
# The collection's playbooks with the sandbox inventory, as `make demo` uses them: site.yml provisions the
# inventory's FileStream and clicks JDBC pipelines (JSON and Avro), a second run changes nothing, click events are generated;
# teardown.yml deletes the pipelines and a second teardown changes nothing; then site.yml creates them again under
# the same names and both are verified end to end (a marker line and a click row arrive at their sinks), so they
# work afresh and the sandbox ends as the demo leaves it: the site's pipelines running.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

root=$(collection_root)
# The inventory's own values, except the sandbox's file and script paths (this may be ansible-test's copy).
site() { ansible-playbook -i "$root/playbooks/inventory/sandbox.yml" -e "@$SANDBOX_CONFIG" "$@"; }
verify_both=(-e '{"filestream_pipeline_verify": true, "jdbc_pipeline_verify": true}')

site "$root/playbooks/site.yml"
without_change site "$root/playbooks/site.yml"
site "$root/playbooks/generate_clicks.yml" -e clicks_rows=3

site "$root/playbooks/teardown.yml"
without_change site "$root/playbooks/teardown.yml"
playbook assert_torn_down.yml

# Created again under the same names, with data pushed through both pipelines end to end.
site "$root/playbooks/site.yml" "${verify_both[@]}"
