# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import requests
from responses import matchers
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible_collections.kafkaops.connect.plugins.module_utils._produce_report import split_concatenated_json
from ansible_collections.kafkaops.connect.plugins.modules import kafka_rest_produce
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module
from ansible_collections.kafkaops.connect.tests.unit.rest_proxy_probes import answer_probe, forced_dialect_probes

URL = "http://proxy.test:8082"
CLUSTER = "MkU3OEVBNTcwNTJENDM2Qk"
V3_RECORDS = URL + "/v3/clusters/" + CLUSTER + "/topics/orders/records"
V2_ORDERS = URL + "/topics/orders"


@pytest.fixture(autouse=True)
def confirmation_probes(http):
    yield from forced_dialect_probes(http)


def fx(dialect, name):
    return load_fixture("rest_proxy", dialect, name)


def run(check_mode=False, **args):
    args.setdefault("rest_proxy_url", [URL])
    args.setdefault("topic", "orders")
    answer_probe(URL, args)
    return run_module(kafka_rest_produce.main, args, check_mode=check_mode)


def posts(http):
    return [c for c in http.calls if c.request.method == "POST"]


def content_type(value):
    return matchers.header_matcher({"Content-Type": value})


def expect_v2_produce(http, answer, embedded, body):
    """A v2-style produce request of the embedded format ``embedded`` carrying exactly ``body``."""
    http.post(
        V2_ORDERS,
        json=answer,
        match=[content_type("application/vnd.kafka.%s.v2+json" % embedded), matchers.json_params_matcher(body)],
    )


def partitions_listed(http, dialect="confluent_v2"):
    """The partitions of topic orders (0 and 1), read once before records naming a partition are sent."""
    if dialect == "confluent_v3":
        http.get(
            URL + "/v3/clusters/" + CLUSTER + "/topics/orders/partitions", json=fx(dialect, "partitions_orders.json")
        )
    else:
        http.get(V2_ORDERS + "/partitions", json=fx("confluent_v2", "partitions_orders.json"))


def offsets_for(count, partition=0, first=0):
    return {
        "offsets": [
            {"partition": partition, "offset": first + i, "error_code": None, "error": None} for i in range(count)
        ]
    }


# --- Confluent v2 -------------------------------------------------------------------------


def test_v2_json_records_are_sent_as_one_request_and_every_offset_returned(http):
    partitions_listed(http)
    expect_v2_produce(
        http,
        fx("confluent_v2", "produce_ok.json"),
        "json",
        {"records": [{"key": "k1", "value": {"id": 1}}, {"value": [1, 2], "partition": 1}]},
    )

    result = run(dialect="confluent_v2", records=[{"key": "k1", "value": {"id": 1}}, {"value": [1, 2], "partition": 1}])

    assert not result.failed and result["changed"] is True
    assert result["offsets"] == [{"index": 0, "partition": 0, "offset": 10}, {"index": 1, "partition": 1, "offset": 4}]
    assert result["count"] == 2 and result["dialect"] == "confluent_v2"
    # The forced dialect's confirmation (GET /), the topic's partitions, then one produce request.
    assert result["requests"] == 3 and result["value_schema_id"] is None


def test_v2_batches_carry_the_record_indexes_across_requests(http):
    sizes = []

    def answer(request):
        count = len(json.loads(request.body)["records"])
        sizes.append(count)
        return 200, {}, json.dumps(offsets_for(count, first=100 * len(sizes)))

    http.add_callback("POST", V2_ORDERS, callback=answer)

    result = run(dialect="confluent_v2", records=[{"value": n} for n in range(5)], batch_size=2)

    assert not result.failed
    assert sizes == [2, 2, 1]
    assert [o["index"] for o in result["offsets"]] == [0, 1, 2, 3, 4]
    assert result["offsets"][2] == {"index": 2, "partition": 0, "offset": 200}
    assert result["requests"] == 4


