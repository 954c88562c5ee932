#!/usr/bin/env bash
# The jdbc_pipeline role with Avro values (value_format avro: Apicurio's Avro converter and the sandbox's
# registry), on the playbooks of role_jdbc_pipeline: the steps the JSON pipeline has, and those only Avro has
# (see the runme.sh there).
set -euo pipefail
cd ../role_jdbc_pipeline
ROLE_JDBC_VALUE_FORMAT=avro exec ./runme.sh
