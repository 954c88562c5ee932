# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""One connector's lifecycle: read → plan → validate → apply → wait → report.

Kept apart from the module so that single and bulk connector modules behave the same.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import time

from ansible_collections.kafkaops.connect.plugins.module_utils import _compare as cmp
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import is_unknown_class
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._runtime import redact

# Lines of a Java stack trace worth showing: the exception and where it was thrown.
TRACE_LINES = 8
POLL_INTERVAL = 1.0
# A running connector may report its state before its tasks exist; give them this long.
EMPTY_TASKS_GRACE = 5.0


class ConnectorError(Exception):
    """A failure to report as it is: ``msg`` for the user, ``details`` for the result."""

    def __init__(self, msg, **details):
        super(ConnectorError, self).__init__(msg)
        self.msg = msg
        self.details = details


def short_trace(trace):
    if not trace:
        return trace
    lines = trace.strip().splitlines()
    return "\n".join(
        lines[:TRACE_LINES] + (["\t... %d more lines" % (len(lines) - TRACE_LINES)] if len(lines) > TRACE_LINES else [])
    )


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


def connector_view(name, info, status, sensitive_keys=(), secrets=()):
    """The ``connector`` result: config masked, traces shortened and redacted."""
    info = info or {}
    status = status or {}
    connector = status.get("connector") or {}
    view = {
        "name": name,
        "type": status.get("type") or info.get("type"),
        "config": cmp.mask_config(info.get("config") or {}, sensitive_keys),
        "state": connector.get("state"),
        "worker_id": connector.get("worker_id"),
        "tasks": [
            {
                "id": t.get("id"),
                "state": t.get("state"),
                "worker_id": t.get("worker_id"),
                "trace": redact(short_trace(t.get("trace")), secrets),
            }
            for t in status.get("tasks") or ()
        ],
    }
    if connector.get("trace"):
        view["trace"] = redact(short_trace(connector["trace"]), secrets)
    return view


def closest_classes(wanted, plugins):
    """Installed connector classes, the likeliest meant by ``wanted`` first."""
    classes = sorted(p.get("class") for p in plugins if p.get("class"))
    simple = dict((c.rsplit(".", 1)[-1].lower(), c) for c in classes)
    key = (wanted or "").rsplit(".", 1)[-1].lower()
    close = [simple[s] for s in difflib.get_close_matches(key, list(simple), n=len(simple), cutoff=0.3)]
    return close + [c for c in classes if c not in close]


class Plan:
    """What a run will do: ``actions`` in order, the whole ``target`` config, the changed keys."""

    def __init__(self, actions, target=None, changes=None, expected=None, initial_state=None, use_patch=False):
        self.actions = actions
        self.target = target
        self.changes = changes or {}
        self.expected = expected
        self.initial_state = initial_state
        self.use_patch = use_patch

    @property
    def writes_config(self):
        return "create" in self.actions or "update_config" in self.actions


