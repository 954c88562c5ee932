# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""One Connect client per worker URL, for the calls whose answer is the worker's own (log levels,
health) rather than the group's: the usual client moves on to the next URL when one fails, these
stay on theirs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.kafkaops.connect.plugins.module_utils._connect import ConnectClient
from ansible_collections.kafkaops.connect.plugins.module_utils._module import http_client


class Counted:
    """Request counters summed over several clients (anything with ``request_count`` and ``retry_count``),
    for the ``http_requests`` and ``retries`` of a task that uses more than one."""

    def __init__(self, *clients):
        self._clients = [c for c in clients if c is not None]

    def _all(self):
        return self._clients

    @property
    def request_count(self):
        return sum(client.request_count for client in self._all())

    @property
    def retry_count(self):
        return sum(client.retry_count for client in self._all())


class Workers(Counted):
    """``clients``: ``(url, ConnectClient)`` for each distinct URL of ``connect_url``, in order.

    ``retries`` overrides the task's retries (a health check asks once: no answer is the answer).
    """

    def __init__(self, module, retries=None):
        urls = []
        for url in module.params["connect_url"] or ():
            if url not in urls:
                urls.append(url)
        http_client(module, "connect_url")  # checks the URLs and options once, with the usual messages
        self.clients = []
        for url in urls:
            http = http_client(module, "connect_url", urls=[url])
            if retries is not None:
                http.retries = retries
            self.clients.append((url, ConnectClient(http)))

    def _all(self):
        return [client for url, client in self.clients]
