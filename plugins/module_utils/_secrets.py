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

# Credentials carried inside a value that is not a secret as a whole: the password of a URL's
# userinfo (scheme://user:PASSWORD@host) and a password-like parameter of a URL or connection
# string (?user=app&password=PASSWORD, ;pwd=PASSWORD, password="PASSWORD" in JAAS text). Group
# ``secret`` is the part that is masked; the rest of the value stays readable.
_EMBEDDED = (
    re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\s:]*:(?P<secret>[^/?#@\s]+)@"),
    re.compile(
        r"(?i)(?<![A-Za-z0-9_])[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token)\s*=\s*"
        r"(?:\"(?P<quoted>[^\"]+)\"|(?P<secret>[^\"&;,\s]+))"
    ),
)


def is_secret_key(key, sensitive_keys=()):
    """True for keys whose values must never be shown: password, secret, token, credentials,
    ``*.key``, ``*jaas.config``, and the user's ``sensitive_keys`` (exact names or shell-style patterns)."""
    return _is_secret_key(key, tuple(sensitive_keys or ()))


# A task with thousands of connectors shares a few dozen distinct keys: decide each key once.
@functools.lru_cache(maxsize=8192)
def _is_secret_key(key, sensitive_keys):
    lowered = key.lower()
    # A JAAS config holds the login module's password among its options.
    if any(word in lowered for word in _SECRET_WORDS) or lowered.endswith((".key", "jaas.config")):
        return True
    return any(fnmatch.fnmatchcase(key, pattern) for pattern in sensitive_keys)


def is_server_masked(value):
    """True for a value the server replaced by a mask instead of the stored secret."""
    return isinstance(value, str) and (value.lower() in _SERVER_MASKS or bool(_ASTERISKS.match(value)))


def is_placeholder(value):
    """``${provider:path:key}`` names a secret without being one, so it may be shown."""
    return isinstance(value, str) and bool(_PLACEHOLDER.match(value))


def embedded_secrets(value):
    """The credentials inside ``value`` (URL userinfo password, ``password=``-style parameters),
    config-provider references left out."""
    if not isinstance(value, str) or ("=" not in value and "@" not in value):
        return []
    found = []
    for pattern in _EMBEDDED:
        for match in pattern.finditer(value):
            part = match.groupdict().get("quoted") or match.group("secret")
            if part and not is_placeholder(part):
                found.append(part)
    return found


def has_embedded_secret(value):
    return bool(embedded_secrets(value))


def mask_value(key, value, sensitive_keys=()):
    """``value`` of config ``key`` as it may be shown: all of it masked for a secret key, only
    the embedded credentials masked otherwise."""
    sensitive_keys = tuple(sensitive_keys or ())
    if value is None or is_placeholder(value):
        return value
    if _is_secret_key(key, sensitive_keys):
        return MASK
    return redact(value, embedded_secrets(value))


def mask_config(config, sensitive_keys=()):
    """A copy of ``config`` that is safe to show."""
    if config is None:
        return None
    sensitive_keys = tuple(sensitive_keys or ())
    return dict((k, mask_value(k, v, sensitive_keys)) for k, v in config.items())


def secret_values(config, sensitive_keys=()):
    """The secret strings in ``config``: what must be redacted from anything a server says. For a
    value that only embeds a credential, that credential (a server may quote it alone)."""
    sensitive_keys = tuple(sensitive_keys or ())
    found = set()
    for k, v in (config or {}).items():
        if not isinstance(v, str) or not v or is_placeholder(v):
            continue
        if _is_secret_key(k, sensitive_keys):
            found.add(v)
        else:
            found.update(embedded_secrets(v))
    return sorted(found)


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
