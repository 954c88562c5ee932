#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_rest_produce
short_description: Produce records to a Kafka topic through a Kafka REST Proxy
version_added: 0.1.0
description:
  - Sends records to a topic through Confluent REST Proxy (API v2 or v3), Karapace or the
    Strimzi Kafka Bridge, and checks the result of every record.
  - Every record is checked before anything is sent (fields, values for the format, schemas,
    what the dialect can carry); an error names the record index.
  - Records go in batches of O(batch_size), one request each, over one HTTP session. A produce
    request is never sent twice, so no record is written twice by this module; when a request
    is rejected, a record fails, or an answer is lost, nothing more is sent and the task fails,
    listing what was written (RV(offsets)), what failed (RV(failed_records)), what may or may not have
    been written (RV(unknown)) and what was never sent (RV(not_sent)).
author:
  - kafkaops.connect contributors (@kafkaops)
extends_documentation_fragment:
  - kafkaops.connect.http_options
  - kafkaops.connect.rest_proxy
  - kafkaops.connect.attributes
  - kafkaops.connect.attributes.ACTION_GROUP_REST_PROXY
attributes:
  check_mode:
    support: full
    details:
      - Nothing is produced. The records are checked as for a real run and the dialect is detected
        with read-only requests; RV(count) is the number of records that would be written.
  diff_mode:
    support: none
options:
  topic:
    description:
      - The topic to produce to. It must exist unless the brokers create topics automatically.
    type: str
    required: true
  records:
    description:
      - The records to produce, each a dict with any of C(key), C(value), C(partition), C(headers), C(timestamp).
      - C(partition) picks the partition; without it the proxy's partitioner chooses (by key when there is one).
      - C(headers) is a dict of header name to text value, or a list of C({name, value}) for repeated
        names. Header values are sent as their UTF-8 bytes. Confluent v3 and the bridge only.
      - C(timestamp) is epoch milliseconds or ISO 8601 text (UTC when no zone is given). Confluent v3
        and the bridge (0.30 and later) only.
      - Mutually exclusive with O(key) and O(value).
    type: list
    elements: dict
  key:
    description:
      - Key of a single record, when O(records) is not used.
    type: raw
  value:
    description:
      - Value of a single record, when O(records) is not used. Omit it, with O(key) set, for a tombstone.
    type: raw
  partition:
    description:
      - Partition of the single record, and of every record of O(records) that names none.
    type: int
  format:
    description:
      - How keys and values are given and serialised.
      - V(json) (default) takes any data and writes its JSON text.
      - V(binary) takes text and writes its UTF-8 bytes (base64 on the wire is handled here); with
        O(binary_encoding=base64) it takes base64 text and writes the bytes it encodes.
      - V(string) takes text and writes its UTF-8 bytes with the bridge's C(text) format. Only the
        Strimzi bridge has it; with Confluent use V(binary), which writes the same bytes.
      - V(avro), V(jsonschema), V(protobuf) take data in the schema's JSON form and need a schema
        (O(key_schema), O(value_schema)) or a registered schema id (O(key_schema_id),
        O(value_schema_id)) for each of key and value that is used. Not on the Strimzi bridge.
    type: str
    default: json
    choices: [json, binary, string, avro, jsonschema, protobuf]
  binary_encoding:
    description:
      - With O(format=binary), whether keys and values are text (V(text), sent as UTF-8) or base64
        text of arbitrary bytes (V(base64), for example from the C(b64encode) filter).
    type: str
    default: text
    choices: [text, base64]
  key_schema:
    description:
      - Schema of the keys for a schema format, as text or (Avro, JSON Schema) as data.
      - After the first batch, the schema id the registry assigned is sent instead of the text.
    type: raw
  value_schema:
    description:
      - Schema of the values for a schema format, as text or (Avro, JSON Schema) as data.
    type: raw
  key_schema_id:
    description:
      - Id of a registered schema for the keys, instead of O(key_schema).
    type: int
  value_schema_id:
    description:
      - Id of a registered schema for the values, instead of O(value_schema).
    type: int
  batch_size:
    description:
      - Records per produce request.
    type: int
    default: 500
seealso:
  - module: kafkaops.connect.kafka_rest_consume
    description: Read the records back.
  - module: kafkaops.connect.kafka_rest_topic_info
    description: Check the topic and its partitions.
"""

EXAMPLES = r"""
- name: One JSON record through the Strimzi Kafka Bridge
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8080
    dialect: strimzi_bridge
    topic: orders
    key: order-1001
    value: {id: 1001, amount: 25.5}

- name: Text lines with headers through the bridge
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8080
    topic: audit
    format: string
    records:
      - {key: host1, value: "login ok", headers: {source: ansible}}
      - {key: host2, value: "login failed", partition: 0}

- name: Many records from a JSON file in batches through Confluent REST Proxy v2 (or Karapace)
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8082
    dialect: confluent_v2
    topic: load-test
    records: "{{ lookup('ansible.builtin.file', 'records.json') | from_json }}"
    batch_size: 1000
  register: produced

- name: Show where the first record went
  ansible.builtin.debug:
    msg: "{{ produced.count }} records written, the first to partition {{ produced.offsets[0].partition }}"

- name: Avro values with a schema through Confluent v2
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8082
    topic: customers
    format: avro
    value_schema:
      type: record
      name: Customer
      fields: [{name: id, type: int}, {name: name, type: string}]
    records:
      - value: {id: 1, name: Ada}
      - value: {id: 2, name: Grace}

