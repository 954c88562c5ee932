# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Connection options and server answers a new user runs into (TLS files, headers, URLs that are
not the service, HTML error pages, exceptions of requests), each through a module's public entry
point, with HTTP stubbed (the ``http`` fixture refuses any request it was not told about, so
"no request" is asserted by registering none)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from ansible_collections.kafkaops.connect.plugins.modules import (
    kafka_connect_info,
    kafka_connector,
    kafka_rest_topic_info,
)
from ansible_collections.kafkaops.connect.tests.unit.conftest import assert_secret_masked, run_module

URL = "http://connect.test:8083"
HTTPS = "https://connect.test:8443"
SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
JETTY_400 = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1"/>
<title>Error 400 Ambiguous URI path separator</title>
</head>
<body>
<h2>HTTP ERROR 400 Ambiguous URI path separator</h2>
<table>
<tr><th>URI:</th><td>/badURI</td></tr>
</table>
</body>
</html>
"""
NGINX_404 = (
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


def connector(**args):
    args.setdefault("connect_url", [URL])
    args.setdefault("name", "orders")
    args.setdefault("config", {"connector.class": SOURCE, "topic": "orders", "file": "/tmp/orders.txt"})
    return run_module(kafka_connector.main, args)


def assert_clean(result):
    """A failure a user can act on: a message, no traceback, no markup."""
    assert result.failed
    assert "Traceback" not in result["msg"] and "exception" not in result
    assert "<" not in result["msg"]


# --- 1. ca_path / client_cert / client_key files, and every exception requests raises


@pytest.mark.parametrize("option", ["ca_path", "client_cert"])
def test_missing_tls_file_fails_naming_the_option_and_file_before_any_request(http, tmp_path, option):
    missing = str(tmp_path / "nope.pem")
    result = connector(connect_url=[HTTPS], **{option: missing})
    assert_clean(result)
    assert result["msg"] == "%s: %s does not exist" % (option, missing)


def test_missing_client_key_fails_naming_it(http, tmp_path):
    cert = tmp_path / "client.pem"
    cert.write_text("not checked here")
    missing = str(tmp_path / "client.key")
    result = connector(connect_url=[HTTPS], client_cert=str(cert), client_key=missing)
    assert result["msg"] == "client_key: %s does not exist" % missing


def test_client_cert_that_is_a_directory_is_refused(http, tmp_path):
    result = connector(connect_url=[HTTPS], client_cert=str(tmp_path))
    assert result["msg"] == "client_cert: %s is a directory; give a PEM file" % tmp_path


@pytest.mark.parametrize(
    "raised, expected",
    [
        (requests.exceptions.InvalidURL("Failed to parse: http://connect.test:8083/x"), "not a valid URL"),
        (requests.exceptions.InvalidHeader("Invalid return character in header value: 'Bearer s3cr3t\\n'"), "header"),
        (requests.exceptions.TooManyRedirects("Exceeded 30 redirects."), "too many redirects"),
        (ValueError("Invalid header value b'Bearer s3cr3t\\r'"), "header"),
        (OSError("Could not find a suitable TLS CA certificate bundle, invalid path: /x"), "TLS set-up failed"),
        (requests.exceptions.ContentDecodingError("bad gzip"), "could not be read"),
    ],
)
def test_every_requests_exception_becomes_a_clean_failure_without_retries(http, raised, expected):
    http.get(URL + "/", body=raised)
    result = run_module(kafka_connect_info.main, {"connect_url": [URL], "gather_subset": ["worker"]})
    assert_clean(result)
    assert expected in result["msg"]
    assert result["msg"].startswith("GET %s/ failed: " % URL)
    # Nothing about the request changes on another try: sent once.
    assert result["http_requests"] == 1
    assert "s3cr3t" not in result["msg"]


def test_a_broken_chunked_answer_is_retried_then_reported(http):
    http.get(URL + "/", body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"))
    http.get(URL + "/", json={"version": "4.3.1", "commit": "x", "kafka_cluster_id": "c"})
    result = run_module(kafka_connect_info.main, {"connect_url": [URL], "gather_subset": ["worker"]})
    assert not result.failed
    assert result["http_requests"] == 2


# --- 2. names Connect cannot address, and markup in error bodies


@pytest.mark.parametrize("name", ["acc/bad", "back\\slash", "50%", "..", " lead", "trail "])
def test_connector_name_connect_cannot_address_is_refused_before_any_request(http, name):
    result = connector(name=name, config={"connector.class": SOURCE, "topic": "t", "file": "/tmp/f"})
    assert_clean(result)
    assert result["msg"].startswith("connector name %r cannot be used: " % name)
    assert result["http_requests"] == 0


def test_html_error_body_is_reduced_to_its_title_status_and_url(http):
    http.get(URL + "/", json={"version": "4.3.1", "commit": "x", "kafka_cluster_id": "c"})
    http.get(URL + "/connectors", status=400, body=JETTY_400, content_type="text/html")
    result = run_module(kafka_connect_info.main, {"connect_url": [URL], "gather_subset": ["worker", "connectors"]})
    assert_clean(result)
    assert result["msg"] == (
        "GET %s/connectors?expand=status&expand=info returned HTTP 400: "
        "non-JSON answer: Error 400 Ambiguous URI path separator" % URL
    )


# --- 3. headers given as a list


def test_headers_as_a_list_gives_a_readable_message(http):
    result = connector(headers=["a", "b"])
    assert_clean(result)
    assert result["msg"] == (
        "headers must be a dictionary of header names to text values, e.g. {X-Api-Token: ...}; got a list"
    )
    assert "*" not in result["msg"]


def test_header_values_stay_masked_and_names_stay_readable(http):
    http.get(URL + "/", json={"version": "4.3.1", "commit": "x", "kafka_cluster_id": "c"})
    result = run_module(
        kafka_connect_info.main,
        {"connect_url": [URL], "gather_subset": ["worker"], "headers": "X-Api-Token=tok-9f8e7d"},
    )
    assert not result.failed
    assert_secret_masked(result, "tok-9f8e7d", "headers", "X-Api-Token", mask="VALUE_SPECIFIED_IN_NO_LOG_PARAMETER")


def test_headers_with_a_nested_value_are_refused(http):
    result = connector(headers={"X-Api-Token": "tok-12345", "X-List": ["x", "y"]})
    assert result["msg"].endswith("got a dictionary with a list or dictionary as a value")
    assert "tok-12345" not in repr(result)


# --- 4. a connect_url that answers with something else than Connect


def test_a_url_answering_html_stops_at_the_first_answer(http):
    http.get(URL + "/connectors/orders", status=404, body=NGINX_404, content_type="text/html")
    result = connector()
    assert_clean(result)
    assert result["msg"] == (
        "GET %s/connectors/orders returned HTTP 404: this URL does not look like a Kafka Connect REST API"
        " (it answered: 404 Not Found)" % URL
    )
    assert result["http_requests"] == 1


def test_a_url_answering_200_html_is_not_connect_either(http):
    http.get(URL + "/", status=200, body="<!DOCTYPE html><html><title>Welcome to nginx!</title></html>")
    result = run_module(kafka_connect_info.main, {"connect_url": [URL], "gather_subset": ["worker"]})
    assert "does not look like a Kafka Connect REST API (it answered: Welcome to nginx!)" in result["msg"]


def test_the_rest_proxy_reduces_html_to_one_line_too(http):
    http.get("http://proxy.test:8082/v3/clusters", status=502, body="<html><title>502 Bad Gateway</title></html>")
    result = run_module(
        kafka_rest_topic_info.main,
        {"rest_proxy_url": ["http://proxy.test:8082"], "dialect": "confluent_v3", "retries": 0},
    )
    assert_clean(result)
    assert result["msg"].endswith("returned HTTP 502: non-JSON answer: 502 Bad Gateway")


# --- validate_certs: false


def test_validate_certs_false_works_with_a_warning(http):
    http.get(HTTPS + "/", json={"version": "4.3.1", "commit": "x", "kafka_cluster_id": "c"})
    result = run_module(
        kafka_connect_info.main, {"connect_url": [HTTPS], "gather_subset": ["worker"], "validate_certs": False}
    )
    assert not result.failed
    assert any("validate_certs=false" in w and HTTPS in w for w in result.warning_messages)


def test_validate_certs_false_with_plain_http_does_not_warn(http):
    http.get(URL + "/", json={"version": "4.3.1", "commit": "x", "kafka_cluster_id": "c"})
    result = run_module(
        kafka_connect_info.main, {"connect_url": [URL], "gather_subset": ["worker"], "validate_certs": False}
    )
    assert not result.warning_messages


# --- secrets in the echoed arguments of a failed task


@pytest.mark.parametrize(
    "wrong",
    [
        {"config_mode": "bogus"},  # refused by AnsibleModule itself, before any module code
        {"name": ""},  # refused by the module before it normalises the config
        {"wait_timeout": 0},
        {"config": {"db.password": "pw-3c1d9e7f", "file": {"nested": 1}}},  # refused while normalising
    ],
)
def test_a_failed_task_never_echoes_a_config_password(http, wrong):
    args = {"config": {"connector.class": SOURCE, "db.password": "pw-3c1d9e7f"}}
    args.update(wrong)
    result = connector(**args)
    assert result.failed
    assert_secret_masked(result, "pw-3c1d9e7f", "config", "db.password")