class Connector:
    """One connector over a :class:`ConnectClient`."""

    def __init__(
        self,
        client,
        name,
        sensitive_keys=(),
        update_secrets="on_change",
        extra_secrets=(),
        sleep=None,
        clock=None,
    ):
        self.client = client
        self.name = name
        self.sensitive_keys = list(sensitive_keys or ())
        self.update_secrets = update_secrets
        self.info = None
        self.status = None
        self.warnings = []
        self.desired = None
        self._extra_secrets = [s for s in extra_secrets if s]
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic

    # Read
    def read(self):
        """The two requests of a no-change run: the connector (with its config) and its status."""
        self.info = self.client.get_connector(self.name)
        self.status = self.client.get_status(self.name) if self.info is not None else None
        return self

    @property
    def exists(self):
        return self.info is not None

    @property
    def state(self):
        return ((self.status or {}).get("connector") or {}).get("state")

    @property
    def current_config(self):
        return (self.info or {}).get("config") or {}

    def secrets(self):
        """Every secret this run knows of, to redact from anything shown."""
        known = cmp.secret_values(self.current_config, self.sensitive_keys)
        known += cmp.secret_values(self.desired, self.sensitive_keys)
        return known + self._extra_secrets

    # Plan
    def plan(self, state, config=None, config_mode="replace", restart_failed=False, restart_tasks=None):
        """Everything to do, decided before any write (so check mode reports the same)."""
        self.desired = config
        if state != "absent" and not self.exists and config is None:
            raise ConnectorError("connector %s does not exist; give its config to create it" % self.name)
        target, changes = None, {}
        if config is not None and state != "absent":
            base = self.current_config if self.exists else {}
            mode = config_mode if self.exists else "replace"
            target, changes = cmp.diff_config(config, base, mode, self.sensitive_keys, self.update_secrets)
        actions = cmp.plan_actions(
            state,
            self.exists,
            self.state,
            bool(changes),
            restart_failed=restart_failed,
            restart_tasks=restart_tasks,
            failed_parts=bool(cmp.failed_parts(self.status)),
        )
        plan = Plan(actions, target, changes, self._expected(state, actions))
        if "create" in actions and not target.get("connector.class"):
            raise ConnectorError("config of connector %s has no connector.class" % self.name)
        if "create" in actions and plan.expected in ("PAUSED", "STOPPED"):
            plan.initial_state = plan.expected
        self._check_server_can(plan)
        return plan

    def _expected(self, state, actions):
        if state == "absent":
            return None
        if state == "present" and self.exists:
            # A config update keeps the run state; a failed connector is meant to run.
            return self.state if self.state in ("PAUSED", "STOPPED") else "RUNNING"
        return cmp.expected_state(state, self.state, created="create" in actions)

    def _check_server_can(self, plan):
        # Fail before the first write, not half-way through.
        if "stop" in plan.actions or plan.initial_state == "STOPPED":
            self.client.require("stop")
        if plan.initial_state and not self.client.supports("initial_state"):
            self.warnings.append(
                "the server does not support initial_state (Kafka Connect 3.7+): connector %s is created, then %s "
                "at once, and may run briefly" % (self.name, plan.initial_state.lower())
            )
        if "update_config" in plan.actions:
            kept = cmp.masked_keys_kept(plan.target, plan.changes)
            if kept:
                if not self.client.supports("patch_config"):
                    raise ConnectorError(
                        "the server masks the values of %s, so they cannot be sent back with the rest of the "
                        "config, and it does not support PATCH (Kafka Connect 3.8+); give them in config"
                        % ", ".join(kept)
                    )
                plan.use_patch = True

    # Validate
    def validate(self, plan):
        """Connect's own validation of the config to write (read-only, so also in check mode)."""
        connector_class = plan.target.get("connector.class")
        if not connector_class:
            raise ConnectorError("config of connector %s has no connector.class" % self.name)
        try:
            # Connect validates "name" as a required key, though it adds it itself on create.
            answer = self.client.validate(connector_class, dict(plan.target, name=self.name))
        except ApiError as exc:
            self.raise_if_unknown_class(exc, connector_class)
            raise
        errors = []
        for item in (answer or {}).get("configs") or ():
            value = item.get("value") or {}
            if value.get("errors"):
                key = value.get("name")
                shown = cmp.MASK if cmp.is_secret_key(key, self.sensitive_keys) else plan.target.get(key)
                errors.append({"name": key, "value": shown, "errors": redact(value["errors"], self.secrets())})
        if errors:
            text = "; ".join("%s: %s" % (e["name"], " ".join(e["errors"])) for e in errors)
            raise ConnectorError(
                "config of connector %s is invalid (%d error(s)): %s" % (self.name, len(errors), text),
                validation=errors,
            )
        return errors

    def raise_if_unknown_class(self, error, connector_class):
        if not is_unknown_class(error):
            return
        installed = closest_classes(connector_class, self.client.list_plugins(connectors_only=True))
        raise ConnectorError(
            "connector class %s is not installed on the Connect workers; installed connector classes: %s"
            % (connector_class, ", ".join(installed) or "none"),
            installed_classes=installed,
        )

    # Apply
    def apply(self, plan):
        for action in plan.actions:
            getattr(self, "_do_" + action)(plan)

    def _do_create(self, plan):
        initial = plan.initial_state if plan.initial_state and self.client.supports("initial_state") else None
        try:
            created = self.client.create_connector(self.name, plan.target, initial_state=initial)
        except ApiError as exc:
            self.raise_if_unknown_class(exc, plan.target.get("connector.class"))
            raise
        if not created:
            # Someone created it since we looked: make it ours.
            self.client.put_config(self.name, plan.target)
        if plan.initial_state and (initial is None or not created):
            (self.client.pause if plan.initial_state == "PAUSED" else self.client.stop)(self.name)

    def _do_update_config(self, plan):
        if plan.use_patch:
            self.client.patch_config(self.name, plan.changes)
        else:
            self.client.put_config(self.name, plan.target)

    def _do_pause(self, plan):
        self.client.pause(self.name)

    def _do_resume(self, plan):
        self.client.resume(self.name)

    def _do_stop(self, plan):
        self.client.stop(self.name)

    def _do_restart(self, plan):
        self.client.restart(self.name, include_tasks=True, only_failed=False)

    def _do_restart_failed(self, plan):
        self.client.restart(self.name, include_tasks=True, only_failed=True)

    def _do_delete(self, plan):
        self.client.delete(self.name)
        self.info = self.status = None

    # Wait
    def wait_for_state(self, target, timeout):
        """Poll the status until the connector and its tasks report ``target`` twice in a row.

        Two equal readings, because a task that fails on its first poll reports RUNNING for
        a moment first. A failure seen twice ends the wait at once.
        """
        deadline = self._clock() + timeout
        previous = None
        since = None
        while True:
            # A connector just created has no status for a moment: 404 means "not yet".
            status = self.client.get_status(self.name) or {}
            self.status = status or self.status
            steady = previous is not None and _summary(status) == _summary(previous)
            if steady and cmp.failed_parts(status):
                raise ConnectorError("connector %s failed: %s" % (self.name, describe_status(status)))
            if not (steady and cmp.reached(status, target)):
                since = None
            else:
                since = since if since is not None else self._clock()
                # Paused and stopped connectors may have no tasks at all (created so, KIP-980).
                if status.get("tasks") or target != "RUNNING" or self._clock() - since >= EMPTY_TASKS_GRACE:
                    return status
            if self._clock() >= deadline:
                raise ConnectorError(
                    "connector %s did not reach %s within %s seconds; it is %s"
                    % (self.name, target, timeout, _summary_text(status))
                )
            previous = status
            self._sleep(POLL_INTERVAL)

    # Report
    def view(self):
        if not self.exists:
            return {}
        return connector_view(self.name, self.info, self.status, self.sensitive_keys, self.secrets())

    def predicted_view(self, plan):
        """The connector as the plan would leave it (check mode, or an apply without wait)."""
        if plan.expected is None:
            return {}
        view = self.view() if self.exists else {"name": self.name, "type": None, "worker_id": None, "tasks": []}
        view["config"] = cmp.mask_config(
            dict(plan.target, name=self.name) if plan.target else self.current_config, self.sensitive_keys
        )
        view["state"] = plan.expected
        return view

    def diff(self, plan):
        before = self._diff_side(self.state if self.exists else None, self.current_config if self.exists else None)
        if plan.expected is None:
            after = {"state": "absent"}
        else:
            after = self._diff_side(plan.expected, plan.target if plan.target is not None else self.current_config)
            for key in plan.changes:
                if key in after["config"] and after["config"][key] == cmp.MASK:
                    after["config"][key] = cmp.MASK + " (changed)"
        return {"before": before, "after": after}

    def _diff_side(self, state, config):
        if state is None and config is None:
            return {"state": "absent"}
        return {"state": state, "config": cmp.mask_config(cmp.strip_server_keys(config), self.sensitive_keys)}


def _summary(status):
    return (
        (status.get("connector") or {}).get("state"),
        tuple((t.get("id"), t.get("state")) for t in status.get("tasks") or ()),
    )


def _summary_text(status):
    state, tasks = _summary(status)
    return "%s with tasks %s" % (state, ", ".join("%s: %s" % t for t in tasks) or "none")
