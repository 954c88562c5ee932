# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.kafkaops.connect.plugins.module_utils import _consumed_records as consumed
from ansible_collections.kafkaops.connect.plugins.module_utils import _iterate as iterate
from ansible_collections.kafkaops.connect.plugins.module_utils import _produce_records as produce
from ansible_collections.kafkaops.connect.plugins.module_utils import _produce_report as produce_report
from ansible_collections.kafkaops.connect.plugins.module_utils import _record_encoding as encoding
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture


# Every record of a list checked as kafka_rest_produce checks them one by one while it reads them.
def check_values(records, fmt, binary_encoding="text"):
    for index, record in enumerate(records):
        produce.check_value(record, "records[%d]" % index, fmt, binary_encoding)


def check_schemas(records, fmt, schemas):
    produce.check_schema_options(fmt, schemas)
    for index, record in enumerate(records):
        produce.check_schema(record, "records[%d]" % index, fmt, schemas)


def test_single_record_options_become_one_record_with_every_field():
    assert produce.records_from_params(None, key="k", value=None, partition=2) == [
        {"key": "k", "value": None, "partition": 2, "headers": [], "timestamp": None}
    ]


def test_default_partition_applies_only_to_records_naming_none():
    records = produce.records_from_params([{"value": 1}, {"value": 2, "partition": "0"}], partition=3)
    assert [r["partition"] for r in records] == [3, 0]


@pytest.mark.parametrize(
    "given, millis",
    [
        (1769860800000, 1769860800000),
        ("1769860800000", 1769860800000),
        ("2026-01-31T12:00:00Z", 1769860800000),
        ("2026-01-31T13:00:00+01:00", 1769860800000),
        ("2026-01-31T12:00:00.250", 1769860800250),
    ],
)
def test_timestamps_become_epoch_milliseconds(given, millis):
    assert produce.records_from_params([{"timestamp": given}])[0]["timestamp"] == millis
    assert encoding.iso_timestamp(1769860800000) == "2026-01-31T12:00:00.000Z"


def test_headers_as_dict_or_list_keep_repeated_names():
    records = produce.records_from_params(
        [{"headers": {"a": "1"}}, {"headers": [{"name": "x", "value": "1"}, {"key": "x", "value": None}]}]
    )
    assert records[0]["headers"] == [("a", "1")]
    assert records[1]["headers"] == [("x", "1"), ("x", None)]


@pytest.mark.parametrize(
    "records, message",
    [
        (["text"], "records[0] must be a dict"),
        ([{"value": 1}, {"headers": "a=b"}], "records[1] headers must be a dict or a list"),
        ([{"headers": {"a": 5}}], "records[0] header 'a': header names and values must be text"),
        ([{"partition": True}], "records[0] partition must be a number"),
    ],
)
def test_record_errors_name_the_index(records, message):
    with pytest.raises(produce.RecordError, match=r"^" + message.replace("[", r"\[").replace("]", r"\]")):
        produce.records_from_params(records)


def test_values_are_checked_for_the_format():
    records = produce.records_from_params([{"value": "ok"}, {"key": 5, "value": "x"}])
    with pytest.raises(produce.RecordError, match=r"records\[1\] key is a int but format=binary takes text"):
        check_values(records, "binary")
    check_values(records, "json")
    with pytest.raises(produce.RecordError, match="cannot be serialised as JSON"):
        check_values(produce.records_from_params([{"value": {1, 2}}]), "avro")


def test_schema_rules():
    records = produce.records_from_params([{"value": 1}, {"key": None, "value": None}])
    none = dict(key_schema=None, key_schema_id=None, value_schema=None, value_schema_id=None)
    check_schemas(records, "json", none)
    # Keys are all null, so no key schema is needed.
    check_schemas(records, "protobuf", dict(none, value_schema="syntax = 'proto3';"))
    with pytest.raises(
        produce.RecordError, match=r"records\[0\] has a value, and format=jsonschema needs value_schema"
    ):
        check_schemas(records, "jsonschema", none)
    assert encoding.schema_text({"type": "string"}) == '{"type":"string"}'


def test_binary_round_trip_and_encodings():
    assert encoding.to_base64("café") == "Y2Fmw6k="
    assert encoding.to_base64("//4A", "base64") == "//4A"
    assert encoding.from_base64("Y2Fmw6k=") == ("café", "utf-8")
    assert encoding.from_base64("//4A") == ("//4A", "base64")
    assert encoding.from_base64(None) == (None, None)


