# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import yaml

from ansible_collections.kafkaops.connect.plugins.modules import kafka_rest_topic_info
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module
from ansible_collections.kafkaops.connect.tests.unit.rest_proxy_probes import answer_probe, forced_dialect_probes

URL = "http://proxy.test:8082"
CLUSTER = "MkU3OEVBNTcwNTJENDM2Qk"
V3 = URL + "/v3/clusters/" + CLUSTER


@pytest.fixture(autouse=True)
def confirmation_probes(http):
    yield from forced_dialect_probes(http)


def fx(dialect, name):
    return load_fixture("rest_proxy", dialect, name)


def run(check_mode=False, **args):
    args.setdefault("rest_proxy_url", [URL])
    answer_probe(URL, args)
    return run_module(kafka_rest_topic_info.main, args, check_mode=check_mode)


def bridge_detected(http):
    http.get(URL + "/v3/clusters", status=404, json=fx("confluent_v3", "error_not_found.json"))
    http.get(URL + "/", json=fx("strimzi_bridge", "root.json"))


def test_bridge_is_detected_and_every_topic_comes_in_the_common_shape(http):
    bridge_detected(http)
    http.get(URL + "/topics", json=fx("strimzi_bridge", "topics.json"))
    http.get(URL + "/topics/orders", json=fx("strimzi_bridge", "topic_orders.json"))
    payments = dict(fx("strimzi_bridge", "topic_orders.json"), name="payments")
    http.get(URL + "/topics/payments", json=payments)

    result = run()

    assert not result.failed and result["changed"] is False
    assert result["dialect"] == "strimzi_bridge"
    assert [t["name"] for t in result["topics"]] == ["orders", "payments"]
    orders = result["topics"][0]
    assert orders == {
        "name": "orders",
        "partitions_count": 2,
        "replication_factor": 1,
        "is_internal": False,
        "partitions": [
            {"partition": 0, "leader": 1, "replicas": [{"broker": 1, "leader": True, "in_sync": True}]},
            {"partition": 1, "leader": 1, "replicas": [{"broker": 1, "leader": True, "in_sync": True}]},
        ],
    }
    # The bridge has no brokers endpoint: the brokers are those hosting the replicas.
    assert result["brokers"] == [1]
    assert result["cluster_id"] is None and result["missing"] == []
    assert result["requests"] == result["http_requests"] == 5


def test_v2_plain_names_are_asked_for_one_by_one_and_absent_ones_reported(http):
    http.get(URL + "/topics/orders", json=fx("confluent_v2", "topic_orders.json"))
    http.get(URL + "/topics/nope", status=404, json=fx("confluent_v2", "error_topic_not_found.json"))
    http.get(URL + "/brokers", json=fx("confluent_v2", "brokers.json"))

    result = run(dialect="confluent_v2", topics=["orders", "nope"])

    assert not result.failed
    assert result["missing"] == ["nope"]
    orders = result["topics"][0]
    assert orders["replication_factor"] == 2 and orders["partitions_count"] == 2
    assert [p["partition"] for p in orders["partitions"]] == [0, 1]
    assert orders["partitions"][1]["replicas"][1] == {"broker": 1, "leader": False, "in_sync": False}
    assert "configs" not in orders
    assert result["brokers"] == [1, 2]
    assert result["requests"] == 4


def test_fail_on_missing_fails_and_still_returns_what_was_found(http):
    http.get(URL + "/topics/orders", json=fx("confluent_v2", "topic_orders.json"))
    http.get(URL + "/topics/nope", status=404, json=fx("confluent_v2", "error_topic_not_found.json"))
    http.get(URL + "/brokers", json=fx("confluent_v2", "brokers.json"))

    result = run(dialect="confluent_v2", topics=["orders", "nope"], fail_on_missing=True)

    assert result.failed
    assert result["msg"] == "topics not found: nope"
    assert [t["name"] for t in result["topics"]] == ["orders"]


def test_v2_globs_list_topics_skip_internal_ones_and_return_configs(http):
    http.get(URL + "/topics", json=fx("confluent_v2", "topics.json"))
    http.get(URL + "/topics/orders", json=fx("confluent_v2", "topic_orders.json"))
    http.get(URL + "/topics/orders.eu", json=fx("confluent_v2", "topic_orders_eu.json"))
    http.get(URL + "/brokers", json=fx("confluent_v2", "brokers.json"))

    result = run(dialect="confluent_v2", topics=["orders*", "__*"], include_configs=True, include_partitions=False)

    assert [t["name"] for t in result["topics"]] == ["orders", "orders.eu"]
    assert result["topics"][1]["configs"] == {"cleanup.policy": "compact"}
    assert "partitions" not in result["topics"][0]
    assert result["missing"] == []


