# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turn the user guide's task snippets into one playbook, so the guide is tested as written.

Every ```yaml block in the guide except the first (the play header that shows module_defaults)
must follow a marker comment:

    <!-- guide: run -->                      the tasks run against the sandbox, in guide order
    <!-- guide: syntax-only (reason) -->     needs what the sandbox lacks: each of the collection's
                                             modules in it runs in check mode against a dead URL,
                                             which proves its arguments are accepted (the only
                                             error allowed is that no server answered); the
                                             other tasks of the snippet are skipped

A yaml block without a marker fails the extraction, so a new snippet cannot slip by untested.
The snippets get the sandbox's URLs from module_defaults, as the guide tells readers to do.
"""

import re
import sys

import yaml

BLOCK = re.compile(r"(?:<!--\s*guide:\s*(?P<mode>[a-z-]+)[^>]*-->\s*\n)?```yaml\n(?P<body>.*?)```", re.S)


def snippets(text):
    found = list(BLOCK.finditer(text))
    if not found:
        raise SystemExit("no yaml snippets found in the guide")
    header, tasks = found[0], found[1:]
    plays = yaml.safe_load(header.group("body"))
    if not (isinstance(plays, list) and "module_defaults" in plays[0]):
        raise SystemExit("the guide's first yaml block must be the play header with module_defaults")
    for match in tasks:
        mode = match.group("mode")
        line = text.count("\n", 0, match.start()) + 1
        if mode not in ("run", "syntax-only"):
            raise SystemExit("guide line %d: yaml block without a <!-- guide: run|syntax-only --> marker" % line)
        body = yaml.safe_load(match.group("body"))
        if not isinstance(body, list):
            raise SystemExit("guide line %d: a snippet must be a list of tasks" % line)
        yield mode, line, body


def argument_check(task, line):
    """The task itself in check mode, and an assertion that it failed only for want of a server."""
    module = next((key for key in task if key.startswith("kafkaops.connect.")), None)
    if module is None:
        return [dict(task, when=False)]
    result = "guide_line_%d" % line
    checked = dict(task, check_mode=True, ignore_errors=True, register=result)
    checked["name"] = "%s (arguments only)" % task.get("name", module)
    assertion = {
        "name": "Guide line %d: %s accepted its arguments" % (line, module),
        "ansible.builtin.assert": {
            "that": ["%s is not failed or 'no server answered' in %s.msg" % (result, result)],
            "fail_msg": "{{ %s.msg }}" % result,
        },
    }
    return [checked, assertion]


def main():
    guide, run_path, syntax_path = sys.argv[1:4]
    with open(guide) as handle:
        text = handle.read()
    run, syntax_only = [], []
    for mode, line, tasks in snippets(text):
        for task in tasks:
            task.setdefault("tags", []).append("guide-line-%d" % line)
            if mode == "run":
                run.append(task)
            else:
                syntax_only.extend(argument_check(task, line))

    def play(tasks):
        return [
            {
                "name": "Snippets of the user guide",
                "hosts": "localhost",
                "gather_facts": False,
                "module_defaults": {
                    "group/kafkaops.connect.connect": {"connect_url": "{{ sandbox_connect_urls }}"},
                    # Nothing listens on port 1: syntax-only snippets fail fast, after their arguments were checked.
                    "group/kafkaops.connect.rest_proxy": {"rest_proxy_url": "http://127.0.0.1:1", "retries": 0},
                },
                "tasks": tasks,
            }
        ]

    for path, tasks in ((run_path, run), (syntax_path, syntax_only)):
        with open(path, "w") as handle:
            yaml.safe_dump(play(tasks), handle, sort_keys=False)
    print("%d tasks to run, %d to syntax-check (%d lines of guide)" % (len(run), len(syntax_only), text.count("\n")))


if __name__ == "__main__":
    main()
