# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the EXAMPLES of a module, as the documentation shows them, as a YAML list of tasks.

Only addresses change: the documented worker and schema registry URLs become the sandbox's (a
second documented registry node, registry-1, becomes a port where nothing listens, so that failover
is used), and /tmp/ paths move into the sandbox's files directory. Anything else in the examples
runs exactly as a reader copies it.
"""

import ast
import os
import sys

import yaml


def examples_of(module_path):
    with open(module_path, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return node.value.value
    raise SystemExit("no EXAMPLES in %s" % module_path)


def main(module_path, sandbox_config, out_path):
    with open(sandbox_config, encoding="utf-8") as config:
        sandbox = yaml.safe_load(config)
    text = examples_of(module_path)
    registry = sandbox.get("sandbox_schema_registry_url", "")
    for documented, local in (
        ("http://localhost:8083", sandbox["sandbox_connect_urls"][0]),
        ("http://localhost:8084", sandbox["sandbox_connect_urls"][1]),
        ("http://localhost:8080/apis/ccompat/v7", registry),
        ("http://localhost:8081", registry),
        ("http://registry-1:8081", "http://127.0.0.1:9"),
        ("http://registry-2:8081", registry),
        ("/tmp/", sandbox["sandbox_files_dir"] + "/"),
    ):
        text = text.replace(documented, local)
    # The module's own examples call it by its FQCN; the others only show what to do with its result.
    fqcn = "kafkaops.connect." + os.path.splitext(os.path.basename(module_path))[0]
    tasks = yaml.safe_load(text)
    if not any(fqcn in task for task in tasks):
        raise SystemExit("no example calls %s by its FQCN" % fqcn)
    for task in tasks:
        short = [key for key in task if key.startswith("kafka_")]
        if short:
            raise SystemExit("example %r calls %s without its FQCN" % (task.get("name"), short[0]))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
