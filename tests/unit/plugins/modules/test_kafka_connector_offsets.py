# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector, _connector_plan
from ansible_collections.kafkaops.connect.plugins.modules import kafka_connector_offsets
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module

URL = "http://connect.test:8083"
NAME = "orders-source"
CONNECTOR = URL + "/connectors/" + NAME
PARTITION = {"filename": "/tmp/connect-files/orders.txt"}
AT_ZERO = [{"partition": PARTITION, "offset": {"position": 0}}]


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(_connector, "POLL_INTERVAL", 0)


def run(check_mode=False, diff=False, **args):
    args.setdefault("connect_url", [URL])
    args.setdefault("name", NAME)
    return run_module(kafka_connector_offsets.main, args, check_mode=check_mode, diff=diff)


def offsets(http, body="offsets_source.json"):
    http.get(CONNECTOR + "/offsets", json=load_fixture("connect", body) if isinstance(body, str) else body)


def status(http, fixture, times=1):
    for _poll in range(times):
        http.get(CONNECTOR + "/status", json=load_fixture("connect", fixture))


def stopping(http, before):
    """The reads and the stop that precede a change of a connector that was ``before``."""
    offsets(http)
    status(http, before)
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.put(CONNECTOR + "/stop", status=204)
    status(http, "status_stopped.json", times=2)


def test_query_is_one_request(http):
    offsets(http)
    result = run()
    assert result["changed"] is False
    assert result["offsets"] == load_fixture("connect", "offsets_source.json")["offsets"]
    assert result["http_requests"] == 1


def test_query_of_missing_connector_fails_clearly(http):
    http.get(CONNECTOR + "/offsets", status=404, json=load_fixture("connect", "error_not_found.json"))
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    result = run()
    assert result.failed
    assert result["msg"] == "connector %s does not exist" % NAME


def test_query_on_old_server_names_the_version_needed(http):
    http.get(CONNECTOR + "/offsets", status=404, json={"error_code": 404, "message": "HTTP 404 Not Found"})
    http.get(URL + "/", json={"version": "3.4.0"})
    result = run()
    assert result.failed
    assert "3.5 or later" in result["msg"]


def test_equal_offsets_are_no_change(http):
    offsets(http)
    current = load_fixture("connect", "offsets_source.json")["offsets"]
    result = run(state="present", offsets=current)
    assert result["changed"] is False
    assert result["http_requests"] == 1


def test_running_connector_without_stop_connector_fails_before_writing(http):
    offsets(http)
    status(http, "status_running.json")
    result = run(state="present", offsets=AT_ZERO)
    assert result.failed
    assert "is RUNNING" in result["msg"] and "stop_connector=true" in result["msg"]


