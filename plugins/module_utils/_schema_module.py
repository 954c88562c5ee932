# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Glue between ``AnsibleModule`` and :class:`SchemaRegistry`, shared by the schema modules:
the registry for the task's connection options, and failing a task with a registry error,
never with a secret."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import connection_secrets, fail_api, http_client
from ansible_collections.kafkaops.connect.plugins.module_utils._schema_registry import SchemaError, SchemaRegistry

# What a registry operation raises for the task to fail with.
REGISTRY_ERRORS = (ApiError, SchemaError)


def schema_registry(module):
    """A :class:`SchemaRegistry` for the module's shared connection options."""
    return SchemaRegistry(http_client(module, "schema_registry_url"))


def fail_registry(module, registry, error, msg=None, **extra):
    """Fail the task with one of REGISTRY_ERRORS: what was wrong with the input, or the method,
    URL, status, registry message and error code of an HTTP error; never a secret."""
    extra["http_requests"] = registry.http.request_count
    if not isinstance(error, ApiError):
        module.fail_json(msg=str(error) if msg is None else "%s: %s" % (msg, error), **extra)
    fail_api(module, error, msg=msg, secrets=connection_secrets(module), error_code=error.error_code, **extra)
