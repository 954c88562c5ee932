# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

import pytest
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils import _rest_proxy
from ansible_collections.kafkaops.connect.plugins.modules import kafka_rest_consume
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module
from ansible_collections.kafkaops.connect.tests.unit.rest_proxy_probes import answer_probe, forced_dialect_probes

URL = "http://proxy.test:8082"
GROUP = "verifier"
INSTANCE = re.compile(re.escape(URL + "/consumers/" + GROUP + "/instances/") + r"kafkaops-[0-9a-f]{16}")
V2 = "application/vnd.kafka.v2+json"
PARTITIONS = {"partitions": [{"topic": "orders", "partition": 0}, {"topic": "orders", "partition": 1}]}


@pytest.fixture(autouse=True)
def confirmation_probes(http):
    yield from forced_dialect_probes(http)


def fx(dialect, name):
    return load_fixture("rest_proxy", dialect, name)


def run(check_mode=False, **args):
    args.setdefault("rest_proxy_url", [URL])
    args.setdefault("topic", "orders")
    args.setdefault("group", GROUP)
    answer_probe(URL, args)
    return run_module(kafka_rest_consume.main, args, check_mode=check_mode)


def under(path):
    return re.compile(INSTANCE.pattern + re.escape(path) + r"(\?.*)?$")


def consumer_set_up(http, dialect, config, seek="beginning"):
    http.post(
        URL + "/consumers/" + GROUP,
        json=fx(dialect, "consumer_created.json"),
        match=[matchers.header_matcher({"Content-Type": V2}), matchers.json_params_matcher(config, strict_match=False)],
    )
    http.get(URL + "/topics/orders/partitions", json=fx("confluent_v2", "partitions_orders.json"))
    http.post(under("/assignments"), status=204, match=[matchers.json_params_matcher(PARTITIONS)])
    if seek:
        http.post(under("/positions/" + seek), status=204, match=[matchers.json_params_matcher(PARTITIONS)])


def polled(http, records, embedded):
    """One poll answered with ``records``, asked for in the embedded format ``embedded``."""
    accept = matchers.header_matcher({"Accept": "application/vnd.kafka.%s.v2+json" % embedded})
    http.get(under("/records"), json=records, match=[accept])


def committed(http, *offsets):
    """The commit of ``(partition, offset)`` pairs of topic orders, as the dialect wants them."""
    body = {"offsets": [{"topic": "orders", "partition": p, "offset": o} for p, o in offsets]}
    http.post(under("/offsets"), status=204, match=[matchers.json_params_matcher(body)])


def deleted(http, status=204, **kwargs):
    http.delete(INSTANCE, status=status, **kwargs)


def test_bridge_reads_text_until_the_marker_commits_next_offsets_and_deletes_the_instance(http):
    http.get(URL + "/", json=fx("strimzi_bridge", "root.json"))
    consumer_set_up(
        http, "strimzi_bridge", {"format": "text", "auto.offset.reset": "earliest", "enable.auto.commit": False}
    )
    polled(http, fx("strimzi_bridge", "records_text.json"), "text")
    # The bridge commits the offset it is given: the next one to read.
    committed(http, (0, 1), (1, 1))
    deleted(http)

    result = run(format="string", until="MARKER", commit=True)

    assert not result.failed and result["changed"] is True
    assert result["dialect"] == "strimzi_bridge"
    assert [r["value"] for r in result["records"]] == ["hello", "MARKER run-42"]
    assert result["records"][1] == {
        "topic": "orders",
        "partition": 1,
        "offset": 0,
        "key": "k2",
        "value": "MARKER run-42",
        "timestamp": 1769860800001,
        "timestamp_iso": "2026-01-31T12:00:00.001Z",
        "headers": [{"name": "source", "value": "ansible", "encoding": "utf-8"}],
    }
    # A record without headers has an empty list on the bridge.
    assert result["records"][0]["headers"] == []
    assert result["found"] is True and result["committed"] is True and result["consumer_deleted"] is True
    assert INSTANCE.match(URL + "/consumers/" + GROUP + "/instances/" + result["consumer_instance"])
    # No v3 probe when consuming: / then create, partitions, assign, seek, poll, commit, delete.
    assert result["requests"] == 8


