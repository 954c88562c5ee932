# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Many connectors side by side: wall time, HTTP requests, CPU and peak memory of the ways to manage them.

Contenders, each behind the same request-counting proxy (tests/bench/counting_proxy.py):
  a  a loop of kafka_connector tasks (one ansible-playbook run)
  b  one kafka_connectors task
  c  a plain Python floor, as a process of its own (tests/bench/floor_connectors.py): one
     requests session, the fewest requests (create and delete: one PUT or DELETE per
     connector, no waiting; no-change and change: one expanded GET, then a PUT per changed
     connector)
  d  one ansible.builtin.uri task doing GET /connectors?expand=info&expand=status
  e  a playbook of one meta: noop task
  f  the same, with the connectors loaded as variables as b has them (stub rounds only): what
     Ansible itself spends on a list of N connectors before any module runs
  g  one kafka_connectors task given connectors_file: the same items in a JSON file the module
     reads itself (written once per size, before the rounds, not timed)
Scenarios, for each size N: create from nothing, no-change re-run, change 10, delete all.
No-change runs are repeated (--repeat), the contenders interleaved in each round, and the
median shown, with b/d and b/c as the median (and range) of the ratios round by round; the
writes run once per contender, and the loop (a) from --loop-writes-below connectors on runs
the no-change scenario only. --scenarios no-change runs only the no-change rounds: the
connectors are created (or trimmed) directly first, not measured, so sizes given in rising
order create each connector once; --keep leaves them on the server at the end.

Every module process (b, d, a's) and the floor (c) run under a small wrapper interpreter that
records the process's CPU time (user + system) and peak resident memory (getrusage of the
child); it costs every contender the same one extra Python start-up (with -S, ~10 ms).

--stub-sizes 1000,5000,10000 also runs the no-change rounds of b, g, d, c against a loopback stub
(tests/bench/connect_stub.py) answering the recorded shape of GET
/connectors?expand=info&expand=status (tests/bench/fixtures/), scaled to each size, behind
the same counting proxy; --stub-only skips the sandbox. --baseline PATH adds contender B: b run
with the collection found in that ANSIBLE_COLLECTIONS_PATH (an earlier version), in the same
rounds. --record writes that fixture from the benchmark connectors on the sandbox. Prints
figures as tables; never passes or fails on a timing.

    python tests/bench/bench_kafka_connectors.py [--connect-url URL] [--sizes 30,200] [--repeat 3]
    python tests/bench/bench_kafka_connectors.py --scenarios no-change --sizes 30,200,1000 --repeat 5
    python tests/bench/bench_kafka_connectors.py --stub-only --stub-sizes 1000,5000,10000 --repeat 5
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from connect_stub import FIXTURE, ConnectStub, load_fixture, scaled
from counting_proxy import CountingProxy

SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
SCENARIOS = ("create", "no change", "change 10", "delete all")
PREFIX = "bench-many-"
HERE = os.path.dirname(os.path.abspath(__file__))
# Stable across runs, so that connectors kept on the server (--keep) match the next run's configs.
FILES = os.path.join(tempfile.gettempdir(), "kafkaops-bench-many")

# The wrapper interpreter: runs the real one as a child and appends its CPU time and peak memory.
WRAPPER = """#!%(python)s -S
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execv(%(python)r, [%(python)r] + sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
with open(os.environ["BENCH_RUSAGE_LOG"], "a") as handle:
    handle.write(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss}) + "\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def children_cpu():
    """CPU seconds (user + system) of every finished child process of this one, and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def collections_path(path):
    return {"ANSIBLE_COLLECTIONS_PATH": path} if path else {}


def default_connect_url():
    return "http://127.0.0.1:%s" % os.environ.get("SANDBOX_CONNECT_PORT_1", "18083")


def connector_name(i):
    return "%s%03d" % (PREFIX, i)


def connector_config(i, name, topic_suffix=""):
    return {
        "connector.class": SOURCE,
        "tasks.max": 1,
        "file": "%s/%s.txt" % (FILES, name),
        "topic": "bench.%03d%s" % (i, topic_suffix),
    }


