#!/usr/bin/env python
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A web server that is not Kafka Connect, for the test that points connect_url at one.

Serves HTML on a free loopback port (written with its pid to the file named by the first
argument) and stops by itself after the number of seconds given as the second argument.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys
import threading
from http.server import HTTPServer, SimpleHTTPRequestHandler


class Handler(SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/":
            body = b"<!DOCTYPE html><html><head><title>Just a web server</title></head><body>hi</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


def main():
    server = HTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1] + ".tmp", "w") as handle:
        handle.write("%d %d\n" % (server.server_address[1], os.getpid()))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    threading.Timer(float(sys.argv[2]), server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
