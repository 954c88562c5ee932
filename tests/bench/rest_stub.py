# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A loopback stand-in for a REST Proxy's produce path, for benchmarks only.

It answers detection and ``POST /topics/{topic}`` in the shapes recorded from Karapace 5.0.3
and the Strimzi Kafka Bridge 1.1.0 (see the unit fixtures' SOURCES.md), writes nothing
anywhere, and can wait a fixed time per request. Figures measured against it are the cost on
the client side (building, sending and reading requests), never a proxy's throughput.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOTS = {"karapace": b"{}", "bridge": b'{"bridge_version":"1.1.0"}'}


def _offsets(shape, count, first):
    if shape == "karapace":
        entries = [{"offset": first + n, "partition": 0} for n in range(count)]
        return {"key_schema_id": None, "offsets": entries, "value_schema_id": None}
    return {"offsets": [{"partition": 0, "offset": first + n} for n in range(count)]}


class StubProxy:
    """``with StubProxy("bridge") as url:`` serves on 127.0.0.1, on a port the system picks."""

    def __init__(self, shape, delay=0.0):
        self.shape = shape
        self.delay = delay
        self.records = 0
        self.requests = 0
        self._lock = threading.Lock()
        self._server = None

    def __enter__(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self, status, body, kind="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                with stub._lock:
                    stub.requests += 1
                if self.path == "/":
                    self._answer(200, ROOTS[stub.shape])
                else:
                    # Karapace answers unknown paths (/v3/clusters) with a plain-text 404.
                    self._answer(404, b"404: Not Found", "text/plain")

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                count = len(body.get("records") or [])
                if stub.delay:
                    time.sleep(stub.delay)
                with stub._lock:
                    stub.requests += 1
                    first, stub.records = stub.records, stub.records + count
                self._answer(200, json.dumps(_offsets(stub.shape, count, first)).encode())

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