class Bench:
    def __init__(self, opts, proxy, workdir):
        self.opts = opts
        self.proxy = proxy
        self.workdir = workdir
        self.direct = requests.Session()
        self.figures = {}
        self.proxy_has_connectors = False
        self.wrapper = os.path.join(workdir, "python-rusage")
        with open(self.wrapper, "w") as handle:
            handle.write(WRAPPER % {"python": sys.executable})
        os.chmod(self.wrapper, 0o755)
        self.usage_log = os.path.join(workdir, "rusage.jsonl")

    # What the contenders are asked to do
    def connectors(self, n, scenario, generation=0):
        items = []
        for i in range(n):
            name = connector_name(i)
            if scenario == "delete all":
                items.append({"name": name, "state": "absent"})
                continue
            suffix = ".v%d" % generation if scenario == "change 10" and i < 10 else ""
            items.append({"name": name, "state": "running", "config": connector_config(i, name, suffix)})
        return items

    # Contenders
    def usage(self):
        """CPU seconds and peak memory (KiB) of the processes the wrapper ran since the last call."""
        if not os.path.exists(self.usage_log):
            return None
        with open(self.usage_log) as handle:
            runs = [json.loads(line) for line in handle if line.strip()]
        os.remove(self.usage_log)
        if not runs:
            return None
        return {"cpu": sum(r["cpu"] for r in runs), "rss_kb": max(r["rss_kb"] for r in runs)}

    def playbook(self, tasks, variables, collections=None):
        play = [{"hosts": "localhost", "gather_facts": False, "connection": "local", "tasks": tasks}]
        variables = dict(variables, ansible_python_interpreter=self.wrapper, bench_url=self.proxy.url)
        with tempfile.TemporaryDirectory() as tmp:
            book, extra = os.path.join(tmp, "play.json"), os.path.join(tmp, "vars.json")
            with open(book, "w") as handle:
                json.dump(play, handle)
            with open(extra, "w") as handle:
                json.dump(variables, handle)
            started = time.monotonic()
            before = children_cpu()
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
                env=dict(os.environ, BENCH_RUSAGE_LOG=self.usage_log, **collections_path(collections)),
            )
            elapsed = time.monotonic() - started
            self.run_cpu = children_cpu() - before
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

    def run_b(self, items, collections=None):
        task = {
            "kafkaops.connect.kafka_connectors": {
                "connect_url": ["{{ bench_url }}"],
                "connectors": "{{ bench_connectors }}",
                "parallel": 8,
            }
        }
        return self.playbook([task], {"bench_connectors": items}, collections)

    def run_g(self, items):
        """b with the items in a file the module reads itself: Ansible templates and ships one path."""
        path = os.path.join(self.workdir, "connectors-%d.json" % len(items))
        if not os.path.exists(path):
            # Once per size, before it is timed: the file stands for one a tool or an export wrote earlier.
            with open(path, "w") as handle:
                json.dump(items, handle)
        task = {
            "kafkaops.connect.kafka_connectors": {
                "connect_url": ["{{ bench_url }}"],
                "connectors_file": path,
                "parallel": 8,
            }
        }
        return self.playbook([task], {})

    def run_B(self, items):
        """b with the collection of --baseline (an earlier version), to compare before and after in one run."""
        return self.run_b(items, self.opts.baseline)

    def run_c(self, items):
        """The floor: what any client must at least send, over one keep-alive session, as a process."""
        path = os.path.join(self.workdir, "items.json")
        with open(path, "w") as handle:
            json.dump(items, handle)
        command = [self.wrapper, os.path.join(HERE, "floor_connectors.py"), self.proxy.url, path]
        started = time.monotonic()
        before = children_cpu()
        subprocess.run(
            command + ["1" if self.proxy_has_connectors else "0"],
            check=True,
            env=dict(os.environ, BENCH_RUSAGE_LOG=self.usage_log),
        )
        self.run_cpu = children_cpu() - before
        return time.monotonic() - started

    def run_d(self, _items):
        task = {"ansible.builtin.uri": {"url": "{{ bench_url }}/connectors?expand=info&expand=status"}}
        return self.playbook([task], {})

    def run_e(self, _items):
        return self.playbook([{"ansible.builtin.meta": "noop"}], {})

    def run_f(self, items):
        """e with the connectors loaded as variables, as b has them: what Ansible spends on the list itself."""
        return self.playbook([{"ansible.builtin.meta": "noop"}], {"bench_connectors": items})

    # Measuring
    def measure(self, n, scenario, contender, items):
        self.proxy.reset()
        self.usage()
        self.run_cpu = None
        elapsed = getattr(self, "run_" + contender)(items)
        usage = self.usage() or {}
        figure = {
            "wall": elapsed,
            "requests": self.proxy.count,
            "cpu": usage.get("cpu"),
            "rss_kb": usage.get("rss_kb"),
            "run_cpu": self.run_cpu,
        }
        self.figures.setdefault((n, scenario, contender), []).append(figure)
        # As it goes, so that an interrupted run still shows what it measured.
        extra = (
            " (module process: %.2f s CPU, %.0f MiB peak)" % (figure["cpu"], figure["rss_kb"] / 1024.0) if usage else ""
        )
        if self.run_cpu is not None:
            extra += " (whole run: %.2f s CPU)" % self.run_cpu
        print(
            "  measured: N=%d, %s, %s: %.2f s, %d requests%s"
            % (n, scenario, contender, elapsed, self.proxy.count, extra),
            flush=True,
        )

    def no_change_rounds(self, n, scenario, contenders):
        """``repeat`` rounds of every contender, in a rotated order each round, so that none
        always runs first or after the same neighbour."""
        unchanged = self.connectors(n, "no change")
        for rep in range(self.opts.repeat):
            turn = rep % len(contenders)
            for contender in contenders[turn:] + contenders[:turn]:
                self.measure(n, scenario, contender, unchanged)

    def contenders(self, names):
        return names[:1] + ["B"] + names[1:] if self.opts.baseline else names

    def bench_names(self):
        return [c for c in self.direct.get(self.opts.connect_url + "/connectors").json() if c.startswith(PREFIX)]

    def in_parallel(self, step, jobs):
        # In parallel: Connect takes seconds per DELETE, and this part is not measured.
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _done in pool.map(step, jobs):
                pass

    def clean(self, keep=0):
        """Delete the benchmark connectors from the ``keep``-th on, directly (not counted), and wait for it."""
        kept = set(connector_name(i) for i in range(keep))
        names = [name for name in self.bench_names() if name not in kept]
        self.in_parallel(lambda name: requests.delete("%s/connectors/%s" % (self.opts.connect_url, name)), names)
        deadline = time.monotonic() + 60 + len(names) / 5.0
        while time.monotonic() < deadline:
            if not [c for c in self.bench_names() if c not in kept]:
                return
            time.sleep(0.5)

    def ensure(self, n):
        """Exactly the n benchmark connectors of the no-change scenario, written directly (not counted)."""
        self.clean(keep=n)
        answer = self.direct.get(self.opts.connect_url + "/connectors", params={"expand": "info"}).json()
        missing = [
            item
            for item in self.connectors(n, "no change")
            if ((answer.get(item["name"]) or {}).get("info") or {}).get("config", {}).get("topic")
            != item["config"]["topic"]
        ]
        print("  (writing %d connectors directly, not measured)" % len(missing), flush=True)

        def write(item):
            url = "%s/connectors/%s/config" % (self.opts.connect_url, item["name"])
            for _attempt in range(20):
                answer = requests.put(url, json=dict((k, str(v)) for k, v in item["config"].items()), timeout=120)
                if answer.status_code != 409:
                    answer.raise_for_status()
                    return
                time.sleep(1)  # a rebalance is under way
            answer.raise_for_status()

        self.in_parallel(write, missing)
        self.settle(n)

    def settle(self, n):
        """Wait (not counted) until the n connectors run, so each contender starts from the same place."""
        deadline = time.monotonic() + 300 + n / 5.0
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
        if self.opts.scenarios == "no-change":
            self.ensure(n)
            self.proxy_has_connectors = True
            self.no_change_rounds(n, "no change", self.contenders(["b", "g", "d", "c", "e"]))
            return
        self.clean()
        self.measure(n, "create", "b", self.connectors(n, "create"))
        self.settle(n)
        self.proxy_has_connectors = True
        self.no_change_rounds(n, "no change", self.contenders(["b", "g", "d", "c", "e"]))
        # The loop costs a module run per connector: once is enough to see it.
        self.measure(n, "no change", "a", self.connectors(n, "no change"))
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

    def module_overhead(self):
        """One no-change kafka_connector against one uri GET of the same connector."""
        self.clean()
        item = self.connectors(1, "create")[0]
        self.run_c([item])
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

    def record(self, path, keep=3):
        """Write the stub's fixture: the sandbox's answer to the expanded listing, for ``keep`` benchmark connectors."""
        answer = self.direct.get(
            self.opts.connect_url + "/connectors", params=[("expand", "info"), ("expand", "status")]
        ).json()
        names = sorted(name for name in answer if name.startswith(PREFIX))[:keep]
        if not names:
            raise SystemExit(
                "no benchmark connector on the server to record; run with --scenarios no-change --keep first"
            )
        version = self.direct.get(self.opts.connect_url + "/").json().get("version")
        fixture = {
            "source": "GET /connectors?expand=info&expand=status, recorded from the sandbox's Kafka Connect %s"
            " (2 workers) with %d of the benchmark's FileStream source connectors running" % (version, len(names)),
            "answer": dict((name, answer[name]) for name in names),
        }
        with open(path, "w") as handle:
            json.dump(fixture, handle, indent=1, sort_keys=True)
            handle.write("\n")
        print("recorded %d connectors into %s" % (len(names), path))


