#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_connector
short_description: Manage one Kafka Connect connector, its config and its run state
version_added: 0.1.0
description:
  - Creates, updates, pauses, stops, resumes, restarts and deletes one Kafka Connect connector
    through the Connect REST API, changing only what differs.
  - "Config values are compared the way Connect stores them, as strings, so O(config) may use
    numbers and booleans (C(tasks.max: 1) equals C(\"1\")). Keys the server adds by itself
    (C(name), C(__internal.*)) are ignored. C(${provider:path:key}) placeholders are compared as
    written and never resolved."
  - Before a create or a config update, the config is checked with Connect's own validation
    (C(PUT /connector-plugins/{class}/config/validate)), also in check mode.
  - A run that changes nothing makes two requests (the connector and its status); with
    O(reset_topics=true), two more (the worker's version and the connector's active topics).
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
    details: Reads and validates, writes nothing, and predicts whether anything changes, RV(actions) and the diff.
  diff_mode:
    support: full
    details:
      - Shows the config (secrets masked) and run state before and after.
      - With O(reset_topics=true), also the connector's active topics before and after.
options:
  name:
    description:
      - Name of the connector.
    type: str
    required: true
  state:
    description:
      - V(present) makes sure the connector exists with this config. A new connector starts
        running; an existing one keeps its run state.
      - V(running), V(paused) and V(stopped) also set the run state. A connector created in
        V(paused) or V(stopped) state never runs first (Connect 3.7+; older servers create it,
        then pause or stop it at once, with a warning).
      - V(stopped) (Connect 3.5+) shuts the connector and its tasks down completely; its offsets
        can then be changed with M(kafkaops.connect.kafka_connector_offsets).
      - V(restarted) restarts the connector and its tasks (see O(restart_tasks)) and always reports
        a change. A paused connector is resumed and restarted; a stopped one is resumed, which
        starts it afresh.
      - V(absent) deletes the connector.
    type: str
    choices: [present, running, paused, stopped, restarted, absent]
    default: present
  config:
    description:
      - The connector config. Values may be strings, numbers, booleans or lists (joined with
        commas, as Connect's list type expects).
      - Required to create the connector; optional when it exists.
      - A C(name) key, if given, must equal O(name).
      - With O(config_mode=merge), a null value removes the key.
      - Ignored when O(state=absent).
    type: dict
  config_mode:
    description:
      - V(replace) makes the config exactly O(config); keys not given are removed.
      - V(merge) changes only the keys given in O(config) and keeps the others.
    type: str
    choices: [replace, merge]
    default: replace
  validate:
    description:
      - Validate the config with Connect before creating or updating the connector, and fail
        with every field error.
      - Not done when the config does not change.
    type: bool
    default: true
  wait:
    description:
      - After a change, wait until the connector and all its tasks report the desired state,
        and fail with the connector's or a task's trace and worker id if one of them fails.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait with O(wait=true).
    type: int
    default: 120
  restart_failed:
    description:
      - With O(state=running), restart the connector and tasks that are FAILED (only those).
      - Without it, a failed connector or task only causes a warning.
    type: bool
    default: false
  restart_tasks:
    description:
      - With O(state=restarted), which tasks to restart along with the connector.
      - V(all) restarts every task and always reports a change; V(failed) restarts only failed
        parts and reports no change when nothing failed.
      - Defaults to V(all). Only valid with O(state=restarted).
    type: str
    choices: [all, failed]
  sensitive_keys:
    description:
      - Extra config keys whose values are secret, as exact names or shell-style patterns
        such as C(*.basic.auth.user.info).
      - Values of keys containing C(password), C(secret), C(token) or C(credentials), and of
        keys ending in C(.key) or C(jaas.config), are always masked in output and diff.
      - In any other value, only a credential inside it is masked, the rest is shown. That is the
        password of a URL (C(scheme://user:pw@host)) and a C(password=), C(pwd=), C(secret=) or
        C(token=) parameter.
    type: list
    elements: str
    default: []
  update_secrets:
    description:
      - Servers that mask secret values when read (C(****), C([hidden]), as managed services
        do) cannot be compared with O(config).
      - V(on_change) leaves masked values alone, so they never cause a change; V(always)
        rewrites every masked value with the one in O(config).
    type: str
    choices: [on_change, always]
    default: on_change
  reset_topics:
    description:
      - Empty the set of topics Connect records as used by the connector (its active topics, as
        C(GET /connectors/{name}/topics) lists them) with C(PUT /connectors/{name}/topics/reset).
      - Done, and reported as the action C(reset_topics), only when that set is not empty, after
        the config and run state changes of the same task; the run state is left as it is, so a
        reset alone waits for nothing. A connector created by the task has used no topic yet.
      - The topics are read only when this is V(true), one more request.
      - A connector that keeps using a topic records it again at its next record, so reset a
        connector that is paused or stopped, or whose config no longer names the topics it used.
      - Needs Kafka Connect 2.5 or later. When the workers do not track topics
        (C(topic.tracking.enable=false)) there is nothing to reset and the module warns; when they
        refuse resets (C(topic.tracking.allow.reset=false)) the task fails with that reason.
      - Ignored with O(state=absent).
    type: bool
    default: false
    version_added: 0.2.0
notes:
  - The result's C(config) and the diff show secret values as C(********). A changed secret
    shows as C(******** (changed)) after the change.
seealso:
  - module: kafkaops.connect.kafka_connector_offsets
    description: Read, alter or reset the offsets of a stopped connector.
  - module: kafkaops.connect.kafka_connect_info
    description: List the worker, the plugins and every connector with its state.
  - name: Kafka Connect REST API
    description: The API this module uses.
    link: https://kafka.apache.org/documentation/#connect_rest
"""

EXAMPLES = r"""
- name: Run a FileStream source connector that reads a file into a topic
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-source
    state: running
    config:
      connector.class: org.apache.kafka.connect.file.FileStreamSourceConnector
      tasks.max: 1
      file: /tmp/orders.txt
      topic: orders

- name: Write that topic to a file with a FileStream sink, created paused (it never runs before it is resumed)
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-sink
    state: paused
    config:
      connector.class: org.apache.kafka.connect.file.FileStreamSinkConnector
      tasks.max: 1
      topics: orders
      file: /tmp/orders-copy.txt

- name: Preview a config change with its diff, without making it
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-source
    state: running
    config:
      connector.class: org.apache.kafka.connect.file.FileStreamSourceConnector
      tasks.max: 1
      file: /tmp/orders.txt
      topic: orders
      batch.size: 500
  check_mode: true
  diff: true

- name: Change only the topic, keeping the other keys
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-source
    config_mode: merge
    config:
      topic: orders-v2

- name: Stop the connector (Connect 3.5+), for instance before changing its offsets
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-source
    state: stopped

- name: Start it again and restart whatever failed
  kafkaops.connect.kafka_connector:
    connect_url: [http://localhost:8083, http://localhost:8084]
    name: orders-file-source
    state: running
    restart_failed: true

- name: Restart only the failed tasks
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-source
    state: restarted
    restart_tasks: failed

- name: Stop the sink and forget the topics it has read (only when there are any)
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: orders-file-sink
    state: stopped
    reset_topics: true

- name: Delete both
  kafkaops.connect.kafka_connector:
    connect_url: http://localhost:8083
    name: "{{ item }}"
    state: absent
  loop: [orders-file-source, orders-file-sink]
"""

RETURN = r"""
actions:
  description:
    - What was done (or, in check mode, would be done), in order.
    - When the run fails, only the actions that reached the server; C(changed) is then true if
      there is any (a connector created whose task then failed stays created).
    - Any of C(create), C(update_config), C(pause), C(resume), C(stop), C(restart),
      C(restart_failed), C(reset_topics) (always last), C(delete).
  returned: always
  type: list
  elements: str
  sample: [update_config, resume]
connector:
  description:
    - The connector after the run. Empty when it is absent.
    - In check mode, or with O(wait=false), C(state) is the state asked for (after a topics reset
      alone, the state read before it).
  returned: always
  type: dict
  contains:
    name:
      description: Name of the connector.
      type: str
      sample: orders-file-source
    type:
      description: C(source) or C(sink); null for a connector not created yet.
      type: str
      sample: source
    config:
      description: The config as Connect stores it, with secret values masked.
      type: dict
      sample: {"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "tasks.max": "1",
               "file": "/tmp/orders.txt", "topic": "orders", "name": "orders-file-source"}
    state:
      description: Connect's state of the connector, such as C(RUNNING), C(PAUSED), C(STOPPED), C(FAILED).
      type: str
      sample: RUNNING
    worker_id:
      description: The worker that runs the connector.
      type: str
      sample: 127.0.0.1:8083
    trace:
      description:
        - The connector's error trace when it failed, shortened to its first lines and every later
          C(Caused by:) line (where the root cause is); the lines left out are counted in their place.
      type: str
      returned: when the connector failed
    tasks:
      description: The connector's tasks.
      type: list
      elements: dict
      contains:
        id:
          description: Task number.
          type: int
          sample: 0
        state:
          description: Connect's state of the task.
          type: str
          sample: RUNNING
        worker_id:
          description: The worker that runs the task.
          type: str
          sample: 127.0.0.1:8084
        trace:
          description:
            - The task's error trace, shortened as RV(connector.trace) is; null unless it failed.
          type: str
validation:
  description:
    - Field errors found by Connect's validation, each with C(name), C(value) (masked if secret)
      and C(errors). Empty when the config is valid or was not validated.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "tasks.max", "value": "zero", "errors": ["Invalid value zero for configuration tasks.max"]}]
installed_classes:
  description: When the connector class is not installed, the installed connector classes, closest match first.
  returned: on failure for an unknown connector class
  type: list
  elements: str
  sample: [org.apache.kafka.connect.file.FileStreamSourceConnector]
http_requests:
  description: Number of HTTP requests the module made, retries included.
  returned: always
  type: int
  sample: 2
retries:
  description:
    - Number of requests sent again after a retriable answer (such as HTTP 409 during a rebalance)
      or a connection failure on every URL. Each is also counted in RV(http_requests).
  returned: always
  type: int
  sample: 0
config_on_server:
  description:
    - Set when a config write (create or update) went out but its answer was lost (a broken
      connection or a read time-out after the last retry), so the task failed without knowing
      whether Connect took it. The module then reads the connector back, and RV(connector) shows
      what the server holds.
    - C(new) when the server holds the requested config, C(old) when it still holds the previous
      one (or the connector was not created), C(unknown) when it could not be read back. Connect
      stores a config whole, so it is never part of each.
  returned: on failure, after a config write whose answer was lost
  type: str
  choices: [new, old, unknown]
  sample: new
"""

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector_plan, _secrets
from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import (
    connect_argument_spec,
    connector_argument_spec,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient, UnsupportedFeature
from ansible_collections.kafkaops.connect.plugins.module_utils._connector import Connector
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_plan import ConnectorError
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    MaskedConfigModule,
    connection_secrets,
    fail_connect,
    http_client,
    redact,
)


def argument_spec():
    return connect_argument_spec(
        validate=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=120),
        **connector_argument_spec(),
    )


def desired_config(module):
    """The config to compare, in Connect's string form; fails on what Connect cannot store."""
    p = module.params
    if p["wait"] and p["wait_timeout"] <= 0:
        module.fail_json(msg="wait_timeout must be a positive number of seconds, or set wait=false")
    try:
        config = _connector_plan.desired_config(
            p["name"], p["state"], p["config"], p["config_mode"], p["restart_failed"], p["restart_tasks"]
        )
    except ConnectorError as exc:
        module.fail_json(msg=exc.msg)
    if config is not None:
        # The invocation echoed in results must not carry the secrets either.
        module.params["config"] = _secrets.mask_config(config, p["sensitive_keys"])
    return config


def run(module, connector, config):
    p = module.params
    connector.read()
    plan = connector.plan(
        p["state"], config, p["config_mode"], p["restart_failed"], p["restart_tasks"] or "all", p["reset_topics"]
    )
    result = {"changed": bool(plan.actions), "actions": plan.actions, "validation": []}
    if plan.writes_config and p["validate"]:
        connector.validate(plan)
    if module._diff:
        result["diff"] = connector.diff(plan)
    if not plan.actions:
        failed = _connector_plan.failed_parts(connector.status)
        if failed and p["state"] in ("present", "running"):
            connector.warnings.append(
                "connector %s has failed parts (%s); use state=running with restart_failed=true to restart them"
                % (connector.name, ", ".join(failed))
            )
        result["connector"] = connector.view()
        return result
    if module.check_mode:
        result["connector"] = connector.predicted_view(plan)
        return result
    connector.apply(plan)
    if p["wait"] and plan.expected and plan.needs_wait:
        connector.wait_for_state(plan.expected, p["wait_timeout"])
        result["connector"] = connector.view()
    else:
        result["connector"] = connector.predicted_view(plan)
    return result


def main():
    module = MaskedConfigModule(argument_spec=argument_spec(), supports_check_mode=True)
    config = desired_config(module)
    client = ConnectClient(http_client(module, "connect_url"))
    p = module.params
    connector = Connector(
        client, p["name"], p["sensitive_keys"], p["update_secrets"], extra_secrets=connection_secrets(module)
    )
    try:
        result = run(module, connector, config)
    except (ApiError, ConnectorError, UnsupportedFeature) as exc:
        fail_connect(module, exc, client, connector, show_connector=True)
    for warning in connector.warnings:
        module.warn(redact(warning, connector.secrets()))
    result.update(http_requests=client.request_count, retries=client.retry_count)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
