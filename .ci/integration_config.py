"""Write the integration targets' config: the sandbox's vars plus fresh secrets.

Usage: sandbox/bin/sandbox vars | integration_config.py CONFIG SECRETS

CONFIG gets the sandbox's vars (read as YAML from stdin) and ``it_secret_password``,
``it_secret_header``, ``it_secret_config``, ``it_secret_export`` and ``it_secret_file``, new for
each run so that the secrets scan looks for values no earlier run left behind. SECRETS lists, one
a line, every secret value of CONFIG (those and ``sandbox_pg_password``) for the scan.
"""

import os
import sys

import yaml

SECRET_KEYS = ("sandbox_pg_password",)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: sandbox vars | integration_config.py CONFIG SECRETS")
    config = yaml.safe_load(sys.stdin) or {}
    seed = os.urandom(6).hex()
    for kind in ("password", "header", "config", "export", "file"):
        config["it_secret_%s" % kind] = "kafkaops-it-%s-%s" % (kind, seed)
    with open(argv[1], "w") as handle:
        yaml.safe_dump(config, handle, default_flow_style=False, sort_keys=False)
    secrets = [str(v) for k, v in config.items() if k.startswith("it_secret_") or k in SECRET_KEYS]
    with open(argv[2], "w") as handle:
        handle.write("".join(value + "\n" for value in secrets if value))


if __name__ == "__main__":
    main(sys.argv)
