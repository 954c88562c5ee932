#!/usr/bin/env bash
# The jdbc_pipeline role against the sandbox (Debezium flavour, PostgreSQL to Kafka to PostgreSQL): check mode
# creates nothing, converge, a second run reports no change, rows arrive in the topic and the target table
# (role verify and independent queries), teardown (which must release the replication slot and forget the
# source's offsets) and converge again under the same names, then teardown (always).
# The Confluent flavour's configs are checked by rendering them (render.yml): its plugin is not installable here.
# The Avro variant (value_format avro, the sandbox's schema registry) runs along; after the re-creation, what
# molecule's fixed sequence cannot say of it (avro_*.yml): a column change its readers can follow adds a schema
# version whose id new rows carry to the target table, and a second run changes nothing; a change they cannot
# follow fails the role before it writes, with the registry's reason.
# Molecule runs the same playbooks (extensions/molecule/jdbc_pipeline/molecule.yml: prepare, converge,
# idempotence, verify, cleanup), so the role has one set of assertions and two ways in.
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

playbook render.yml

trap 'playbook teardown.yml -e "{\"role_jdbc_drop_tables\": true}"' EXIT

playbook setup.yml
playbook converge.yml --check
playbook assert_absent.yml
playbook converge.yml
playbook_without_change converge.yml

# Verification runs every kind of task the role has (psql included): at full verbosity and with diffs, the
# database password must still appear nowhere.
password=$(sandbox_var sandbox_pg_password)
[ -n "$password" ] || { echo "the sandbox gives no sandbox_pg_password: nothing to look for" >&2; exit 1; }
verbose_log=$(mktemp)
# The log is shown only with the password masked: this check must not be the one that prints it.
show_masked() {
  PASSWORD_TO_MASK=$password awk '{
    while ((at = index($0, ENVIRON["PASSWORD_TO_MASK"])) > 0)
      $0 = substr($0, 1, at - 1) "<password>" substr($0, at + length(ENVIRON["PASSWORD_TO_MASK"]))
    print
  }' "$@"
}
playbook verify.yml -vvv --diff >"$verbose_log" 2>&1 || { show_masked "$verbose_log"; rm -f "$verbose_log"; exit 1; }
if grep -qF -- "$password" "$verbose_log"; then
  grep -nF -- "$password" "$verbose_log" | show_masked | cut -c1-300 >&2
  rm -f "$verbose_log"
  echo "the database password appeared in the output (lines above, masked)" >&2
  exit 1
fi
tail -3 "$verbose_log"
rm -f "$verbose_log"

# Torn down and created again under the same name, the pipeline must start afresh: a Debezium source resuming
# from the offsets of its deleted predecessor fails, its replication slot being new.
playbook teardown.yml
playbook converge.yml

playbook avro_compatible.yml
playbook_without_change converge.yml
playbook avro_incompatible.yml
