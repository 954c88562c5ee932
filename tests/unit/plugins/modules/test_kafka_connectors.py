# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import yaml
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.module_utils import (
    _connector,
    _connector_bulk,
    _connector_plan,
    _items_file,
    _secrets,
)
from ansible_collections.kafkaops.connect.plugins.modules import kafka_connectors
from ansible_collections.kafkaops.connect.tests.unit.conftest import (
    ECHOES_ARGUMENTS,
    FakeTime,
    load_fixture,
    run_module,
)

URL = "http://connect.test:8083"
SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
VALIDATE = URL + "/connector-plugins/" + SOURCE + "/config/validate"
READ_ALL = [matchers.query_param_matcher({"expand": ["status", "info"]})]
STATUS_ALL = [matchers.query_param_matcher({"expand": "status"})]


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(_connector, "POLL_INTERVAL", 0)
    monkeypatch.setattr(_connector_plan, "EMPTY_TASKS_GRACE", 0)


def config(name, **extra):
    return dict({"connector.class": SOURCE, "tasks.max": 1, "file": "/tmp/%s.txt" % name, "topic": name}, **extra)


def stored(name, **extra):
    """The config as Connect returns it: every value a string, with the name added."""
    return dict(dict((k, str(v)) for k, v in config(name, **extra).items()), name=name)


def status(name, state="RUNNING", task_state=None):
    tasks = [] if state == "STOPPED" else [{"id": 0, "state": task_state or state, "worker_id": "127.0.0.1:8083"}]
    return {
        "name": name,
        "connector": {"state": state, "worker_id": "127.0.0.1:8083"},
        "tasks": tasks,
        "type": "source",
    }


def server(http, connectors):
    """The one expanded read: ``connectors`` maps names to (config, state)."""
    body = dict(
        (name, {"info": {"name": name, "config": cfg, "tasks": [], "type": "source"}, "status": status(name, state)})
        for name, (cfg, state) in connectors.items()
    )
    http.get(URL + "/connectors", json=body, match=READ_ALL)


def statuses(http, states, times=2):
    body = dict((name, {"status": status(name, *state)}) for name, state in states.items())
    for _round in range(times):
        http.get(URL + "/connectors", json=body, match=STATUS_ALL)


def run(check_mode=False, diff=False, **args):
    args.setdefault("connect_url", [URL])
    return run_module(kafka_connectors.main, args, check_mode=check_mode, diff=diff)


def test_no_change_of_many_connectors_is_one_request_and_returns_counts_only(http):
    names = ["c%02d" % i for i in range(30)]
    server(http, dict((n, (stored(n), "RUNNING")) for n in names))
    result = run(state="running", connectors=[{"name": n, "config": config(n)} for n in names])
    assert result["changed"] is False
    assert result["http_requests"] == 1
    assert result["connectors"] == []
    assert result["counts"] == {
        "total": 30,
        "changed": 0,
        "unchanged": 30,
        "created": 0,
        "updated": 0,
        "deleted": 0,
        "state_changed": 0,
        "topics_reset": 0,
        "failed": 0,
    }


def test_return_connectors_all_lists_every_connector_with_its_config_and_tasks(http):
    names = ["c%02d" % i for i in range(30)]
    server(http, dict((n, (stored(n), "RUNNING")) for n in names))
    result = run(state="running", return_connectors="all", connectors=[{"name": n, "config": config(n)} for n in names])
    assert result["changed"] is False
    assert result["http_requests"] == 1
    assert [c["name"] for c in result["connectors"]] == names
    assert all(c["actions"] == [] and c["state"] == "RUNNING" for c in result["connectors"])
    assert result["connectors"][3]["config"] == stored("c03")
    assert result["connectors"][3]["tasks"] == [
        {"id": 0, "state": "RUNNING", "worker_id": "127.0.0.1:8083", "trace": None}
    ]
    assert result["counts"]["unchanged"] == 30


