# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils._connect import (
    ConnectClient,
    InvalidConnectorName,
    UnsupportedFeature,
    kafka_version,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._connector import closest_classes
from ansible_collections.kafkaops.connect.plugins.module_utils._http import HttpClient

URL = "http://connect.test:8083"


@pytest.fixture
def client():
    return ConnectClient(HttpClient([URL], retries=2, retry_delay=0))


@pytest.mark.parametrize(
    "text, expected",
    [("4.3.1", (4, 3)), ("3.4.0", (3, 4)), ("7.6.0-ccs", (3, 6)), ("8.0.1-ce", (4, 0)), ("garbage", None)],
)
def test_kafka_version(text, expected):
    assert kafka_version(text) == expected


def test_old_server_is_refused_with_its_version(http, client):
    http.get(URL + "/", json={"version": "3.4.1", "commit": "x", "kafka_cluster_id": "c"})
    with pytest.raises(UnsupportedFeature, match=r"needs Kafka Connect 3\.5 or later.*reports version 3\.4\.1"):
        client.stop("orders")
    assert client.supports("initial_state") is False
    assert client.request_count == 1  # GET / is read once per run


def test_new_server_supports_everything(http, client, recorded):
    http.get(URL + "/", json=recorded("connect", "root.json"))
    assert all(client.supports(f) for f in ("stop", "offsets", "alter_offsets", "initial_state", "patch_config"))


def test_names_are_quoted_into_one_path_segment(http, client):
    http.get(URL + "/connectors/a%3Fb%20c%23d/status", json={"name": "a?b c#d"})
    assert client.get_status("a?b c#d") == {"name": "a?b c#d"}


@pytest.mark.parametrize(
    "name, reason",
    [
        ("acc/bad", "'/'"),
        ("back\\slash", "'\\\\'"),
        ("50%", "'%'"),
        ("..", "path step"),
        (" lead", "trims"),
        ("tab\tx", "control characters"),
        ("", "empty"),
    ],
)
def test_names_connect_cannot_address_are_refused_before_any_request(http, client, name, reason):
    # No request is registered: the http fixture fails the test if one is sent.
    for call in (client.get_connector, client.get_status, client.delete):
        with pytest.raises(InvalidConnectorName) as info:
            call(name)
        assert reason in str(info.value)
    with pytest.raises(InvalidConnectorName):
        client.create_connector(name, {"connector.class": "X"})


def test_missing_connector_reads_as_none(http, client, recorded):
    http.get(URL + "/connectors/nope", status=404, json=recorded("connect", "error_not_found.json"))
    assert client.get_connector("nope") is None


def test_offsets_404_on_new_server_means_no_connector(http, client, recorded):
    http.get(URL + "/connectors/nope/offsets", status=404, json=recorded("connect", "error_not_found.json"))
    http.get(URL + "/", json=recorded("connect", "root.json"))
    assert client.get_offsets("nope") is None


def test_create_reports_an_existing_name_without_retrying(http, client, recorded):
    http.post(URL + "/connectors", status=409, json=recorded("connect", "error_already_exists.json"))
    assert client.create_connector("orders-source", {"connector.class": "X"}) is False
    assert client.request_count == 1


def test_create_sends_initial_state(http, client, recorded):
    body = {"name": "orders-source", "config": {"connector.class": "X"}, "initial_state": "STOPPED"}
    http.post(
        URL + "/connectors",
        status=201,
        json=recorded("connect", "create_response.json"),
        match=[matchers.json_params_matcher(body)],
    )
    assert client.create_connector("orders-source", {"connector.class": "X"}, initial_state="STOPPED") is True


def test_unknown_class_is_not_retried(http, client, recorded):
    http.put(
        URL + "/connector-plugins/FileStreamSorce/config/validate",
        status=500,
        json=recorded("connect", "error_unknown_class.json"),
    )
    with pytest.raises(Exception, match="Failed to find any class"):
        client.validate("FileStreamSorce", {"connector.class": "FileStreamSorce"})
    assert client.request_count == 1


def test_restart_query(http, client):
    http.post(
        URL + "/connectors/a/restart",
        status=202,
        json={},
        match=[matchers.query_param_matcher({"includeTasks": "true", "onlyFailed": "true"})],
    )
    client.restart("a", include_tasks=True, only_failed=True)


def test_topics_untracked_is_none(http, client, recorded):
    http.get(URL + "/connectors/a/topics", status=403, json={"error_code": 403, "message": "disabled"})
    http.get(URL + "/connectors/orders-source/topics", json=recorded("connect", "topics.json"))
    assert client.get_topics("a") is None
    assert client.get_topics("orders-source") == ["orders"]


def test_closest_classes_put_the_likely_one_first(recorded):
    plugins = recorded("connect", "plugins.json")
    ranked = closest_classes("FileStreamSorce", plugins)
    assert ranked[0] == "org.apache.kafka.connect.file.FileStreamSourceConnector"
    assert sorted(ranked) == sorted(p["class"] for p in plugins)


def test_reset_topics_puts_the_reset_path(http, client):
    # Connect 4.3.1 in the sandbox answered 202 without a body, and GET .../topics then gave [].
    http.get(URL + "/", json={"version": "4.3.1", "commit": "x", "kafka_cluster_id": "c"})
    http.put(URL + "/connectors/orders%20src/topics/reset", status=202)
    client.reset_topics("orders src")
    assert client.request_count == 2


def test_reset_topics_is_refused_before_kafka_2_5(http, client):
    http.get(URL + "/", json={"version": "2.4.1", "commit": "x", "kafka_cluster_id": "c"})
    with pytest.raises(UnsupportedFeature, match="needs Kafka Connect 2.5 or later"):
        client.reset_topics("orders")
