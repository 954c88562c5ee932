# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A loopback stand-in for Kafka Connect's connector listing, for benchmarks only.

It answers ``GET /connectors?expand=info&expand=status`` (and ``GET /connectors``) with a
recorded answer of the sandbox's Connect 4.3.1 (``fixtures/connect_expand_info_status.json``)
scaled to N connectors: the first recorded connector is copied N times, each copy with the
name, file and topic the many-connector benchmark gives connector i. The answer is serialised
once, so the stub costs the same for every contender. Nothing else is served (HTTP 404), so
a contender that writes shows at once.
"""

import copy
import json
import os
from http.server import BaseHTTPRequestHandler

from counting_proxy import LoopbackServer

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "connect_expand_info_status.json")


def load_fixture(path=FIXTURE):
    with open(path) as handle:
        return json.load(handle)["answer"]


def scaled(recorded, names, config_of):
    """``recorded`` (one expanded answer) scaled to ``names``: the first recorded connector,
    renamed, with the config ``config_of(i, name)`` gives (values as the strings Connect stores)."""
    template = recorded[sorted(recorded)[0]]
    answer = {}
    for i, name in enumerate(names):
        entry = copy.deepcopy(template)
        config = dict((k, str(v)) for k, v in config_of(i, name).items())
        config["name"] = name
        entry["info"].update(name=name, config=config)
        entry["info"]["tasks"] = [{"connector": name, "task": t["task"]} for t in entry["info"]["tasks"]]
        entry["status"]["name"] = name
        answer[name] = entry
    return answer


class ConnectStub(LoopbackServer):
    """``with ConnectStub(answer, port) as stub:`` then ``stub.url``; serves on 127.0.0.1."""

    def __init__(self, answer, port=0):
        expanded = json.dumps(answer).encode()
        names = json.dumps(sorted(answer)).encode()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.startswith("/connectors?") and "expand=info" in self.path:
                    self._send(200, expanded)
                elif self.path in ("/connectors", "/connectors/"):
                    self._send(200, names)
                else:
                    self._send(404, b'{"error_code":404,"message":"not served by the benchmark stub"}')

            do_PUT = do_POST = do_DELETE = do_PATCH = do_GET

            def _send(self, status, body):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.serve(Handler, port)
        self.body_bytes = len(expanded)


def main():
    """``python connect_stub.py N PORT``: serve the recorded answer scaled to N connectors until killed."""
    import sys

    from bench_kafka_connectors import connector_config, connector_name

    n, port = int(sys.argv[1]), int(sys.argv[2])
    answer = scaled(load_fixture(), [connector_name(i) for i in range(n)], connector_config)
    stub = ConnectStub(answer, port)
    print("serving %d connectors on %s" % (n, stub.url), flush=True)
    stub.server.serve_forever()


if __name__ == "__main__":
    main()
