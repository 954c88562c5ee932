# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import requests
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector, _connector_plan
from ansible_collections.kafkaops.connect.plugins.modules import kafka_connector
from ansible_collections.kafkaops.connect.tests.unit.conftest import (
    FakeTime,
    assert_secret_masked,
    load_fixture,
    run_module,
)

URL = "http://connect.test:8083"
NAME = "orders-source"
CONNECTOR = URL + "/connectors/" + NAME
SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
VALIDATE = URL + "/connector-plugins/" + SOURCE + "/config/validate"
# The recorded connector: its config, as a user would write it.
CONFIG = {
    "connector.class": SOURCE,
    "file": "/tmp/connect-files/orders.txt",
    "db.password": "hunter2",
    "tasks.max": 1,
    "topic": "orders",
}


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(_connector, "POLL_INTERVAL", 0)
    monkeypatch.setattr(_connector_plan, "EMPTY_TASKS_GRACE", 0)


def run(check_mode=False, diff=False, **args):
    args.setdefault("connect_url", [URL])
    args.setdefault("name", NAME)
    return run_module(kafka_connector.main, args, check_mode=check_mode, diff=diff)


def existing(http, status="status_running.json", config=None):
    info = load_fixture("connect", "connector_info.json")
    if config is not None:
        info["config"] = config
    http.get(CONNECTOR, json=info)
    http.get(CONNECTOR + "/status", json=load_fixture("connect", status))


def missing(http):
    http.get(CONNECTOR, status=404, json=load_fixture("connect", "error_not_found.json"))


def settles(http, status="status_running.json", times=2):
    for _poll in range(times):
        http.get(CONNECTOR + "/status", json=load_fixture("connect", status))


def assert_no_secret(result):
    assert "hunter2" not in json.dumps(result)


def test_no_change_makes_two_requests_and_no_validation(http):
    existing(http)
    result = run(state="running", config=CONFIG, diff=True)
    assert result["changed"] is False
    assert result["actions"] == []
    assert result["http_requests"] == 2
    assert result["connector"]["state"] == "RUNNING"
    assert result["connector"]["config"]["db.password"] == "********"
    assert result["diff"]["before"] == result["diff"]["after"]
    assert_no_secret(result)


def test_create_running_validates_posts_and_waits(http):
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(
        URL + "/connectors",
        status=201,
        json=load_fixture("connect", "create_response.json"),
        match=[matchers.json_params_matcher({"name": NAME, "config": dict(CONFIG, **{"tasks.max": "1"})})],
    )
    settles(http)
    result = run(state="running", config=CONFIG)
    assert result["changed"] is True
    assert result["actions"] == ["create"]
    assert result["connector"]["state"] == "RUNNING"
    assert result["connector"]["tasks"][0]["worker_id"] == "127.0.0.1:18083"
    assert result["http_requests"] == 5
    assert_no_secret(result)


def test_create_paused_uses_initial_state(http):
    missing(http)
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(
        URL + "/connectors",
        status=201,
        json=load_fixture("connect", "create_response.json"),
        match=[matchers.json_params_matcher({"initial_state": "PAUSED"}, strict_match=False)],
    )
    settles(http, "status_paused.json")
    result = run(state="paused", config=CONFIG)
    assert result["actions"] == ["create"]
    assert result["connector"]["state"] == "PAUSED"
    assert result.warning_messages == []


def test_create_paused_on_old_server_pauses_at_once_and_warns(http):
    missing(http)
    http.get(URL + "/", json={"version": "3.6.2", "commit": "c", "kafka_cluster_id": "k"})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=201, json=load_fixture("connect", "create_response.json"))
    http.put(CONNECTOR + "/pause", status=202)
    settles(http, "status_paused.json")
    result = run(state="paused", config=CONFIG)
    assert result["changed"] is True
    assert "may run briefly" in result.warning_messages[0]


