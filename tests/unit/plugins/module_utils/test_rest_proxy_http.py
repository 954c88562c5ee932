# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The HTTP rules the REST Proxy modules rely on, against real sockets: a request sent with
retry=False that may have reached the server is never sent again; one that never left is
retried, also on another URL."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket
import threading

import pytest

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError, HttpClient


@pytest.fixture
def refused_url():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return "http://127.0.0.1:%d" % port


@pytest.fixture
def silent_url():
    """A server that reads requests and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.getsockname()[1], accepted
    server.close()
    for conn in accepted:
        conn.close()


def client(urls, retries=3):
    return HttpClient(urls, timeout=0.3, retries=retries, retry_delay=0, sleep=lambda seconds: None)


def test_no_resend_after_the_request_went_out(refused_url, silent_url):
    url, accepted = silent_url
    http = client([refused_url, url])

    with pytest.raises(ApiError) as info:
        http.request("POST", "/topics/orders", json_body={"records": []}, retry=False)

    assert info.value.maybe_sent is True
    assert "not sent again" in str(info.value)
    # Refused first URL, then one send to the silent one, and no more.
    assert http.request_count == 2 and len(accepted) == 1


def test_refused_connections_are_retried_even_without_retry(refused_url):
    http = client([refused_url], retries=2)

    with pytest.raises(ApiError) as info:
        http.request("POST", "/topics/orders", json_body={}, retry=False)

    assert info.value.maybe_sent is False and info.value.status is None
    assert http.request_count == 3
