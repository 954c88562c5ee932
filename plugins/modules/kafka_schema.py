#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_schema
short_description: Register a schema under a subject of a schema registry, set its compatibility, or delete it
version_added: 0.2.0
description:
  - Makes one subject of a schema registry (Confluent Schema Registry API) hold a schema and,
    when asked, a compatibility level; or deletes the subject.
  - Idempotent. A schema the subject already holds is found with one request (C(POST /subjects/{subject}));
    where the registry compares text byte for byte (Apicurio), the latest version is also compared
    as parsed JSON (Avro, JSON Schema) or with whitespace collapsed (Protobuf), so spacing and key
    order make no new version.
  - A schema the subject does not hold yet is first checked against the latest version under the
    subject's compatibility level. When the registry finds it incompatible, the task fails before
    anything is written, with the registry's reasons.
author:
  - kafkaops.connect contributors (@kafkaops)
extends_documentation_fragment:
  - kafkaops.connect.http_options
  - kafkaops.connect.schema_registry
  - kafkaops.connect.attributes
  - kafkaops.connect.attributes.ACTION_GROUP_SCHEMA_REGISTRY
attributes:
  check_mode:
    support: full
    details:
      - Reads, checks compatibility, writes nothing, and predicts whether anything changes and the diff.
      - When the task also changes the level, check mode judges the schema under the new level
        without setting it. Under V(NONE) every schema is compatible, so nothing is checked. For the
        other levels the registry's check runs under the level the subject has now (its API takes no
        level for the check); its verdict then comes as a warning, not a failure, and the real run
        decides.
  diff_mode:
    support: full
    details:
      - The subject's latest schema before and after, and its compatibility level when O(compatibility)
        is given (a subject without a level of its own shows C(the global level)).
options:
  subject:
    description:
      - The subject, such as C(orders-value) for the values of topic C(orders) under the default naming strategy.
    type: str
    required: true
  schema:
    description:
      - The schema. Text (JSON for Avro and JSON Schema, a C(.proto) file for Protobuf), or for
        Avro and JSON Schema a dictionary, which is sent as JSON. Anything else (a list, a number)
        is refused before any request; a top-level Avro union goes as JSON text.
      - The registry parses the schema; one it finds invalid fails the task with the registry's reason.
      - Required with O(state=present).
    type: raw
  schema_type:
    description:
      - The kind of schema.
    type: str
    choices: [AVRO, JSON, PROTOBUF]
    default: AVRO
  references:
    description:
      - Schemas this one refers to by name, each C({name, subject, version}) as the registry API takes them.
    type: list
    elements: dict
  compatibility:
    description:
      - The subject's compatibility level. Null leaves it as it is.
      - A new subject gets its level right after its first version is registered (Apicurio keeps
        no level for a subject that does not exist yet).
      - On an existing subject a new level is set before the new schema is checked, so the check
        uses it; when the schema then turns out incompatible, the level is put back as it was and the
        task fails.
      - Apicurio reports the global level for a subject without one, so there a level equal to the
        global one counts as already set.
    type: str
    choices: [BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE]
  state:
    description:
      - V(present) registers O(schema) under O(subject) unless the subject already holds it.
      - V(absent) deletes the subject with all its versions.
    type: str
    choices: [present, absent]
    default: present
  permanent:
    description:
      - With O(state=absent), delete the subject for good (soft-deleting it first where the
        registry requires that) instead of the registry's soft delete, which keeps the
        versions readable by id.
    type: bool
    default: false
seealso:
  - module: kafkaops.connect.kafka_schema_info
    description: Read subjects, versions and compatibility levels.
  - module: kafkaops.connect.kafka_rest_produce
    description: Produce records with the registered schema, by its RV(id).
"""

EXAMPLES = r"""
- name: Register the value schema of topic clicks, with BACKWARD compatibility
  kafkaops.connect.kafka_schema:
    schema_registry_url: http://localhost:8081
    subject: clicks-value
    compatibility: BACKWARD
    schema:
      type: record
      name: Click
      namespace: example.clicks
      fields:
        - {name: url, type: string}
        - {name: ms, type: ["null", long], default: null}
  register: clicks_schema

- name: A JSON Schema subject on Apicurio Registry (its Confluent API is under /apis/ccompat/v7)
  kafkaops.connect.kafka_schema:
    schema_registry_url: http://localhost:8080/apis/ccompat/v7
    subject: orders-value
    schema_type: JSON
    schema: '{"type": "object", "properties": {"id": {"type": "integer"}}}'

