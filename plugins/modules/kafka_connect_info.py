#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_connect_info
short_description: Read a Kafka Connect cluster's worker, plugins and connectors
version_added: 0.1.0
description:
  - Returns the worker's version, the installed plugins, and the connectors with their
    config (secrets masked), state, tasks and topics.
  - Connectors and their states come from one request (C(GET /connectors?expand=status&expand=info));
    the topics of each selected connector take one more request each.
author:
  - kafkaops.connect contributors (@kafkaops)
extends_documentation_fragment:
  - kafkaops.connect.http_options
  - kafkaops.connect.connect
  - kafkaops.connect.attributes
  - kafkaops.connect.attributes.INFO_MODULE
  - kafkaops.connect.attributes.ACTION_GROUP_CONNECT
options:
  name:
    description:
      - Return only the connectors whose names match one of these shell-style patterns, such as C(orders-*).
      - All connectors when empty.
    type: list
    elements: str
    default: []
  state:
    description:
      - Return only the connectors in one of these states.
      - V(failed) also matches a connector any of whose tasks failed.
    type: list
    elements: str
    choices: [running, paused, stopped, failed, unassigned, restarting]
    default: []
  gather_subset:
    description:
      - What to read. Leaving parts out saves requests.
      - V(topics) reads the topics of each returned connector (one request each); it implies V(connectors).
      - V(health) asks every worker of O(connect_url), not only the first that answers, for its health
        (C(GET /health), Kafka Connect 3.9+), once each, without retries; a worker that does not answer is
        reported as C(unreachable) and does not fail the task.
      - V(plugin_configs) reads the config definitions of each plugin (C(GET /connector-plugins/{class}/config),
        Kafka Connect 3.2+), one request per plugin; O(plugin_class) narrows the plugins.
    type: list
    elements: str
    choices: [worker, plugins, connectors, topics, health, plugin_configs]
    default: [worker, plugins, connectors, topics]
  plugin_class:
    description:
      - With V(plugin_configs), only the plugins whose class, or class name without its package, matches one
        of these shell-style patterns, such as C(FileStream*) or C(io.debezium.*). All plugins when empty.
    type: list
    elements: str
    default: []
  sensitive_keys:
    description:
      - Extra config keys whose values are secret, as exact names or shell-style patterns.
      - Values of keys containing C(password), C(secret), C(token) or C(credentials), and of
        keys ending in C(.key) or C(jaas.config), are always masked.
      - In any other value, only a credential inside it is masked, the rest is shown. That is the
        password of a URL (C(scheme://user:pw@host)) and a C(password=), C(pwd=), C(secret=) or
        C(token=) parameter.
    type: list
    elements: str
    default: []
seealso:
  - module: kafkaops.connect.kafka_connect_logger
    description: Set the workers' log levels.
  - module: kafkaops.connect.kafka_connector
    description: Manage one connector.
  - module: kafkaops.connect.kafka_connector_offsets
    description: Read, alter or reset a connector's offsets.
"""

EXAMPLES = r"""
- name: Everything about the Connect cluster
  kafkaops.connect.kafka_connect_info:
    connect_url: http://localhost:8083
  register: connect

- name: Show the failed connectors and tasks
  kafkaops.connect.kafka_connect_info:
    connect_url: [http://localhost:8083, http://localhost:8084]
    state: [failed]
    gather_subset: [connectors]
  register: failed

- name: The health of every worker; one that is down shows as unreachable
  kafkaops.connect.kafka_connect_info:
    connect_url: [http://localhost:8083, http://localhost:8084]
    gather_subset: [health]
  register: health

- name: The config keys the FileStream source takes, to check a config before validating it
  kafkaops.connect.kafka_connect_info:
    connect_url: http://localhost:8083
    gather_subset: [plugin_configs]
    plugin_class: [FileStreamSourceConnector]
  register: catalogue

- name: Show each worker's health, and the required keys of the FileStream source
  ansible.builtin.debug:
    msg:
      - "{{ health.health | map(attribute='status') | list }}"
      - "{{ catalogue.plugin_configs[0].configs | selectattr('required') | map(attribute='name') | list }}"

- name: Show which orders connectors exist
  ansible.builtin.debug:
    msg: "{{ connect.connectors | selectattr('name', 'match', 'orders-') | map(attribute='name') }}"
"""

RETURN = r"""
worker:
  description: The worker that answered.
  returned: when V(worker) is in O(gather_subset)
  type: dict
  contains:
    url:
      description: The URL that answered.
      type: str
      sample: http://localhost:8083
    version:
      description: Kafka Connect version.
      type: str
      sample: 4.3.1
    commit:
      description: Source commit of the build.
      type: str
      sample: 26b251a451ce941d
    kafka_cluster_id:
      description: Id of the Kafka cluster Connect uses.
      type: str
      sample: NI7GBFZjR2mH9fM0sFYp-g
plugins:
  description: Installed plugins (connectors, converters, transformations, predicates).
  returned: when V(plugins) is in O(gather_subset)
  type: list
  elements: dict
  contains:
    class:
      description: Plugin class.
      type: str
      sample: org.apache.kafka.connect.file.FileStreamSourceConnector
    type:
      description: C(source), C(sink), C(converter), C(header_converter), C(transformation) or C(predicate).
      type: str
      sample: source
    version:
      description: Plugin version; null when the plugin does not say.
      type: str
      sample: 4.3.1
connectors:
  description: The selected connectors, sorted by name.
  returned: when V(connectors) or V(topics) is in O(gather_subset)
  type: list
  elements: dict
  contains:
    name:
      description: Connector name.
      type: str
      sample: orders-file-source
    type:
      description: C(source) or C(sink).
      type: str
      sample: source
    config:
      description: Config with secret values masked.
      type: dict
      sample: {"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "tasks.max": "1"}
    state:
      description: Connect's state of the connector.
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
    topics:
      description: Topics the connector has used; null when the worker does not track topics.
      returned: when V(topics) is in O(gather_subset)
      type: list
      elements: str
      sample: [orders]
health:
  description:
    - Each worker of O(connect_url), in order, with its health.
    - C(status) is the worker's own (C(healthy), C(starting), C(unhealthy)), or C(unreachable) when it did not
      answer, C(unsupported) when it is older than Kafka Connect 3.9, C(unknown) for any other answer.
  returned: when V(health) is in O(gather_subset)
  type: list
  elements: dict
  contains:
    url:
      description: The worker URL, as given.
      type: str
      sample: http://localhost:8083
    status:
      description: The health status.
      type: str
      sample: healthy
    message:
      description: The worker's message, or why there is none.
      type: str
      sample: Worker has completed startup and is ready to handle requests.
plugin_configs:
  description: The config definitions of each selected plugin, as the worker reports them.
  returned: when V(plugin_configs) is in O(gather_subset)
  type: list
  elements: dict
  contains:
    class:
      description: Plugin class.
      type: str
      sample: org.apache.kafka.connect.file.FileStreamSourceConnector
    type:
      description: Plugin type, as in RV(plugins).
      type: str
      sample: source
    version:
      description: Plugin version as the worker reports it; null when the plugin does not say.
      type: str
      sample: 4.3.1
    configs:
      description:
        - Each config key with C(name), C(type) (C(STRING), C(INT), C(LIST)...), C(required), C(default)
          (null when none), C(importance), C(documentation), C(group) and C(display_name).
        - Connect also lists the keys every connector takes (C(name), C(connector.class), C(tasks.max)...).
      type: list
      elements: dict
      sample: [{"name": "topic", "type": "STRING", "required": true, "default": null, "importance": "HIGH",
                "documentation": "The topic to publish data to", "group": null, "display_name": "topic"}]
http_requests:
  description: Number of HTTP requests the module made, retries included.
  returned: always
  type: int
  sample: 3
retries:
  description: Number of requests that were sent again after a retriable failure.
  returned: always
  type: int
  sample: 0
actions:
  description: Always empty (the module only reads); returned by a failed task as by the other Connect modules.
  returned: failure
  type: list
  elements: str
  sample: []
"""

import fnmatch

from ansible_collections.kafkaops.connect.plugins.module_utils import _connector_plan, _secrets
from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import connect_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient, UnsupportedFeature
from ansible_collections.kafkaops.connect.plugins.module_utils._connector import connector_view
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    KafkaopsModule,
    connection_secrets,
    fail_connect,
    http_client,
    redact,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._workers import Counted, Workers

SUBSETS = ["worker", "plugins", "connectors", "topics", "health", "plugin_configs"]
DEFAULT_SUBSETS = ["worker", "plugins", "connectors", "topics"]
CONFIG_FIELDS = ("name", "type", "required", "importance", "documentation", "group", "display_name")
STATES = ["running", "paused", "stopped", "failed", "unassigned", "restarting"]


def argument_spec():
    return connect_argument_spec(
        name=dict(type="list", elements="str", default=[]),
        state=dict(type="list", elements="str", default=[], choices=STATES),
        gather_subset=dict(type="list", elements="str", default=list(DEFAULT_SUBSETS), choices=SUBSETS),
        plugin_class=dict(type="list", elements="str", default=[]),
        sensitive_keys=dict(type="list", elements="str", default=[], no_log=False),
    )


def selected(name, status, patterns, states):
    if patterns and not any(fnmatch.fnmatchcase(name, p) for p in patterns):
        return False
    if not states:
        return True
    state = ((status or {}).get("connector") or {}).get("state", "").lower()
    return state in states or ("failed" in states and bool(_connector_plan.failed_parts(status)))


def read_connectors(client, p, secrets):
    found = []
    for name, entry in sorted(client.list_connectors_expanded().items()):
        if not selected(name, entry.get("status"), p["name"], p["state"]):
            continue
        info = entry.get("info") or {}
        # Traces may quote any connector's secrets, not just this one's.
        secrets.extend(_secrets.secret_values(info.get("config"), p["sensitive_keys"]))
        found.append((name, info, entry.get("status")))
    views = []
    for name, info, status in found:
        view = connector_view(name, info, status, p["sensitive_keys"], secrets)
        if "topics" in p["gather_subset"]:
            view["topics"] = client.get_topics(name)
        views.append(view)
    return views


def worker_health(client, secrets):
    """``(status, message)`` of one worker; never raises for an answer or its absence."""
    try:
        code, body = client.health()
    except ApiError as exc:
        if exc.status is None:
            return "unreachable", redact(exc.message, secrets)
        if exc.status == 404 and not _supports_health(client):
            return "unsupported", "GET /health needs Kafka Connect 3.9 or later; this worker reports %s" % (
                client.server_info().get("version")
            )
        return "unknown", redact(str(exc), secrets)
    return body.get("status") or ("healthy" if code == 200 else "unknown"), body.get("message") or ""


def _supports_health(client):
    try:
        return client.supports("health")
    except ApiError:
        return True


def read_health(workers, secrets):
    result = []
    for url, client in workers.clients:
        status, message = worker_health(client, secrets)
        result.append({"url": url, "status": status, "message": message})
    return result


def plugin_wanted(plugin_class, patterns):
    simple = plugin_class.rsplit(".", 1)[-1]
    return not patterns or any(fnmatch.fnmatchcase(plugin_class, p) or fnmatch.fnmatchcase(simple, p) for p in patterns)


def config_definition(entry):
    definition = dict((key, entry.get(key)) for key in CONFIG_FIELDS)
    definition["default"] = entry.get("default_value")
    return definition


def read_plugin_configs(client, plugins, patterns):
    result = []
    for plugin in plugins:
        if not plugin_wanted(plugin.get("class") or "", patterns):
            continue
        configs = client.plugin_config(plugin["class"])
        if configs is None:
            continue  # removed from the worker since it was listed
        result.append(dict(plugin, configs=[config_definition(c) for c in configs]))
    return result


def run(client, p, secrets, workers=None):
    result = {"changed": False}
    subsets = set(p["gather_subset"])
    if "worker" in subsets:
        result["worker"] = dict(client.server_info(), url=client.http.base_url)
    if subsets & {"plugins", "plugin_configs"}:
        plugins = [
            {"class": x.get("class"), "type": x.get("type"), "version": x.get("version")}
            for x in client.list_plugins(connectors_only=False)
        ]
        if "plugins" in subsets:
            result["plugins"] = plugins
        if "plugin_configs" in subsets:
            result["plugin_configs"] = read_plugin_configs(client, plugins, p["plugin_class"])
    if subsets & {"connectors", "topics"}:
        result["connectors"] = read_connectors(client, p, secrets)
    if workers is not None:
        result["health"] = read_health(workers, secrets)
    return result


def main():
    module = KafkaopsModule(argument_spec=argument_spec(), supports_check_mode=True)
    client = ConnectClient(http_client(module, "connect_url"))
    workers = Workers(module, retries=0) if "health" in module.params["gather_subset"] else None
    counted = Counted(client, workers)
    secrets = connection_secrets(module)
    try:
        result = run(client, module.params, secrets, workers)
    except (ApiError, UnsupportedFeature) as exc:
        fail_connect(module, exc, counted, secrets=secrets)
    result.update(http_requests=counted.request_count, retries=counted.retry_count)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