def test_v2_stops_at_max_records_and_commits_the_last_offsets_read(http):
    consumer_set_up(
        http, "confluent_v2", {"format": "json", "auto.offset.reset": "earliest", "auto.commit.enable": "false"}
    )
    polled(http, fx("confluent_v2", "records_json.json"), "json")
    # Confluent adds one to the offset it is given.
    committed(http, (0, 0), (1, 0))
    deleted(http)

    result = run(dialect="confluent_v2", max_records=2, commit=True)

    assert result["count"] == 2 and result["found"] is None
    assert result["records"][0]["value"] == {"id": 1, "status": "new"}


def test_v2_until_a_dict_marker_and_from_committed_needs_no_seek(http):
    consumer_set_up(http, "confluent_v2", {"format": "json"}, seek=None)
    http.get(under("/records"), json=fx("confluent_v2", "records_json.json"))
    deleted(http)

    result = run(dialect="confluent_v2", until={"status": "DONE"}, **{"from": "committed"})

    assert result["found"] is True and result["count"] == 3
    assert result["changed"] is False and result["committed"] is False


def test_binary_values_are_decoded_when_they_are_utf8(http):
    consumer_set_up(http, "confluent_v2", {"format": "binary"}, seek="end")
    http.get(under("/records"), json=fx("confluent_v2", "records_binary.json"))
    deleted(http)

    result = run(dialect="confluent_v2", format="binary", max_records=2, **{"from": "end"})

    assert result["records"] == [
        {
            "topic": "blobs",
            "partition": 0,
            "offset": 7,
            "key": "key-1",
            "value": "café",
            "key_encoding": "utf-8",
            "value_encoding": "utf-8",
            "timestamp": None,
            "timestamp_iso": None,
            "headers": None,
        },
        {
            "topic": "blobs",
            "partition": 0,
            "offset": 8,
            "key": None,
            "value": "//4A",
            "key_encoding": None,
            "value_encoding": "base64",
            "timestamp": None,
            "timestamp_iso": None,
            "headers": None,
        },
    ]


def test_karapace_binary_records_show_the_schema_ids_avro_was_written_with(http):
    """Recorded for records_binary_wire_format.json (see SOURCES.md): Avro written through
    Karapace 5.0.3 with key schema id 1 and value schema id 2, read by a binary consumer. The ids
    are in the records returned and in those written to dest."""
    consumer_set_up(http, "karapace", {"format": "binary"})
    http.get(under("/records"), json=fx("karapace", "records_binary_wire_format.json"))
    deleted(http)

    result = run(dialect="confluent_v2", format="binary", schema_ids=True, max_records=2)

    assert not result.failed and result["count"] == 2
    assert [(r["key_schema_id"], r["value_schema_id"]) for r in result["records"]] == [(1, 2), (None, 2)]
    # The bytes are returned as a binary consumer returns them, header included.
    assert [r["value"] for r in result["records"]] == ["\x00\x00\x00\x00\x02\x02", "\x00\x00\x00\x00\x02\x04"]


def test_schema_ids_are_written_to_dest_with_the_rest_of_the_record(http, tmp_path):
    consumer_set_up(http, "karapace", {"format": "binary"})
    http.get(under("/records"), json=fx("karapace", "records_binary_wire_format.json"))
    deleted(http)
    dest = tmp_path / "read.ndjson"

    result = run(dialect="confluent_v2", format="binary", schema_ids=True, max_records=2, dest=str(dest))

    assert result["records"] == [] and result["count"] == 2
    lines = [json.loads(line) for line in dest.read_text(encoding="utf-8").splitlines()]
    assert [(r["key_schema_id"], r["value_schema_id"]) for r in lines] == [(1, 2), (None, 2)]


