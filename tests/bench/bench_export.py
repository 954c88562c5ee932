# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exporting a running cluster as code against the real sandbox: kafka_connect_export side by side with the
plain way (list the connectors, then read each one's config and status), and the check-mode apply of the export.

Creates N connectors (one with a password, one with a ${file:} reference), measures, deletes them. Prints
requests and wall times (median of the runs); never passes or fails on a timing.

    python tests/bench/bench_export.py [--connect-url URL] [--connectors N] [--runs R]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_kafka_connector import run_module  # a sibling script, not a package


def plain_export(url, prefix):
    """What a script without the module does: one list, then config and status per connector."""
    session = requests.Session()
    count = 1
    names = [n for n in session.get(url + "/connectors").json() if n.startswith(prefix)]
    for name in names:
        session.get("%s/connectors/%s/config" % (url, name)).raise_for_status()
        session.get("%s/connectors/%s/status" % (url, name)).raise_for_status()
        count += 2
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--connect-url", default="http://127.0.0.1:%s" % os.environ.get("SANDBOX_CONNECT_PORT_1", "18083")
    )
    parser.add_argument("--connectors", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    url = opts.connect_url
    prefix = "bench-export-%d-" % int(time.time())
    workdir = tempfile.mkdtemp(prefix="kafkaops-bench-")
    secrets_file = os.path.join(workdir, "secrets.properties")
    with open(secrets_file, "w") as handle:
        handle.write("token=bench-file-secret\n")
    os.chmod(workdir, 0o755)
    items = [
        {
            "name": "%s%02d" % (prefix, n),
            "config": {
                "connector.class": "FileStreamSink",
                "tasks.max": 1,
                "topics": prefix + "topic",
                "file": os.path.join(workdir, "%02d.txt" % n),
            },
        }
        for n in range(opts.connectors)
    ]
    items[0]["config"]["db.password"] = "bench-password"
    items[1]["config"]["api.token"] = "${file:%s:token}" % secrets_file
    base = {"connect_url": [url]}
    run_module("kafka_connectors", dict(base, connectors=items))
    try:
        module_times, plain_times = [], []
        for _round in range(opts.runs):
            result, elapsed = run_module("kafka_connect_export", dict(base, name=[prefix + "*"]))
            module_times.append(elapsed)
            started = time.monotonic()
            plain_requests = plain_export(url, prefix)
            plain_times.append(time.monotonic() - started)
        exported = result["connectors"]
        for item in exported:
            for key, value in item["config"].items():
                if value.startswith("{{ "):
                    item["config"][key] = "bench-password"
        applied, apply_time = run_module("kafka_connectors", dict(base, connectors=exported), check_mode=True)
        print("export of %d connectors (median of %d runs)" % (opts.connectors, opts.runs))
        print(
            "  kafka_connect_export: %d request(s), %.2f s (a whole module process)"
            % (result["http_requests"], statistics.median(module_times))
        )
        print(
            "  plain list + config + status: %d requests, %.3f s (HTTP only)"
            % (plain_requests, statistics.median(plain_times))
        )
        print("  secret placeholders: %s" % ", ".join(result["secret_placeholders"]))
        print(
            "check-mode apply of the export with kafka_connectors: changed=%s, %d request(s), %.2f s"
            % (applied["changed"], applied["http_requests"], apply_time)
        )
    finally:
        run_module("kafka_connectors", dict(base, prune=True, prune_include=[prefix + "*"], prune_max=-1, wait=False))


if __name__ == "__main__":
    main()
