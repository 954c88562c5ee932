# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Glue between ``AnsibleModule`` and :class:`RestProxy`, shared by the three REST Proxy
modules: the proxy for the task's connection options, the result keys every one of them
returns, and failing a task with a proxy error, never with a secret."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._module import connection_secrets, fail_api, http_client
from ansible_collections.kafkaops.connect.plugins.module_utils._produce_records import RecordError
from ansible_collections.kafkaops.connect.plugins.module_utils._record_encoding import EncodingError
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_proxy import DialectError, RestProxy

# What a REST Proxy operation raises for the task to fail with.
PROXY_ERRORS = (ApiError, DialectError, RecordError, EncodingError)


def rest_proxy(module):
    """A :class:`RestProxy` for the module's shared connection options."""
    p = module.params
    if not (p["v3_base_path"] or "").strip("/"):
        module.fail_json(msg="v3_base_path must name a path such as /v3 or /kafka/v3")
    return RestProxy(http_client(module, "rest_proxy_url"), p["dialect"], p["v3_base_path"], p["cluster_id"])


def proxy_fields(proxy):
    """Result keys every REST Proxy module returns, also on failure: the dialect and the
    request count (under the name the Connect modules use, and the older ``requests``)."""
    count = proxy.client.request_count
    return {"dialect": proxy.dialect, "http_requests": count, "requests": count}


def fail_request(module, proxy, error, **extra):
    """Fail the task with one of PROXY_ERRORS: what the input or the dialect cannot do, or
    the method, URL, status and server message of an HTTP error, never a secret."""
    extra = dict(proxy_fields(proxy), **extra)
    if not isinstance(error, ApiError):
        module.fail_json(msg=str(error), **extra)
    fail_api(module, error, secrets=connection_secrets(module), error_code=error.error_code, **extra)
