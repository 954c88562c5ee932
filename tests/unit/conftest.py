# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Shared fixtures: run a module's main() as Ansible would and return its JSON result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import io
import json
import os
from contextlib import redirect_stdout

import pytest
import responses
from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION
from ansible.module_utils.common import warnings as _warnings
from ansible.module_utils.testing import patch_module_args

# ansible-core 2.21 stopped adding ``invocation`` (the module's arguments echoed back) to results.
ECHOES_ARGUMENTS = tuple(int(part) for part in ANSIBLE_CORE_VERSION.split(".")[:2]) < (2, 21)


class ModuleResult(dict):
    @property
    def failed(self):
        return bool(self.get("failed"))

    @property
    def warning_messages(self):
        """Warnings as text: ansible-core 2.19 returns them as structured summaries."""
        return [w["event"]["msg"] if isinstance(w, dict) else w for w in self.get("warnings") or ()]


@pytest.fixture(autouse=True)
def fresh_module_warnings():
    """Module warnings are collected in a process-wide dict: start every test without any."""
    _warnings._global_warnings.clear()
    _warnings._global_deprecations.clear()


def run_module(main, args, check_mode=False, diff=False):
    """Run ``main`` with ``args`` and return the parsed result, whether it exited or failed."""
    payload = dict(args)
    payload["_ansible_check_mode"] = check_mode
    payload["_ansible_diff"] = diff
    # Retries would only slow failing unit tests down; tests that exercise them pass their own.
    payload.setdefault("retry_delay", 0)
    out = io.StringIO()
    with patch_module_args(payload), redirect_stdout(out), pytest.raises(SystemExit):
        main()
    return ModuleResult(json.loads(out.getvalue()))


def assert_secret_masked(result, secret, *option, mask="********"):
    """``secret`` appears nowhere in ``result``; where ansible-core echoes the arguments back
    (``invocation``, before 2.21), the option at the key path ``option`` is there as ``mask``:
    ours for config secrets, ansible-core's for a ``no_log`` option."""
    assert secret not in json.dumps(result)
    if ECHOES_ARGUMENTS:
        echoed = result["invocation"]["module_args"]
        for key in option:
            echoed = echoed[key]
        assert echoed == mask
    else:
        assert "invocation" not in result


class FakeTime:
    """A clock that moves only when the module sleeps."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += 1.0


@pytest.fixture
def http():
    """A ``responses`` mock that fails the test on any request it was not told about and
    on any registered call that was never made (assert_all_requests_are_fired)."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


FIXTURES = os.path.join(os.path.dirname(__file__), "plugins", "fixtures")


def load_fixture(*parts):
    """A JSON response recorded from a real server, e.g. ``load_fixture("connect", "root.json")``."""
    with open(os.path.join(FIXTURES, *parts)) as handle:
        return json.load(handle)


@pytest.fixture
def recorded():
    return load_fixture
