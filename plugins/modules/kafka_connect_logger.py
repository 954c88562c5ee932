#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_connect_logger
short_description: Set log levels of Kafka Connect workers at run time, on the whole cluster or worker by worker
version_added: 0.2.0
description:
  - Sets the level of each logger of O(loggers) through Connect's C(/admin/loggers) API, without
    restarting anything. Setting a logger also sets the loggers below it (its descendants).
  - Reads every worker of O(connect_url) first (C(GET /admin/loggers), one request per worker) and
    changes nothing when each logger already has its level on every worker. A logger a worker does
    not list logs at the level of its nearest listed ancestor, or of C(root); that is the level compared.
  - With O(scope=cluster) on Kafka Connect 3.7 or later, one C(PUT /admin/loggers/{logger}?scope=cluster)
    per logger sets it on every worker of the group, also on workers that join later; the module then
    waits until every worker of O(connect_url) reports the level (O(wait)).
  - With O(scope=worker), or on workers older than 3.7, the module sends C(PUT /admin/loggers/{logger})
    to each worker of O(connect_url) whose level differs, so list every worker there.
  - Levels set over REST are lost when a worker restarts (the worker's log4j configuration applies
    again), except those set with the cluster scope, which a restarted worker applies again.
  - Unlike the other Connect modules, which use the first worker of O(connect_url) that answers,
    this one reads every worker of O(connect_url) (and with O(scope=worker) writes to each), so list
    every worker of the cluster there.
author:
  - kafkaops.connect contributors (@kafkaops)
extends_documentation_fragment:
  - kafkaops.connect.http_options
  - kafkaops.connect.connect
  - kafkaops.connect.attributes
  - kafkaops.connect.attributes.ACTION_GROUP_CONNECT
attributes:
  check_mode:
    support: full
    details: Reads every worker and predicts the levels, writes nothing.
  diff_mode:
    support: full
    details: The level of each logger on each worker, before and after.
options:
  loggers:
    description:
      - Logger names (usually Java package or class names, or C(root)) and the level each should have.
      - Levels are C(OFF), C(FATAL), C(ERROR), C(WARN), C(INFO), C(DEBUG), C(TRACE) or C(ALL), in any case.
    type: dict
    required: true
  scope:
    description:
      - V(cluster) sets each logger on every worker of the group with one request (Kafka Connect 3.7+);
        on older workers the module falls back to V(worker).
      - V(worker) sets it on each worker of O(connect_url), one request per worker and logger.
    type: str
    choices: [cluster, worker]
    default: cluster
  wait:
    description:
      - After a cluster-wide change, wait until every worker of O(connect_url) reports the new level
        (workers apply it asynchronously), and fail if one does not within O(wait_timeout).
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for the workers with O(wait=true).
    type: int
    default: 30
seealso:
  - module: kafkaops.connect.kafka_connect_info
    description: Read the workers' health and the connectors.
