# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""What one connector needs, decided without HTTP: the state machine (current state + wish →
actions, the state they lead to), offsets plans, and whether a status reading ends a wait.

``kafka_connector`` and ``kafka_connectors`` both plan through here, so a connector listed
in a bulk task is treated exactly as the single module would treat it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch

from ansible_collections.kafkaops.connect.plugins.module_utils._connector_config import (
    ConfigError,
    diff_config,
    masked_keys_kept,
    normalise_config,
)

CONNECT_STATES = {"running": "RUNNING", "paused": "PAUSED", "stopped": "STOPPED"}

# Actions that leave the connector's run state as it is.
KEEP_RUN_STATE = ("reset_topics",)

# A running connector may report its state before its tasks exist; give them this long.
EMPTY_TASKS_GRACE = 5.0


class ConnectorError(Exception):
    """A failure to report as it is: ``msg`` for the user, ``details`` for the result."""

    def __init__(self, msg, **details):
        super(ConnectorError, self).__init__(msg)
        self.msg = msg
        self.details = details


class Current:
    """What the server said about one connector: its config (None when absent) and status, and
    its active topics: a list once read, None when not read or when the workers do not track them."""

    def __init__(self, info=None, status=None, topics=None):
        self.info = info
        self.status = status
        self.topics = topics

    @property
    def exists(self):
        return self.info is not None

    @property
    def config(self):
        return (self.info or {}).get("config") or {}

    @property
    def state(self):
        return ((self.status or {}).get("connector") or {}).get("state")


class Wish:
    """What a task asks of one connector; ``config`` is already in Connect's string form."""

    def __init__(
        self,
        name,
        state="present",
        config=None,
        config_mode="replace",
        restart_failed=False,
        restart_tasks="all",
        sensitive_keys=(),
        update_secrets="on_change",
        reset_topics=False,
    ):
        self.name = name
        self.state = state
        self.config = config
        self.config_mode = config_mode
        self.restart_failed = restart_failed
        self.restart_tasks = restart_tasks or "all"
        self.sensitive_keys = list(sensitive_keys or ())
        self.update_secrets = update_secrets
        self.reset_topics = bool(reset_topics)

    @property
    def reads_topics(self):
        """Whether the connector's active topics must be read to plan this wish (only then)."""
        return self.reset_topics and self.state != "absent"


class Plan:
    """What a run will do: ``actions`` in order, the whole ``target`` config, the changed keys."""

    def __init__(self, actions, target=None, changes=None, expected=None, initial_state=None, use_patch=False):
        self.actions = actions
        self.target = target
        self.changes = changes or {}
        self.expected = expected
        self.initial_state = initial_state
        self.use_patch = use_patch
        self.warnings = []
        # Server features the plan relies on; checked by the HTTP side before the first write.
        self.requires = []
        # Offsets to send with alter_offsets (KIP-875's [{partition, offset}]).
        self.offsets = []
        # State to wait for after an action, before the next one (Connect alters offsets only once
        # a connector is STOPPED).
        self.settle = {}
        # The action that gives the user back the run state a plan takes away for a while (resume or
        # pause after a stop): taken even when a step in between fails.
        self.restore = None

    @property
    def writes_config(self):
        return "create" in self.actions or "update_config" in self.actions

    @property
    def needs_wait(self):
        """False when the plan leaves the run state alone (a topics reset alone): nothing to wait for,
        and the connector is reported as read, a FAILED one included."""
        return any(a not in KEEP_RUN_STATE for a in self.actions)


class AllFeatures:
    """A server that supports everything: what the planner assumes unless told otherwise."""

    def supports(self, feature):
        return True


def desired_config(name, state, config, config_mode="replace", restart_failed=False, restart_tasks=None):
    """The config to compare, in Connect's string form; raises :class:`ConnectorError` on
    what Connect cannot store and on options that do not go together."""
    if not (name or "").strip():
        raise ConnectorError("connector name must not be empty")
    if restart_tasks and state != "restarted":
        raise ConnectorError(
            "restart_tasks applies to state=restarted only; for state=running use restart_failed (connector %s)" % name
        )
    if restart_failed and state != "running":
        raise ConnectorError(
            "restart_failed applies to state=running only; for state=restarted use restart_tasks (connector %s)" % name
        )
    if config is None:
        return None
    try:
        config = normalise_config(config, keep_none=config_mode == "merge")
    except ConfigError as exc:
        raise ConnectorError("connector %s: %s" % (name, exc)) from None
    if config.get("name", name) != name:
        raise ConnectorError(
            "config name %r differs from name %r; leave it out or make them equal" % (config["name"], name)
        )
    return config


