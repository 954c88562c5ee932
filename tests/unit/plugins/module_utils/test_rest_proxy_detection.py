# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Dialect detection: what it asks, what each answer means, and that it happens once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError, HttpClient
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_proxy import RestProxy

URL = "http://proxy.test:8082"


def proxy(**kwargs):
    return RestProxy(HttpClient([URL], retries=0, retry_delay=0), **kwargs)


def test_a_forced_dialect_sends_no_probe(http):
    forced = proxy(dialect="strimzi_bridge")
    assert forced.api().name == "strimzi_bridge" and forced.client.request_count == 0


def test_detection_runs_once_per_task(http):
    http.get(URL + "/v3/clusters", status=404, json={"error_code": 404, "message": "HTTP 404 Not Found"})
    http.get(URL + "/", json={"bridge_version": "0.33.1"})
    detected = proxy()

    assert detected.api().name == "strimzi_bridge"
    assert detected.api().name == "strimzi_bridge"
    assert detected.client.request_count == 2


def test_a_consumer_skips_the_v3_probe_and_a_non_json_root_means_confluent_v2(http):
    http.get(URL + "/", body="<html>hello</html>")

    assert proxy().api(for_consumer=True).name == "confluent_v2"


def test_v3_is_found_under_its_configured_base_path(http):
    http.get(URL + "/kafka/v3/clusters", json={"kind": "KafkaClusterList", "data": [{"cluster_id": "c1"}]})
    detected = proxy(v3_base_path="/kafka/v3/")

    api = detected.api()
    assert api.name == "confluent_v3" and api.cluster_id == "c1"


@pytest.mark.parametrize("status", [401, 403, 429])
def test_auth_failures_and_rate_limits_are_errors_not_a_dialect(http, status):
    http.get(URL + "/v3/clusters", status=status, json={"error_code": status, "message": "no"})

    with pytest.raises(ApiError) as info:
        proxy().api()
    assert info.value.status == status
