# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Connector configs compared as Connect stores them: no HTTP, no Ansible.

Kafka Connect stores a connector config as ``Map<String, String>``, so every comparison is
made on the string form Connect keeps. Secret values are masked before anything is shown,
and values a server masked by itself are never compared.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.kafkaops.connect.plugins.module_utils._secrets import is_server_masked

# Keys Connect (or a distribution) adds by itself: never a difference, never removed.
_SERVER_KEYS = ("name",)
_SERVER_KEY_PREFIXES = ("__internal.",)


class ConfigError(ValueError):
    """The desired config cannot be expressed as a Connect config."""


def to_connect_string(value):
    """``value`` as the string Connect would store for it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        # Connect's LIST type is comma-separated text.
        return ",".join(to_connect_string(v) for v in value)
    raise ConfigError("a %s is not a valid config value" % type(value).__name__)


def normalise_config(config, keep_none=False):
    """``config`` with every value in Connect's string form.

    ``None`` values mean "remove this key" (for a merge) and are kept as ``None`` only when
    ``keep_none`` is true; otherwise the key is left out.
    """
    result = {}
    for key, value in (config or {}).items():
        key = str(key)
        if value is None:
            if keep_none:
                result[key] = None
            continue
        try:
            result[key] = to_connect_string(value)
        except ConfigError as exc:
            raise ConfigError("config key %s: %s" % (key, exc)) from None
    return result


def is_server_key(key):
    return key in _SERVER_KEYS or key.startswith(_SERVER_KEY_PREFIXES)


def strip_server_keys(config):
    return dict((k, v) for k, v in (config or {}).items() if not is_server_key(k))


def _same(key, desired, current, sensitive_keys, update_secrets):
    if desired == current:
        return True
    if is_server_masked(current):
        # The server will not tell us the stored secret: only ``always`` rewrites it.
        return update_secrets != "always"
    return False


def diff_config(desired, current, mode="replace", sensitive_keys=(), update_secrets="on_change"):
    """Compare a normalised desired config with the server's config.

    Returns ``(target, changes)``: ``target`` is the whole config the connector should have,
    ``changes`` maps each changed key to its new value (``None`` for a removed key). With
    ``mode="merge"`` only the keys in ``desired`` count; a ``None`` value removes a key.
    With ``update_secrets="always"``, a secret the server masks counts as changed.
    """
    current = strip_server_keys(current)
    desired = strip_server_keys(desired)
    if mode == "merge":
        target = dict(current)
        for key, value in desired.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
    else:
        target = dict((k, v) for k, v in desired.items() if v is not None)
        if target == current:
            # The usual case of a no-change run, decided without looking at each key.
            return target, {}

    changes = {}
    for key in sorted(set(target) | set(current)):
        if key not in target:
            changes[key] = None
        elif key not in current or (
            key in desired and not _same(key, target[key], current[key], sensitive_keys, update_secrets)
        ):
            changes[key] = target[key]
    return target, changes


def masked_keys_kept(target, changes):
    """Keys of ``target`` that would be sent back with a server mask as their value."""
    return sorted(k for k, v in target.items() if k not in changes and is_server_masked(v))