def test_polls_until_the_time_is_up_when_nothing_comes(http, monkeypatch):
    ticks = iter(range(0, 1000, 10))
    monkeypatch.setattr(_rest_proxy, "_clock", lambda: next(ticks))
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    http.get(under("/records"), json=[])
    deleted(http)

    result = run(dialect="confluent_v2", poll_timeout=25, until="never")

    assert not result.failed
    assert result["count"] == 0 and result["found"] is False
    polls = [c for c in http.calls if c.request.url.split("?")[0].endswith("/records")]
    assert len(polls) == 2
    # Empty polls wait longer each time, up to 5 s.
    assert [c.request.url.split("?")[1] for c in polls] == ["timeout=500", "timeout=1000"]


def test_karapace_records_ready_are_read_with_a_short_proxy_timeout_and_polling_stops_at_max_records(http):
    """Recorded in karapace-5.0.3.module-wire.txt: Karapace holds every poll for the timeout it is
    given (5.004 s for ?timeout=5000 with 14 records ready), so the first poll asks for 500 ms,
    and no poll follows once max_records records were read."""
    karapace = {"format": "json", "auto.offset.reset": "earliest", "auto.commit.enable": "false"}
    consumer_set_up(http, "karapace", karapace)
    http.get(under("/records"), json=fx("karapace", "records_json.json"))
    deleted(http)

    result = run(dialect="confluent_v2", max_records=3, poll_timeout=30)

    assert not result.failed and result["count"] == 3
    assert [r["offset"] for r in result["records"]] == [0, 1, 2]
    polls = [c.request.url for c in http.calls if c.request.url.split("?")[0].endswith("/records")]
    assert len(polls) == 1 and polls[0].endswith("?timeout=500")


def test_a_forced_bridge_on_karapace_fails_before_a_consumer_is_created(http):
    """Forcing strimzi_bridge on a v2 proxy committed one offset too far, silently."""
    http.get(URL + "/", json=fx("karapace", "root.json"))

    result = run_module(
        kafka_rest_consume.main,
        dict(rest_proxy_url=[URL], topic="orders", group=GROUP, dialect="strimzi_bridge", commit=True),
    )

    assert result.failed and "dialect strimzi_bridge was forced" in result["msg"]
    assert [c.request.method for c in http.calls] == ["GET"]


def read_four_records(http):
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    http.get(under("/records"), json=fx("karapace", "records_json.json"))
    deleted(http)


