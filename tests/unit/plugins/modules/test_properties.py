# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Property tests: every module's argument handling, fed generated options, ends in a clean
success or a clean failure (a JSON result with a message), never an exception; the pure
planners of ``_connector_config`` return well-formed plans or raise their own ConfigError.

Options are read from the modules' documentation (the public interface), so a new option is
exercised without touching this file. Servers are stubbed with recorded answers per path,
mixed with error answers, HTML pages and refused connections.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import importlib
import io
import json
import os
import pkgutil
import re
import threading
import time
from contextlib import redirect_stdout

import pytest
import requests
import responses
import yaml
from ansible.module_utils.common import warnings as _warnings
from ansible.module_utils.testing import patch_module_args
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.kafkaops.connect.plugins import modules as modules_package
from ansible_collections.kafkaops.connect.plugins.module_utils import _connector_config, _connector_plan, _secrets
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture

# Every module of the collection, so that a new one is driven as soon as it exists.
MODULE_NAMES = sorted(name for _finder, name, _pkg in pkgutil.iter_modules(modules_package.__path__))
CONNECT = "http://connect.test:8083"
PROXY = "http://proxy.test:8082"
# More with PROPERTY_EXAMPLES=1000 for a longer hunt; 60 keeps `make unit` quick.
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "60"))

# ---------------------------------------------------------------- options from the docs


@functools.cache
def documented_options(name):
    module = importlib.import_module("ansible_collections.kafkaops.connect.plugins.modules." + name)
    doc = yaml.safe_load(module.DOCUMENTATION)
    options = dict(doc.get("options") or {})
    for fragment in doc.get("extends_documentation_fragment") or ():
        parts = fragment.split(".")
        if len(parts) != 3:  # attributes.ACTION_GROUP_* carry no options
            continue
        frag = importlib.import_module("ansible_collections.kafkaops.connect.plugins.doc_fragments." + parts[2])
        options.update(yaml.safe_load(frag.ModuleDocFragment.DOCUMENTATION).get("options") or {})
    return module, options


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
NAMES = st.one_of(st.sampled_from(["orders", "orders-source", "acc/bad", " x", "..", "a%b", "ümlaut", ""]), TEXT)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), TEXT)
ANY = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=6
)
CONFIG = st.dictionaries(
    st.sampled_from(["connector.class", "topics", "file", "tasks.max", "name", "db.password", "x"]),
    st.one_of(SCALAR, st.sampled_from(["org.apache.kafka.connect.file.FileStreamSinkConnector", "orders"]), ANY),
    max_size=5,
)
URLS = st.lists(
    st.one_of(st.sampled_from([CONNECT, PROXY, "http://", "ftp://x", "http://h:99999", "http://u:p@h", "h:1"]), TEXT),
    max_size=2,
)


def typed(spec):
    """A value of the documented type most of the time, anything else sometimes."""
    kind = spec.get("type", "str")
    if spec.get("choices"):
        good = st.sampled_from(spec["choices"])
        if kind == "list":
            good = st.lists(good, max_size=3)
    elif kind == "bool":
        good = st.booleans()
    elif kind == "int":
        good = st.integers(-3, 50)
    elif kind == "float":
        good = st.floats(-1, 5, allow_nan=False)
    elif kind == "list":
        good = st.lists(
            st.dictionaries(TEXT, SCALAR, max_size=2) if spec.get("elements") == "dict" else NAMES, max_size=3
        )
    elif kind == "dict":
        good = st.dictionaries(TEXT, SCALAR, max_size=3)
    else:
        good = NAMES
    return st.one_of(good, good, good, ANY)


SPECIAL = {
    "connect_url": st.one_of(st.just([CONNECT]), st.just([CONNECT, CONNECT.replace("8083", "8084")]), URLS),
    "rest_proxy_url": st.one_of(st.just([PROXY]), URLS),
    "config": st.one_of(CONFIG, CONFIG, ANY),
    "headers": st.one_of(st.none(), st.dictionaries(st.sampled_from(["X-Api-Token", "Authorization"]), SCALAR), ANY),
    "offsets": st.one_of(
        st.none(),
        st.lists(
            st.fixed_dictionaries({"partition": st.dictionaries(TEXT, SCALAR, max_size=2)}, optional={"offset": ANY})
        ),
        ANY,
    ),
}


