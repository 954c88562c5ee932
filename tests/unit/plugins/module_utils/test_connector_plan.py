# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kafkaops.connect.plugins.module_utils._connector_config import normalise_config
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_plan import (
    ConnectorError,
    Current,
    StateWatch,
    Wish,
    plan_connector,
    prune_names,
)

SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
CONFIG = {"connector.class": SOURCE, "tasks.max": "1", "file": "/tmp/a.txt", "topic": "a"}


# A model of the server for the property below: what Connect would describe once a plan is applied.
def planned_current(current, plan, name):
    """The connector as the server would describe it once ``plan`` is applied and waited for."""
    if plan.expected is None:
        return Current()
    config = dict(plan.target, name=name) if plan.target is not None else current.config
    tasks = [] if plan.expected == "STOPPED" else [{"id": 0, "state": plan.expected}]
    # A created connector has used no topic yet, and a reset leaves none.
    topics = [] if "create" in plan.actions or "reset_topics" in plan.actions else current.topics
    return Current(
        dict(current.info or {}, name=name, config=config),
        {"name": name, "connector": {"state": plan.expected}, "tasks": tasks},
        topics,
    )


def current(state="RUNNING", config=None, tasks=("RUNNING",)):
    info = {"name": "c", "config": dict(config or CONFIG, name="c"), "type": "source"}
    status = {"connector": {"state": state}, "tasks": [{"id": i, "state": s} for i, s in enumerate(tasks)]}
    return Current(info, status)


class OldServer:
    def supports(self, feature):
        return False


def test_no_change_plans_nothing():
    plan = plan_connector(current(), Wish("c", "running", dict(CONFIG, **{"tasks.max": "1"})))
    assert plan.actions == []
    assert plan.expected == "RUNNING"


def test_create_paused_is_created_paused():
    plan = plan_connector(Current(), Wish("c", "paused", CONFIG))
    assert plan.actions == ["create"]
    assert plan.initial_state == "PAUSED"
    assert plan.warnings == []


def test_create_paused_on_an_old_server_warns():
    plan = plan_connector(Current(), Wish("c", "paused", CONFIG), OldServer())
    assert "initial_state" in plan.warnings[0]


def test_stop_names_the_feature_it_needs():
    assert plan_connector(current(), Wish("c", "stopped")).requires == ["stop"]


def test_present_keeps_a_paused_connector_paused():
    plan = plan_connector(current("PAUSED"), Wish("c", "present", dict(CONFIG, topic="b")))
    assert plan.actions == ["update_config"]
    assert plan.expected == "PAUSED"
    assert plan.changes == {"topic": "b"}


def test_a_missing_connector_without_config_is_an_error():
    with pytest.raises(ConnectorError, match="give its config"):
        plan_connector(Current(), Wish("c", "running"))


def test_masked_secret_kept_needs_patch_or_fails_on_an_old_server():
    masked = dict(CONFIG, **{"db.password": "****"})
    wish = Wish("c", "present", {"topic": "b"}, config_mode="merge")
    assert plan_connector(current(config=masked), wish).use_patch is True
    with pytest.raises(ConnectorError, match="does not support PATCH"):
        plan_connector(current(config=masked), wish, OldServer())


def test_watch_needs_two_equal_readings_and_fails_on_a_steady_failure():
    running = {"connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "RUNNING"}]}
    failed = {"connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "FAILED", "worker_id": "w1"}]}
    watch = StateWatch("c", "RUNNING")
    assert watch.reading(running, 0) is False
    assert watch.reading(running, 1) is True
    watch = StateWatch("c", "RUNNING")
    assert watch.reading(running, 0) is False
    assert watch.reading(failed, 1) is False
    with pytest.raises(ConnectorError, match="task 0 FAILED on worker w1"):
        watch.reading(failed, 2)


# Config values as users write them: Connect stores strings, so 1, "1" and 1.0 differ only in form.
VALUES = st.one_of(
    st.text(st.characters(codec="ascii", categories=["L", "N"]), max_size=5),
    st.integers(-3, 3),
    st.booleans(),
    st.none(),
)
KEYS = st.sampled_from(["tasks.max", "topic", "file", "batch.size", "db.password", "__internal.x"])
CONFIGS = st.dictionaries(KEYS, VALUES, max_size=5)
SERVER_STATES = st.sampled_from([None, "RUNNING", "PAUSED", "STOPPED", "FAILED", "UNASSIGNED"])
TASK_STATES = st.lists(st.sampled_from(["RUNNING", "PAUSED", "FAILED"]), max_size=2)
WISH_STATES = st.sampled_from(["present", "running", "paused", "stopped", "absent"])


@settings(max_examples=300, deadline=None)
@given(
    server_state=SERVER_STATES,
    server_config=CONFIGS,
    tasks=TASK_STATES,
    state=WISH_STATES,
    config=st.one_of(st.none(), CONFIGS),
    mode=st.sampled_from(["replace", "merge"]),
    restart_failed=st.booleans(),
    reset_topics=st.booleans(),
    topics=st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True),
)
def test_planning_again_from_the_planned_result_plans_nothing(
    server_state, server_config, tasks, state, config, mode, restart_failed, reset_topics, topics
):
    before = Current() if server_state is None else current(server_state, normalise_config(server_config), tasks)
    before.topics = topics if before.exists else None
    if config is not None:
        config = normalise_config(dict(config, **{"connector.class": SOURCE}), keep_none=mode == "merge")
    wish = Wish(
        "c", state, config, mode, restart_failed=restart_failed and state == "running", reset_topics=reset_topics
    )
    try:
        plan = plan_connector(before, wish)
    except ConnectorError:
        return
    after = planned_current(before, plan, "c")
    again = plan_connector(after, wish)
    assert again.actions == []
    assert again.expected == plan.expected


def test_topics_reset_only_for_a_non_empty_set_and_last():
    used = current("PAUSED")
    used.topics = ["a"]
    plan = plan_connector(used, Wish("c", "running", reset_topics=True))
    assert plan.actions == ["resume", "reset_topics"]
    assert plan.requires == ["topics_reset"]
    assert plan.needs_wait is True
    unused = current()
    unused.topics = []
    assert plan_connector(unused, Wish("c", "running", reset_topics=True)).actions == []


def test_a_topics_reset_alone_waits_for_nothing():
    used = current("RUNNING", tasks=("FAILED",))
    used.topics = ["a"]
    plan = plan_connector(used, Wish("c", "present", reset_topics=True))
    assert plan.actions == ["reset_topics"]
    assert plan.needs_wait is False


def test_untracked_topics_warn_instead_of_resetting():
    plan = plan_connector(current(), Wish("c", "running", reset_topics=True))
    assert plan.actions == []
    assert "topic.tracking.enable=false" in plan.warnings[0]


def test_prune_names_are_unlisted_included_and_not_excluded():
    server = ["keep", "orders-a", "orders-b-keep", "other", "orders-c"]
    assert prune_names(server, ["keep", "orders-a"], ["orders-*"], ["*-keep"]) == ["orders-c"]
    assert prune_names(server, ["keep"]) == ["orders-a", "orders-b-keep", "orders-c", "other"]
