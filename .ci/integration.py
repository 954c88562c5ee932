"""Run integration targets against a sandbox, chosen by name or by alias group.

Usage:
  integration.py run SUITE [--secure] [--venv DIR] [--collection DIR] [--logs DIR] [SELECTION...]
  integration.py secrets SUITE [--secure] [--logs DIR]

A SELECTION word is a group (``sandbox``, ``secure``, ``rest_proxy``, ...: the ``kafkaops/<group>``
lines of the targets' ``aliases`` files), a target name, or any ansible-test pattern; none means
the ``sandbox`` group (with --secure, the ``secure`` group). The groups are described in
docs/contributing.md.

``run`` writes the targets' config (``tests/integration/integration_config.yml`` of the collection
copy): the sandbox's vars, ``sandbox_schema_registry_urls`` (the sandbox's registry, then every URL of
KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS) and ``it_secret_password``, ``_header``, ``_config``, ``_export``,
``_file``, new for each run so that the secrets scan looks for values no earlier run left behind; lists
every secret of the run in LOGS/SUITE.secrets; then runs ansible-test integration at -vvv with the
ansible-test, ansible and Python of the venv DIR. Targets of the ``rest_proxy`` group run only when the
sandbox knows a REST Proxy (KAFKAOPS_TEST_REST_PROXY_URLS or its bridge), and are named as skipped
otherwise. ``secrets`` only writes LOGS/SUITE.secrets (for suites that run playbooks themselves).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SANDBOX = ROOT / "sandbox" / "bin" / "sandbox"
TARGETS = Path("tests", "integration", "targets")
GROUP_PREFIX = "kafkaops/"
BANNER = "#" * 80


def sandbox(secure, *args):
    """The output of a sandbox command: of the secure sandbox, or of the one SANDBOX_SECURE names."""
    env = dict(os.environ, SANDBOX_SECURE="1") if secure else None
    return subprocess.run([str(SANDBOX), *args], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout


def groups_of(targets_dir):
    """{target name: set of its kafkaops groups} for every target of targets_dir."""
    groups = {}
    for aliases in sorted(Path(targets_dir).glob("*/aliases")):
        lines = (line.split("#", 1)[0].strip() for line in aliases.read_text().splitlines())
        groups[aliases.parent.name] = {line[len(GROUP_PREFIX) :] for line in lines if line.startswith(GROUP_PREFIX)}
    return groups


def select(words, groups, with_rest_proxy):
    """What the words ask for: (ansible-test patterns, the groups of the targets they name, names of targets
    skipped for want of a REST Proxy). A word that is neither a group nor a target (a pattern) names no group."""
    known_groups = set().union(*groups.values())
    patterns, touched, skipped = [], set(), set()
    for word in words:
        if word in known_groups:
            members = [name for name, of in groups.items() if word in of]
        else:
            members = [word] if word in groups else []
        touched.update(*(groups[name] for name in members))
        rest = {name for name in members if "rest_proxy" in groups[name]}
        if not with_rest_proxy and rest:
            skipped |= rest
            if word == "rest_proxy" or word in rest:
                continue
        patterns.append(GROUP_PREFIX + word + "/" if word in known_groups else word)
    return patterns, touched, sorted(skipped)


def write_secrets(path, values):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(value + "\n" for value in values if value))


def schema_registry_urls(sandbox_vars, announce):
    """The registries the schema targets run against: the sandbox's, then KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS."""
    others = os.environ.get("KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS", "").split()
    if others and announce:
        print("== the schema targets also run against: " + " ".join(others))
    elif announce:
        print(BANNER)
        print("# SKIPPED the schema targets against other registries: only the sandbox's registry is used.")
        print("# Set KAFKAOPS_TEST_SCHEMA_REGISTRY_URLS (space-separated base URLs, e.g. Karapace's) to add some.")
        print(BANNER)
    own = sandbox_vars.get("sandbox_schema_registry_url")
    return ([own] if own else []) + others


def write_config(config_path, secrets_path, secure, announce_registries):
    """The targets' config (sandbox vars and fresh it_secret_* values) and the list of its secrets."""
    config = yaml.safe_load(sandbox(secure, "vars")) or {}
    config["sandbox_schema_registry_urls"] = schema_registry_urls(config, announce_registries)
    seed = os.urandom(6).hex()
    for kind in ("password", "header", "config", "export", "file"):
        config["it_secret_%s" % kind] = "kafkaops-it-%s-%s" % (kind, seed)
    config_path.parent.mkdir(parents=True, exist_ok=True)
    with config_path.open("w") as handle:
        yaml.safe_dump(config, handle, default_flow_style=False, sort_keys=False)
    own = sandbox(secure, "secrets").splitlines()
    write_secrets(secrets_path, own + [str(v) for k, v in config.items() if k.startswith("it_secret_")])


def run(args):
    collection = Path(args.collection)
    groups = groups_of(collection / TARGETS)
    proxies = sandbox(args.secure, "rest-proxy-urls").split()
    words = args.selection or ["secure" if args.secure else "sandbox"]
    patterns, touched, skipped = select(words, groups, bool(proxies))
    if proxies and "rest_proxy" in touched:
        print("== REST Proxy targets run against: " + " ".join(proxies))
    if skipped:
        print(BANNER)
        print("# SKIPPED REST Proxy targets: " + " ".join(skipped))
        print("# No REST Proxy to run them against: set KAFKAOPS_TEST_REST_PROXY_URLS (space-separated URLs of")
        print("# proxies attached to this sandbox's broker) or SANDBOX_BRIDGE_HOME (an unpacked Strimzi Kafka Bridge).")
        print(BANNER)
    if not patterns:
        return 0
    config = collection / "tests" / "integration" / "integration_config.yml"
    write_config(config, args.logs / (args.suite + ".secrets"), args.secure, "schema_registry" in touched)
    venv = Path(args.venv).absolute()
    python = venv / "bin" / "python"
    version = subprocess.run(
        [str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout.strip()
    # Every run names what it runs, so the `disabled` (secure) and `unsupported` (REST Proxy) targets may run:
    # those aliases only keep a bare `ansible-test integration` to the targets the plain sandbox serves alone.
    command = [str(venv / "bin" / "ansible-test"), "integration", "-vvv", "--local", "--python", version]
    command += ["--color", "no", "--allow-disabled", "--allow-unsupported", *patterns]
    if not proxies and any("rest_proxy" in of for of in groups.values()):
        command += ["--exclude", GROUP_PREFIX + "rest_proxy/"]
    sys.stdout.flush()
    env = dict(os.environ, ANSIBLE_PYTHON_INTERPRETER=str(python))
    return subprocess.run(command, cwd=str(collection), env=env, check=False).returncode


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=("run", "secrets"))
    parser.add_argument("suite", help="names LOGS/SUITE.secrets")
    parser.add_argument("selection", nargs="*", help="groups, target names or ansible-test patterns")
    parser.add_argument("--secure", action="store_true", help="against the secure sandbox")
    parser.add_argument("--venv", default=str(ROOT / ".venv"))
    parser.add_argument("--collection", default=str(ROOT), help="where ansible-test runs (the collection's copy)")
    parser.add_argument("--logs", type=Path, default=ROOT / ".build" / "logs")
    args = parser.parse_intermixed_args(argv)
    if args.command == "secrets":
        write_secrets(args.logs / (args.suite + ".secrets"), sandbox(args.secure, "secrets").splitlines())
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
