# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bad input, one table for every module: each case runs a module's ``main()`` as Ansible would,
against stubbed servers, and must fail with a message that says what was wrong and what was
expected; never a traceback, an escaped exception or a page of markup, and never a write that
the server accepted (the stubs hold every request a case may send; the ``http`` fixture fails
on any other and on any stub that was not used)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible_collections.kafkaops.connect.plugins.modules import (
    kafka_connect_info,
    kafka_connector,
    kafka_connector_offsets,
    kafka_connectors,
    kafka_rest_consume,
    kafka_rest_produce,
    kafka_rest_topic_info,
)
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module
from ansible_collections.kafkaops.connect.tests.unit.rest_proxy_probes import answer_probe, forced_dialect_probes

CONNECT = "http://connect.test:8083"
PROXY = "http://proxy.test:8082"
SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector"
GOOD_CONFIG = {"connector.class": SINK, "topics": "orders", "file": "/tmp/orders.out"}
HTML_404 = "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr>nginx</body></html>"
# As requests raises it when nothing listens: the reason says the request never left this host.
REFUSED = requests.exceptions.ConnectionError(
    MaxRetryError(
        None,
        "/",
        reason=NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused"),
    )
)

# Which module, and the options every case of it starts from (a case overrides them).
MODULES = {
    "connector": (kafka_connector.main, {"connect_url": [CONNECT], "name": "orders", "config": GOOD_CONFIG}),
    "offsets": (kafka_connector_offsets.main, {"connect_url": [CONNECT], "name": "orders"}),
    "connectors": (kafka_connectors.main, {"connect_url": [CONNECT]}),
    "info": (kafka_connect_info.main, {"connect_url": [CONNECT]}),
    "topic_info": (kafka_rest_topic_info.main, {"rest_proxy_url": [PROXY], "dialect": "confluent_v2"}),
    "produce": (kafka_rest_produce.main, {"rest_proxy_url": [PROXY], "dialect": "confluent_v2", "topic": "orders"}),
    "consume": (kafka_rest_consume.main, {"rest_proxy_url": [PROXY], "dialect": "confluent_v2", "topic": "orders"}),
}


def connect_fx(name):
    return load_fixture("connect", name)


def v2_fx(name):
    return load_fixture("rest_proxy", "confluent_v2", name)


# What Karapace 5.0.3 answers an Avro schema that is JSON but not Avro
# (recordings: karapace-5.0.3.http.txt, "ERR avro invalid schema").
INVALID_SCHEMA = {"error_code": 42205, "message": 'Invalid schema. format = AVRO, schema = {"type":"recordx"}'}
# Stubs: (method, URL, status, JSON body | text body | exception).
CONNECTOR_MISSING = [("GET", CONNECT + "/connectors/orders", 404, connect_fx("error_not_found.json"))]
SINK_OFFSETS = {
    "offsets": [{"partition": {"kafka_topic": "orders", "kafka_partition": 0}, "offset": {"kafka_offset": 5}}]
}
CONNECTOR_RUNNING = [
    ("GET", CONNECT + "/connectors/orders/offsets", 200, SINK_OFFSETS),
    ("GET", CONNECT + "/connectors/orders/status", 200, connect_fx("status_running.json")),
]
VALIDATE = CONNECT + "/connector-plugins/%s/config/validate"
UNKNOWN_CLASS = "org.example.NoSuchConnector"

