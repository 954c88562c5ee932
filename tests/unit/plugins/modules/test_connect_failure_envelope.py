# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every Connect module fails with the same keys: what reached the server, and what it cost."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.kafkaops.connect.plugins.modules import (
    kafka_connect_export,
    kafka_connect_info,
    kafka_connector,
    kafka_connector_offsets,
    kafka_connectors,
)
from ansible_collections.kafkaops.connect.tests.unit.conftest import run_module

URL = "http://connect.test:8083"
CONFIG = {"connector.class": "FileStreamSource", "file": "/tmp/x", "topic": "x"}

TASKS = [
    (kafka_connect_info.main, {}),
    (kafka_connect_export.main, {}),
    (kafka_connector.main, {"name": "orders", "config": CONFIG}),
    (kafka_connector_offsets.main, {"name": "orders"}),
    (kafka_connectors.main, {"connectors": [{"name": "orders", "config": CONFIG}]}),
]


@pytest.mark.parametrize("main, args", TASKS, ids=lambda v: getattr(v, "__module__", "").rsplit(".", 1)[-1])
def test_a_server_that_stays_busy_fails_every_module_alike(http, main, args):
    # Each module's first read gets the answer of a worker group that stays busy.
    http.get(re.compile(re.escape(URL) + ".*"), status=503, json={"error_code": 503, "message": "busy"})
    result = run_module(main, dict(args, connect_url=[URL], retries=1))
    assert result.failed
    assert "HTTP 503" in result["msg"]
    assert result["changed"] is False
    assert result["actions"] == []
    assert result["http_requests"] == 2
    assert result["retries"] == 1
    assert result["status"] == 503 and result["method"] == "GET"
