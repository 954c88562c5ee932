# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector_config as connector_config
from ansible_collections.kafkaops.connect.plugins.module_utils import _connector_plan, _secrets


@pytest.mark.parametrize(
    "value, expected",
    [
        (1, "1"),
        (True, "true"),
        (False, "false"),
        (0.5, "0.5"),
        ("x", "x"),
        (["a", "b", 3], "a,b,3"),
        ("${file:/etc/secrets.properties:pw}", "${file:/etc/secrets.properties:pw}"),
    ],
)
def test_values_take_connects_string_form(value, expected):
    assert connector_config.to_connect_string(value) == expected


def test_nested_dict_is_refused_with_the_key_named():
    with pytest.raises(connector_config.ConfigError, match="config key transforms"):
        connector_config.normalise_config({"transforms": {"a": 1}})


def test_none_is_kept_only_for_merges():
    assert connector_config.normalise_config({"a": None, "b": 2}) == {"b": "2"}
    assert connector_config.normalise_config({"a": None}, keep_none=True) == {"a": None}


@pytest.mark.parametrize(
    "key, secret",
    [
        ("connection.password", True),
        ("database.password", True),
        ("aws.secret.access.key", True),
        ("sasl.token", True),
        ("gcp.credentials.json", True),
        ("ssl.key", True),
        ("producer.override.sasl.jaas.config", True),
        ("sasl.jaas.config", True),
        ("topic", False),
        ("key.converter", False),
        ("tasks.max", False),
    ],
)
def test_secret_keys_are_recognised(key, secret):
    assert _secrets.is_secret_key(key) is secret


def test_user_sensitive_keys_accept_patterns():
    assert _secrets.is_secret_key("sasl.jaas.config", ["*.jaas.config"])
    assert not _secrets.is_secret_key("sasl.mechanism", ["*.jaas.config"])


def test_mask_config_hides_secrets_but_shows_placeholders():
    masked = _secrets.mask_config({"db.password": "hunter2", "api.token": "${vault:kv:token}", "topic": "t"})
    assert masked == {"db.password": _secrets.MASK, "api.token": "${vault:kv:token}", "topic": "t"}


# The new user's report: a JDBC URL with a password parameter, URLs with a password in the userinfo.
@pytest.mark.parametrize(
    "value, shown, secrets",
    [
        (
            "jdbc:postgresql://db:5432/x?user=app&password=URLLEAK-pw",
            "jdbc:postgresql://db:5432/x?user=app&password=********",
            ["URLLEAK-pw"],
        ),
        ("mongodb://app:URLLEAK-pw@db:27017/x", "mongodb://app:********@db:27017/x", ["URLLEAK-pw"]),
        (
            "jdbc:sqlserver://db;user=app;Pwd=s3cr3t-pw;db=x",
            "jdbc:sqlserver://db;user=app;Pwd=********;db=x",
            ["s3cr3t-pw"],
        ),
        ("https://h/api?client_secret=abc123&x=1", "https://h/api?client_secret=********&x=1", ["abc123"]),
        ("jdbc:postgresql://db:5432/x?password=${file:/s.properties:pw}", None, []),
        ("jdbc:postgresql://db:5432/x?user=app", None, []),
        ("http://connect:8083/connectors", None, []),
        ("a=b,c@d", None, []),
    ],
)
def test_credentials_inside_a_value_are_masked_alone(value, shown, secrets):
    config = {"connection.url": value}
    assert _secrets.mask_config(config) == {"connection.url": shown or value}
    assert _secrets.secret_values(config) == secrets
    assert _secrets.redact("cannot reach %s" % value, _secrets.secret_values(config)) == "cannot reach %s" % (
        shown or value
    )


def test_jaas_config_is_masked_whole():
    jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="JAASLEAK-pw";'
    config = {"producer.override.sasl.jaas.config": jaas}
    assert _secrets.mask_config(config) == {"producer.override.sasl.jaas.config": _secrets.MASK}
    assert _secrets.secret_values(config) == [jaas]


def test_secret_values_lists_only_real_secrets():
    config = {"db.password": "hunter2", "x.token": "${env:TOKEN}", "topic": "hunter3", "y.secret": ""}
    assert _secrets.secret_values(config, []) == ["hunter2"]


@pytest.mark.parametrize("value", ["****", "********", "[hidden]", "[HIDDEN]", "<redacted>"])
def test_server_masks_are_recognised(value):
    assert _secrets.is_server_masked(value)


@pytest.mark.parametrize("value", ["**", "hunter2", "", None])
def test_ordinary_values_are_not_server_masks(value):
    assert not _secrets.is_server_masked(value)