def v3_detected(http):
    http.get(URL + "/v3/clusters", json=fx("confluent_v3", "clusters.json"))


def test_v3_reads_replicas_per_broker_and_configs_of_one_topic(http):
    v3_detected(http)
    http.get(V3 + "/topics", json=fx("confluent_v3", "topics.json"))
    http.get(V3 + "/brokers", json=fx("confluent_v3", "brokers.json"))
    http.get(V3 + "/brokers/1/partition-replicas", json=fx("confluent_v3", "replicas_broker_1.json"))
    http.get(V3 + "/brokers/2/partition-replicas", json=fx("confluent_v3", "replicas_broker_2.json"))
    http.get(V3 + "/topics/orders/configs", json=fx("confluent_v3", "configs_orders.json"))

    result = run(topics=["orders"], include_configs=True)

    assert not result.failed
    assert result["dialect"] == "confluent_v3" and result["cluster_id"] == CLUSTER
    orders = result["topics"][0]
    assert orders["partitions_count"] == 3 and orders["replication_factor"] == 2
    assert orders["partitions"][1] == {
        "partition": 1,
        "leader": 2,
        "replicas": [
            {"broker": 1, "leader": False, "in_sync": False},
            {"broker": 2, "leader": True, "in_sync": True},
        ],
    }
    # Partition 2 has no live replica: it is still listed, leaderless.
    assert orders["partitions"][2] == {"partition": 2, "leader": None, "replicas": []}
    assert orders["configs"] == {"cleanup.policy": "delete", "retention.ms": "86400000"}
    assert result["brokers"] == [1, 2]
    # The cluster id came with detection: no second /clusters request.
    assert result["requests"] == 6


def test_v3_all_topics_without_partitions_costs_three_requests(http):
    v3_detected(http)
    http.get(V3 + "/topics", json=fx("confluent_v3", "topics.json"))
    http.get(V3 + "/brokers", json=fx("confluent_v3", "brokers.json"))

    result = run(include_partitions=False)

    assert [t["name"] for t in result["topics"]] == ["orders", "payments"]
    assert result["topics"][0] == {
        "name": "orders",
        "partitions_count": 3,
        "replication_factor": 2,
        "is_internal": False,
    }
    assert result["requests"] == 3


def test_v3_internal_topics_by_name_and_all_configs_in_one_request(http):
    base = URL + "/kafka/v3/clusters/" + CLUSTER
    http.get(base + "/topics", json=fx("confluent_v3", "topics.json"))
    http.get(base + "/topics/-/configs", json=fx("confluent_v3", "configs_all.json"))
    http.get(base + "/brokers", json=fx("confluent_v3", "brokers.json"))

    result = run(
        dialect="confluent_v3",
        v3_base_path="/kafka/v3/",
        cluster_id=CLUSTER,
        topics=["payments", "__consumer_offsets"],
        include_partitions=False,
        include_configs=True,
    )

    assert [t["name"] for t in result["topics"]] == ["payments", "__consumer_offsets"]
    assert result["topics"][1]["is_internal"] is True
    assert result["topics"][0]["configs"] == {"cleanup.policy": "compact"}


def test_several_clusters_ask_for_cluster_id(http):
    clusters = fx("confluent_v3", "clusters.json")
    clusters["data"].append(dict(clusters["data"][0], cluster_id="other"))
    http.get(URL + "/v3/clusters", json=clusters)

    result = run()

    assert result.failed
    assert "lists 2 clusters" in result["msg"] and "set cluster_id" in result["msg"]


def test_authentication_failure_is_reported_without_secrets(http):
    http.get(
        URL + "/v3/clusters", status=401, json={"error_code": 40101, "message": "Authentication failed for s3cret"}
    )

    result = run(url_password="s3cret", headers={"X-Api-Key": "k3y-value"})

    assert result.failed
    assert result["status"] == 401 and result["error_code"] == 40101
    assert "Authentication failed" in result["msg"]
    text = json.dumps(result)
    assert "s3cret" not in text and "k3y-value" not in text


def test_check_mode_reads_the_same(http):
    http.get(URL + "/topics/orders", json=fx("confluent_v2", "topic_orders.json"))
    http.get(URL + "/brokers", json=fx("confluent_v2", "brokers.json"))

    result = run(check_mode=True, dialect="confluent_v2", topics=["orders"])

    assert not result.failed and result["changed"] is False
    assert result["topics"][0]["name"] == "orders"