def test_v2_record_failure_stops_and_lists_failed_and_not_sent(http):
    http.post(V2_ORDERS, json=offsets_for(3))
    http.post(V2_ORDERS, json=fx("confluent_v2", "produce_partial.json"))

    result = run(dialect="confluent_v2", records=[{"value": n} for n in range(7)], batch_size=3)

    assert result.failed and result["changed"] is True
    assert [o["index"] for o in result["offsets"]] == [0, 1, 2, 3, 5]
    assert result["failed_records"] == [
        {
            "index": 4,
            "error_code": 50002,
            "message": "The request included a message larger than the max message size the server will accept.",
        }
    ]
    assert result["not_sent"] == "6" and result["unknown"] == ""
    assert "5 of 7 records written" in result["msg"] and "records 6 not sent" in result["msg"]
    assert len(posts(http)) == 2


def test_v2_unknown_topic_rejects_the_batch(http):
    http.post(V2_ORDERS, status=404, json=fx("confluent_v2", "error_topic_not_found.json"))

    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2}, {"value": 3}], batch_size=2)

    assert result.failed and result["changed"] is False
    assert result["failed_records"] == [
        {"index": 0, "error_code": 40401, "message": "Topic not found."},
        {"index": 1, "error_code": 40401, "message": "Topic not found."},
    ]
    assert result["not_sent"] == "2"
    assert result["errors"] == [{"error_code": 40401, "message": "Topic not found.", "count": 2, "ranges": "0-1"}]
    assert "returned HTTP 404" in result["msg"]


def test_v2_server_error_is_not_retried_and_leaves_records_unknown(http):
    http.post(V2_ORDERS, status=500, json={"error_code": 50001, "message": "Zookeeper error"})

    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2}], retries=3)

    assert result.failed
    assert result["unknown"] == "0-1" and result["failed_records"] == []
    assert "outcome unknown for records 0-1" in result["msg"]
    assert len(posts(http)) == 1


def test_v2_avro_sends_the_schema_once_then_its_registered_id(http):
    schema = {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int"}]}
    http.post(
        V2_ORDERS,
        json={"offsets": [{"partition": 0, "offset": 0}], "key_schema_id": None, "value_schema_id": 21},
        match=[
            content_type("application/vnd.kafka.avro.v2+json"),
            matchers.json_params_matcher(
                {"records": [{"value": {"id": 1}}], "value_schema": json.dumps(schema, separators=(",", ":"))}
            ),
        ],
    )
    http.post(
        V2_ORDERS,
        json={"offsets": [{"partition": 0, "offset": 1}], "key_schema_id": None, "value_schema_id": 21},
        match=[matchers.json_params_matcher({"records": [{"value": {"id": 2}}], "value_schema_id": 21})],
    )

    result = run(
        dialect="confluent_v2",
        format="avro",
        value_schema=schema,
        records=[{"value": {"id": 1}}, {"value": {"id": 2}}],
        batch_size=1,
    )

    assert not result.failed
    assert result["value_schema_id"] == 21 and result["count"] == 2


def test_v2_server_side_schema_error_fails_each_record_of_the_request(http):
    http.post(V2_ORDERS, status=422, json=fx("confluent_v2", "error_422_avro_conversion.json"))

    result = run(dialect="confluent_v2", format="avro", value_schema_id=3, value="not-an-int")

    assert result.failed
    assert result["failed_records"][0]["error_code"] == 42203
    assert "Conversion of JSON to Avro failed" in result["failed_records"][0]["message"]


def test_schema_format_without_schema_fails_before_sending_and_names_the_record(http):
    result = run(format="avro", value_schema_id=4, records=[{"value": {"id": 1}}, {"key": "k", "value": {"id": 2}}])

    assert result.failed
    assert result["msg"] == "records[1] has a key, and format=avro needs key_schema or key_schema_id to send it"
    assert len(http.calls) == 0


def test_string_format_on_confluent_fails_before_sending(http):
    result = run(dialect="confluent_v2", format="string", value="hello")

    assert result.failed
    assert "confluent_v2 cannot produce format string" in result["msg"]
    assert "format=binary sends text as the same UTF-8 bytes" in result["msg"]
    assert posts(http) == []


def test_headers_on_confluent_v2_fail_before_sending(http):
    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2, "headers": {"a": "b"}}])

    assert result.failed
    assert result["msg"].startswith("records[1] has headers, which confluent_v2 cannot send")


# --- Karapace (speaks v2) -----------------------------------------------------------------