def test_check_mode_validates_but_writes_nothing(http):
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    result = run(state="present", config=CONFIG, check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["actions"] == ["create"]
    assert result["diff"]["before"] == {"state": "absent"}
    assert result["diff"]["after"]["state"] == "RUNNING"
    assert result["diff"]["after"]["config"]["db.password"] == "******** (changed)"
    assert result["connector"]["state"] == "RUNNING"
    assert_no_secret(result)


def test_update_and_resume(http):
    existing(http, "status_paused.json")
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    wanted = dict(CONFIG, topic="orders-v2")
    http.put(
        CONNECTOR + "/config",
        json=load_fixture("connect", "create_response.json"),
        match=[matchers.json_params_matcher(dict(wanted, **{"tasks.max": "1"}))],
    )
    http.put(CONNECTOR + "/resume", status=202)
    settles(http)
    result = run(state="running", config=wanted, diff=True)
    assert result["actions"] == ["update_config", "resume"]
    assert result["diff"]["before"]["config"]["topic"] == "orders"
    assert result["diff"]["after"]["config"]["topic"] == "orders-v2"
    assert result["diff"]["after"]["state"] == "RUNNING"
    assert result["connector"]["config"]["topic"] == "orders-v2"


def test_merge_with_masked_secret_patches_only_the_change(http):
    masked = dict(load_fixture("connect", "connector_info.json")["config"], **{"db.password": "[hidden]"})
    existing(http, config=masked)
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.patch(CONNECTOR + "/config", json={}, match=[matchers.json_params_matcher({"topic": "t2", "file": None})])
    settles(http)
    result = run(config={"topic": "t2", "file": None}, config_mode="merge")
    assert result["actions"] == ["update_config"]


def test_merge_with_masked_secret_on_old_server_fails_before_writing(http):
    masked = dict(load_fixture("connect", "connector_info.json")["config"], **{"db.password": "****"})
    existing(http, config=masked)
    http.get(URL + "/", json={"version": "3.7.0"})
    result = run(config={"topic": "t2"}, config_mode="merge")
    assert result.failed
    assert "db.password" in result["msg"] and "PATCH" in result["msg"]


def test_validation_errors_are_listed_and_nothing_is_written(http):
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_invalid.json"))
    result = run(config=dict(CONFIG, **{"tasks.max": "zero"}))
    assert result.failed
    assert "tasks.max" in result["msg"]
    assert result["validation"][0]["name"] == "tasks.max"
    assert "Not a number of type INT" in result["validation"][0]["errors"][0]
    assert_no_secret(result)


def test_unknown_class_lists_installed_classes_closest_first(http):
    missing(http)
    http.put(
        URL + "/connector-plugins/FileStreamSorce/config/validate",
        status=500,
        json=load_fixture("connect", "error_unknown_class.json"),
    )
    http.get(URL + "/connector-plugins", json=load_fixture("connect", "plugins.json"))
    result = run(config=dict(CONFIG, **{"connector.class": "FileStreamSorce"}))
    assert result.failed
    assert result["installed_classes"][0] == SOURCE
    assert result["msg"].startswith("connector class FileStreamSorce is not installed")
    assert "PluginDesc" not in result["msg"]


def test_stopped_on_old_server_fails_clearly(http):
    existing(http)
    http.get(URL + "/", json={"version": "3.4.0"})
    result = run(state="stopped")
    assert result.failed
    assert "needs Kafka Connect 3.5 or later" in result["msg"]
    assert "3.4.0" in result["msg"]


def test_failed_task_after_apply_fails_with_trace_and_worker(http):
    existing(http, "status_stopped.json")
    http.put(CONNECTOR + "/resume", status=202)
    settles(http, "status_task_failed.json")
    result = run(state="running")
    assert result.failed
    assert "task 0 FAILED on worker 127.0.0.1:18083" in result["msg"]
    assert "Couldn't find or create file" in result["msg"]
    assert "Caused by: java.nio.file.NoSuchFileException" in result["msg"]
    # The trace keeps its head and the root cause, which the recorded trace has on line 13 of 21.
    trace = result["connector"]["tasks"][0]["trace"].splitlines()
    assert trace[0].startswith("org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file")
    assert "Caused by: java.nio.file.NoSuchFileException: /tmp/connect-files/nodir/out.txt" in trace
    assert len(trace) < 21


def test_failed_task_without_restart_failed_only_warns(http):
    existing(http, "status_task_failed.json")
    result = run(state="running")
    assert result["changed"] is False
    assert "restart_failed" in result.warning_messages[0]


def test_restart_failed_restarts_only_failed(http):
    existing(http, "status_task_failed.json")
    http.post(
        CONNECTOR + "/restart",
        status=202,
        json={},
        match=[matchers.query_param_matcher({"includeTasks": "true", "onlyFailed": "true"})],
    )
    settles(http)
    result = run(state="running", restart_failed=True)
    assert result["actions"] == ["restart_failed"]


def test_wait_timeout_names_the_state_reached(http, monkeypatch):
    monkeypatch.setattr(_connector, "time", FakeTime())
    existing(http, "status_running.json")
    http.put(CONNECTOR + "/pause", status=202)
    settles(http, "status_running.json", times=2)
    result = run(state="paused", wait_timeout=1)
    assert result.failed
    assert (
        result["msg"]
        == "connector %s did not reach PAUSED within 1 seconds; it is RUNNING with tasks 0: RUNNING" % NAME
    )


def test_absent_deletes_and_is_then_idempotent(http):
    existing(http)
    http.delete(CONNECTOR, status=204)
    result = run(state="absent")
    assert result["actions"] == ["delete"]
    assert result["connector"] == {}
    http.get(CONNECTOR, status=404, json=load_fixture("connect", "error_not_found.json"))
    again = run(state="absent")
    assert again["changed"] is False
    assert again["http_requests"] == 1


def test_secrets_are_masked_in_the_invocation(http):
    existing(http)
    result = run(config=CONFIG)
    assert_secret_masked(result, "hunter2", "config", "db.password")


@pytest.mark.parametrize(
    "args, message",
    [
        ({"config": dict(CONFIG, name="other")}, "config name 'other' differs from name"),
        ({"state": "running", "restart_tasks": "all"}, "restart_tasks applies to state=restarted only"),
        ({"state": "present", "restart_failed": True}, "restart_failed applies to state=running only"),
        ({"wait_timeout": 0}, "wait_timeout must be a positive"),
        ({"config": {"transforms": {"a": 1}}}, "config key transforms"),
    ],
)
def test_bad_option_combinations_fail_with_advice(args, message):
    result = run(**args)
    assert result.failed
    assert message in result["msg"]


def test_create_without_config_says_what_to_do(http):
    missing(http)
    result = run(state="running")
    assert result.failed
    assert "give its config to create it" in result["msg"]


def test_wait_sees_a_task_fail_after_a_first_running_reading(http):
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=201, json=load_fixture("connect", "create_response.json"))
    # Just created: no status yet, then a task that runs for a moment before it fails.
    http.get(CONNECTOR + "/status", status=404, json=load_fixture("connect", "error_not_found.json"))
    settles(http, "status_running.json", times=1)
    settles(http, "status_task_failed.json", times=2)
    result = run(config=CONFIG)
    assert result.failed
    assert "task 0 FAILED" in result["msg"]
    assert result["http_requests"] == 7


