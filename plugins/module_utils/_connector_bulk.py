# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Many connectors in one pass: one read of every connector, the single-connector planner
for each, writes in parallel threads, and one status request per round of waiting.

Each connector still goes through :class:`Connector` (apply, validation, views), so a
connector listed here ends up exactly as ``kafka_connector`` would leave it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import UnsupportedFeature
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_plan import ConnectorError, StateWatch
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._secrets import redact

# What one connector's failure may raise; anything else is a bug and ends the run.
CONNECTOR_ERRORS = (ApiError, ConnectorError, UnsupportedFeature)
STATE_ACTIONS = ("pause", "resume", "stop", "restart", "restart_failed")


class Item:
    """One connector of the task: what is wished, planned, done, and how it ended."""

    def __init__(self, connector, wish):
        self.connector = connector
        self.wish = wish
        self.plan = None
        self.failure = None
        self.waited = False
        # The plan's diff, taken before any write: after one, the connector describes the new state.
        self.diff = None

    @property
    def name(self):
        return self.connector.name

    def fail(self, error):
        secrets = self.connector.secrets()
        failure = {"name": self.name, "msg": redact(str(error), secrets)}
        if isinstance(error, ApiError):
            failure.update(redact(error.to_result(), secrets))
        failure.update(getattr(error, "details", {}))
        self.failure = failure

    def attempt(self, step, *args):
        """Run ``step``; a connector error marks this item failed instead of ending the run."""
        try:
            step(*args)
        except CONNECTOR_ERRORS as exc:
            self.fail(exc)
            return False
        return True


class Bulk:
    """The connectors of one task over one :class:`ConnectClient`."""

    def __init__(self, client, items, parallel=8, fail_fast=False, sleep=None, clock=None):
        self.client = client
        self.items = list(items)
        self.parallel = max(1, parallel)
        self.fail_fast = fail_fast
        self.expanded = True
        self._read = {}
        self._halt = threading.Event()
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic

    def live(self):
        return [item for item in self.items if item.failure is None]

    @property
    def failures(self):
        return [item.failure for item in self.items if item.failure is not None]

    # Read
    def read(self):
        """Load every listed connector and return the names of all connectors on the server."""
        answer = self.client.list_connectors_expanded()
        if isinstance(answer, list):
            # Connect before 2.3 has no expand: read the listed connectors one by one.
            self.expanded = False
            self._read = dict((name, None) for name in answer)
        else:
            self._read = answer
        self._load(self.items)
        return list(self._read)

    def add(self, items):
        """More connectors (the pruned ones), known from the same read."""
        self._load(items)
        self.items.extend(items)

    def _load(self, items):
        for item in items:
            if item.name not in self._read:
                continue
            if self.expanded:
                entry = self._read[item.name] or {}
                item.connector.load(entry.get("info"), entry.get("status"))
            else:
                item.connector.read()

    # Plan and validate: read-only, so check mode does them too
    def plan(self):
        self.read_topics()
        for item in self.live():
            wish = item.wish
            item.attempt(self._plan_one, item, wish)

    def read_topics(self):
        """The active topics of the existing connectors whose item asks for a reset, and of no
        other (a run where none asks makes no request here), read in parallel."""
        asking = [item for item in self.live() if item.wish.reads_topics and item.connector.exists]
        if not asking:
            return
        # The version check reads the worker once, before the threads share the answer.
        self.client.server_info()
        self._in_parallel(self._read_topics_one, asking)

    @staticmethod
    def _read_topics_one(item):
        item.attempt(item.connector.read_topics)

    @staticmethod
    def _plan_one(item, wish):
        item.plan = item.connector.plan(
            wish.state, wish.config, wish.config_mode, wish.restart_failed, wish.restart_tasks, wish.reset_topics
        )

    def validate(self):
        """Validate each distinct config to be written once, however many connectors share it."""
        groups = {}
        for item in self.live():
            if item.plan.writes_config:
                key = (tuple(sorted(item.plan.target.items())), tuple(item.wish.sensitive_keys))
                groups.setdefault(key, []).append(item)
        self._in_parallel(self._validate_group, list(groups.values()))

    @staticmethod
    def _validate_group(group):
        first = group[0]
        try:
            errors = first.connector.validation_errors(first.plan)
        except CONNECTOR_ERRORS as exc:
            for item in group:
                item.fail(exc)
            return
        for item in group:
            item.attempt(item.connector.raise_if_invalid, errors)

    # Apply and wait
    def apply(self):
        self._in_parallel(self._apply_one, [item for item in self.live() if item.plan.actions])

    def _apply_one(self, item):
        if self._halt.is_set():
            return
        if not item.attempt(item.connector.apply, item.plan) and self.fail_fast:
            self._halt.set()

    def wait(self, timeout):
        """Wait for every changed connector together, with one status request per round."""
        deadline = self._clock() + timeout
        watches = [
            (item, StateWatch(item.name, item.plan.expected))
            for item in self.live()
            if item.connector.done and item.plan.expected and item.plan.needs_wait
        ]
        while watches:
            statuses = self._statuses([item.name for item, _watch in watches])
            now = self._clock()
            pending = []
            for item, watch in watches:
                # A connector just created may not be listed yet: that means "not yet".
                status = statuses.get(item.name) or {}
                item.connector.status = status or item.connector.status
                try:
                    item.waited = watch.reading(status, now)
                except ConnectorError as exc:
                    item.fail(exc)
                    continue
                if not item.waited:
                    pending.append((item, watch))
            watches = pending
            if watches and self._clock() >= deadline:
                for item, watch in watches:
                    item.fail(watch.timed_out(timeout))
                return
            if watches:
                self._sleep(_connector.POLL_INTERVAL)

    def _statuses(self, names):
        if self.expanded:
            answer = self.client.list_connectors_status()
            if isinstance(answer, dict):
                return dict((name, (entry or {}).get("status")) for name, entry in answer.items())
            self.expanded = False
        return dict((name, self.client.get_status(name)) for name in names)

    def _in_parallel(self, step, jobs):
        if not jobs:
            return
        # One shared session: urllib3's connection pool is safe across threads.
        with ThreadPoolExecutor(max_workers=min(self.parallel, len(jobs))) as pool:
            for _done in pool.map(step, jobs):
                pass
