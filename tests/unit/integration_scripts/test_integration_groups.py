# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The integration targets' alias groups, which decide what `make integration`, `make secure-test` and the
ansible-core matrix run (.ci/integration.py; the groups are described in docs/contributing.md).

A target in no suite group would silently never run, so every target is checked here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import os

import pytest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
TARGETS = os.path.join(ROOT, "tests", "integration", "targets")
SUITES = ("sandbox", "secure")
ALSO = {
    "rest_proxy": ("sandbox", "unsupported"),
    "schema_registry": ("sandbox", None),
    "secure": ("secure", "disabled"),
}


def load_runner():
    spec = importlib.util.spec_from_file_location("ci_integration", os.path.join(ROOT, ".ci", "integration.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNNER = load_runner()
GROUPS = RUNNER.groups_of(TARGETS)


def aliases(name):
    with open(os.path.join(TARGETS, name, "aliases")) as handle:
        return {line.split("#", 1)[0].strip() for line in handle} - {""}


def runnable():
    return sorted(name for name in GROUPS if "hidden" not in aliases(name))


@pytest.mark.parametrize("name", runnable())
def test_every_target_runs_in_exactly_one_suite(name):
    suites = [group for group in GROUPS[name] if group in SUITES]
    assert len(suites) == 1, "%s/aliases: add exactly one of %s (see docs/contributing.md), found %s" % (
        name,
        ", ".join("kafkaops/" + suite for suite in SUITES),
        suites or "none",
    )


@pytest.mark.parametrize("name", runnable())
def test_a_target_that_needs_more_than_the_sandbox_says_so_in_its_suite_and_its_guard(name):
    for group, (suite, guard) in ALSO.items():
        if group in GROUPS[name]:
            assert suite in GROUPS[name], "%s is in kafkaops/%s, so also in kafkaops/%s" % (name, group, suite)
            assert guard is None or guard in aliases(name), "%s is in kafkaops/%s, so it is %s" % (name, group, guard)


def test_each_matrix_release_runs_one_target():
    releases = sorted(group for of in GROUPS.values() for group in of if group.startswith("matrix/"))
    assert releases == ["matrix/2.20", "matrix/2.21"]


def test_hidden_setup_targets_are_in_no_group():
    assert [name for name in GROUPS if "hidden" in aliases(name) and GROUPS[name]] == []


@pytest.mark.parametrize(
    "words, with_proxy, patterns, skipped",
    [
        ([], True, [], []),
        (["sandbox"], True, ["kafkaops/sandbox/"], []),
        (["sandbox"], False, ["kafkaops/sandbox/"], ["kafka_rest_consume", "kafka_rest_produce"]),
        (["kafka_connector", "kafka_rest_produce"], False, ["kafka_connector"], ["kafka_rest_produce"]),
        (["kafka_rest_produce"], True, ["kafka_rest_produce"], []),
        (["rest_proxy"], False, [], ["kafka_rest_consume", "kafka_rest_produce"]),
        (["kafka_.*"], False, ["kafka_.*"], []),
    ],
)
def test_selection_words_become_patterns_and_rest_proxy_targets_are_skipped_without_a_proxy(
    words, with_proxy, patterns, skipped
):
    groups = {
        "kafka_connector": {"sandbox"},
        "kafka_rest_produce": {"sandbox", "rest_proxy"},
        "kafka_rest_consume": {"sandbox", "rest_proxy"},
        "secure_tls_auth": {"secure"},
    }
    assert RUNNER.select(words, groups, with_proxy)[0::2] == (patterns, skipped)
