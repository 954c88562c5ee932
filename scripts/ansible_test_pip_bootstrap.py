# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stand-in for the pip bootstrap script that ansible-test downloads for its sanity venvs.

ansible-test creates every sanity-test virtual environment without pip and then runs a
``get-pip`` script that it fetches from its own file server; machines that reach only the
Python package index cannot fetch it. This script takes its place in ansible-test's cache:
it installs pip from the standard library's ``ensurepip`` and then the requested packages
from the package index, accepting the get-pip options ansible-test passes.
"""

import subprocess
import sys

GET_PIP_ONLY_OPTIONS = {"--no-setuptools", "--no-wheel"}


def main():
    args = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY_OPTIONS]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + args)


if __name__ == "__main__":
    main()
