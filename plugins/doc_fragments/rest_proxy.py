# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Where the REST Proxy is and which API it speaks: the rest_proxy action group.
    DOCUMENTATION = r"""
options:
  rest_proxy_url:
    description:
      - Base URL of the REST Proxy, or a list of URLs of equivalent proxies tried in order.
      - Set it once for all modules of the group with C(module_defaults) and
        C(group/kafkaops.connect.rest_proxy).
    type: list
    elements: str
    default: [http://localhost:8082]
  dialect:
    description:
      - Which REST API the proxy speaks.
      - V(auto) detects it once per task, see the notes.
      - V(confluent_v2) is Confluent REST Proxy API v2, also spoken by Karapace.
      - V(confluent_v3) is Confluent REST Proxy API v3 (no consumer API).
      - V(strimzi_bridge) is the Strimzi Kafka Bridge (v2-style paths, no schema formats).
    type: str
    default: auto
    choices: [auto, confluent_v2, confluent_v3, strimzi_bridge]
  v3_base_path:
    description:
      - Path of the Confluent v3 API under O(rest_proxy_url); some deployments serve it under C(/kafka/v3).
    type: str
    default: /v3
  cluster_id:
    description:
      - Kafka cluster id for the Confluent v3 API. Discovered with one request when omitted.
    type: str
notes:
  - All REST Proxy modules belong to the action group C(kafkaops.connect.rest_proxy).
  - "With O(dialect=auto): C(GET <v3_base_path>/clusters) answering 200 means Confluent v3 (not asked by
    kafka_rest_consume); else C(GET /) answering with bridge information means the Strimzi Kafka Bridge, and
    any other JSON object (Confluent REST Proxy and Karapace answer C({})) means Confluent v2."
  - "A forced O(dialect) is confirmed with the same request (one request per task), so that a mismatch fails
    before anything is sent or consumed."
  - "An answer no REST Proxy gives (an HTML page, the worker information of Kafka Connect, a 404 that is not
    the proxy's own topic error) fails the task with an error that says what was expected."
"""
