# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.kafkaops.connect.plugins.module_utils import _rest_topics as rt
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture


def test_topic_selection():
    available = {"orders": False, "orders.eu": False, "__consumer_offsets": True}
    assert rt.select_topics(available, None, False) == (["orders", "orders.eu"], [])
    assert rt.select_topics(available, ["__*", "orders"], False) == (["orders"], [])
    assert rt.select_topics(available, ["__*"], True) == (["__consumer_offsets"], [])
    assert rt.select_topics(available, ["__consumer_offsets", "gone", "gone", "x*"], False) == (
        ["__consumer_offsets"],
        ["gone"],
    )


def test_v2_topic_shape_sorts_partitions_and_counts_replicas():
    topic = rt.topic_from_v2(load_fixture("rest_proxy", "confluent_v2", "topic_orders.json"))
    assert [p["partition"] for p in topic["partitions"]] == [0, 1]
    assert topic["replication_factor"] == 2 and topic["is_internal"] is False
    assert rt.brokers_of([topic]) == [1, 2]


def test_v3_topic_shape_lists_offline_partitions_without_leader():
    topics = load_fixture("rest_proxy", "confluent_v3", "topics.json")["data"]
    replicas = load_fixture("rest_proxy", "confluent_v3", "replicas_broker_1.json")["data"]
    orders = [r for r in replicas if r["topic_name"] == "orders"]
    topic = rt.topic_from_v3(topics[1], orders, [])
    assert [p["leader"] for p in topic["partitions"]] == [1, None, None]
    assert rt.shape_topic(topic, False, False) == {
        "name": "orders",
        "partitions_count": 3,
        "replication_factor": 2,
        "is_internal": False,
    }