def karapace_detected(http):
    """Karapace 5.0.3 as recorded: no v3 (a plain-text 404), and {} at GET /."""
    http.get(URL + "/v3/clusters", status=404, body="404: Not Found", content_type="text/plain")
    http.get(URL + "/", json=fx("karapace", "root.json"))


def test_karapace_422_partial_failure_keeps_the_written_records_and_its_message(http):
    """Recorded in karapace-5.0.3.partial-failure.txt: one failed record in three is answered with
    HTTP 422 and per-record offsets; records 0 and 2 were written. (Recorded with a record for
    partition 99, which is now refused before sending; a record can fail for other reasons.)"""
    karapace_detected(http)
    http.post(V2_ORDERS, status=422, json=fx("karapace", "produce_partial.json"))

    result = run(records=[{"value": {"p99": "a"}}, {"value": {"p99": "b"}}, {"value": {"p99": "c"}}])

    assert result.failed and result["dialect"] == "confluent_v2"
    assert result["changed"] is True
    assert result["offsets"] == [{"index": 0, "partition": 0, "offset": 0}, {"index": 2, "partition": 1, "offset": 0}]
    message = "This request is for a topic or partition that does not exist on this broker."
    assert result["failed_records"] == [{"index": 1, "error_code": 2, "message": message}]
    assert "2 of 3 records written; 1 failed (error 2 for 1 (records 1): %s)" % message in result["msg"]
    assert "Unprocessable Entity" not in result["msg"]
    assert result["requests"] == 3


def test_a_422_without_per_record_offsets_still_fails_the_whole_batch(http):
    """karapace-5.0.3.http.txt: a record that does not fit the stored schema refuses the request."""
    http.post(V2_ORDERS, status=422, json={"error_code": 42205, "message": "Object does not fit to stored schema"})

    result = run(dialect="confluent_v2", format="avro", value_schema_id=1, records=[{"value": {"id": "x"}}])

    assert result.failed and result["changed"] is False
    assert result["failed_records"] == [
        {"index": 0, "error_code": 42205, "message": "Object does not fit to stored schema"}
    ]


def test_karapace_jsonschema_answer_gives_the_registered_schema_id(http):
    """karapace-5.0.3.http.txt, jsonschema produce."""
    http.post(V2_ORDERS, json=fx("karapace", "produce_ok.json"))

    result = run(dialect="confluent_v2", format="jsonschema", value_schema={"type": "object"}, value={"a": 1})

    assert not result.failed
    assert result["offsets"] == [{"index": 0, "partition": 1, "offset": 4}]
    assert result["value_schema_id"] == 3


def test_a_200_html_answer_to_a_produce_leaves_the_batch_unknown_and_reports_everything(http):
    """A 200 text/html answer to POST /topics/x (an HTML server where the proxy
    should be) crashed the module with a JSONDecodeError and a result without its keys."""
    http.post(V2_ORDERS, status=200, body="<html><body>Welcome</body></html>", content_type="text/html")

    result = run(dialect="confluent_v2", records=[{"value": {"n": 0}}, {"value": {"n": 1}}], batch_size=1)

    assert result.failed
    assert result["dialect"] == "confluent_v2" and result["requests"] == 2
    # The record was sent and may have been written; the next one was not sent.
    assert result["unknown"] == "0" and result["not_sent"] == "1" and result["failed_records"] == []
    assert "got a text/html body" in result["msg"] and "<html>" not in result["msg"]
    assert "Expecting value" not in result["msg"]


# --- Strimzi Kafka Bridge -----------------------------------------------------------------


def bridge_detected(http):
    http.get(URL + "/v3/clusters", status=404, json={"error_code": 404, "message": "Not Found"})
    http.get(URL + "/", json=fx("strimzi_bridge", "root.json"))


