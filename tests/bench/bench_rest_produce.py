#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Produce throughput of kafka_rest_produce as a real ansible-playbook task, next to a floor.

Writes N JSON records (default 100,000) to an NDJSON file, then sends them to the same REST
Proxy URL twice: with a plain-Python floor (one requests session, batches of 500, nothing
else) and with a playbook whose one task is kafka_rest_produce with ``src`` (the whole
ansible-playbook run is timed, start-up included). Prints records per second and the ratio.

    python tests/bench/bench_rest_produce.py http://localhost:8080 --topic bench

The URL may also come from KAFKAOPS_REST_PROXY_URL; the topic must exist. Without a URL the
same comparison runs against a loopback stub (tests/bench/rest_stub.py) that answers in the
recorded Karapace and Strimzi bridge shapes: those figures are labelled STUB and measure the
client side only (building, sending and reading requests), not a proxy.
``--records-option`` also times the task with the records passed as module arguments.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rest_stub import StubProxy  # next to this script


def collections_root():
    """A folder where ansible_collections/kafkaops/connect is this checkout, made here so that
    the benchmark needs no `make link` first."""
    folder = tempfile.mkdtemp(prefix="kafkaops-bench-collections-")
    namespace = os.path.join(folder, "ansible_collections", "kafkaops")
    os.makedirs(namespace)
    os.symlink(ROOT, os.path.join(namespace, "connect"))
    return folder


def write_records(path, count):
    with open(path, "w") as handle:
        for n in range(count):
            handle.write(json.dumps({"key": "k%d" % n, "value": {"n": n, "pad": "x" * 64}}) + "\n")


def floor(url, topic, path, batch_size):
    """The least any Python client does: read the lines, post them in batches, check the offsets."""
    import requests

    session = requests.Session()
    session.trust_env = False
    headers = {"Content-Type": "application/vnd.kafka.json.v2+json", "Accept": "application/vnd.kafka.v2+json"}
    written = 0
    started = time.monotonic()

    def send(batch):
        answer = session.post("%s/topics/%s" % (url, topic), data=json.dumps({"records": batch}), headers=headers)
        answer.raise_for_status()
        offsets = answer.json()["offsets"]
        if len(offsets) != len(batch) or any(o.get("error_code") for o in offsets):
            raise SystemExit("floor: the proxy did not write every record: %s" % answer.text[:300])
        return len(offsets)

    with open(path) as handle:
        batch = []
        for line in handle:
            batch.append(json.loads(line))
            if len(batch) == batch_size:
                written += send(batch)
                batch = []
        if batch:
            written += send(batch)
    return written, time.monotonic() - started


def playbook(collections, tasks, workdir):
    """Run a one-play playbook on localhost; its wall time (start-up included)."""
    path = os.path.join(workdir, "bench.yml")
    with open(path, "w") as handle:
        json.dump([{"name": "Bench", "hosts": "localhost", "gather_facts": False, "tasks": tasks}], handle)
    command = shutil.which("ansible-playbook", path=os.path.dirname(sys.executable)) or "ansible-playbook"
    env = dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=collections,
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
    )
    started = time.monotonic()
    proc = subprocess.run(
        [command, "-c", "local", "-i", "localhost,", path], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.monotonic() - started
    if proc.returncode:
        raise SystemExit("ansible-playbook failed:\n%s\n%s" % (proc.stdout[-3000:], proc.stderr[-3000:]))
    return elapsed


def produce_task(url, topic, **options):
    args = dict(rest_proxy_url=url, topic=topic, **options)
    return [
        {"name": "Produce", "kafkaops.connect.kafka_rest_produce": args, "register": "produced"},
        {"name": "Check", "ansible.builtin.assert": {"that": ["produced.count == %d" % options.get("_count", 0)]}},
    ]


def compare(label, url, opts, collections, workdir):
    path = os.path.join(workdir, "records.ndjson")
    if not os.path.exists(path):
        write_records(path, opts.records)
    results = []
    written, seconds = floor(url, opts.topic, path, opts.batch_size)
    results.append(("plain-Python floor", written, seconds))
    startup = playbook(collections, [{"name": "Nothing", "ansible.builtin.debug": {"msg": "start-up"}}], workdir)
    tasks = produce_task(url, opts.topic, src=path, batch_size=opts.batch_size)
    tasks[1]["ansible.builtin.assert"]["that"] = ["produced.count == %d" % opts.records]
    results.append(("ansible-playbook, src", opts.records, playbook(collections, tasks, workdir)))
    if opts.records_option:
        build = {
            "name": "Build the records",
            "ansible.builtin.set_fact": {
                "bench_records": "{{ lookup('ansible.builtin.file', '%s').splitlines() | map('from_json') | list }}"
                % path
            },
        }
        tasks = [build] + produce_task(url, opts.topic, records="{{ bench_records }}", batch_size=opts.batch_size)
        tasks[2]["ansible.builtin.assert"]["that"] = ["produced.count == %d" % opts.records]
        results.append(("ansible-playbook, records + set_fact", opts.records, playbook(collections, tasks, workdir)))

    base = results[0][1] / results[0][2]
    print("== %s (%d records, batches of %d)" % (label, opts.records, opts.batch_size))
    print("   ansible-playbook start-up alone: %.2f s" % startup)
    for name, count, seconds in results:
        rate = count / seconds
        print("   %-38s %6.2f s %9.0f records/s  %.2fx the floor" % (name, seconds, rate, rate / base))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("KAFKAOPS_REST_PROXY_URL"))
    parser.add_argument("--topic", default="kafkaops-bench")
    parser.add_argument("--records", type=int, default=100000)
    parser.add_argument("--batch-size", type=int, default=500, help="records per request (module default: 500)")
    parser.add_argument("--records-option", action="store_true", help="also time records passed as module arguments")
    parser.add_argument(
        "--stub-delay-ms", type=float, default=0.0, help="stub only: time the stub waits before each produce answer"
    )
    opts = parser.parse_args(argv)
    collections = collections_root()
    workdir = tempfile.mkdtemp(prefix="kafkaops-bench-")
    try:
        if opts.url:
            compare("REST Proxy at %s" % opts.url, opts.url, opts, collections, workdir)
            return 0
        print("No REST Proxy URL given: STUB figures (client-side cost only, not a proxy's throughput).")
        for shape in ("karapace", "bridge"):
            with StubProxy(shape, opts.stub_delay_ms / 1000.0) as url:
                label = "STUB in the %s shape, %.0f ms per produce answer" % (shape, opts.stub_delay_ms)
                compare(label, url, opts, collections, workdir)
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(collections, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