@pytest.mark.parametrize("path", ["", "/"])
def test_an_empty_v3_base_path_is_refused(http, path):
    result = run(v3_base_path=path)
    assert result.failed and "v3_base_path" in result["msg"]


# --- a URL that is not a REST proxy, and what the docs promise ------


@pytest.mark.parametrize(
    "dialect, answer",
    [
        # Kafka Connect's own 404 (Jersey) for an unknown path.
        ("confluent_v2", {"error_code": 404, "message": "HTTP 404 Not Found"}),
        ("strimzi_bridge", {"error_code": 404, "message": "HTTP 404 Not Found"}),
        ("strimzi_bridge", "<html><body><h1>404 Not Found</h1></body></html>"),
    ],
)
def test_a_404_that_is_not_the_proxys_topic_error_is_not_a_missing_topic(http, dialect, answer):
    """With the URL at an HTML server or at Kafka Connect, a topic was reported missing."""
    if isinstance(answer, dict):
        http.get(URL + "/topics/orders", status=404, json=answer)
    else:
        http.get(URL + "/topics/orders", status=404, body=answer, content_type="text/html")

    result = run(dialect=dialect, topics=["orders"])

    assert result.failed and "missing" not in result
    assert "check that rest_proxy_url points at a Kafka REST Proxy" in result["msg"]
    assert "<html>" not in result["msg"]


@pytest.mark.parametrize(
    "dialect, fixture",
    [
        ("confluent_v2", ("karapace", "error_topic_not_found_get.json")),
        ("strimzi_bridge", ("strimzi_bridge", "error_topic_not_found.json")),
    ],
)
def test_the_proxys_own_topic_not_found_is_a_missing_topic(http, dialect, fixture):
    """karapace-5.0.3.http.txt (40403 on GET) and strimzi-kafka-bridge-1.1.0.http.txt."""
    http.get(URL + "/topics/does-not-exist", status=404, json=fx(*fixture))
    if dialect == "confluent_v2":
        http.get(URL + "/brokers", json={"brokers": [1]})

    result = run(dialect=dialect, topics=["does-not-exist"])

    assert not result.failed and result["missing"] == ["does-not-exist"]


@pytest.mark.parametrize("v3_status", [404, 200])
def test_auto_on_an_html_server_says_what_was_expected_not_the_markup(http, v3_status):
    """With dialect auto, an HTML server failed late with its whole page in msg."""
    page = "<html><head><title>Welcome</title></head><body>" + "x" * 400 + "</body></html>"
    http.get(URL + "/v3/clusters", status=v3_status, body=page, content_type="text/html")
    if v3_status == 404:
        http.get(URL + "/", body=page, content_type="text/html")

    result = run(topics=["orders"])

    assert result.failed and result["requests"] == (2 if v3_status == 404 else 1)
    assert "expected a JSON" in result["msg"] and "got a text/html body" in result["msg"]
    assert "<html>" not in result["msg"] and "Welcome" not in result["msg"]


def test_auto_on_kafka_connect_says_it_is_not_a_rest_proxy(http):
    http.get(URL + "/v3/clusters", status=404, json={"error_code": 404, "message": "HTTP 404 Not Found"})
    http.get(URL + "/", json=load_fixture("connect", "root.json"))

    result = run(topics=["orders"])

    assert result.failed and "got what Kafka Connect answers" in result["msg"]


def test_bridge_brokers_come_from_the_replicas_even_without_partitions(http):
    """Recorded in strimzi-kafka-bridge-1.1.0.http.txt: brokers is [1], not empty, with
    include_partitions=false; the docs said otherwise."""
    http.get(URL + "/topics/orders", json=fx("strimzi_bridge", "topic_orders.json"))

    result = run(dialect="strimzi_bridge", topics=["orders"], include_partitions=False)

    assert result["brokers"] == [1] and "partitions" not in result["topics"][0]
    documented = yaml.safe_load(kafka_rest_topic_info.RETURN)["brokers"]["description"]
    assert "empty with O(include_partitions=false)" not in " ".join(documented)


def test_include_internal_documents_what_the_bridge_lists():
    """The bridge's GET /topics never lists internal topics."""
    documented = " ".join(
        yaml.safe_load(kafka_rest_topic_info.DOCUMENTATION)["options"]["include_internal"]["description"]
    )
    assert "never lists internal topics" in documented