def stub_sizes(opts, workdir, sizes):
    """The no-change rounds of b, d and c against the stub, one size after another."""
    figures = {}
    recorded = load_fixture()
    for n in sizes:
        names = [connector_name(i) for i in range(n)]
        answer = scaled(recorded, names, connector_config)
        with ConnectStub(answer, opts.stub_port) as stub, CountingProxy(stub.url, opts.proxy_port) as proxy:
            print("STUB N=%d: an answer of %.1f MB" % (n, stub.body_bytes / 1e6), flush=True)
            bench = Bench(opts, proxy, workdir)
            bench.figures = figures
            bench.proxy_has_connectors = True
            bench.no_change_rounds(n, "stub no change", bench.contenders(opts.stub_contenders.split(",")))
    return figures


def median(runs, key):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def pair_ratios(figures, n, scenario, x, y, key="wall"):
    """x/y round by round (the i-th run of each, measured next to each other): median, min, max."""
    xs, ys = figures.get((n, scenario, x)) or [], figures.get((n, scenario, y)) or []
    ratios = [a[key] / b[key] for a, b in zip(xs, ys) if a.get(key) and b.get(key)]
    if not ratios:
        return "-"
    return "%.3f (%.2f-%.2f)" % (statistics.median(ratios), min(ratios), max(ratios))


