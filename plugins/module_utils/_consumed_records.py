# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Consumed records as the consume module returns them (binary parts and headers decoded,
timestamps also as ISO 8601), and the match that ends a read at a marker value. No HTTP, no Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import from_base64, iso_timestamp


def compact_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


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
