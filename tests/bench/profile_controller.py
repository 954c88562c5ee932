# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where ``ansible-playbook`` itself spends its time around one module run: the controller side.

Runs ``ansible-playbook`` in this process under cProfile, and each of its worker processes (the
forked process that templates a task's arguments, builds the AnsiballZ payload, runs the module
and reads its result) under a profiler of its own, then prints the CPU seconds of each process
and the cumulative time of the phases below, and the functions that cost the most. Never passes
or fails on a timing; cProfile slows Python down, so read shares and call counts, not seconds.

    python tests/bench/profile_controller.py [--top 20] -- -i localhost, -e @vars.json play.json
"""

import argparse
import cProfile
import glob
import io
import os
import pstats
import sys
import tempfile
import time

# Phases: (label, file suffix, function name); cumulative time of each, in the process that ran it.
PHASES = (
    ("loading extra vars (-e @file)", "utils/vars.py", "load_extra_vars"),
    ("loading vars files (include_vars, vars_files)", "parsing/dataloader.py", "load_from_file"),
    ("variables of the task (VariableManager.get_vars)", "vars/manager.py", "get_vars"),
    ("running the task (TaskExecutor.run)", "executor/task_executor.py", "run"),
    ("  templating the task's arguments", "playbook/task.py", "post_validate"),
    ("  the action (payload, module process, result)", "action/__init__.py", "_execute_module"),
    ("    building the AnsiballZ payload", "executor/module_common.py", "modify_module"),
    ("    running the module's process", "action/__init__.py", "_low_level_execute_command"),
    ("    decoding the module's result", "action/__init__.py", "_parse_returned_data"),
    ("sending the result to the main process", "executor/process/worker.py", "send_task_result"),
    ("main process: the result through the callbacks", "plugins/callback/default.py", "v2_runner_on_ok"),
)


def patch_workers(outdir):
    """Profile every worker process, each into a file of its own, before it exits."""
    from ansible.executor.process import worker

    original = worker.WorkerProcess._run

    def profiled(self):
        profile = cProfile.Profile()
        try:
            return profile.runcall(original, self)
        finally:
            profile.dump_stats(os.path.join(outdir, "worker-%d.prof" % os.getpid()))

    worker.WorkerProcess._run = profiled


def phases(stats):
    found = {}
    for (path, _line, name), (_cc, calls, _tt, cum, _callers) in stats.stats.items():
        for label, suffix, function in PHASES:
            if name == function and path.endswith(suffix):
                previous = found.get(label, (0, 0.0))
                found[label] = (previous[0] + calls, max(previous[1], cum))
    return found


def show(title, stats, cpu, top):
    print("## %s (CPU %.2f s)" % (title, cpu))
    for label, _suffix, _function in PHASES:
        if label in phases(stats):
            calls, cum = phases(stats)[label]
            print("  %-60s %7.3f s  (%d calls)" % (label, cum, calls))
    text = io.StringIO()
    stats.stream = text
    stats.sort_stats("cumulative").print_stats(top)
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[-4000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("args", nargs=argparse.REMAINDER, help="after --: the ansible-playbook arguments")
    opts = parser.parse_args()
    args = [a for a in opts.args if a != "--"]
    outdir = tempfile.mkdtemp(prefix="kafkaops-controller-profile-")
    patch_workers(outdir)
    from ansible.cli.playbook import PlaybookCLI

    profile = cProfile.Profile()
    started, cpu_before = time.monotonic(), time.process_time()
    exit_code = 0
    try:
        profile.runcall(PlaybookCLI(["ansible-playbook"] + args).run)
    except SystemExit as exc:
        exit_code = exc.code or 0
    wall, cpu = time.monotonic() - started, time.process_time() - cpu_before
    children = os.times()
    print("\nansible-playbook exited %s; wall %.2f s under the profiler" % (exit_code, wall))
    show("main process", pstats.Stats(profile), cpu, opts.top)
    for path in sorted(glob.glob(os.path.join(outdir, "worker-*.prof"))):
        stats = pstats.Stats(path)
        show("worker process %s" % os.path.basename(path), stats, stats.total_tt, opts.top)
    print("(children's CPU, module processes included: %.2f s)" % (children.children_user + children.children_system))
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