# (id, module, options, stubs, words the message must hold)
CASES = [
    # kafka_connector: options
    ("connector-name-missing", "connector", {"name": None}, [], ["missing required arguments: name"]),
    ("connector-name-empty", "connector", {"name": ""}, [], ["name must not be empty"]),
    ("connector-name-blank", "connector", {"name": "   "}, [], ["name must not be empty"]),
    ("connector-name-slash", "connector", {"name": "acc/bad"}, [], ["'acc/bad'", "'/'"]),
    ("connector-name-backslash", "connector", {"name": "acc\\bad"}, [], ["'\\\\'"]),
    ("connector-name-percent", "connector", {"name": "100%"}, [], ["'%'"]),
    ("connector-name-dotdot", "connector", {"name": ".."}, [], ["path step"]),
    ("connector-name-dot", "connector", {"name": "."}, [], ["path step"]),
    ("connector-name-leading-space", "connector", {"name": " orders"}, [], ["trims", "'orders'"]),
    ("connector-name-trailing-newline", "connector", {"name": "orders\n"}, [], ["trims"]),
    ("connector-name-tab", "connector", {"name": "ord\ters"}, [], ["control characters"]),
    ("connector-state-unknown", "connector", {"state": "started"}, [], ["state", "one of", "running"]),
    ("connector-config-list", "connector", {"config": ["a", "b"]}, [], ["config", "dict"]),
    ("connector-config-text", "connector", {"config": "connector.class"}, [], ["config", "dict"]),
    ("connector-config-nested", "connector", {"config": dict(GOOD_CONFIG, file={"path": "/tmp"})}, [], ["file"]),
    (
        "connector-config-name-mismatch",
        "connector",
        {"config": dict(GOOD_CONFIG, name="other")},
        [],
        ["'other'", "'orders'", "make them equal"],
    ),
    ("connector-config-mode-unknown", "connector", {"config_mode": "overwrite"}, [], ["config_mode", "replace"]),
    ("connector-wait-timeout-zero", "connector", {"wait_timeout": 0}, [], ["wait_timeout", "positive"]),
    ("connector-wait-timeout-text", "connector", {"wait_timeout": "soon"}, [], ["wait_timeout", "int"]),
    (
        "connector-restart-tasks-wrong-state",
        "connector",
        {"restart_tasks": "all", "state": "present"},
        [],
        ["restart_tasks applies to state=restarted"],
    ),
    (
        "connector-restart-failed-wrong-state",
        "connector",
        {"restart_failed": True, "state": "stopped"},
        [],
        ["restart_failed applies to state=running"],
    ),
    ("connector-validate-not-bool", "connector", {"validate": "perhaps"}, [], ["validate", "bool"]),
    ("connector-update-secrets-unknown", "connector", {"update_secrets": "never"}, [], ["update_secrets", "on_change"]),
    ("connector-unknown-option", "connector", {"conifg": {}}, [], ["Unsupported parameters", "conifg"]),
    # kafka_connector: answers from the server
    (
        "connector-unknown-class",
        "connector",
        {"config": dict(GOOD_CONFIG, **{"connector.class": UNKNOWN_CLASS})},
        CONNECTOR_MISSING
        + [("PUT", VALIDATE % UNKNOWN_CLASS, 500, connect_fx("error_unknown_class.json"))]
        + [("GET", CONNECT + "/connector-plugins?connectorsOnly=true", 200, connect_fx("plugins.json"))],
        [UNKNOWN_CLASS],
    ),
    (
        "connector-invalid-config-values",
        "connector",
        {"config": dict(GOOD_CONFIG, **{"tasks.max": "many"})},
        CONNECTOR_MISSING + [("PUT", VALIDATE % SINK, 200, connect_fx("validate_invalid.json"))],
        ["invalid"],
    ),
    (
        "connector-html-answer",
        "connector",
        {},
        [("GET", CONNECT + "/connectors/orders", 404, HTML_404)],
        ["does not look like a Kafka Connect REST API", "404 Not Found"],
    ),
    (
        "connector-unreachable",
        "connector",
        {"retries": 0},
        [("GET", CONNECT + "/connectors/orders", None, REFUSED)],
        ["no server answered", "connection refused"],
    ),
    # shared connection options, through kafka_connector
    ("url-no-scheme", "connector", {"connect_url": ["localhost:8083"]}, [], ["'localhost:8083'", "http://"]),
    ("url-ftp", "connector", {"connect_url": ["ftp://connect.test"]}, [], ["http://"]),
    ("url-no-host", "connector", {"connect_url": ["http://"]}, [], ["names no host"]),
    ("url-port-too-big", "connector", {"connect_url": ["http://connect.test:99999"]}, [], ["port", "65535"]),
    ("url-port-not-number", "connector", {"connect_url": ["http://connect.test:http"]}, [], ["port"]),
    ("url-port-zero", "connector", {"connect_url": ["http://connect.test:0"]}, [], ["port"]),
    ("url-credentials", "connector", {"connect_url": ["http://u:pw@connect.test"]}, [], ["url_password"]),
    ("url-query", "connector", {"connect_url": ["http://connect.test:8083/?x=1"]}, [], ["base URL only"]),
    ("url-space", "connector", {"connect_url": ["http://connect test:8083"]}, [], ["spaces"]),
    ("url-empty-list", "connector", {"connect_url": []}, [], ["at least one URL"]),
    ("timeout-zero", "connector", {"timeout": 0}, [], ["timeout must be a positive"]),
    ("timeout-text", "connector", {"timeout": "long"}, [], ["timeout", "float"]),
    ("retries-negative", "connector", {"retries": -1}, [], ["must not be negative"]),
    ("headers-list", "connector", {"headers": ["a", "b"]}, [], ["headers must be a dictionary", "got a list"]),
    ("headers-text", "connector", {"headers": "Authorization Bearer"}, [], ["headers must be a dictionary"]),
    ("headers-nested", "connector", {"headers": {"X-A": {"b": "c"}}}, [], ["headers must be a dictionary"]),
    ("ca-path-missing", "connector", {"ca_path": "/nonexistent/ca.pem"}, [], ["ca_path", "/nonexistent/ca.pem"]),
    ("client-cert-missing", "connector", {"client_cert": "/nonexistent/c.pem"}, [], ["client_cert", "does not exist"]),
    ("client-key-alone", "connector", {"client_key": "/nonexistent/k.pem"}, [], ["client_key was given without"]),
    ("validate-certs-text", "connector", {"validate_certs": "sometimes"}, [], ["validate_certs", "bool"]),
    # kafka_connector_offsets
    ("offsets-state-unknown", "offsets", {"state": "rewind"}, [], ["state", "query"]),
    ("offsets-present-without-offsets", "offsets", {"state": "present"}, [], ["state is present", "offsets"]),
    (
        "offsets-with-reset",
        "offsets",
        {"state": "reset", "offsets": [{"partition": {"a": 1}}]},
        [],
        ["offsets applies to state=present only"],
    ),
    ("offsets-not-a-list", "offsets", {"state": "present", "offsets": 5}, [], ["offsets"]),
    ("offsets-item-no-partition", "offsets", {"state": "present", "offsets": [{"offset": {}}]}, [], ["partition"]),
    (
        "offsets-partition-not-dict",
        "offsets",
        {"state": "present", "offsets": [{"partition": [1], "offset": {}}]},
        [],
        ["partition", "dict"],
    ),
    ("offsets-name-slash", "offsets", {"name": "a/b"}, [], ["'/'"]),
    ("offsets-wait-timeout-zero", "offsets", {"wait_timeout": 0}, [], ["wait_timeout"]),
    (
        "offsets-unknown-connector",
        "offsets",
        {},
        [
            ("GET", CONNECT + "/connectors/orders/offsets", 404, connect_fx("error_not_found.json")),
            ("GET", CONNECT + "/", 200, connect_fx("root.json")),
        ],
        ["orders does not exist"],
    ),
    (
        "offsets-running-connector",
        "offsets",
        {"state": "reset"},
        CONNECTOR_RUNNING,
        ["is RUNNING", "STOPPED", "stop_connector=true"],
    ),
    # kafka_connectors: a file of items (the rest of its refusals: test_kafka_connectors.py)
    (
        "connectors-file-missing",
        "connectors",
        {"connectors_file": "/nonexistent/connectors.json"},
        [],
        ["connectors_file /nonexistent/connectors.json: cannot be read", "expected a JSON or YAML file"],
    ),
    (
        "connectors-file-directory",
        "connectors",
        {"connectors_file": os.path.dirname(__file__)},
        [],
        ["cannot be read", "expected a JSON or YAML file"],
    ),
    (
        "connectors-file-and-list",
        "connectors",
        {"connectors_file": "/nonexistent/connectors.json", "connectors": [{"name": "orders"}]},
        [],
        ["mutually exclusive: connectors|connectors_file"],
    ),
    # kafka_connect_info
    ("info-subset-unknown", "info", {"gather_subset": ["everything"]}, [], ["gather_subset", "worker"]),
    ("info-state-unknown", "info", {"state": ["sleeping"]}, [], ["state", "running"]),
    ("info-url-scheme", "info", {"connect_url": ["connect.test"]}, [], ["http://"]),
    # YAML's .inf for a whole number: Ansible's own int check overflows on it.
    ("info-retries-infinite", "info", {"retries": float("inf")}, [], ["retries", "int"]),
    ("topic-info-retries-minus-infinite", "topic_info", {"retries": float("-inf")}, [], ["retries", "int"]),
    (
        "info-html-200",
        "info",
        {"gather_subset": ["worker"]},
        [("GET", CONNECT + "/", 200, "<html><title>Apache2 Default Page</title></html>")],
        ["does not look like a Kafka Connect REST API", "Apache2 Default Page"],
    ),
    (
        "info-unreachable",
        "info",
        {"gather_subset": ["worker"], "retries": 0},
        [("GET", CONNECT + "/", None, REFUSED)],
        ["no server answered"],
    ),
    # kafka_rest_topic_info
    ("topic-info-dialect-unknown", "topic_info", {"dialect": "kafka_v9"}, [], ["dialect", "confluent_v2"]),
    ("topic-info-v3-base-path", "topic_info", {"v3_base_path": "/"}, [], ["v3_base_path"]),
    ("topic-info-url", "topic_info", {"rest_proxy_url": ["proxy.test:8082"]}, [], ["rest_proxy_url", "http://"]),
    ("topic-info-topics-dict", "topic_info", {"topics": {"a": 1}}, [], ["topics", "list"]),
    ("topic-info-bool", "topic_info", {"include_configs": "maybe"}, [], ["include_configs", "bool"]),
    (
        "topic-info-unknown-topic",
        "topic_info",
        {"topics": ["nope"], "fail_on_missing": True},
        [
            ("GET", PROXY + "/topics/nope", 404, v2_fx("error_topic_not_found.json")),
            ("GET", PROXY + "/brokers", 200, v2_fx("brokers.json")),
        ],
        ["topics not found: nope"],
    ),
    (
        "topic-info-html-502",
        "topic_info",
        {"topics": ["orders"], "retries": 0},
        [("GET", PROXY + "/topics/orders", 502, "<html><title>502 Bad Gateway</title><body>...</body></html>")],
        ["HTTP 502", "502 Bad Gateway"],
    ),
    # kafka_rest_produce
    ("produce-topic-missing", "produce", {"topic": None, "value": 1}, [], ["missing required arguments: topic"]),
    ("produce-nothing-to-send", "produce", {}, [], ["one of the following is required", "records"]),
    ("produce-records-and-value", "produce", {"records": [{"value": 1}], "value": 2}, [], ["mutually exclusive"]),
    ("produce-records-not-dicts", "produce", {"records": [1, 2]}, [], ["records"]),
    ("produce-batch-size-zero", "produce", {"value": 1, "batch_size": 0}, [], ["batch_size must be 1 or more"]),
    ("produce-format-unknown", "produce", {"value": 1, "format": "xml"}, [], ["format", "json"]),
    ("produce-encoding-unknown", "produce", {"value": 1, "binary_encoding": "hex"}, [], ["binary_encoding"]),
    ("produce-both-schemas", "produce", {"value": 1, "value_schema": "{}", "value_schema_id": 3}, [], ["exclusive"]),
    ("produce-avro-without-schema", "produce", {"value": {"a": 1}, "format": "avro"}, [], ["schema"]),
    (
        "produce-avro-schema-not-json",
        "produce",
        {"value": {"a": 1}, "format": "avro", "value_schema": "{record"},
        [],
        ["value_schema is not valid JSON", "avro schema is JSON text"],
    ),
    (
        "produce-avro-schema-not-avro",
        "produce",
        {"value": {"id": 1}, "format": "avro", "value_schema": '{"type":"recordx"}'},
        [("POST", PROXY + "/topics/orders", 422, INVALID_SCHEMA)],
        ["HTTP 422", "Invalid schema. format = AVRO"],
    ),
    (
        "produce-jsonschema-not-json",
        "produce",
        {"value": {"a": 1}, "format": "jsonschema", "value_schema": "[unclosed"},
        [],
        ["value_schema is not valid JSON", "jsonschema schema is JSON text"],
    ),
    (
        "produce-bad-base64",
        "produce",
        {"value": "%%%", "format": "binary", "binary_encoding": "base64"},
        [],
        ["base64"],
    ),
    ("produce-partition-negative", "produce", {"value": 1, "partition": -1}, [], ["partition"]),
    ("produce-partition-text", "produce", {"value": 1, "partition": "first"}, [], ["partition", "int"]),
    (
        "produce-unknown-topic",
        "produce",
        {"topic": "nope", "value": {"a": 1}},
        [("POST", PROXY + "/topics/nope", 404, v2_fx("error_topic_not_found.json"))],
        ["404"],
    ),
    (
        "produce-huge-record",
        "produce",
        {"value": "x" * (3 * 1024 * 1024)},
        [("POST", PROXY + "/topics/orders", 413, "<html><title>413 Request Entity Too Large</title></html>")],
        ["413", "Request Entity Too Large"],
    ),
    # kafka_rest_consume
    ("consume-no-topic", "consume", {"topic": None}, [], ["one of the following is required", "topic"]),
    ("consume-topic-and-topics", "consume", {"topics": ["a"]}, [], ["mutually exclusive"]),
    ("consume-max-records-zero", "consume", {"max_records": 0}, [], ["max_records of 1 or more"]),
    ("consume-poll-timeout-negative", "consume", {"poll_timeout": -1}, [], ["positive poll_timeout"]),
    ("consume-topic-empty", "consume", {"topic": ""}, [], ["at least one topic"]),
    ("consume-empty-topics", "consume", {"topic": None, "topics": [""]}, [], ["at least one topic"]),
    ("consume-from-unknown", "consume", {"from": "middle"}, [], ["from", "beginning"]),
    ("consume-format-unknown", "consume", {"format": "csv"}, [], ["format", "json"]),
    ("consume-until-match-unknown", "consume", {"until_match": "regex"}, [], ["until_match", "contains"]),
    ("consume-commit-text", "consume", {"commit": "yes please"}, [], ["commit", "bool"]),
    ("consume-schema-ids-avro", "consume", {"schema_ids": True, "format": "avro"}, [], ["needs format=binary"]),
    ("consume-schema-ids-json", "consume", {"schema_ids": True}, [], ["needs format=binary", "json consumer"]),
    ("consume-schema-ids-text", "consume", {"schema_ids": "some"}, [], ["schema_ids", "bool"]),
]

