# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A request-counting HTTP proxy on loopback, for benchmarks.

Every contender of a benchmark talks to Kafka Connect through the same proxy, so that the
requests each one makes are counted the same way, whatever client it uses. Keep-alive on both
sides, so the proxy adds as little as it can to every request.
"""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Headers that describe one hop, not the message: never forwarded.
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class LoopbackServer:
    """A ThreadingHTTPServer on 127.0.0.1 (``self.server``) served from a thread while in ``with``."""

    def serve(self, handler, port):
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class CountingProxy(LoopbackServer):
    """``with CountingProxy(upstream, port) as proxy:`` then ``proxy.url``, ``proxy.count``, ``proxy.reset()``."""

    def __init__(self, upstream, port=0):
        parts = urlsplit(upstream)
        self.upstream_host, self.upstream_port = parts.hostname, parts.port or 80
        self._count = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self):
                proxy.counted()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS)
                response = proxy.send(self.command, self.path, body, headers)
                payload = response.read()
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in _HOP_HEADERS and key.lower() != "content-length":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = _forward

        self.serve(Handler, port)
        self._local = threading.local()

    @property
    def count(self):
        with self._lock:
            return self._count

    def counted(self):
        with self._lock:
            self._count += 1

    def reset(self):
        with self._lock:
            self._count = 0

    def send(self, method, path, body, headers):
        """One upstream keep-alive connection per proxy thread; reconnect once if it went stale."""
        for attempt in (1, 2):
            connection = getattr(self._local, "connection", None)
            if connection is None:
                connection = self._local.connection = http.client.HTTPConnection(
                    self.upstream_host, self.upstream_port, timeout=120
                )
            try:
                connection.request(method, path, body=body, headers=headers)
                return connection.getresponse()
            except (http.client.HTTPException, OSError):
                connection.close()
                self._local.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")
