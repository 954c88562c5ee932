# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The records a produce task sends: read from the options or lazily from a ``src`` file, every
field normalised (partition, headers, timestamp), and checked against the format and schemas
before anything is sent. No HTTP, no Ansible; errors are :class:`RecordError` naming the record.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import datetime
import json

from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import SCHEMA_FORMATS

RECORD_FIELDS = ("key", "value", "partition", "headers", "timestamp")
_FIELD_SET = frozenset(RECORD_FIELDS)


class RecordError(ValueError):
    """Input that cannot be produced as asked; the message names the record index."""


def _type_name(value):
    return "null" if value is None else type(value).__name__


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
