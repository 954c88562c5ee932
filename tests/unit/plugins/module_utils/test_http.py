# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError, HttpClient
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture

DEAD = "http://dead.invalid:1"
LIVE = "http://connect.test:8083"


def client(urls=(LIVE,), **kwargs):
    delays = []
    kwargs.setdefault("retry_delay", 1.0)
    return HttpClient(list(urls), sleep=delays.append, **kwargs), delays


def test_failover_to_the_next_url_and_stay_there(http):
    http.get(DEAD + "/", body=requests.exceptions.ConnectionError("Connection refused"))
    http.get(LIVE + "/", json={"version": "4.3.1"})
    http.get(LIVE + "/connectors", json=[])
    c, delays = client([DEAD, LIVE])
    assert c.get_json("/") == {"version": "4.3.1"}
    assert c.get_json("/connectors") == []
    assert c.base_url == LIVE
    assert c.request_count == 3
    assert delays == []


@pytest.mark.parametrize("status", [409, 500, 503])
def test_retriable_statuses_back_off_and_retry(http, status):
    http.get(LIVE + "/connectors", status=status, json={"error_code": status, "message": "rebalance"})
    http.get(LIVE + "/connectors", status=status, json={"error_code": status, "message": "rebalance"})
    http.get(LIVE + "/connectors", json=["a"])
    c, delays = client(retries=3)
    assert c.get_json("/connectors") == ["a"]
    assert len(delays) == 2
    # Exponential with jitter: the second wait is drawn from a range twice as high.
    assert 0.5 <= delays[0] <= 1.0
    assert 1.0 <= delays[1] <= 2.0


def test_bad_request_is_not_retried(http):
    http.put(LIVE + "/connectors/x/config", status=400, json={"error_code": 400, "message": "bad config"})
    c, delays = client(retries=5)
    with pytest.raises(ApiError) as info:
        c.send_json("PUT", "/connectors/x/config", {"a": "b"})
    assert info.value.status == 400
    assert str(info.value) == "PUT %s/connectors/x/config returned HTTP 400: bad config" % LIVE
    assert delays == []
    assert c.request_count == 1


def test_give_up_stops_retrying_a_hopeless_409(http):
    http.post(LIVE + "/connectors", status=409, json={"error_code": 409, "message": "Connector a already exists"})
    c, delays = client(retries=5)
    with pytest.raises(ApiError):
        c.send_json("POST", "/connectors", {}, give_up=lambda e: "already exists" in e.message)
    assert c.request_count == 1


def test_retries_run_out_with_the_last_error(http):
    for _attempt in range(3):
        http.get(LIVE + "/", status=503, body="down")
    c, delays = client(retries=2)
    with pytest.raises(ApiError) as info:
        c.get_json("/")
    assert info.value.status == 503
    assert len(delays) == 2


def test_errors_never_show_credentials_or_headers(http):
    http.get(
        LIVE + "/connectors",
        status=401,
        json={"error_code": 401, "message": "Unauthorized"},
        match=[matchers.header_matcher({"X-Api-Key": "s3cr3t-token"})],
    )
    http.get(DEAD + "/", body=requests.exceptions.ConnectionError("Connection refused"))
    c = client(username="admin", password="pa55word", headers={"X-Api-Key": "s3cr3t-token"})[0]
    with pytest.raises(ApiError) as info:
        c.get_json("/connectors")
    c2 = client([DEAD], username="admin", password="pa55word", retries=0)[0]
    with pytest.raises(ApiError) as info2:
        c2.get_json("/")
    for error in (info.value, info2.value):
        text = str(error) + repr(error.to_result())
        assert "pa55word" not in text
        assert "s3cr3t-token" not in text
    assert info2.value.status is None
    assert "connection refused" in str(info2.value)


def test_tls_failure_is_neither_retried_nor_tried_elsewhere(http):
    # Every worker has the same certificate: another try or another URL cannot fix trust.
    http.get(LIVE + "/", body=requests.exceptions.SSLError("certificate verify failed: self-signed certificate"))
    c, delays = client([LIVE, DEAD], retries=5)
    with pytest.raises(ApiError) as info:
        c.get_json("/")
    assert c.request_count == 1
    assert delays == []
    assert info.value.maybe_sent is False
    assert "TLS error" in str(info.value)
    assert LIVE in str(info.value)


def test_a_lost_answer_is_retried_and_the_error_says_it_may_have_been_applied(http):
    for _attempt in range(3):
        http.put(
            LIVE + "/connectors/x/config", body=requests.exceptions.ReadTimeout("Read timed out. (read timeout=2)")
        )
    c, delays = client(retries=2)
    with pytest.raises(ApiError) as info:
        c.send_json("PUT", "/connectors/x/config", {"a": "b"})
    assert c.request_count == 3
    assert len(delays) == 2
    assert info.value.maybe_sent is True
    assert "may have applied it" in str(info.value)
    assert "timed out" in str(info.value)
    assert str(info.value).endswith("(gave up after 3 attempts)")


