#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_connector_offsets
short_description: Read, alter or reset the offsets of a Kafka Connect connector
version_added: 0.1.0
description:
  - Reads the offsets of a source or sink connector, sets the offsets of some partitions, or
    resets them all, through the Kafka Connect REST API (KIP-875).
  - Reading needs Kafka Connect 3.5+, changing needs 3.6+; older servers get a clear error.
  - Offsets are compared first, so a run that would set the offsets they already have
    changes nothing.
  - Connect changes offsets only while the connector is STOPPED. With O(stop_connector=true)
    the module stops it, changes the offsets, and returns it to the state it was in.
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
    details: Reads the offsets and the connector's state, writes nothing, and predicts the change.
  diff_mode:
    support: full
    details: Shows the offsets before and after.
options:
  name:
    description:
      - Name of the connector.
    type: str
    required: true
  state:
    description:
      - V(query) only reads the offsets and returns them in RV(offsets).
      - V(present) sets the offsets of the partitions in O(offsets) and leaves the others alone.
      - V(reset) removes every offset, so that the connector starts from the beginning
        (a sink connector then follows its consumer's C(auto.offset.reset)).
    type: str
    choices: [query, present, reset]
    default: query
  offsets:
    description:
      - With O(state=present), the partitions and their offsets, as Connect expects them.
      - For a sink connector, C(partition) is C({kafka_topic, kafka_partition}) and C(offset)
        is C({kafka_offset}).
      - For a source connector, both are defined by the connector; the FileStream source uses
        C(partition={filename}) and C(offset={position}).
      - A null C(offset) removes the offset of that partition.
    type: list
    elements: dict
    suboptions:
      partition:
        description: The partition, as a dict.
        type: dict
        required: true
      offset:
        description: The offset, as a dict, or null to remove the partition's offset.
        type: dict
  stop_connector:
    description:
      - When the connector is not STOPPED, stop it, change the offsets, and then pause or
        resume it again as it was.
      - When V(false), a connector that is not STOPPED makes the task fail, before any change.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the connector to stop and, afterwards, to reach its old state again.
    type: int
    default: 120
seealso:
  - module: kafkaops.connect.kafka_connector
    description: Stop, start and configure the connector.
  - module: kafkaops.connect.kafka_connect_info
    description: List connectors and their states.
  - name: KIP-875
    description: First-class offsets support in Kafka Connect.
    link: https://cwiki.apache.org/confluence/display/KAFKA/KIP-875%3A+First-class+offsets+support+in+Kafka+Connect
"""

EXAMPLES = r"""
- name: Read the offsets of a connector
  kafkaops.connect.kafka_connector_offsets:
    connect_url: http://localhost:8083
    name: orders-file-source
  register: orders_offsets

- name: Make the FileStream source read its file again from the start
  kafkaops.connect.kafka_connector_offsets:
    connect_url: http://localhost:8083
    name: orders-file-source
    state: present
    stop_connector: true
    offsets:
      - partition: {filename: /tmp/orders.txt}
        offset: {position: 0}

- name: Move a sink connector to offset 42 of partition 0
  kafkaops.connect.kafka_connector_offsets:
    connect_url: http://localhost:8083
    name: orders-file-sink
    state: present
    stop_connector: true
    offsets:
      - partition: {kafka_topic: orders, kafka_partition: 0}
        offset: {kafka_offset: 42}

- name: Forget every offset, so that the source reads its file again from the start
  kafkaops.connect.kafka_connector_offsets:
    connect_url: http://localhost:8083
    name: orders-file-source
    state: reset
    stop_connector: true
"""

RETURN = r"""
offsets:
  description: The connector's offsets after the run (in check mode, as they would be).
  returned: always
  type: list
  elements: dict
  sample: [{"partition": {"filename": "/tmp/orders.txt"}, "offset": {"position": 0}}]
actions:
  description:
    - What was done (or, in check mode, would be done), in order; any of C(stop), C(alter_offsets),
      C(reset_offsets), C(pause), C(resume).
    - When the run fails, only the actions that reached the server, and C(changed) is true if there is
      any. A connector the module had stopped is given its state back before the task fails
      (C([stop, resume]) when Connect refused the new offsets); the message says if that was not possible.
  returned: always
  type: list
  elements: str
  sample: [stop, alter_offsets, resume]
connector_state:
  description: Connect's state of the connector before the run; null when it was not needed (O(state=query)).
  returned: always
  type: str
  sample: RUNNING
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
"""


from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import connect_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient, UnsupportedFeature
from ansible_collections.kafkaops.connect.plugins.module_utils._connector import Connector
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_plan import (
    ConnectorError,
    plan_offsets,
    planned_offsets,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import (
    KafkaopsModule,
    connection_secrets,
    fail_connect,
    http_client,
)


def argument_spec():
    return connect_argument_spec(
        name=dict(type="str", required=True),
        state=dict(type="str", default="query", choices=["query", "present", "reset"]),
        offsets=dict(
            type="list",
            elements="dict",
            options=dict(partition=dict(type="dict", required=True), offset=dict(type="dict")),
        ),
        stop_connector=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=120),
    )


def run(module, connector):
    p = module.params
    client, name = connector.client, connector.name
    result = {"changed": False, "actions": [], "connector_state": None}
    current = client.get_offsets(name)
    if current is None:
        raise ConnectorError("connector %s does not exist" % name)
    after, changes = planned_offsets(p["state"], current, p["offsets"])
    result["offsets"] = current
    if not changes:
        return result
    connector.status = client.get_status(name)
    result["connector_state"] = connector.state
    plan = plan_offsets(name, p["state"], changes, connector.state, p["stop_connector"])
    result.update(changed=True, offsets=after, actions=plan.actions)
    if module._diff:
        result["diff"] = {"before": {"offsets": current}, "after": {"offsets": after}}
    if module.check_mode:
        return result
    # Fail on an old server before the first write, not half-way through.
    for feature in plan.requires:
        client.require(feature)
    connector.apply(plan, p["wait_timeout"])
    result["offsets"] = client.get_offsets(name)
    return result


def main():
    module = KafkaopsModule(
        argument_spec=argument_spec(),
        supports_check_mode=True,
        required_if=[("state", "present", ["offsets"])],
    )
    if module.params["wait_timeout"] <= 0:
        module.fail_json(msg="wait_timeout must be a positive number of seconds")
    if module.params["offsets"] is not None and module.params["state"] != "present":
        module.fail_json(msg="offsets applies to state=present only; state=%s takes none" % module.params["state"])
    client = ConnectClient(http_client(module, "connect_url"))
    connector = Connector(client, module.params["name"], extra_secrets=connection_secrets(module))
    try:
        result = run(module, connector)
    except (ApiError, ConnectorError, UnsupportedFeature) as exc:
        fail_connect(module, exc, client, connector)
    result.update(http_requests=client.request_count, retries=client.retry_count)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