def test_check_mode_predicts_stop_alter_resume(http):
    offsets(http)
    status(http, "status_running.json")
    result = run(state="present", offsets=AT_ZERO, stop_connector=True, check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["actions"] == ["stop", "alter_offsets", "resume"]
    assert result["offsets"] == AT_ZERO
    assert result["diff"]["after"] == {"offsets": AT_ZERO}


def test_alter_stops_changes_and_resumes(http):
    stopping(http, "status_running.json")
    http.patch(
        CONNECTOR + "/offsets", json={"message": "ok"}, match=[matchers.json_params_matcher({"offsets": AT_ZERO})]
    )
    http.put(CONNECTOR + "/resume", status=202)
    status(http, "status_running.json", times=2)
    offsets(http, {"offsets": AT_ZERO})
    result = run(state="present", offsets=AT_ZERO, stop_connector=True)
    assert result["actions"] == ["stop", "alter_offsets", "resume"]
    assert result["connector_state"] == "RUNNING"
    assert result["offsets"] == AT_ZERO


def test_reset_of_stopped_connector_needs_no_stop(http):
    offsets(http)
    status(http, "status_stopped.json")
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.delete(CONNECTOR + "/offsets", json={"message": "ok"})
    offsets(http, "offsets_sink.json")
    result = run(state="reset")
    assert result["actions"] == ["reset_offsets"]
    assert result["offsets"] == []


def test_reset_of_empty_offsets_is_no_change(http):
    offsets(http, "offsets_sink.json")
    assert run(state="reset")["changed"] is False


def test_paused_connector_is_paused_again(http):
    stopping(http, "status_paused.json")
    http.patch(CONNECTOR + "/offsets", json={"message": "ok"})
    http.put(CONNECTOR + "/pause", status=202)
    status(http, "status_paused.json", times=2)
    offsets(http, {"offsets": AT_ZERO})
    result = run(state="present", offsets=AT_ZERO, stop_connector=True)
    assert result["actions"] == ["stop", "alter_offsets", "pause"]


def test_null_offset_removes_only_a_known_partition():
    current = [{"partition": {"p": 1}, "offset": {"o": 5}}]
    after, changes = _connector_plan.planned_offsets(
        "present", current, [{"partition": {"p": 1}, "offset": None}, {"partition": {"p": 2}, "offset": None}]
    )
    assert after == []
    assert changes == [{"partition": {"p": 1}, "offset": None}]


def test_present_needs_offsets():
    result = run(state="present")
    assert result.failed
    assert "offsets" in result["msg"]


def test_offsets_with_reset_is_refused():
    result = run(state="reset", offsets=AT_ZERO)
    assert result.failed
    assert result["msg"] == "offsets applies to state=present only; state=reset takes none"


# A FileStream offset whose position is not a number: Connect 4.3.1 refuses it with a 500 after the
# connector was stopped (recorded against the sandbox: fixtures/connect/error_offset_not_a_long.json).
NOT_A_NUMBER = [{"partition": PARTITION, "offset": {"position": "not-a-number"}}]


def refused_alter(http):
    http.patch(CONNECTOR + "/offsets", status=500, json=load_fixture("connect", "error_offset_not_a_long.json"))


def sent(http, method, path):
    return [c for c in http.calls if c.request.method == method and c.request.url.split("?")[0] == CONNECTOR + path]


def test_a_refused_alter_is_sent_once_and_the_running_connector_is_resumed(http):
    stopping(http, "status_running.json")
    refused_alter(http)
    http.put(CONNECTOR + "/resume", status=202)
    status(http, "status_running.json", times=2)

    result = run(state="present", offsets=NOT_A_NUMBER, stop_connector=True, retries=5)

    assert result.failed
    assert "expected to be a Long value" in result["msg"]
    # The stop and the resume reached the server: the task changed the connector, and says so.
    assert result["changed"] is True
    assert result["actions"] == ["stop", "resume"]
    assert "resumed" in result["msg"] and "RUNNING" in result["msg"]
    assert len(sent(http, "PATCH", "/offsets")) == 1
    assert result["retries"] == 0
    assert result["http_requests"] == len(http.calls)


def test_a_refused_alter_pauses_a_paused_connector_again(http):
    stopping(http, "status_paused.json")
    refused_alter(http)
    http.put(CONNECTOR + "/pause", status=202)
    status(http, "status_paused.json", times=2)

    result = run(state="present", offsets=NOT_A_NUMBER, stop_connector=True)

    assert result.failed and result["changed"] is True
    assert result["actions"] == ["stop", "pause"]
    assert "paused" in result["msg"] and "PAUSED" in result["msg"]


def test_a_connector_that_cannot_be_resumed_is_said_to_be_left_stopped(http):
    stopping(http, "status_running.json")
    refused_alter(http)
    http.put(CONNECTOR + "/resume", status=404, json=load_fixture("connect", "error_not_found.json"))

    result = run(state="present", offsets=NOT_A_NUMBER, stop_connector=True)

    assert result.failed and result["changed"] is True
    assert result["actions"] == ["stop"]
    assert "expected to be a Long value" in result["msg"]
    assert "could not be resumed" in result["msg"] and "left STOPPED" in result["msg"]


def test_a_refusal_of_a_stopped_connector_changes_nothing(http):
    offsets(http)
    status(http, "status_stopped.json")
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    refused_alter(http)

    result = run(state="present", offsets=NOT_A_NUMBER)

    assert result.failed
    assert result["changed"] is False and result["actions"] == []
    assert result["retries"] == 0 and result["http_requests"] == 4
