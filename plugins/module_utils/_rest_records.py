# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Pure functions for REST Proxy records: checking the records a task wants to produce,
reading per-record results, and decoding and matching consumed records. No HTTP and no
Ansible here, so every rule is unit-tested on its own; the dialects and their URL paths are
in ``_rest_proxy.py``, topic metadata in ``_rest_topics.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import datetime
import json
import queue
import threading

FORMATS = ("json", "binary", "string", "avro", "jsonschema", "protobuf")
SCHEMA_FORMATS = ("avro", "jsonschema", "protobuf")
RECORD_FIELDS = ("key", "value", "partition", "headers", "timestamp")

WRITTEN, FAILED, UNKNOWN = "written", "failed", "unknown"
_FIELD_SET = frozenset(RECORD_FIELDS)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class RecordError(ValueError):
    """Input that cannot be produced as asked; the message names the record index."""


def _type_name(value):
    return "null" if value is None else type(value).__name__


def compact_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


# --- records to produce -------------------------------------------------------------------


def records_from_params(records, key=None, value=None, partition=None):
    """The records to produce as dicts with every field of RECORD_FIELDS, from ``records``
    or from the single-record options. ``partition`` is the default for records naming none.
    Headers become a list of ``(name, text-or-None)`` and timestamps epoch milliseconds."""
    if records is None:
        records = [{"key": key, "value": value}]
    return [normalize_record(record, "records[%d]" % index, partition) for index, record in enumerate(records)]


def normalize_record(record, where, partition=None):
    """One record to produce with every field of RECORD_FIELDS; ``where`` names it in errors
    (``records[3]``, ``src line 12``)."""
    if not isinstance(record, dict):
        raise RecordError(
            "%s must be a dict with some of %s, got %s" % (where, ", ".join(RECORD_FIELDS), _type_name(record))
        )
    if not _FIELD_SET.issuperset(record):
        raise RecordError(
            "%s has unknown field(s) %s; a record may have %s"
            % (where, ", ".join(sorted(set(record) - _FIELD_SET)), ", ".join(RECORD_FIELDS))
        )
    get = record.get
    # This runs once per record of files of any size: fields that are absent skip their checks.
    given = get("partition")
    headers = get("headers")
    timestamp = get("timestamp")
    return {
        "key": get("key"),
        "value": get("value"),
        "partition": _partition(where, partition if given is None else given),
        "headers": _headers(where, headers) if headers is not None else [],
        "timestamp": _timestamp_ms(where, timestamp) if timestamp is not None else None,
    }


def records_from_lines(lines, src_format, partition=None):
    """``(line number, where, record)`` for each record of a ``src`` file, read lazily from
    ``lines`` so that a file of any size is never held in memory. ``ndjson``: one record
    object per line, blank lines skipped. ``lines``: each line (without its line break) is
    the value of a record with no key."""
    for number, line in enumerate(lines, 1):
        where = "src line %d" % number
        text = line.rstrip("\r\n")
        if src_format == "lines":
            yield number, where, normalize_record({"value": text}, where, partition)
            continue
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise RecordError("%s is not a JSON record object: %s" % (where, exc)) from None
        yield number, where, normalize_record(raw, where, partition)