def test_bridge_text_records_with_headers_and_timestamps(http):
    bridge_detected(http)
    partitions_listed(http)
    expect_v2_produce(
        http,
        fx("strimzi_bridge", "produce_ok.json"),
        "text",
        {
            "records": [
                {
                    "key": "host1",
                    "value": "login ok",
                    "headers": [{"key": "source", "value": "YW5zaWJsZQ=="}],
                    "timestamp": 1769860800000,
                },
                {
                    "value": "plain",
                    "partition": 1,
                    "headers": [{"key": "x", "value": "eQ=="}, {"key": "x", "value": "eg=="}],
                },
            ]
        },
    )

    result = run(
        format="string",
        records=[
            {
                "key": "host1",
                "value": "login ok",
                "headers": {"source": "ansible"},
                "timestamp": "2026-01-31T12:00:00Z",
            },
            {"value": "plain", "partition": 1, "headers": [{"name": "x", "value": "y"}, {"name": "x", "value": "z"}]},
        ],
    )

    assert not result.failed and result["dialect"] == "strimzi_bridge", result["msg"] if result.failed else ""
    assert result["offsets"][1] == {"index": 1, "partition": 1, "offset": 9}


@pytest.mark.parametrize("fixture", ["produce_partial.json", "produce_partial_old.json"])
def test_bridge_per_record_errors_in_both_shapes(http, fixture):
    http.post(V2_ORDERS, json=fx("strimzi_bridge", fixture))
    answer = fx("strimzi_bridge", fixture)["offsets"]

    result = run(dialect="strimzi_bridge", records=[{"value": {"n": n}} for n in range(len(answer))])

    assert result.failed
    failure = result["failed_records"][-1]
    assert failure["error_code"] == answer[-1]["error_code"]
    assert failure["message"] == answer[-1].get("message", answer[-1].get("error"))


def test_avro_on_the_bridge_fails_before_sending_and_says_what_it_supports(http):
    bridge_detected(http)

    result = run(format="avro", value_schema_id=1, value={"id": 1})

    assert result.failed
    assert result["msg"] == "strimzi_bridge cannot produce format avro; it supports json, binary, string"
    assert [c.request.method for c in http.calls] == ["GET", "GET"]


def test_binary_text_and_base64_inputs(http):
    http.post(
        V2_ORDERS,
        json={"offsets": [{"partition": 0, "offset": 1}]},
        match=[matchers.json_params_matcher({"records": [{"key": "a2V5LTE=", "value": "Y2Fmw6k="}]})],
    )
    http.post(
        V2_ORDERS,
        json={"offsets": [{"partition": 0, "offset": 2}]},
        match=[matchers.json_params_matcher({"records": [{"value": "//4A"}]})],
    )

    text = run(dialect="strimzi_bridge", format="binary", key="key-1", value="café")
    raw = run(dialect="strimzi_bridge", format="binary", binary_encoding="base64", value="//4A")

    assert not text.failed and not raw.failed


def test_binary_base64_input_is_checked_before_sending(http):
    result = run(
        dialect="strimzi_bridge",
        format="binary",
        binary_encoding="base64",
        records=[{"value": "ok=="}, {"value": "not base64!"}],
    )

    assert result.failed
    assert result["msg"] == "records[1] value is not valid base64, but binary_encoding=base64 says it is"


# --- Confluent v3 -------------------------------------------------------------------------


def stream(reports, separator=""):
    return separator.join(json.dumps(r) for r in reports)


def test_v3_streamed_reports_with_a_failure_in_the_middle(http):
    sent = []

    def answer(request):
        sent.extend(split_concatenated_json(request.body.decode("utf-8")))
        return 200, {}, stream(fx("confluent_v3", "reports_middle_failure.json"))

    http.get(URL + "/v3/clusters", json=fx("confluent_v3", "clusters.json"))
    partitions_listed(http, "confluent_v3")
    http.add_callback("POST", V3_RECORDS, callback=answer, match=[content_type("application/json")])

    result = run(
        records=[
            {"key": "k0", "value": {"n": 0}},
            {"key": "k1", "value": {"n": 1}, "partition": 1},
            {"key": "k2", "value": {"n": 2}, "headers": {"h": "v"}, "timestamp": 1769860800000},
        ]
    )

    assert sent == [
        {"key": {"type": "JSON", "data": "k0"}, "value": {"type": "JSON", "data": {"n": 0}}},
        {"partition_id": 1, "key": {"type": "JSON", "data": "k1"}, "value": {"type": "JSON", "data": {"n": 1}}},
        {
            "headers": [{"name": "h", "value": "dg=="}],
            "key": {"type": "JSON", "data": "k2"},
            "value": {"type": "JSON", "data": {"n": 2}},
            "timestamp": "2026-01-31T12:00:00.000Z",
        },
    ]
    assert result.failed and result["dialect"] == "confluent_v3" and result["changed"] is True
    assert result["offsets"] == [
        {"index": 0, "partition": 0, "offset": 100},
        {"index": 2, "partition": 1, "offset": 57},
    ]
    assert result["failed_records"] == [
        {"index": 1, "error_code": 40403, "message": "This server does not host this topic-partition."}
    ]
    assert result["not_sent"] == "" and result["unknown"] == ""
    assert result["requests"] == 3


