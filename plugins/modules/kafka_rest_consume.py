#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_rest_consume
short_description: Read records from Kafka topics through a Kafka REST Proxy
version_added: 0.1.0
description:
  - Reads records back, for runbooks and pipeline verification, through Confluent REST Proxy
    (API v2), Karapace or the Strimzi Kafka Bridge.
  - Creates a consumer instance, assigns it every partition of the topics, moves it to where
    O(from) says, polls until O(max_records) records were read, a record matching O(until) was
    seen or O(poll_timeout) passed, and always deletes the instance, also when something failed.
  - Partitions are assigned rather than subscribed, so reading starts exactly at the beginning,
    the end or the committed offsets whatever the group has committed, and there is no group
    rebalance to wait for.
  - Some proxies set a consumer up asynchronously (Karapace refuses a seek sent right after the
    assignment with 409, error code 40903, until the assignment is applied; the bridge answers a
    seek on a partition not yet assigned with 404 "No current assignment"). Such set-up calls
    (assignment, seek, first poll) are sent again 0.1 s, 0.2 s, ... up to 1 s apart for at most
    10 s, counted in RV(consumer_setup_retries), and never skipped, so the first record read is
    the one O(from) asked for.
  - Each record comes with its timestamp (RV(records[].timestamp), RV(records[].timestamp_iso))
    and, through the Strimzi bridge, its headers (RV(records[].headers)); Confluent v2 and
    Karapace return no headers.
  - With O(schema_ids=true) and O(format=binary), each record also gives the schema registry ids of its key
    and value (RV(records[].key_schema_id), RV(records[].value_schema_id)), read from the wire-format header
    a registry-aware serializer writes before the bytes (magic byte 0, then the id as a 4-byte big-endian
    integer; Confluent's serializers, M(kafkaops.connect.kafka_rest_produce) and the proxies' own schema
    formats write it, Apicurio's when told to use 4-byte ids). A V(avro), V(jsonschema) or V(protobuf)
    consumer cannot show ids (the proxy decodes the bytes and drops the header), nor can V(json) or
    V(string) (the bytes are read as JSON or text); read the topic with O(format=binary) to see them.
  - Confluent v3 has no consumer API. With O(dialect=auto) this module does not probe for v3,
    since Confluent REST Proxy serves its v2 consumer API next to v3.
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
      - Records are read as in a real run (the consumer instance is deleted afterwards); with
        O(commit=true) nothing is committed, O(dest) is not written, and C(changed) says whether a
        commit would happen or O(dest) would change.
  diff_mode:
    support: none
options:
  topic:
    description:
      - The topic to read. Exactly one of O(topic) and O(topics) is required.
    type: str
  topics:
    description:
      - Several topics to read at once.
    type: list
    elements: str
  group:
    description:
      - Consumer group the instance belongs to; its committed offsets are used with O(from=committed)
        and updated with O(commit=true).
      - Default is a unique throw-away group, returned as RV(group).
    type: str
  format:
    description:
      - How the proxy decodes keys and values; it must match how they were produced.
      - V(json) returns data. V(binary) returns each key and value as text when its bytes are
        valid UTF-8, else as base64 text; RV(records[].key_encoding) and
        RV(records[].value_encoding) say which (V(utf-8) or V(base64)).
      - V(string) is the bridge's C(text) format (Strimzi bridge only; with Confluent use V(binary)).
      - V(avro), V(jsonschema), V(protobuf) return the JSON form of the data (Confluent v2 and Karapace).
    type: str
    default: json
    choices: [json, binary, string, avro, jsonschema, protobuf]
  from:
    description:
      - Where to start in each partition.
      - V(beginning) reads from the first record still in the topic.
      - V(end) reads only records produced after the consumer was set up.
      - V(committed) continues from the group's committed offsets, and from the beginning of
        partitions without one.
    type: str
    default: beginning
    choices: [beginning, end, committed]
  max_records:
    description:
      - Stop after this many records.
    type: int
    default: 100
  poll_timeout:
    description:
      - Seconds to keep polling before returning what was read. An empty topic takes this long.
      - This is the whole read; O(timeout) is the time allowed for each HTTP request.
      - Each poll passes the proxy a C(timeout) of 0.5 s at first, doubled after each empty poll up to 5 s
        (or half of O(timeout)); Karapace holds every poll that long even when records are ready.
    type: float
    default: 30
  until:
    description:
      - Stop as soon as a record whose value matches this is read (see O(until_match)). The
        matching record is the last one returned, and RV(found) says whether it was seen.
    type: raw
  until_match:
    description:
      - V(contains) matches when the marker's text is part of the value's text (JSON text for
        structured values) or, for a dict marker and a dict value, when every item of the
        marker is in the value.
      - V(equals) matches when the value equals the marker as data.
    type: str
    default: contains
    choices: [contains, equals]
  commit:
    description:
      - Commit, for O(group), the offsets of the records returned (and no further).
    type: bool
    default: false
  dest:
    description:
      - Write the records read to this file, one JSON object per line (the keys of RV(records),
        headers and timestamps included),
        instead of returning them; for reads too large for a task result. RV(records) is then empty.
      - Records are written as they arrive to a temporary file next to O(dest), which replaces
        O(dest) only when it holds other records (then C(changed) is true). The same records in each
        partition, in the same order, are the same read, however the proxy interleaved the partitions.
      - The path is on the host that runs the module.
    type: path
    version_added: 0.2.0
  schema_ids:
    description:
      - Give RV(records[].key_schema_id) and RV(records[].value_schema_id), the schema ids in the wire-format
        headers of the keys and values; needs O(format=binary).
      - Off by default because bytes cannot say whether they were written by a registry-aware serializer. Any
        key or value of 5 bytes or more that starts with a zero byte has the header's shape (a 64-bit integer
        key below 2^56, the bytes C(00 01 02 03 04)), and would be shown with an id that no registry gave.
        Turn it on for topics written by registry-aware serializers.
      - The key and value are still returned byte for byte, header included, as O(format=binary) returns
        them; short Avro bodies are often valid UTF-8 and then come back as text that starts with control
        characters (RV(records[].value_encoding) is V(utf-8)).
    type: bool
    default: false
    version_added: 0.2.0
