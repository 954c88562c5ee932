#!/usr/bin/env bash
# Worker health against real workers: a third worker joins the sandbox's group; kafka_connect_info (gather_subset
# health) and the cluster_health runbook show all three healthy; the third is stopped and shows as unreachable
# without failing the task; with fail_on_unhealthy the runbook then fails naming it.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

sandbox=$(sandbox_var sandbox_bin)
third=$(sandbox_var sandbox_connect_url_3)
trap '"$sandbox" worker stop connect-3 >/dev/null 2>&1 || true' EXIT
"$sandbox" worker start connect-3
urls=$(python3 -c 'import sys, yaml, json; c = yaml.safe_load(open(sys.argv[1])); print(json.dumps({"kafka_connect_urls": c["sandbox_connect_urls"] + [sys.argv[2]]}))' "$SANDBOX_CONFIG" "$third")
scope='{"connector_names": ["no-such-connector-*"]}'

output=$(playbook "$RUNBOOKS/cluster_health.yml" -e "$urls" -e "$scope" -e '{"fail_on_unhealthy": true}')
echo "$output"
[ "$(grep -cE 'http://127\.0\.0\.1:[0-9]+ +healthy +Worker has completed startup' <<<"$output")" = 3 ]

"$sandbox" worker stop connect-3
output=$(playbook "$RUNBOOKS/cluster_health.yml" -e "$urls" -e "$scope")
echo "$output"
[ "$(grep -cE 'http://127\.0\.0\.1:[0-9]+ +healthy ' <<<"$output")" = 2 ]
grep -qE "${third//./\\.} +unreachable +no server answered" <<<"$output"

playbook_must_fail "$RUNBOOKS/cluster_health.yml" -e "$urls" -e "$scope" -e '{"fail_on_unhealthy": true}'
grep -q "workers not healthy: $third" <<<"$FAILED_OUTPUT"
