# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Authentication, TLS, time-outs and retries: shared by the connect and rest_proxy groups.
    DOCUMENTATION = r"""
options:
  url_username:
    description:
      - User name for HTTP Basic authentication.
    type: str
    aliases: [username]
  url_password:
    description:
      - Password for HTTP Basic authentication. Never shown in output or error messages.
    type: str
    aliases: [password]
  headers:
    description:
      - 'A dictionary of extra HTTP headers sent with every request, for example C({"Authorization": "Bearer ..."}).'
      - Header values are treated as secrets and never appear in output or error messages; header names do.
      - Values must be text (or numbers); anything else is refused with a message before any request.
      - Give a dictionary. The option is typed C(raw) only so that the module checks the type itself; a wrong
        value gets the message above, with every header value still masked.
    type: raw
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set to V(false) only for test servers with self-signed certificates.
      - With V(false) and an C(https://) URL the task works but warns that the traffic is not protected;
        O(ca_path) with the server's CA is the safe way to trust a private certificate.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates (or a directory prepared with C(openssl rehash)) to verify the server with,
        instead of the system's.
      - The file is checked before any request; a missing or unreadable file fails the task with its name.
    type: path
  client_cert:
    description:
      - A PEM client certificate for mutual TLS (or a PEM file holding certificate and key).
    type: path
  client_key:
    description:
      - The private key of O(client_cert), when it is in a file of its own.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response.
    type: float
    default: 30
  retries:
    description:
      - How many times a request is retried after a connection error, HTTP 409 (Connect is rebalancing)
        or an HTTP 5xx answer. Retries back off exponentially with jitter.
      - Requests that must not be repeated (producing records) are retried on connection errors only
        when nothing was sent.
    type: int
    default: 5
  retry_delay:
    description:
      - Seconds before the first retry; each further retry waits about twice as long (at most 30 seconds).
    type: float
    default: 1.0
requirements:
  - requests >= 2.25 (Python library on the host that runs the module)
"""
