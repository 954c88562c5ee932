# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The filters jdbc_pipeline_connectors, jdbc_pipeline_problems and jdbc_pipeline_value_schema (docs in the .yml
files beside this one).

The work is done in plugin_utils/_jdbc_pipeline.py and _debezium_avro.py; here their errors become Ansible's filter
errors.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

from ansible.errors import AnsibleFilterError

from ansible_collections.kafkaops.connect.plugins.plugin_utils import _debezium_avro, _jdbc_pipeline


def _as_filter(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except _jdbc_pipeline.PipelineError as exc:
            raise AnsibleFilterError(str(exc)) from None

    return wrapper


class FilterModule:
    def filters(self):
        return {
            "jdbc_pipeline_connectors": _as_filter(_jdbc_pipeline.jdbc_pipeline_connectors),
            "jdbc_pipeline_problems": _as_filter(_jdbc_pipeline.jdbc_pipeline_problems),
            "jdbc_pipeline_value_schema": _as_filter(_debezium_avro.debezium_value_schema),
        }