def _partition(where, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
        raise RecordError("%s partition must be a number of 0 or more, got %r" % (where, value))
    return int(value)


def _headers(where, headers):
    if headers is None:
        return []
    if isinstance(headers, dict):
        pairs = list(headers.items())
    elif isinstance(headers, list):
        pairs = []
        for header in headers:
            if not isinstance(header, dict) or not ("name" in header or "key" in header):
                raise RecordError("%s headers as a list need items like {name: ..., value: ...}" % where)
            pairs.append((header.get("name", header.get("key")), header.get("value")))
    else:
        raise RecordError("%s headers must be a dict or a list, got %s" % (where, _type_name(headers)))
    for name, value in pairs:
        if not isinstance(name, str) or not (value is None or isinstance(value, str)):
            raise RecordError("%s header %r: header names and values must be text" % (where, name))
    return pairs


def _timestamp_ms(where, value):
    """Epoch milliseconds from an integer or an ISO 8601 text (UTC when it names no zone)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RecordError("%s timestamp must be epoch milliseconds or ISO 8601 text" % where)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.timezone.utc)
            return int(round(moment.timestamp() * 1000))
    raise RecordError(
        "%s timestamp %r is neither epoch milliseconds nor ISO 8601 (2026-01-31T12:00:00Z)" % (where, value)
    )


def iso_timestamp(millis):
    """ISO 8601 UTC text of epoch milliseconds, as Confluent v3 wants it."""
    # Integer arithmetic: a float of seconds can round .529 down to .528.
    moment = _EPOCH + datetime.timedelta(milliseconds=millis)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def check_values(records, fmt, binary_encoding="text"):
    """Fail before sending anything when a key or value cannot be carried by ``fmt``."""
    for index, record in enumerate(records):
        check_value(record, "records[%d]" % index, fmt, binary_encoding)


def check_value(record, where, fmt, binary_encoding="text", parsed_json=False):
    """One record's key and value against ``fmt``; ``where`` names the record in the error.
    ``parsed_json`` says the record was read from JSON text, so it is JSON data already."""
    for part in ("key", "value"):
        value = record[part]
        if value is None:
            continue
        if fmt in ("binary", "string") and not isinstance(value, str):
            raise RecordError(
                "%s %s is a %s but format=%s takes text; use format=json for structured data"
                % (where, part, _type_name(value), fmt)
            )
        if fmt == "binary" and binary_encoding == "base64":
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise RecordError(
                    "%s %s is not valid base64, but binary_encoding=base64 says it is" % (where, part)
                ) from exc
        if fmt not in ("binary", "string") and not parsed_json:
            try:
                json.dumps(value)
            except (TypeError, ValueError) as exc:
                raise RecordError("%s %s cannot be serialised as JSON: %s" % (where, part, exc)) from exc


def check_schema_options(fmt, schemas):
    """Schema options only make sense with a schema format."""
    given = sorted(name for name, value in schemas.items() if value is not None)
    if fmt not in SCHEMA_FORMATS and given:
        raise RecordError("%s only apply to format avro, jsonschema or protobuf, not %s" % (", ".join(given), fmt))
    if fmt in ("avro", "jsonschema"):
        for name in ("key_schema", "value_schema"):
            _check_json_schema_text(name, schemas.get(name), fmt)


def _check_json_schema_text(name, schema, fmt):
    # Avro and JSON Schema schemas are JSON: a typo is caught here, before any record is sent,
    # instead of coming back from the registry as a 422 for the first batch.
    if not isinstance(schema, str):
        return
    try:
        json.loads(schema)
    except ValueError as exc:
        raise RecordError(
            "%s is not valid JSON (%s); a %s schema is JSON text, or YAML data given as a mapping or list"
            " (an Avro primitive as text needs its quotes, e.g. '\"string\"')" % (name, exc, fmt)
        ) from None


def check_schema(record, where, fmt, schemas):
    """A schema format needs a schema or schema id for every part (key, value) the record uses."""
    if fmt not in SCHEMA_FORMATS:
        return
    for part in ("key", "value"):
        given = schemas.get(part + "_schema") is not None or schemas.get(part + "_schema_id") is not None
        if record[part] is not None and not given:
            raise RecordError(
                "%s has a %s, and format=%s needs %s_schema or %s_schema_id to send it" % (where, part, fmt, part, part)
            )


def check_schemas(records, fmt, schemas):
    """Schema formats need a schema or schema id for every part (key, value) that is used;
    other formats take none. ``schemas`` has key_schema, key_schema_id, value_schema, value_schema_id."""
    check_schema_options(fmt, schemas)
    for index, record in enumerate(records):
        check_schema(record, "records[%d]" % index, fmt, schemas)


def schema_text(schema):
    """Schemas may be given as YAML data (Avro, JSON Schema) or as text (any, Protobuf)."""
    if schema is None or isinstance(schema, str):
        return schema
    return json.dumps(schema, separators=(",", ":"))


def to_base64(value, binary_encoding="text"):
    """The base64 text a binary key or value travels as. Text is sent as its UTF-8 bytes
    unless ``binary_encoding`` says it is base64 already (for bytes that are not text)."""
    if value is None or binary_encoding == "base64":
        return value
    return base64.b64encode(value.encode("utf-8")).decode("ascii")


def from_base64(value):
    """``(text, encoding)`` of a consumed binary key or value: the UTF-8 text of its bytes
    when they are valid UTF-8, else the base64 text as the proxy sent it."""
    if value is None:
        return None, None
    raw = base64.b64decode(value)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return value, "base64"


# --- produce results ----------------------------------------------------------------------


def outcomes_from_offsets(entries):
    """Per-record outcomes of a v2-style produce answer (Confluent v2, Karapace, bridge):
    ``{partition, offset}`` is written; ``error_code`` with ``error`` (Confluent, Karapace,
    older bridges) or ``message`` (newer bridges) is failed."""
    outcomes = []
    for entry in entries or []:
        entry = entry if isinstance(entry, dict) else {}
        code = entry.get("error_code")
        if code is None and entry.get("offset") is not None:
            outcomes.append((WRITTEN, entry.get("partition"), entry.get("offset")))
        elif code is not None:
            outcomes.append((FAILED, code, entry.get("error") or entry.get("message") or ""))
        else:
            outcomes.append((UNKNOWN, None, "the proxy reported neither an offset nor an error"))
    return outcomes


def outcomes_from_reports(reports):
    """Per-record outcomes of Confluent v3 delivery reports: error_code 200 is success."""
    outcomes = []
    for report in reports:
        code = report.get("error_code") if isinstance(report, dict) else None
        if code == 200:
            outcomes.append((WRITTEN, report.get("partition_id"), report.get("offset")))
        else:
            outcomes.append((FAILED, code, (report or {}).get("message") or ""))
    return outcomes


def split_concatenated_json(text):
    """The JSON objects of a concatenated JSON stream, in order. A truncated or garbled
    tail ends the list: the records it should have reported stay unaccounted for."""
    decoder = json.JSONDecoder()
    objects, position, end = [], 0, len(text)
    while True:
        while position < end and text[position] in " \t\r\n":
            position += 1
        if position >= end:
            return objects
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            return objects
        objects.append(value)


def batched(items, size):
    """Lists of up to ``size`` items of the iterable ``items``, read as they are needed."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prefetched(items, depth=2):
    """The items of the iterable ``items``, read ahead by a thread of their own: while a batch
    is on the wire, the next ones are read and parsed (JSON decoding holds the interpreter, a
    socket wait does not). An exception of the reader is raised where its item would have come."""
    slots = queue.Queue(maxsize=depth)
    end = object()
    stop = threading.Event()

    def read():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        slots.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            slots.put((end, None))
        except BaseException as error:  # noqa: B036 - handed to the consumer, which raises it
            slots.put((end, error))

    reader = threading.Thread(target=read, name="kafkaops-prefetch", daemon=True)
    reader.start()
    try:
        while True:
            item, error = slots.get()
            if error is not None:
                raise error
            if item is end:
                return
            yield item
    finally:
        stop.set()


def refusal_message(error_message, body):
    """The message of a refused request, with the bridge's ``validation_errors`` (which say
    what its request schema did not accept) when it sent them."""
    details = body.get("validation_errors") if isinstance(body, dict) else None
    if details:
        return "%s (validation errors: %s)" % (error_message, "; ".join(str(d) for d in details))
    return error_message


class IndexRanges:
    """A set of record indexes kept as ranges, so that 100,000 failed records cost a few
    numbers in memory, in results and in messages. Indexes are added in increasing order
    (batches go out in order); ``str()`` is ``"0-4, 9"`` for 0, 1, 2, 3, 4 and 9."""

    def __init__(self, indexes=()):
        self._ranges = []
        self._count = 0
        self.extend(indexes)

    def add(self, index):
        if self._ranges and self._ranges[-1][1] == index - 1:
            self._ranges[-1][1] = index
        elif not (self._ranges and self._ranges[-1][0] <= index <= self._ranges[-1][1]):
            self._ranges.append([index, index])
        else:
            return
        self._count += 1

    def extend(self, indexes):
        for index in indexes:
            self.add(index)

    def __len__(self):
        return self._count

    def __bool__(self):
        return bool(self._count)

    def __iter__(self):
        for first, last in self._ranges:
            yield from range(first, last + 1)

    def __str__(self):
        return ", ".join(str(a) if a == b else "%d-%d" % (a, b) for a, b in self._ranges)


# Individual failed records kept in a report (the first ones); the rest are counted in their
# error's group, so that a failed task's result stays small whatever the number of records.
FAILED_ENTRIES_KEPT = 10
# Error groups named in a failure message; the result has all of them.
_GROUPS_IN_MESSAGE = 3


class ProduceReport:
    """What became of every record of one produce task, batch by batch. Records are named by
    their index: the position in ``records``, or the line number in ``src`` (``noun`` says
    which, for the summary). Index sets are :class:`IndexRanges`; failed records are grouped
    by error (``errors()``), with the first FAILED_ENTRIES_KEPT kept one by one (``failed``)."""

    def __init__(self, total, noun="records"):
        self.total = total
        self.noun = noun
        self.offsets = []
        self.failed = []
        self.failed_count = 0
        self._groups = {}
        self.unknown = IndexRanges()
        self.not_sent = IndexRanges()
        self.key_schema_id = None
        self.value_schema_id = None
        self.error = None

    @property
    def complete(self):
        return not (self.failed_count or self.unknown or self.not_sent)

    def partitions(self):
        """Per partition written to: how many records, and the first and last offset."""
        summary = {}
        for entry in self.offsets:
            offset = entry["offset"]
            item = summary.setdefault(
                entry["partition"],
                {"partition": entry["partition"], "count": 0, "first_offset": offset, "last_offset": offset},
            )
            item["count"] += 1
            item["first_offset"] = min(item["first_offset"], offset)
            item["last_offset"] = max(item["last_offset"], offset)
        return [summary[key] for key in sorted(summary, key=str)]

    def _fail(self, index, error_code, message):
        self.failed_count += 1
        if len(self.failed) < FAILED_ENTRIES_KEPT:
            self.failed.append({"index": index, "error_code": error_code, "message": message})
        group = self._groups.get((error_code, message))
        if group is None:
            group = self._groups[(error_code, message)] = IndexRanges()
        group.add(index)

    def errors(self):
        """The failed records grouped by error, in the order the errors first came:
        ``[{error_code, message, count, ranges}]`` with ``ranges`` as in ``"300-999"``."""
        return [
            {"error_code": code, "message": message, "count": len(indexes), "ranges": str(indexes)}
            for (code, message), indexes in self._groups.items()
        ]

    def add_batch(self, indexes, outcomes):
        """Account for one answered batch; returns whether every record of it was written."""
        for index, outcome in zip(indexes, outcomes):
            kind, first, second = outcome
            if kind == WRITTEN:
                self.offsets.append({"index": index, "partition": first, "offset": second})
            elif kind == FAILED:
                self._fail(index, first, second)
            else:
                self.unknown.add(index)
        # Fewer results than records: the answer stopped early and the rest are unaccounted for.
        self.unknown.extend(indexes[len(outcomes) :])
        return all(outcome[0] == WRITTEN for outcome in outcomes) and len(outcomes) >= len(indexes)

    def reject_batch(self, indexes, error_code, message):
        """The proxy refused the whole request: none of its records was written."""
        for index in indexes:
            self._fail(index, error_code, message)

    def lose_batch(self, indexes):
        """The request may or may not have been processed: its records are not sent again."""
        self.unknown.extend(indexes)

    def skip(self, indexes):
        self.not_sent.extend(indexes)

    def summary(self):
        noun = self.noun
        parts = ["%d of %d records written" % (len(self.offsets), self.total)]
        if self.failed_count:
            groups = self.errors()
            named = "; ".join(
                "error %s for %d (%s %s): %s" % (g["error_code"], g["count"], noun, g["ranges"], g["message"])
                for g in groups[:_GROUPS_IN_MESSAGE]
            )
            more = len(groups) - _GROUPS_IN_MESSAGE
            parts.append(
                "%d failed (%s%s)" % (self.failed_count, named, "; %d more errors in errors" % more if more > 0 else "")
            )
        if self.unknown:
            parts.append(
                "outcome unknown for %s %s (not sent again: check the topic before resending them)"
                % (noun, self.unknown)
            )
        if self.not_sent:
            parts.append("%s %s not sent after the failure" % (noun, self.not_sent))
        if self.error is not None:
            parts.append("the proxy answered: %s" % self.error)
        return "; ".join(parts)


# --- consumed records ---------------------------------------------------------------------


def consumed_record(raw, fmt, with_headers=False):
    """One consumed record as the module returns it; binary keys and values decoded.

    ``timestamp`` is the record's epoch milliseconds as the proxy gave it (Karapace and the
    bridge both do) and ``timestamp_iso`` the same moment as ISO 8601 UTC text. ``headers`` is
    a list of ``{name, value, encoding}`` when the dialect reports headers (the bridge sends
    each value as base64: it is given as its UTF-8 text when the bytes are valid UTF-8, else as
    the base64 text, and ``encoding`` says which), and None when it does not (Karapace 5.0.3
    and Confluent v2 return no headers). Source: consumers-partitions-headers-karapace-and-bridge.txt.
    """
    record = dict((name, raw.get(name)) for name in ("topic", "partition", "offset", "key", "value"))
    if fmt == "binary":
        record["key"], record["key_encoding"] = from_base64(record["key"])
        record["value"], record["value_encoding"] = from_base64(record["value"])
    millis = raw.get("timestamp")
    record["timestamp"] = millis
    # Kafka's -1 means "no timestamp".
    known = isinstance(millis, int) and not isinstance(millis, bool) and millis >= 0
    record["timestamp_iso"] = iso_timestamp(millis) if known else None
    record["headers"] = consumed_headers(raw.get("headers")) if with_headers else None
    return record


def consumed_headers(headers):
    """``[{name, value, encoding}]`` of the bridge's ``[{key, value (base64)}]``; the value
    decoded byte-exact as :func:`from_base64` does (a null value stays null)."""
    decoded = []
    for header in headers or []:
        value, encoding = from_base64(header.get("value"))
        decoded.append({"name": header.get("key"), "value": value, "encoding": encoding})
    return decoded


def value_matches(value, wanted, mode="contains"):
    """Whether a consumed value is the marker ``wanted``. ``equals`` compares the values as
    data. ``contains``: with a dict marker and a dict value, every item of the marker is in the
    value; otherwise the marker's text is in the value's text (JSON text for structured data)."""
    if value is None:
        return wanted is None
    if mode == "equals":
        return value == wanted
    if isinstance(wanted, dict) and isinstance(value, dict):
        return all(name in value and value[name] == item for name, item in wanted.items())
    needle = wanted if isinstance(wanted, str) else compact_json(wanted)
    haystack = value if isinstance(value, str) else compact_json(value)
    return needle in haystack
