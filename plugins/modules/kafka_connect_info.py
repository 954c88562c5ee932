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
    type: list
    elements: str
    choices: [worker, plugins, connectors, topics]
    default: [worker, plugins, connectors, topics]
  sensitive_keys:
    description:
      - Extra config keys whose values are secret, as exact names or shell-style patterns.
      - Values of keys containing C(password), C(secret), C(token) or C(credentials), and of
        keys ending in C(.key), are always masked.
    type: list
    elements: str
    default: []
seealso:
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
      description: Tasks with C(id), C(state), C(worker_id) and C(trace) (first lines, null unless failed).
      type: list
      elements: dict
      sample: [{"id": 0, "state": "RUNNING", "worker_id": "127.0.0.1:8083", "trace": null}]
    topics:
      description: Topics the connector has used; null when the worker does not track topics.
      returned: when V(topics) is in O(gather_subset)
      type: list
      elements: str
      sample: [orders]
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

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.kafkaops.connect.plugins.module_utils import _compare as cmp
from ansible_collections.kafkaops.connect.plugins.module_utils import _secrets
from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import connect_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient
from ansible_collections.kafkaops.connect.plugins.module_utils._connector import connector_view
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._runtime import (
    connection_secrets,
    fail_connect,
    http_client,
)

SUBSETS = ["worker", "plugins", "connectors", "topics"]
STATES = ["running", "paused", "stopped", "failed", "unassigned", "restarting"]


def argument_spec():
    return connect_argument_spec(
        name=dict(type="list", elements="str", default=[]),
        state=dict(type="list", elements="str", default=[], choices=STATES),
        gather_subset=dict(type="list", elements="str", default=list(SUBSETS), choices=SUBSETS),
        sensitive_keys=dict(type="list", elements="str", default=[], no_log=False),
    )


def selected(name, status, patterns, states):
    if patterns and not any(fnmatch.fnmatchcase(name, p) for p in patterns):
        return False
    if not states:
        return True
    state = ((status or {}).get("connector") or {}).get("state", "").lower()
    return state in states or ("failed" in states and bool(cmp.failed_parts(status)))


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


def run(client, p, secrets):
    result = {"changed": False}
    subsets = set(p["gather_subset"])
    if "worker" in subsets:
        result["worker"] = dict(client.server_info(), url=client.http.base_url)
    if "plugins" in subsets:
        result["plugins"] = [
            {"class": x.get("class"), "type": x.get("type"), "version": x.get("version")}
            for x in client.list_plugins(connectors_only=False)
        ]
    if subsets & {"connectors", "topics"}:
        result["connectors"] = read_connectors(client, p, secrets)
    return result


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    client = ConnectClient(http_client(module, "connect_url"))
    secrets = connection_secrets(module)
    try:
        result = run(client, module.params, secrets)
    except ApiError as exc:
        fail_connect(module, exc, client, secrets=secrets)
    result.update(http_requests=client.request_count, retries=client.retry_count)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
