#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Produce throughput of kafka_rest_produce as a real ansible-playbook task, next to a floor.

Writes N JSON records (default 100,000) to an NDJSON file, then sends them to the same REST
Proxy URL with a plain-Python floor (one requests session, batches of 500, the next batch read
while one is on the wire, nothing else) and with a playbook whose one task is kafka_rest_produce
with ``src`` (the whole ansible-playbook run is timed, start-up included). Prints records per
second and the ratio.

With ``--rounds N`` the two alternate N times (floor then task, task then floor, ...) and the
medians are compared: a proxy's time per request follows the machine's load (Karapace's is
CPU-bound Python), so one floor run followed by one task run compares two different loads.
The floor also prints its time per request, the wait the proxy adds to every batch.

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
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


def read_batches(path, batch_size):
    with open(path) as handle:
        batch = []
        for line in handle:
            batch.append(json.loads(line))
            if len(batch) == batch_size:
                yield batch
                batch = []
        if batch:
            yield batch


def read_ahead(batches, depth=2):
    """The batches, read by a thread of their own while the current one is on the wire (as the
    module reads its src), so that the floor's time is the proxy's and the wire's alone."""
    slots = queue.Queue(maxsize=depth)
    end = object()

    def read():
        for batch in batches:
            slots.put(batch)
        slots.put(end)

    threading.Thread(target=read, daemon=True).start()
    while True:
        batch = slots.get()
        if batch is end:
            return
        yield batch


def floor(url, topic, path, batch_size):
    """The least any Python client does: read the lines, post them in batches over one kept-alive
    session, one request at a time, check the offsets. ``(written, seconds, request seconds)``."""
    import requests

    session = requests.Session()
    session.trust_env = False
    headers = {"Content-Type": "application/vnd.kafka.json.v2+json", "Accept": "application/vnd.kafka.v2+json"}
    written, waits = 0, []
    started = time.monotonic()
    for batch in read_ahead(read_batches(path, batch_size)):
        sent = time.monotonic()
        answer = session.post("%s/topics/%s" % (url, topic), data=json.dumps({"records": batch}), headers=headers)
        answer.raise_for_status()
        offsets = answer.json()["offsets"]
        waits.append(time.monotonic() - sent)
        if len(offsets) != len(batch) or any(o.get("error_code") for o in offsets):
            raise SystemExit("floor: the proxy did not write every record: %s" % answer.text[:300])
        written += len(offsets)
    return written, time.monotonic() - started, waits


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
    startup = playbook(collections, [{"name": "Nothing", "ansible.builtin.debug": {"msg": "start-up"}}], workdir)
    tasks = produce_task(url, opts.topic, src=path, batch_size=opts.batch_size)
    tasks[1]["ansible.builtin.assert"]["that"] = ["produced.count == %d" % opts.records]
    floors, srcs, waits = [], [], []
    for number in range(opts.rounds):
        # Alternate which goes first, so that a load that rises or falls during the run is shared.
        for which in ("floor", "src") if number % 2 == 0 else ("src", "floor"):
            if which == "floor":
                written, seconds, request_seconds = floor(url, opts.topic, path, opts.batch_size)
                floors.append(seconds)
                waits.extend(request_seconds)
            else:
                srcs.append(playbook(collections, tasks, workdir))
        if opts.rounds > 1:
            print(
                "   round %d: floor %.2f s, src %.2f s (%.2fx)"
                % (number + 1, floors[-1], srcs[-1], floors[-1] / srcs[-1]),
                flush=True,
            )
    results = [
        ("plain-Python floor", written, statistics.median(floors)),
        ("ansible-playbook, src", opts.records, statistics.median(srcs)),
    ]
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
    if opts.rounds > 1:
        print("   medians of %d alternating rounds" % opts.rounds)
    print("   ansible-playbook start-up alone: %.2f s" % startup)
    print(
        "   floor's time per request: min %.3f s, median %.3f s, max %.3f s"
        % (min(waits), statistics.median(waits), max(waits))
    )
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
    parser.add_argument("--rounds", type=int, default=1, help="alternate floor and src this many times; medians")
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