MARKUP = re.compile(r"<\s*/?\s*(html|head|body|title|h\d|p|div|center|hr|!doctype)\b", re.IGNORECASE)
# Requests a case may send and that change nothing even when accepted.
READ_ONLY = ("GET", "HEAD")


def stub(http, method, url, status, body):
    if isinstance(body, Exception):
        http.add(method, url, body=body)
    elif isinstance(body, str):
        http.add(method, url, status=status, body=body, content_type="text/html")
    else:
        http.add(method, url, status=status, json=body)


@pytest.fixture(autouse=True)
def forced_dialect_probe(http):
    yield from forced_dialect_probes(http)


@pytest.mark.parametrize("case_id, module, options, stubs, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_fails_cleanly_and_writes_nothing(http, case_id, module, options, stubs, words):
    main, defaults = MODULES[module]
    args = dict(defaults, **options)
    args = dict((k, v) for k, v in args.items() if v is not None)
    for method, url, status, body in stubs:
        stub(http, method, url, status, body)
    if module in ("topic_info", "produce", "consume"):
        answer_probe(PROXY, args)
    result = run_module(main, args)
    assert result.failed, result
    msg = result["msg"]
    for word in words:
        assert word in msg, msg
    assert "Traceback" not in msg and "exception" not in result
    # One or two lines a user reads, not a page: no markup, nothing near a dump.
    assert not MARKUP.search(msg) and len(msg) < 700, msg
    for call in http.calls:
        accepted = not isinstance(call.response, Exception) and call.response.status_code < 400
        assert call.request.method in READ_ONLY or "/config/validate" in call.request.url or not accepted


def test_the_table_covers_every_module_with_sixty_cases_or_more():
    assert len(CASES) >= 60
    assert set(c[1] for c in CASES) == set(MODULES)
    assert len(set(c[0] for c in CASES)) == len(CASES)