def module_args(options):
    strategies = {}
    for name, spec in options.items():
        strategies[name] = SPECIAL.get(name, typed(spec))
    required = [n for n, s in options.items() if s.get("required")]
    return st.fixed_dictionaries(
        dict((n, strategies[n]) for n in required),
        optional=dict((n, strategies[n]) for n in options if n not in required),
    )


# ---------------------------------------------------------------- stubbed servers

HTML = "<html><head><title>Welcome</title></head><body>hello</body></html>"
NOT_FOUND = {"error_code": 404, "message": "HTTP 404 Not Found"}


def connect_answers(method, path):
    fx = functools.partial(load_fixture, "connect")
    if path == "/":
        return 200, fx("root.json")
    if path.startswith("/connector-plugins") and path.endswith("/validate"):
        return 200, fx("validate_valid.json")
    if path.startswith("/connector-plugins"):
        return 200, fx("plugins.json")
    if path == "/connectors":
        return (201, fx("create_response.json")) if method == "POST" else (200, fx("connectors_expanded.json"))
    if path.endswith("/status"):
        return 200, fx("status_running.json")
    if path.endswith("/offsets"):
        return 200, (fx("offsets_sink.json") if method == "GET" else {"message": "done"})
    if path.endswith("/topics"):
        return 200, fx("topics.json")
    if method in ("PUT", "POST", "DELETE") and re.search(r"/(pause|resume|stop|restart)$|^/connectors/[^/]+$", path):
        return (204 if method != "PUT" or path.endswith("/stop") else 202), None
    if path.endswith("/config"):
        return 200, fx("connector_info.json")["config"] if method == "GET" else fx("connector_info.json")
    return 200, fx("connector_info.json")


def proxy_answers(method, path):
    fx = functools.partial(load_fixture, "rest_proxy", "confluent_v2")
    if path == "/":
        return 200, fx("root.json")
    if path.startswith(("/v3", "/admin")):
        return 404, NOT_FOUND
    if path == "/topics":
        return 200, fx("topics.json")
    if path == "/brokers":
        return 200, fx("brokers.json")
    if path.startswith("/topics/") and method == "POST":
        return 200, fx("produce_ok.json")
    if "/partitions" in path:
        return 200, fx("partitions_orders.json")
    if path.startswith("/topics/"):
        return 200, fx("topic_orders.json")
    if re.match(r"^/consumers/[^/]+$", path):
        return 200, fx("consumer_created.json")
    if path.endswith("/records"):
        return 200, fx("records_json.json")
    return 204, None


FAULTS = [
    (404, NOT_FOUND),
    (409, {"error_code": 409, "message": "Cannot complete request because of a conflicting operation"}),
    (500, {"error_code": 500, "message": "Request timed out"}),
    (400, {"error_code": 400, "message": "bad request"}),
    (404, HTML),
    (200, HTML),
    (None, requests.exceptions.ConnectionError("Connection refused")),
]


def stub_servers(mock, data):
    # Drawn up front: modules that send from a thread pool (kafka_connectors' writes, a request per
    # worker) would otherwise draw from threads, which Hypothesis refuses. Past the list: no fault.
    faults = data.draw(st.lists(st.one_of(st.none(), st.none(), st.none(), st.sampled_from(FAULTS))), label="answers")
    lock = threading.Lock()

    def answer(request):
        path = requests.utils.urlparse(request.url).path
        with lock:
            fault = faults.pop(0) if faults else None
        if fault is None:
            answers = connect_answers if ":8083" in request.url or ":8084" in request.url else proxy_answers
            status, body = answers(request.method, path)
        else:
            status, body = fault
        if isinstance(body, Exception):
            raise body
        if isinstance(body, str):
            return status, {"Content-Type": "text/html"}, body
        return status, {"Content-Type": "application/json"}, "" if body is None else json.dumps(body)

    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        mock.add_callback(method, re.compile(r"http://.*"), callback=answer)


@pytest.fixture(autouse=True)
def instant_clock(monkeypatch):
    """Polling loops wait on ``time``: a clock that jumps ahead instead of sleeping keeps every
    example fast while the loops still run out of time as they would for real."""
    now = [1000.0]

    def sleep(seconds):
        now[0] += max(seconds, 0.01)

    def monotonic():
        now[0] += 0.01
        return now[0]

    monkeypatch.setattr(time, "sleep", sleep)
    monkeypatch.setattr(time, "monotonic", monotonic)


