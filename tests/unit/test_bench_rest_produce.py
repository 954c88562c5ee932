# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The REST produce benchmark runs from a plain checkout (`--help` once failed with
"No module named 'ansible_collections'" unless `make link` had run)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_benchmark_needs_no_make_link(tmp_path):
    # A checkout without .build/: the scripts, and the collection's code.
    bench = tmp_path / "tests" / "bench"
    bench.mkdir(parents=True)
    for name in ("bench_rest_produce.py", "rest_stub.py"):
        shutil.copy(os.path.join(ROOT, "tests", "bench", name), str(bench / name))
    os.symlink(os.path.join(ROOT, "plugins"), str(tmp_path / "plugins"))
    env = dict((k, v) for k, v in os.environ.items() if k != "PYTHONPATH")

    proc = subprocess.run(
        [sys.executable, str(bench / "bench_rest_produce.py"), "--help"],
        cwd=str(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert proc.returncode == 0, proc.stderr
    assert "a floor" in proc.stdout