def test_update_secrets_always_rewrites_a_masked_secret(http):
    masked = dict(load_fixture("connect", "connector_info.json")["config"], **{"db.password": "****"})
    existing(http, config=masked)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(CONNECTOR + "/config", json={}, match=[matchers.json_params_matcher(dict(CONFIG, **{"tasks.max": "1"}))])
    settles(http)
    result = run(config=CONFIG, update_secrets="always", diff=True)
    assert result["actions"] == ["update_config"]
    assert result["diff"]["after"]["config"]["db.password"] == "******** (changed)"
    assert_no_secret(result)


# The new user's report: both values were shown in the result and the diff.
JDBC_URL = "jdbc:postgresql://db:5432/x?user=app&password=URLLEAK-pw"
JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="JAASLEAK-pw";'


def test_jaas_config_and_url_password_never_shown_and_compared_as_written(http):
    embedded = {"connection.url": JDBC_URL, "producer.override.sasl.jaas.config": JAAS}
    existing(http, config=dict(load_fixture("connect", "connector_info.json")["config"], **embedded))
    result = run(config=dict(CONFIG, **embedded), diff=True)
    assert result["changed"] is False
    assert result["connector"]["config"]["connection.url"] == "jdbc:postgresql://db:5432/x?user=app&password=********"
    assert result["connector"]["config"]["producer.override.sasl.jaas.config"] == "********"
    assert "URLLEAK-pw" not in json.dumps(result) and "JAASLEAK-pw" not in json.dumps(result)