def test_v2_style_outcomes_of_every_dialect():
    confluent = load_fixture("rest_proxy", "confluent_v2", "produce_partial.json")["offsets"]
    karapace = load_fixture("rest_proxy", "karapace", "produce_partial.json")["offsets"]
    bridge = load_fixture("rest_proxy", "strimzi_bridge", "produce_partial.json")["offsets"]
    assert [o[0] for o in produce_report.outcomes_from_offsets(confluent)] == ["written", "failed", "written"]
    assert produce_report.outcomes_from_offsets(karapace) == [
        ("written", 0, 0),
        ("failed", 2, "This request is for a topic or partition that does not exist on this broker."),
        ("written", 1, 0),
    ]
    assert produce_report.outcomes_from_offsets(bridge)[1] == (
        "failed",
        404,
        "Topic orders not present in metadata after 60000 ms.",
    )
    assert produce_report.outcomes_from_offsets([{}])[0][0] == "unknown"


def test_concatenated_json_with_and_without_separators_and_cut_short():
    text = '{"error_code":200,"offset":1}{"error_code":400,"message":"x"}\r\n {"error_code":200,"offset":2}'
    assert [r["error_code"] for r in produce_report.split_concatenated_json(text)] == [200, 400, 200]
    assert len(produce_report.split_concatenated_json(text[:-5])) == 2
    assert produce_report.split_concatenated_json("") == []


def test_v3_reports_outcomes():
    reports = load_fixture("rest_proxy", "confluent_v3", "reports_middle_failure.json")
    assert produce_report.outcomes_from_reports(reports) == [
        ("written", 0, 100),
        ("failed", 40403, "This server does not host this topic-partition."),
        ("written", 1, 57),
    ]


def test_produce_report_accounts_for_every_record():
    report = produce_report.ProduceReport(8)
    assert report.add_batch([0, 1, 2], [("written", 0, 1), ("written", 0, 2), ("written", 1, 1)])
    assert not report.add_batch([3, 4, 5], [("written", 0, 3), ("failed", 50003, "retriable")])
    report.skip([6, 7])
    assert str(report.unknown) == "5" and str(report.not_sent) == "6-7"
    assert report.summary() == (
        "4 of 8 records written; 1 failed (error 50003 for 1 (records 4): retriable); "
        "outcome unknown for records 5 (not sent again: check the topic before resending them); "
        "records 6-7 not sent after the failure"
    )


def test_index_ranges_count_and_read_as_ranges():
    ranges = produce_report.IndexRanges([0, 1, 2, 3, 4, 9, 11, 12])
    ranges.add(12)
    assert str(ranges) == "0-4, 9, 11-12" and len(ranges) == 8
    assert list(ranges) == [0, 1, 2, 3, 4, 9, 11, 12]
    assert str(produce_report.IndexRanges()) == "" and not produce_report.IndexRanges()


def test_a_large_failure_is_reported_as_ranges_and_error_groups_not_one_number_per_record():
    """A 1,000-record produce to a missing topic gave 300 failed_records entries and
    700 not_sent indexes. Karapace's answer to a produce to a missing topic, from
    karapace-5.0.3.http.txt ("produce json to a topic that does not exist"): 404, 40401."""
    report = produce_report.ProduceReport(1000)
    report.reject_batch(list(range(300)), 40401, "Topic nosuch not found")
    report.skip(range(300, 1000))

    assert report.failed_count == 300 and len(report.failed) == produce_report.FAILED_ENTRIES_KEPT
    assert report.failed[0] == {"index": 0, "error_code": 40401, "message": "Topic nosuch not found"}
    assert report.errors() == [
        {"error_code": 40401, "message": "Topic nosuch not found", "count": 300, "ranges": "0-299"}
    ]
    assert str(report.not_sent) == "300-999" and len(report.not_sent) == 700
    assert report.summary() == (
        "0 of 1000 records written; 300 failed (error 40401 for 300 (records 0-299): Topic nosuch not found); "
        "records 300-999 not sent after the failure"
    )


def test_failed_records_are_grouped_by_error_in_the_order_the_errors_came():
    report = produce_report.ProduceReport(6)
    outcomes = [("failed", 2, "boom"), ("written", 0, 1), ("failed", 1, "slow"), ("failed", 2, "boom")]
    report.add_batch([0, 1, 2, 3], outcomes)
    assert report.errors() == [
        {"error_code": 2, "message": "boom", "count": 2, "ranges": "0, 3"},
        {"error_code": 1, "message": "slow", "count": 1, "ranges": "2"},
    ]


