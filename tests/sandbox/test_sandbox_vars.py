# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`sandbox vars`, the contract every suite reads: values read back as they were set, whatever
characters they hold, and both profiles give the same keys (the secure one adds its own).

Also the launcher's own check of its commands' options, made before any tool runs.

Runs the real launcher on a run dir of its own; nothing is started."""

import os
import subprocess

import pytest
import yaml

SANDBOX = os.path.join(os.path.dirname(__file__), "..", "..", "sandbox", "bin", "sandbox")
AWKWARD = "pw: with 'quotes\" # and a colon"
SECURE_ONLY = {
    "sandbox_connect_mtls_url",
    "sandbox_spare_port",
    "sandbox_connect_username",
    "sandbox_connect_password",
    "sandbox_ca_path",
    "sandbox_client_cert",
    "sandbox_client_key",
    "sandbox_connect_auth",
    "sandbox_psql_executable",
}


def run_sandbox(run, *args, **env):
    """The launcher run on ``run`` with none of the caller's sandbox settings, as completed."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SANDBOX_", "KAFKAOPS_SANDBOX_"))}
    environ.update(KAFKAOPS_SANDBOX_RUN=str(run), **env)
    return subprocess.run([SANDBOX, *args], env=environ, check=False, capture_output=True, text=True)


def sandbox(run, *args, **env):
    done = run_sandbox(run, *args, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def secure_run(tmp_path):
    """A secure run dir as `sandbox --secure up` leaves it, secrets only."""
    secrets = tmp_path / "run-secure" / "secrets"
    secrets.mkdir(parents=True)
    (secrets / "connect-password").write_text("basic-auth-pw\n")
    (secrets / "keystore-password").write_text("keystore-pw\n")
    (secrets / "postgres.properties").write_text("password=db-pw\n")
    return tmp_path / "run"


def test_a_password_with_yaml_syntax_reads_back_as_set(tmp_path):
    facts = yaml.safe_load(sandbox(tmp_path / "run", "vars", SANDBOX_PG_PASSWORD=AWKWARD, SANDBOX_PG_PORT="24999"))
    assert facts["sandbox_pg_password"] == AWKWARD
    assert facts["sandbox_pg_port"] == 24999


def test_the_wrapper_reaches_the_same_sandbox(tmp_path):
    run = tmp_path / "run"
    facts = yaml.safe_load(sandbox(run, "vars", SANDBOX_PG_PASSWORD=AWKWARD, SANDBOX_KAFKA_PORT="24998"))
    # Tests run the wrapper with a filtered environment: its settings are built in.
    wrapper = subprocess.run(
        [facts["sandbox_bin"], "secrets"], env={"PATH": os.environ["PATH"]}, check=True, capture_output=True, text=True
    )
    assert wrapper.stdout == AWKWARD + "\n"
    assert facts["sandbox_kafka_bootstrap"] == "127.0.0.1:24998"


def test_the_third_worker_is_in_both_profiles(tmp_path, secure_run):
    plain = yaml.safe_load(sandbox(secure_run, "vars", SANDBOX_CONNECT_PORT_3="24997"))
    secure = yaml.safe_load(sandbox(secure_run, "--secure", "vars", SANDBOX_SECURE_CONNECT_PORT_3="24996"))
    assert plain["sandbox_connect_url_3"] == "http://127.0.0.1:24997"
    assert secure["sandbox_connect_url_3"] == "https://127.0.0.1:24996"
    # `worker start connect-3` from a test reaches the port the vars name.
    assert "SANDBOX_CONNECT_PORT_3=24997" in (secure_run / "sandbox").read_text()


def test_both_profiles_give_the_same_keys_and_the_secure_one_adds_its_own(tmp_path, secure_run):
    plain = yaml.safe_load(sandbox(secure_run, "vars"))
    secure = yaml.safe_load(sandbox(secure_run, "--secure", "vars"))
    assert set(secure) - set(plain) == SECURE_ONLY
    assert set(plain) <= set(secure)
    assert plain["sandbox_secure"] is False and secure["sandbox_secure"] is True
    assert secure["sandbox_connect_urls"][0].startswith("https://127.0.0.1:")
    assert secure["sandbox_connect_auth"]["url_password"] == secure["sandbox_connect_password"] == "basic-auth-pw"
    # Connect reads the database password from the file; it is never in the vars.
    assert secure["sandbox_pg_password"] == "${file:%s-secure/secrets/postgres.properties:password}" % secure_run
    assert sandbox(secure_run, "--secure", "secrets").split() == ["basic-auth-pw", "keystore-pw", "db-pw"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["topic-read", "t", "--max", "two"], "topic-read: --max takes a whole number of 1 or more, got 'two'"),
        (["topic-read", "t", "--max"], "topic-read: --max takes a whole number of 1 or more, got ''"),
        (["topic-read", "t", "--timeout", "5s"], "topic-read: --timeout takes a whole number of 1 or more, got '5s'"),
        (["topic-create", "t", "--partitions", "0"], "topic-create: --partitions takes a whole number of 1 or more"),
    ],
)
def test_a_bad_count_is_refused_before_any_tool_runs(tmp_path, args, message):
    done = run_sandbox(tmp_path / "run", *args)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr and "unbound variable" not in done.stderr
