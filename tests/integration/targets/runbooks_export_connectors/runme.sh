#!/usr/bin/env bash
# Runbook export_connectors against the sandbox: twenty connectors (one with a plain password, one with a
# ${file:} reference, paused and stopped ones) are exported, the file is applied with kafka_connectors in check
# mode (no change, one request) and for real (no change), and a second export leaves the file as it was. Neither
# secret reaches the file or any output; a name filter exports part of the cluster. An export without secrets is
# applied straight from the file (connectors_file); the one with a vault placeholder is refused, naming it.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

trap 'playbook teardown.yml' EXIT
password=$(sandbox_var it_secret_export)
file_secret=$(sandbox_var it_secret_file)
files=$(sandbox_var sandbox_files_dir)
dest="$files/rb-export-$RUN_ID/connectors.yml"
# Written here, not by a task: a task's diff would show the file's content.
printf 'token=%s\n' "$file_secret" >"$files/rb-export-$RUN_ID.properties"

# Fails unless neither secret is in the given text.
no_secret() {
  if grep -qF -e "$password" -e "$file_secret" <<<"$1"; then
    echo "a secret value reached $2" >&2
    return 1
  fi
}

playbook setup.yml
mkdir -p "$(dirname "$dest")"
scope="{\"export_include\": [\"rb-export-$RUN_ID-*\"], \"export_dest\": \"$dest\"}"
output=$(playbook "$RUNBOOKS/export_connectors.yml" -e "$scope")
echo "$output"
no_secret "$output" "the export's output"
grep -q "20 connector(s) written to $dest" <<<"$output"
no_secret "$(cat "$dest")" "the exported file"
cat "$dest"

output=$(playbook apply.yml -e "{\"vault_rb_export_${RUN_ID}_18_db_password\": \"$password\"}")
echo "$output"
no_secret "$output" "the apply's output"

before=$(sha256sum "$dest")
output=$(playbook_without_change "$RUNBOOKS/export_connectors.yml" -e "$scope")
no_secret "$output" "the second export's output"
[ "$(sha256sum "$dest")" = "$before" ] || { echo "a second export changed the file" >&2; exit 1; }

part="$files/rb-export-$RUN_ID/part.yml"
playbook "$RUNBOOKS/export_connectors.yml" -e "{\"export_include\": [\"rb-export-$RUN_ID-1?\"], \"export_dest\": \"$part\"}"
[ "$(grep -c '^  - name: ' "$part")" = 10 ] || { echo "the name filter did not export exactly 10 connectors" >&2; exit 1; }

# An export without secret placeholders is applied by kafka_connectors reading the file itself (connectors_file):
# the nine sinks (two paused, one stopped) and the source whose value is tagged !unsafe.
plain="$files/rb-export-$RUN_ID/plain.yml"
playbook "$RUNBOOKS/export_connectors.yml" \
  -e "{\"export_include\": [\"rb-export-$RUN_ID-0?\", \"rb-export-$RUN_ID-20\"], \"export_dest\": \"$plain\"}"
grep -q '^secret_placeholders: \[\]' "$plain" || { echo "the plain export has placeholders" >&2; exit 1; }
output=$(playbook apply_file.yml -e "rb_export_plain=$plain")
echo "$output"
no_secret "$output" "the output of applying the files"

playbook_must_fail "$RUNBOOKS/export_connectors.yml"
grep -q "give the file to write with -e export_dest=PATH" <<<"$FAILED_OUTPUT"