def test_v3_stream_cut_short_leaves_the_rest_unknown(http):
    reports = fx("confluent_v3", "reports_ok.json")
    http.post(V3_RECORDS, body=stream(reports, "\n")[:-20])

    result = run(dialect="confluent_v3", cluster_id=CLUSTER, records=[{"value": 1}, {"value": 2}, {"value": 3}])

    assert result.failed
    assert [o["index"] for o in result["offsets"]] == [0]
    assert result["unknown"] == "1-2"


def test_v3_rate_limited_record_is_a_failure(http):
    http.post(V3_RECORDS, body=stream(fx("confluent_v3", "reports_rate_limited.json"), "\r\n"))

    result = run(dialect="confluent_v3", cluster_id=CLUSTER, records=[{"value": 1}, {"value": 2}])

    assert result.failed and result["failed_records"][0]["error_code"] == 429


def test_v3_avro_schema_then_schema_id_and_binary_keys(http):
    bodies = []

    def answer(request):
        bodies.append(split_concatenated_json(request.body.decode("utf-8")))
        return 200, {}, stream(fx("confluent_v3", "reports_avro.json")[:1])

    http.add_callback("POST", V3_RECORDS, callback=answer)

    result = run(
        dialect="confluent_v3",
        cluster_id=CLUSTER,
        format="avro",
        value_schema='{"type":"int"}',
        key_schema_id=9,
        records=[{"key": "a", "value": 1}, {"value": 2}],
        batch_size=1,
    )

    assert not result.failed
    assert bodies[0] == [
        {"key": {"schema_id": 9, "data": "a"}, "value": {"type": "AVRO", "schema": '{"type":"int"}', "data": 1}}
    ]
    assert bodies[1] == [{"value": {"schema_id": 5, "data": 2}}]
    assert result["value_schema_id"] == 5 and result["key_schema_id"] == 9


def test_v3_connection_lost_after_sending_is_not_resent(http):
    http.post(V3_RECORDS, body=requests.exceptions.ReadTimeout("read timed out"))

    result = run(
        dialect="confluent_v3", cluster_id=CLUSTER, records=[{"value": 1}, {"value": 2}], batch_size=1, retries=4
    )

    assert result.failed
    assert result["unknown"] == "0" and result["not_sent"] == "1"
    assert "may have been processed" in result["msg"]
    assert len(posts(http)) == 1


def test_no_server_reachable_means_nothing_was_written(http):
    http.post(V2_ORDERS, json=offsets_for(1))
    # What requests raises when the connection is refused: nothing was sent.
    refused = MaxRetryError(None, V2_ORDERS, reason=NewConnectionError(None, "Connection refused"))
    http.post(V2_ORDERS, body=requests.exceptions.ConnectionError(refused))

    result = run(dialect="confluent_v2", records=[{"value": n} for n in range(3)], batch_size=1, retries=0)

    assert result.failed and result["changed"] is True
    assert [o["index"] for o in result["offsets"]] == [0]
    # A refused connection sent nothing: the records are not_sent, not of unknown outcome.
    assert result["not_sent"] == "1-2" and result["unknown"] == "" and result["failed_records"] == []
    assert "no server answered" in result["msg"]


# --- check mode, input errors, secrets ----------------------------------------------------


def test_check_mode_sends_nothing_and_counts_what_would_be_written(http):
    result = run(check_mode=True, dialect="confluent_v2", records=[{"value": 1}, {"value": 2}])

    assert not result.failed and result["changed"] is True
    assert result["count"] == 2 and result["offsets"] == []
    assert posts(http) == []