def plan_connector(current, wish, server=None):
    """Everything to do to one connector, decided before any write (so check mode reports the same).

    ``server`` answers ``supports(feature)``; it is asked only about the features the plan
    needs, so a plan that needs none costs no request.
    """
    server = server or AllFeatures()
    if wish.state != "absent" and not current.exists and wish.config is None:
        raise ConnectorError("connector %s does not exist; give its config to create it" % wish.name)
    target, changes = None, {}
    if wish.config is not None and wish.state != "absent":
        base = current.config if current.exists else {}
        mode = wish.config_mode if current.exists else "replace"
        target, changes = diff_config(wish.config, base, mode, wish.sensitive_keys, wish.update_secrets)
    actions = plan_actions(
        wish.state,
        current.exists,
        current.state,
        bool(changes),
        restart_failed=wish.restart_failed,
        restart_tasks=wish.restart_tasks,
        failed_parts=bool(failed_parts(current.status)),
    )
    plan = Plan(actions, target, changes, expected_state(current, wish.state, actions))
    if "create" in actions and not target.get("connector.class"):
        raise ConnectorError("config of connector %s has no connector.class" % wish.name)
    if "create" in actions and plan.expected in ("PAUSED", "STOPPED"):
        plan.initial_state = plan.expected
    _plan_topics_reset(plan, current, wish)
    _fit_to_server(plan, wish.name, server)
    return plan


def _plan_topics_reset(plan, current, wish):
    """Reset the active topics last, once the config and run state are as wished, and only when
    the set is not empty already (a connector created by this plan has used no topic yet)."""
    if not wish.reset_topics or plan.expected is None or "create" in plan.actions:
        return
    if current.topics is None:
        plan.warnings.append(
            "the workers do not track the topics connectors use (topic.tracking.enable=false), so connector %s "
            "has no active topics to reset" % wish.name
        )
        return
    if current.topics:
        plan.actions.append("reset_topics")
        plan.requires.append("topics_reset")


def expected_state(current, state, actions):
    if state == "absent":
        return None
    if state == "present" and current.exists:
        # A config update keeps the run state; a failed connector is meant to run.
        return current.state if current.state in ("PAUSED", "STOPPED") else "RUNNING"
    return state_of_wish(state, current.state, created="create" in actions)


def _fit_to_server(plan, name, server):
    if "stop" in plan.actions or plan.initial_state == "STOPPED":
        plan.requires.append("stop")
    if plan.initial_state and not server.supports("initial_state"):
        plan.warnings.append(
            "the server does not support initial_state (Kafka Connect 3.7+): connector %s is created, then %s "
            "at once, and may run briefly" % (name, plan.initial_state.lower())
        )
    if "update_config" in plan.actions:
        kept = masked_keys_kept(plan.target, plan.changes)
        if kept:
            if not server.supports("patch_config"):
                raise ConnectorError(
                    "the server masks the values of %s, so they cannot be sent back with the rest of the "
                    "config, and it does not support PATCH (Kafka Connect 3.8+); give them in config" % ", ".join(kept)
                )
            plan.use_patch = True


def planned_offsets(state, current, wanted):
    """``(after, changes)``: a connector's offsets after the run, and the changes to send.

    ``current`` and ``wanted`` are KIP-875 lists of ``{partition, offset}``; a ``None`` offset in
    ``wanted`` removes that partition's offset; ``state="reset"`` removes them all.
    """
    if state == "reset":
        return [], list(current)
    after = [dict(item) for item in current]
    changes = []
    for item in wanted or ():
        match = next((o for o in after if o.get("partition") == item["partition"]), None)
        if item["offset"] is None:
            if match is not None:
                after.remove(match)
                changes.append(item)
        elif match is None:
            after.append(dict(item))
            changes.append(item)
        elif match.get("offset") != item["offset"]:
            match["offset"] = item["offset"]
            changes.append(item)
    return after, changes


def plan_offsets(name, state, changes, connector_state, stop_connector=False):
    """The actions that write ``changes`` to the offsets of a connector in ``connector_state``.

    Connect changes offsets only while a connector is STOPPED (KIP-875): a connector in another
    state is stopped first and given its state back afterwards (resumed, or paused again), also
    when the write fails; without ``stop_connector`` that is refused before any write.
    """
    write = "reset_offsets" if state == "reset" else "alter_offsets"
    if connector_state == "STOPPED":
        plan = Plan([write], expected="STOPPED")
    elif not stop_connector:
        raise ConnectorError(
            "connector %s is %s; Connect changes offsets only while a connector is STOPPED: stop it first "
            "(kafkaops.connect.kafka_connector with state=stopped) or set stop_connector=true" % (name, connector_state)
        )
    else:
        back = "pause" if connector_state == "PAUSED" else "resume"
        plan = Plan(["stop", write, back], expected="PAUSED" if back == "pause" else "RUNNING")
        plan.settle = {"stop": "STOPPED", back: plan.expected}
        plan.restore = back
        plan.requires.append("stop")
    plan.requires.append("alter_offsets")
    plan.offsets = changes
    return plan