def test_dest_gets_the_records_as_ndjson_and_a_rerun_with_the_same_records_is_ok(http, tmp_path):
    dest = tmp_path / "orders.ndjson"
    read_four_records(http)
    read_four_records(http)
    first = run(dialect="confluent_v2", max_records=4, dest=str(dest))
    second = run(dialect="confluent_v2", max_records=4, dest=str(dest))

    assert first["changed"] is True and second["changed"] is False
    assert first["records"] == [] and first["count"] == 4
    lines = [json.loads(line) for line in dest.read_text().splitlines()]
    assert [(r["partition"], r["offset"], r["key"]) for r in lines] == [
        (0, 0, "k0"),
        (0, 1, {"id": 3}),
        (0, 2, None),
        (1, 0, "k1"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["orders.ndjson"]


def test_dest_is_unchanged_when_a_rerun_gets_the_partitions_interleaved_otherwise(http, tmp_path):
    """Karapace 5.0.3 returned the partitions of one topic in another order on a second read (the
    live kafka_rest_consume target): the same records in each partition are the same read."""
    dest = tmp_path / "orders.ndjson"
    records = fx("karapace", "records_json.json")
    read_four_records(http)
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    # Partition 1's record first this time; partition 0's records in their order.
    http.get(under("/records"), json=[records[3]] + records[:3])
    deleted(http)
    first = run(dialect="confluent_v2", max_records=4, dest=str(dest))
    written = dest.read_text()

    second = run(dialect="confluent_v2", max_records=4, dest=str(dest))

    assert first["changed"] is True and second["changed"] is False
    assert dest.read_text() == written and sorted(p.name for p in tmp_path.iterdir()) == ["orders.ndjson"]


def test_dest_changes_when_a_partition_holds_its_records_in_another_order(http, tmp_path):
    dest = tmp_path / "orders.ndjson"
    records = fx("karapace", "records_json.json")
    read_four_records(http)
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    http.get(under("/records"), json=[records[1], records[0], records[2], records[3]])
    deleted(http)
    run(dialect="confluent_v2", max_records=4, dest=str(dest))

    second = run(dialect="confluent_v2", max_records=4, dest=str(dest))

    assert second["changed"] is True
    assert [json.loads(line)["offset"] for line in dest.read_text().splitlines()][:2] == [1, 0]


def test_dest_that_is_not_a_read_is_replaced(http, tmp_path):
    dest = tmp_path / "orders.ndjson"
    dest.write_bytes(b"\xff\xfe not json\n")
    read_four_records(http)

    result = run(dialect="confluent_v2", max_records=4, dest=str(dest))

    assert result["changed"] is True and len(dest.read_text().splitlines()) == 4


def test_dest_in_check_mode_is_not_written(http, tmp_path):
    dest = tmp_path / "orders.ndjson"
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    http.get(under("/records"), json=fx("karapace", "records_json.json"))
    deleted(http)

    result = run(check_mode=True, dialect="confluent_v2", max_records=4, dest=str(dest))

    assert result["changed"] is True and result["count"] == 4
    assert list(tmp_path.iterdir()) == []


def test_dest_is_left_alone_when_the_read_fails(http, tmp_path):
    dest = tmp_path / "orders.ndjson"
    dest.write_text("before\n")
    consumer_set_up(http, "confluent_v2", {"format": "avro"})
    http.get(under("/records"), status=406, json=fx("confluent_v2", "error_406_format.json"))
    deleted(http)

    result = run(dialect="confluent_v2", format="avro", dest=str(dest))

    assert result.failed
    assert dest.read_text() == "before\n" and sorted(p.name for p in tmp_path.iterdir()) == ["orders.ndjson"]


def test_format_mismatch_406_fails_and_the_instance_is_still_deleted(http):
    consumer_set_up(http, "confluent_v2", {"format": "avro"})
    http.get(under("/records"), status=406, json=fx("confluent_v2", "error_406_format.json"))
    deleted(http)

    result = run(dialect="confluent_v2", format="avro")

    assert result.failed
    assert result["status"] == 406 and result["error_code"] == 40601
    assert "does not match the deserializer" in result["msg"]
    assert result["consumer_deleted"] is True and result["group"] == GROUP


def test_missing_topic_fails_and_the_instance_is_deleted(http):
    http.post(URL + "/consumers/" + GROUP, json=fx("confluent_v2", "consumer_created.json"))
    http.get(URL + "/topics/orders/partitions", status=404, json=fx("confluent_v2", "error_topic_not_found.json"))
    deleted(http)

    result = run(dialect="confluent_v2")

    assert result.failed and result["error_code"] == 40401
    assert result["consumer_deleted"] is True


def test_a_rejected_consumer_config_still_tries_the_delete(http):
    http.post(URL + "/consumers/" + GROUP, status=422, json=fx("strimzi_bridge", "error_unprocessable.json"))
    deleted(http, status=404, json={"error_code": 404, "message": "The specified consumer instance was not found."})

    result = run(dialect="strimzi_bridge")

    assert result.failed and result["status"] == 422
    assert result["consumer_deleted"] is True


def test_a_failed_delete_is_a_warning_not_a_failure(http):
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    http.get(under("/records"), json=fx("confluent_v2", "records_json.json"))
    deleted(http, status=500, json={"error_code": 500, "message": "Internal Server Error"})

    result = run(dialect="confluent_v2", max_records=1, retries=0)

    assert not result.failed
    assert result["consumer_deleted"] is False
    assert "consumer instance was not deleted" in str(result["warnings"][0])


def test_v3_has_no_consumer_api(http):
    result = run(dialect="confluent_v3")

    assert result.failed
    assert result["msg"].startswith("confluent_v3 has no consumer API")
    assert len(http.calls) == 0


def test_string_format_needs_the_bridge(http):
    http.get(URL + "/", json={})

    result = run(format="string")

    assert result.failed and result["dialect"] == "confluent_v2"
    assert "confluent_v2 cannot consume format string" in result["msg"]


def test_check_mode_reads_but_does_not_commit(http):
    consumer_set_up(http, "confluent_v2", {"format": "json"})
    http.get(under("/records"), json=fx("confluent_v2", "records_json.json"))
    deleted(http)

    result = run(check_mode=True, dialect="confluent_v2", max_records=4, commit=True)

    assert not result.failed and result["changed"] is True
    assert result["committed"] is False and result["count"] == 4


def test_default_group_is_a_fresh_one(http):
    http.post(re.compile(re.escape(URL) + r"/consumers/kafkaops-consume-[0-9a-f]{16}$"), status=500, json={})
    http.delete(re.compile(re.escape(URL) + r"/consumers/kafkaops-consume-[0-9a-f]{16}/instances/.*"), status=204)

    result = run(dialect="confluent_v2", group=None)

    assert result.failed and result["group"].startswith("kafkaops-consume-")


@pytest.mark.parametrize("args", [{"max_records": 0}, {"poll_timeout": 0}, {"topics": [""]}])
def test_bad_limits_are_refused(http, args):
    if "topics" not in args:
        args["topic"] = "orders"
    result = run_module(kafka_rest_consume.main, dict(rest_proxy_url=[URL], dialect="confluent_v2", **args))
    assert result.failed and "max_records of 1 or more" in result["msg"]


def test_an_html_answer_to_a_consumer_request_says_what_was_expected(http):
    """The rule for every body: one decoding helper, and no page in the message."""
    http.post(URL + "/consumers/" + GROUP, body="<html><body>proxy login</body></html>", content_type="text/html")
    deleted(http, status=404, json={"error_code": 40403, "message": "Consumer instance not found."})

    result = run(dialect="confluent_v2")

    assert result.failed and "expected a JSON answer with the consumer instance, got a text/html body" in result["msg"]
    assert "<html>" not in result["msg"] and result["consumer_deleted"] is True


# --- consumer set-up that the proxy is not ready for (consumers-partitions-headers-karapace-and-bridge.txt)


@pytest.fixture
def no_waiting(monkeypatch):
    """Set-up retries without real waits; the clock advances by each wait."""
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(_rest_proxy, "_sleep", sleep)
    monkeypatch.setattr(_rest_proxy, "_clock", lambda: now[0])
    return waits


def test_karapace_seek_refused_right_after_the_assignment_is_sent_again_and_counted(http, no_waiting):
    """Karapace applies an assignment asynchronously and answers a seek sent at once
    with 409/40903 (4 of 6 recorded tries); the same seek a moment later is accepted. The seek
    is sent again, never skipped, and the records read start at offset 0."""
    karapace = {"format": "json", "auto.offset.reset": "earliest", "auto.commit.enable": "false"}
    consumer_set_up(http, "karapace", karapace, seek=None)
    seek = under("/positions/beginning")
    http.post(seek, status=409, json=fx("karapace", "error_seek_unassigned.json"))
    http.post(seek, status=409, json=fx("karapace", "error_seek_unassigned.json"))
    http.post(seek, status=204, match=[matchers.json_params_matcher(PARTITIONS)])
    http.get(under("/records"), json=fx("karapace", "records_json.json"))
    deleted(http)

    result = run(dialect="confluent_v2", max_records=4)

    assert not result.failed, result["msg"]
    assert result["consumer_setup_retries"] == 2 and no_waiting == [0.1, 0.2]
    assert [c.request.url for c in http.calls].count(
        URL + "/consumers/" + GROUP + "/instances/" + result["consumer_instance"] + "/positions/beginning"
    ) == 3
    assert [(r["partition"], r["offset"]) for r in result["records"]] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    assert result["consumer_deleted"] is True


def test_karapace_seek_refused_as_outdated_with_a_500_is_sent_again(http, no_waiting):
    """Seen on a live run (error_seek_outdated.json, see SOURCES.md): Karapace answered a seek
    right after the assignment with 500 "Internal server error" (its Kafka client found the seek
    outdated); the same seek is accepted a moment later."""
    consumer_set_up(http, "karapace", {"format": "json"}, seek=None)
    seek = under("/positions/beginning")
    http.post(seek, status=500, json=fx("karapace", "error_seek_outdated.json"))
    http.post(seek, status=204, match=[matchers.json_params_matcher(PARTITIONS)])
    http.get(under("/records"), json=fx("karapace", "records_json.json"))
    deleted(http)

    result = run(dialect="confluent_v2", max_records=4, retries=0)

    assert not result.failed, result["msg"]
    assert result["consumer_setup_retries"] == 1 and result["count"] == 4


@pytest.mark.parametrize("dialect", ["confluent_v2", "strimzi_bridge"])
def test_a_500_is_a_not_ready_seek_only_on_karapace_and_only_for_a_seek(http, no_waiting, dialect):
    """A 500 to an assignment is not retried; nor is the bridge's 500 to a seek."""
    config = {"format": "json"}
    if dialect == "strimzi_bridge":
        http.get(URL + "/", json=fx("strimzi_bridge", "root.json"))
    http.post(
        URL + "/consumers/" + GROUP,
        json=fx(dialect if dialect == "strimzi_bridge" else "karapace", "consumer_created.json"),
        match=[matchers.json_params_matcher(config, strict_match=False)],
    )
    http.get(URL + "/topics/orders/partitions", json=fx("confluent_v2", "partitions_orders.json"))
    if dialect == "confluent_v2":
        http.post(under("/assignments"), status=500, json=fx("karapace", "error_seek_outdated.json"))
    else:
        http.post(under("/assignments"), status=204)
        http.post(under("/positions/beginning"), status=500, json=fx("karapace", "error_seek_outdated.json"))
    deleted(http)

    result = run(dialect=dialect, retries=0)

    assert result.failed and result["status"] == 500 and result["consumer_setup_retries"] == 0


def test_a_consumer_that_never_gets_ready_fails_within_the_bound_and_is_deleted(http, no_waiting):
    consumer_set_up(http, "karapace", {"format": "json"}, seek=None)
    http.post(under("/positions/end"), status=409, json=fx("karapace", "error_seek_unassigned.json"))
    deleted(http)

    result = run(dialect="confluent_v2", **{"from": "end"})

    assert result.failed and result["status"] == 409 and result["error_code"] == 40903
    assert "Trying to reset unassigned partitions to end" not in result["msg"]  # the recorded text is for beginning
    assert "the consumer was still not ready after" in result["msg"]
    assert sum(no_waiting) <= _rest_proxy.SETUP_RETRY_SECONDS and max(no_waiting) == 1.0
    assert result["consumer_setup_retries"] == len(no_waiting) and result["consumer_deleted"] is True
    assert not [c for c in http.calls if "/records" in c.request.url]


def test_bridge_seek_on_a_partition_not_assigned_yet_is_sent_again(http, no_waiting):
    """The bridge's answer to a seek on a partition its consumer has no assignment for (recorded,
    see SOURCES.md) is the same not-ready state, as a 404."""
    bridge = {"format": "json", "auto.offset.reset": "earliest", "enable.auto.commit": False}
    consumer_set_up(http, "strimzi_bridge", bridge, seek=None)
    http.post(under("/positions/beginning"), status=404, json=fx("strimzi_bridge", "error_seek_unassigned.json"))
    http.post(under("/positions/beginning"), status=204)
    http.get(under("/records"), json=fx("strimzi_bridge", "records_headers.json"))
    deleted(http)

    result = run(dialect="strimzi_bridge", max_records=1)

    assert not result.failed and result["consumer_setup_retries"] == 1 and result["count"] == 1


def test_other_refusals_of_a_set_up_call_are_not_retried(http, no_waiting):
    consumer_set_up(http, "confluent_v2", {"format": "json"}, seek=None)
    http.post(under("/positions/beginning"), status=404, json=fx("confluent_v2", "error_partition_not_found.json"))
    deleted(http)

    result = run(dialect="confluent_v2")

    assert result.failed and result["consumer_setup_retries"] == 0 and no_waiting == []


# --- what a read returns, and whether the instance is gone


def test_bridge_records_come_with_headers_byte_exact_and_timestamps(http):
    """Recorded in consumers-partitions-headers-karapace-and-bridge.txt: the bridge returns headers
    (base64) and a timestamp; "Bearer  tok.1" comes back with its two spaces."""
    bridge = {"format": "json", "auto.offset.reset": "earliest", "enable.auto.commit": False}
    consumer_set_up(http, "strimzi_bridge", bridge)
    http.get(under("/records"), json=fx("strimzi_bridge", "records_headers.json"))
    deleted(http)

    result = run(dialect="strimzi_bridge", max_records=1)

    record = result["records"][0]
    assert record["headers"] == [
        {"name": "Authorization", "value": "Bearer  tok.1", "encoding": "utf-8"},
        {"name": "trace", "value": "\u00e9\u00e8", "encoding": "utf-8"},
    ]
    assert record["timestamp"] == 1796065782529 and record["timestamp_iso"] == "2026-11-30T19:09:42.529Z"


def test_karapace_records_come_with_timestamps_and_no_headers_also_in_dest(http, tmp_path):
    """Karapace 5.0.3 returns the timestamp but no headers (null, not an empty list)."""
    dest = tmp_path / "read.ndjson"
    consumer_set_up(http, "karapace", {"format": "json"})
    http.get(under("/records"), json=fx("karapace", "records_timestamp.json"))
    deleted(http)

    result = run(dialect="confluent_v2", max_records=1, dest=str(dest))

    assert json.loads(dest.read_text()) == {
        "topic": "rec-hdr",
        "partition": 0,
        "offset": 0,
        "key": "k1",
        "value": {"n": 1},
        "timestamp": 1796065782529,
        "timestamp_iso": "2026-11-30T19:09:42.529Z",
        "headers": None,
    }
    assert result["count"] == 1


@pytest.mark.parametrize(
    "dialect, gone",
    [
        ("karapace", ("karapace", "error_consumer_gone.json")),
        ("strimzi_bridge", ("strimzi_bridge", "error_consumer_gone.json")),
    ],
)
def test_a_delete_whose_answer_failed_is_checked_with_a_read_that_can_tell(http, dialect, gone):
    """Recorded in consumers-partitions-headers-karapace-and-bridge.txt: GET on an instance URL
    answers 405 deleted or not; a read of its records answers 404 once it is gone."""
    forced = "strimzi_bridge" if dialect == "strimzi_bridge" else "confluent_v2"
    consumer_set_up(http, dialect, {"format": "json"})
    http.get(
        under("/records"), json=fx(dialect, "records_json.json" if dialect == "karapace" else "records_headers.json")
    )
    deleted(http, status=500, json={"error_code": 500, "message": "Internal Server Error"})
    http.get(under("/records"), status=404, json=fx(*gone))

    result = run(dialect=forced, max_records=1, retries=0)

    assert not result.failed and result["consumer_deleted"] is True
    assert not result.get("warnings")
