# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Topic metadata in one shape whatever the REST Proxy dialect, and the choice of topics a
task asks for (names and globs). Pure functions: the requests are in ``_rest_proxy.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch


def is_glob(pattern):
    return any(char in pattern for char in "*?[")


def select_topics(available, wanted, include_internal):
    """``(selected, missing)`` from ``available`` ({name: is_internal}). Without ``wanted``
    every topic is selected; globs select matching topics; plain names are always returned
    when they exist (internal or not) and are ``missing`` when they do not."""
    selected, missing = [], []

    def add(name):
        if name not in selected:
            selected.append(name)

    if not wanted:
        for name in sorted(available):
            if include_internal or not available[name]:
                add(name)
        return selected, missing
    for pattern in wanted:
        if is_glob(pattern):
            for name in sorted(available):
                if fnmatch.fnmatchcase(name, pattern) and (include_internal or not available[name]):
                    add(name)
        elif pattern in available:
            add(pattern)
        elif pattern not in missing:
            missing.append(pattern)
    return selected, missing


def looks_internal(name):
    """v2 dialects do not flag internal topics; Kafka's own (__consumer_offsets,
    __transaction_state, __share_group_state) all start with two underscores."""
    return name.startswith("__")


def topic_from_v2(data):
    """The common topic shape from a v2 or bridge ``GET /topics/{name}`` answer."""
    partitions = []
    for item in data.get("partitions") or []:
        partitions.append(
            {
                "partition": item.get("partition"),
                "leader": item.get("leader"),
                "replicas": [
                    {"broker": r.get("broker"), "leader": bool(r.get("leader")), "in_sync": bool(r.get("in_sync"))}
                    for r in item.get("replicas") or []
                ],
            }
        )
    partitions.sort(key=lambda p: p["partition"])
    return {
        "name": data.get("name"),
        "partitions_count": len(partitions),
        "replication_factor": max([len(p["replicas"]) for p in partitions] or [0]),
        "is_internal": looks_internal(data.get("name") or ""),
        "partitions": partitions,
        "configs": dict(data.get("configs") or {}),
    }


def topic_from_v3(data, replicas, configs):
    """The common topic shape from v3 TopicData, its ReplicaData items and its config items.
    Partitions without a live replica are listed with no leader and no replicas."""
    by_partition = {}
    for replica in replicas:
        by_partition.setdefault(replica["partition_id"], []).append(replica)
    partitions = []
    for number in sorted(set(range(data.get("partitions_count") or 0)) | set(by_partition)):
        members = sorted(by_partition.get(number, []), key=lambda r: r["broker_id"])
        leaders = [r["broker_id"] for r in members if r.get("is_leader")]
        partitions.append(
            {
                "partition": number,
                "leader": leaders[0] if leaders else None,
                "replicas": [
                    {"broker": r["broker_id"], "leader": bool(r.get("is_leader")), "in_sync": bool(r.get("is_in_sync"))}
                    for r in members
                ],
            }
        )
    return {
        "name": data["topic_name"],
        "partitions_count": data.get("partitions_count"),
        "replication_factor": data.get("replication_factor"),
        "is_internal": bool(data.get("is_internal")),
        "partitions": partitions,
        "configs": dict((c["name"], c.get("value")) for c in configs),
    }


def shape_topic(topic, include_partitions, include_configs):
    """Drop what the task did not ask for, so every dialect returns the same keys."""
    shaped = dict(topic)
    if not include_partitions:
        shaped.pop("partitions", None)
    if not include_configs:
        shaped.pop("configs", None)
    return shaped


def brokers_of(topics):
    """Broker ids hosting replicas of ``topics``: the bridge has no brokers endpoint."""
    return sorted(set(r["broker"] for t in topics for p in t.get("partitions", []) for r in p["replicas"]))