seealso:
  - module: kafkaops.connect.kafka_rest_produce
    description: Produce the records to read back.
  - module: kafkaops.connect.kafka_rest_topic_info
    description: Check topics and partitions.
"""

EXAMPLES = r"""
- name: The first 10 JSON records of a topic through the Strimzi Kafka Bridge
  kafkaops.connect.kafka_rest_consume:
    rest_proxy_url: http://localhost:8080
    dialect: strimzi_bridge
    topic: orders
    max_records: 10
  register: orders

- name: Wait up to two minutes for a marker record through Confluent REST Proxy (v2 API)
  kafkaops.connect.kafka_rest_consume:
    rest_proxy_url: http://localhost:8082
    dialect: confluent_v2
    topic: pipeline-out
    from: end
    until: {run_id: "{{ run_id }}"}
    max_records: 100000
    poll_timeout: 120
  register: marker
  failed_when: not marker.found

- name: Continue a group through Karapace and commit what was read
  kafkaops.connect.kafka_rest_consume:
    rest_proxy_url: http://karapace.example.com:8082
    topics: [audit-a, audit-b]
    group: audit-reader
    from: committed
    format: binary
    commit: true

- name: Save up to a million records of a topic to a file instead of the task result
  kafkaops.connect.kafka_rest_consume:
    rest_proxy_url: http://localhost:8080
    topic: orders
    max_records: 1000000
    poll_timeout: 300
    dest: /var/tmp/orders.ndjson

- name: The marker is the last record returned
  ansible.builtin.assert:
    that:
      - marker.records[-1].value.run_id == run_id
      - marker.records | map(attribute='partition') | unique | length >= 1

- name: Which registered schemas the values of a topic were written with (Karapace, binary consumer)
  kafkaops.connect.kafka_rest_consume:
    rest_proxy_url: http://localhost:8082
    topic: orders-avro
    format: binary
    schema_ids: true
    max_records: 10
    poll_timeout: 5
  register: written

- name: Every value carries a registry header
  ansible.builtin.assert:
    that: written.records | map(attribute='value_schema_id') | select('none') | list == []
