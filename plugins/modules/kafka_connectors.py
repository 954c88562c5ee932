#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_connectors
short_description: Manage many Kafka Connect connectors in one task, optionally deleting the ones not listed
version_added: 0.1.0
description:
  - Brings every connector of O(connectors) to its config and run state in one pass, with the
    same per-connector semantics as M(kafkaops.connect.kafka_connector).
  - Reads every connector with one request (C(GET /connectors?expand=info&expand=status)), so a
    run that changes nothing makes exactly one request, however many connectors are listed.
    Only the existing connectors whose item asks for O(connectors[].reset_topics) cost more, one
    request each for their active topics (in parallel), and one for the worker's version.
    Servers older than Kafka 2.3 ignore C(expand); the module then reads the listed connectors
    one by one.
  - Writes to different connectors are sent in parallel (O(parallel)); the writes to one
    connector stay in order. There is no order between connectors, so a sink may be created
    before its source.
  - Each distinct config to be written is validated once with Connect's own validation, in
    parallel, also in check mode.
  - With O(wait=true), every changed connector is waited for together, with one
    C(GET /connectors?expand=status) per round.
  - With O(prune=true), connectors on the server that are not listed are deleted. The deletion
    is refused, before anything is written, when it would delete more than O(prune_max).
  - A connector that fails does not stop the others (unless O(fail_fast=true)); the task then
    fails at the end, listing each connector that failed and why, and still reports
    C(changed=true) if anything was written.
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
    details: Reads and validates, writes nothing, and predicts the actions, the result lists and the diff.
  diff_mode:
    support: full
    details:
      - One diff with the config (secrets masked) and run state of every connector that changes, before and after.
      - For a connector whose item asks for a topics reset, also its active topics before and after.
