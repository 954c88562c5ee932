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

from ansible_collections.kafkaops.connect.plugins.module_utils._rest_records import split_concatenated_json
from ansible_collections.kafkaops.connect.plugins.modules import kafka_rest_produce
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module

URL = "http://proxy.test:8082"
CLUSTER = "MkU3OEVBNTcwNTJENDM2Qk"
V3_RECORDS = URL + "/v3/clusters/" + CLUSTER + "/topics/orders/records"
V2_ORDERS = URL + "/topics/orders"


def fx(dialect, name):
    return load_fixture("rest_proxy", dialect, name)


def run(check_mode=False, **args):
    args.setdefault("rest_proxy_url", [URL])
    args.setdefault("topic", "orders")
    return run_module(kafka_rest_produce.main, args, check_mode=check_mode)


def content_type(value):
    return matchers.header_matcher({"Content-Type": value})


def expect_v2_produce(http, answer, embedded, body):
    """A v2-style produce request of the embedded format ``embedded`` carrying exactly ``body``."""
    http.post(
        V2_ORDERS,
        json=answer,
        match=[content_type("application/vnd.kafka.%s.v2+json" % embedded), matchers.json_params_matcher(body)],
    )


def offsets_for(count, partition=0, first=0):
    return {
        "offsets": [
            {"partition": partition, "offset": first + i, "error_code": None, "error": None} for i in range(count)
        ]
    }


# --- Confluent v2 -------------------------------------------------------------------------


def test_v2_json_records_are_sent_as_one_request_and_every_offset_returned(http):
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
    assert result["requests"] == 1 and result["value_schema_id"] is None


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
    assert result["requests"] == 3


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
    assert result["not_sent"] == [6] and result["unknown"] == []
    assert "5 of 7 records written" in result["msg"] and "records 6 not sent" in result["msg"]
    assert len(http.calls) == 2


def test_v2_unknown_topic_rejects_the_batch(http):
    http.post(V2_ORDERS, status=404, json=fx("confluent_v2", "error_topic_not_found.json"))

    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2}, {"value": 3}], batch_size=2)

    assert result.failed and result["changed"] is False
    assert result["failed_records"] == [
        {"index": 0, "error_code": 40401, "message": "Topic not found."},
        {"index": 1, "error_code": 40401, "message": "Topic not found."},
    ]
    assert result["not_sent"] == [2]
    assert "returned HTTP 404" in result["msg"]


def test_v2_server_error_is_not_retried_and_leaves_records_unknown(http):
    http.post(V2_ORDERS, status=500, json={"error_code": 50001, "message": "Zookeeper error"})

    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2}], retries=3)

    assert result.failed
    assert result["unknown"] == [0, 1] and result["failed_records"] == []
    assert "outcome unknown for records 0-1" in result["msg"]
    assert len(http.calls) == 1


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
    assert len(http.calls) == 0


def test_headers_on_confluent_v2_fail_before_sending(http):
    result = run(dialect="confluent_v2", records=[{"value": 1}, {"value": 2, "headers": {"a": "b"}}])

    assert result.failed
    assert result["msg"].startswith("records[1] has headers, which confluent_v2 cannot send")


# --- Karapace (speaks v2) -----------------------------------------------------------------


def test_karapace_is_detected_as_v2_and_its_error_codes_1_and_2_are_failures(http):
    http.get(URL + "/v3/clusters", status=404, json={"error_code": 404, "message": "Not Found"})
    http.get(URL + "/", status=404, json=fx("karapace", "root.json"))
    http.post(V2_ORDERS, json=fx("karapace", "produce_partial.json"))

    result = run(records=[{"value": 1}, {"value": 2}, {"value": 3}])

    assert result.failed and result["dialect"] == "confluent_v2"
    assert result["offsets"] == [{"index": 0, "partition": 0, "offset": 40}]
    assert result["failed_records"] == [
        {"index": 1, "error_code": 2, "message": "Broker: Not enough in-sync replicas"},
        {"index": 2, "error_code": 1, "message": "timed out waiting to publish message"},
    ]
    assert result["requests"] == 3