- name: A Protobuf subject, with two registry nodes tried in order
  kafkaops.connect.kafka_schema:
    schema_registry_url: [http://registry-1:8081, http://registry-2:8081]
    subject: payments-value
    schema_type: PROTOBUF
    schema: |
      syntax = "proto3";
      message Payment {
        string id = 1;
      }

- name: Delete a subject for good
  kafkaops.connect.kafka_schema:
    schema_registry_url: http://localhost:8081
    subject: old-topic-value
    state: absent
    permanent: true
"""

RETURN = r"""
subject:
  description: The subject.
  returned: always
  type: str
  sample: clicks-value
id:
  description:
    - The registry's id of the schema, as producers and consumers put it in records.
    - Null in check mode when the schema is not registered yet, and with O(state=absent).
  returned: success
  type: int
  sample: 3
version:
  description: The subject's version that holds the schema; null where RV(id) is.
  returned: success
  type: int
  sample: 2
schema:
  description: The schema as the registry holds it (text); null with O(state=absent).
  returned: success
  type: str
  sample: '{"type": "record", "name": "Click", "fields": [{"name": "url", "type": "string"}]}'
schema_type:
  description: The kind of schema.
  returned: success
  type: str
  sample: AVRO
compatibility:
  description:
    - The subject's compatibility level when O(compatibility) was given (after the task), else null.
  returned: success
  type: str
  sample: BACKWARD
deleted_versions:
  description: With O(state=absent), the version numbers the registry deleted (empty when nothing was deleted).
  returned: when O(state=absent)
  type: list
  elements: int
  sample: [1, 2]
reasons:
  description: Why the registry found the schema incompatible, in its words.
  returned: when the schema is incompatible (the task fails)
  type: list
  elements: str
  sample: ["Incompatible artifact: clicks-value [AVRO], num of incompatible diffs: {1}, ..."]
http_requests:
  description: Number of HTTP requests the task made (1 for an already registered schema without O(compatibility)).
  returned: always
  type: int
  sample: 1
"""

import json

from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import schema_registry_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._module import KafkaopsModule
from ansible_collections.kafkaops.connect.plugins.module_utils._schema_module import (
    REGISTRY_ERRORS,
    fail_registry,
    schema_registry,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._schema_registry import (
    COMPATIBILITY_LEVELS,
    SCHEMA_TYPES,
    schema_text,
)


def _readable(text, schema_type):
    """A schema for the diff: JSON schemas indented, so that a changed field shows as one line."""
    if text is None or schema_type == "PROTOBUF":
        return text
    try:
        return json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"
    except ValueError:
        return text


def _diff(subject, before, after, managed_level):
    """Ansible's diff of two texts: the level on one line when the task manages it, then the
    schema line by line."""

    def text(state):
        if state is None:
            return ""
        schema = "schema:\n%s" % (state["schema"] or "")
        if not managed_level:
            # The task leaves the level alone and did not read it: no line rather than a wrong one.
            return schema
        return "compatibility: %s\n%s" % (state["compatibility"] or "(the global level)", schema)

    return {
        "before_header": "%s (registry)" % subject,
        "after_header": "%s (task)" % subject,
        "before": text(before),
        "after": text(after),
    }


def _restore_level(registry, subject, level):
    """Put the subject's level back as it was before the task set a new one."""
    if level is None:
        registry.clear_compatibility(subject)
    else:
        registry.set_compatibility(subject, level)


def ensure_present(module, registry, result):
    p = module.params
    subject, schema_type, references, level = p["subject"], p["schema_type"], p["references"], p["compatibility"]
    text = schema_text(p["schema"], schema_type)
    found, latest = registry.find(subject, text, schema_type, references)
    exists = found is not None or latest is not None
    current_level = registry.compatibility(subject) if level and exists else None
    set_level = bool(level) and level != current_level
    register = found is None
    changed = register or set_level
    if module._diff:
        result["diff"] = _diff(
            subject,
            {"schema": _readable((found or latest)["schema"], schema_type), "compatibility": current_level}
            if exists
            else None,
            {
                "schema": _readable(text if register else found["schema"], schema_type),
                "compatibility": level or current_level,
            },
            managed_level=bool(level),
        )

    if register and latest is not None:
        # A new level first, so that the check uses it; put back if the schema fails the check.
        level_is_set = set_level and not module.check_mode
        if level_is_set:
            registry.set_compatibility(subject, level)
        # Check mode must not write the new level, yet must judge under it, as the real run will.
        predicted = set_level and module.check_mode
        if predicted and level == "NONE":
            compatible, reasons = True, []
        else:
            try:
                compatible, reasons = registry.check_compatibility(subject, text, schema_type, references)
            except REGISTRY_ERRORS:
                # An invalid schema or a lost registry: no half-applied change.
                if level_is_set:
                    _restore_level(registry, subject, current_level)
                raise
        if predicted and level != "NONE":
            # The registry checks only under the level it holds: its verdict is a hint here.
            module.warn(
                "subject %s: check mode checked the schema under the subject's current compatibility %s, not"
                " the %s this task sets (the registry cannot check under a level it does not hold); it was %s"
                " there%s. The real run checks under %s."
                % (
                    subject,
                    current_level or "(the global level)",
                    level,
                    "compatible" if compatible else "incompatible",
                    (": " + "; ".join(reasons)) if reasons else "",
                    level,
                )
            )
            compatible = True
        if not compatible:
            restored = ""
            if level_is_set:
                _restore_level(registry, subject, current_level)
                restored = " (its compatibility level was put back to %s)" % (current_level or "the global one")
            result.pop("diff", None)
            module.fail_json(
                msg="subject %s: the schema is incompatible with version %s under compatibility %s, so nothing was"
                " written%s. The registry says: %s"
                % (
                    subject,
                    latest["version"],
                    (level if level_is_set else current_level)
                    or registry.compatibility(subject, default_to_global=True),
                    restored,
                    "; ".join(reasons) or "(no reason given)",
                ),
                reasons=reasons,
                http_requests=registry.http.request_count,
                changed=False,
                **result,
            )
        set_level = set_level and not level_is_set

    if register and not module.check_mode:
        registry.register(subject, text, schema_type, references)
        # The registry answers the id only: the version comes from a lookup.
        found = registry.lookup(subject, text, schema_type, references) or registry.latest(subject)
    if set_level and not module.check_mode:
        # After registering: Apicurio keeps no level for a subject without versions.
        registry.set_compatibility(subject, level)
    result.update(
        changed=changed,
        id=(found or {}).get("id"),
        version=(found or {}).get("version"),
        schema=(found or {}).get("schema") or text,
        schema_type=schema_type,
        compatibility=level,
    )


def ensure_absent(module, registry, result):
    p = module.params
    subject = p["subject"]
    if p["permanent"]:
        exists = registry.versions(subject, deleted=True) is not None
    else:
        exists = subject in (registry.subjects() or [])
    result.update(id=None, version=None, schema=None, schema_type=p["schema_type"], deleted_versions=[])
    if exists and not module.check_mode:
        result["deleted_versions"] = registry.delete_subject(subject, permanent=p["permanent"]) or []
    result["changed"] = exists
    if module._diff:
        result["diff"] = {
            "before_header": "%s (registry)" % subject,
            "after_header": "%s (task)" % subject,
            "before": "subject: %s\n" % subject if exists else "",
            "after": "",
        }


def main():
    module = KafkaopsModule(
        argument_spec=schema_registry_argument_spec(
            subject=dict(type="str", required=True),
            schema=dict(type="raw"),
            schema_type=dict(type="str", choices=list(SCHEMA_TYPES), default="AVRO"),
            references=dict(type="list", elements="dict"),
            compatibility=dict(type="str", choices=list(COMPATIBILITY_LEVELS)),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            permanent=dict(type="bool", default=False),
        ),
        required_if=[("state", "present", ["schema"])],
        supports_check_mode=True,
    )
    p = module.params
    if not p["subject"].strip():
        module.fail_json(msg="subject must not be empty")
    if p["permanent"] and p["state"] != "absent":
        module.fail_json(msg="permanent applies to state=absent only")
    registry = schema_registry(module)
    result = dict(subject=p["subject"])
    try:
        if p["state"] == "present":
            ensure_present(module, registry, result)
        else:
            ensure_absent(module, registry, result)
    except REGISTRY_ERRORS as error:
        msg = "subject %s" % p["subject"]
        if p["state"] == "present" and getattr(error, "status", None) == 422:
            # Parsing the schema is the registry's job; its reason follows in the message.
            msg += ": the registry refused the schema as invalid, so nothing was written"
            result.pop("diff", None)
        fail_registry(module, registry, error, msg=msg, **result)
    result["http_requests"] = registry.http.request_count
    module.exit_json(**result)


if __name__ == "__main__":
    main()