def test_changed_url_password_is_a_change_shown_masked(http):
    existing(
        http, config=dict(load_fixture("connect", "connector_info.json")["config"], **{"connection.url": JDBC_URL})
    )
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    wanted = dict(CONFIG, **{"connection.url": JDBC_URL.replace("URLLEAK-pw", "URLLEAK-new")})
    http.put(CONNECTOR + "/config", json={})
    settles(http)
    result = run(config=wanted, diff=True)
    assert result["actions"] == ["update_config"]
    assert result["diff"]["after"]["config"]["connection.url"].endswith("password=******** (changed)")
    assert "URLLEAK" not in json.dumps(result)


def test_masked_secret_is_left_alone_by_default(http):
    masked = dict(load_fixture("connect", "connector_info.json")["config"], **{"db.password": "****"})
    existing(http, config=masked)
    assert run(config=CONFIG)["changed"] is False


def test_server_messages_quoting_a_secret_are_redacted(http):
    missing(http)
    http.post(
        URL + "/connectors",
        status=400,
        json={"error_code": 400, "message": "Invalid value hunter2 for configuration db.password"},
    )
    result = run(config=CONFIG, validate=False, url_password="pa55word", url_username="admin")
    assert result.failed
    assert "Invalid value ******** for configuration db.password" in result["msg"]
    assert_no_secret(result)
    assert "pa55word" not in json.dumps(result)


def test_validation_errors_quoting_a_secret_are_redacted(http):
    missing(http)
    answer = load_fixture("connect", "validate_invalid.json")
    for item in answer["configs"]:
        if item["value"]["errors"]:
            item["value"]["name"] = "db.password"
            item["value"]["errors"] = ["Invalid value hunter2 for configuration db.password"]
    http.put(VALIDATE, json=answer)
    result = run(config=CONFIG)
    assert result.failed
    assert result["validation"] == [
        {"name": "db.password", "value": "********", "errors": ["Invalid value ******** for configuration db.password"]}
    ]
    assert_no_secret(result)


def test_restarted_restarts_connector_and_all_tasks(http):
    existing(http)
    http.post(
        CONNECTOR + "/restart",
        status=202,
        json=load_fixture("connect", "status_running.json"),
        match=[matchers.query_param_matcher({"includeTasks": "true", "onlyFailed": "false"})],
    )
    settles(http)
    result = run(state="restarted")
    assert result["changed"] is True
    assert result["actions"] == ["restart"]


def test_connector_created_meanwhile_is_taken_over(http):
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=409, json=load_fixture("connect", "error_already_exists.json"))
    http.put(CONNECTOR + "/config", json=load_fixture("connect", "create_response.json"))
    settles(http)
    result = run(config=CONFIG)
    assert result["actions"] == ["create"]
    assert result["connector"]["state"] == "RUNNING"
    # The 409 "already exists" is final: it was asked once, not retried.
    assert [c.request.method for c in http.calls].count("POST") == 1


