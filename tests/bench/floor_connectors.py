# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plain-Python floor of the many-connector benchmark, as a process of its own.

    python floor_connectors.py URL ITEMS.json HAS_CONNECTORS

What any client must at least send, over one keep-alive session: to delete, one DELETE per
connector; otherwise one expanded GET (when the server has connectors), then one PUT per
connector whose stored config differs. It validates nothing and waits for nothing.
"""

import json
import sys

import requests


def main():
    url, items_path, has_connectors = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    with open(items_path) as handle:
        items = json.load(handle)
    session = requests.Session()
    wanted = [i for i in items if i["state"] != "absent"]
    if len(wanted) < len(items):
        for item in items:
            session.delete("%s/connectors/%s" % (url, item["name"])).raise_for_status()
        return
    current = {}
    if has_connectors:
        answer = session.get(url + "/connectors", params=[("expand", "info"), ("expand", "status")])
        answer.raise_for_status()
        current = answer.json()
    for item in wanted:
        config = dict((k, str(v)) for k, v in item["config"].items())
        stored = ((current.get(item["name"]) or {}).get("info") or {}).get("config") or {}
        stored = dict((k, v) for k, v in stored.items() if k != "name")
        if stored != config:
            session.put("%s/connectors/%s/config" % (url, item["name"]), json=config).raise_for_status()


if __name__ == "__main__":
    main()
