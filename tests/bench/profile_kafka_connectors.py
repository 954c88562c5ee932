# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where one no-change kafka_connectors run spends its time, inside the module's process.

Runs the module's main() under cProfile, in this process, with the N connectors of the
many-connector benchmark as its arguments (as AnsiballZ would hand them over), against a
Connect that already holds them: the sandbox after
``bench_kafka_connectors.py --scenarios no-change --sizes N --keep``, or the stub
(``python tests/bench/connect_stub.py N PORT`` in another process). Prints the time of each
phase and the functions that cost the most; never passes or fails on a timing.

    python tests/bench/profile_kafka_connectors.py URL N [--top 25] [--option key=value ...]
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from contextlib import redirect_stdout

from bench_kafka_connectors import connector_config, connector_name

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.path.join(HERE, "..", "..", ".build")).split(":")[0])

# Phases of a run: (label, file suffix, function name); cumulative time of each.
PHASES = (
    ("argument validation (AnsibleModule.__init__)", "basic.py", "__init__"),
    ("items_of: plan inputs, masking the echoed configs", "kafka_connectors.py", "items_of"),
    ("read: the one GET, waiting for the answer and decoding it", "_connector_bulk.py", "read"),
    ("plan", "_connector_bulk.py", "plan"),
    ("report: the result (per-connector views)", "kafka_connectors.py", "report"),
    ("exit_json (remove_values, masking the echoed params, JSON)", "_module.py", "exit_json"),
    ("  of which AnsibleModule.exit_json", "basic.py", "exit_json"),
    ("is_secret_key", "_secrets.py", "is_secret_key"),
    ("mask_config", "_secrets.py", "mask_config"),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("n", type=int)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--option", action="append", default=[], help="a module option as key=JSON value")
    opts = parser.parse_args()
    args = {
        "connect_url": [opts.url],
        "parallel": 8,
        "connectors": [
            {"name": connector_name(i), "state": "running", "config": connector_config(i, connector_name(i))}
            for i in range(opts.n)
        ],
        "_ansible_check_mode": False,
        "_ansible_diff": False,
    }
    for option in opts.option:
        key, value = option.split("=", 1)
        args[key] = json.loads(value)

    from ansible.module_utils.testing import patch_module_args

    from ansible_collections.kafkaops.connect.plugins.modules import kafka_connectors

    profile = cProfile.Profile()
    out = io.StringIO()
    started = time.perf_counter()
    with patch_module_args(args), redirect_stdout(out):
        profile.enable()
        try:
            kafka_connectors.main()
        except SystemExit:
            pass
        profile.disable()
    elapsed = time.perf_counter() - started
    result = json.loads(out.getvalue())
    print(
        "N=%d: %.3f s in main(); changed=%s, http_requests=%s, failed=%s, result %d bytes"
        % (
            opts.n,
            elapsed,
            result.get("changed"),
            result.get("http_requests"),
            result.get("failed"),
            len(out.getvalue()),
        )
    )
    stats = pstats.Stats(profile)
    print("| phase | cumulative s | calls |")
    print("|---|---|---|")
    for label, suffix, name in PHASES:
        found = [
            (value[3], value[1])
            for (path, _line, func), value in stats.stats.items()
            if path.endswith(suffix) and func == name
        ]
        if found:
            print("| %s | %.3f | %d |" % (label, sum(f[0] for f in found), sum(f[1] for f in found)))
    print()
    stats.sort_stats("cumulative").print_stats(opts.top)
    stats.sort_stats("tottime").print_stats(opts.top)


if __name__ == "__main__":
    main()
