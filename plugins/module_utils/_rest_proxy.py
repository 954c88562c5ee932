# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The Kafka REST Proxy behind one interface, whatever API it speaks.

One small class per dialect (Confluent v2, which Karapace also speaks; Confluent v3; the
Strimzi Kafka Bridge) names each REST call once; every URL path of the REST Proxy modules
is in this file. :class:`RestProxy` detects the dialect once per task (or takes the forced
one) and runs the multi-request operations: topic metadata, batched produce, and a
consumer session that always deletes its instance. Record rules live in ``_rest_records``,
topic metadata shapes in ``_rest_topics``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import time
import uuid

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 is not a supported target
    from urllib import quote

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError, decode_json
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_records import (
    SCHEMA_FORMATS,
    ProduceReport,
    commit_positions,
    consumed_record,
    iso_timestamp,
    outcomes_from_offsets,
    outcomes_from_reports,
    schema_text,
    split_concatenated_json,
    to_base64,
    value_matches,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_topics import (
    brokers_of,
    is_glob,
    looks_internal,
    select_topics,
    shape_topic,
    topic_from_v2,
    topic_from_v3,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._runtime import connection_secrets, fail_api, http_client

V2_JSON = "application/vnd.kafka.v2+json"
DIALECTS = ("confluent_v2", "confluent_v3", "strimzi_bridge")

# Statuses that say "not this API here" while probing; auth failures and rate limits are real errors.
_NOT_THIS_API = frozenset(range(400, 500)) - frozenset([401, 403, 407, 429])

# The clock polls are timed by (a name of its own so that tests can replace it).
_clock = time.monotonic

# Longest single poll: long enough to batch, short enough to honour max_records/until promptly.
_POLL_SLICE = 5.0


class DialectError(Exception):
    """The proxy's API cannot do what the task asks; raised before anything is sent."""


def _q(name):
    return quote(str(name), safe="")


def _not_found(error):
    return error.status == 404


class ConfluentV2:
    """Confluent REST Proxy API v2, also spoken by Karapace."""

    name = "confluent_v2"
    produce_formats = ("json", "binary", "avro", "jsonschema", "protobuf")
    consume_formats = produce_formats
    record_extras = ()

    def __init__(self, client):
        self.client = client

    def _get(self, path, **kwargs):
        return self.client.get_json(path, headers={"Accept": V2_JSON}, **kwargs)

    def _embedded(self, fmt):
        return "application/vnd.kafka.%s.v2+json" % fmt

    # --- metadata
    def list_topics(self):
        """{name: is_internal} of every topic the proxy lists."""
        return dict((name, looks_internal(name)) for name in self._get("/topics") or [])

    def describe_topics(self, names, include_partitions, include_configs):
        """``(topics in the common shape, names that do not exist)``."""
        topics, missing = [], []
        for name in names:
            try:
                topics.append(topic_from_v2(self._get("/topics/%s" % _q(name))))
            except ApiError as error:
                if not _not_found(error):
                    raise
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
        response = self.client.request(
            "POST",
            "/topics/%s" % _q(topic),
            json_body=body,
            headers={"Content-Type": self._embedded(fmt), "Accept": V2_JSON},
            ok=(200,),
            retry=False,
        )
        data = decode_json(response) or {}
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
        self.client.send_json(
            "POST",
            "/consumers/%s" % _q(group),
            self.consumer_config(instance, fmt),
            ok=(200,),
            headers={"Content-Type": V2_JSON, "Accept": V2_JSON},
            retry=False,
        )

    def partition_ids(self, topic):
        return sorted(p["partition"] for p in self._get("/topics/%s/partitions" % _q(topic)) or [])

    def assign(self, group, instance, partitions):
        body = {"partitions": [{"topic": t, "partition": p} for t, p in partitions]}
        self._post_v2(self._instance(group, instance) + "/assignments", body)

    def seek(self, group, instance, where, partitions):
        body = {"partitions": [{"topic": t, "partition": p} for t, p in partitions]}
        self._post_v2(self._instance(group, instance) + "/positions/" + where, body)

    def poll(self, group, instance, fmt, wait_ms):
        # A lost answer would lose its records, so a poll is never sent twice.
        return (
            self.client.get_json(
                self._instance(group, instance) + "/records",
                params={"timeout": wait_ms},
                headers={"Accept": self._embedded(fmt)},
                retry=False,
            )
            or []
        )

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
            if not _not_found(error):
                raise

    def _post_v2(self, path, body):
        self.client.send_json("POST", path, body, headers={"Content-Type": V2_JSON, "Accept": V2_JSON})


class StrimziBridge(ConfluentV2):
    """The Strimzi Kafka Bridge: v2 paths, a ``text`` format, headers and timestamps, no
    schema formats, no brokers endpoint, and commits of the offset given as is."""

    name = "strimzi_bridge"
    produce_formats = ("json", "binary", "string")
    consume_formats = produce_formats
    record_extras = ("headers", "timestamp")

    def _embedded(self, fmt):
        return "application/vnd.kafka.%s.v2+json" % ("text" if fmt == "string" else fmt)

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

    def _cluster(self):
        if self.cluster_id is None:
            self.remember_clusters(self.client.get_json(self.base + "/clusters"))
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
        return (self.client.get_json(self._cluster() + path) or {}).get("data") or []

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


class RestProxy:
    """The REST Proxy at ``client``'s URLs, in the dialect given or detected once."""

    def __init__(self, client, dialect="auto", v3_base_path="/v3", cluster_id=None):
        self.client = client
        self.requested = dialect
        self.v3_base_path = v3_base_path
        self.cluster_id = cluster_id
        self._api = None
        self._clusters = None
        # Set by consume(), so that a failed task can still say whether its instance is gone.
        self.consumer_deleted = None

    @property
    def dialect(self):
        return self._api.name if self._api else None

    def api(self, for_consumer=False):
        """The dialect object, detecting the dialect on first use. A consumer skips the v3
        probe: Confluent serves its v2 consumers next to v3, and v3 has none."""
        if self._api is None:
            name = self.requested
            if name == "auto":
                name = self._detect(for_consumer)
            self._api = self._make(name)
        return self._api

    def _make(self, name):
        if name == "confluent_v3":
            api = ConfluentV3(self.client, self.v3_base_path, self.cluster_id)
            if self._clusters is not None:
                api.remember_clusters(self._clusters)
            return api
        return StrimziBridge(self.client) if name == "strimzi_bridge" else ConfluentV2(self.client)

    def _probe(self, path):
        try:
            return True, self.client.get_json(path)
        except ApiError as error:
            if error.status is None or (error.status >= 400 and error.status not in _NOT_THIS_API):
                raise
            return False, None

    def _detect(self, for_consumer):
        if not for_consumer:
            found, answer = self._probe("/" + self.v3_base_path.strip("/") + "/clusters")
            if found and isinstance(answer, dict) and "data" in answer:
                if self.cluster_id is None:
                    self._clusters = answer
                return "confluent_v3"
        found, answer = self._probe("/")
        if found and isinstance(answer, dict) and "bridge_version" in answer:
            return "strimzi_bridge"
        return "confluent_v2"

    # --- operations over several requests

    def require(self, what, fmt, formats):
        if fmt not in formats:
            hint = ""
            if fmt == "string":
                hint = " (format=binary sends text as the same UTF-8 bytes)"
            raise DialectError(
                "%s cannot %s format %s; it supports %s%s" % (self.dialect, what, fmt, ", ".join(formats), hint)
            )

    def check_produce(self, records, fmt):
        """Fail before sending when the dialect cannot carry the format or a record field."""
        api = self.api()
        self.require("produce", fmt, api.produce_formats)
        for field in ("headers", "timestamp"):
            if field in api.record_extras:
                continue
            for index, record in enumerate(records):
                if record[field]:
                    raise DialectError(
                        "records[%d] has %s, which %s cannot send; confluent_v3 and strimzi_bridge can"
                        % (index, field, api.name)
                    )

    def topic_info(self, wanted, include_partitions, include_configs, include_internal):
        """``{topics, missing, brokers, cluster_id}`` with topics in the common shape."""
        api = self.api()
        wanted = list(wanted or [])
        if wanted and not any(is_glob(w) for w in wanted):
            # Plain names need no listing: asking for each one says whether it exists.
            names, missing = list(dict.fromkeys(wanted)), []
        else:
            names, missing = select_topics(api.list_topics(), wanted, include_internal)
        topics, absent = api.describe_topics(names, include_partitions, include_configs)
        brokers = api.brokers(topics)
        return {
            "topics": [shape_topic(t, include_partitions, include_configs) for t in topics],
            "missing": missing + [n for n in absent if n not in missing],
            "brokers": brokers,
            "cluster_id": getattr(api, "cluster_id", None),
        }

    def produce(self, topic, records, fmt, schemas, batch_size, binary_encoding="text"):
        """Send ``records`` in batches over one session; a :class:`ProduceReport`.

        A batch is never sent twice. After the first batch with any record not written,
        nothing more is sent: the report says what was written, what failed, what may or
        may not have been written, and what was never sent.
        """
        api = self.api()
        report = ProduceReport(len(records))
        schemas = dict(schemas)
        for start in range(0, len(records), batch_size):
            batch = records[start : start + batch_size]
            try:
                outcomes, key_id, value_id = api.produce(topic, batch, fmt, schemas, binary_encoding)
            except ApiError as error:
                report.error = error
                if error.status is None and not error.maybe_sent:
                    # No server took the request: this batch and the rest were never sent.
                    report.skip_from(start)
                    return report
                if error.status is not None and error.status < 500 and error.status != 408:
                    report.reject_batch(start, len(batch), error.error_code or error.status, error.message)
                else:
                    report.lose_batch(start, len(batch))
                report.skip_from(start + len(batch))
                return report
            for part, schema_id in (("key", key_id), ("value", value_id)):
                if schema_id is not None:
                    setattr(report, part + "_schema_id", schema_id)
                    # Later batches name the registered schema instead of sending its text again.
                    if schemas.get(part + "_schema") is not None:
                        schemas[part + "_schema"], schemas[part + "_schema_id"] = None, schema_id
            if not report.add_batch(start, len(batch), outcomes):
                report.skip_from(start + len(batch))
                return report
        return report

    def consume(
        self,
        topics,
        group,
        fmt,
        start,
        max_records,
        poll_timeout,
        until=None,
        until_match="contains",
        commit=False,
        check_mode=False,
        clock=None,
    ):
        """Read records with a fresh consumer instance that is deleted afterwards, also on
        failure. Partitions are assigned, not subscribed: reading starts exactly at the
        beginning, the end or the committed offsets, with no group rebalance to wait for."""
        api = self.api(for_consumer=True)
        if not api.consume_formats:
            raise DialectError(
                "%s has no consumer API; Confluent REST Proxy serves its v2 consumer API at the same URL:"
                " use dialect=confluent_v2, or auto (which picks v2 for consuming)" % api.name
            )
        self.require("consume", fmt, api.consume_formats)
        instance = "kafkaops-%s" % uuid.uuid4().hex[:16]
        outcome = {"records": [], "found": False, "committed": False, "consumer_deleted": False}
        try:
            api.create_consumer(group, instance, fmt)
            partitions = [(t, p) for t in topics for p in api.partition_ids(t)]
            api.assign(group, instance, partitions)
            if start in ("beginning", "end"):
                api.seek(group, instance, start, partitions)
            self._poll(
                api, group, instance, fmt, max_records, poll_timeout, until, until_match, clock or _clock, outcome
            )
            if commit and outcome["records"] and not check_mode:
                api.commit(group, instance, commit_positions(outcome["records"]))
                outcome["committed"] = True
        finally:
            try:
                api.delete_consumer(group, instance)
                outcome["consumer_deleted"] = True
            except ApiError as error:
                outcome["delete_error"] = str(error)
            self.consumer_deleted = outcome["consumer_deleted"]
        return outcome

    def _poll(self, api, group, instance, fmt, max_records, poll_timeout, until, until_match, clock, outcome):
        records = outcome["records"]
        deadline = clock() + poll_timeout
        slice_seconds = max(0.1, min(_POLL_SLICE, self.client.timeout / 2.0))
        while len(records) < max_records and not outcome["found"]:
            remaining = deadline - clock()
            if remaining <= 0:
                return
            for raw in api.poll(group, instance, fmt, int(min(remaining, slice_seconds) * 1000)):
                record = consumed_record(raw, fmt)
                records.append(record)
                if until is not None and value_matches(record["value"], until, until_match):
                    outcome["found"] = True
                if outcome["found"] or len(records) >= max_records:
                    # Later records of this poll are dropped: not returned, and not committed.
                    break


# --- module glue shared by the three modules ----------------------------------------------


def rest_proxy(module):
    """A :class:`RestProxy` for the module's shared connection options."""
    p = module.params
    if not (p["v3_base_path"] or "").strip("/"):
        module.fail_json(msg="v3_base_path must name a path such as /v3 or /kafka/v3")
    return RestProxy(http_client(module, "rest_proxy_url"), p["dialect"], p["v3_base_path"], p["cluster_id"])


def proxy_fields(proxy):
    """Result keys every REST Proxy module returns, also on failure: the dialect and the
    request count (under the name the Connect modules use, and the issue's ``requests``)."""
    count = proxy.client.request_count
    return {"dialect": proxy.dialect, "http_requests": count, "requests": count}


# What a REST Proxy operation raises for the task to fail with.
PROXY_ERRORS = (ApiError, DialectError)


def fail_request(module, proxy, error, **extra):
    """Fail the task with one of PROXY_ERRORS: what the dialect cannot do, or the method, URL,
    status and server message of an HTTP error, never a secret."""
    extra = dict(proxy_fields(proxy), **extra)
    if isinstance(error, DialectError):
        module.fail_json(msg=str(error), **extra)
    fail_api(module, error, secrets=connection_secrets(module), error_code=error.error_code, **extra)
