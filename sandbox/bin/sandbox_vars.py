# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sandbox's facts as YAML variables, for ansible-test's integration_config.yml, molecule and
the demo (`sandbox vars`): one mapping, with the secure profile's keys added to it, serialised by
PyYAML so that any value (a password with a colon or a quote) reads back as it was.

sandbox/bin/sandbox exports the profile's settings it reads (RUN, SCHEME, the ports, PG_*, ...)
before running this; they are read from the environment.
"""

import os
import sys

import yaml


def mapping(env):
    def url(port):
        return "%s://127.0.0.1:%s" % (env["SCHEME"], port)

    run = env["RUN"]
    facts = {
        "sandbox_secure": bool(env.get("SECURE")),
        "sandbox_connect_urls": [url(env["CONNECT_PORT_1"]), url(env["CONNECT_PORT_2"])],
        "sandbox_kafka_bootstrap": "127.0.0.1:%s" % env["KAFKA_PORT"],
        # The worker that `sandbox worker start connect-3` adds to the group (stopped otherwise), for worker-loss tests.
        "sandbox_connect_url_3": url(env["CONNECT_PORT_3"]),
        "sandbox_files_dir": run + "/files",
        "sandbox_bin": run + "/sandbox",
        "sandbox_pg_host": "127.0.0.1",
        "sandbox_pg_port": int(env["PG_PORT"]),
        "sandbox_pg_database": env["PG_DB"],
        "sandbox_pg_user": env["PG_USER"],
        "sandbox_pg_password": env["PG_PASSWORD"],
        "sandbox_schema_registry_url": env["REGISTRY_URL"],
        "sandbox_rest_proxy_urls": env.get("REST_PROXY_URLS", "").split(),
    }
    if not env.get("SECURE"):
        return facts
    auth = {
        "url_username": env["CONNECT_USER"],
        "url_password": env["CONNECT_PASSWORD"],
        "ca_path": run + "/tls/ca.crt",
        "client_cert": run + "/tls/client.crt",
        "client_key": run + "/tls/client.key",
    }
    facts.update(
        {
            # The worker that requires a client certificate.
            "sandbox_connect_mtls_url": url(env["CONNECT_PORT_2"]),
            # A loopback port nothing else of the sandbox uses, for a test's own server (the fault proxy).
            "sandbox_spare_port": int(env["SPARE_PORT"]),
            "sandbox_connect_username": auth["url_username"],
            "sandbox_connect_password": auth["url_password"],
            "sandbox_ca_path": auth["ca_path"],
            "sandbox_client_cert": auth["client_cert"],
            "sandbox_client_key": auth["client_key"],
            # Every option a Connect module needs besides connect_url (module_defaults, inventories).
            "sandbox_connect_auth": auth,
            # Connect resolves the reference from the file; psql gets the password from a wrapper.
            "sandbox_pg_password": "${file:%s/secrets/postgres.properties:password}" % run,
            "sandbox_psql_executable": run + "/bin/psql",
        }
    )
    return facts


if __name__ == "__main__":
    yaml.safe_dump(mapping(os.environ), sys.stdout, default_flow_style=False, sort_keys=False)
