#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: kafka_rest_topic_info
short_description: Read topic and partition metadata through a Kafka REST Proxy
version_added: 0.1.0
description:
  - Returns topics with their partition count, replication factor, partitions, leaders and
    replicas, and optionally their configs, in the same shape whatever API the proxy speaks
    (Confluent v2 or v3, Karapace, Strimzi Kafka Bridge).
  - "Requests: with plain topic names, v2 and the bridge answer one request per topic, without
    listing all topics; globs or no names list the topics first. v3 lists all topics in one
    request, then reads the replicas of each broker (one request per broker) and the configs
    (one request)."
author:
  - kafkaops.connect contributors (@kafkaops)
extends_documentation_fragment:
  - kafkaops.connect.http_options
  - kafkaops.connect.rest_proxy
  - kafkaops.connect.attributes
  - kafkaops.connect.attributes.INFO_MODULE
  - kafkaops.connect.attributes.ACTION_GROUP_REST_PROXY
options:
  topics:
    description:
      - Topic names or shell-style globs such as C(orders.*).
      - All topics when omitted or empty.
      - A plain name is returned when the topic exists, internal or not, and is listed in
        RV(missing) when it does not. Globs that match nothing are not reported.
    type: list
    elements: str
  include_partitions:
    description:
      - Return each topic's partitions with their leader and replicas.
    type: bool
    default: true
  include_configs:
    description:
      - Return each topic's configs as a dict of name to value.
      - With Confluent v2, Karapace and v3 these are all configs, defaults included. The Strimzi
        bridge returns the configs it reports, and omits them when there are none.
    type: bool
    default: false
  include_internal:
    description:
      - Let globs and the all-topics listing return internal topics such as C(__consumer_offsets).
      - v3 says which topics are internal; for the v2 dialects and the bridge a topic is
        internal when its name starts with C(__), as Kafka's own internal topics do.
      - The Strimzi bridge never lists internal topics, so there this option has no effect on globs
        or the all-topics listing; ask for an internal topic by its plain name instead (such as
        C(__consumer_offsets)), which works with every dialect.
    type: bool
    default: false
  fail_on_missing:
    description:
      - Fail when a plain topic name in O(topics) does not exist. The result still holds
        everything that was found.
    type: bool
    default: false
seealso:
  - module: kafkaops.connect.kafka_rest_produce
    description: Produce records through the same proxy.
  - module: kafkaops.connect.kafka_rest_consume
    description: Read records back through the same proxy.
"""

EXAMPLES = r"""
- name: All topics of a Strimzi Kafka Bridge, without partition details
  kafkaops.connect.kafka_rest_topic_info:
    rest_proxy_url: http://localhost:8080
    dialect: strimzi_bridge
    include_partitions: false
  register: bridge_topics

- name: Two topics through Confluent REST Proxy v2 (or Karapace), failing if one is absent
  kafkaops.connect.kafka_rest_topic_info:
    rest_proxy_url: http://localhost:8082
    dialect: confluent_v2
    topics: [orders, payments]
    fail_on_missing: true

- name: The configs of every orders topic through Confluent v3 (Confluent Server path)
  kafkaops.connect.kafka_rest_topic_info:
    rest_proxy_url: https://kafka.example.com:8090
    dialect: confluent_v3
    v3_base_path: /kafka/v3
    url_username: admin
    url_password: "{{ vault_rest_proxy_password }}"
    topics: ["orders.*"]
    include_configs: true
  register: orders

- name: Partitions with a replica out of sync, whatever the dialect
  ansible.builtin.debug:
    msg: "{{ item.0.name }}/{{ item.1.partition }} has replicas out of sync"
  loop: "{{ orders.topics | subelements('partitions') }}"
  when: item.1.replicas | rejectattr('in_sync') | list | length > 0
"""

RETURN = r"""
topics:
  description: The selected topics, sorted by name (globs) or in the order asked (plain names).
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: Topic name.
      type: str
      sample: orders
    partitions_count:
      description: Number of partitions.
      type: int
      sample: 3
    replication_factor:
      description: Replicas per partition (v2 and bridge count the replicas of the partitions).
      type: int
      sample: 1
    is_internal:
      description: Whether Kafka treats the topic as internal (see O(include_internal) for v2 and the bridge).
      type: bool
      sample: false
    partitions:
      description: The partitions, by number.
      returned: when O(include_partitions=true)
      type: list
      elements: dict
      contains:
        partition:
          description: Partition number.
          type: int
        leader:
          description: Broker id of the leader; null when no live replica leads (v3 offline partition).
          type: int
        replicas:
          description: The replicas, each C({broker, leader, in_sync}).
          type: list
          elements: dict
      sample:
        - partition: 0
          leader: 1
          replicas: [{broker: 1, leader: true, in_sync: true}]
    configs:
      description: Topic configs, name to value.
      returned: when O(include_configs=true)
      type: dict
      sample: {cleanup.policy: delete, retention.ms: "604800000"}
missing:
  description: Plain names from O(topics) that do not exist.
  returned: success
  type: list
  elements: str
  sample: [payments]
brokers:
  description:
    - Broker ids of the cluster. The Strimzi bridge has no brokers endpoint, so there these are the
      brokers hosting replicas of the returned topics, whatever O(include_partitions) (empty when no
      topic is returned).
  returned: success
  type: list
  elements: int
  sample: [1, 2, 3]
cluster_id:
  description: Kafka cluster id (Confluent v3 only; null with the other dialects).
  returned: success
  type: str
  sample: MkU3OEVBNTcwNTJENDM2Qk
dialect:
  description: The API the proxy was talked to in, as detected or forced.
  returned: always
  type: str
  sample: strimzi_bridge
http_requests:
  description: Number of HTTP requests made, dialect detection included.
  returned: always
  type: int
  sample: 4
requests:
  description: Same as RV(http_requests).
  returned: always
  type: int
  sample: 4
"""


from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import rest_proxy_argument_spec
from ansible_collections.kafkaops.connect.plugins.module_utils._module import KafkaopsModule
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_module import (
    PROXY_ERRORS,
    fail_request,
    proxy_fields,
    rest_proxy,
)


def main():
    module = KafkaopsModule(
        argument_spec=rest_proxy_argument_spec(
            topics=dict(type="list", elements="str"),
            include_partitions=dict(type="bool", default=True),
            include_configs=dict(type="bool", default=False),
            include_internal=dict(type="bool", default=False),
            fail_on_missing=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    p = module.params
    proxy = rest_proxy(module)
    try:
        info = proxy.topic_info(p["topics"], p["include_partitions"], p["include_configs"], p["include_internal"])
    except PROXY_ERRORS as error:
        fail_request(module, proxy, error)
    result = dict(changed=False, **info)
    result.update(proxy_fields(proxy))
    if p["fail_on_missing"] and info["missing"]:
        module.fail_json(msg="topics not found: %s" % ", ".join(info["missing"]), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
