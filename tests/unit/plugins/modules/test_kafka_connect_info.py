# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import requests

from ansible_collections.kafkaops.connect.plugins.modules import kafka_connect_info
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module

URL = "http://connect.test:8083"
DEAD = "http://127.0.0.1:1"


def run(check_mode=False, **args):
    args.setdefault("connect_url", [URL])
    return run_module(kafka_connect_info.main, args, check_mode=check_mode)


def cluster():
    """The recorded running source, plus a failed sink whose trace quotes the source's password."""
    expanded = load_fixture("connect", "connectors_expanded.json")
    failed = load_fixture("connect", "status_task_failed.json")
    failed["tasks"][0]["trace"] += "\npassword hunter2 rejected"
    expanded["orders-sink"] = {
        "status": failed,
        "info": {"name": "orders-sink", "config": {"topics": "orders"}, "tasks": [], "type": "sink"},
    }
    return expanded


def test_everything_in_few_requests(http):
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.get(URL + "/connector-plugins", json=load_fixture("connect", "plugins_all.json"))
    http.get(URL + "/connectors", json=cluster())
    http.get(URL + "/connectors/orders-sink/topics", json={"orders-sink": {"topics": []}})
    http.get(URL + "/connectors/orders-source/topics", json=load_fixture("connect", "topics.json"))
    result = run(check_mode=True)
    assert result["changed"] is False
    assert result["http_requests"] == 5
    assert result["worker"]["version"] == "4.3.1"
    assert {"class": "org.apache.kafka.connect.transforms.Cast$Key", "type": "transformation", "version": "4.3.1"} in (
        result["plugins"]
    )
    names = [c["name"] for c in result["connectors"]]
    assert names == ["orders-sink", "orders-source"]
    source = result["connectors"][1]
    assert source["config"]["db.password"] == "********"
    assert source["topics"] == ["orders"]
    assert "hunter2" not in json.dumps(result)


def test_filters_by_name_and_failed_state_without_topics(http):
    http.get(URL + "/connectors", json=cluster())
    result = run(name=["orders-*"], state=["failed"], gather_subset=["connectors"])
    assert [c["name"] for c in result["connectors"]] == ["orders-sink"]
    assert result["connectors"][0]["tasks"][0]["state"] == "FAILED"
    assert result["http_requests"] == 1
    assert "worker" not in result and "plugins" not in result


def test_name_globs_select_exactly(http):
    http.get(URL + "/connectors", json=cluster())
    result = run(name=["*-source"], state=["running"], gather_subset=["connectors"])
    assert [c["name"] for c in result["connectors"]] == ["orders-source"]


def test_dead_first_url_fails_over(http):
    http.get(DEAD + "/", body=requests.exceptions.ConnectionError("Connection refused"))
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    result = run(connect_url=[DEAD, URL], gather_subset=["worker"])
    assert result["worker"]["url"] == URL
    assert result["http_requests"] == 2


W2 = "http://worker2.test:8083"


def test_health_asks_every_worker_and_a_dead_one_is_unreachable(http):
    # health.json: GET /health of a started Connect 4.3.1 worker.
    http.get(URL + "/health", json=load_fixture("connect", "health.json"))
    http.get(W2 + "/health", status=503, json={"status": "starting", "message": "Worker is still starting up."})
    http.get(DEAD + "/health", body=requests.exceptions.ConnectionError("Connection refused"))
    result = run(connect_url=[URL, W2, DEAD, URL], gather_subset=["health"])
    assert result["changed"] is False and not result.failed
    assert [(h["url"], h["status"]) for h in result["health"]] == [
        (URL, "healthy"),
        (W2, "starting"),
        (DEAD, "unreachable"),
    ]
    assert result["health"][0]["message"] == "Worker has completed startup and is ready to handle requests."
    assert "connection refused" in result["health"][2]["message"]
    assert result["http_requests"] == 3


def test_health_of_a_worker_older_than_3_9_is_unsupported(http):
    http.get(URL + "/health", status=404, json={"error_code": 404, "message": "HTTP 404 Not Found"})
    http.get(URL + "/", json={"version": "3.8.1", "commit": "c", "kafka_cluster_id": "k"})
    result = run(gather_subset=["health"])
    assert result["health"] == [
        {
            "url": URL,
            "status": "unsupported",
            "message": "GET /health needs Kafka Connect 3.9 or later; this worker reports 3.8.1",
        }
    ]


def test_plugin_configs_of_the_selected_plugins_with_their_versions(http):
    http.get(URL + "/connector-plugins", json=load_fixture("connect", "plugins_all.json"))
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.get(
        URL + "/connector-plugins/org.apache.kafka.connect.file.FileStreamSourceConnector/config",
        json=load_fixture("connect", "plugin_config_filestream_source.json"),
    )
    result = run(gather_subset=["plugin_configs"], plugin_class=["FileStreamSource*"])
    assert "plugins" not in result
    (plugin,) = result["plugin_configs"]
    assert plugin["class"] == "org.apache.kafka.connect.file.FileStreamSourceConnector"
    assert plugin["type"] == "source" and plugin["version"] == "4.3.1"
    topic = [c for c in plugin["configs"] if c["name"] == "topic"][0]
    assert topic == {
        "name": "topic",
        "type": "STRING",
        "required": True,
        "default": None,
        "importance": "HIGH",
        "documentation": "The topic to publish data to",
        "group": None,
        "display_name": "topic",
    }
    batch = [c for c in plugin["configs"] if c["name"] == "batch.size"][0]
    assert batch["default"] == "2000" and batch["type"] == "INT"
    assert result["http_requests"] == 3


def test_plugin_configs_refused_by_a_worker_older_than_3_2(http):
    http.get(URL + "/connector-plugins", json=load_fixture("connect", "plugins_all.json"))
    http.get(URL + "/", json={"version": "3.1.0", "commit": "c", "kafka_cluster_id": "k"})
    result = run(gather_subset=["plugin_configs"], plugin_class=["FileStreamSourceConnector"])
    assert result.failed
    assert "needs Kafka Connect 3.2 or later" in result["msg"] and "3.1.0" in result["msg"]
