# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Where Kafka Connect is: the options of the connect action group (with kafkaops.connect.http_options).
    DOCUMENTATION = r"""
options:
  connect_url:
    description:
      - Base URL of the Kafka Connect REST API, or a list of worker URLs of one Connect cluster.
      - URLs are tried in order; when a worker refuses the connection the next one is used.
        Any worker of a distributed cluster accepts every request (it forwards writes to the leader).
      - Set it once for all modules of the group with C(module_defaults) and
        C(group/kafkaops.connect.connect).
    type: list
    elements: str
    default: [http://localhost:8083]
notes:
  - All Kafka Connect modules belong to the action group C(kafkaops.connect.connect).
"""
