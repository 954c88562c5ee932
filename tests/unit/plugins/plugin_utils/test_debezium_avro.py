# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""debezium_value_schema (the filter jdbc_pipeline_value_schema): a table's columns into the Avro value schema
Debezium and Apicurio's converter register for it, checked against what they registered on the sandbox."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import pytest

from ansible_collections.kafkaops.connect.plugins.plugin_utils._debezium_avro import debezium_value_schema
from ansible_collections.kafkaops.connect.plugins.plugin_utils._jdbc_pipeline import PipelineError

# Columns and the schemas Apicurio's converter registered for them: debezium_avro_schemas.json (how it was
# recorded is in its _comment).
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "schema_registry")


def recorded_tables():
    with open(os.path.join(FIXTURES, "debezium_avro_schemas.json")) as f:
        return json.load(f)["tables"]


UNPREDICTABLE = ("nnum", "vdef")


@pytest.mark.parametrize("table", ["probe_types", "probe2"])
def test_the_value_schema_is_the_one_the_converter_registered_to_the_byte(table):
    """Byte for byte: Apicurio finds a schema by its text, and the records carry the id of that text."""
    recorded = recorded_tables()[table]
    registered = json.loads(recorded["registered"])
    registered["fields"] = [f for f in registered["fields"] if f["name"] not in UNPREDICTABLE]
    columns = [c for c in recorded["columns"] if c["name"] not in UNPREDICTABLE]
    assert debezium_value_schema(columns, recorded["topic"]) == json.dumps(registered, separators=(",", ":"))


@pytest.mark.parametrize(
    "column, reason",
    [
        ("nnum", "from its type numeric "),
        ("vdef", "from its default 'ab''c'::character varying "),
    ],
)
def test_a_column_the_role_cannot_predict_is_named(column, reason):
    (recorded,) = [c for c in recorded_tables()["probe2"]["columns"] if c["name"] == column]
    with pytest.raises(PipelineError) as failure:
        debezium_value_schema([recorded], "probe.public.probe2")
    assert str(failure.value).startswith(
        "topic probe.public.probe2: the role cannot tell the Avro type Debezium gives column %s, %s" % (column, reason)
    )
    assert "use value_format json for this pipeline" in str(failure.value)


@pytest.mark.parametrize(
    "column",
    [
        {"name": "x", "type": "timestamptz", "nullable": False, "default": None, "datetime_precision": 3},
        {"name": "x", "type": "date", "nullable": False, "default": "'2020-01-01'::date", "datetime_precision": 0},
        {"name": "x", "type": "int4", "nullable": False, "default": "'many'::integer"},
        {"name": "x", "type": "inet", "nullable": True, "default": None},
    ],
    ids=["timestamp precision 3", "constant date", "not a number", "inet"],
)
def test_more_columns_the_role_does_not_guess(column):
    with pytest.raises(PipelineError, match="column x, from its"):
        debezium_value_schema([column], "p.public.t")


def test_a_table_without_columns_fails_clearly():
    with pytest.raises(PipelineError, match=r"topic p.public.t: its table has no columns, or does not exist \(yet\)"):
        debezium_value_schema([], "p.public.t")
