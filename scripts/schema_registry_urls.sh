#!/usr/bin/env bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints sandbox_schema_registry_urls for integration_config.yml: the sandbox's registry, then every
# URL of KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS (space-separated base URLs of other registries, such as
# Karapace's). The schema targets run against each. Without the variable, says on stderr that only
# the sandbox's registry is used. SANDBOX is the sandbox launcher.
set -euo pipefail
echo "sandbox_schema_registry_urls:"
"$SANDBOX" vars | sed -n 's/^sandbox_schema_registry_url: *\(.*\)/  - \1/p'
for url in ${KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS:-}; do echo "  - $url"; done
if [ -z "${KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS:-}" ]; then
  {
    echo "################################################################################"
    echo "# SKIPPED the schema targets against other registries: only the sandbox's registry is used."
    echo "# Set KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS (space-separated base URLs, e.g. Karapace's) to add some."
    echo "################################################################################"
  } >&2
else
  echo "== the schema targets also run against: $KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS" >&2
fi
