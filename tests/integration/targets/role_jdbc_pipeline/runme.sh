#!/usr/bin/env bash
# The jdbc_pipeline role against the sandbox (Debezium flavour, PostgreSQL to Kafka to PostgreSQL): check mode
# creates nothing, converge, a second run reports no change, rows arrive in the topic and the target table
# (role verify and independent queries), teardown (which must release the replication slot and forget the
# source's offsets) and converge again under the same names, then teardown (always).
# The Confluent flavour's configs are checked by rendering them (render.yml): its plugin is not installable here.
#
# ROLE_JDBC_VALUE_FORMAT=avro (target role_jdbc_pipeline_avro) runs the same steps with Avro values, whose
# schema the role registers BACKWARD before the connectors (verify checks the schema id in every record), and
# then what only Avro has: a compatible column change adds a version whose id new records carry to the sink
# table, a second run changes nothing, and an incompatible change fails the role before it writes, with the
# registry's reason (avro_*.yml).
set -euo pipefail
source ../setup_sandbox_playbooks/lib.sh

VALUE_FORMAT=${ROLE_JDBC_VALUE_FORMAT:-json}
formatted() { playbook "$@" -e "role_jdbc_value_format=$VALUE_FORMAT"; }

[ "$VALUE_FORMAT" != json ] || playbook render.yml

trap 'formatted teardown.yml -e "{\"role_jdbc_drop_tables\": true}"' EXIT

formatted setup.yml
formatted converge.yml --check
formatted assert_absent.yml
formatted converge.yml
without_change formatted converge.yml

# Verification runs every kind of task the role has (psql included): at full verbosity and with diffs, the
# database password must still appear nowhere.
password=$(sandbox_var sandbox_pg_password)
verbose_log=$(mktemp)
formatted verify.yml -vvv --diff >"$verbose_log" 2>&1 || { cat "$verbose_log"; rm -f "$verbose_log"; exit 1; }
tail -3 "$verbose_log"
if grep -qF -- "$password" "$verbose_log"; then
  grep -nF -- "$password" "$verbose_log" | cut -c1-300 >&2
  rm -f "$verbose_log"
  echo "the database password appeared in the output" >&2
  exit 1
fi
rm -f "$verbose_log"

# Torn down and created again under the same name, the pipeline must start afresh: a Debezium source resuming
# from the offsets of its deleted predecessor fails, its replication slot being new.
formatted teardown.yml
formatted converge.yml

if [ "$VALUE_FORMAT" = avro ]; then
  formatted avro_compatible.yml
  without_change formatted converge.yml
  formatted avro_incompatible.yml
fi
