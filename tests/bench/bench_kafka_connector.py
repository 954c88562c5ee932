# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""How many HTTP requests, and how long, the Connect modules take against the real sandbox.

Runs each module as a process of its own, the way Ansible runs it on a host, and reads the
``http_requests`` count the module reports. Prints figures; never passes or fails on a timing.

    python tests/bench/bench_kafka_connector.py [--connect-url URL] [--connectors N]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# `make link` makes .build/ansible_collections/kafkaops/connect point at this checkout.
IMPORT_ROOT = os.path.join(ROOT, ".build")


def run_module(module, args, check_mode=False):
    payload = dict(args, _ansible_check_mode=check_mode)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": payload}, handle)
    env = dict(os.environ, PYTHONPATH=IMPORT_ROOT)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "plugins", "modules", module + ".py"), handle.name],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - started
    os.unlink(handle.name)
    try:
        result = json.loads(proc.stdout)
    except ValueError:
        raise SystemExit("%s did not run: %s %s" % (module, proc.stdout[-2000:], proc.stderr[-2000:])) from None
    if result.get("failed"):
        raise SystemExit("%s failed: %s" % (module, result.get("msg")))
    return result, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_url = "http://127.0.0.1:%s" % os.environ.get("SANDBOX_CONNECT_PORT_1", "18083")
    parser.add_argument("--connect-url", default=default_url)
    parser.add_argument("--connectors", type=int, default=20, help="connectors for the info benchmark")
    opts = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="kafkaops-bench-")
    os.chmod(workdir, 0o777)

    def connector_args(name, **extra):
        args = {
            "connect_url": [opts.connect_url],
            "name": name,
            "config": {
                "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max": 1,
                "file": os.path.join(workdir, name + ".txt"),
                "topic": "bench." + name,
            },
        }
        args.update(extra)
        return args

    rows = []
    name = "bench-connector"
    try:
        for label, args in (
            ("create (validate, create, wait)", connector_args(name)),
            ("no change", connector_args(name)),
            ("no change, check mode", dict(connector_args(name), _check_mode=True)),
            ("update config", connector_args(name, config=dict(connector_args(name)["config"], **{"tasks.max": 2}))),
            ("pause", {"connect_url": [opts.connect_url], "name": name, "state": "paused"}),
            ("delete", {"connect_url": [opts.connect_url], "name": name, "state": "absent"}),
        ):
            check_mode = args.pop("_check_mode", False)
            result, elapsed = run_module("kafka_connector", args, check_mode)
            rows.append((label, result.get("http_requests"), result.get("changed"), elapsed))

        names = ["bench-info-%03d" % i for i in range(opts.connectors)]
        for each in names:
            run_module("kafka_connector", connector_args(each, wait=False, validate=False))
        for subset in (["connectors"], ["worker", "plugins", "connectors", "topics"]):
            info_args = {"connect_url": [opts.connect_url], "name": ["bench-info-*"], "gather_subset": subset}
            result, elapsed = run_module("kafka_connect_info", info_args)
            rows.append(
                (
                    "kafka_connect_info, %d connectors, %s" % (len(result["connectors"]), "+".join(subset)),
                    result.get("http_requests"),
                    result.get("changed"),
                    elapsed,
                )
            )
    finally:
        for each in [name] + ["bench-info-%03d" % i for i in range(opts.connectors)]:
            run_module("kafka_connector", {"connect_url": [opts.connect_url], "name": each, "state": "absent"})

    print("%-66s %9s %8s %9s" % ("kafka_connector run", "requests", "changed", "seconds"))
    for label, requests, changed, elapsed in rows:
        print("%-66s %9s %8s %9.2f" % (label, requests, changed, elapsed))
    print("(seconds include starting the module's Python process; requests: the module's http_requests)")


if __name__ == "__main__":
    main()
