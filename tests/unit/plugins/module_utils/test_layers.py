# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Imports go downwards only, as the layer table of docs/contributing.md defines them.

The table in the document is the one definition: this test reads it, so the rule a contributor reads
is the rule that is checked. Imports are read from the source (``ast``), none is executed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os
import re

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..")
UTILS = os.path.join(ROOT, "plugins", "module_utils")
MODULES = os.path.join(ROOT, "plugins", "modules")
PACKAGE = "ansible_collections.kafkaops.connect.plugins.module_utils"
# The layers allowed to import ansible itself: the AnsibleModule glue and the modules.
ANSIBLE_FROM = "glue"


def layers():
    """``[(layer, [file names])]``, lowest first, from the table between ``<!-- layers -->`` marks."""
    with open(os.path.join(ROOT, "docs", "contributing.md")) as handle:
        text = handle.read()
    table = text.split("<!-- layers -->")[1].split("<!-- /layers -->")[0]
    rows = [line.split("|")[1:3] for line in table.strip().splitlines()[2:]]
    return [(layer.strip(), re.findall(r"`([^`]+)`", files)) for layer, files in rows]


def layer_of():
    """``{file: (rank, layer)}`` for every file named in the table; modules are ``*`` of the top layer."""
    ranks = {}
    for rank, (layer, files) in enumerate(layers()):
        for name in files:
            ranks[name] = (rank, layer)
    return ranks


def imports(path):
    """The module_utils files ``path`` imports, and whether it imports ansible itself."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    ours, ansible = set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from ._http import ... / from . import _http
                ours.update([node.module] if node.module else [a.name for a in node.names])
                continue
            names = [node.module or ""]
            if node.module == PACKAGE:
                ours.update(alias.name for alias in node.names)
                continue
        else:
            continue
        for name in names:
            if name.startswith(PACKAGE + "."):
                ours.add(name[len(PACKAGE) + 1 :].split(".")[0])
            elif name == "ansible" or name.startswith("ansible."):
                ansible = True
    return ours, ansible


def sources(utils=UTILS):
    """``(label, layer key, path)`` of every file the rule covers."""
    for name in sorted(os.listdir(utils)):
        if name.endswith(".py") and name != "__init__.py":
            yield "plugins/module_utils/" + name, name[:-3], os.path.join(utils, name)
    for name in sorted(os.listdir(MODULES)):
        if name.endswith(".py") and name != "__init__.py":
            yield "plugins/modules/" + name, "plugins/modules/*", os.path.join(MODULES, name)


def violations(utils=UTILS):
    ranks = layer_of()
    glue = next(rank for rank, (layer, _files) in enumerate(layers()) if layer == ANSIBLE_FROM)
    found = []
    for label, key, path in sources(utils):
        if key not in ranks:
            found.append("%s is in no layer: give it a row in docs/contributing.md" % label)
            continue
        rank, layer = ranks[key]
        ours, ansible = imports(path)
        for name in sorted(ours):
            if name not in ranks:
                found.append("%s imports %s, which is in no layer" % (label, name))
            elif ranks[name][0] > rank:
                found.append("%s (%s) imports %s of a higher layer (%s)" % (label, layer, name, ranks[name][1]))
        if ansible and rank < glue:
            found.append("%s (%s) imports ansible; only the glue and the modules may" % (label, layer))
    return found


def test_the_table_names_each_layer_once_and_the_glue():
    names = [layer for layer, _files in layers()]
    assert len(names) == len(set(names)) >= 3
    assert ANSIBLE_FROM in names and names[-1] == "modules"


def test_imports_go_downwards_and_ansible_only_from_the_glue_up():
    assert violations() == []


def test_an_upward_import_is_caught(tmp_path):
    # The check itself must be able to fail: a rules file importing the glue, as the connector
    # domain once imported redact from the glue.
    bad = tmp_path / "module_utils"
    bad.mkdir()
    (bad / "_secrets.py").write_text(
        "from ansible_collections.kafkaops.connect.plugins.module_utils._module import redact\n"
        "from ansible.module_utils.basic import AnsibleModule\n"
    )
    found = violations(str(bad))
    assert "plugins/module_utils/_secrets.py (rules) imports _module of a higher layer (glue)" in found
    assert "plugins/module_utils/_secrets.py (rules) imports ansible; only the glue and the modules may" in found
