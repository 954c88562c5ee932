# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""kafka_connect_logger against two stubbed workers, with the answers Connect 4.3.1 gave in the sandbox:
loggers.json (GET /admin/loggers at INFO, trimmed to the FileStream and a few runtime loggers),
loggers_worker_scope.json (the same after DEBUG was set), logger_put_worker.json (a worker-scope PUT),
error_logger_invalid_level.json; a cluster-scope PUT answered 204 without a body."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import requests
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.modules import kafka_connect_logger
from ansible_collections.kafkaops.connect.tests.unit.conftest import FakeTime, load_fixture, run_module

W1 = "http://worker1.test:8083"
W2 = "http://worker2.test:8083"
FILE = "org.apache.kafka.connect.file"


def run(check_mode=False, diff=False, **args):
    args.setdefault("connect_url", [W1, W2])
    args.setdefault("loggers", {FILE: "debug"})
    return run_module(kafka_connect_logger.main, args, check_mode=check_mode, diff=diff)


def at_info(http, *workers):
    for worker in workers:
        http.get(worker + "/admin/loggers", json=load_fixture("connect", "loggers.json"))


def at_debug(http, *workers):
    for worker in workers:
        http.get(worker + "/admin/loggers", json=load_fixture("connect", "loggers_worker_scope.json"))


def levels(entries):
    return dict((w["url"], dict((n, e["level"]) for n, e in w["loggers"].items())) for w in entries)


def test_cluster_scope_sets_once_and_waits_for_both_workers(http):
    at_info(http, W1, W2)
    http.get(W1 + "/", json=load_fixture("connect", "root.json"))
    http.put(
        W1 + "/admin/loggers/" + FILE,
        status=204,
        match=[matchers.query_param_matcher({"scope": "cluster"}), matchers.json_params_matcher({"level": "DEBUG"})],
    )
    at_debug(http, W1, W2)
    result = run()
    assert result["changed"] is True
    assert result["scope"] == "cluster"
    assert result["actions"] == ["set %s DEBUG on cluster" % FILE]
    assert levels(result["before"]) == {W1: {FILE: "INFO"}, W2: {FILE: "INFO"}}
    assert levels(result["workers"]) == {W1: {FILE: "DEBUG"}, W2: {FILE: "DEBUG"}}
    assert result["workers"][0]["loggers"][FILE]["last_modified"] == 1796068569740
    assert result["http_requests"] == 6


def test_no_change_reads_each_worker_once(http):
    at_debug(http, W1, W2)
    result = run()
    assert result["changed"] is False and result["actions"] == []
    assert result["http_requests"] == 2


def test_a_logger_the_worker_does_not_list_has_its_ancestors_level(http):
    at_debug(http, W1, W2)
    result = run(loggers={FILE + ".FileStreamSourceTask": "DEBUG", "org.example.Other": "INFO"})
    assert result["changed"] is False
    assert result["workers"][0]["loggers"]["org.example.Other"] == {"level": "INFO", "last_modified": None}


def test_check_mode_and_diff_predict_without_writing(http):
    at_info(http, W1)
    at_debug(http, W2)
    http.get(W1 + "/", json=load_fixture("connect", "root.json"))
    result = run(check_mode=True, diff=True)
    assert result["changed"] is True and result["actions"] == []
    assert result["diff"]["before"] == {W1: {FILE: "INFO"}, W2: {FILE: "DEBUG"}}
    assert result["diff"]["after"] == {W1: {FILE: "DEBUG"}, W2: {FILE: "DEBUG"}}
    assert result["workers"][0]["loggers"][FILE] == {"level": "DEBUG", "last_modified": None}
    assert result["scope"] == "cluster"
    assert result["http_requests"] == 3


def test_worker_scope_puts_only_where_it_differs(http):
    at_info(http, W1)
    at_debug(http, W2)
    http.put(W1 + "/admin/loggers/" + FILE, json=load_fixture("connect", "logger_put_worker.json"))
    at_debug(http, W1, W2)
    result = run(scope="worker")
    assert result["scope"] == "worker"
    assert result["actions"] == ["set %s DEBUG on %s" % (FILE, W1)]
    assert levels(result["workers"]) == {W1: {FILE: "DEBUG"}, W2: {FILE: "DEBUG"}}
    assert result["http_requests"] == 5


def test_workers_older_than_3_7_are_set_one_by_one(http):
    at_info(http, W1, W2)
    http.get(W1 + "/", json={"version": "3.6.2", "commit": "c", "kafka_cluster_id": "k"})
    for worker in (W1, W2):
        http.put(worker + "/admin/loggers/" + FILE, json=load_fixture("connect", "logger_put_worker.json"))
    at_debug(http, W1, W2)
    result = run()
    assert result["scope"] == "worker" and len(result["actions"]) == 2


def test_a_worker_that_never_reports_the_level_fails_after_wait_timeout(http, monkeypatch):
    monkeypatch.setattr(kafka_connect_logger, "time", FakeTime())
    at_info(http, W1, W2)
    http.get(W1 + "/", json=load_fixture("connect", "root.json"))
    http.put(W1 + "/admin/loggers/" + FILE, status=204)
    for _poll in range(3):
        at_debug(http, W1)
        at_info(http, W2)
    result = run(wait_timeout=2)
    assert result.failed and result["changed"] is True
    assert "after 2s %s still reports another level for %s" % (W2, FILE) in result["msg"]
    assert result["actions"] == ["set %s DEBUG on cluster" % FILE]


def test_a_dead_worker_fails_naming_it(http):
    at_info(http, W1)
    http.get(W2 + "/admin/loggers", body=requests.exceptions.ConnectionError("Connection refused"))
    result = run(retries=0)
    assert result.failed and result["changed"] is False
    assert W2 + "/admin/loggers" in result["msg"]


@pytest.mark.parametrize(
    "loggers, message",
    [
        (
            {FILE: "LOUD"},
            "'LOUD' is not a log level (expected one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL)",
        ),
        ({}, "loggers must name at least one logger"),
        ({FILE: 3}, "3 is not a log level"),
    ],
)
def test_bad_levels_are_refused_before_any_request(http, loggers, message):
    result = run(loggers=loggers)
    assert result.failed and message in result["msg"]


def test_the_server_refusing_a_level_is_shown(http):
    at_info(http, W1, W2)
    http.get(W1 + "/", json=load_fixture("connect", "root.json"))
    http.put(W1 + "/admin/loggers/" + FILE, status=404, json=load_fixture("connect", "error_logger_invalid_level.json"))
    result = run()
    assert result.failed and "invalid log level 'BOGUS'" in result["msg"]
    assert json.dumps(result["actions"]) == "[]"