def test_check_mode_still_checks_the_dialect(http):
    bridge_detected(http)

    result = run(check_mode=True, format="protobuf", value_schema_id=1, value={})

    assert result.failed and "strimzi_bridge cannot produce format protobuf" in result["msg"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"records": [{"value": 1}, {"vaule": 2}]}, "records[1] has unknown field(s) vaule"),
        ({"records": [{"value": 1, "partition": -1}]}, "records[0] partition must be a number of 0 or more"),
        ({"records": [{"value": 1, "timestamp": "yesterday"}]}, "records[0] timestamp 'yesterday' is neither"),
        (
            {"format": "string", "records": [{"value": {"a": 1}}]},
            "records[0] value is a dict but format=string takes text",
        ),
        ({"format": "json", "key_schema_id": 1, "value": 1}, "key_schema_id only apply to format avro"),
        ({"value": 1, "batch_size": 0}, "batch_size must be 1 or more"),
    ],
)
def test_bad_input_fails_before_sending_with_the_record_index(http, args, message):
    result = run(dialect="confluent_v2", **args)

    assert result.failed
    assert message in result["msg"]
    assert len(http.calls) == 0


def test_records_and_value_are_exclusive(http):
    result = run(records=[{"value": 1}], value=2)
    assert result.failed and "mutually exclusive" in result["msg"]


def test_a_server_echoing_the_password_is_masked(http):
    http.post(V2_ORDERS, status=422, json={"error_code": 42205, "message": "bad request from user:hunter2"})

    result = run(dialect="confluent_v2", url_username="user", url_password="hunter2", value=1)

    assert result.failed
    assert "hunter2" not in json.dumps(result)


# --- tombstones and the bridge's request schema ---------------------


@pytest.mark.parametrize(
    "dialect, args, said",
    [
        # tombstones-karapace-and-bridge.txt: Karapace writes an empty value (offset -1).
        ("confluent_v2", {"key": "k"}, "Karapace writes an empty value instead"),
        ("confluent_v2", {"format": "binary", "records": [{"key": "k", "value": None}]}, "cannot write a null value"),
        # The bridge refuses a record without a value and writes the text null for value: null.
        ("strimzi_bridge", {"key": "k"}, "it refuses a record without one and writes the text null"),
        ("strimzi_bridge", {"format": "binary", "records": [{"value": "a"}, {"key": "k"}]}, "records[1] has no value"),
    ],
)
def test_tombstones_are_refused_before_sending_where_the_dialect_cannot_write_them(http, dialect, args, said):
    result = run(dialect=dialect, **args)

    assert result.failed and said in result["msg"]
    assert posts(http) == []


def test_a_tombstone_goes_through_confluent_v3_as_a_record_without_a_value(http):
    sent = []

    def answer(request):
        sent.extend(split_concatenated_json(request.body.decode("utf-8")))
        return 200, {}, stream(fx("confluent_v3", "reports_ok.json")[:1])

    http.add_callback("POST", V3_RECORDS, callback=answer)

    result = run(dialect="confluent_v3", cluster_id=CLUSTER, key="k")

    assert not result.failed and result["count"] == 1
    assert sent == [{"key": {"type": "JSON", "data": "k"}}]


@pytest.mark.parametrize(
    "records, said",
    [
        # strimzi-kafka-bridge-1.1.0.value-types.txt: numbers and booleans are refused as values.
        (
            [{"value": {"n": 0}}, {"key": "k5", "value": 5}],
            "records[1] value is a int, and the Strimzi bridge takes only",
        ),
        ([{"value": True}], "records[0] value is a bool"),
        # ... and a header without a value.
        (
            [{"key": "hn", "value": {"a": 4}, "headers": [{"key": "empty", "value": None}]}],
            "records[0] header 'empty' has no value",
        ),
    ],
)
def test_what_the_bridge_refuses_is_named_by_record_before_sending(http, records, said):
    result = run(dialect="strimzi_bridge", records=records)

    assert result.failed and said in result["msg"]
    assert posts(http) == []


