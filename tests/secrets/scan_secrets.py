#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Prove that no secret a test suite used reached its output.

Every suite that handles secrets tees its whole output (``-vvv``, ``--diff``) into
``.build/logs/<suite>.log`` and lists the secret values it used, one per line, in
``.build/logs/<suite>.secrets``. This scans every log for every secret of every suite, in the
forms a leak would take (as is, JSON-escaped, URL-encoded, base64), and fails naming the file
and line of each hit. A hit is shown masked: the scanner must not leak what it looks for.

It also fails when it found no secrets or no logs, since a scan that cannot fail proves nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import base64
import glob
import json
import os
import sys
from urllib.parse import quote

# Shorter values would match by chance (and a real secret this short is a finding of its own).
MIN_SECRET_LENGTH = 8
DEFAULT_LOGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "logs")


def masked(secret):
    """Enough to tell secrets apart in a report, not enough to use one."""
    return "%s%s (%d characters)" % (secret[:2], "*" * 6, len(secret))


def read_secrets(paths):
    secrets = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                value = line.rstrip("\r\n")
                if value:
                    secrets.setdefault(value, os.path.basename(path))
    return secrets


def leak_forms(secret):
    """The spellings under which ``secret`` could appear in output."""
    forms = {secret, json.dumps(secret)[1:-1], quote(secret, safe=""), base64.b64encode(secret.encode()).decode()}
    return sorted((f for f in forms if f), key=len, reverse=True)


def scan(log_dir):
    secret_files = sorted(glob.glob(os.path.join(log_dir, "**", "*.secrets"), recursive=True))
    log_files = sorted(glob.glob(os.path.join(log_dir, "**", "*.log"), recursive=True))
    secrets = read_secrets(secret_files)
    problems = []
    if not secret_files or not secrets:
        problems.append("no secrets listed in %s/*.secrets: the suites must say which values they used" % log_dir)
    if not log_files:
        problems.append("no logs in %s/*.log: the suites must tee their output there" % log_dir)
    short = [s for s in secrets if len(s) < MIN_SECRET_LENGTH]
    for secret in short:
        problems.append(
            "secret %s from %s is shorter than %d characters: use a distinctive test value"
            % (masked(secret), secrets[secret], MIN_SECRET_LENGTH)
        )
    forms = dict((secret, leak_forms(secret)) for secret in secrets if secret not in short)
    lines = hits = 0
    for path in log_files:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                lines += 1
                for secret, spellings in forms.items():
                    if any(form in line for form in spellings):
                        hits += 1
                        problems.append(
                            "%s:%d holds secret %s (listed in %s)"
                            % (os.path.relpath(path), number, masked(secret), secrets[secret])
                        )
    print(
        "secrets-scan: %d lines in %d log files scanned for %d secrets from %d suites; %d hits"
        % (lines, len(log_files), len(secrets), len(secret_files), hits)
    )
    for path in log_files:
        print("  scanned %s" % os.path.relpath(path))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", default=DEFAULT_LOGS, help="the folder of *.log and *.secrets files")
    args = parser.parse_args(argv)
    problems = scan(os.path.normpath(args.logs))
    for problem in problems:
        print("secrets-scan: FAIL: %s" % problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
