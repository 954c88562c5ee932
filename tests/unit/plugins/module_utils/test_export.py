# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.kafkaops.connect.plugins.module_utils import _export
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture


def recorded():
    """Connect 4.3.1's expanded answer: a running source with a password and a ${file:} reference, a stopped sink."""
    return load_fixture("connect", "connectors_expanded_export.json")


class UnsafeLoader(yaml.SafeLoader):
    """Reads ``!unsafe`` as Ansible does: the string as it is, marked (here: wrapped) untemplated."""


UnsafeLoader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def load(text):
    # Not Ansible's own loader: importing it switches module warnings to the controller's display.
    return yaml.load(text, Loader=UnsafeLoader)


@pytest.mark.parametrize(
    "connector, key, variable",
    [
        ("orders-db", "connection.password", "vault_orders_db_connection_password"),
        ("Orders--DB", "SASL_JAAS.Config", "vault_orders_db_sasl_jaas_config"),
        ("-x-", "a..b", "vault_x_a_b"),
        ("db ü 1", "token", "vault_db_1_token"),
    ],
)
def test_placeholder_names(connector, key, variable):
    assert _export.placeholder_name(connector, key) == variable


def test_recorded_cluster_exports_without_secrets_or_server_keys():
    items, placeholders = _export.export_connectors(recorded())
    assert [i["name"] for i in items] == ["rec-db-source", "rec-paused"]
    source, sink = items
    assert source["state"] == "running" and sink["state"] == "stopped"
    assert list(source["config"]) == sorted(source["config"]) and "name" not in source["config"]
    assert source["config"]["db.password"] == "{{ vault_rec_db_source_db_password }}"
    assert source["config"]["api.token"] == "${file:/var/lib/connect/files/rec-secrets.properties:token}"
    assert placeholders == {"vault_rec_db_source_db_password": ("rec-db-source", "db.password")}
    text = _export.to_yaml(items, placeholders)
    assert "recorded-pw" not in text
    assert load(text) == {"secret_placeholders": ["vault_rec_db_source_db_password"], "connectors": items}


def test_states_sensitive_keys_and_server_masks():
    expanded = {
        "p": {
            "info": {"config": {"conn.user": "u", "conn.pass": "hunter2"}},
            "status": {"connector": {"state": "PAUSED"}},
        },
        "f": {"info": {"config": {"x.key": "[hidden]"}}, "status": {"connector": {"state": "FAILED"}}},
        "other": {"info": {"config": {}}, "status": {}},
    }
    items, placeholders = _export.export_connectors(expanded, ["p", "f"], sensitive_keys=["*.pass"])
    assert [(i["name"], i["state"]) for i in items] == [("f", "running"), ("p", "paused")]
    assert items[1]["config"] == {"conn.pass": "{{ vault_p_conn_pass }}", "conn.user": "u"}
    assert sorted(placeholders) == ["vault_f_x_key", "vault_p_conn_pass"]


def test_values_with_a_credential_inside_become_placeholders():
    url = "jdbc:postgresql://db:5432/x?user=app&password=URLLEAK-pw"
    jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="JAASLEAK-pw";'
    expanded = {
        "j": {
            "info": {
                "config": {
                    "connection.url": url,
                    "producer.override.sasl.jaas.config": jaas,
                    "topic": "t",
                    "db.url": "jdbc:postgresql://db:5432/x?password=${file:/s.properties:pw}",
                }
            }
        }
    }
    items, placeholders = _export.export_connectors(expanded)
    assert sorted(placeholders) == ["vault_j_connection_url", "vault_j_producer_override_sasl_jaas_config"]
    assert items[0]["config"]["db.url"].endswith("${file:/s.properties:pw}")
    text = _export.to_yaml(items, placeholders)
    assert "URLLEAK-pw" not in text and "JAASLEAK-pw" not in text


def test_names_that_normalise_alike_get_numbered():
    expanded = dict((n, {"info": {"config": {"db.password": "s"}}}) for n in ("a.b", "a-b"))
    items, placeholders = _export.export_connectors(expanded)
    assert sorted(placeholders) == ["vault_a_b_db_password", "vault_a_b_db_password_2"]
    assert placeholders["vault_a_b_db_password"] == ("a-b", "db.password")


def test_yaml_keeps_every_string_exact_and_untemplated():
    odd = ["true", "1", "", " lead", "a: b", "#c", "x\ny", "{{ lookup('pipe', 'id') }}", "ü\u2028", ".inf", "null", "-"]
    config = dict(("k%d" % i, v) for i, v in enumerate(odd))
    items = [{"name": "{% odd %}", "config": config, "state": "running"}]
    text = _export.to_yaml(items, {})
    assert "!unsafe \"{{ lookup('pipe', 'id') }}\"" in text
    data = load(text)
    assert data["connectors"][0]["config"] == config
    assert data["connectors"][0]["name"] == "{% odd %}"


def test_empty_cluster_and_bad_answer():
    assert load(_export.to_yaml([], {})) == {"secret_placeholders": [], "connectors": []}
    with pytest.raises(_export.ExportError):
        _export.export_connectors(["a", "b"])
