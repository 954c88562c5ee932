#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_schema_info
short_description: Read subjects, their versions, latest schemas and compatibility levels from a schema registry
version_added: 0.2.0
description:
  - Returns the registry's global compatibility level and, for each selected subject, its version
    numbers, its latest schema with its id, and the compatibility level in force for it.
  - "Requests: two (subjects and the global level), then three per selected subject."
author:
  - kafkaops.connect contributors (@kafkaops)
extends_documentation_fragment:
  - kafkaops.connect.http_options
  - kafkaops.connect.schema_registry
  - kafkaops.connect.attributes
  - kafkaops.connect.attributes.INFO_MODULE
  - kafkaops.connect.attributes.ACTION_GROUP_SCHEMA_REGISTRY
options:
  subjects:
    description:
      - Subject names or shell-style globs such as C(orders-*).
      - All subjects when omitted or empty. Soft-deleted subjects are not listed.
      - A plain name that does not exist is listed in RV(missing).
    type: list
    elements: str
seealso:
  - module: kafkaops.connect.kafka_schema
    description: Register schemas and set compatibility levels.
"""

EXAMPLES = r"""
- name: Every subject of the registry
  kafkaops.connect.kafka_schema_info:
    schema_registry_url: http://localhost:8081
  register: registry

- name: The value subjects of the orders topics, on Apicurio Registry
  kafkaops.connect.kafka_schema_info:
    schema_registry_url: http://localhost:8080/apis/ccompat/v7
    subjects: ["orders*-value"]
  register: orders

- name: Show the latest schema id of each subject
  ansible.builtin.debug:
    msg: "{{ item.subject }}: version {{ item.latest.version }}, id {{ item.latest.id }}, {{ item.compatibility }}"
  loop: "{{ registry.subjects }}"
"""

RETURN = r"""
compatibility:
  description: The registry's global compatibility level (Confluent and Karapace default to BACKWARD, Apicurio to NONE).
  returned: success
  type: str
  sample: BACKWARD
subjects:
  description: The selected subjects, sorted by name.
  returned: success
  type: list
  elements: dict
  contains:
    subject:
      description: Subject name.
      type: str
      sample: clicks-value
    versions:
      description: The subject's version numbers.
      type: list
      elements: int
      sample: [1, 2]
    compatibility:
      description: The compatibility level in force for the subject (its own, else the global one).
      type: str
      sample: BACKWARD
    latest:
      description: The latest version.
      type: dict
      contains:
        version:
          description: Version number.
          type: int
        id:
          description: Schema id.
          type: int
        schema:
          description: The schema text.
          type: str
        schema_type:
          description: AVRO, JSON or PROTOBUF.
          type: str
        references:
          description: Schemas it refers to, each C({name, subject, version}).
          type: list
          elements: dict
      sample: {version: 2, id: 3, schema: '{"type": "string"}', schema_type: AVRO, references: []}
missing:
  description: Plain names from O(subjects) that do not exist.
  returned: success
  type: list
  elements: str
  sample: [payments-value]
http_requests:
  description: Number of HTTP requests made.
  returned: always
  type: int
  sample: 5
"""


from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import schema_registry_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._module import KafkaopsModule
from ansible_collections.kafkaops.connect.plugins.module_utils._schema_module import (
    REGISTRY_ERRORS,
    fail_registry,
    schema_registry,
)


def main():
    module = KafkaopsModule(
        argument_spec=schema_registry_argument_spec(subjects=dict(type="list", elements="str")),
        supports_check_mode=True,
    )
    registry = schema_registry(module)
    try:
        names, missing = registry.matching_subjects(module.params["subjects"])
        result = dict(changed=False, compatibility=registry.global_compatibility(), subjects=[], missing=missing)
        for name in names:
            latest = registry.latest(name)
            if latest is None:
                # Deleted between the listing and now.
                continue
            latest.pop("subject")
            result["subjects"].append(
                {
                    "subject": name,
                    "versions": registry.versions(name) or [],
                    "compatibility": registry.compatibility(name, default_to_global=True),
                    "latest": latest,
                }
            )
    except REGISTRY_ERRORS as error:
        fail_registry(module, registry, error)
    result["http_requests"] = registry.http.request_count
    module.exit_json(**result)


if __name__ == "__main__":
    main()
