# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Consumed records as the consume module returns them (binary parts and headers decoded,
timestamps also as ISO 8601), the match that ends a read at a marker value, and what makes two
reads the same. No HTTP, no Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import hashlib
import json

from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import (
    EncodingError,
    from_base64,
    iso_timestamp,
    wire_schema_id,
)


def compact_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def consumed_record(raw, fmt, with_headers=False, schema_ids=False):
    """One consumed record as the module returns it; binary keys and values decoded.

    With ``schema_ids`` (binary only), ``key_schema_id`` and ``value_schema_id`` are the ids
    in the registry wire-format header of the key's and value's bytes, or None where the bytes
    carry none; the key and value themselves stay byte-exact, header included. Source:
    fixtures karapace/records_binary_wire_format.json (recorded from Karapace 5.0.3).

    ``timestamp`` is the record's epoch milliseconds as the proxy gave it (Karapace and the
    bridge both do) and ``timestamp_iso`` the same moment as ISO 8601 UTC text. ``headers`` is
    a list of ``{name, value, encoding}`` when the dialect reports headers (the bridge sends
    each value as base64: it is given as its UTF-8 text when the bytes are valid UTF-8, else as
    the base64 text, and ``encoding`` says which), and None when it does not (Karapace 5.0.3
    and Confluent v2 return no headers). Source: consumers-partitions-headers-karapace-and-bridge.txt.
    """
    record = dict((name, raw.get(name)) for name in ("topic", "partition", "offset", "key", "value"))
    if fmt == "binary":
        for part in ("key", "value"):
            with _naming(record, part):
                if schema_ids:
                    record[part + "_schema_id"] = wire_schema_id(record[part])
                record[part], record[part + "_encoding"] = from_base64(record[part])
    millis = raw.get("timestamp")
    record["timestamp"] = millis
    # Kafka's -1 means "no timestamp".
    known = isinstance(millis, int) and not isinstance(millis, bool) and millis >= 0
    record["timestamp_iso"] = iso_timestamp(millis) if known else None
    with _naming(record, "headers"):
        record["headers"] = consumed_headers(raw.get("headers")) if with_headers else None
    return record


@contextlib.contextmanager
def _naming(record, part):
    """An :class:`EncodingError` raised inside names the part and the record it came from."""
    try:
        yield
    except EncodingError as exc:
        raise EncodingError(
            "the proxy sent the %s of the record at %s partition %s offset %s in a shape it does not have: %s"
            % (part, record["topic"], record["partition"], record["offset"], exc)
        ) from None


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


def partition_digests(lines):
    """``{(topic, partition): digest}`` of records given as JSON lines, each partition's lines
    digested in their order; None when a line is not such a record.

    Kafka orders records within a partition only, and a proxy interleaves the partitions of one
    read in whatever order its fetches return (Karapace 5.0.3 did so differently on two reads of
    the same topic): two reads with equal digests returned the same records."""
    digests = {}
    for line in lines:
        try:
            record = json.loads(line)
            digests.setdefault((record["topic"], record["partition"]), hashlib.sha256()).update(line.encode("utf-8"))
        except (ValueError, TypeError, KeyError):
            return None
    return dict((place, digest.hexdigest()) for place, digest in digests.items())
