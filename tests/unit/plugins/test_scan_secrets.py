# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The secrets scanner must find a leak in any spelling, never print the secret it found, and
refuse to pass when it had nothing to look for or nothing to look in."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import importlib.util
import os

import pytest

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "secrets", "scan_secrets.py")
SECRET = 'pw-"quoted"/9f3a'


@pytest.fixture
def scanner():
    spec = importlib.util.spec_from_file_location("scan_secrets", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "spelling",
    [SECRET, '"pw-\\"quoted\\"/9f3a"', "pw-%22quoted%22%2F9f3a", base64.b64encode(SECRET.encode()).decode()],
    ids=["plain", "json", "url", "base64"],
)
def test_a_leak_fails_naming_file_and_line_without_the_secret(scanner, tmp_path, capsys, spelling):
    write(tmp_path, "suite.secrets", SECRET + "\n")
    write(tmp_path, "suite.log", "ok\nok: [testhost] => %s\n" % spelling)
    assert scanner.main(["--logs", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "suite.log:2 holds secret pw****** (16 characters)" in out
    assert SECRET not in out and "quoted" not in out


def test_clean_logs_pass_and_say_how_much_was_scanned(scanner, tmp_path, capsys):
    write(tmp_path, "a.secrets", SECRET + "\nanother-secret-1\n")
    write(tmp_path, "a.log", "line\n" * 5)
    write(tmp_path, "b.log", "masked: ********\n")
    assert scanner.main(["--logs", str(tmp_path)]) == 0
    assert "6 lines in 2 log files scanned for 2 secrets from 1 suites; 0 hits" in capsys.readouterr().out


@pytest.mark.parametrize(
    "files, complaint",
    [
        ({"a.log": "x\n"}, "no secrets listed"),
        ({"a.secrets": "\n", "a.log": "x\n"}, "no secrets listed"),
        ({"a.secrets": "long-enough-secret\n"}, "no logs"),
        ({"a.secrets": "short\n", "a.log": "x\n"}, "shorter than 8 characters"),
    ],
)
def test_a_scan_that_could_not_fail_fails(scanner, tmp_path, capsys, files, complaint):
    for name, text in files.items():
        write(tmp_path, name, text)
    assert scanner.main(["--logs", str(tmp_path)]) == 1
    assert complaint in capsys.readouterr().out
