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
    what the dialect can carry); an error names the record index (or the line of O(src)).
  - When any record names a partition, the topic's partitions are read once (one request) and a
    record naming a partition the topic does not have fails the task before anything is sent,
    naming the record, the partition and the partitions there are. (Sent anyway, such a record
    makes the Strimzi bridge hold the whole batch for 60 s and then write the records before it.)
  - The records come from O(records), from O(key) and O(value) (one record), or from a file
    (O(src)) that is read in batches as it is sent, so that a file of any size is never held in
    memory. For large loads O(src) is also much faster than O(records), because passing many records as
    module arguments costs Ansible more time than sending them.
  - Records go in batches of O(batch_size), one request each, over one HTTP session. A produce
    request is never sent twice, so no record is written twice by this module; when a request
    is rejected, a record fails, or an answer is lost, nothing more is sent and the task fails,
    listing what was written (RV(offsets)), what failed (RV(errors), grouped by error, and the first
    ones in RV(failed_records)), what may or may not have been written (RV(unknown)) and what was
    never sent (RV(not_sent)). Index sets are given as ranges (V(300-999)), in the result and in
    the message, whatever the number of records.
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
      - Nothing is produced. The records (and O(src)) are read and checked as for a real run and the
        dialect is detected with read-only requests; RV(count) is the number of records that would be written.
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
        names. Header values are sent as their UTF-8 bytes. Confluent v3 and the bridge only; the bridge
        needs a text value for every header.
      - C(timestamp) is epoch milliseconds or ISO 8601 text (UTC when no zone is given). Confluent v3
        and the bridge (0.30 and later) only.
      - Mutually exclusive with O(key), O(value) and O(src).
    type: list
    elements: dict
  src:
    description:
      - Path of a file with the records, on the host that runs the module.
      - With O(src_format=ndjson), one record per line, as a JSON object with the fields of O(records);
        blank lines are skipped.
      - With O(src_format=lines), each line (without its line break) is the value of one record
        without a key, for O(format=string) or O(format=binary).
      - The file is read twice, in batches of O(batch_size) lines; once to check every record before
        anything is sent, and once to send them. Results name records by line number (the first line is 1).
    type: path
    version_added: 0.2.0
  src_format:
    description:
      - How O(src) holds the records, see O(src).
    type: str
    default: ndjson
    choices: [ndjson, lines]
    version_added: 0.2.0
  key:
    description:
      - Key of a single record, when O(records) is not used.
    type: raw
  value:
    description:
      - Value of a single record, when O(records) is not used.
      - A record without a value (or with a null one) is a tombstone. Only Confluent v3 writes one
        (a record without a value). The other dialects refuse such a record before anything is sent,
        because neither can write a null value through its API; Karapace would write an empty value,
        and the Strimzi bridge refuses a record without a value and writes the text C(null) for a
        null JSON value.
    type: raw
  partition:
    description:
      - Partition of the single record, and of every record of O(records) that names none.
    type: int
  format:
    description:
      - How keys and values are given and serialised.
      - V(json) (default) takes any data and writes its JSON text. The Strimzi bridge takes only an
        object, array or string as a value (numbers and booleans are refused before sending).
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
      - Avro and JSON Schema text must be JSON; it is checked before any record is sent.
      - After the first batch, the schema id the registry assigned is sent instead of the text.
    type: raw
  value_schema:
    description:
      - Schema of the values for a schema format, as text or (Avro, JSON Schema) as data.
      - Avro and JSON Schema text must be JSON; it is checked before any record is sent.
    type: raw
  key_schema_id:
    description:
      - Id of a registered schema for the keys, instead of O(key_schema).
    type: int
  value_schema_id:
    description:
      - Id of a registered schema for the values, instead of O(value_schema).
      - Such as the RV(kafkaops.connect.kafka_schema#module:id) of a C(kafkaops.connect.kafka_schema) task that
        registered it, so that a playbook registers a schema once, under the compatibility rules of its subject,
        and produces by id. The proxy must use the same schema registry.
    type: int
  batch_size:
    description:
      - Records per produce request.
    type: int
    default: 500
  return_offsets:
    description:
      - Return RV(offsets), the partition and offset of every record written.
      - Default is true with O(records), O(key) or O(value), and false with O(src), because a task
        result of a hundred thousand offsets costs Ansible more time than sending the records.
        RV(partitions) sums them up either way.
    type: bool
    version_added: 0.2.0
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

- name: A large load from an NDJSON file on the managed host (one record object per line)
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8080
    topic: load-test
    src: /var/tmp/records.ndjson
    batch_size: 1000

- name: Every line of a log file as a text value through the Strimzi bridge
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8080
    topic: audit
    src: /var/log/app/audit.log
    src_format: lines
    format: string

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

- name: Register the value schema once (kafkaops.connect.kafka_schema), under BACKWARD compatibility
  kafkaops.connect.kafka_schema:
    schema_registry_url: http://localhost:8081
    subject: customers-value
    compatibility: BACKWARD
    schema:
      type: record
      name: Customer
      fields: [{name: id, type: int}, {name: name, type: string}]
  register: customer_schema

- name: Then produce Avro values by the schema's id
  kafkaops.connect.kafka_rest_produce:
    rest_proxy_url: http://localhost:8082
    topic: customers
    format: avro
    value_schema_id: "{{ customer_schema.id }}"
    records:
      - value: {id: 3, name: Barbara}

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
partitions:
  description: Per partition written to, the number of records and the first and last offset.
  returned: always
  type: list
  elements: dict
  sample: [{partition: 0, count: 2, first_offset: 41, last_offset: 42}]
  version_added: 0.2.0
offsets:
  description:
    - Where each written record went, by its index in O(records) (0 for the single record), or its
      line number in O(src).
    - Empty when O(return_offsets) is false.
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
    - The first records (at most 10) the proxy reported as not written, with the error code and
      message it gave; RV(errors) accounts for all of them. Named so because Ansible reserves C(failed).
    - Codes are Confluent's 50002/50003, Karapace's 1 (not retriable) and 2 (retriable), HTTP-like
      codes from the bridge and v3, or, when the proxy refused a whole request (such as 40401 or
      42203), that request's code for each of its records.
  returned: on failure
  type: list
  elements: dict
  sample: [{index: 3, error_code: 50002, message: "Record too large"}]
failed_count:
  description: Number of records the proxy reported as not written.
  returned: on failure
  type: int
  sample: 700
  version_added: 0.2.0
errors:
  description:
    - Every failed record, grouped by error (code and message), in the order the errors first came.
  returned: on failure
  type: list
  elements: dict
  contains:
    error_code:
      description: The error code the proxy gave.
      type: raw
    message:
      description: The message the proxy gave (secrets masked).
      type: str
    count:
      description: Number of records that failed with this error.
      type: int
    ranges:
      description: Their indexes as ranges, such as V(300-999) or V(0-4, 9).
      type: str
  sample: [{error_code: 40401, message: "Topic orders not found.", count: 700, ranges: "300-999"}]
  version_added: 0.2.0
unknown:
  description:
    - Indexes, as ranges (V(300-999, 1002)), of records whose request got no usable answer
      (connection lost, server error). They may or may not have been written, and were not sent
      again. Empty text when there are none.
  returned: on failure
  type: str
  sample: ""
validation_errors:
  description:
    - What the proxy's request schema refused, when it sent such a list with its refusal (the Strimzi bridge).
  returned: when the proxy sent them
  type: list
  elements: str
  sample: ["Instance type number is invalid. Expected object"]
not_sent:
  description:
    - Indexes, as ranges (V(500-999)), of records never sent, because an earlier batch did not fully
      succeed or because no server could be reached (every URL refused the connection, even after
      O(retries)). Empty text when there are none.
  returned: on failure
  type: str
  sample: "500-999"
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


from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import rest_proxy_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._iterate import batched, prefetched
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    KafkaopsModule,
    connection_secrets,
    redact,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._produce_records import (
    RecordError,
    check_schema,
    check_schema_options,
    check_value,
    records_from_lines,
    records_from_params,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import FORMATS
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_module import (
    PROXY_ERRORS,
    fail_request,
    proxy_fields,
    rest_proxy,
)

SCHEMA_OPTIONS = ("key_schema", "key_schema_id", "value_schema", "value_schema_id")


class Records:
    """The records of the task, from its options or from ``src``, checked before anything is
    sent and then handed out in batches."""

    def __init__(self, module):
        self.module = module
        p = module.params
        self.fmt = p["format"]
        self.schemas = dict((name, p[name]) for name in SCHEMA_OPTIONS)
        self.noun = "src lines" if p["src"] else "records"
        self._listed = None

    def _checked(self, items, proxy=None):
        p = self.module.params
        for index, where, record in items:
            check_value(record, where, self.fmt, p["binary_encoding"], parsed_json=bool(p["src"]))
            check_schema(record, where, self.fmt, self.schemas)
            if proxy is not None:
                proxy.check_record(record, where, self.fmt, p["topic"])
            yield index, record

    def _from_src(self):
        p = self.module.params
        try:
            with open(p["src"], encoding="utf-8") as lines:
                yield from records_from_lines(lines, p["src_format"], p["partition"])
        except (OSError, UnicodeDecodeError) as error:
            raise RecordError("cannot read src %s: %s" % (p["src"], error)) from None

    def check_options(self):
        """Checks that need no request: options, and every record given as an option."""
        p = self.module.params
        if p["batch_size"] < 1:
            raise RecordError("batch_size must be 1 or more, got %d" % p["batch_size"])
        check_schema_options(self.fmt, self.schemas)
        if p["src"] and p["src_format"] == "lines" and self.fmt not in ("string", "binary"):
            raise RecordError("src_format=lines takes format string or binary, not %s" % self.fmt)
        if not p["src"]:
            records = records_from_params(p["records"], p["key"], p["value"], p["partition"])
            items = [(index, "records[%d]" % index, record) for index, record in enumerate(records)]
            self._listed = list(self._checked(items))

    def check_for(self, proxy):
        """Checks of what the dialect can carry; the number of records."""
        proxy.check_produce(self.fmt)
        if self._listed is None:
            return sum(1 for item in self._checked(self._from_src(), proxy))
        for index, record in self._listed:
            proxy.check_record(record, "records[%d]" % index, self.fmt, self.module.params["topic"])
        return len(self._listed)

    def batches(self):
        size = self.module.params["batch_size"]
        if self._listed is not None:
            return batched(self._listed, size)
        # The file's next batches are read while the current one is on the wire.
        return prefetched(batched(((item[0], item[2]) for item in self._from_src()), size))


def produce(module, proxy, records):
    """Check every record, then send them (unless in check mode); the result and the report."""
    p = module.params
    total = records.check_for(proxy)
    result = dict(
        offsets=[], partitions=[], count=total, key_schema_id=p["key_schema_id"], value_schema_id=p["value_schema_id"]
    )
    if module.check_mode:
        return dict(result, changed=bool(total)), None
    report = proxy.produce(
        p["topic"], records.batches(), total, p["format"], records.schemas, p["binary_encoding"], records.noun
    )
    return_offsets = p["return_offsets"] if p["return_offsets"] is not None else not p["src"]
    result.update(
        changed=bool(report.offsets),
        offsets=report.offsets if return_offsets else [],
        partitions=report.partitions(),
        count=len(report.offsets),
        key_schema_id=report.key_schema_id or p["key_schema_id"],
        value_schema_id=report.value_schema_id or p["value_schema_id"],
    )
    return result, report


def fail_incomplete(module, result, report):
    """Fail the task with what became of every record; server messages may quote what they
    were sent, so secrets are masked."""
    secrets = connection_secrets(module)
    error_body = getattr(report.error, "body", None)
    if isinstance(error_body, dict) and error_body.get("validation_errors"):
        result["validation_errors"] = redact(error_body["validation_errors"], secrets)
    module.fail_json(
        msg=redact("producing to %s: %s" % (module.params["topic"], report.summary()), secrets),
        failed_records=redact(report.failed, secrets),
        failed_count=report.failed_count,
        errors=redact(report.errors(), secrets),
        unknown=str(report.unknown),
        not_sent=str(report.not_sent),
        **result,
    )


def main():
    module = KafkaopsModule(
        argument_spec=rest_proxy_argument_spec(
            topic=dict(type="str", required=True),
            records=dict(type="list", elements="dict"),
            src=dict(type="path"),
            src_format=dict(type="str", default="ndjson", choices=["ndjson", "lines"]),
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
            return_offsets=dict(type="bool"),
        ),
        mutually_exclusive=[
            ("records", "key", "src"),
            ("records", "value", "src"),
            ("key_schema", "key_schema_id"),
            ("value_schema", "value_schema_id"),
        ],
        required_one_of=[("records", "key", "value", "src")],
        supports_check_mode=True,
    )
    records = Records(module)
    try:
        records.check_options()
    except RecordError as error:
        module.fail_json(msg=str(error))
    proxy = rest_proxy(module)
    try:
        result, report = produce(module, proxy, records)
    except PROXY_ERRORS as error:
        fail_request(module, proxy, error)
    result.update(proxy_fields(proxy))
    if report is not None and not report.complete:
        fail_incomplete(module, result, report)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
