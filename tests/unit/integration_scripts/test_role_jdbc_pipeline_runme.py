# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The role_jdbc_pipeline target's script, run with playbooks stubbed: which playbooks it runs, in which order.

The script is bash; its control flow (a leak check that must stop the run) is checked here, cheaply, because
against the sandbox the leak branch never runs while the role is right.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import subprocess

TARGETS = os.path.join(os.path.dirname(__file__), "..", "..", "integration", "targets")
PASSWORD = "pw-0123456789"

STUB_LIB = """
playbook() {{
  echo "$1 ${{*:2}}" >>"{calls}"
  if [ "$1" = verify.yml ]; then echo "{verify_says}"; return {verify_rc}; fi
}}
playbook_without_change() {{ playbook "$@"; }}
sandbox_var() {{ echo "{password}"; }}
"""


def run_script(tmp_path, verify_says, verify_rc=0):
    """Run runme.sh against a stub lib.sh; return its exit code, the playbooks it ran, in order, and its output."""
    target = tmp_path / "targets" / "role_jdbc_pipeline"
    setup = tmp_path / "targets" / "setup_sandbox_playbooks"
    target.mkdir(parents=True)
    setup.mkdir()
    shutil.copy(os.path.join(TARGETS, "role_jdbc_pipeline", "runme.sh"), target / "runme.sh")
    calls = tmp_path / "calls"
    stub = STUB_LIB.format(calls=calls, verify_says=verify_says, verify_rc=verify_rc, password=PASSWORD)
    (setup / "lib.sh").write_text(stub)
    done = subprocess.run(["bash", "runme.sh"], cwd=str(target), capture_output=True, text=True, check=False)
    return done.returncode, calls.read_text().split("\n")[:-1], done.stdout + done.stderr


def test_a_clean_run_reconverges_after_teardown_then_changes_the_avro_table(tmp_path):
    rc, calls = run_script(tmp_path, verify_says="ok=3 changed=0")[:2]
    assert rc == 0
    after_verify = calls[calls.index("verify.yml -vvv --diff") + 1 :]
    assert [c.split()[0] for c in after_verify] == [
        "teardown.yml",
        "converge.yml",
        "avro_compatible.yml",
        "converge.yml",
        "avro_incompatible.yml",
        "teardown.yml",
    ]


def test_a_leaked_password_stops_the_run_at_once(tmp_path):
    rc, calls, output = run_script(tmp_path, verify_says="connection string user=x password=" + PASSWORD)
    assert rc == 1
    assert "the database password appeared in the output" in output
    # The check names the line, masked: it does not print the password it found.
    assert "password=<password>" in output
    assert PASSWORD not in output
    # Only the teardown of the EXIT trap may follow the failed check: nothing converges again.
    after_verify = calls[calls.index("verify.yml -vvv --diff") + 1 :]
    assert after_verify == ['teardown.yml -e {"role_jdbc_drop_tables": true}']


def test_a_failed_verify_shows_its_log_with_the_password_masked(tmp_path):
    rc, calls, output = run_script(tmp_path, verify_says="fatal: psql password=" + PASSWORD + " refused", verify_rc=2)
    assert rc == 1
    assert "fatal: psql password=<password> refused" in output
    assert PASSWORD not in output
    after_verify = calls[calls.index("verify.yml -vvv --diff") + 1 :]
    assert after_verify == ['teardown.yml -e {"role_jdbc_drop_tables": true}']
