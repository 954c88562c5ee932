# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The REST Proxy dialects: one small class per API (Confluent v2, which Karapace also
speaks; Confluent v3; the Strimzi Kafka Bridge) that names each REST call once, knows what
the API can carry, and reads its answers. Every URL path of the REST Proxy modules is in
this file. No Ansible here: the orchestration over several requests is in ``_rest_proxy``,
the module glue in ``_rest_module``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 is not a supported target
    from urllib import quote

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError, decode_json
from ansible_collections.kafkaops.connect.plugins.module_utils._produce_records import RecordError
from ansible_collections.kafkaops.connect.plugins.module_utils._produce_report import (
    outcomes_from_offsets,
    outcomes_from_reports,
    split_concatenated_json,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import (
    SCHEMA_FORMATS,
    iso_timestamp,
    schema_text,
    to_base64,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_topics import (
    brokers_of,
    looks_internal,
    topic_from_v2,
    topic_from_v3,
)

V2_JSON = "application/vnd.kafka.v2+json"

# Statuses that say "not this API here" while probing; auth failures and rate limits are real errors.
NOT_THIS_API = frozenset(range(400, 500)) - frozenset([401, 403, 407, 429])

_NOT_A_PROXY_HINT = "check that rest_proxy_url points at a Kafka REST Proxy (and dialect, if forced)"


class DialectError(Exception):
    """The proxy's API cannot do what the task asks; raised before anything is sent."""


class NotAProxyError(ApiError):
    """An answer no Kafka REST Proxy gives (an HTML page, Kafka Connect's JSON): the URL is
    wrong. The message says what was expected instead of quoting the page."""

    def __init__(self, method, url, status, expected):
        ApiError.__init__(self, method, url, status, "expected %s; %s" % (expected, _NOT_A_PROXY_HINT))


def _q(name):
    return quote(str(name), safe="")


def read_json(response, expected="a JSON answer"):
    """The JSON body of a proxy's answer, or :class:`NotAProxyError` when it is not JSON."""
    try:
        return decode_json(response)
    except ApiError:
        request = response.request
        kind = (response.headers.get("Content-Type") or "no content type").split(";")[0]
        raise NotAProxyError(
            request.method, request.url, response.status_code, "%s, got a %s body" % (expected, kind)
        ) from None


def root_answer(client):
    """What ``GET /`` says about the server: ``strimzi_bridge`` (bridge information),
    ``confluent_v2`` (a JSON object, ``{}`` from Confluent and Karapace), or
    :class:`NotAProxyError` (anything else, Kafka Connect's worker information included)."""
    # Confluent's v2 root resource produces only its vendor type (406 for application/json alone).
    accept = V2_JSON + ", application/json;q=0.9, */*;q=0.5"
    response = client.request(
        "GET", "/", headers={"Accept": accept}, ok=(200,) + tuple(sorted(NOT_THIS_API)), retry=False
    )
    expected = "a JSON object at GET / (Confluent REST Proxy and Karapace answer {}, the Strimzi bridge its version)"
    if response.status_code != 200:
        raise NotAProxyError("GET", response.request.url, response.status_code, expected)
    answer = read_json(response, expected)
    if isinstance(answer, dict) and "bridge_version" in answer:
        return "strimzi_bridge"
    if not isinstance(answer, dict) or ("commit" in answer and "kafka_cluster_id" in answer):
        raise NotAProxyError("GET", response.request.url, 200, expected + ", got what Kafka Connect answers")
    return "confluent_v2"


def v3_clusters(client, base):
    """The ``GET <base>/clusters`` answer when the proxy serves API v3 there, else None."""
    try:
        response = client.request("GET", base + "/clusters", ok=(200,))
    except ApiError as error:
        if error.status is None or error.status not in NOT_THIS_API:
            raise
        return None
    answer = read_json(response, "a JSON answer at GET %s/clusters (Confluent API v3) or a 404" % base)
    return answer if isinstance(answer, dict) and "data" in answer else None


class ConfluentV2:
    """Confluent REST Proxy API v2, also spoken by Karapace."""

    name = "confluent_v2"
    produce_formats = ("json", "binary", "avro", "jsonschema", "protobuf")
    consume_formats = produce_formats
    record_extras = ()
    # Whether consumed records carry their headers (v2 and Karapace 5.0.3 return none).
    reports_headers = False
    # Proxy error codes of a 404 that means "no such topic" (Karapace answers 40403 on GET).
    topic_not_found_codes = (40401, 40403)
    not_found_text = "JSON with error_code 40401 or 40403"

    def __init__(self, client):
        self.client = client

    def _get(self, path, **kwargs):
        return read_json(self.client.request("GET", path, headers={"Accept": V2_JSON}, ok=(200,), **kwargs))

    def _embedded(self, fmt):
        return "application/vnd.kafka.%s.v2+json" % fmt

    # --- what a record may carry
    def check_record(self, record, where, fmt):
        """Fail before sending a record this API cannot write as asked."""
        for field in ("headers", "timestamp"):
            if record[field] and field not in self.record_extras:
                raise RecordError(
                    "%s has %s, which %s cannot send; confluent_v3 and strimzi_bridge can" % (where, field, self.name)
                )
        if record["value"] is None:
            raise RecordError(self._no_tombstone(where))

    def _no_tombstone(self, where):
        return (
            "%s has no value (a tombstone), and the v2 API cannot write a null value: Karapace writes an"
            " empty value instead; send tombstones with dialect confluent_v3" % where
        )

    # --- metadata
    def list_topics(self):
        """{name: is_internal} of every topic the proxy lists."""
        return dict((name, looks_internal(name)) for name in self._get("/topics") or [])

    def topic_missing(self, error):
        """Whether a failed topic request says that the topic does not exist (and not that the
        URL is not a REST proxy at all)."""
        return error.status == 404 and error.error_code in self.topic_not_found_codes

    def describe_topics(self, names, include_partitions, include_configs):
        """``(topics in the common shape, names that do not exist)``."""
        topics, missing = [], []
        for name in names:
            try:
                topics.append(topic_from_v2(self._get("/topics/%s" % _q(name))))
            except ApiError as error:
                if isinstance(error, NotAProxyError) or error.status != 404:
                    raise
                if not self.topic_missing(error):
                    raise NotAProxyError(
                        error.method,
                        error.url,
                        404,
                        "a %s topic-not-found error (%s)" % (self.name, self.not_found_text),
                    ) from None
                missing.append(name)
        return topics, missing

    def brokers(self, topics):
        return sorted((self._get("/brokers") or {}).get("brokers") or [])

    # --- produce
    def _record(self, record, fmt, binary_encoding):
        body = {"value": self._wire(record["value"], fmt, binary_encoding)}
        if record["key"] is not None:
            body["key"] = self._wire(record["key"], fmt, binary_encoding)
        if record["partition"] is not None:
            body["partition"] = record["partition"]
        return body

    def _wire(self, value, fmt, binary_encoding):
        return to_base64(value, binary_encoding) if fmt == "binary" else value

    def produce(self, topic, batch, fmt, schemas, binary_encoding):
        """Send one batch; ``(outcomes, key_schema_id, value_schema_id)``."""
        body = {"records": [self._record(r, fmt, binary_encoding) for r in batch]}
        for name, value in schemas.items():
            if value is not None:
                body[name] = schema_text(value) if name.endswith("_schema") else value
        try:
            response = self.client.request(
                "POST",
                "/topics/%s" % _q(topic),
                json_body=body,
                headers={"Content-Type": self._embedded(fmt), "Accept": V2_JSON},
                ok=(200,),
                retry=False,
            )
        except ApiError as error:
            # Karapace answers a batch with any failed record with 422 and the per-record
            # offsets: written records keep theirs, so the answer is read whatever the status.
            data = error.body if isinstance(error.body, dict) else {}
            if not isinstance(data.get("offsets"), list) or len(data["offsets"]) != len(batch):
                raise
        else:
            data = read_json(response, "a JSON produce answer with per-record offsets") or {}
        return outcomes_from_offsets(data.get("offsets")), data.get("key_schema_id"), data.get("value_schema_id")

    # --- consumers
    def _instance(self, group, instance):
        return "/consumers/%s/instances/%s" % (_q(group), _q(instance))

    def consumer_config(self, instance, fmt):
        # Offsets are committed explicitly (commit=true) for exactly the records returned.
        return {"name": instance, "format": fmt, "auto.offset.reset": "earliest", "auto.commit.enable": "false"}

    def commit_offset(self, last_returned):
        """Confluent and Karapace commit the offset given plus one."""
        return last_returned

    def create_consumer(self, group, instance, fmt):
        response = self.client.request(
            "POST",
            "/consumers/%s" % _q(group),
            json_body=self.consumer_config(instance, fmt),
            ok=(200,),
            headers={"Content-Type": V2_JSON, "Accept": V2_JSON},
            retry=False,
        )
        read_json(response, "a JSON answer with the consumer instance")

    def partition_ids(self, topic):
        return sorted(p["partition"] for p in self._get("/topics/%s/partitions" % _q(topic)) or [])

    def assign(self, group, instance, partitions):
        body = {"partitions": [{"topic": t, "partition": p} for t, p in partitions]}
        self._post_v2(self._instance(group, instance) + "/assignments", body, give_up=self.consumer_not_ready)

    def seek(self, group, instance, where, partitions):
        body = {"partitions": [{"topic": t, "partition": p} for t, p in partitions]}
        self._post_v2(self._instance(group, instance) + "/positions/" + where, body, give_up=self.seek_not_ready)

    def poll(self, group, instance, fmt, wait_ms):
        # The proxy's own timeout bounds the wait: Karapace holds every poll that long.
        # A lost answer would lose its records, so a poll is never sent twice.
        response = self.client.request(
            "GET",
            self._instance(group, instance) + "/records",
            params={"timeout": wait_ms},
            headers={"Accept": self._embedded(fmt)},
            ok=(200,),
            retry=False,
        )
        return read_json(response, "a JSON list of records") or []

    def consumer_not_ready(self, error):
        """Whether a refused consumer set-up call only means that the consumer is not ready yet:
        409 with error code 40903 (illegal state). Karapace applies an assignment asynchronously
        and answers a seek sent at once with 409/40903 "Trying to reset unassigned partitions to
        beginning" (consumers-partitions-headers-karapace-and-bridge.txt)."""
        return error.status == 409 and error.error_code == 40903

    def seek_not_ready(self, error):
        """Whether a refused seek only means that the consumer is not ready yet: as for any set-up
        call, and Karapace 5.0.3's 500 "Internal server error" when its Kafka client refused the
        seek as outdated while the assignment was still being applied (its log: librdkafka's
        _OUTDATED, "Failed to seek to offset -2: Local: Outdated"; seen once in seven reads of the
        live kafka_rest_consume target). A seek only says where to start: sending it again is safe."""
        outdated = error.status == 500 and error.error_code == 500 and error.message == "Internal server error"
        return self.consumer_not_ready(error) or outdated

    def consumer_gone(self, group, instance):
        """Whether the consumer instance no longer exists: True when a read of its records
        answers 404 (bridge 404, Karapace 40403), False when the read is answered, None when the
        answer tells neither. ``GET`` on the instance URL cannot tell: both proxies answer it with
        405, deleted or not (consumers-partitions-headers-karapace-and-bridge.txt)."""
        try:
            self.client.request(
                "GET", self._instance(group, instance) + "/records", params={"timeout": 0}, ok=(200,), retry=False
            )
        except ApiError as error:
            if error.status == 404:
                return True
            # A refusal of the read (such as a format mismatch) still names an existing instance.
            return None if error.status is None or error.status >= 500 else False
        return False

    def commit(self, group, instance, positions):
        body = {
            "offsets": [
                {"topic": t, "partition": p, "offset": self.commit_offset(o)} for (t, p), o in sorted(positions.items())
            ]
        }
        self._post_v2(self._instance(group, instance) + "/offsets", body)

    def delete_consumer(self, group, instance):
        try:
            self.client.request("DELETE", self._instance(group, instance), headers={"Content-Type": V2_JSON})
        except ApiError as error:
            if error.status != 404:
                raise

    def _post_v2(self, path, body, give_up=None):
        # give_up: answers the caller retries itself (a consumer not ready yet, with its own
        # bound and counter), whatever the task's retries say.
        read_json(
            self.client.request(
                "POST", path, json_body=body, headers={"Content-Type": V2_JSON, "Accept": V2_JSON}, give_up=give_up
            )
        )


class StrimziBridge(ConfluentV2):
    """The Strimzi Kafka Bridge: v2 paths, a ``text`` format, headers and timestamps, no
    schema formats, no brokers endpoint, and commits of the offset given as is."""

    name = "strimzi_bridge"
    produce_formats = ("json", "binary", "string")
    consume_formats = produce_formats
    record_extras = ("headers", "timestamp")
    reports_headers = True
    not_found_text = "a 404 naming UnknownTopicOrPartitionException"

    def _embedded(self, fmt):
        return "application/vnd.kafka.%s.v2+json" % ("text" if fmt == "string" else fmt)

    def topic_missing(self, error):
        return error.status == 404 and "UnknownTopicOrPartitionException" in (error.message or "")

    def consumer_not_ready(self, error):
        """The bridge assigns partitions synchronously, but answers a seek on a partition its
        consumer has no assignment for with 404 "No current assignment for partition" (recorded
        against the bridge 1.1.0, see the fixtures' SOURCES.md): the same not-ready state."""
        return error.status == 404 and "No current assignment for partition" in (error.message or "")

    def seek_not_ready(self, error):
        # Karapace's outdated seek is its own: a 500 from the bridge is not a not-ready state.
        return self.consumer_not_ready(error)

    def check_record(self, record, where, fmt):
        ConfluentV2.check_record(self, record, where, fmt)
        # The bridge's request schema takes a JSON value of these types only (400 otherwise).
        if fmt == "json" and not isinstance(record["value"], (dict, list, str)):
            raise RecordError(
                "%s value is a %s, and the Strimzi bridge takes only a JSON object, array or string as a"
                " value; send it as text or inside an object" % (where, type(record["value"]).__name__)
            )
        for name, value in record["headers"]:
            if value is None:
                raise RecordError(
                    "%s header %r has no value, and the Strimzi bridge needs text for each" % (where, name)
                )

    def _no_tombstone(self, where):
        return (
            "%s has no value (a tombstone), and the Strimzi bridge cannot write a null value: it refuses a"
            " record without one and writes the text null (json) for value: null" % where
        )

    def brokers(self, topics):
        return brokers_of(topics)

    def _record(self, record, fmt, binary_encoding):
        body = ConfluentV2._record(self, record, fmt, binary_encoding)
        if record["headers"]:
            body["headers"] = [{"key": n, "value": to_base64(v)} for n, v in record["headers"]]
        if record["timestamp"] is not None:
            body["timestamp"] = record["timestamp"]
        return body

    def consumer_config(self, instance, fmt):
        return {
            "name": instance,
            "format": "text" if fmt == "string" else fmt,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }

    def commit_offset(self, last_returned):
        """The bridge commits the offset as given: the next one to read."""
        return last_returned + 1


class ConfluentV3:
    """Confluent REST Proxy API v3: JSON envelopes under a cluster id, streamed produce
    with one delivery report per record, and no consumer API."""

    name = "confluent_v3"
    produce_formats = ("json", "binary", "avro", "jsonschema", "protobuf")
    consume_formats = ()
    record_extras = ("headers", "timestamp")

    def __init__(self, client, base_path="/v3", cluster_id=None):
        self.client = client
        self.base = "/" + (base_path or "/v3").strip("/")
        self.cluster_id = cluster_id
        self._topics = None
        self._broker_ids = None

    def check_record(self, record, where, fmt):
        """v3 carries headers, timestamps, and tombstones (a record without a value)."""

    def _cluster(self):
        if self.cluster_id is None:
            self.remember_clusters(read_json(self.client.request("GET", self.base + "/clusters", ok=(200,))))
        return self.base + "/clusters/" + _q(self.cluster_id)

    def remember_clusters(self, answer):
        ids = [c.get("cluster_id") for c in (answer or {}).get("data") or []]
        if len(ids) != 1:
            raise DialectError(
                "%s/clusters lists %d clusters (%s); set cluster_id to the one to use"
                % (self.base, len(ids), ", ".join(map(str, ids)))
            )
        self.cluster_id = ids[0]

    def _data(self, path):
        return (read_json(self.client.request("GET", self._cluster() + path, ok=(200,))) or {}).get("data") or []

    def list_topics(self):
        self._topics = dict((t["topic_name"], t) for t in self._data("/topics"))
        return dict((name, bool(t.get("is_internal"))) for name, t in self._topics.items())

    def describe_topics(self, names, include_partitions, include_configs):
        if self._topics is None:
            self.list_topics()
        present = [n for n in names if n in self._topics]
        replicas = self._replicas() if include_partitions and present else []
        configs = self._configs(present) if include_configs and present else []
        topics = [
            topic_from_v3(
                self._topics[name],
                [r for r in replicas if r.get("topic_name") == name],
                [c for c in configs if c.get("topic_name") == name],
            )
            for name in present
        ]
        return topics, [n for n in names if n not in self._topics]

    def brokers(self, topics):
        if self._broker_ids is None:
            self._broker_ids = sorted(b["broker_id"] for b in self._data("/brokers"))
        return self._broker_ids

    def partition_ids(self, topic):
        return sorted(p["partition_id"] for p in self._data("/topics/%s/partitions" % _q(topic)))

    def _replicas(self):
        # One request per broker covers every partition of every topic; per-partition
        # listing would cost one request per partition.
        replicas = []
        for broker in self.brokers(None):
            replicas.extend(self._data("/brokers/%s/partition-replicas" % broker))
        return replicas

    def _configs(self, names):
        if len(names) == 1:
            return self._data("/topics/%s/configs" % _q(names[0]))
        return self._data("/topics/-/configs")

    def _part(self, value, fmt, schema, schema_id, binary_encoding):
        if fmt == "binary":
            return {"type": "BINARY", "data": to_base64(value, binary_encoding)}
        if fmt not in SCHEMA_FORMATS:
            return {"type": "JSON", "data": value}
        if schema_id is not None:
            return {"schema_id": schema_id, "data": value}
        return {"type": fmt.upper(), "schema": schema_text(schema), "data": value}

    def _record(self, record, fmt, schemas, binary_encoding):
        body = {}
        if record["partition"] is not None:
            body["partition_id"] = record["partition"]
        if record["headers"]:
            body["headers"] = [{"name": n, "value": to_base64(v)} for n, v in record["headers"]]
        for part in ("key", "value"):
            if record[part] is not None:
                body[part] = self._part(
                    record[part], fmt, schemas.get(part + "_schema"), schemas.get(part + "_schema_id"), binary_encoding
                )
        if record["timestamp"] is not None:
            body["timestamp"] = iso_timestamp(record["timestamp"])
        return body

    def produce(self, topic, batch, fmt, schemas, binary_encoding):
        # Records go as concatenated JSON objects in one request; the answer streams one
        # delivery report per record, in order, and HTTP 200 only means the stream was accepted.
        payload = "\n".join(json.dumps(self._record(r, fmt, schemas, binary_encoding)) for r in batch)
        response = self.client.request(
            "POST",
            self._cluster() + "/topics/%s/records" % _q(topic),
            data=payload.encode("utf-8"),
            headers={"Content-Type": "application/json"},
            ok=(200,),
            retry=False,
        )
        reports = split_concatenated_json(response.text)
        ids = [None, None]
        for report in reports:
            for position, part in enumerate(("key", "value")):
                if ids[position] is None and isinstance(report.get(part), dict):
                    ids[position] = report[part].get("schema_id")
        return outcomes_from_reports(reports), ids[0], ids[1]