@pytest.mark.parametrize("shown", ["changed", "all"])
def test_changed_failed_and_unchanged_connectors_by_return_connectors(http, shown):
    server(http, {n: (stored(n), "RUNNING") for n in ("same", "moved", "gone", "broken")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(URL + "/connectors/moved/config", status=200, json={})
    http.delete(URL + "/connectors/gone", status=204)
    http.put(URL + "/connectors/broken/pause", status=404, json={"error_code": 404, "message": "gone meanwhile"})
    result = run(
        wait=False,
        return_connectors=shown,
        connectors=[
            {"name": "same", "config": config("same")},
            {"name": "moved", "config": config("moved", topic="moved-v2")},
            {"name": "gone", "state": "absent"},
            {"name": "broken", "state": "paused"},
        ],
    )
    assert result.failed and result["changed"] is True
    listed = ["same", "moved", "gone", "broken"] if shown == "all" else ["moved", "gone", "broken"]
    assert [c["name"] for c in result["connectors"]] == listed
    by_name = dict((c["name"], c) for c in result["connectors"])
    assert by_name["moved"]["actions"] == ["update_config"]
    assert by_name["moved"]["config"]["topic"] == "moved-v2"
    assert by_name["gone"] == {"name": "gone", "actions": ["delete"]}
    assert "gone meanwhile" in by_name["broken"]["failed"]
    # The lists and counts do not depend on return_connectors.
    assert (result["updated"], result["deleted"], [f["name"] for f in result["failures"]]) == (
        ["moved"],
        ["gone"],
        ["broken"],
    )
    assert result["counts"] == {
        "total": 4,
        "changed": 2,
        "unchanged": 1,
        "created": 0,
        "updated": 1,
        "deleted": 1,
        "state_changed": 0,
        "topics_reset": 0,
        "failed": 1,
    }


def test_check_mode_lists_and_counts_what_would_change(http):
    server(http, {"same": (stored("same"), "RUNNING"), "old": (stored("old"), "RUNNING")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    result = run(
        check_mode=True,
        prune=True,
        connectors=[{"name": "same", "config": config("same")}, {"name": "new", "config": config("new")}],
    )
    assert [(c["name"], c["actions"]) for c in result["connectors"]] == [("new", ["create"]), ("old", ["delete"])]
    assert result["connectors"][0]["state"] == "RUNNING"
    assert (result["counts"]["total"], result["counts"]["created"], result["counts"]["deleted"]) == (3, 1, 1)
    assert result["counts"]["unchanged"] == 1


def test_masking_decides_each_key_once_and_still_follows_each_items_sensitive_keys(http):
    """The secret-key check is cached per key and pattern list: the same key is masked for the
    connector whose sensitive_keys name it, and shown for the one whose do not."""
    names = ["s%02d" % i for i in range(20)]
    extra = {"vendor.auth.blob": "hunter2-blob"}
    server(http, dict((n, (stored(n, **extra), "RUNNING")) for n in names))
    connectors = [
        {"name": n, "config": config(n, **extra), "sensitive_keys": ["vendor.auth.*"] if i % 2 else []}
        for i, n in enumerate(names)
    ]
    _secrets._is_secret_key.cache_clear()
    result = run(return_connectors="all", connectors=connectors)
    assert result["changed"] is False
    shown = [c["config"]["vendor.auth.blob"] for c in result["connectors"]]
    assert shown == ["hunter2-blob" if i % 2 == 0 else "********" for i in range(20)]
    if ECHOES_ARGUMENTS:  # ansible-core 2.21 echoes no arguments
        echoed = [c["config"]["vendor.auth.blob"] for c in result["invocation"]["module_args"]["connectors"]]
        assert echoed == shown
    # 20 connectors with 6 keys each, 2 pattern lists: at most 2 x 6 distinct checks, not one per value.
    assert _secrets._is_secret_key.cache_info().misses <= 12


def test_items_ansible_would_convert_are_still_converted(http):
    server(http, {"a": (stored("a"), "RUNNING")})
    # "yes" is not plain (a string for a bool), so Ansible validates and converts every item.
    result = run(
        state="running",
        return_connectors="all",
        connectors=[{"name": "a", "config": config("a"), "restart_failed": "yes"}],
    )
    assert not result.failed
    if ECHOES_ARGUMENTS:  # ansible-core 2.21 echoes no arguments
        assert result["invocation"]["module_args"]["connectors"][0]["restart_failed"] is True
    assert result["counts"]["unchanged"] == 1


@pytest.mark.parametrize(
    "item, message",
    [
        (
            {"name": "a", "state": "runing"},
            "value of state must be one of: present, running, paused, stopped, restarted, absent, got: runing "
            "found in connectors",
        ),
        ({"name": "a", "sate": "running"}, "Unsupported parameters for (basic.py) module: connectors.sate."),
        ({"state": "running"}, "missing required arguments: name found in connectors"),
        ({"name": "a", "config": ["x"]}, "argument 'config' is of type list found in 'connectors'"),
    ],
)
def test_a_wrong_item_gets_ansibles_own_message(item, message):
    plain = [{"name": "c%04d" % i, "config": config("c%04d" % i)} for i in range(50)]
    result = run(connectors=plain + [item])
    assert result.failed
    assert message in result["msg"]
    # The echoed arguments are every item as given, not the set-aside empty list.
    if ECHOES_ARGUMENTS:  # ansible-core 2.21 echoes no arguments
        assert len(result["invocation"]["module_args"]["connectors"]) == 51


def test_create_update_and_pause_in_one_pass_waiting_with_one_request_per_round(http):
    server(http, {"b": (stored("b"), "RUNNING"), "c": (stored("c"), "RUNNING")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(
        URL + "/connectors",
        status=201,
        json={},
        match=[matchers.json_params_matcher({"name": "a"}, strict_match=False)],
    )
    http.put(URL + "/connectors/b/config", status=200, json={})
    http.put(URL + "/connectors/c/pause", status=202)
    statuses(http, {"a": ("RUNNING",), "b": ("RUNNING",), "c": ("PAUSED",)})
    result = run(
        connectors=[
            {"name": "a", "config": config("a"), "state": "running"},
            {"name": "b", "config": config("b", **{"tasks.max": 2})},
            {"name": "c", "state": "paused"},
        ]
    )
    assert result["changed"] is True
    assert (result["created"], result["updated"], result["state_changed"]) == (["a"], ["b"], ["c"])
    assert [c["actions"] for c in result["connectors"]] == [["create"], ["update_config"], ["pause"]]
    assert [c["state"] for c in result["connectors"]] == ["RUNNING", "RUNNING", "PAUSED"]
    # 1 read + 2 validations + 3 writes + 2 wait rounds.
    assert result["http_requests"] == 8


def test_each_distinct_config_is_validated_once(http):
    server(http, {})
    shared = {"connector.class": SOURCE, "tasks.max": "1", "file": "/tmp/same.txt", "topic": "same"}
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    for _name in ("a", "b"):
        http.post(URL + "/connectors", status=201, json={})
    result = run(wait=False, connectors=[{"name": "a", "config": shared}, {"name": "b", "config": shared}])
    assert result["created"] == ["a", "b"]
    assert result["http_requests"] == 4


def test_prune_deletes_only_unlisted_connectors_within_the_globs(http):
    server(
        http,
        dict(
            (n, (stored(n), "RUNNING")) for n in ("keep", "orders-old", "orders-old-keep", "orders-older", "other-old")
        ),
    )
    http.delete(URL + "/connectors/orders-old", status=204)
    http.delete(URL + "/connectors/orders-older", status=204)
    result = run(
        connectors=[{"name": "keep"}],
        prune=True,
        prune_include=["orders-*"],
        prune_exclude=["*-keep"],
    )
    assert result["changed"] is True
    assert result["deleted"] == ["orders-old", "orders-older"]
    assert [c["name"] for c in result["connectors"]] == ["orders-old", "orders-older"]
    assert result["counts"]["total"] == 3


def test_prune_over_the_limit_fails_before_any_write(http):
    server(http, dict(("old-%d" % i, (stored("old-%d" % i), "RUNNING")) for i in range(3)))
    # No DELETE is registered: the mock fails the test if one is sent.
    result = run(connectors=[], prune=True, prune_max=2)
    assert result.failed
    assert result["would_delete"] == ["old-0", "old-1", "old-2"]
    assert "more than prune_max=2" in result["msg"]
    assert result["http_requests"] == 1


def test_prune_max_minus_one_has_no_limit(http):
    server(http, dict(("old-%d" % i, (stored("old-%d" % i), "RUNNING")) for i in range(3)))
    for i in range(3):
        http.delete(URL + "/connectors/old-%d" % i, status=204)
    result = run(prune=True, prune_max=-1)
    assert result["deleted"] == ["old-0", "old-1", "old-2"]


def test_one_failure_does_not_stop_the_others_and_the_task_still_reports_its_writes(http):
    server(http, {"a": (stored("a"), "RUNNING"), "b": (stored("b"), "RUNNING")})
    http.put(
        URL + "/connectors/a/pause",
        status=404,
        json={"error_code": 404, "message": "Connector a not found"},
    )
    http.put(URL + "/connectors/b/pause", status=202)
    statuses(http, {"b": ("PAUSED",)})
    result = run(state="paused", connectors=[{"name": "a"}, {"name": "b"}])
    assert result.failed
    assert result["changed"] is True
    assert result["state_changed"] == ["b"]
    assert [f["name"] for f in result["failures"]] == ["a"]
    assert result["failures"][0]["status"] == 404
    assert result["msg"].startswith("1 of 2 connectors failed: a: PUT")
    assert result["connectors"][0]["failed"]


def test_a_created_connector_whose_task_fails_is_reported_as_written(http):
    server(http, {})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=201, json={})
    statuses(http, {"a": ("RUNNING", "FAILED")})
    result = run(connectors=[{"name": "a", "config": config("a")}])
    assert result.failed
    assert result["changed"] is True
    assert result["created"] == ["a"]
    assert "task 0 FAILED" in result["failures"][0]["msg"]


def test_invalid_config_with_fail_fast_writes_nothing(http):
    server(http, {})
    invalid = load_fixture("connect", "validate_invalid.json")
    http.put(VALIDATE, json=invalid, match=[matchers.json_params_matcher({"name": "bad"}, strict_match=False)])
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    result = run(
        fail_fast=True,
        connectors=[
            {"name": "bad", "config": config("bad", **{"tasks.max": "zero"})},
            {"name": "good", "config": config("good")},
        ],
    )
    assert result.failed
    assert result["changed"] is False
    assert [f["name"] for f in result["failures"]] == ["bad"]
    assert result["failures"][0]["validation"]


def test_fail_fast_sends_no_write_after_the_first_failure(http):
    server(http, {"a": (stored("a"), "RUNNING"), "b": (stored("b"), "RUNNING")})
    http.put(URL + "/connectors/a/pause", status=404, json={"error_code": 404, "message": "gone"})
    result = run(
        state="paused", fail_fast=True, parallel=1, return_connectors="all", connectors=[{"name": "a"}, {"name": "b"}]
    )
    assert result.failed
    assert result["changed"] is False
    assert result["connectors"][1]["actions"] == []


def test_check_mode_writes_nothing_and_diffs_with_secrets_masked(http):
    server(http, {"a": (stored("a", **{"db.password": "hunter2"}), "RUNNING"), "gone": (stored("gone"), "RUNNING")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    result = run(
        check_mode=True,
        diff=True,
        prune=True,
        connectors=[{"name": "a", "config": config("a", **{"db.password": "hunter3"})}],
    )
    assert result["changed"] is True
    assert (result["updated"], result["deleted"]) == (["a"], ["gone"])
    assert result["diff"]["after"]["a"]["config"]["db.password"] == "******** (changed)"
    assert result["diff"]["after"]["gone"] == {"state": "absent"}
    text = json.dumps(result)
    assert "hunter2" not in text and "hunter3" not in text


def create_and_pause(http, check_mode):
    """Create a, pause b: with diff, in check mode or for real."""
    server(http, {"b": (stored("b"), "RUNNING")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    if not check_mode:
        http.post(URL + "/connectors", status=201, json={})
        http.put(URL + "/connectors/b/pause", status=202)
        statuses(http, {"a": ("RUNNING",), "b": ("PAUSED",)})
    return run(
        check_mode=check_mode,
        diff=True,
        connectors=[{"name": "a", "config": config("a")}, {"name": "b", "state": "paused"}],
    )


def test_a_real_run_diffs_from_the_state_before_its_writes_as_check_mode_does(http):
    checked = create_and_pause(http, check_mode=True)
    http.reset()
    applied = create_and_pause(http, check_mode=False)
    assert not applied.failed and applied["created"] == ["a"] and applied["state_changed"] == ["b"]
    assert applied["diff"]["before"]["a"] == {"state": "absent"}
    assert applied["diff"]["after"]["a"]["state"] == "RUNNING"
    assert (applied["diff"]["before"]["b"]["state"], applied["diff"]["after"]["b"]["state"]) == ("RUNNING", "PAUSED")
    assert applied["diff"] == checked["diff"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_failed_item_counts_as_failed_only_and_the_counts_add_up(http, check_mode):
    server(http, {"a": (stored("a"), "RUNNING")})
    result = run(
        check_mode=check_mode,
        connectors=[{"name": "ghost", "reset_topics": True}, {"name": "a", "config": config("a")}],
    )
    assert result.failed and "ghost does not exist" in result["failures"][0]["msg"]
    counts = result["counts"]
    assert (counts["total"], counts["changed"], counts["unchanged"], counts["failed"]) == (2, 0, 1, 1)


def test_per_item_options_override_the_module_defaults(http):
    server(http, {"a": (stored("a", extra="x"), "RUNNING")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.put(
        URL + "/connectors/a/config",
        status=200,
        json={},
        match=[matchers.json_params_matcher({"topic": "t2", "extra": "x", "file": "/tmp/a.txt"}, strict_match=False)],
    )
    statuses(http, {"a": ("RUNNING",)})
    result = run(config_mode="replace", connectors=[{"name": "a", "config": {"topic": "t2"}, "config_mode": "merge"}])
    assert result["updated"] == ["a"]


def test_servers_without_expand_are_read_one_by_one(http):
    http.get(URL + "/connectors", json=["a"], match=READ_ALL)
    http.get(URL + "/connectors/a", json={"name": "a", "config": stored("a"), "tasks": [], "type": "source"})
    http.get(URL + "/connectors/a/status", json=status("a"))
    result = run(state="running", connectors=[{"name": "a", "config": config("a")}])
    assert result["changed"] is False
    assert result["http_requests"] == 3


@pytest.mark.parametrize(
    "args, message",
    [
        ({"connectors": [{"name": "a"}, {"name": "a"}]}, "listed more than once: a"),
        ({"parallel": 0}, "parallel must be 1 or more"),
        ({"prune_max": -2}, "prune_max must be -1"),
        ({"connectors": [{"name": "a", "restart_failed": True}]}, "restart_failed applies to state=running only"),
        ({"connectors": [{"name": "a", "config": {"name": "b"}}]}, "config name 'b' differs from name 'a'"),
    ],
)
def test_bad_options_fail_with_advice_before_any_request(args, message):
    result = run(**args)
    assert result.failed
    assert message in result["msg"]


def test_secrets_are_masked_in_the_invocation(http):
    server(http, {"a": (stored("a", **{"db.password": "hunter2"}), "RUNNING")})
    result = run(connectors=[{"name": "a", "config": config("a", **{"db.password": "hunter2"})}])
    assert result["changed"] is False
    assert "hunter2" not in json.dumps(result)


def test_retries_on_a_rebalance_are_counted(http):
    server(http, {"a": (stored("a"), "RUNNING")})
    rebalance = {"error_code": 409, "message": "Cannot complete request because of a conflicting operation"}
    http.put(URL + "/connectors/a/pause", status=409, json=rebalance)
    http.put(URL + "/connectors/a/pause", status=202)
    result = run(state="paused", wait=False, connectors=[{"name": "a"}])
    assert result["state_changed"] == ["a"]
    assert result["retries"] == 1
    assert result["http_requests"] == 3


def test_a_wait_that_times_out_names_each_connector_and_its_state(http, monkeypatch):
    monkeypatch.setattr(_connector_bulk, "time", FakeTime())
    server(http, {"a": (stored("a"), "RUNNING"), "b": (stored("b"), "RUNNING")})
    http.put(URL + "/connectors/a/pause", status=202)
    http.put(URL + "/connectors/b/pause", status=202)
    statuses(http, {"a": ("PAUSED",), "b": ("RUNNING",)}, times=2)
    result = run(state="paused", wait_timeout=1, connectors=[{"name": "a"}, {"name": "b"}])
    assert result.failed
    assert result["changed"] is True
    assert [f["name"] for f in result["failures"]] == ["b"]
    assert "did not reach PAUSED within 1 seconds; it is RUNNING" in result["failures"][0]["msg"]


@pytest.mark.parametrize(
    "bad",
    [
        {"wait_timeout": 0},  # refused by the module's own checks
        {"parallel": "many"},  # refused by Ansible's argument check, before the module runs
    ],
)
def test_a_refused_task_never_echoes_a_config_secret(bad):
    item = {"name": "orders", "config": config("orders", **{"db.password": "hunter2-bulk"})}
    result = run(connectors=[item], **bad)
    assert result.failed
    assert "hunter2-bulk" not in json.dumps(result)


# Topics reset per item, shaped from Connect 4.3.1's answers (see test_kafka_connector.py).
def topics(http, name, used=()):
    http.get(URL + "/connectors/%s/topics" % name, json={name: {"topics": list(used)}})


def root(http, version="4.3.1"):
    http.get(URL + "/", json=dict(load_fixture("connect", "root.json"), version=version))


def test_a_no_change_run_that_asks_no_item_for_a_reset_stays_one_request(http):
    server(http, dict((n, (stored(n), "RUNNING")) for n in ("a", "b", "c")))
    result = run(
        reset_topics=False,
        connectors=[{"name": "a", "config": config("a")}, {"name": "b", "reset_topics": False}, {"name": "c"}],
    )
    assert result["changed"] is False
    assert result["http_requests"] == 1


def test_only_the_items_asking_for_a_reset_read_their_topics(http):
    server(http, dict((n, (stored(n), "RUNNING")) for n in ("a", "b", "c")))
    root(http)
    topics(http, "b", ["b"])
    topics(http, "c")
    http.put(URL + "/connectors/b/topics/reset", status=202)
    result = run(
        connectors=[{"name": "a"}, {"name": "b", "reset_topics": True}, {"name": "c", "reset_topics": True}],
        diff=True,
    )
    # The expanded read, the version gate, two topic reads (b and c, not a) and one reset (b: c's set is empty).
    assert result["http_requests"] == 5
    assert result["changed"] is True
    assert result["actions"] == ["b: reset_topics"]
    assert result["topics_reset"] == ["b"]
    assert result["state_changed"] == []
    assert result["counts"]["topics_reset"] == 1 and result["counts"]["changed"] == 1
    assert result["diff"]["before"]["b"]["topics"] == ["b"] and result["diff"]["after"]["b"]["topics"] == []
    # Nothing to wait for: no status round follows the reset.
    assert result["connectors"][0]["state"] == "RUNNING"


def test_the_module_reset_topics_is_the_default_of_items_that_do_not_say(http):
    server(http, dict((n, (stored(n), "RUNNING")) for n in ("a", "b")))
    root(http)
    topics(http, "a", ["a"])
    result = run(reset_topics=True, check_mode=True, connectors=[{"name": "a"}, {"name": "b", "reset_topics": False}])
    assert result["actions"] == ["a: reset_topics"]
    assert not any(c.request.method == "PUT" for c in http.calls)


def test_reset_topics_before_kafka_2_5_fails_only_the_asking_items(http):
    server(http, dict((n, (stored(n), state)) for n, state in (("a", "RUNNING"), ("b", "RUNNING"))))
    root(http, "2.4.1")
    http.put(URL + "/connectors/a/pause", status=202)
    statuses(http, {"a": ("PAUSED",), "b": ("RUNNING",)})
    result = run(connectors=[{"name": "a", "state": "paused"}, {"name": "b", "reset_topics": True}])
    assert result.failed
    assert [f["name"] for f in result["failures"]] == ["b"]
    assert "needs Kafka Connect 2.5 or later" in result["failures"][0]["msg"]
    assert result["actions"] == ["a: pause"]


def test_a_connector_created_by_the_task_reads_no_topics(http):
    server(http, {})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    http.post(URL + "/connectors", status=201, json=load_fixture("connect", "create_response.json"))
    statuses(http, {"a": ("RUNNING",)})
    result = run(connectors=[{"name": "a", "config": config("a"), "reset_topics": True}])
    assert result["actions"] == ["a: create"]
    assert result["http_requests"] == 5


# connectors_file: the items in a JSON or YAML file the module reads itself.


def write(tmp_path, text, name="connectors.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_json_file_of_connectors_gives_the_same_result_as_the_list(http, tmp_path):
    names = ["c%02d" % i for i in range(30)]
    items = [{"name": n, "config": config(n)} for n in names]
    server(http, dict((n, (stored(n), "RUNNING")) for n in names))
    from_list = run(state="running", connectors=items)
    server(http, dict((n, (stored(n), "RUNNING")) for n in names))
    from_file = run(state="running", connectors_file=write(tmp_path, json.dumps(items), "c.json"))
    assert from_file["changed"] is False
    assert from_file["http_requests"] == 1
    for key in ("connectors", "counts", "created", "updated", "deleted", "state_changed", "failures", "actions"):
        assert from_file[key] == from_list[key]


def test_the_vars_file_of_an_export_is_applied_as_it_is(http, tmp_path):
    # As kafka_connect_export writes it: a header, secret_placeholders, and !unsafe for text with braces.
    text = (
        "---\n# Kafka Connect connectors as code\nsecret_placeholders: []\nconnectors:\n"
        "  - name: a\n    state: paused\n    config:\n      connector.class: %s\n      file: /tmp/a.txt\n"
        "      tasks.max: '1'\n      topic: a\n      transforms.x.format: !unsafe '{{ literally }}'\n" % SOURCE
    )
    server(http, {"a": (stored("a", **{"transforms.x.format": "{{ literally }}"}), "RUNNING")})
    result = run(check_mode=True, diff=True, connectors_file=write(tmp_path, text))
    assert result["changed"] is True
    assert result["state_changed"] == ["a"]
    assert result["actions"] == ["a: pause"]
    assert result["http_requests"] == 1
    assert result["diff"]["after"]["a"]["state"] == "PAUSED"


def test_file_items_are_checked_and_converted_as_the_list_is(http, tmp_path):
    server(http, {"a": (stored("a"), "PAUSED")})
    result = run(connectors_file=write(tmp_path, "- name: a\n  state: paused\n  restart_failed: 'no'\n"))
    assert result.get("msg") is None
    assert result["changed"] is False
    result = run(connectors_file=write(tmp_path, "- name: a\n  state: runing\n"))
    assert result.failed
    assert result["msg"].startswith("connectors_file %s: item 1 (a): " % (tmp_path / "connectors.yml"))
    assert "state must be one of: present, running, paused, stopped, restarted, absent, got: runing" in result["msg"]


@pytest.mark.parametrize(
    "text, message",
    [
        (None, "cannot be read ("),
        ("", "expected a list of connectors, or a mapping with the list under connectors; found nothing"),
        ("connector: []\n", "found a mapping with keys connector"),
        ("connectors: {a: 1}\n", "expected a list of connectors, found a value of type dict"),
        ("[1, 2]", "item 1 is a number, expected a mapping of options such as name and config"),
        ("- name: a\n  config: {x: [\n", "neither JSON nor valid YAML: while parsing"),
        # Read as JSON, as the docs say of a file that starts with [ or {: JSON's complaint and its position.
        ('[{"name": "x", "config": {', "not valid JSON (Expecting property name enclosed in double quotes: line 1"),
        ("- name: a\n  colour: red\n", "item 1 (a): unknown option colour; known options: config, config_mode, name,"),
        ("- config: {}\n", "item 1: missing required arguments: name"),
        ("- {name: a}\n- {name: a}\n", "listed more than once: a"),
        ("connectors:\n", "expected a list of connectors, found nothing"),
        ("- name: a\n  config: {x: !vault 'abc'}\n", "a value encrypted with !vault (line 2, column 15), which only"),
        ("- name: a\n  config: {x: !vault 'abc'}\n", "include_vars and pass connectors instead"),
        ("- name: a\n  config: {x: !other 'abc'}\n", "could not determine a constructor for the tag '!other' (line 2"),
    ],
)
def test_a_bad_connectors_file_fails_saying_what_was_expected(tmp_path, text, message):
    path = str(tmp_path / "missing.yml") if text is None else write(tmp_path, text)
    result = run(connectors_file=path)
    assert result.failed
    assert message in result["msg"]
    assert "Traceback" not in json.dumps(result)


def test_a_placeholder_in_the_file_is_refused_naming_it_and_no_secret_is_shown(tmp_path):
    text = (
        "secret_placeholders: [vault_a_db_password]\nconnectors:\n  - name: a\n    config:\n"
        "      db.password: '{{ vault_a_db_password }}'\n      db.user: 'x{{ hunter2-in-template }}'\n"
    )
    result = run(connectors_file=write(tmp_path, text))
    assert result.failed
    assert (
        "item 1 (a): config.db.password holds '{{ vault_a_db_password }}', which Ansible would template"
        in (result["msg"])
    )
    assert "include_vars" in result["msg"]
    result = run(connectors_file=write(tmp_path, "- name: a\n  config: {db.user: 'x{{ hunter2-in-template }}'}\n"))
    assert "config.db.user holds a Jinja expression" in result["msg"]
    assert "hunter2" not in json.dumps(result)


def test_a_yaml_error_says_where_but_never_shows_the_line_that_may_hold_a_secret(tmp_path):
    text = "- name: a\n  config:\n    db.password: hunter2-yaml: x\n"
    result = run(connectors_file=write(tmp_path, text))
    assert result.failed
    assert "neither JSON nor valid YAML: mapping values are not allowed" in result["msg"]
    assert "(line 3, column " in result["msg"]
    assert "hunter2" not in json.dumps(result)


def test_the_pure_python_yaml_excerpt_of_the_line_is_left_out():
    # libyaml's errors carry no excerpt; PyYAML's own loader quotes the line, with a caret.
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load("a:\n  db.password: hunter2-yaml: x\n", Loader=yaml.SafeLoader)
    assert "hunter2" in str(caught.value)
    assert _items_file._yaml_problem(caught.value) == "mapping values are not allowed here (line 2, column 28)"


def test_a_directory_is_no_connectors_file(tmp_path):
    result = run(connectors_file=str(tmp_path))
    assert result.failed
    assert "cannot be read (" in result["msg"] and "expected a JSON or YAML file" in result["msg"]


def test_connectors_and_connectors_file_are_mutually_exclusive(tmp_path):
    result = run(connectors=[{"name": "a"}], connectors_file=write(tmp_path, "[]"))
    assert result.failed
    assert "mutually exclusive: connectors|connectors_file" in result["msg"]


def test_secrets_of_the_file_reach_no_result_diff_or_message(http, tmp_path):
    server(http, {"a": (stored("a", **{"db.password": "hunter2-server"}), "RUNNING")})
    http.put(VALIDATE, json=load_fixture("connect", "validate_valid.json"))
    items = [
        {"name": "a", "config": config("a", **{"db.password": "hunter2-file"})},
        {"name": "b", "config": config("b", **{"my.pass": "hunter2-file"}), "sensitive_keys": ["my.*"]},
    ]
    result = run(check_mode=True, diff=True, connectors_file=write(tmp_path, json.dumps(items), "c.json"))
    assert result["updated"] == ["a"] and result["created"] == ["b"]
    assert result["diff"]["after"]["b"]["config"]["my.pass"].startswith(_secrets.MASK)
    assert "hunter2" not in json.dumps(result)
