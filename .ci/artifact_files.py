"""Check that a built collection tarball holds exactly the files git would ship.

Usage: artifact_files.py TARBALL

Expected: the files git knows of (tracked, plus untracked ones that .gitignore does not hide,
as `make copy` takes them), less those that ``galaxy.yml``'s ``build_ignore`` or ansible-galaxy's
own ignore list leave out. Shipped: the regular files in the tarball, less the MANIFEST.json and
FILES.json that ansible-galaxy writes. Any difference is printed, one path a line, and exits 1:
a stray file (a test cache, a local config) must be listed in build_ignore before it ships, and
a missing one means a build_ignore pattern catches more than it should.

ansible-galaxy (ansible/galaxy/collection/__init__.py, _build_files_manifest_walk) matches each
pattern with fnmatch against every directory's and file's path relative to the collection root,
so a pattern that matches a directory drops everything under it, and ``*`` also matches ``/``.
"""

import fnmatch
import os
import subprocess
import sys
import tarfile

import yaml

# ansible-galaxy's own patterns and directory names, added to build_ignore by every build.
GALAXY_PATTERNS = [
    "MANIFEST.json",
    "FILES.json",
    "galaxy.yml",
    "galaxy.yaml",
    ".git",
    "*.pyc",
    "*.retry",
    "tests/output",
    "{namespace}-{name}-*.tar.gz",
]
GALAXY_DIRS = {"CVS", ".bzr", ".hg", ".git", ".svn", "__pycache__", ".tox"}
WRITTEN_BY_BUILD = {"MANIFEST.json", "FILES.json"}


def ignored(path, patterns):
    """True when ansible-galaxy would leave ``path`` out: it or one of its directories matches."""
    parts = path.split("/")
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        if depth < len(parts) and parts[depth - 1] in GALAXY_DIRS:
            return True
        if any(fnmatch.fnmatchcase(prefix, pattern) for pattern in patterns):
            return True
    return False


def expected_files(root="."):
    with open(os.path.join(root, "galaxy.yml")) as handle:
        meta = yaml.safe_load(handle)
    patterns = [p.format(**meta) for p in GALAXY_PATTERNS] + list(meta.get("build_ignore") or [])
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\0")
    return {
        path for path in listed if path and os.path.isfile(os.path.join(root, path)) and not ignored(path, patterns)
    }


def shipped_files(tarball):
    with tarfile.open(tarball) as archive:
        return {
            member.name
            for member in archive.getmembers()
            if (member.isfile() or member.issym()) and member.name not in WRITTEN_BY_BUILD
        }


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: artifact_files.py TARBALL")
    expected, shipped = expected_files(), shipped_files(argv[1])
    stray, missing = sorted(shipped - expected), sorted(expected - shipped)
    for path in stray:
        print("stray (in the artifact, not in git less build_ignore): %s" % path)
    for path in missing:
        print("missing (in git less build_ignore, not in the artifact): %s" % path)
    if stray or missing:
        sys.exit("the artifact's file list differs from git ls-files less build_ignore; fix galaxy.yml build_ignore")
    print("artifact file list: the %d files of git ls-files less build_ignore, nothing else" % len(shipped))


if __name__ == "__main__":
    main(sys.argv)