CURRENT = {
    "name": "orders",
    "connector.class": "FileStreamSource",
    "tasks.max": "1",
    "topic": "orders",
    "__internal.version": "3",
}


def test_same_config_in_other_types_is_no_change():
    desired = connector_config.normalise_config(
        {"connector.class": "FileStreamSource", "tasks.max": 1, "topic": "orders"}
    )
    target, changes = connector_config.diff_config(desired, CURRENT)
    assert changes == {}
    assert "name" not in target


def test_replace_removes_keys_not_given():
    desired = {"connector.class": "FileStreamSource", "tasks.max": "1"}
    changes = connector_config.diff_config(desired, CURRENT)[1]
    assert changes == {"topic": None}


def test_merge_keeps_keys_not_given_and_removes_none():
    target, changes = connector_config.diff_config({"tasks.max": "2", "topic": None}, CURRENT, mode="merge")
    assert changes == {"tasks.max": "2", "topic": None}
    assert target == {"connector.class": "FileStreamSource", "tasks.max": "2"}


def test_merge_of_equal_keys_is_no_change():
    changes = connector_config.diff_config({"tasks.max": "1"}, CURRENT, mode="merge")[1]
    assert changes == {}


def test_server_masked_secret_is_no_change_unless_always():
    current = dict(CURRENT, **{"db.password": "[hidden]"})
    desired = dict(connector_config.strip_server_keys(CURRENT), **{"db.password": "hunter2"})
    assert connector_config.diff_config(desired, current)[1] == {}
    assert connector_config.diff_config(desired, current, update_secrets="always")[1] == {"db.password": "hunter2"}


def test_changed_clear_secret_is_a_change():
    current = dict(CURRENT, **{"db.password": "old"})
    desired = dict(connector_config.strip_server_keys(CURRENT), **{"db.password": "new"})
    assert connector_config.diff_config(desired, current)[1] == {"db.password": "new"}


def test_masked_values_kept_by_a_merge_are_found():
    current = dict(CURRENT, **{"db.password": "****"})
    target, changes = connector_config.diff_config({"topic": "x"}, current, mode="merge")
    assert connector_config.masked_keys_kept(target, changes) == ["db.password"]


@pytest.mark.parametrize(
    "state, exists, current, changed, kwargs, expected",
    [
        ("present", False, None, True, {}, ["create"]),
        ("present", True, "PAUSED", False, {}, []),
        ("present", True, "PAUSED", True, {}, ["update_config"]),
        ("running", True, "PAUSED", True, {}, ["update_config", "resume"]),
        ("running", True, "STOPPED", False, {}, ["resume"]),
        ("running", True, "RUNNING", False, {"failed_parts": True}, []),
        ("running", True, "RUNNING", False, {"failed_parts": True, "restart_failed": True}, ["restart_failed"]),
        (
            "running",
            True,
            "PAUSED",
            False,
            {"failed_parts": True, "restart_failed": True},
            ["resume", "restart_failed"],
        ),
        ("paused", True, "RUNNING", False, {}, ["pause"]),
        ("paused", True, "STOPPED", False, {}, ["pause"]),
        ("paused", True, "PAUSED", False, {}, []),
        ("stopped", True, "RUNNING", False, {}, ["stop"]),
        ("stopped", True, "STOPPED", False, {}, []),
        ("restarted", True, "RUNNING", False, {}, ["restart"]),
        ("restarted", True, "STOPPED", False, {}, ["resume"]),
        ("restarted", True, "PAUSED", False, {}, ["resume", "restart"]),
        ("restarted", True, "RUNNING", False, {"restart_tasks": "failed"}, []),
        ("restarted", True, "RUNNING", False, {"restart_tasks": "failed", "failed_parts": True}, ["restart_failed"]),
        ("absent", True, "RUNNING", False, {}, ["delete"]),
        ("absent", False, None, False, {}, []),
    ],
)
def test_plan_actions(state, exists, current, changed, kwargs, expected):
    assert _connector_plan.plan_actions(state, exists, current, changed, **kwargs) == expected


def test_failed_parts_and_reached(recorded):
    failed = recorded("connect", "status_task_failed.json")
    assert _connector_plan.failed_parts(failed) == ["task 0"]
    assert not _connector_plan.reached(failed, "RUNNING")
    assert _connector_plan.reached(recorded("connect", "status_running.json"), "RUNNING")
    assert _connector_plan.reached(recorded("connect", "status_stopped.json"), "STOPPED")
    assert not _connector_plan.reached(recorded("connect", "status_paused.json"), "STOPPED")
