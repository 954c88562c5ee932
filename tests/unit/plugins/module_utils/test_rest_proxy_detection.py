# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Dialect detection: what it asks, what each answer means, and that it happens once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError, HttpClient
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_dialects import DialectError, NotAProxyError
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_proxy import RestProxy
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture

URL = "http://proxy.test:8082"


def proxy(**kwargs):
    return RestProxy(HttpClient([URL], retries=0, retry_delay=0), **kwargs)


def fx(*parts):
    return load_fixture("rest_proxy", *parts)


@pytest.mark.parametrize(
    "dialect, root",
    [("strimzi_bridge", ("strimzi_bridge", "root.json")), ("confluent_v2", ("karapace", "root.json"))],
)
def test_a_forced_dialect_is_confirmed_with_one_probe(http, dialect, root):
    http.get(URL + "/", json=fx(*root))
    forced = proxy(dialect=dialect)
    assert forced.api().name == dialect and forced.client.request_count == 1


def test_forcing_the_bridge_on_karapace_fails_before_anything_is_sent(http):
    """The bridge dialect on a v2 proxy made a commit "succeed" one offset too far."""
    http.get(URL + "/", json=fx("karapace", "root.json"))

    with pytest.raises(DialectError) as info:
        proxy(dialect="strimzi_bridge").api(for_consumer=True)
    assert "dialect strimzi_bridge was forced" in str(info.value)
    assert "use dialect confluent_v2 or auto" in str(info.value)


def test_forcing_confluent_v2_on_the_bridge_fails_before_anything_is_sent(http):
    """The bridge refused the v2 consumer config with an opaque 400."""
    http.get(URL + "/", json=fx("strimzi_bridge", "root.json"))

    with pytest.raises(DialectError) as info:
        proxy(dialect="confluent_v2").api(for_consumer=True)
    assert "answers GET / as the Strimzi Kafka Bridge does" in str(info.value)


def test_forcing_confluent_v3_on_karapace_fails_at_the_probe_not_at_record_0(http):
    """Recorded in karapace-5.0.3.module-wire.txt: GET /v3/clusters is a plain-text 404."""
    http.get(URL + "/v3/clusters", status=404, body="404: Not Found", content_type="text/plain")

    with pytest.raises(DialectError) as info:
        proxy(dialect="confluent_v3").api()
    assert "dialect confluent_v3 was forced, but GET /v3/clusters does not answer" in str(info.value)


def test_forcing_the_bridge_on_kafka_connect_fails(http):
    http.get(URL + "/", json=load_fixture("connect", "root.json"))

    with pytest.raises(NotAProxyError) as info:
        proxy(dialect="strimzi_bridge").api()
    assert "Kafka Connect" in str(info.value)


def test_detection_runs_once_per_task(http):
    http.get(URL + "/v3/clusters", status=404, json={"error_code": 404, "message": "HTTP 404 Not Found"})
    http.get(URL + "/", json={"bridge_version": "0.33.1"})
    detected = proxy()

    assert detected.api().name == "strimzi_bridge"
    assert detected.api().name == "strimzi_bridge"
    assert detected.client.request_count == 2


def test_a_consumer_skips_the_v3_probe_and_karapaces_root_means_confluent_v2(http):
    http.get(URL + "/", json=fx("karapace", "root.json"))

    assert proxy().api(for_consumer=True).name == "confluent_v2"


def test_a_non_json_root_is_not_a_rest_proxy(http):
    http.get(URL + "/", body="<html>hello</html>", content_type="text/html")

    with pytest.raises(NotAProxyError):
        proxy().api(for_consumer=True)


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


def test_the_root_probe_accepts_confluents_v2_type(http):
    """Confluent REST Proxy's v2 root resource produces only application/vnd.kafka.v2+json (shaped
    from its source: no recording of Confluent's server exists)."""
    http.get(
        URL + "/",
        json={},
        match=[matchers.header_matcher({"Accept": "application/vnd.kafka.v2+json, application/json;q=0.9, */*;q=0.5"})],
    )

    assert proxy(dialect="confluent_v2").api().name == "confluent_v2"
