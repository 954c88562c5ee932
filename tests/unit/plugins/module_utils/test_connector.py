# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connector lifecycle's own rules, below any module: what ``Connector.apply`` leaves behind."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.kafkaops.connect.plugins.module_utils._connector import TRACE_LINES, Connector, short_trace
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_plan import Plan
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError

NAME = "orders-source"
OLD = {"connector.class": "FileStreamSource", "topic": "orders", "name": NAME}
NEW = {"connector.class": "FileStreamSource", "topic": "orders-v2"}


class ConfigWrites:
    """A Connect client that takes config writes, or refuses them with ``refusal``."""

    def __init__(self, refusal=None):
        self.refusal = refusal
        self.written = []

    def put_config(self, name, config):
        if self.refusal:
            raise self.refusal
        self.written.append((name, config))

    def reset_offsets(self, name):
        self.written.append((name, "offsets reset"))


def loaded(client):
    return Connector(client, NAME).load({"name": NAME, "config": dict(OLD)}, {"connector": {"state": "RUNNING"}})


def test_after_a_config_write_the_connector_holds_the_target_config():
    client = ConfigWrites()
    connector = loaded(client)
    connector.apply(Plan(["update_config"], target=NEW, expected="RUNNING"))
    assert client.written == [(NAME, NEW)]
    assert connector.info["config"] == dict(NEW, name=NAME)
    assert connector.done == ["update_config"]


def test_a_plan_without_a_target_config_leaves_the_config_read():
    connector = loaded(ConfigWrites())
    connector.apply(Plan(["reset_offsets"], expected="STOPPED"))
    assert connector.info["config"] == OLD


def test_a_refused_write_leaves_the_config_read():
    connector = loaded(
        ConfigWrites(refusal=ApiError("PUT", "http://connect.test:8083/connectors/" + NAME + "/config", status=400))
    )
    with pytest.raises(ApiError):
        connector.apply(Plan(["update_config"], target=NEW, expected="RUNNING"))
    assert connector.info["config"] == OLD
    assert connector.done == []


# A trace shaped like Connect's (the recorded one in fixtures/connect/status_task_failed.json
# has its cause on line 13 of 21): the head, then frames, then "Caused by:" lines.
TRACE = "\n".join(
    ["org.apache.kafka.connect.errors.ConnectException: boom"]
    + ["\tat frame%d" % n for n in range(10)]
    + ["Caused by: io.example.RuleViolationException: Incompatible artifact"]
    + ["\tat cause%d" % n for n in range(3)]
    + ["Caused by: java.io.IOException: the root"]
    + ["\t... 12 more"]
)


def test_a_short_trace_keeps_the_head_and_every_cause_and_counts_what_it_leaves_out():
    assert short_trace(TRACE).splitlines() == (
        TRACE.splitlines()[:TRACE_LINES]
        + ["\t... 3 more lines", "Caused by: io.example.RuleViolationException: Incompatible artifact"]
        + ["\t... 3 more lines", "Caused by: java.io.IOException: the root", "\t... 1 more line"]
    )


@pytest.mark.parametrize("trace", [None, "", "one line", "\n".join("line %d" % n for n in range(TRACE_LINES))])
def test_a_trace_no_longer_than_the_head_comes_back_as_it_is(trace):
    assert short_trace(trace) == trace
