# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Argument specs of the shared option groups.

Each function returns a *fresh* dict, so a module may extend it without touching another
module's spec. Every group here has a doc fragment of the same name in ``doc_fragments``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def http_argument_spec():
    """Authentication, TLS, timeouts and retries: shared by every REST module."""
    return dict(
        url_username=dict(type="str", aliases=["username"]),
        url_password=dict(type="str", no_log=True, aliases=["password"]),
        # raw, not dict: see _module.checked_headers for why the type is checked there.
        headers=dict(type="raw", no_log=True),
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        client_cert=dict(type="path"),
        client_key=dict(type="path", no_log=False),
        timeout=dict(type="float", default=30),
        retries=dict(type="int", default=5),
        retry_delay=dict(type="float", default=1.0),
    )


def connect_argument_spec(**extra):
    """Options of the ``connect`` action group: where Kafka Connect is and how to reach it."""
    spec = http_argument_spec()
    spec.update(connect_url=dict(type="list", elements="str", default=["http://localhost:8083"]))
    spec.update(extra)
    return spec


def connector_argument_spec(defaults=True):
    """What is wished of one connector (``kafka_connector``, and each item of ``kafka_connectors``).

    Without ``defaults`` every option is left None, so that a bulk item can take the value of
    the module option of the same name.
    """

    def option(default, **spec):
        if defaults and default is not None:
            spec["default"] = default
        return spec

    return dict(
        name=dict(type="str", required=True),
        state=option("present", type="str", choices=["present", "running", "paused", "stopped", "restarted", "absent"]),
        config=dict(type="dict"),
        config_mode=option("replace", type="str", choices=["replace", "merge"]),
        restart_failed=option(False, type="bool"),
        restart_tasks=dict(type="str", choices=["all", "failed"]),
        sensitive_keys=option([], type="list", elements="str", no_log=False),
        update_secrets=option("on_change", type="str", choices=["on_change", "always"], no_log=False),
        reset_topics=option(False, type="bool"),
    )


# What plain_items understands of a sub-option's spec; anything else leaves the check to Ansible.
_PLAIN_SPEC_KEYS = frozenset(("type", "choices", "required", "elements", "no_log"))
_PLAIN_TYPES = {"str": str, "bool": bool, "dict": dict, "list": list}


def plain_items(items, options):
    """True when every item of a ``list`` of ``dict`` option with sub-``options`` is already what
    Ansible's own validation would leave: a dict of known keys, each value None or of its type
    and among its choices, every required key given. Such items need no conversion, so checking
    each of thousands of them again (and deep-copying them) can be skipped; on anything else,
    however small, the caller lets Ansible validate them, so that its conversions and its error
    messages stay exactly Ansible's.
    """
    checks = []
    for key, spec in options.items():
        if not set(spec) <= _PLAIN_SPEC_KEYS or spec.get("no_log") or spec.get("type", "str") not in _PLAIN_TYPES:
            return False
        if spec.get("elements", "str") != "str":
            return False
        checks.append((key, _PLAIN_TYPES[spec.get("type", "str")], spec.get("choices"), spec.get("required", False)))
    known = frozenset(options)
    if not isinstance(items, list):
        return False
    for item in items:
        if not isinstance(item, dict) or not known.issuperset(item):
            return False
        for key, kind, choices, required in checks:
            value = item.get(key)
            if value is None:
                if required:
                    return False
                continue
            if not isinstance(value, kind) or (choices is not None and value not in choices):
                return False
            if kind is list and not all(isinstance(v, str) for v in value):
                return False
    return True


def complete_items(items, options):
    """``items`` with every sub-option they leave out set to None, as Ansible's validation does
    for options without a default."""
    for item in items:
        for key in options:
            item.setdefault(key, None)
    return items


def rest_proxy_argument_spec(**extra):
    """Options of the ``rest_proxy`` action group: where the REST Proxy is and which API it speaks."""
    spec = http_argument_spec()
    spec.update(
        rest_proxy_url=dict(type="list", elements="str", default=["http://localhost:8082"]),
        dialect=dict(
            type="str",
            default="auto",
            choices=["auto", "confluent_v2", "confluent_v3", "strimzi_bridge"],
        ),
        v3_base_path=dict(type="str", default="/v3"),
        cluster_id=dict(type="str"),
    )
    spec.update(extra)
    return spec


def schema_registry_argument_spec(**extra):
    """Options of the ``schema_registry`` action group: where the schema registry is."""
    spec = http_argument_spec()
    spec.update(schema_registry_url=dict(type="list", elements="str", default=["http://localhost:8081"]))
    spec.update(extra)
    return spec
