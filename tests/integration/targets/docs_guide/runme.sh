#!/usr/bin/env bash
# Runs every task snippet of docs/guide.md against the sandbox, in guide order, and
# checks the arguments of those that need a REST Proxy (see extract_guide.py).
set -eu
# ansible-test runs this from a scratch copy of tests/; the collection itself is here:
guide=${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/kafkaops/connect/docs/guide.md
# Script targets get the sandbox's addresses from the same file role targets read.
set -- -e @"$(dirname "$INVENTORY_PATH")/integration_config.yml" "$@"
python3 extract_guide.py "$guide" guide_run.yml guide_syntax.yml
ansible-playbook -i "$INVENTORY_PATH" guide_syntax.yml "$@"
ansible-playbook -i "$INVENTORY_PATH" guide_run.yml "$@"
