# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Secrets, in one place: which config keys hold them, how a value is masked, and how secrets a
server quotes back are taken out of what it said. Pure: no HTTP, no Ansible.

Every result, message, diff and warning of the collection shows secrets through here, so a
masked value looks alike wherever it is shown (``MASK``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch
import functools
import re

MASK = "********"

_SECRET_WORDS = ("password", "secret", "token", "credentials")

# Managed services answer GET config with these instead of the stored secret.
_SERVER_MASKS = ("[hidden]", "<hidden>", "[redacted]", "<redacted>")
_ASTERISKS = re.compile(r"^\*{3,}$")
_PLACEHOLDER = re.compile(r"^\$\{[^}]+\}$")


def is_secret_key(key, sensitive_keys=()):
    """True for keys whose values must never be shown: password, secret, token, credentials,
    ``*.key``, and the user's ``sensitive_keys`` (exact names or shell-style patterns)."""
    return _is_secret_key(key, tuple(sensitive_keys or ()))


# A task with thousands of connectors shares a few dozen distinct keys: decide each key once.
@functools.lru_cache(maxsize=8192)
def _is_secret_key(key, sensitive_keys):
    lowered = key.lower()
    if any(word in lowered for word in _SECRET_WORDS) or lowered.endswith(".key"):
        return True
    return any(fnmatch.fnmatchcase(key, pattern) for pattern in sensitive_keys)


def is_server_masked(value):
    """True for a value the server replaced by a mask instead of the stored secret."""
    return isinstance(value, str) and (value.lower() in _SERVER_MASKS or bool(_ASTERISKS.match(value)))


def is_placeholder(value):
    """``${provider:path:key}`` names a secret without being one, so it may be shown."""
    return isinstance(value, str) and bool(_PLACEHOLDER.match(value))


def mask_config(config, sensitive_keys=()):
    """A copy of ``config`` that is safe to show."""
    if config is None:
        return None
    sensitive_keys = tuple(sensitive_keys or ())
    return dict(
        (k, MASK if v is not None and _is_secret_key(k, sensitive_keys) and not is_placeholder(v) else v)
        for k, v in config.items()
    )


def secret_values(config, sensitive_keys=()):
    """The secret strings in ``config``: what must be redacted from anything a server says."""
    sensitive_keys = tuple(sensitive_keys or ())
    return sorted(
        set(
            v
            for k, v in (config or {}).items()
            if isinstance(v, str) and v and _is_secret_key(k, sensitive_keys) and not is_placeholder(v)
        )
    )


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