def test_the_bridges_validation_errors_reach_the_user(http):
    """The bridge's 400 came back without its validation_errors. A refusal the
    checks do not foresee (here a number key, which they let through) keeps them."""
    refusal = fx("strimzi_bridge", "error_value_number.json")
    http.post(V2_ORDERS, status=400, json=refusal)

    result = run(dialect="strimzi_bridge", records=[{"key": 5, "value": {"a": 1}}])

    assert result.failed
    assert result["validation_errors"] == refusal["validation_errors"]
    assert "Instance type number is invalid. Expected object" in result["failed_records"][0]["message"]
    assert "validation errors:" in result["msg"]


# --- src ----------------------------------------------------------------------------------


def write_src(tmp_path, text, name="records.ndjson"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_src_ndjson_is_sent_in_batches_and_named_by_line_number(http, tmp_path):
    src = write_src(
        tmp_path, '{"key": "a", "value": {"n": 1}}\n\n{"value": {"n": 2}, "partition": 1}\n{"value": [3]}\n'
    )
    partitions_listed(http)
    bodies = []

    def answer(request):
        records = json.loads(request.body)["records"]
        bodies.append(records)
        return 200, {}, json.dumps(offsets_for(len(records), first=10 * len(bodies)))

    http.add_callback("POST", V2_ORDERS, callback=answer)

    result = run(dialect="confluent_v2", src=src, batch_size=2, return_offsets=True)

    assert not result.failed and result["count"] == 3
    assert bodies == [[{"key": "a", "value": {"n": 1}}, {"value": {"n": 2}, "partition": 1}], [{"value": [3]}]]
    # Line 2 is blank: indexes are line numbers.
    assert [o["index"] for o in result["offsets"]] == [1, 3, 4]


def test_src_lines_are_text_values(http, tmp_path):
    src = write_src(tmp_path, "login ok\nlogin failed\n", "audit.log")
    expect_v2_produce(
        http,
        fx("strimzi_bridge", "produce_ok.json"),
        "text",
        {"records": [{"value": "login ok"}, {"value": "login failed"}]},
    )

    result = run(dialect="strimzi_bridge", src=src, src_format="lines", format="string")

    assert not result.failed and result["count"] == 2
    # With src, offsets are summed up per partition unless asked for.
    assert result["offsets"] == []
    assert result["partitions"] == [
        {"partition": 0, "count": 1, "first_offset": 3, "last_offset": 3},
        {"partition": 1, "count": 1, "first_offset": 9, "last_offset": 9},
    ]


def test_src_is_checked_to_the_last_line_before_anything_is_sent(http, tmp_path):
    src = write_src(tmp_path, '{"value": {"n": 1}}\n{"value": {"n": 2}}\n{"vaule": 3}\n')

    result = run(dialect="confluent_v2", src=src)

    assert result.failed and result["msg"].startswith("src line 3 has unknown field(s) vaule")
    assert posts(http) == []


def test_src_failure_names_lines_and_lists_the_lines_not_sent(http, tmp_path):
    src = write_src(tmp_path, "".join('{"value": {"n": %d}}\n' % n for n in range(5)))
    http.post(V2_ORDERS, json=offsets_for(2))
    # Karapace's answer when a record of the batch fails (karapace-5.0.3.partial-failure.txt).
    partial = {"key_schema_id": None, "offsets": [{"offset": 2, "partition": 0}, {"error": "boom", "error_code": 2}]}
    http.post(V2_ORDERS, status=422, json=dict(partial, value_schema_id=None))

    result = run(dialect="confluent_v2", src=src, batch_size=2)

    assert result.failed and result["changed"] is True
    assert result["failed_records"] == [{"index": 4, "error_code": 2, "message": "boom"}]
    assert result["not_sent"] == "5"
    assert "src lines 4" in result["msg"] and "src lines 5 not sent" in result["msg"]


def test_src_check_mode_reads_and_counts_without_sending(http, tmp_path):
    src = write_src(tmp_path, '{"value": {"n": 1}}\n{"value": {"n": 2}}\n')

    result = run(check_mode=True, dialect="confluent_v2", src=src)

    assert not result.failed and result["changed"] is True and result["count"] == 2
    assert posts(http) == []


@pytest.mark.parametrize(
    "text, args, said",
    [
        ("not json\n", {}, "src line 1 is not a JSON record object"),
        ("a line\n", {"src_format": "lines"}, "src_format=lines takes format string or binary, not json"),
    ],
)
def test_src_input_errors(http, tmp_path, text, args, said):
    result = run(dialect="confluent_v2", src=write_src(tmp_path, text), **args)

    assert result.failed and said in result["msg"]


def test_src_that_cannot_be_read_is_a_clear_error(http, tmp_path):
    result = run(dialect="confluent_v2", src=str(tmp_path / "absent.ndjson"))

    assert result.failed and result["msg"].startswith("cannot read src")


def test_src_excludes_records(http, tmp_path):
    result = run(src=write_src(tmp_path, "{}\n"), records=[{"value": 1}])

    assert result.failed and "mutually exclusive" in result["msg"]


# --- partitions named by records (consumers-partitions-headers-karapace-and-bridge.txt)


def test_a_record_for_a_partition_the_topic_lacks_fails_before_anything_is_sent(http):
    """The bridge held this batch (partition 99 of a 1-partition topic) for 60 s, then
    wrote the first record and failed the second; Karapace answered 422. Now the topic's
    partitions are read first and the task fails before sending, naming record and partitions."""
    http.get(URL + "/topics/rec-race-1/partitions", json=fx("strimzi_bridge", "partitions_one.json"))

    result = run(
        dialect="strimzi_bridge",
        topic="rec-race-1",
        records=[{"key": "a", "value": {"n": 1}}, {"key": "b", "value": {"n": 2}, "partition": 99}],
    )

    assert result.failed and not result.get("changed")
    assert result["msg"] == (
        "records[1] names partition 99, but topic rec-race-1 has partition 0 (1 in all); nothing was sent"
    )
    assert posts(http) == []


def test_partitions_are_read_once_per_task_for_every_record_naming_one(http, tmp_path):
    src = write_src(tmp_path, "".join('{"value": {"n": %d}, "partition": %d}\n' % (n, n % 2) for n in range(6)))
    partitions_listed(http)
    http.post(V2_ORDERS, json=offsets_for(3))
    http.post(V2_ORDERS, json=offsets_for(3))

    result = run(dialect="confluent_v2", src=src, batch_size=3)

    assert not result.failed and result["count"] == 6
    assert [c.request.url for c in http.calls].count(V2_ORDERS + "/partitions") == 1


def test_records_naming_no_partition_cost_no_metadata_read(http):
    http.post(V2_ORDERS, json=offsets_for(2))

    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2}])

    assert not result.failed and result["requests"] == 2


