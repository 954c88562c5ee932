# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target.
  diff_mode:
    description:
      Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode.
"""

    ACTION_GROUP_CONNECT = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/kafkaops.connect.connect) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - kafkaops.connect.connect
"""

    ACTION_GROUP_REST_PROXY = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/kafkaops.connect.rest_proxy) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - kafkaops.connect.rest_proxy
"""

    ACTION_GROUP_SCHEMA_REGISTRY = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/kafkaops.connect.schema_registry) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - kafkaops.connect.schema_registry
"""

    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    support: full
    details: This module only reads, so it runs the same in check mode.
  diff_mode:
    support: N/A
    details: This module only reads and changes nothing.
"""
