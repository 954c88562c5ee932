#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Produce throughput through a Kafka REST Proxy with the code kafka_rest_produce runs.

Sends N JSON records (default 100,000) to a topic with the module's default batching
(500 records per request, one HTTP session) and prints records per second, the number of
HTTP requests (dialect detection included) and how many records were written.

    python tests/bench/bench_rest_produce.py http://localhost:8080 --topic bench --records 100000

The URL may also come from KAFKAOPS_REST_PROXY_URL. Without one the script says so and exits 0,
so that ``make bench`` passes on a sandbox without a REST Proxy. The topic must exist (or the
brokers must create topics automatically).

Not run in this repository's own environment: no REST Proxy (Strimzi Kafka Bridge, Confluent
REST Proxy or Karapace) could be installed there, so no figures have been recorded yet.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# .build/ansible_collections/kafkaops/connect links back to this checkout (see the Makefile).
sys.path.insert(0, os.path.join(ROOT, ".build"))

from ansible_collections.kafkaops.connect.plugins.module_utils._http import HttpClient
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_proxy import RestProxy
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_records import (
    check_values,
    records_from_params,
)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("KAFKAOPS_REST_PROXY_URL"))
    parser.add_argument("--topic", default="kafkaops-bench")
    parser.add_argument("--records", type=int, default=100000)
    parser.add_argument("--batch-size", type=int, default=500, help="records per request (module default: 500)")
    parser.add_argument("--dialect", default="auto", choices=["auto", "confluent_v2", "confluent_v3", "strimzi_bridge"])
    args = parser.parse_args(argv)
    if not args.url:
        print("skipped: give a REST Proxy URL (argument or KAFKAOPS_REST_PROXY_URL); none runs here")
        return 0

    records = records_from_params([{"key": "k%d" % n, "value": {"n": n, "pad": "x" * 64}} for n in range(args.records)])
    check_values(records, "json")
    proxy = RestProxy(HttpClient([args.url]), args.dialect)
    started = time.monotonic()
    report = proxy.produce(args.topic, records, "json", {}, args.batch_size)
    elapsed = time.monotonic() - started

    written = len(report.offsets)
    print("dialect:   %s" % proxy.dialect)
    print("records:   %d written of %d (batch size %d)" % (written, args.records, args.batch_size))
    print("requests:  %d" % proxy.client.request_count)
    print("seconds:   %.2f" % elapsed)
    print("records/s: %.0f" % (written / elapsed if elapsed else 0))
    if not report.complete:
        print("incomplete: %s" % report.summary())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