def prune_names(server_names, listed, include=("*",), exclude=()):
    """Connectors on the server that a prune deletes: not listed, matching an ``include``
    glob and no ``exclude`` glob, sorted."""

    def matches(name, patterns):
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)

    listed = set(listed)
    return sorted(n for n in server_names if n not in listed and matches(n, include) and not matches(n, exclude))


def describe_status(status):
    """One line per failed part: what failed, where, and the first line of why."""
    status = status or {}
    parts = []
    connector = status.get("connector") or {}
    for label, part in [("connector", connector)] + [("task %s" % t.get("id"), t) for t in status.get("tasks") or ()]:
        if part.get("state") == "FAILED":
            lines = (part.get("trace") or "no trace").strip().splitlines()
            # The first line says what failed; the root cause is often only in a "Caused by:" line.
            causes = [line.strip() for line in lines[1:] if line.startswith("Caused by:")]
            why = " / ".join(lines[:1] + causes[-1:])
            parts.append("%s FAILED on worker %s: %s" % (label, part.get("worker_id"), why))
    return "; ".join(parts)


class StateWatch:
    """Decides, one status reading at a time, whether a connector has reached ``target``.

    It must report ``target`` twice in a row, because a task that fails on its first poll
    reports RUNNING for a moment first. A failure seen twice ends the wait at once.
    """

    def __init__(self, name, target):
        self.name = name
        self.target = target
        self.previous = None
        self.since = None

    def reading(self, status, now):
        """True once reached; raises :class:`ConnectorError` on a steady failure."""
        status = status or {}
        steady = self.previous is not None and summary(status) == summary(self.previous)
        self.previous = status
        if steady and failed_parts(status):
            raise ConnectorError("connector %s failed: %s" % (self.name, describe_status(status)))
        if not (steady and reached(status, self.target)):
            self.since = None
            return False
        self.since = self.since if self.since is not None else now
        # Paused and stopped connectors may have no tasks at all (created so, KIP-980).
        return bool(status.get("tasks")) or self.target != "RUNNING" or now - self.since >= EMPTY_TASKS_GRACE

    def timed_out(self, timeout):
        return ConnectorError(
            "connector %s did not reach %s within %s seconds; it is %s"
            % (self.name, self.target, timeout, summary_text(self.previous or {}))
        )


def summary(status):
    return (
        (status.get("connector") or {}).get("state"),
        tuple((t.get("id"), t.get("state")) for t in status.get("tasks") or ()),
    )


def summary_text(status):
    state, tasks = summary(status)
    return "%s with tasks %s" % (state, ", ".join("%s: %s" % t for t in tasks) or "none")


def plan_actions(
    state, exists, current_state, config_changed, restart_failed=False, restart_tasks=None, failed_parts=False
):
    """The ordered list of actions that take a connector from what it is to ``state``.

    ``current_state`` is Connect's connector state (RUNNING, PAUSED, STOPPED, FAILED, ...),
    ``failed_parts`` whether the connector or any task is FAILED.
    """
    if state == "absent":
        return ["delete"] if exists else []
    if not exists:
        return ["create"]
    actions = ["update_config"] if config_changed else []
    if state == "paused" and current_state != "PAUSED":
        actions.append("pause")
    elif state == "stopped" and current_state != "STOPPED":
        actions.append("stop")
    elif state in ("running", "restarted") and current_state in ("PAUSED", "STOPPED"):
        actions.append("resume")
    # A resumed STOPPED connector starts its tasks afresh; a resumed PAUSED one keeps them,
    # failed ones included, so those still need a restart.
    fresh_start = current_state == "STOPPED" and "resume" in actions
    if fresh_start:
        return actions
    if state == "running" and restart_failed and failed_parts:
        actions.append("restart_failed")
    elif state == "restarted":
        if restart_tasks != "failed":
            actions.append("restart")
        elif failed_parts:
            actions.append("restart_failed")
    return actions


def state_of_wish(state, current_state=None, created=False):
    """The Connect state the connector should reach: RUNNING, PAUSED, STOPPED, or None
    when ``state=present`` leaves an existing connector's run state alone."""
    if state in CONNECT_STATES:
        return CONNECT_STATES[state]
    if state == "restarted":
        return "RUNNING"
    if state == "present":
        return "RUNNING" if created else current_state
    return None


def failed_parts(status):
    """Names of the failed parts of a StateInfo: ``connector`` and ``task N``."""
    status = status or {}
    parts = []
    if (status.get("connector") or {}).get("state") == "FAILED":
        parts.append("connector")
    parts.extend("task %s" % t.get("id") for t in status.get("tasks") or () if t.get("state") == "FAILED")
    return parts


def reached(status, target):
    """True when the connector and every task report ``target`` (a STOPPED connector has
    no tasks; its tasks may still be listed while they shut down)."""
    if not status or (status.get("connector") or {}).get("state") != target:
        return False
    tasks = status.get("tasks") or []
    if target == "STOPPED":
        return not tasks
    return all(t.get("state") == target for t in tasks)