def fmt(value, pattern):
    return pattern % value if value is not None else "-"


def report_rounds(figures, scenario):
    """The interleaved no-change rounds: medians, spread, CPU and memory of the module process."""
    sizes = sorted(set(n for (n, s, _c) in figures if s == scenario))
    if not sizes:
        return
    print(
        "| N | contender | wall s median (min-max) | module CPU s median | whole run CPU s median"
        " | module peak MiB median | HTTP requests | runs |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        for contender in ("b", "B", "g", "d", "c", "e", "f"):
            runs = figures.get((n, scenario, contender))
            if not runs:
                continue
            walls = [r["wall"] for r in runs]
            rss = median(runs, "rss_kb")
            print(
                "| %d | %s | %.2f (%.2f-%.2f) | %s | %s | %s | %d | %d |"
                % (
                    n,
                    contender,
                    statistics.median(walls),
                    min(walls),
                    max(walls),
                    fmt(median(runs, "cpu"), "%.2f"),
                    fmt(median(runs, "run_cpu"), "%.2f"),
                    fmt(rss / 1024.0 if rss else None, "%.0f"),
                    median(runs, "requests"),
                    len(runs),
                )
            )
    print()
    # Each ratio round by round: median (min-max).
    print("| N | ratio | wall | module CPU | whole run CPU | module peak memory |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        for x, y in (("b", "d"), ("g", "d"), ("g", "b"), ("B", "d"), ("b", "c")):
            if figures.get((n, scenario, x)) and figures.get((n, scenario, y)):
                print(
                    "| %d | %s/%s | %s |"
                    % (
                        n,
                        x,
                        y,
                        " | ".join(
                            pair_ratios(figures, n, scenario, x, y, key) for key in ("wall", "cpu", "run_cpu", "rss_kb")
                        ),
                    )
                )
    print()


def report(bench, sizes):
    f = bench.figures
    report_rounds(f, "no change")
    others = dict((k, v) for k, v in f.items() if k[1] != "no change")
    if not others:
        return
    print("| N | scenario | contender | wall s (median) | HTTP requests | runs |")
    print("|---|---|---|---|---|---|")
    for (n, scenario, contender), runs in sorted(others.items()):
        print(
            "| %d | %s | %s | %.2f | %d | %d |"
            % (n, scenario, contender, median(runs, "wall"), median(runs, "requests"), len(runs))
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
                return median(runs, "wall") if runs else None

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
    parser.add_argument("--scenarios", choices=["all", "no-change"], default="all")
    parser.add_argument("--keep", action="store_true", help="leave the benchmark connectors on the server")
    parser.add_argument(
        "--loop-writes-below",
        type=int,
        default=100,
        help="sizes from which the loop (a) runs the no-change scenario only",
    )
    parser.add_argument("--proxy-port", type=int, default=int(os.environ.get("BENCH_PROXY_PORT", "0")))
    parser.add_argument("--stub-sizes", default="", help="e.g. 1000,5000,10000: no-change rounds against the stub")
    parser.add_argument("--stub-contenders", default="b,g,d,c", help="which contenders the stub rounds run")
    parser.add_argument("--stub-port", type=int, default=int(os.environ.get("BENCH_STUB_PORT", "0")))
    parser.add_argument("--stub-only", action="store_true", help="only the stub rounds; the sandbox is not needed")
    parser.add_argument(
        "--baseline",
        help="an ANSIBLE_COLLECTIONS_PATH holding an earlier kafkaops.connect: adds contender B, b with that version",
    )
    parser.add_argument("--record", action="store_true", help="record the stub's fixture (%s) and stop" % FIXTURE)
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")] if not opts.stub_only else []
    workdir = tempfile.mkdtemp(prefix="kafkaops-bench-")
    started = time.monotonic()
    if opts.record:
        Bench(opts, None, workdir).record(FIXTURE)
        return
    figures = {}
    if sizes:
        with CountingProxy(opts.connect_url, opts.proxy_port) as proxy:
            bench = Bench(opts, proxy, workdir)
            try:
                if opts.scenarios == "all":
                    bench.module_overhead()
                for n in sizes:
                    bench.size(n, loop_writes=n < opts.loop_writes_below)
            finally:
                if not opts.keep:
                    bench.clean()
        report(bench, sizes)
        figures = bench.figures
    if opts.stub_sizes:
        print("STUB: the recorded answer scaled, on loopback; the module's own cost, not Connect's")
        stub_figures = stub_sizes(opts, workdir, [int(s) for s in opts.stub_sizes.split(",")])
        report_rounds(stub_figures, "stub no change")
        # Tuple keys: dict(figures, **...) would refuse them.
        figures = dict(figures)
        figures.update((("stub",) + key, runs) for key, runs in stub_figures.items())
    print()
    print(
        "(%d-core machine, loopback; wall: the whole ansible-playbook run, or the floor's process for c; CPU and"
        " peak memory: the module's process (the floor's for c); requests: counted by the proxy; %d figures;"
        " benchmark took %.0f s)" % (os.cpu_count(), sum(len(v) for v in figures.values()), time.monotonic() - started)
    )


if __name__ == "__main__":
    main()
