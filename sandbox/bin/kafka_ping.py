# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ask a Kafka broker for cluster metadata over the wire protocol, with no client library.

Exit 0 and print the broker count and cluster id when the broker answers a Metadata request
(v4: the oldest version Kafka 4.x still serves); exit 1 otherwise. Starting a JVM tool just
to ask "are you up?" costs seconds per poll, this costs milliseconds.
"""

import socket
import struct
import sys

METADATA = 3
VERSION = 4


def _string(value):
    data = value.encode()
    return struct.pack(">h", len(data)) + data


def _read_exact(sock, size):
    chunks = b""
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("connection closed by broker")
        chunks += chunk
    return chunks


class _Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        size = struct.calcsize(fmt)
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return value

    def string(self):
        size = self.take(">h")
        if size < 0:
            return None
        value = self.data[self.pos : self.pos + size].decode()
        self.pos += size
        return value


def metadata(host, port, timeout=3.0):
    # Request header v1 (api key, version, correlation id, client id), then the v4 body:
    # topics = null (-1: all topics) and allow_auto_topic_creation = false.
    body = struct.pack(">hhi", METADATA, VERSION, 7) + _string("kafkaops-sandbox-ping")
    body += struct.pack(">i?", -1, False)
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(struct.pack(">i", len(body)) + body)
        size = struct.unpack(">i", _read_exact(sock, 4))[0]
        reader = _Reader(_read_exact(sock, size))
    if reader.take(">i") != 7:
        raise ValueError("unexpected correlation id")
    reader.take(">i")  # throttle time
    brokers = reader.take(">i")
    for _broker in range(brokers):
        reader.take(">i")
        reader.string()
        reader.take(">i")
        reader.string()
    cluster_id = reader.string()
    return brokers, cluster_id


def main():
    host, _sep, port = (sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092").rpartition(":")
    try:
        brokers, cluster_id = metadata(host, int(port))
    except (OSError, ValueError, struct.error) as exc:
        print("no metadata from %s:%s: %s" % (host, port, exc), file=sys.stderr)
        return 1
    if brokers < 1:
        print("broker answered but lists no brokers yet", file=sys.stderr)
        return 1
    print("brokers=%d cluster_id=%s" % (brokers, cluster_id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
