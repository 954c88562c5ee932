#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_connect_export
short_description: Read a running Kafka Connect cluster's connectors as code for kafka_connectors
version_added: 0.2.0
description:
  - Reads every connector with one request (C(GET /connectors?expand=status&expand=info)) and
    returns them in the shape that M(kafkaops.connect.kafka_connectors) takes, plus RV(content),
    a YAML vars file holding them, to be written with M(ansible.builtin.copy).
  - Each connector is C({name, config, state}). Keys the server adds by itself (C(name) inside
    the config) are left out, config keys are sorted, and C(state) comes from the connector's
    status (C(RUNNING) gives V(running), C(PAUSED) V(paused), C(STOPPED) V(stopped); a failed or
    unassigned connector gives V(running)).
  - No secret value is returned. The value of a secret key (the O(sensitive_keys) rules of the
    connector modules) becomes a placeholder, C("{{ vault_<connector>_<key> }}"), and the variable
    is listed in RV(secret_placeholders). A config-provider reference such as
    C(${file:/etc/kafka/secrets.properties:password}) names a secret without being one and is
    kept as it is. A value the server masked (C([hidden])) also becomes a placeholder.
  - A placeholder variable is named C(vault_) + the connector name + C(_) + the key, each run of
    characters other than ASCII letters and digits turned into one C(_), lower-cased. When two
    secrets would get the same name, the later one (by connector and key) gets C(_2), C(_3)...
  - The same cluster always gives the same RV(content), so writing it again changes nothing.
  - Servers older than Kafka 2.3 ignore C(expand); the module then reads each connector's config
    and status, two requests per connector.
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
      - Export only the connectors whose names match one of these shell-style patterns, such as C(orders-*).
      - All connectors when empty.
    type: list
    elements: str
    default: []
  sensitive_keys:
    description:
      - Extra config keys whose values are secret, as exact names or shell-style patterns.
      - Values of keys containing C(password), C(secret), C(token) or C(credentials), and of
        keys ending in C(.key) or C(jaas.config), are always secret.
      - A value with a credential inside it, the password of a URL (C(scheme://user:pw@host)) or a
        C(password=), C(pwd=), C(secret=) or C(token=) parameter, is also secret, and the whole
        value becomes a placeholder.
      - Give the same list to M(kafkaops.connect.kafka_connectors) when applying the export, so
        that it masks the same values.
    type: list
    elements: str
    default: []
notes:
  - Values that contain C({{), C({%) or C({#) are written with the C(!unsafe) tag, so Ansible
    sends them to Connect as they are instead of templating them.
seealso:
  - module: kafkaops.connect.kafka_connectors
    description: Apply the exported connectors.
  - module: kafkaops.connect.kafka_connect_info
    description: Read the connectors with their tasks and topics.
"""

EXAMPLES = r"""
- name: Read every orders connector as code
  kafkaops.connect.kafka_connect_export:
    connect_url: [http://localhost:8083, http://localhost:8084]
    name: ["orders-*"]
  register: export

- name: Write them as a vars file (unchanged when the cluster is)
  ansible.builtin.copy:
    content: "{{ export.content }}"
    dest: /tmp/orders-connectors.yml
    mode: "0600"

- name: Say which secrets to put in a vault before applying the file
  ansible.builtin.debug:
    msg: "define in a vault: {{ export.secret_placeholders | join(', ') or 'nothing' }}"
"""

RETURN = r"""
connectors:
  description: The exported connectors, sorted by name, as items of
    O(kafkaops.connect.kafka_connectors#module:connectors).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Connector name.
      type: str
      sample: orders-file-source
    config:
      description: Config without server-added keys, secret values replaced by placeholders.
      type: dict
      sample: {"connector.class": "FileStreamSource", "db.password": "{{ vault_orders_file_source_db_password }}"}
    state:
      description: V(running), V(paused) or V(stopped).
      type: str
      sample: running
secret_placeholders:
  description: The placeholder variables, sorted; define each one before applying RV(content).
  returned: always
  type: list
  elements: str
  sample: [vault_orders_file_source_db_password]
content:
  description:
    - The YAML vars file, with keys C(secret_placeholders) and C(connectors) and a header comment.
    - Read it with M(ansible.builtin.include_vars) and pass C(connectors) to M(kafkaops.connect.kafka_connectors).
  returned: always
  type: str
  sample: "---\n# Kafka Connect connectors as code...\nsecret_placeholders: []\nconnectors: []\n"
http_requests:
  description: Number of HTTP requests the module made, retries included.
  returned: always
  type: int
  sample: 1
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


from ansible_collections.kafkaops.connect.plugins.module_utils import _export
from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import connect_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    KafkaopsModule,
    connection_secrets,
    fail_connect,
    http_client,
)


def argument_spec():
    return connect_argument_spec(
        name=dict(type="list", elements="str", default=[]),
        sensitive_keys=dict(type="list", elements="str", default=[], no_log=False),
    )


def read_expanded(client, patterns):
    """Every connector with its info and status: one request, or two per connector on a server
    that ignores ``expand`` (it answers a list of names)."""
    answer = client.list_connectors_expanded()
    if not isinstance(answer, list):
        return answer
    expanded = {}
    for name in answer:
        if _export.selected(name, patterns):
            expanded[name] = {"info": client.get_connector(name) or {}, "status": client.get_status(name) or {}}
    return expanded


def run(client, p):
    items, placeholders = _export.export_connectors(read_expanded(client, p["name"]), p["name"], p["sensitive_keys"])
    return dict(
        changed=False,
        connectors=items,
        secret_placeholders=sorted(placeholders),
        content=_export.to_yaml(items, placeholders),
    )


def main():
    module = KafkaopsModule(argument_spec=argument_spec(), supports_check_mode=True)
    client = ConnectClient(http_client(module, "connect_url"))
    try:
        result = run(client, module.params)
    except ApiError as exc:
        fail_connect(module, exc, client, secrets=connection_secrets(module))
    except _export.ExportError as exc:
        fail_connect(module, "cannot export the connectors of %s: %s" % (client.http.base_url, exc), client)
    result.update(http_requests=client.request_count, retries=client.retry_count)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