def test_karapace_offset_minus_one_still_means_written(http):
    http.post(V2_ORDERS, json=fx("karapace", "produce_ok.json"))

    result = run(dialect="confluent_v2", format="jsonschema", value_schema_id=7, value={"a": 1})

    assert not result.failed
    assert result["offsets"] == [{"index": 0, "partition": 0, "offset": -1}]
    assert result["value_schema_id"] == 7


# --- Strimzi Kafka Bridge -----------------------------------------------------------------


def bridge_detected(http):
    http.get(URL + "/v3/clusters", status=404, json={"error_code": 404, "message": "Not Found"})
    http.get(URL + "/", json=fx("strimzi_bridge", "root.json"))


def test_bridge_text_records_with_headers_and_timestamps(http):
    bridge_detected(http)
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

    assert not result.failed and result["dialect"] == "strimzi_bridge"
    assert result["offsets"][1] == {"index": 1, "partition": 1, "offset": 9}


@pytest.mark.parametrize("fixture", ["produce_partial.json", "produce_partial_old.json"])
def test_bridge_per_record_errors_in_both_shapes(http, fixture):
    http.post(V2_ORDERS, json=fx("strimzi_bridge", fixture))
    answer = fx("strimzi_bridge", fixture)["offsets"]

    result = run(dialect="strimzi_bridge", records=[{"value": n} for n in range(len(answer))])

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
    http.add_callback("POST", V3_RECORDS, callback=answer, match=[content_type("application/json")])

    result = run(
        records=[
            {"key": "k0", "value": {"n": 0}},
            {"key": "k1", "value": {"n": 1}, "partition": 99},
            {"key": "k2", "value": {"n": 2}, "headers": {"h": "v"}, "timestamp": 1769860800000},
        ]
    )

    assert sent == [
        {"key": {"type": "JSON", "data": "k0"}, "value": {"type": "JSON", "data": {"n": 0}}},
        {"partition_id": 99, "key": {"type": "JSON", "data": "k1"}, "value": {"type": "JSON", "data": {"n": 1}}},
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
    assert result["not_sent"] == [] and result["unknown"] == []
    assert result["requests"] == 2


def test_v3_stream_cut_short_leaves_the_rest_unknown(http):
    reports = fx("confluent_v3", "reports_ok.json")
    http.post(V3_RECORDS, body=stream(reports, "\n")[:-20])

    result = run(dialect="confluent_v3", cluster_id=CLUSTER, records=[{"value": 1}, {"value": 2}, {"value": 3}])

    assert result.failed
    assert [o["index"] for o in result["offsets"]] == [0]
    assert result["unknown"] == [1, 2]


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
    assert result["unknown"] == [0] and result["not_sent"] == [1]
    assert "may have been processed" in result["msg"]
    assert len(http.calls) == 1


def test_no_server_reachable_means_nothing_was_written(http):
    http.post(V2_ORDERS, json=offsets_for(1))
    # What requests raises when the connection is refused: nothing was sent.
    refused = MaxRetryError(None, V2_ORDERS, reason=NewConnectionError(None, "Connection refused"))
    http.post(V2_ORDERS, body=requests.exceptions.ConnectionError(refused))

    result = run(dialect="confluent_v2", records=[{"value": n} for n in range(3)], batch_size=1, retries=0)

    assert result.failed and result["changed"] is True
    assert [o["index"] for o in result["offsets"]] == [0]
    # A refused connection sent nothing: the records are not_sent, not of unknown outcome.
    assert result["not_sent"] == [1, 2] and result["unknown"] == [] and result["failed_records"] == []
    assert "no server answered" in result["msg"]


# --- check mode, input errors, secrets ----------------------------------------------------


def test_check_mode_sends_nothing_and_counts_what_would_be_written(http):
    result = run(check_mode=True, dialect="confluent_v2", records=[{"value": 1}, {"value": 2}])

    assert not result.failed and result["changed"] is True
    assert result["count"] == 2 and result["offsets"] == []
    assert len(http.calls) == 0


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