def test_consumed_bridge_record_gives_headers_byte_exact_and_its_timestamp():
    """Recorded in consumers-partitions-headers-karapace-and-bridge.txt: the bridge returns each
    record's headers (values base64) and its timestamp; "Bearer  tok.1" keeps its two spaces."""
    raw = {
        "topic": "rec-hdr",
        "key": "k1",
        "value": {"n": 1},
        "partition": 0,
        "offset": 0,
        "timestamp": 1796065782529,
        "headers": [{"key": "Authorization", "value": "QmVhcmVyICB0b2suMQ=="}, {"key": "trace", "value": "w6nDqA=="}],
    }
    record = consumed.consumed_record(raw, "json", with_headers=True)
    assert record["headers"] == [
        {"name": "Authorization", "value": "Bearer  tok.1", "encoding": "utf-8"},
        {"name": "trace", "value": "\u00e9\u00e8", "encoding": "utf-8"},
    ]
    assert record["timestamp"] == 1796065782529
    assert record["timestamp_iso"] == "2026-11-30T19:09:42.529Z"


def test_consumed_karapace_record_gives_its_timestamp_and_no_headers():
    """Recorded in consumers-partitions-headers-karapace-and-bridge.txt: Karapace 5.0.3 returns
    the timestamp but no headers, so headers are null (unknown), not an empty list."""
    raw = {"key": "k1", "offset": 0, "partition": 0, "timestamp": 1796065782529, "topic": "rec-hdr", "value": {"n": 1}}
    record = consumed.consumed_record(raw, "json")
    assert record["headers"] is None
    assert (record["timestamp"], record["timestamp_iso"]) == (1796065782529, "2026-11-30T19:09:42.529Z")


def karapace_wire_records():
    """Recorded for this fixture from Karapace 5.0.3 (see SOURCES.md): Avro written through its
    REST proxy with key schema id 1 and value schema id 2, read by a binary consumer."""
    return load_fixture("rest_proxy", "karapace", "records_binary_wire_format.json")


@pytest.mark.parametrize(
    "value, schema_id",
    [
        ("AAAAAAEEazE=", 1),  # records_binary_wire_format.json: the key k1, Avro string, key schema 1
        ("AAAAAAIC", 2),  # records_binary_wire_format.json: the value {n: 1}, value schema 2
        ("AAAAAAI=", 2),  # the header alone: an Avro body can be empty (a record with no fields)
        ("AAAAAA==", None),  # 4 bytes: shorter than the header
        ("aGVsbG8gYmluYXJ5", None),  # karapace-5.0.3.http.txt, produce binary: "hello binary"
        ("AYAAAAIC", None),  # a first byte other than the magic byte 0
        ("/////wIC", None),
        (None, None),
    ],
)
def test_wire_schema_id_reads_the_header_of_registry_serialized_bytes(value, schema_id):
    assert encoding.wire_schema_id(value) == schema_id


def test_wire_schema_id_is_unsigned_big_endian():
    assert encoding.wire_schema_id("AIAAAAEA") == 2**31 + 1


def test_plain_bytes_starting_with_a_zero_byte_look_like_a_header():
    """Why schema_ids is opt-in: karapace-5.0.3.http.txt, produce binary, wrote the plain bytes
    00 01 02 03 04 ("AAECAwQ="); they have the header's shape, and no registry gave id 16909060."""
    assert encoding.wire_schema_id("AAECAwQ=") == 0x01020304


def test_consumed_binary_records_give_the_schema_ids_of_their_headers_when_asked():
    first, second = (consumed.consumed_record(raw, "binary", schema_ids=True) for raw in karapace_wire_records())
    assert (first["key_schema_id"], first["value_schema_id"]) == (1, 2)
    assert (second["key_schema_id"], second["value_schema_id"]) == (None, 2)
    # The bytes stay as a binary consumer returns them, header included: these happen to be UTF-8.
    assert (first["key"], first["key_encoding"]) == ("\x00\x00\x00\x00\x01\x04k1", "utf-8")
    assert (first["value"], first["value_encoding"]) == ("\x00\x00\x00\x00\x02\x02", "utf-8")
    assert second["key"] is None and second["key_encoding"] is None


