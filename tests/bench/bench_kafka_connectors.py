# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Many connectors side by side: wall time and HTTP requests of five ways to manage them.

Contenders, each behind the same request-counting proxy (tests/bench/counting_proxy.py):
  a  a loop of kafka_connector tasks (one ansible-playbook run)
  b  one kafka_connectors task
  c  a plain Python floor: one requests session, the fewest requests (create and delete: one
     PUT or DELETE per connector, no waiting; no-change and change: one expanded GET, then
     a PUT per changed connector)
  d  one ansible.builtin.uri task doing GET /connectors?expand=info&expand=status
  e  a playbook of one meta: noop task
Scenarios, for each size N: create from nothing, no-change re-run, change 10, delete all.
No-change runs are repeated (--repeat) and the median shown; the writes run once per contender,
and the loop (a) from --loop-writes-below connectors on runs the no-change scenario only.
Prints figures as a table; never passes or fails on a timing.

    python tests/bench/bench_kafka_connectors.py [--connect-url URL] [--sizes 30,200] [--repeat 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from counting_proxy import CountingProxy

SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
SCENARIOS = ("create", "no change", "change 10", "delete all")
PREFIX = "bench-many-"


def default_connect_url():
    return "http://127.0.0.1:%s" % os.environ.get("SANDBOX_CONNECT_PORT_1", "18083")


class Bench:
    def __init__(self, opts, proxy, workdir):
        self.opts = opts
        self.proxy = proxy
        self.workdir = workdir
        self.direct = requests.Session()
        self.figures = {}
        self.proxy_has_connectors = False

    # What the contenders are asked to do
    def connectors(self, n, scenario, generation=0):
        items = []
        for i in range(n):
            name = "%s%03d" % (PREFIX, i)
            if scenario == "delete all":
                items.append({"name": name, "state": "absent"})
                continue
            topic = "bench.%03d" % i
            if scenario == "change 10" and i < 10:
                topic += ".v%d" % generation
            config = {
                "connector.class": SOURCE,
                "tasks.max": 1,
                "file": "%s/%s.txt" % (self.workdir, name),
                "topic": topic,
            }
            items.append({"name": name, "state": "running", "config": config})
        return items

    # Contenders
    def playbook(self, tasks, variables):
        play = [{"hosts": "localhost", "gather_facts": False, "connection": "local", "tasks": tasks}]
        variables = dict(variables, ansible_python_interpreter=sys.executable, bench_url=self.proxy.url)
        with tempfile.TemporaryDirectory() as tmp:
            book, extra = os.path.join(tmp, "play.json"), os.path.join(tmp, "vars.json")
            with open(book, "w") as handle:
                json.dump(play, handle)
            with open(extra, "w") as handle:
                json.dump(variables, handle)
            started = time.monotonic()
            proc = subprocess.run(
                [
                    os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                    "-i",
                    "localhost,",
                    "-e",
                    "@" + extra,
                    book,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.monotonic() - started
        if proc.returncode:
            raise SystemExit("a benchmark playbook failed:\n%s\n%s" % (proc.stdout[-3000:], proc.stderr[-3000:]))
        return elapsed

    def run_a(self, items):
        task = {
            "kafkaops.connect.kafka_connector": {
                "connect_url": ["{{ bench_url }}"],
                "name": "{{ item.name }}",
                "state": "{{ item.state }}",
                "config": "{{ item.config | default(omit) }}",
            },
            "loop": "{{ bench_connectors }}",
        }
        return self.playbook([task], {"bench_connectors": items})

    def run_b(self, items):
        task = {
            "kafkaops.connect.kafka_connectors": {
                "connect_url": ["{{ bench_url }}"],
                "connectors": "{{ bench_connectors }}",
                "parallel": 8,
            }
        }
        return self.playbook([task], {"bench_connectors": items})

    def run_c(self, items):
        """The floor: what any client must at least send, over one keep-alive session."""
        session = requests.Session()
        started = time.monotonic()
        wanted = [i for i in items if i["state"] != "absent"]
        if len(wanted) < len(items):
            for item in items:
                session.delete("%s/connectors/%s" % (self.proxy.url, item["name"])).raise_for_status()
        else:
            current = {}
            if self.proxy_has_connectors:
                answer = session.get(self.proxy.url + "/connectors", params=[("expand", "info"), ("expand", "status")])
                answer.raise_for_status()
                current = answer.json()
            for item in wanted:
                config = dict((k, str(v)) for k, v in item["config"].items())
                stored = ((current.get(item["name"]) or {}).get("info") or {}).get("config") or {}
                stored = dict((k, v) for k, v in stored.items() if k != "name")
                if stored != config:
                    url = "%s/connectors/%s/config" % (self.proxy.url, item["name"])
                    session.put(url, json=config).raise_for_status()
        return time.monotonic() - started

    def run_d(self, _items):
        task = {"ansible.builtin.uri": {"url": "{{ bench_url }}/connectors?expand=info&expand=status"}}
        return self.playbook([task], {})

    def run_e(self, _items):
        return self.playbook([{"ansible.builtin.meta": "noop"}], {})

    # Measuring
    def measure(self, n, scenario, contender, items):
        self.proxy.reset()
        elapsed = getattr(self, "run_" + contender)(items)
        self.figures.setdefault((n, scenario, contender), []).append((elapsed, self.proxy.count))
        # As it goes, so that an interrupted run still shows what it measured.
        print(
            "  measured: N=%d, %s, %s: %.2f s, %d requests" % (n, scenario, contender, elapsed, self.proxy.count),
            flush=True,
        )

    def clean(self):
        """Delete every benchmark connector, directly (not counted), and wait until none is left."""
        names = [c for c in self.direct.get(self.opts.connect_url + "/connectors").json() if c.startswith(PREFIX)]
        # In parallel: Connect takes seconds per DELETE, and this part is not measured.
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _done in pool.map(
                lambda name: requests.delete("%s/connectors/%s" % (self.opts.connect_url, name)), names
            ):
                pass
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not [c for c in self.direct.get(self.opts.connect_url + "/connectors").json() if c.startswith(PREFIX)]:
                return
            time.sleep(0.5)

    def settle(self, n):
        """Wait (not counted) until the n connectors run, so each contender starts from the same place."""
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            answer = self.direct.get(self.opts.connect_url + "/connectors", params={"expand": "status"}).json()
            running = [
                name
                for name, entry in answer.items()
                if name.startswith(PREFIX) and entry["status"]["connector"]["state"] == "RUNNING"
            ]
            if len(running) == n:
                return
            time.sleep(0.5)
        raise SystemExit("the %d benchmark connectors did not all reach RUNNING" % n)

    def size(self, n, loop_writes):
        """Every scenario at size n, ordered so that each starts where the previous one ended.

        Deleting connectors is the slowest thing Connect does (each DELETE waits for a rebalance),
        so the writes run once per contender; the no-change runs, which write nothing, ``repeat`` times.
        """
        self.clean()
        self.measure(n, "create", "b", self.connectors(n, "create"))
        self.settle(n)
        self.proxy_has_connectors = True
        unchanged = self.connectors(n, "no change")
        for _rep in range(self.opts.repeat):
            for contender in ("b", "c", "d", "e"):
                self.measure(n, "no change", contender, unchanged)
        # The loop costs a module run per connector: once is enough to see it.
        self.measure(n, "no change", "a", unchanged)
        for generation, contender in enumerate(("b", "c", "a") if loop_writes else ("b", "c")):
            self.measure(n, "change 10", contender, self.connectors(n, "change 10", generation))
            self.settle(n)
        self.measure(n, "delete all", "b", self.connectors(n, "delete all"))
        self.proxy_has_connectors = False
        for contender in ("c", "a") if loop_writes else ("c",):
            self.clean()
            self.measure(n, "create", contender, self.connectors(n, "create"))
            self.settle(n)
            # The floor deletes one connector after another: at sizes where the loop only reads, so does it.
            if loop_writes:
                self.measure(n, "delete all", contender, self.connectors(n, "delete all"))

    def run_c_direct(self, items):
        self.run_c(items)

    def module_overhead(self):
        """One no-change kafka_connector against one uri GET of the same connector."""
        self.clean()
        item = self.connectors(1, "create")[0]
        self.run_c_direct([item])
        self.settle(1)
        for _rep in range(self.opts.repeat):
            self.measure(1, "one connector, no change", "kafka_connector", [item])
            self.measure(1, "one connector, no change", "uri_get", [item])
        self.clean()

    def run_kafka_connector(self, items):
        return self.run_a(items)

    def run_uri_get(self, items):
        task = {"ansible.builtin.uri": {"url": "{{ bench_url }}/connectors/%s" % items[0]["name"]}}
        return self.playbook([task], {})


def median(figures, index):
    return statistics.median(f[index] for f in figures)


def report(bench, sizes):
    f = bench.figures
    print("| N | scenario | contender | wall s (median) | HTTP requests | runs |")
    print("|---|---|---|---|---|---|")
    for (n, scenario, contender), runs in sorted(f.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        print(
            "| %d | %s | %s | %.2f | %d | %d |" % (n, scenario, contender, median(runs, 0), median(runs, 1), len(runs))
        )
    print()
    print("| N | scenario | b/d | b/c | a/b |")
    print("|---|---|---|---|---|")
    for n in sizes:
        for scenario in SCENARIOS:

            def wall(contender, scenario=scenario, n=n):
                runs = f.get((n, scenario, contender)) or f.get(
                    (n, "no change", contender) if contender in "de" else None
                )
                return median(runs, 0) if runs else None

            def ratio(x, y):
                return "%.2f" % (x / y) if x is not None and y else "-"

            b = wall("b")
            print(
                "| %d | %s | %s | %s | %s |"
                % (n, scenario, ratio(b, wall("d")), ratio(b, wall("c")), ratio(wall("a"), b))
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connect-url", default=default_connect_url())
    parser.add_argument("--sizes", default="30,200")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--loop-writes-below",
        type=int,
        default=100,
        help="sizes from which the loop (a) runs the no-change scenario only",
    )
    parser.add_argument("--proxy-port", type=int, default=int(os.environ.get("BENCH_PROXY_PORT", "0")))
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    workdir = tempfile.mkdtemp(prefix="kafkaops-bench-")
    started = time.monotonic()
    with CountingProxy(opts.connect_url, opts.proxy_port) as proxy:
        bench = Bench(opts, proxy, workdir)
        try:
            bench.module_overhead()
            for n in sizes:
                bench.size(n, loop_writes=n < opts.loop_writes_below)
        finally:
            bench.clean()
    report(bench, sizes)
    print()
    print(
        "(%d-core machine, Kafka Connect with 2 workers on loopback; wall: the whole ansible-playbook run, or the"
        " Python calls for c; requests: counted by the proxy; benchmark took %.0f s)"
        % (os.cpu_count(), time.monotonic() - started)
    )


if __name__ == "__main__":
    main()