"""

EXAMPLES = r"""
- name: DEBUG for the FileStream connectors on every worker, applied by the whole group
  kafkaops.connect.kafka_connect_logger:
    connect_url: [http://localhost:8083, http://localhost:8084]
    loggers:
      org.apache.kafka.connect.file: DEBUG
  register: raised

- name: Show what each worker logged at before
  ansible.builtin.debug:
    msg: "{{ raised.before | map(attribute='url') | zip(raised.before | map(attribute='loggers')) }}"

- name: Back to INFO on every worker (again for the group, so that a restarted worker does not go back to DEBUG)
  kafkaops.connect.kafka_connect_logger:
    connect_url: [http://localhost:8083, http://localhost:8084]
    loggers:
      org.apache.kafka.connect.file: INFO
"""

RETURN = r"""
workers:
  description:
    - Each worker of O(connect_url) with the level of each logger of O(loggers), after the change
      (in check mode, as predicted).
    - C(last_modified) is when the level was set over REST, in milliseconds since the epoch; null when
      it comes from the worker's configuration or an ancestor, or, in check mode, when it would change.
  returned: always
  type: list
  elements: dict
  contains:
    url:
      description: The worker URL, as given.
      type: str
      sample: http://localhost:8083
    loggers:
      description: Logger name to C({level, last_modified}).
      type: dict
      sample: {"org.apache.kafka.connect.file": {"level": "DEBUG", "last_modified": 1796068556935}}
before:
  description: The same list as RV(workers), read before any change; what to restore later.
  returned: always
  type: list
  elements: dict
  sample:
    - url: http://localhost:8083
      loggers: {"org.apache.kafka.connect.file": {"level": "INFO", "last_modified": null}}
scope:
  description: The scope used, V(cluster) or V(worker) (V(worker) when the workers are older than 3.7).
  returned: always
  type: str
  sample: cluster
actions:
  description: The changes sent, in order, as C(set <logger> <LEVEL> on <url or cluster>).
  returned: always
  type: list
  elements: str
  sample: ["set org.apache.kafka.connect.file DEBUG on cluster"]
http_requests:
  description: Number of HTTP requests the module made, on all workers, retries included.
  returned: always
  type: int
  sample: 2
retries:
  description: Number of requests that were sent again after a retriable failure.
  returned: always
  type: int
  sample: 0
"""

import time

from ansible_collections.kafkaops.connect.plugins.module_utils import _loggers
from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import connect_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    KafkaopsModule,
    connection_secrets,
    fail_connect,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._workers import Workers

POLL_INTERVAL = 0.5


def argument_spec():
    return connect_argument_spec(
        loggers=dict(type="dict", required=True),
        scope=dict(type="str", default="cluster", choices=["cluster", "worker"]),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=30),
    )


class LoggerWorkers(Workers):
    """Every worker of ``connect_url``, with the changes sent to them."""

    def __init__(self, module):
        super(LoggerWorkers, self).__init__(module)
        self.actions = []

    def read(self, names):
        return [(url, _loggers.levels_of(client.list_loggers(), names)) for url, client in self.clients]

    def set_cluster(self, changes):
        client = self.clients[0][1]
        for name, level in sorted(changes.items()):
            client.set_logger(name, level, cluster=True)
            self.actions.append("set %s %s on cluster" % (name, level))

    def set_each(self, before, wanted):
        levels_of = dict(before)
        for url, client in self.clients:
            for name in _loggers.to_change(levels_of[url], wanted):
                client.set_logger(name, wanted[name])
                self.actions.append("set %s %s on %s" % (name, wanted[name], url))

    def wait_for(self, wanted, timeout):
        """Read every worker until each reports ``wanted``; the last reading, or LoggerError."""
        deadline = time.monotonic() + timeout
        while True:
            levels = self.read(sorted(wanted))
            late = [(url, _loggers.to_change(found, wanted)) for url, found in levels]
            late = [(url, names) for url, names in late if names]
            if not late:
                return levels
            if time.monotonic() >= deadline:
                raise _loggers.LoggerError(
                    "the level was set for the whole cluster, but after %ds %s"
                    % (timeout, "; ".join("%s still reports another level for %s" % (u, ", ".join(n)) for u, n in late))
                )
            time.sleep(POLL_INTERVAL)


def as_list(levels):
    return [{"url": url, "loggers": found} for url, found in levels]


def run(module, workers, wanted):
    p = module.params
    before = workers.read(sorted(wanted))
    differing = dict((n, wanted[n]) for url, levels in before for n in _loggers.to_change(levels, wanted))
    scope = p["scope"]
    if differing and scope == "cluster" and not workers.clients[0][1].supports("logger_cluster_scope"):
        scope = "worker"
    after = [(url, _loggers.predicted(levels, wanted)) for url, levels in before]
    if differing and not module.check_mode:
        if scope == "cluster":
            workers.set_cluster(differing)
            after = workers.wait_for(wanted, p["wait_timeout"]) if p["wait"] else workers.read(sorted(wanted))
        else:
            workers.set_each(before, wanted)
            after = workers.read(sorted(wanted))
    result = dict(
        changed=bool(differing),
        workers=as_list(after),
        before=as_list(before),
        scope=scope,
        actions=list(workers.actions),
    )
    if module._diff:
        result["diff"] = {
            "before": dict((url, dict((n, e["level"]) for n, e in found.items())) for url, found in before),
            "after": dict((url, dict((n, e["level"]) for n, e in found.items())) for url, found in after),
        }
    return result


def main():
    module = KafkaopsModule(argument_spec=argument_spec(), supports_check_mode=True)
    p = module.params
    try:
        wanted = _loggers.desired_levels(p["loggers"])
    except _loggers.LoggerError as exc:
        module.fail_json(msg=str(exc))
    if p["wait"] and p["wait_timeout"] <= 0:
        module.fail_json(msg="wait_timeout must be a positive number of seconds, or set wait=false")
    workers = LoggerWorkers(module)
    try:
        result = run(module, workers, wanted)
    except (ApiError, _loggers.LoggerError) as exc:
        fail_connect(
            module,
            exc,
            workers,
            secrets=connection_secrets(module),
            changed=bool(workers.actions),
            actions=workers.actions,
        )
    result.update(http_requests=workers.request_count, retries=workers.retry_count)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