def test_consumed_binary_records_have_no_schema_ids_unless_asked():
    record = consumed.consumed_record(karapace_wire_records()[0], "binary")
    assert "key_schema_id" not in record and "value_schema_id" not in record
    assert record["value"] == "\x00\x00\x00\x00\x02\x02"


def test_partition_digests_ignore_how_partitions_interleave_but_not_the_order_within_one():
    a0, a1, b0 = (
        '{"topic": "t", "partition": 0, "offset": 0}\n',
        '{"topic": "t", "partition": 0, "offset": 1}\n',
        '{"topic": "t", "partition": 1, "offset": 0}\n',
    )
    assert consumed.partition_digests([a0, b0, a1]) == consumed.partition_digests([b0, a0, a1])
    assert consumed.partition_digests([a0, a1, b0]) != consumed.partition_digests([a1, a0, b0])
    assert consumed.partition_digests([a0, a1]) != consumed.partition_digests([a0, a1, b0])


@pytest.mark.parametrize("line", ["not json\n", "[1, 2]\n", '{"topic": "t"}\n', '{"topic": [], "partition": 0}\n'])
def test_partition_digests_of_lines_that_are_not_records_are_none(line):
    assert consumed.partition_digests(['{"topic": "t", "partition": 0}\n', line]) is None


def test_header_bytes_that_are_not_utf8_stay_base64():
    assert consumed.consumed_headers([{"key": "bin", "value": "//4A"}, {"key": "none", "value": None}]) == [
        {"name": "bin", "value": "//4A", "encoding": "base64"},
        {"name": "none", "value": None, "encoding": None},
    ]


@pytest.mark.parametrize(
    "value, marker, mode, expected",
    [
        ("MARKER run-42", "run-42", "contains", True),
        ("MARKER run-42", "run-42", "equals", False),
        ({"id": 3, "status": "DONE"}, {"status": "DONE"}, "contains", True),
        ({"id": 3, "status": "DONE"}, {"status": "DONE"}, "equals", False),
        ({"id": 3}, '"id":3', "contains", True),
        (42, 42, "equals", True),
        (None, "x", "contains", False),
    ],
)
def test_until_matching(value, marker, mode, expected):
    assert consumed.value_matches(value, marker, mode) is expected


def test_prefetched_items_come_in_order_and_errors_where_they_happened():
    assert list(iterate.prefetched(iter(range(50)))) == list(range(50))

    def failing():
        yield 1
        raise produce.RecordError("src line 2 is not a JSON record object")

    items = iterate.prefetched(failing())
    assert next(items) == 1
    with pytest.raises(produce.RecordError, match="src line 2"):
        next(items)


def test_src_lines_become_records_named_by_line():
    lines = ['{"key": "a", "value": {"n": 1}}\n', "\n", '{"value": [2], "partition": 1}\r\n']
    assert [(n, where, r["key"], r["partition"]) for n, where, r in produce.records_from_lines(lines, "ndjson", 0)] == [
        (1, "src line 1", "a", 0),
        (3, "src line 3", None, 1),
    ]
    assert [item[2]["value"] for item in produce.records_from_lines(["x\n", "\n"], "lines")] == ["x", ""]


# A binary consumer's record whose value is not base64 (the JSON consumer's shape, from
# karapace-5.0.3.http.txt, read as binary): a clear error naming the record, not a traceback.
@pytest.mark.parametrize("value", ["abcde", {"item": "plum"}])
def test_a_binary_value_that_is_not_base64_fails_naming_the_record(value):
    raw = {"topic": "orders", "partition": 0, "offset": 7, "key": None, "value": value}
    with pytest.raises(encoding.EncodingError) as caught:
        consumed.consumed_record(raw, "binary", schema_ids=True)
    message = str(caught.value)
    assert message.startswith("the proxy sent the value of the record at orders partition 0 offset 7")
    assert "expected base64 text" in message
    assert "abcde" not in message and "plum" not in message


def test_a_header_that_is_not_base64_fails_naming_the_record():
    raw = {"topic": "orders", "partition": 1, "offset": 2, "key": None, "value": None}
    raw["headers"] = [{"key": "trace", "value": "x"}]
    with pytest.raises(encoding.EncodingError, match="the headers of the record at orders partition 1 offset 2"):
        consumed.consumed_record(raw, "json", with_headers=True)
