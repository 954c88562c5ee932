# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The schema registry's build in the sandbox cache, which every checkout on a machine shares: a
checkout whose sandbox/registry differs builds beside the others' builds, never over the one a
running registry of another checkout reads, and an unchanged sandbox/registry is not built again.

Runs sandbox/lib/registry.sh's registry_build with a stand-in for Maven that writes what the poms
name as their output (their <build><directory> and plugin.dir, interpolated as Maven does), so
the test takes seconds and downloads nothing."""

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

SANDBOX = os.path.join(os.path.dirname(__file__), "..", "..", "sandbox")

FAKE_MVN = r'''#!/usr/bin/env python3
"""Maven's `package` as far as the sandbox sees it: the pom's outputs, holding the checkout's
registry.properties, and one line in the cache's mvn-calls log per run."""
import os, re, sys
import xml.etree.ElementTree as ET

args = sys.argv[1:]
pom = args[args.index("-f") + 1]
props = {"user.home": os.environ["HOME"]}
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
root = ET.parse(pom).getroot()
for prop in root.find("m:properties", ns):
    props[prop.tag.split("}")[1]] = prop.text
props.update(a[2:].split("=", 1) for a in args if a.startswith("-D"))

def value(text):
    while "${" in text:
        text = re.sub(r"\$\{([^}]+)\}", lambda m: props[m.group(1)], text)
    return text

registry_dir = os.path.dirname(os.path.abspath(pom))
if os.path.basename(registry_dir) == "converter":
    out = os.path.join(value(props["plugin.dir"]), "converter.jar")
    registry_dir = os.path.dirname(registry_dir)
else:
    out = os.path.join(value(root.find("m:build/m:directory", ns).text), "quarkus-app", "quarkus-run.jar")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(os.path.join(registry_dir, "registry.properties")) as source, open(out, "w") as jar:
    jar.write(source.read())
with open(os.path.join(props["sandbox.cache"], "mvn-calls"), "a") as calls:
    calls.write(pom + "\n")
'''


@pytest.fixture
def maven(tmp_path):
    """A Maven installation: the stand-in mvn, and the model-builder jar the sandbox reads Central's URL from."""
    home = tmp_path / "maven"
    (home / "bin").mkdir(parents=True)
    (home / "lib").mkdir()
    mvn = home / "bin" / "mvn"
    mvn.write_text(FAKE_MVN)
    mvn.chmod(0o755)
    with zipfile.ZipFile(home / "lib" / "maven-model-builder-3.9.9.jar", "w") as jar:
        jar.writestr("org/apache/maven/model/pom-4.0.0.xml", "<url>http://127.0.0.1:9/maven2</url>\n")
    return home / "bin"


def checkout(tmp_path, name, registry_line=""):
    """A checkout's sandbox folder, its registry.properties with one line of its own."""
    sandbox = tmp_path / name / "sandbox"
    for part in ("lib", "registry"):
        shutil.copytree(os.path.join(SANDBOX, part), sandbox / part)
    with open(sandbox / "registry" / "registry.properties", "a") as properties:
        properties.write(registry_line)
    return sandbox


def build(sandbox, cache, maven):
    """registry_build in that checkout; the jar its registry would run."""
    script = '. "$SANDBOX_DIR/lib/common.sh"; . "$SANDBOX_DIR/lib/registry.sh"; registry_build; echo "$REGISTRY_APP"'
    env = dict(os.environ, SANDBOX_DIR=str(sandbox), CACHE=str(cache), SECURE="", HOME=str(cache.parent))
    env["PATH"] = "%s:%s" % (maven, env["PATH"])
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], env=env, check=False, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def mvn_calls(cache):
    return (cache / "mvn-calls").read_text().count("\n") if (cache / "mvn-calls").exists() else 0


def test_a_checkout_with_another_registry_builds_beside_a_running_one(tmp_path, maven):
    cache = tmp_path / "cache"
    first, second = checkout(tmp_path, "first"), checkout(tmp_path, "second", "# changed on a branch\n")
    running = build(first, cache, maven)
    jar = os.stat(running)
    built = build(second, cache, maven)
    # The first checkout's registry still runs from the very file it started from.
    assert os.stat(running).st_ino == jar.st_ino
    assert "# changed on a branch" not in Path(running).read_text()
    assert built != running
    assert "# changed on a branch" in Path(built).read_text()
    assert mvn_calls(cache) == 4


def test_an_unchanged_registry_is_not_built_again(tmp_path, maven):
    cache = tmp_path / "cache"
    first, same = checkout(tmp_path, "first"), checkout(tmp_path, "same")
    app = build(first, cache, maven)
    assert build(same, cache, maven) == app
    assert build(first, cache, maven) == app
    assert mvn_calls(cache) == 2