def test_a_create_whose_task_then_fails_reports_the_change(http):
    # POST /connectors created the connector: it stays on the server, so the failed run changed something.
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=201, json=load_fixture("connect", "create_response.json"))
    settles(http, "status_task_failed.json", times=2)
    result = run(config=CONFIG)
    assert result.failed
    assert result["changed"] is True
    assert result["actions"] == ["create"]


def test_a_write_that_fails_first_reports_no_change(http):
    existing(http, "status_paused.json")
    http.put(CONNECTOR + "/resume", status=404, json=load_fixture("connect", "error_not_found.json"))
    result = run(state="running")
    assert result.failed
    assert result["changed"] is False
    assert result["actions"] == []


def test_an_update_then_failed_resume_lists_only_the_update(http):
    existing(http, "status_paused.json")
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(CONNECTOR + "/config", status=200, json=load_fixture("connect", "connector_info.json"))
    http.put(CONNECTOR + "/resume", status=404, json=load_fixture("connect", "error_not_found.json"))
    result = run(state="running", config=dict(CONFIG, topic="orders-v2"))
    assert result.failed
    assert result["changed"] is True
    assert result["actions"] == ["update_config"]
    assert_no_secret(result)


def test_retries_on_a_rebalance_are_counted(http):
    existing(http, "status_running.json")
    rebalance = {"error_code": 409, "message": "Cannot complete request because of a conflicting operation"}
    http.put(CONNECTOR + "/pause", status=409, json=rebalance)
    http.put(CONNECTOR + "/pause", status=202)
    settles(http, "status_paused.json")
    result = run(state="paused")
    assert result["changed"] is True
    assert result["retries"] == 1
    assert result["http_requests"] == 6


LOST = requests.exceptions.ReadTimeout("Read timed out. (read timeout=30)")


@pytest.mark.parametrize("server_took_it, holds", [(True, "new"), (False, "old")])
def test_a_config_write_whose_answer_was_lost_is_read_back_and_the_result_says_which_config_holds(
    http, server_took_it, holds
):
    wanted = dict(CONFIG, topic="orders-v2")
    existing(http, "status_running.json")
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(CONNECTOR + "/config", body=LOST)
    after = dict(load_fixture("connect", "connector_info.json")["config"])
    if server_took_it:
        after.update(topic="orders-v2")
    existing(http, "status_running.json", config=after)
    result = run(state="running", config=wanted, retries=0)
    assert result.failed
    assert result["changed"] is True
    assert result["actions"] == ["update_config"]
    assert result["config_on_server"] == holds
    assert result["connector"]["config"]["topic"] == after["topic"]
    assert "may have" in result["msg"]
    assert_no_secret(result)


# Topics reset (KIP-558), shaped from Connect 4.3.1: GET .../topics answered {"<name>": {"topics": [...]}},
# PUT .../topics/reset 202 with no body, and the set was empty at once on both workers.
TOPICS = CONNECTOR + "/topics"
RESET = CONNECTOR + "/topics/reset"


def active_topics(http, fixture="topics.json"):
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.get(TOPICS, json=load_fixture("connect", fixture))


def test_reset_topics_resets_a_non_empty_set_without_waiting(http):
    existing(http)
    active_topics(http)
    http.put(RESET, status=202)
    result = run(reset_topics=True)
    assert result["changed"] is True
    assert result["actions"] == ["reset_topics"]
    # The connector, its status, the version gate, the topics and the reset: no status polling after.
    assert result["http_requests"] == 5
    assert result["connector"]["state"] == "RUNNING"


def test_reset_topics_on_an_empty_set_changes_nothing(http):
    existing(http)
    active_topics(http, "topics_empty.json")
    result = run(reset_topics=True, diff=True)
    assert result["changed"] is False
    assert result["actions"] == []
    assert result["http_requests"] == 4
    assert result["diff"]["before"]["topics"] == result["diff"]["after"]["topics"] == []