def test_a_response_cut_midway_is_retried(http):
    http.put(
        LIVE + "/connectors/x/config",
        body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"),
    )
    http.put(LIVE + "/connectors/x/config", json={"name": "x"})
    c, delays = client(retries=2)
    assert c.send_json("PUT", "/connectors/x/config", {"a": "b"}) == {"name": "x"}
    assert c.retry_count == 1
    assert len(delays) == 1


def test_a_response_cut_midway_is_not_resent_when_resending_could_double_it(http):
    http.post(LIVE + "/topics/t", body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"))
    c, delays = client(retries=5)
    with pytest.raises(ApiError) as info:
        c.send_json("POST", "/topics/t", {"records": []}, retry=False)
    assert c.request_count == 1
    assert delays == []
    assert info.value.maybe_sent is True
    assert "not sent again" in str(info.value)


def test_a_409_storm_ends_with_the_last_cause_and_the_number_of_attempts(http):
    for _attempt in range(4):
        http.put(
            LIVE + "/connectors/x/config", status=409, json={"error_code": 409, "message": "rebalance in progress"}
        )
    c, delays = client(retries=3)
    with pytest.raises(ApiError) as info:
        c.send_json("PUT", "/connectors/x/config", {"a": "b"})
    assert str(info.value) == (
        "PUT %s/connectors/x/config returned HTTP 409: rebalance in progress (gave up after 4 attempts)" % LIVE
    )
    assert c.retry_count == 3
    # Backoff doubles: each wait is drawn from a range twice as high as the one before.
    assert [round(d / 2**n, 3) >= 0.5 for n, d in enumerate(delays)] == [True] * 3
    assert delays == sorted(delays)


# As requests words them against the secure sandbox (an unknown CA; a worker that requires a
# client certificate): OpenSSL's reason sits inside two layers of wrapper text.
WRAPPED_TLS = (
    "HTTPSConnectionPool(host='127.0.0.1', port=18183): Max retries exceeded with url: / (Caused by SSLError("
    "SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed"
    " certificate in certificate chain (_ssl.c:1000)')))",
    "HTTPSConnectionPool(host='127.0.0.1', port=18184): Max retries exceeded with url: / (Caused by SSLError("
    "SSLError(1, '[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:2578)')))",
    "HTTPSConnectionPool(host='127.0.0.1', port=18184): Max retries exceeded with url: / (Caused by SSLError("
    "SSLError(1, '[SSL: SSLV3_ALERT_BAD_CERTIFICATE] sslv3 alert bad certificate (_ssl.c:2580)')))",
)


@pytest.mark.parametrize(
    "text, reason, hint",
    [
        (WRAPPED_TLS[0], "certificate verify failed: self-signed certificate in certificate chain", "ca_path"),
        (WRAPPED_TLS[1], "tlsv13 alert certificate required", "client_cert"),
        (WRAPPED_TLS[2], "sslv3 alert bad certificate", "client_cert"),
    ],
)
def test_a_tls_failure_is_told_in_openssl_words_whole_with_what_to_change(http, text, reason, hint):
    http.get(LIVE + "/", body=requests.exceptions.SSLError(text))
    with pytest.raises(ApiError) as err:
        HttpClient([LIVE], retries=0).get_json("/")
    message = str(err.value)
    assert "TLS error: " + reason in message
    assert hint in message
    assert "HTTPSConnectionPool" not in message and "_ssl.c" not in message


def test_a_500_refusal_in_the_services_words_is_not_retried(http):
    # Connect refuses an offset of the wrong type with a 500 (recorded against the sandbox).
    http.patch(LIVE + "/connectors/x/offsets", status=500, json=load_fixture("connect", "error_offset_not_a_long.json"))
    c, delays = client(retries=5)
    with pytest.raises(ApiError) as info:
        c.send_json("PATCH", "/connectors/x/offsets", {"offsets": []})
    assert info.value.status == 500
    assert "gave up" not in str(info.value)
    assert delays == [] and c.request_count == 1


@pytest.mark.parametrize(
    "message",
    [
        "Request timed out",
        # Connect 3.7+ adds what the worker was doing.
        "Request timed out. The worker is currently ensuring membership in the cluster",
        "IO Error trying to forward REST request: java.net.ConnectException: Connection refused",
    ],
)
def test_a_500_saying_the_group_is_busy_is_retried(http, message):
    http.get(LIVE + "/connectors", status=500, json={"error_code": 500, "message": message})
    http.get(LIVE + "/connectors", json=["a"])
    c, delays = client(retries=3)
    assert c.get_json("/connectors") == ["a"]
    assert len(delays) == 1


def test_a_500_without_a_message_is_retried(http):
    http.get(LIVE + "/connectors", status=500, body="<html><title>500 Server Error</title></html>")
    http.get(LIVE + "/connectors", json=["a"])
    c, delays = client(retries=3)
    assert c.get_json("/connectors") == ["a"]
    assert len(delays) == 1
