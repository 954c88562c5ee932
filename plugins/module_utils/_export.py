# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""A running cluster's connectors as code: pure functions, no HTTP, no Ansible.

The input is the answer of ``GET /connectors?expand=status&expand=info`` (Kafka Connect REST API,
"Connectors"; shape in tests/unit/plugins/fixtures/connect/connectors_expanded_export.json, recorded
from Connect 4.3.1). The output is the ``connectors`` list that ``kafka_connectors`` takes, and a
YAML vars file holding it. No secret value is ever part of the output: a value of a secret key
becomes a variable to define in a vault, a config-provider reference (``${file:...}``) is kept as
the reference it is.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch
import json
import re

from ansible_collections.kafkaops.connect.plugins.module_utils import _secrets
from ansible_collections.kafkaops.connect.plugins.module_utils._connector_config import strip_server_keys

# Connect's connector state → the ``state`` of kafka_connectors that keeps it. A FAILED or
# UNASSIGNED connector is meant to run; ``running`` does not restart it (restart_failed is off).
_STATES = {"RUNNING": "running", "PAUSED": "paused", "STOPPED": "stopped"}

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
# Text Ansible would template when the vars file is read: such a value is written ``!unsafe``.
JINJA_MARKERS = ("{{", "{%", "{#")
# Scalars that YAML reads back as the same string when written without quotes.
_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./-]*$")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "true", "false", "on", "off", "null"])
# Characters json.dumps leaves as they are but YAML reads as line breaks or refuses.
_YAML_UNSAFE_CHARS = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")

HEADER = """\
# Kafka Connect connectors as code, written by kafkaops.connect.kafka_connect_export.
# Apply it with kafkaops.connect.kafka_connectors after include_vars:
#   kafkaops.connect.kafka_connectors: {connectors: "{{ connectors }}"}
# Secret values are not in this file: define every variable of secret_placeholders (in a vault)
# before applying it. Config-provider references (${provider:path:key}) are kept as they are.
"""


class ExportError(ValueError):
    """The server's answer cannot be exported."""


def placeholder_name(connector, key):
    """The variable that stands for the secret ``key`` of ``connector``: ``vault_`` + connector
    + ``_`` + key, each run of characters other than ASCII letters and digits turned into one
    ``_``, lower-cased (``orders-db``, ``connection.password`` → ``vault_orders_db_connection_password``)."""
    return _NOT_ALNUM.sub("_", "vault_%s_%s" % (connector, key)).lower()


def connector_state(status):
    """The kafka_connectors ``state`` for a connector status (``{connector: {state}}``)."""
    return _STATES.get(((status or {}).get("connector") or {}).get("state"), "running")


def selected(name, patterns):
    return not patterns or any(fnmatch.fnmatchcase(name, p) for p in patterns)


def export_connectors(expanded, patterns=(), sensitive_keys=()):
    """``(items, placeholders)`` for the connectors of ``expanded`` whose names match ``patterns``.

    ``expanded`` maps each name to ``{info: {config}, status: {connector: {state}}}``. Items are
    ``{name, config, state}`` sorted by name, configs without server-added keys and sorted by key.
    A secret value (``_secrets.is_secret_key`` with ``sensitive_keys``, or a value the server masked)
    becomes ``"{{ <variable> }}"``; ``placeholders`` maps each variable to ``(connector, key)``.
    Two secrets whose variables would be spelled alike get ``_2``, ``_3``... in name order.
    """
    if not isinstance(expanded, dict):
        raise ExportError("expected the connectors with their info and status, got %s" % type(expanded).__name__)
    items = []
    placeholders = {}
    for name in sorted(expanded):
        if not selected(name, patterns):
            continue
        entry = expanded[name] or {}
        config = strip_server_keys((entry.get("info") or {}).get("config"))
        written = {}
        for key in sorted(config):
            value = config[key]
            if is_secret(key, value, sensitive_keys):
                variable = _free_name(placeholder_name(name, key), placeholders)
                placeholders[variable] = (name, key)
                value = "{{ %s }}" % variable
            written[key] = value
        items.append({"name": name, "config": written, "state": connector_state(entry.get("status"))})
    return items, placeholders


def is_secret(key, value, sensitive_keys=()):
    """True when ``value`` must not be written: a secret key's value that is not a reference, a
    value with a credential inside it (a URL's password: the whole value goes to the vault, as
    the credential cannot be a variable of its own without rewriting the value), or a server's
    mask (which would overwrite the stored secret if applied)."""
    if _secrets.is_placeholder(value):
        return False
    return (
        _secrets.is_secret_key(key, sensitive_keys)
        or _secrets.is_server_masked(value)
        or _secrets.has_embedded_secret(value)
    )


def _free_name(variable, taken):
    name, number = variable, 1
    while name in taken:
        number += 1
        name = "%s_%d" % (variable, number)
    return name


def to_yaml(items, placeholders):
    """The vars file: a header, ``secret_placeholders`` (sorted) and ``connectors``.

    Written by hand rather than with a YAML library so the module needs nothing beyond Python:
    every scalar is a string, plain where YAML reads it back unchanged, JSON-quoted otherwise
    (a JSON string is a valid YAML double-quoted scalar). Values Ansible would template are
    tagged ``!unsafe``; the placeholders are the only templates in the file.
    """
    lines = ["---", HEADER.rstrip("\n")]
    if placeholders:
        lines.append("secret_placeholders:")
        lines.extend("  - %s" % _scalar(v) for v in sorted(placeholders))
    else:
        lines.append("secret_placeholders: []")
    if not items:
        lines.append("connectors: []")
    else:
        lines.append("connectors:")
    for item in items:
        lines.append("  - name: %s" % _value(item["name"]))
        lines.append("    state: %s" % item["state"])
        if not item["config"]:
            lines.append("    config: {}")
            continue
        lines.append("    config:")
        for key in sorted(item["config"]):
            value = item["config"][key]
            placeholder = _is_own_placeholder(value, placeholders)
            lines.append("      %s: %s" % (_scalar(key), _scalar(value) if placeholder else _value(value)))
    return "\n".join(lines) + "\n"


def _is_own_placeholder(value, placeholders):
    return value.startswith("{{ ") and value.endswith(" }}") and value[3:-3] in placeholders


def _value(text):
    """A config value or name: ``!unsafe`` when Ansible would otherwise template it."""
    scalar = _scalar(text)
    return "!unsafe " + scalar if any(marker in text for marker in JINJA_MARKERS) else scalar


def _scalar(text):
    text = str(text)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE_CHARS.sub(lambda m: "\\u%04x" % ord(m.group(0)), quoted)