def test_reset_topics_in_check_mode_reports_it_with_the_topics_diff_and_sends_nothing(http):
    existing(http)
    active_topics(http)
    result = run(reset_topics=True, check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["actions"] == ["reset_topics"]
    assert result["diff"]["before"]["topics"] == ["orders"]
    assert result["diff"]["after"]["topics"] == []
    assert result["diff"]["before"]["state"] == result["diff"]["after"]["state"] == "RUNNING"
    assert [c.request.method for c in http.calls] == ["GET"] * 4


def test_without_reset_topics_the_topics_are_not_read(http):
    existing(http)
    result = run(state="running", config=CONFIG, diff=True, reset_topics=False)
    assert result["http_requests"] == 2
    assert "topics" not in result["diff"]["before"]


def test_reset_topics_comes_after_the_config_and_state_changes(http):
    existing(http, "status_paused.json")
    active_topics(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(CONNECTOR + "/config", json=load_fixture("connect", "create_response.json"))
    http.put(CONNECTOR + "/resume", status=202)
    http.put(RESET, status=202)
    settles(http)
    result = run(state="running", config=dict(CONFIG, topic="orders-v2"), reset_topics=True)
    assert result["actions"] == ["update_config", "resume", "reset_topics"]
    assert [c.request.url for c in http.calls if c.request.method == "PUT"][-1] == RESET


def test_a_connector_created_by_the_task_has_no_topics_to_reset(http):
    missing(http)
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=201, json=load_fixture("connect", "create_response.json"))
    settles(http)
    result = run(config=CONFIG, reset_topics=True)
    assert result["actions"] == ["create"]
    assert not any(c.request.url.startswith(TOPICS) for c in http.calls)


def test_reset_topics_of_a_failed_connector_leaves_it_as_it_is(http):
    # Only the run state is waited for, and a reset does not change it: no wait, no failure for it.
    existing(http, "status_task_failed.json")
    active_topics(http)
    http.put(RESET, status=202)
    result = run(reset_topics=True)
    assert not result.failed
    assert result["actions"] == ["reset_topics"]
    assert result["connector"]["tasks"][0]["state"] == "FAILED"


def test_reset_topics_before_kafka_2_5_is_refused_before_any_write(http):
    existing(http)
    http.get(URL + "/", json={"version": "2.4.1", "commit": "x", "kafka_cluster_id": "c"})
    result = run(reset_topics=True)
    assert result.failed
    assert "resetting a connector's active topics" in result["msg"]
    assert "needs Kafka Connect 2.5 or later" in result["msg"]
    assert "2.4.1" in result["msg"]
    assert result["changed"] is False


def test_reset_topics_where_topics_are_not_tracked_warns_and_changes_nothing(http):
    existing(http)
    http.get(URL + "/", json=load_fixture("connect", "root.json"))
    http.get(TOPICS, status=403, json=load_fixture("connect", "error_topic_tracking_disabled.json"))
    result = run(reset_topics=True)
    assert result["changed"] is False
    assert "topic.tracking.enable=false" in result.warning_messages[0]


def test_reset_topics_where_resets_are_not_allowed_fails_with_the_servers_reason(http):
    existing(http)
    active_topics(http)
    http.put(RESET, status=403, json=load_fixture("connect", "error_topic_reset_disabled.json"))
    result = run(reset_topics=True)
    assert result.failed
    assert "HTTP 403: Topic tracking reset is disabled." in result["msg"]
    assert "(the workers set topic.tracking.allow.reset=false" in result["msg"]
    assert result["changed"] is False


def test_state_absent_ignores_reset_topics(http):
    existing(http)
    http.delete(CONNECTOR, status=204)
    result = run(state="absent", reset_topics=True)
    assert result["actions"] == ["delete"]
