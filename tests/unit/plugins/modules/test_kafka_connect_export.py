# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.kafkaops.connect.plugins.modules import kafka_connect_export
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module

URL = "http://connect.test:8083"


def run(check_mode=False, **args):
    args.setdefault("connect_url", [URL])
    return run_module(kafka_connect_export.main, args, check_mode=check_mode)


def test_one_request_no_secret_and_the_same_content_twice(http):
    http.get(URL + "/connectors", json=load_fixture("connect", "connectors_expanded_export.json"))
    first = run()
    second = run(check_mode=True)
    assert first["changed"] is False and first["http_requests"] == 1
    assert first["content"] == second["content"]
    assert first["secret_placeholders"] == ["vault_rec_db_source_db_password"]
    assert [c["name"] for c in first["connectors"]] == ["rec-db-source", "rec-paused"]
    assert "recorded-pw" not in json.dumps(first)


def test_name_globs(http):
    http.get(URL + "/connectors", json=load_fixture("connect", "connectors_expanded_export.json"))
    result = run(name=["*-paused"])
    assert [c["name"] for c in result["connectors"]] == ["rec-paused"]
    assert result["secret_placeholders"] == []


def test_server_without_expand_is_read_one_by_one(http):
    recorded = load_fixture("connect", "connectors_expanded_export.json")["rec-paused"]
    http.get(URL + "/connectors", json=["rec-paused", "skipped"])
    http.get(URL + "/connectors/rec-paused", json=recorded["info"])
    http.get(URL + "/connectors/rec-paused/status", json=recorded["status"])
    result = run(name=["rec-*"])
    assert result["connectors"] == [
        {
            "name": "rec-paused",
            "state": "stopped",
            "config": {
                "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "file": "/tmp/rec-out.txt",
                "tasks.max": "1",
                "topics": "rec.topic",
            },
        }
    ]
    assert result["http_requests"] == 3


def test_server_error_fails_clearly(http):
    http.get(URL + "/connectors", status=500, json={"error_code": 500, "message": "Request timed out"})
    result = run(retries=0)
    assert result.failed
    assert "Request timed out" in result["msg"] and result["http_requests"] == 1
