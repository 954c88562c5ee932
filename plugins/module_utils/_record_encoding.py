# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""How a record's parts travel through a REST Proxy: the formats a key and value can take, binary
as base64, schemas as text, timestamps as ISO 8601 (Confluent v3) and the schema id a
registry-aware serializer puts before the bytes. No HTTP, no Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import datetime
import json

FORMATS = ("json", "binary", "string", "avro", "jsonschema", "protobuf")
SCHEMA_FORMATS = ("avro", "jsonschema", "protobuf")
# The schema registry wire format (Confluent's, which Apicurio can also write): magic byte 0,
# then the schema id as a 4-byte big-endian integer, then the serialized body.
WIRE_MAGIC_BYTE = 0
WIRE_HEADER_LENGTH = 5
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def iso_timestamp(millis):
    """ISO 8601 UTC text of epoch milliseconds, as Confluent v3 wants it."""
    # Integer arithmetic: a float of seconds can round .529 down to .528.
    moment = _EPOCH + datetime.timedelta(milliseconds=millis)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


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


class EncodingError(ValueError):
    """A consumed binary key or value that is not the base64 text the binary format sends."""


def _bytes_of(value):
    try:
        return base64.b64decode(value)
    except (TypeError, ValueError) as exc:
        # The complaint says what is wrong (padding, a non-text value), never the value itself.
        raise EncodingError("expected base64 text, as the binary format sends keys and values (%s)" % exc) from None


def from_base64(value):
    """``(text, encoding)`` of a consumed binary key or value: the UTF-8 text of its bytes
    when they are valid UTF-8, else the base64 text as the proxy sent it. Raises
    :class:`EncodingError` when ``value`` is not base64 text."""
    if value is None:
        return None, None
    raw = _bytes_of(value)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return value, "base64"


def wire_schema_id(value):
    """The schema id in the wire-format header of a consumed binary key or value (base64 text,
    as the proxy sent it), or None when its bytes cannot hold one (null, shorter than the
    header, or a first byte other than the magic byte).

    Bytes that merely start with a zero byte look the same (a 64-bit integer key, say): only
    the caller knows that the topic is written by a registry-aware serializer."""
    if value is None:
        return None
    raw = _bytes_of(value)
    if len(raw) < WIRE_HEADER_LENGTH or raw[0] != WIRE_MAGIC_BYTE:
        return None
    return int.from_bytes(raw[1:WIRE_HEADER_LENGTH], "big")
