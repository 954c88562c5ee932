# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""One connector's lifecycle over HTTP: read → validate → apply → wait → report.

The decisions are made by the pure planner in ``_connector_plan``; this file carries them
out, so that the single and the bulk connector modules behave the same.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import time

from ansible_collections.kafkaops.connect.plugins.module_utils import _secrets
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import is_unknown_class
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_config import strip_server_keys
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_plan import (
    ConnectorError,
    Current,
    StateWatch,
    Wish,
    plan_connector,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._secrets import redact

# Lines at the head of a Java stack trace worth showing: the exception and where it was thrown.
TRACE_LINES = 8
POLL_INTERVAL = 1.0


def short_trace(trace):
    """A Java stack trace (str, as Connect's status gives it) cut to what a reader needs.

    Keeps the first ``TRACE_LINES`` lines, which say what failed and where, and every later
    ``Caused by:`` line, because the root cause (a missing file, a schema registry's refusal of
    an incompatible schema) is often only there; each run of lines left out is replaced by one
    ``... N more lines`` line. ``None`` and ``""`` come back as they are.
    """
    if not trace:
        return trace
    lines = trace.strip().splitlines()
    kept, left_out = lines[:TRACE_LINES], 0
    for line in lines[TRACE_LINES:]:
        if line.startswith("Caused by:"):
            kept += _left_out(left_out) + [line]
            left_out = 0
        else:
            left_out += 1
    return "\n".join(kept + _left_out(left_out))


def _left_out(count):
    return ["\t... %d more line%s" % (count, "" if count == 1 else "s")] if count else []


def connector_view(name, info, status, sensitive_keys=(), secrets=()):
    """The ``connector`` result: config masked, traces shortened and redacted."""
    info = info or {}
    status = status or {}
    connector = status.get("connector") or {}
    view = {
        "name": name,
        "type": status.get("type") or info.get("type"),
        "config": _secrets.mask_config(info.get("config") or {}, sensitive_keys),
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
        # The active topics (KIP-558): read only for a wish to reset them; None until then, and
        # when the workers do not track topics.
        self.topics = None
        self.topics_read = False
        self.warnings = []
        self.desired = None
        # Actions that reached the server, in order: a run that fails half-way still changed these.
        self.done = []
        # After a config write whose answer was lost: what the server holds when read back
        # ("new", "old" or "unknown"), so that a failed result says which config is in force.
        self.config_on_server = None
        # After a failure half-way through a plan that had stopped the connector: whether its run
        # state could be given back, in words for the failure message.
        self.restore_note = None
        self._wish = None
        self._extra_secrets = [s for s in extra_secrets if s]
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic

    # Read
    def read(self):
        """The two requests of a no-change run: the connector (with its config) and its status."""
        info = self.client.get_connector(self.name)
        return self.load(info, self.client.get_status(self.name) if info is not None else None)

    def load(self, info, status):
        """Take the state read by someone else (the bulk module reads every connector at once)."""
        self.info, self.status = info, status
        return self

    def read_topics(self):
        """One more request, made only for a wish to reset the topics of an existing connector:
        refused on workers older than Kafka 2.5, which neither track nor reset topics."""
        self.client.require("topics_reset")
        self.topics = self.client.get_topics(self.name)
        self.topics_read = True
        return self

    @property
    def current(self):
        return Current(self.info, self.status, self.topics)

    @property
    def exists(self):
        return self.info is not None

    @property
    def state(self):
        return self.current.state

    @property
    def current_config(self):
        return self.current.config

    def secrets(self):
        """Every secret this run knows of, to redact from anything shown."""
        known = _secrets.secret_values(self.current_config, self.sensitive_keys)
        known += _secrets.secret_values(self.desired, self.sensitive_keys)
        return known + self._extra_secrets

    # Plan
    def plan(
        self, state, config=None, config_mode="replace", restart_failed=False, restart_tasks=None, reset_topics=False
    ):
        self.desired = config
        wish = Wish(
            self.name,
            state,
            config,
            config_mode,
            restart_failed,
            restart_tasks,
            self.sensitive_keys,
            self.update_secrets,
            reset_topics,
        )
        self._wish = wish
        if wish.reads_topics and self.exists and not self.topics_read:
            self.read_topics()
        plan = plan_connector(self.current, wish, self.client)
        # Fail before the first write, not half-way through.
        for feature in plan.requires:
            self.client.require(feature)
        self.warnings.extend(plan.warnings)
        return plan

    # Validate
    def validate(self, plan):
        """Connect's own validation of the config to write (read-only, so also in check mode)."""
        return self.raise_if_invalid(self.validation_errors(plan))

    def validation_errors(self, plan):
        """Connect's field errors for ``plan.target``, values masked where secret."""
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
                shown = _secrets.mask_value(key, plan.target.get(key), self.sensitive_keys)
                errors.append({"name": key, "value": shown, "errors": redact(value["errors"], self.secrets())})
        return errors

    def raise_if_invalid(self, errors):
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
    def apply(self, plan, wait_timeout=None):
        """Carry out ``plan.actions`` in order, recording in ``done`` each one that reached the server;
        wait after the actions of ``plan.settle``. When a step fails, the connector's run state is
        given back first (``plan.restore``) and ``restore_note`` says how that went.

        Once every action is done, ``info`` holds ``plan.target`` as its config: Connect stores a
        config whole, so after the write that is what the server holds, and the result can show it
        without reading the connector again."""
        for action in plan.actions:
            try:
                getattr(self, "_do_" + action)(plan)
            except ApiError as exc:
                # The connection broke after the request went out: it may have been done.
                if exc.maybe_sent:
                    self.done.append(action)
                    if plan.target is not None:
                        self.read_back_config()
                self.restore(plan, wait_timeout)
                raise
            self.done.append(action)
            if action in plan.settle:
                try:
                    self.wait_for_state(plan.settle[action], wait_timeout)
                except ConnectorError:
                    self.restore(plan, wait_timeout)
                    raise
        if plan.target is not None:
            self.info = dict(self.info or {}, config=dict(plan.target, name=self.name))

    def restore(self, plan, wait_timeout):
        """After a failed step: resume (or pause again) a connector the plan had stopped."""
        back = plan.restore
        if not back or back in self.done or "stop" not in self.done:
            return
        verb = "resumed" if back == "resume" else "paused again"
        try:
            getattr(self, "_do_" + back)(plan)
        except (ApiError, ConnectorError) as exc:
            self.restore_note = "connector %s could not be %s (%s): it is left STOPPED" % (self.name, verb, exc)
            return
        self.done.append(back)
        try:
            self.wait_for_state(plan.settle[back], wait_timeout)
        except (ApiError, ConnectorError) as exc:
            self.restore_note = "connector %s was %s but did not reach %s: %s" % (
                self.name,
                verb,
                plan.settle[back],
                exc,
            )
            return
        self.restore_note = "connector %s was %s: it is %s, as before the task" % (self.name, verb, plan.settle[back])

    def read_back_config(self):
        """Read the connector again after a config write whose answer was lost: the failed result
        then shows what the server holds, and ``config_on_server`` says whether that is the new
        config or still the old one (never half of each: Connect stores a config whole)."""
        try:
            self.read()
            again = plan_connector(self.current, self._wish, self.client)
        except ApiError:
            self.config_on_server = "unknown"
            return
        self.config_on_server = "old" if again.changes or "create" in again.actions else "new"

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

    def _do_alter_offsets(self, plan):
        self.client.alter_offsets(self.name, plan.offsets)

    def _do_reset_offsets(self, plan):
        self.client.reset_offsets(self.name)

    def _do_reset_topics(self, plan):
        self.client.reset_topics(self.name)

    def _do_delete(self, plan):
        self.client.delete(self.name)
        self.info = self.status = None

    # Wait
    def wait_for_state(self, target, timeout):
        """Poll the status until the connector and its tasks steadily report ``target``."""
        deadline = self._clock() + timeout
        watch = StateWatch(self.name, target)
        while True:
            # A connector just created has no status for a moment: 404 means "not yet".
            status = self.client.get_status(self.name) or {}
            self.status = status or self.status
            if watch.reading(status, self._clock()):
                return status
            if self._clock() >= deadline:
                raise watch.timed_out(timeout)
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
        if self.exists and not plan.needs_wait:
            return self.view()
        view = self.view() if self.exists else {"name": self.name, "type": None, "worker_id": None, "tasks": []}
        view["config"] = _secrets.mask_config(
            dict(plan.target, name=self.name) if plan.target else self.current_config, self.sensitive_keys
        )
        view["state"] = plan.expected
        return view

    def diff(self, plan):
        before = self._diff_side(self.state if self.exists else None, self.current_config if self.exists else None)
        if plan.expected is None:
            after = {"state": "absent"}
        else:
            state = plan.expected if plan.needs_wait else self.state
            after = self._diff_side(state, plan.target if plan.target is not None else self.current_config)
            shown_before = before.get("config") or {}
            for key in plan.changes:
                shown = after["config"].get(key)
                # A masked change would look like no change: a new secret, or a new credential
                # inside a URL whose visible part stayed the same.
                if isinstance(shown, str) and (shown == _secrets.MASK or shown == shown_before.get(key)):
                    after["config"][key] = shown + " (changed)"
            if self.topics is not None:
                # Shown only when a reset was asked for (the only time they are read).
                before["topics"] = sorted(self.topics)
                after["topics"] = [] if "reset_topics" in plan.actions else sorted(self.topics)
        return {"before": before, "after": after}

    def _diff_side(self, state, config):
        if state is None and config is None:
            return {"state": "absent"}
        return {"state": state, "config": _secrets.mask_config(strip_server_keys(config), self.sensitive_keys)}
