# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The probe a forced dialect is confirmed with, answered as the real servers answer it
(GET / from the Karapace 5.0.3 and Strimzi bridge 1.1.0 recordings), for module tests whose
subject is something else. A test that fails before any request leaves the probe unused,
which is allowed; a test about the probe itself registers its own answers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture

ROOTS = {"confluent_v2": ("karapace", "root.json"), "strimzi_bridge": ("strimzi_bridge", "root.json")}


class Probes:
    mock = None
    registered = []


def forced_dialect_probes(http):
    """The body of each REST module test file's autouse fixture: the probes it registers may go unused."""
    Probes.mock, Probes.registered = http, []
    yield
    for response in Probes.registered:
        if not response.call_count:
            http.remove(response)


def answer_probe(url, args):
    """Register the answer to the confirmation probe the task ``args`` will send, if any."""
    dialect = args.get("dialect", "auto")
    if dialect in ROOTS:
        Probes.registered.append(Probes.mock.get(url + "/", json=load_fixture("rest_proxy", *ROOTS[dialect])))
    elif dialect == "confluent_v3" and args.get("cluster_id"):
        clusters = load_fixture("rest_proxy", "confluent_v3", "clusters.json")
        base = "/" + args.get("v3_base_path", "/v3").strip("/")
        Probes.registered.append(Probes.mock.get(url + base + "/clusters", json=clusters))
