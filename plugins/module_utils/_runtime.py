# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Glue between ``AnsibleModule`` and the HTTP client: one place that reads the shared
connection options, so no module builds a client or reports an HTTP error its own way."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.kafkaops.connect.plugins.module_utils._http import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    HttpClient,
)


def require_requests(module):
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))


def http_client(module, url_option):
    """An :class:`HttpClient` for the URL option ``url_option`` and the shared HTTP options."""
    require_requests(module)
    p = module.params
    urls = p[url_option]
    if not urls:
        module.fail_json(msg="%s must name at least one URL, e.g. http://localhost:8083" % url_option)
    for url in urls:
        if not url.startswith(("http://", "https://")):
            module.fail_json(msg="%s: %r is not an http:// or https:// URL" % (url_option, url))
    if p["client_key"] and not p["client_cert"]:
        module.fail_json(
            msg="client_key was given without client_cert; give both, or client_cert alone for a combined PEM file"
        )
    if p["timeout"] <= 0:
        module.fail_json(msg="timeout must be a positive number of seconds, got %s" % p["timeout"])
    if p["retries"] < 0 or p["retry_delay"] < 0:
        module.fail_json(msg="retries and retry_delay must not be negative")
    return HttpClient(
        urls,
        username=p["url_username"],
        password=p["url_password"],
        headers=p["headers"],
        validate_certs=p["validate_certs"],
        ca_path=p["ca_path"],
        client_cert=p["client_cert"],
        client_key=p["client_key"],
        timeout=p["timeout"],
        retries=p["retries"],
        retry_delay=p["retry_delay"],
    )


MASK = "********"


def connection_secrets(module):
    """The secrets among the shared connection options: the password and header values."""
    p = module.params
    return [v for v in [p.get("url_password")] + list((p.get("headers") or {}).values()) if isinstance(v, str) and v]


def redact(value, secrets):
    """``value`` (text, or JSON-like data) with every secret string in ``secrets`` masked.

    Servers may echo a submitted value in an error message ("Invalid value hunter2 for ..."),
    so anything that came back from a server is passed through here before it is shown.
    """
    secrets = sorted((s for s in secrets or () if isinstance(s, str) and s), key=len, reverse=True)
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, MASK)
        return value
    if isinstance(value, dict):
        return dict((k, redact(v, secrets)) for k, v in value.items())
    if isinstance(value, list):
        return [redact(v, secrets) for v in value]
    return value


def fail_api(module, error, msg=None, secrets=(), **extra):
    """Fail the task with an ApiError: the method, URL and server message, no secrets.

    ``secrets`` are values the task sent (config passwords and the like) that must not be
    shown even if the server quotes them back.
    """
    result = redact(error.to_result(), secrets)
    result.update(extra)
    text = str(error) if msg is None else "%s: %s" % (msg, error)
    module.fail_json(msg=redact(text, secrets), **result)
