# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Where the schema registry is: the schema_registry action group (with kafkaops.connect.http_options).
    DOCUMENTATION = r"""
options:
  schema_registry_url:
    description:
      - Base URL of a schema registry's Confluent-compatible REST API, or a list of URLs of the
        nodes of one registry cluster.
      - URLs are tried in order; when a node refuses the connection the next one is used.
      - Confluent Schema Registry and Karapace serve the API at their root (C(http://host:8081));
        Apicurio Registry 2.x serves it under C(/apis/ccompat/v7).
      - Set it once for all modules of the group with C(module_defaults) and
        C(group/kafkaops.connect.schema_registry).
    type: list
    elements: str
    default: [http://localhost:8081]
notes:
  - All schema registry modules belong to the action group C(kafkaops.connect.schema_registry).
  - Known to work with Confluent Schema Registry (its documented API), Karapace 5.0.3 and Apicurio
    Registry 2.4.2.Final. Where Apicurio answers differently (default level V(NONE), reasons of an
    incompatible schema, lookups that compare text, soft deletes) the modules give the same results;
    the collection's C(docs/schema-registry.md) lists each difference.
"""