options:
  connectors:
    description:
      - The connectors to manage. Keys left out of an item take the value of the module option
        of the same name.
      - Names must be unique.
      - Mutually exclusive with O(connectors_file).
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: Name of the connector.
        type: str
        required: true
      state:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:state),
            as M(kafkaops.connect.kafka_connector) documents it.
          - When left out, the top-level O(state) of this module applies.
        type: str
        choices: [present, running, paused, stopped, restarted, absent]
      config:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:config), as M(kafkaops.connect.kafka_connector)
            documents it. Required to create the connector.
        type: dict
      config_mode:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:config_mode),
            as M(kafkaops.connect.kafka_connector) documents it.
          - When left out, the top-level O(config_mode) of this module applies.
        type: str
        choices: [replace, merge]
      restart_failed:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:restart_failed),
            as M(kafkaops.connect.kafka_connector) documents it.
          - When left out, the top-level O(restart_failed) of this module applies.
        type: bool
      restart_tasks:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:restart_tasks),
            as M(kafkaops.connect.kafka_connector) documents it.
          - When left out, the top-level O(restart_tasks) of this module applies.
        type: str
        choices: [all, failed]
      sensitive_keys:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:sensitive_keys),
            as M(kafkaops.connect.kafka_connector) documents it.
          - When left out, the top-level O(sensitive_keys) of this module applies.
        type: list
        elements: str
      update_secrets:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:update_secrets),
            as M(kafkaops.connect.kafka_connector) documents it.
          - When left out, the top-level O(update_secrets) of this module applies.
        type: str
        choices: [on_change, always]
      reset_topics:
        description:
          - This connector's O(kafkaops.connect.kafka_connector#module:reset_topics),
            as M(kafkaops.connect.kafka_connector) documents it; its active topics are read only
            when this is true.
          - When left out, the top-level O(reset_topics) of this module applies.
        type: bool
        version_added: 0.2.0
  connectors_file:
    description:
      - A JSON or YAML file on the host the task runs on (the managed node) holding the items of
        O(connectors), either as a list or as a mapping with the list under C(connectors), such as
        the vars file that M(kafkaops.connect.kafka_connect_export) writes (its other keys are
        ignored). The module reads it itself, and checks its items as O(connectors) checks its own.
      - With thousands of connectors this is much faster than O(connectors), because Ansible then hands
        the module a path instead of templating and sending every item (measured in
        C(docs/performance.md)). A file that starts with C([) or C({) is read as JSON, the
        fastest; YAML needs PyYAML where the module runs.
      - The file is used as it is, never templated. A value that holds C({{), C({%) or C({#) fails
        the task, naming the item and the key, unless YAML tags it C(!unsafe) (kept as it is); so
        an export whose RV(kafkaops.connect.kafka_connect_export#module:secret_placeholders) is
        not empty must be loaded with M(ansible.builtin.include_vars) and given as O(connectors).
      - Secret values in the file are masked in results, diffs and messages by the same
        O(sensitive_keys) rules as in O(connectors), and the items are never echoed as module
        arguments. Keep such a file readable only by those who may read the secrets.
      - Mutually exclusive with O(connectors).
    type: path
    version_added: 0.2.0
  state:
    description: The run state of items that do not give their own C(state).
    type: str
    choices: [present, running, paused, stopped, restarted, absent]
    default: present
  config_mode:
    description: V(replace) or V(merge), for items that do not give their own C(config_mode).
    type: str
    choices: [replace, merge]
    default: replace
  restart_failed:
    description: With C(state=running), restart failed connectors and tasks; for items that do not say.
    type: bool
    default: false
  restart_tasks:
    description: With C(state=restarted), V(all) or only V(failed) tasks; for items that do not say.
    type: str
    choices: [all, failed]
  sensitive_keys:
    description:
      - Extra config keys whose values are secret (exact names or shell-style patterns), for
        items that do not give their own.
      - Keys containing C(password), C(secret), C(token) or C(credentials), and keys ending in
        C(.key) or C(jaas.config), are always masked.
      - In any other value, only a credential inside it is masked, the rest is shown. That is the
        password of a URL (C(scheme://user:pw@host)) and a C(password=), C(pwd=), C(secret=) or
        C(token=) parameter.
    type: list
    elements: str
    default: []
  update_secrets:
    description: V(on_change) or V(always) rewrite server-masked secrets; for items that do not say.
    type: str
    choices: [on_change, always]
    default: on_change
  reset_topics:
    description:
      - Empty the active topics of existing connectors whose set is not empty, for items that do
        not give their own C(reset_topics); see O(kafkaops.connect.kafka_connector#module:reset_topics).
    type: bool
    default: false
    version_added: 0.2.0
  prune:
    description:
      - Delete the connectors on the server that are not in O(connectors), within
        O(prune_include) and O(prune_exclude).
    type: bool
    default: false
  prune_include:
    description: Shell-style name patterns; only connectors matching one of them are pruned.
    type: list
    elements: str
    default: ['*']
  prune_exclude:
    description: Shell-style name patterns; connectors matching one of them are never pruned.
    type: list
    elements: str
    default: []
  prune_max:
    description:
      - The most connectors a prune may delete. When it would delete more, the task fails before
        writing anything and lists them in RV(would_delete). V(-1) sets no limit.
    type: int
    default: 10
  parallel:
    description:
      - How many connectors are written (and configs validated) at once.
      - Each write that Connect answers with HTTP 409 during the rebalances writes cause is retried
        (see O(retries)).
    type: int
    default: 8
  validate:
    description: Validate each distinct config before it is written, and fail those connectors with every field error.
    type: bool
    default: true
  wait:
    description:
      - After the writes, wait until every changed connector and its tasks report the desired
        state; a connector or task that fails is reported with its trace and worker id.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait, for all connectors together, with O(wait=true).
    type: int
    default: 120
  return_connectors:
    description:
      - Which connectors RV(connectors) lists.
      - V(changed) lists only the connectors that this run changed (in check mode, would
        change) or that failed; RV(counts) counts them all. Its cost grows with the number of
        changes, not with the number of connectors, so a run that changes nothing returns
        next to nothing, however many connectors are listed.
      - V(all) lists every connector, changed or not, with its config, state and tasks, as
        before 0.2.0. The result, and the time Ansible spends on it, then grows with every
        connector listed; C(docs/performance.md) gives the measured cost.
      - RV(created), RV(updated), RV(deleted), RV(state_changed), RV(topics_reset), RV(failures)
        and RV(counts) are the same with both.
    type: str
    choices: [changed, all]
    default: changed
    version_added: 0.2.0
  fail_fast:
    description:
      - V(false) applies every connector that can be applied, then fails listing each failure.
      - V(true) stops sending writes to further connectors after the first failure (writes
        already in flight complete), and fails before any write when a config is invalid.
    type: bool
    default: false
notes:
  - The config in the results and the diff shows secret values as C(********).
  - Connectors pruned are deleted without stopping them first or removing their offsets.
seealso:
  - module: kafkaops.connect.kafka_connector
    description: One connector, with the same options per connector.
  - module: kafkaops.connect.kafka_connect_info
    description: List the connectors and their states in the same shape.
"""

EXAMPLES = r"""
- name: Run two FileStream connectors (one request when nothing changes)
  kafkaops.connect.kafka_connectors:
    connect_url: [http://localhost:8083, http://localhost:8084]
    state: running
    connectors:
      - name: orders-file-source
        config:
          connector.class: org.apache.kafka.connect.file.FileStreamSourceConnector
          tasks.max: 1
          file: /tmp/orders.txt
          topic: orders
      - name: orders-file-sink
        state: paused
        config:
          connector.class: org.apache.kafka.connect.file.FileStreamSinkConnector
          tasks.max: 1
          topics: orders
          file: /tmp/orders-copy.txt

- name: The same two connectors from a JSON or YAML file the module reads itself (the fast way for thousands)
  kafkaops.connect.kafka_connectors:
    connect_url: [http://localhost:8083, http://localhost:8084]
    state: running
    # A list of the same items as above, or a vars file written by kafkaops.connect.kafka_connect_export.
    connectors_file: /tmp/orders-connectors.json

- name: Preview what deleting every other orders-* connector would do
  kafkaops.connect.kafka_connectors:
    connect_url: http://localhost:8083
    connectors:
      - name: orders-file-source
    prune: true
    prune_include: [orders-*]
    prune_exclude: [orders-*-keep]
  check_mode: true
  diff: true

- name: Stop the sink and forget the topics it has read; only this item reads its topics
  kafkaops.connect.kafka_connectors:
    connect_url: http://localhost:8083
    connectors:
      - name: orders-file-source
      - name: orders-file-sink
        state: stopped
        reset_topics: true

- name: Delete both connectors
  kafkaops.connect.kafka_connectors:
    connect_url: http://localhost:8083
    state: absent
    connectors:
      - name: orders-file-source
      - name: orders-file-sink
"""

RETURN = r"""
connectors:
  description:
    - The connectors this run changed (in check mode, would change) or that failed, or with
      O(return_connectors=all) every listed connector; in the order given, then every pruned
      one, as M(kafkaops.connect.kafka_connect_info) returns them, with the actions of this run.
    - In check mode, with O(wait=false), or for a connector not waited for, C(state) is the state asked for.
    - A connector absent after the run has only C(name) and C(actions).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the connector.
      type: str
      sample: orders-file-source
    actions:
      description:
        - What was done (in check mode, would be done) to this connector, in order, as
          RV(kafkaops.connect.kafka_connector#module:actions).
        - When it failed, only the actions that reached the server.
      type: list
      elements: str
      sample: [update_config]
    type:
      description: C(source) or C(sink); null for a connector not created yet.
      type: str
      sample: source
    config:
      description: The config with secret values masked.
      type: dict
      sample: {"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "tasks.max": "1"}
    state:
      description: Connect's state of the connector, such as C(RUNNING), C(PAUSED), C(STOPPED), C(FAILED).
      type: str
      sample: RUNNING
    worker_id:
      description: Worker running the connector.
      type: str
      sample: 127.0.0.1:8083
    tasks:
      description:
        - Tasks with C(id), C(state), C(worker_id) and C(trace) (null unless failed; shortened to its first
          lines and every later C(Caused by:) line, where the root cause is).
      type: list
      elements: dict
      sample: [{"id": 0, "state": "RUNNING", "worker_id": "127.0.0.1:8083", "trace": null}]
    failed:
      description: Why this connector failed.
      returned: when it failed
      type: str
created:
  description: Names of the connectors created (in check mode, that would be created).
  returned: always
  type: list
  elements: str
  sample: [orders-file-source]
updated:
  description: Names of the connectors whose config was changed.
  returned: always
  type: list
  elements: str
  sample: []
deleted:
  description: Names of the connectors deleted, listed with C(state=absent) or pruned.
  returned: always
  type: list
  elements: str
  sample: [old-orders-source]
state_changed:
  description: Names of the connectors paused, resumed, stopped or restarted.
  returned: always
  type: list
  elements: str
  sample: [orders-file-sink]
topics_reset:
  description: Names of the connectors whose active topics were reset (in check mode, would be).
  returned: always
  type: list
  elements: str
  sample: [orders-file-sink]
  version_added: 0.2.0
actions:
  description:
    - "What reached the server, connector by connector, as C(name: action); the actions are those of
      P(kafkaops.connect.kafka_connector#module)'s RV(kafkaops.connect.kafka_connector#module:actions)."
    - A failed task lists the writes that were made before it failed.
  returned: always
  type: list
  elements: str
  sample: ["orders-file-source: create", "orders-file-sink: update_config"]
failures:
  description:
    - Each connector that failed, with C(name) and C(msg), and where they apply C(status), C(url),
      C(method) and C(body) of the failed request, C(validation) field errors or C(installed_classes).
    - The task fails when this is not empty.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "orders-file-source", "msg": "connector orders-file-source failed: task 0 FAILED on worker ..."}]
counts:
  description:
    - How many connectors the task handled (C(total), the listed and the pruned ones), and of
      them how many were C(changed), C(unchanged), C(created), C(updated), C(deleted),
      C(state_changed), C(topics_reset) and C(failed); in check mode, what would be.
    - C(changed), C(unchanged) and C(failed) add up to C(total). C(failed) counts every connector of
      RV(failures); C(changed) those that changed and did not fail; C(unchanged) the others.
    - C(created), C(updated), C(deleted), C(state_changed) and C(topics_reset) count what was done,
      also to a connector that failed afterwards (for example created, then not running within
      O(wait_timeout)).
    - The same whatever O(return_connectors) is.
  returned: always
  type: dict
  version_added: 0.2.0
  sample:
    {"total": 1000, "changed": 2, "unchanged": 998, "created": 1, "updated": 1, "deleted": 0, "state_changed": 0,
     "topics_reset": 0, "failed": 0}
would_delete:
  description: The connectors a refused prune would have deleted.
  returned: when a prune is refused because of O(prune_max)
  type: list
  elements: str
  sample: [old-1, old-2]
http_requests:
  description: Number of HTTP requests the module made, retries included.
  returned: always
  type: int
  sample: 1
retries:
  description: Number of requests sent again after a retriable answer, such as HTTP 409 during a rebalance.
  returned: always
  type: int
  sample: 0
"""


from collections import Counter

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector_plan, _secrets
from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import (
    connect_argument_spec,
    connector_argument_spec,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient
from ansible_collections.kafkaops.connect.plugins.module_utils._connector import Connector
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_bulk import STATE_ACTIONS, Bulk, Item
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._items_file import items_from_file
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    MaskedConfigModule,
    connection_secrets,
    fail_connect,
    http_client,
    redact,
)

# Options an item may set for itself, defaulting to the module option of the same name.
PER_ITEM = (
    "state",
    "config_mode",
    "restart_failed",
    "restart_tasks",
    "sensitive_keys",
    "update_secrets",
    "reset_topics",
)


# Result lists of the connectors that had one action: (result key, action).
LISTED_ACTIONS = (
    ("created", "create"),
    ("updated", "update_config"),
    ("deleted", "delete"),
    ("topics_reset", "reset_topics"),
)


def argument_spec():
    defaults = connector_argument_spec()
    for per_connector in ("name", "config"):
        defaults.pop(per_connector)
    return connect_argument_spec(
        connectors=dict(type="list", elements="dict", default=[], options=connector_argument_spec(defaults=False)),
        connectors_file=dict(type="path"),
        prune=dict(type="bool", default=False),
        prune_include=dict(type="list", elements="str", default=["*"]),
        prune_exclude=dict(type="list", elements="str", default=[]),
        prune_max=dict(type="int", default=10),
        parallel=dict(type="int", default=8),
        validate=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=120),
        fail_fast=dict(type="bool", default=False),
        return_connectors=dict(type="str", choices=["changed", "all"], default="changed"),
        **defaults,
    )


def items_of(module, client):
    """One :class:`Item` per listed connector; fails on the first item that cannot be planned."""
    p = module.params
    if p["parallel"] < 1:
        module.fail_json(msg="parallel must be 1 or more, got %s" % p["parallel"])
    if p["prune_max"] < -1:
        module.fail_json(msg="prune_max must be -1 (no limit) or more, got %s" % p["prune_max"])
    if p["wait"] and p["wait_timeout"] <= 0:
        module.fail_json(msg="wait_timeout must be a positive number of seconds, or set wait=false")
    from_file = p["connectors_file"] is not None
    if from_file:
        entries = items_from_file(module, "connectors_file", "connectors", connector_argument_spec(defaults=False))
    else:
        entries = p["connectors"]
    repeated = sorted(n for n, times in Counter(entry["name"] for entry in entries).items() if times > 1)
    if repeated:
        module.fail_json(msg="connector names must be unique; listed more than once: %s" % ", ".join(repeated))
    items = []
    for entry in entries:
        opts = dict((key, p[key] if entry[key] is None else entry[key]) for key in PER_ITEM)
        try:
            config = _connector_plan.desired_config(
                entry["name"],
                opts["state"],
                entry["config"],
                opts["config_mode"],
                opts["restart_failed"],
                opts["restart_tasks"],
            )
        except _connector_plan.ConnectorError as exc:
            module.fail_json(msg=exc.msg)
        if config is not None and not from_file:
            # The invocation echoed in results must not carry the secrets either (the file's
            # items are no arguments: never echoed).
            entry["config"] = _secrets.mask_config(config, p["sensitive_keys"] + (entry["sensitive_keys"] or []))
        wish = _connector_plan.Wish(entry["name"], config=config, **opts)
        items.append(Item(connector(module, client, entry["name"], opts), wish))
    # Each listed config is masked once, here, not again when the task ends.
    module.configs_masked()
    return items


def connector(module, client, name, opts):
    return Connector(
        client, name, opts["sensitive_keys"], opts["update_secrets"], extra_secrets=connection_secrets(module)
    )


def prune(module, client, bulk, server_names):
    """Add the connectors to delete, or fail before any write when there are too many."""
    p = module.params
    names = _connector_plan.prune_names(
        server_names, [i.name for i in bulk.items], p["prune_include"], p["prune_exclude"]
    )
    if p["prune_max"] != -1 and len(names) > p["prune_max"]:
        module.fail_json(
            msg="prune would delete %d connectors, more than prune_max=%d, so nothing was changed: %s; raise "
            "prune_max, narrow prune_include/prune_exclude, or list the connectors to keep"
            % (len(names), p["prune_max"], ", ".join(names)),
            would_delete=names,
            http_requests=client.request_count,
            retries=client.retry_count,
        )
    opts = dict((key, p[key]) for key in PER_ITEM)
    items = [Item(connector(module, client, n, opts), _connector_plan.Wish(n, "absent")) for n in names]
    bulk.add(items)


def run(module, client, bulk):
    p = module.params
    server_names = bulk.read()
    if p["prune"]:
        prune(module, client, bulk, server_names)
    bulk.plan()
    if p["validate"]:
        bulk.validate()
    if module._diff:
        for item in bulk.items:
            if item.plan and item.plan.actions:
                item.diff = item.connector.diff(item.plan)
    if module.check_mode or (p["fail_fast"] and bulk.failures):
        return
    bulk.apply()
    if p["wait"]:
        bulk.wait(p["wait_timeout"])


def report(module, client, bulk):
    """The result: names and counts of every connector, the view of those that changed or failed
    (of every one with ``return_connectors=all``)."""
    applied = not module.check_mode
    every = module.params["return_connectors"] == "all"
    result = dict(
        connectors=[], created=[], updated=[], deleted=[], state_changed=[], topics_reset=[], failures=bulk.failures
    )
    diff = {"before": {}, "after": {}}
    changed = succeeded = 0
    for item in bulk.items:
        planned = item.plan.actions if item.plan else []
        actions = list(item.connector.done) if applied else planned
        changed += bool(actions)
        # A failed item counts as failed only, whatever it wrote first, so the counts add up.
        succeeded += bool(actions) and not item.failure
        if every or actions or item.failure:
            result["connectors"].append(entry_of(item, actions))
        for key, action in LISTED_ACTIONS:
            if action in actions:
                result[key].append(item.name)
        if any(a in STATE_ACTIONS for a in actions):
            result["state_changed"].append(item.name)
        if module._diff and item.diff:
            diff["before"][item.name], diff["after"][item.name] = item.diff["before"], item.diff["after"]
    # The same ``actions`` as the single-connector modules report, each named by its connector: every
    # connector with an action is in ``connectors``, whatever return_connectors is.
    result["actions"] = ["%s: %s" % (e["name"], a) for e in result["connectors"] for a in e["actions"]]
    result["changed"] = changed > 0
    result["counts"] = dict(
        total=len(bulk.items),
        changed=succeeded,
        unchanged=len(bulk.items) - succeeded - len(result["failures"]),
        failed=len(result["failures"]),
        **dict((key, len(result[key])) for key in ("created", "updated", "deleted", "state_changed", "topics_reset")),
    )
    if module._diff:
        result["diff"] = diff
    result.update(http_requests=client.request_count, retries=client.retry_count)
    return result


def entry_of(item, actions):
    """One connector of RV(connectors): as the server describes it, or as the plan will leave it."""
    planned = item.plan.actions if item.plan else []
    if item.plan is None or not planned or item.waited or item.failure:
        view = item.connector.view()
    else:
        view = item.connector.predicted_view(item.plan)
    entry = dict(view, name=item.name, actions=actions)
    if item.failure:
        entry["failed"] = item.failure["msg"]
    return entry


def main():
    module = MaskedConfigModule(
        argument_spec=argument_spec(), mutually_exclusive=[("connectors", "connectors_file")], supports_check_mode=True
    )
    client = ConnectClient(http_client(module, "connect_url", pool_size=module.params["parallel"]))
    bulk = Bulk(client, items_of(module, client), module.params["parallel"], module.params["fail_fast"])
    try:
        run(module, client, bulk)
    except ApiError as exc:
        # Only the first read fails the whole task this way: later failures belong to one connector.
        fail_connect(module, exc, client, secrets=connection_secrets(module), **report(module, client, bulk))
    result = report(module, client, bulk)
    for item in bulk.items:
        for warning in item.connector.warnings:
            module.warn(redact(warning, item.connector.secrets()))
    if result["failures"]:
        text = "; ".join("%s: %s" % (f["name"], f["msg"]) for f in result["failures"])
        module.fail_json(
            msg="%d of %d connectors failed: %s" % (len(result["failures"]), len(bulk.items), text), **result
        )
    module.exit_json(**result)


if __name__ == "__main__":
    main()
