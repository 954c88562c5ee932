# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fault-injecting HTTP proxy in front of one real Kafka Connect worker, for tests only.

    fault_proxy.py --upstream URL [--ca FILE] [--cert FILE --key FILE] [--port N] --port-file FILE [--lifetime SECONDS]

It listens on 127.0.0.1 (--port, or a free port; written to --port-file), talks plain HTTP to its clients and
forwards each request, headers (Authorization included) and body, to the upstream worker (HTTPS
allowed). Rules, set with ``PUT /_faults`` as a JSON list and matched in order, spoil some answers:

    {"method": "PUT", "path": "^/connectors/[^/]+/config$", "fault": "reset", "times": 2}

- ``reset``: forward, then send the status line, the headers and half the body, and reset the
  connection: the server acted, the client never learns the outcome.
- ``drop``: forward, then reset the connection before any byte of the answer.
- ``slow``: forward, then hold the answer ``seconds`` (at most 60) before sending it.
- ``status``: answer ``status`` (503, 409...) with Connect's JSON error body, without forwarding.

``times`` is how many matching requests the rule spoils (-1: all). ``GET /_faults/log`` lists every
request seen, with the fault applied, the status the client was meant to get, and the seconds since
the same request came before (``gap``);
``DELETE /_faults`` clears rules and log; ``POST /_faults/stop`` ends the proxy, which also ends by
itself after --lifetime seconds.
Loopback only: it refuses an upstream that is not on 127.0.0.1, ::1 or localhost.
"""

import argparse
import json
import os
import re
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
from http.client import HTTPConnection, HTTPSConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "::1", "localhost")
MAX_SLOW = 60.0
CONTROL = "/_faults"
# Hop-by-hop and framing headers: the proxy sets its own.
SKIP_HEADERS = {"host", "connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}


class Rule:
    def __init__(self, spec):
        self.method = spec.get("method", "*").upper()
        self.path = re.compile(spec.get("path", ".*"))
        self.fault = spec["fault"]
        if self.fault not in ("reset", "drop", "slow", "status"):
            raise ValueError("unknown fault %r" % self.fault)
        self.times = int(spec.get("times", 1))
        self.status = int(spec.get("status", 503))
        self.seconds = min(MAX_SLOW, float(spec.get("seconds", 10)))
        self.message = spec.get("message", "fault injected by the test proxy")

    def matches(self, method, path):
        return self.times != 0 and self.method in ("*", method) and self.path.search(path) is not None


class FaultProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream, context, port=0):
        super().__init__(("127.0.0.1", port), Handler)
        self.upstream = upstream
        self.context = context
        self.lock = threading.Lock()
        self.rules = []
        self.log = []
        self.last_seen = {}

    def server_bind(self):
        # HTTPServer.server_bind looks the host name up (getfqdn), which can hang without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def take(self, method, path):
        """The rule that spoils this request (or None), one use of it spent, and its log entry."""
        with self.lock:
            rule = next((r for r in self.rules if r.matches(method, path)), None)
            if rule is not None and rule.times > 0:
                rule.times -= 1
            now = time.monotonic()
            # Seconds since the same request came before: the client's backoff, as the server sees it.
            gap = self.last_seen.get((method, path))
            self.last_seen[(method, path)] = now
            entry = {
                "method": method,
                "path": path,
                "fault": rule.fault if rule else None,
                "gap": None if gap is None else round(now - gap, 3),
                "status": None,
            }
            self.log.append(entry)
            return rule, entry

    def connection(self):
        parts = urlsplit(self.upstream)
        if parts.scheme == "https":
            return HTTPSConnection(parts.hostname, parts.port, timeout=MAX_SLOW, context=self.context)
        return HTTPConnection(parts.hostname, parts.port, timeout=MAX_SLOW)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fault-proxy"

    def log_message(self, *args):  # quiet: the log is served at /_faults/log
        pass

    def do_GET(self):
        self.handle_any()

    do_PUT = do_POST = do_PATCH = do_DELETE = do_HEAD = do_GET

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        path = self.path.split("?", 1)[0]
        if path == CONTROL or path.startswith(CONTROL + "/"):
            self.control(path, body)
            return
        rule, entry = self.server.take(self.command, path)
        if rule is not None and rule.fault == "status":
            entry["status"] = rule.status
            self.answer(rule.status, {"error_code": rule.status, "message": rule.message})
            return
        status, reason, headers, data = self.forward(body)
        entry["status"] = status
        if rule is not None and rule.fault == "slow":
            time.sleep(rule.seconds)
        if rule is not None and rule.fault == "reset":
            self.reset_midway(status, reason, headers, data)
            return
        if rule is not None and rule.fault == "drop":
            self.reset()
            return
        self.send(status, reason, headers, data)

    def forward(self, body):
        conn = self.server.connection()
        try:
            headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in SKIP_HEADERS)
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in SKIP_HEADERS]
            return response.status, response.reason, kept, data
        finally:
            conn.close()

    def send(self, status, reason, headers, data):
        try:
            self.send_response(status, reason)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (a time-out): nothing to do

    def reset_midway(self, status, reason, headers, data):
        self.send_response(status, reason)
        for key, value in headers:
            self.send_header(key, value)
        # Announce the whole body, send half of it (at least the first byte), then reset.
        self.send_header("Content-Length", str(max(2, len(data))))
        self.end_headers()
        self.wfile.write(data[: max(1, len(data) // 2)])
        self.wfile.flush()
        self.reset()

    def reset(self):
        # SO_LINGER 0: close() sends a TCP RST at once, as a crashed server or a load balancer would.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def answer(self, status, document):
        self.send(status, None, [("Content-Type", "application/json")], json.dumps(document).encode())

    def control(self, path, body):
        server = self.server
        if self.command == "PUT" and path == CONTROL:
            try:
                rules = [Rule(spec) for spec in json.loads(body or b"[]")]
            except (ValueError, KeyError, TypeError) as exc:
                self.answer(400, {"error_code": 400, "message": "bad rules: %s" % exc})
                return
            with server.lock:
                server.rules = rules
            self.answer(200, {"rules": len(rules)})
        elif self.command == "DELETE" and path == CONTROL:
            with server.lock:
                server.rules, server.log, server.last_seen = [], [], {}
            self.answer(200, {"rules": 0})
        elif self.command == "GET" and path == CONTROL + "/log":
            with server.lock:
                self.answer(200, list(server.log))
        elif self.command == "POST" and path == CONTROL + "/stop":
            self.answer(200, {"stopping": True})
            threading.Thread(target=server.shutdown, daemon=True).start()
        else:
            self.answer(404, {"error_code": 404, "message": "unknown control request"})


def build_context(ca, cert, key):
    context = ssl.create_default_context(cafile=ca)
    if cert:
        context.load_cert_chain(cert, key)
    return context


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--ca")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--lifetime", type=float, default=300.0)
    args = parser.parse_args(argv)
    if urlsplit(args.upstream).hostname not in LOOPBACK:
        parser.error("the upstream must be on loopback (%s)" % ", ".join(LOOPBACK))
    server = FaultProxy(args.upstream.rstrip("/"), build_context(args.ca, args.cert, args.key), args.port)
    # Bounded: whatever the test does, the proxy is gone after its lifetime.
    timer = threading.Timer(max(1.0, args.lifetime), server.shutdown)
    timer.daemon = True
    timer.start()
    # Written whole, then renamed: a reader never sees half a port number.
    with open(args.port_file + ".tmp", "w") as handle:
        handle.write("%d\n" % server.server_address[1])
    os.rename(args.port_file + ".tmp", args.port_file)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        timer.cancel()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
