# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Glue between ``AnsibleModule`` and the HTTP client: one place that reads the shared
connection options, so no module builds a client or reports an HTTP error its own way."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.validation import check_type_dict

from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import complete_items, plain_items
from ansible_collections.kafkaops.connect.plugins.module_utils._http import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ApiError,
    HttpClient,
    check_tls_files,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._secrets import MASK, mask_config, redact


def _finite(value):
    """``value`` with every infinite or NaN float put back as YAML spells it (``.inf``, ``-.inf``,
    ``.nan``), nested lists and dicts included."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, dict):
        return dict((key, _finite(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


class KafkaopsModule(AnsibleModule):
    """The AnsibleModule of every module of this collection.

    Ansible's own check of an ``int`` option raises ``OverflowError`` for an infinite float
    (``retries: .inf``), which reaches the user as a traceback. As text, the same value fails
    Ansible's int and float checks with its usual message ("cannot be converted to an int"): no
    option of this collection means anything with an infinite or NaN number."""

    def _load_params(self):
        super(KafkaopsModule, self)._load_params()
        self.params = _finite(self.params)


class MaskedConfigModule(KafkaopsModule):
    """An AnsibleModule for modules with connector configs (``config``, or ``connectors[].config``):
    every result shows them with their secret values masked, failures included.

    A failed task echoes its arguments, and AnsibleModule itself fails (an unknown choice, a wrong
    type) before a module's own code could mask anything; so the masking happens here, at exit.

    A list of dicts with sub-options (``connectors``) whose items are all already plain (see
    ``_argspec.plain_items``) is set aside while AnsibleModule validates the other options, and
    put back afterwards with the left-out sub-options set to None: with thousands of items, that
    check and the deep copy that comes with it were the largest part of a no-change run's cost.
    Any item that is not plain lets Ansible validate them all, with its own conversions and errors.
    """

    _set_aside = None
    _configs_masked = False

    def __init__(self, *args, **kwargs):
        super(MaskedConfigModule, self).__init__(*args, **kwargs)
        self._put_back()

    def _load_params(self):
        super(MaskedConfigModule, self)._load_params()
        spec = getattr(self, "argument_spec", None) or {}
        self._set_aside = {}
        for name, option in spec.items():
            items = self.params.get(name)
            listed = option.get("type") == "list" and option.get("elements") == "dict" and option.get("options")
            if listed and items and plain_items(items, option["options"]):
                self._set_aside[name] = complete_items(items, option["options"])
                self.params[name] = []

    def _log_invocation(self):
        # AnsibleModule logs the arguments it was given: all of them.
        self._put_back()
        super(MaskedConfigModule, self)._log_invocation()

    def _put_back(self):
        for name, items in (self._set_aside or {}).items():
            self.params[name] = items
        self._set_aside = None

    def configs_masked(self):
        """Say that the configs in the params are masked already (the module did it as it read them)."""
        self._configs_masked = True

    def _mask_config(self):
        self._put_back()
        params = getattr(self, "params", None)
        if not isinstance(params, dict) or self._configs_masked:
            return
        defaults = _text_list(params.get("sensitive_keys"))
        _mask_entry(params, defaults)
        # kafka_connectors: one config per listed connector, each with its own sensitive_keys.
        for entry in params.get("connectors") or ():
            if isinstance(entry, dict):
                _mask_entry(entry, defaults + _text_list(entry.get("sensitive_keys")))

    def exit_json(self, **kwargs):
        self._mask_config()
        super(MaskedConfigModule, self).exit_json(**kwargs)

    def fail_json(self, msg, **kwargs):
        self._mask_config()
        super(MaskedConfigModule, self).fail_json(msg, **kwargs)


def _text_list(value):
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _mask_entry(entry, sensitive):
    config = entry.get("config")
    if isinstance(config, dict):
        entry["config"] = mask_config(dict((str(k), v) for k, v in config.items()), sensitive)


def require_requests(module):
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))


def http_client(module, url_option, pool_size=4, urls=None):
    """An :class:`HttpClient` for the URL option ``url_option`` and the shared HTTP options;
    ``pool_size`` is how many requests the caller may have in flight at once. ``urls`` (some of
    the option's URLs) gives a client for just those: one per worker, for per-worker calls."""
    require_requests(module)
    p = module.params
    headers = checked_headers(module)
    urls = p[url_option] if urls is None else urls
    if not urls:
        module.fail_json(msg="%s must name at least one URL, e.g. http://localhost:8083" % url_option)
    for url in urls:
        problem = url_problem(url)
        if problem:
            module.fail_json(msg="%s: %s" % (url_option, problem))
    if p["client_key"] and not p["client_cert"]:
        module.fail_json(
            msg="client_key was given without client_cert; give both, or client_cert alone for a combined PEM file"
        )
    if p["timeout"] <= 0:
        module.fail_json(msg="timeout must be a positive number of seconds, got %s" % p["timeout"])
    if p["retries"] < 0 or p["retry_delay"] < 0:
        module.fail_json(msg="retries and retry_delay must not be negative")
    problem = check_tls_files(p["ca_path"], p["client_cert"], p["client_key"])
    if problem:
        module.fail_json(msg=problem)
    if not p["validate_certs"] and any(url.startswith("https://") for url in urls):
        module.warn(
            "validate_certs=false: the TLS certificate of %s is not checked, so anyone on the network path"
            " could read or change this traffic, credentials included; prefer ca_path with the server's CA"
            % ", ".join(url for url in urls if url.startswith("https://"))
        )
    return HttpClient(
        urls,
        username=p["url_username"],
        password=p["url_password"],
        headers=headers,
        validate_certs=p["validate_certs"],
        ca_path=p["ca_path"],
        client_cert=p["client_cert"],
        client_key=p["client_key"],
        timeout=p["timeout"],
        retries=p["retries"],
        retry_delay=p["retry_delay"],
        pool_size=pool_size,
    )


def url_problem(url):
    """Why ``url`` cannot be a base URL, or None: checked here so that a typo gives one clear
    message instead of an exception from deep inside requests."""
    text = "%r" % url
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return "%s is not an http:// or https:// URL" % text
    if any(c.isspace() or ord(c) < 32 for c in url):
        return "%s contains spaces or control characters" % text
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "%s has a port that is not a number from 1 to 65535" % text
    if parts.username is not None or parts.password is not None:
        # A password in the URL would be shown in every message that names the URL.
        return "a URL must not carry credentials; give them as url_username and url_password"
    if not parts.hostname:
        return "%s names no host, expected e.g. http://localhost:8083" % text
    if port == 0:
        return "%s has a port that is not a number from 1 to 65535" % text
    if parts.query or parts.fragment:
        return "%s must not have a query (?...) or a fragment (#...); give the base URL only" % text
    return None


def checked_headers(module):
    """``headers`` as a dict of strings, failing clearly on anything else.

    The option is declared ``raw`` and ``no_log``: a ``dict`` type check would fail inside
    AnsibleModule with every element of a wrong value (``[a, b]``) registered as a secret,
    which masks each ``a`` in the error message itself. Only real header values stay masked.
    """
    headers = module.params.get("headers")
    if headers is None:
        return None
    if isinstance(headers, str):
        try:
            headers = check_type_dict(headers)
        except TypeError:
            headers = None
    if not isinstance(headers, dict) or not all(_scalar(v) for v in headers.values()):
        wrong = module.params["headers"]
        # Keep text values of a dict masked (they look like header values); forget the rest.
        module.no_log_values.difference_update(
            _strings(wrong if not isinstance(wrong, dict) else [v for v in wrong.values() if not _scalar(v)])
        )
        module.params["headers"] = MASK
        module.fail_json(
            msg="headers must be a dictionary of header names to text values, e.g. {X-Api-Token: ...};"
            " got %s" % _describe_type(wrong)
        )
    headers = dict((str(k), "" if v is None else str(v)) for k, v in headers.items())
    # Every value of a dict given as key=value text must be masked too, not only the whole text.
    module.no_log_values.update(v for v in headers.values() if v)
    module.params["headers"] = headers
    return headers


def _scalar(value):
    return value is None or isinstance(value, (str, int, float, bool))


def _strings(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set(s for v in value for s in _strings(v))
    return set([str(value)]) if value not in (None, "") else set()


def _describe_type(value):
    if isinstance(value, dict):
        return "a dictionary with a list or dictionary as a value"
    kinds = {list: "a list", str: "text that is not key=value pairs"}
    return kinds.get(type(value), "a value of type %s" % type(value).__name__)


def connection_secrets(module):
    """The secrets among the shared connection options: the password and header values."""
    p = module.params
    headers = p.get("headers")
    values = list(headers.values()) if isinstance(headers, dict) else []
    return [v for v in [p.get("url_password")] + values if isinstance(v, str) and v]


def fail_connect(module, error, client, connector=None, secrets=(), show_connector=False, **extra):
    """Fail a Kafka Connect task with ``error``; every Connect module fails through here.

    So every failed task reports the same keys: ``changed`` and ``actions`` (the writes that reached
    the server, in order: a failure half-way is still a change), ``http_requests`` and ``retries``;
    for an HTTP failure also ``status``, ``url``, ``method`` and ``body``; what the error carries
    (``validation``, ``installed_classes``); and, for one ``connector``, ``config_on_server`` after a
    lost answer, with ``show_connector`` the connector as read (``connector``), and, in the message,
    whether its run state was given back. ``extra`` adds to these
    or overrides them (the bulk module's own ``actions``). Secrets are masked everywhere.
    """
    done = list(connector.done) if connector is not None else []
    result = {"changed": bool(done), "actions": done}
    result.update(http_requests=client.request_count, retries=client.retry_count)
    text = str(error)
    if connector is not None:
        secrets = list(secrets) + connector.secrets()
        if connector.config_on_server:
            result["config_on_server"] = connector.config_on_server
        if connector.restore_note:
            text = "%s; %s" % (text, connector.restore_note)
        if show_connector:
            result["connector"] = connector.view()
    if isinstance(error, ApiError):
        result.update(error.to_result())
    result.update(getattr(error, "details", {}))
    result.update(extra)
    module.fail_json(msg=redact(text, secrets), **redact(result, secrets))


def fail_api(module, error, msg=None, secrets=(), **extra):
    """Fail the task with an ApiError: the method, URL and server message, no secrets.

    ``secrets`` are values the task sent (config passwords and the like) that must not be
    shown even if the server quotes them back.
    """
    result = redact(error.to_result(), secrets)
    result.update(extra)
    text = str(error) if msg is None else "%s: %s" % (msg, error)
    module.fail_json(msg=redact(text, secrets), **result)