- name: Bytes from a file through Confluent v3, by registered schema id for the key
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: https://kafka.example.com:8090
    dialect: confluent_v3
    v3_base_path: /kafka/v3
    headers: {Authorization: "Bearer {{ token }}"}
    topic: blobs
    format: binary
    binary_encoding: base64
    records:
      - value: "{{ lookup('ansible.builtin.file', 'payload.bin') | b64encode }}"
        headers: {content-type: application/octet-stream}
        timestamp: "2026-01-31T12:00:00Z"
"""

RETURN = r"""
offsets:
  description: Where each written record went, by its index in O(records) (0 for the single record).
  returned: always
  type: list
  elements: dict
  sample: [{index: 0, partition: 0, offset: 41}, {index: 1, partition: 2, offset: 7}]
count:
  description: Number of records written (in check mode, that would be written).
  returned: always
  type: int
  sample: 2
failed_records:
  description:
    - Records the proxy reported as not written, with the error code and message it gave.
      Named so because Ansible reserves C(failed).
    - Codes are Confluent's 50002/50003, Karapace's 1 (not retriable) and 2 (retriable), HTTP-like
      codes from the bridge and v3, or, when the proxy refused a whole request (such as 40401 or
      42203), that request's code for each of its records.
  returned: on failure
  type: list
  elements: dict
  sample: [{index: 3, error_code: 50002, message: "Record too large"}]
unknown:
  description:
    - Indexes of records whose request got no usable answer (connection lost, server error).
      They may or may not have been written, and were not sent again.
  returned: on failure
  type: list
  elements: int
  sample: []
not_sent:
  description:
    - Indexes of records never sent, because an earlier batch did not fully succeed or because no
      server could be reached (every URL refused the connection, even after O(retries)).
  returned: on failure
  type: list
  elements: int
  sample: [500, 501]
key_schema_id:
  description: Registry id of the key schema, as reported by the proxy (schema formats).
  returned: always
  type: int
  sample: 3
value_schema_id:
  description: Registry id of the value schema, as reported by the proxy (schema formats).
  returned: always
  type: int
  sample: 4
dialect:
  description: The API the proxy was talked to in, as detected or forced.
  returned: always
  type: str
  sample: confluent_v2
http_requests:
  description: Number of HTTP requests made, dialect detection included.
  returned: always
  type: int
  sample: 21
requests:
  description: Same as RV(http_requests).
  returned: always
  type: int
  sample: 21
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import rest_proxy_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_proxy import (
    PROXY_ERRORS,
    fail_request,
    proxy_fields,
    rest_proxy,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_records import (
    FORMATS,
    RecordError,
    check_schemas,
    check_values,
    records_from_params,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._runtime import connection_secrets, redact

SCHEMA_OPTIONS = ("key_schema", "key_schema_id", "value_schema", "value_schema_id")


def checked_records(module):
    """The records to send, checked against the format and schemas, or a failed task."""
    p = module.params
    if p["batch_size"] < 1:
        module.fail_json(msg="batch_size must be 1 or more, got %d" % p["batch_size"])
    try:
        records = records_from_params(p["records"], p["key"], p["value"], p["partition"])
        check_values(records, p["format"], p["binary_encoding"])
        check_schemas(records, p["format"], dict((name, p[name]) for name in SCHEMA_OPTIONS))
    except RecordError as error:
        module.fail_json(msg=str(error))
    return records


def produce(module, proxy, records):
    """Check what the dialect can carry, then send (unless in check mode); the result."""
    p = module.params
    result = dict(
        offsets=[], count=len(records), key_schema_id=p["key_schema_id"], value_schema_id=p["value_schema_id"]
    )
    proxy.check_produce(records, p["format"])
    if module.check_mode:
        return dict(result, changed=bool(records)), None
    schemas = dict((name, p[name]) for name in SCHEMA_OPTIONS)
    report = proxy.produce(p["topic"], records, p["format"], schemas, p["batch_size"], p["binary_encoding"])
    result.update(
        changed=bool(report.offsets),
        offsets=report.offsets,
        count=len(report.offsets),
        key_schema_id=report.key_schema_id or p["key_schema_id"],
        value_schema_id=report.value_schema_id or p["value_schema_id"],
    )
    return result, report


def main():
    module = AnsibleModule(
        argument_spec=rest_proxy_argument_spec(
            topic=dict(type="str", required=True),
            records=dict(type="list", elements="dict"),
            key=dict(type="raw", no_log=False),
            value=dict(type="raw"),
            partition=dict(type="int"),
            format=dict(type="str", default="json", choices=list(FORMATS)),
            binary_encoding=dict(type="str", default="text", choices=["text", "base64"]),
            key_schema=dict(type="raw", no_log=False),
            value_schema=dict(type="raw"),
            key_schema_id=dict(type="int", no_log=False),
            value_schema_id=dict(type="int"),
            batch_size=dict(type="int", default=500),
        ),
        mutually_exclusive=[
            ("records", "key"),
            ("records", "value"),
            ("key_schema", "key_schema_id"),
            ("value_schema", "value_schema_id"),
        ],
        required_one_of=[("records", "key", "value")],
        supports_check_mode=True,
    )
    records = checked_records(module)
    proxy = rest_proxy(module)
    try:
        result, report = produce(module, proxy, records)
    except PROXY_ERRORS as error:
        fail_request(module, proxy, error)
    result.update(proxy_fields(proxy))
    if report is not None and not report.complete:
        # Per-record messages come from the server, which may quote what it was sent.
        secrets = connection_secrets(module)
        module.fail_json(
            msg=redact("producing to %s: %s" % (module.params["topic"], report.summary()), secrets),
            failed_records=redact(report.failed, secrets),
            unknown=report.unknown,
            not_sent=report.not_sent,
            **result,
        )
    module.exit_json(**result)


if __name__ == "__main__":
    main()