def test_a_missing_partition_in_src_names_the_line(http, tmp_path):
    src = write_src(tmp_path, '{"value": {"n": 1}, "partition": 1}\n{"value": {"n": 2}, "partition": 2}\n')
    partitions_listed(http)

    result = run(dialect="confluent_v2", src=src)

    assert result.failed and result["msg"].startswith(
        "src line 2 names partition 2, but topic orders has partitions 0-1"
    )
    assert posts(http) == []


def test_a_thousand_records_refused_are_reported_as_ranges_and_grouped_errors(http):
    """A 1,000-record produce to a missing topic returned 300 failed_records entries and
    700 not_sent indexes. Karapace's answer (karapace-5.0.3.http.txt, a topic that does not exist)."""
    http.post(V2_ORDERS, status=404, json={"error_code": 40401, "message": "Topic nosuch not found"})

    result = run(dialect="confluent_v2", records=[{"value": {"n": n}} for n in range(1000)], batch_size=300)

    assert result.failed
    assert result["not_sent"] == "300-999" and result["unknown"] == ""
    assert result["failed_count"] == 300 and len(result["failed_records"]) == 10
    assert result["errors"] == [
        {"error_code": 40401, "message": "Topic nosuch not found", "count": 300, "ranges": "0-299"}
    ]
    assert "records 300-999 not sent" in result["msg"] and "(records 0-299)" in result["msg"]
    # What the task returns beyond the echo of its arguments stays small.
    assert len(json.dumps(dict((k, v) for k, v in result.items() if k != "invocation"))) < 3000