"""

RETURN = r"""
records:
  description: The records read, in the order the proxy returned them; empty with O(dest).
  returned: always
  type: list
  elements: dict
  contains:
    topic:
      description: Topic of the record.
      type: str
    partition:
      description: Partition of the record.
      type: int
    offset:
      description: Offset of the record.
      type: int
    key:
      description: Key, decoded per O(format); null when the record has none.
      type: raw
    value:
      description: Value, decoded per O(format); null for a tombstone.
      type: raw
    key_encoding:
      description: V(utf-8) or V(base64), see O(format); null for a null key.
      returned: when O(format=binary)
      type: str
    value_encoding:
      description: V(utf-8) or V(base64), see O(format); null for a null value.
      returned: when O(format=binary)
      type: str
    key_schema_id:
      description:
        - The schema id in the wire-format header of the key's bytes; null when the key is null, shorter than
          the header or does not start with the magic byte 0.
        - With a topic written by a registry-aware serializer, the RV(kafkaops.connect.kafka_schema#module:id)
          of the schema it was written with.
      returned: when O(schema_ids=true)
      type: int
      version_added: 0.2.0
    value_schema_id:
      description:
        - The schema id in the wire-format header of the value's bytes, as RV(records[].key_schema_id) for
          the key.
      returned: when O(schema_ids=true)
      type: int
      version_added: 0.2.0
    timestamp:
      description: The record's timestamp in milliseconds since the epoch, as the proxy gave it.
      type: int
      version_added: 0.2.0
    timestamp_iso:
      description: The same moment as ISO 8601 UTC text; null when the proxy gave no timestamp.
      type: str
      version_added: 0.2.0
    headers:
      description:
        - The record's headers in their order, when the dialect returns them (the Strimzi bridge),
          and an empty list for a record without headers there. Null with Confluent v2 and
          Karapace, which return no headers.
        - Each value is decoded as binary keys and values are, byte for byte. The V(utf-8)
          text of its bytes, or the base64 text when they are not valid UTF-8; C(encoding) says which
          (null for a null value).
        - This is the list shape M(kafkaops.connect.kafka_rest_produce) takes for C(headers), so
          headers with C(encoding=utf-8) can be written again as they are.
      type: list
      elements: dict
      contains:
        name:
          description: Header name.
          type: str
        value:
          description: Header value, decoded as C(encoding) says.
          type: str
        encoding:
          description: V(utf-8) or V(base64).
          type: str
      version_added: 0.2.0
  sample:
    - topic: orders
      partition: 0
      offset: 0
      key: order-1001
      value: {id: 1001, amount: 25.5}
      timestamp: 1796065782529
      timestamp_iso: "2026-11-30T19:09:42.529Z"
      headers: [{name: trace, value: "éè", encoding: utf-8}]
count:
  description: Number of records read (returned, or written to O(dest)).
  returned: always
  type: int
  sample: 1
found:
  description: Whether a record matching O(until) was read; null without O(until).
  returned: always
  type: bool
  sample: true
committed:
  description: Whether offsets were committed.
  returned: always
  type: bool
  sample: false
group:
  description: The consumer group used.
  returned: always
  type: str
  sample: kafkaops-consume-5f1c2a7e9b3d4c1a
consumer_deleted:
  description: Whether the consumer instance was deleted; a warning says why when it was not.
  returned: always
  type: bool
  sample: true
consumer_setup_retries:
  description:
    - How many times a consumer set-up call (assignment, seek, first poll) was sent again because
      the proxy said its consumer was not ready yet; see the description.
  returned: always
  type: int
  sample: 1
  version_added: 0.2.0
consumer_instance:
  description: Name of the consumer instance this task created in O(group) (and deleted).
  returned: when an instance was created
  type: str
  sample: kafkaops-0e20567828104196
  version_added: 0.2.0
dialect:
  description: The API the proxy was talked to in, as detected or forced.
  returned: always
  type: str
  sample: strimzi_bridge
http_requests:
  description: Number of HTTP requests made, dialect detection and polls included.
  returned: always
  type: int
  sample: 7
requests:
  description: Same as RV(http_requests).
  returned: always
  type: int
  sample: 7
"""

import filecmp
import json
import os
import tempfile
import uuid

from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import rest_proxy_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._consumed_records import partition_digests
from ansible_collections.kafkaops.connect.plugins.module_utils._module import KafkaopsModule
from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import FORMATS
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_module import (
    PROXY_ERRORS,
    fail_request,
    proxy_fields,
    rest_proxy,
)


class NdjsonDest:
    """Records written one per line to a temporary file next to ``dest``, which replaces
    ``dest`` only when it holds other records, so that a re-run reading the same records is ok."""

    def __init__(self, module, dest):
        self.module = module
        self.dest = dest
        folder = os.path.dirname(os.path.abspath(dest))
        try:
            handle, self.path = tempfile.mkstemp(prefix=".kafkaops-", suffix=".ndjson", dir=folder)
        except OSError as error:
            module.fail_json(msg="cannot write dest %s: %s" % (dest, error))
        self.file = os.fdopen(handle, "w", encoding="utf-8")

    def write(self, record):
        self.file.write(json.dumps(record, sort_keys=True) + "\n")

    def finish(self, keep):
        """Whether ``dest`` changes (or would); it is replaced only when ``keep``."""
        self.file.close()
        changed = not (os.path.exists(self.dest) and self.same_read())
        if changed and keep:
            self.module.atomic_move(self.path, self.dest)
        else:
            self.discard()
        return changed

    def same_read(self):
        """Whether ``dest`` holds the records just read, byte for byte or partition by partition."""
        if filecmp.cmp(self.path, self.dest, shallow=False):
            return True
        # A file that is not UTF-8 holds no read of ours: replaced characters make it differ.
        with open(self.path, encoding="utf-8") as new, open(self.dest, encoding="utf-8", errors="replace") as old:
            digests = partition_digests(new)
            return digests is not None and digests == partition_digests(old)

    def discard(self):
        if not self.file.closed:
            self.file.close()
        if os.path.exists(self.path):
            os.unlink(self.path)


def consume(module, proxy, topics, group):
    """Read as the options say; the outcome, with ``dest_changed`` when writing to ``dest``."""
    p = module.params
    dest = NdjsonDest(module, p["dest"]) if p["dest"] else None
    try:
        outcome = proxy.consume(
            topics,
            group,
            p["format"],
            p["from"],
            p["max_records"],
            p["poll_timeout"],
            until=p["until"],
            until_match=p["until_match"],
            commit=p["commit"],
            check_mode=module.check_mode,
            sink=dest.write if dest else None,
            schema_ids=p["schema_ids"],
        )
    except BaseException:
        if dest:
            dest.discard()
        raise
    outcome["dest_changed"] = dest.finish(keep=not module.check_mode) if dest else False
    return outcome


def main():
    module = KafkaopsModule(
        argument_spec=rest_proxy_argument_spec(
            topic=dict(type="str"),
            topics=dict(type="list", elements="str"),
            group=dict(type="str"),
            format=dict(type="str", default="json", choices=list(FORMATS)),
            max_records=dict(type="int", default=100),
            poll_timeout=dict(type="float", default=30),
            until=dict(type="raw"),
            until_match=dict(type="str", default="contains", choices=["contains", "equals"]),
            commit=dict(type="bool", default=False),
            dest=dict(type="path"),
            schema_ids=dict(type="bool", default=False),
            **{"from": dict(type="str", default="beginning", choices=["beginning", "end", "committed"])},
        ),
        mutually_exclusive=[("topic", "topics")],
        required_one_of=[("topic", "topics")],
        supports_check_mode=True,
    )
    p = module.params
    topics = [p["topic"]] if p["topic"] else [t for t in p["topics"] or () if t]
    if not topics or p["max_records"] < 1 or p["poll_timeout"] <= 0:
        module.fail_json(msg="give at least one topic, max_records of 1 or more and a positive poll_timeout")
    if p["schema_ids"] and p["format"] != "binary":
        module.fail_json(
            msg="schema_ids needs format=binary: a %s consumer gets the records as the proxy decoded them,"
            " without the schema ids in their bytes" % p["format"]
        )
    group = p["group"] or "kafkaops-consume-%s" % uuid.uuid4().hex[:16]
    proxy = rest_proxy(module)
    try:
        outcome = consume(module, proxy, topics, group)
    except PROXY_ERRORS as error:
        fail_request(
            module,
            proxy,
            error,
            group=group,
            consumer_deleted=proxy.consumer_deleted,
            consumer_instance=proxy.consumer_instance,
            consumer_setup_retries=proxy.setup_retries,
        )
    if not outcome["consumer_deleted"]:
        module.warn("the consumer instance was not deleted: %s" % outcome.get("delete_error"))
    module.exit_json(
        changed=bool(p["commit"] and outcome["count"]) or outcome["dest_changed"],
        records=outcome["records"],
        count=outcome["count"],
        found=outcome["found"] if p["until"] is not None else None,
        committed=outcome["committed"],
        group=group,
        consumer_deleted=outcome["consumer_deleted"],
        consumer_instance=proxy.consumer_instance,
        consumer_setup_retries=proxy.setup_retries,
        **proxy_fields(proxy),
    )


if __name__ == "__main__":
    main()