# ---------------------------------------------------------------- the properties


def run_generated(module, args, check_mode, diff):
    _warnings._global_warnings.clear()
    _warnings._global_deprecations.clear()
    payload = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    # HttpClient binds the real time.sleep as a default: keep backoff short but let bad values through.
    for option, ceiling in (("retry_delay", 0), ("retries", 1)):
        value = payload.get(option, ceiling)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > ceiling:
            payload[option] = ceiling
        payload.setdefault(option, ceiling)
    out = io.StringIO()
    with patch_module_args(payload), redirect_stdout(out):
        try:
            module.main()
        except SystemExit:
            pass
    return json.loads(out.getvalue())


def test_every_module_is_driven():
    assert len(MODULE_NAMES) >= 6 and "kafka_connector" in MODULE_NAMES


@pytest.mark.parametrize("name", MODULE_NAMES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_options_end_in_a_clean_result(name, data):
    module, options = documented_options(name)
    args = data.draw(module_args(options), label="options")
    check_mode, diff = data.draw(st.booleans(), label="check_mode"), data.draw(st.booleans(), label="diff")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        stub_servers(mock, data)
        # Any exception other than the module's own exit fails the property right here.
        result = run_generated(module, args, check_mode, diff)
    if result.get("failed"):
        assert isinstance(result.get("msg"), str) and result["msg"].strip(), result
        assert "Traceback" not in result["msg"] and "exception" not in result, result["msg"]
        assert "<html" not in result["msg"].lower(), result["msg"]


STATES = st.sampled_from(["present", "running", "paused", "stopped", "restarted", "absent"])
CONNECT_STATES = st.sampled_from([None, "RUNNING", "PAUSED", "STOPPED", "FAILED", "UNASSIGNED", "RESTARTING"])
CONFIG_VALUES = st.dictionaries(TEXT, st.one_of(SCALAR, ANY), max_size=5)


@settings(max_examples=300, deadline=None)
@given(
    desired=CONFIG_VALUES,
    current=st.dictionaries(TEXT, TEXT, max_size=5),
    mode=st.sampled_from(["replace", "merge"]),
    sensitive=st.lists(TEXT, max_size=2),
    update_secrets=st.sampled_from(["on_change", "always"]),
)
def test_config_planner_plans_or_says_why_not(desired, current, mode, sensitive, update_secrets):
    try:
        normal = _connector_config.normalise_config(desired, keep_none=mode == "merge")
    except _connector_config.ConfigError as exc:
        assert str(exc).startswith("config key ")
        return
    assert all(isinstance(v, str) or (v is None and mode == "merge") for v in normal.values())
    _connector_config.diff_config(normal, current, mode, sensitive, update_secrets)
    masked = _secrets.mask_config(normal, sensitive)
    assert set(masked) == set(normal)
    for key, value in normal.items():
        if value is not None and _secrets.is_secret_key(key, sensitive) and not _secrets.is_placeholder(value):
            assert masked[key] == _secrets.MASK, key


@settings(max_examples=300, deadline=None)
@given(
    state=STATES,
    exists=st.booleans(),
    current_state=CONNECT_STATES,
    changed=st.booleans(),
    restart_failed=st.booleans(),
    restart_tasks=st.sampled_from([None, "all", "failed"]),
    failed=st.booleans(),
)
def test_action_planner_is_consistent(state, exists, current_state, changed, restart_failed, restart_tasks, failed):
    actions = _connector_plan.plan_actions(state, exists, current_state, changed, restart_failed, restart_tasks, failed)
    assert len(actions) == len(set(actions))
    if state == "absent":
        assert actions == (["delete"] if exists else [])
    elif not exists:
        assert actions == ["create"]
    else:
        assert ("update_config" in actions) == changed
    target = _connector_plan.state_of_wish(state, current_state, created=not exists)
    if state == "present" and exists:
        # present leaves an existing connector's run state as it is, whatever it is.
        assert target == current_state
    else:
        assert target in (None, "RUNNING", "PAUSED", "STOPPED")
