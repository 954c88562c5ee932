# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The jdbc_pipeline role's rendering (the filters jdbc_pipeline_connectors and jdbc_pipeline_problems),
pipeline in, connectors out, for each flavour and source mode.

The filter plugin itself is not imported: importing Ansible's controller side into this process would
change how every later module test's warnings are collected. The role's render.yml goes through it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest

from ansible_collections.kafkaops.connect.plugins.plugin_utils._jdbc_pipeline import (
    PipelineError,
    jdbc_pipeline_connectors,
    jdbc_pipeline_problems,
)


def merged(*parts):
    result = {}
    for part in parts:
        result.update(part)
    return result


DB = {"host": "db.example.com", "name": "shop", "user": "shop", "password": "s3cret"}
CONVERTERS = {"value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": True}
CONNECTION = {
    "connection.url": "jdbc:postgresql://db.example.com:5432/shop",
    "connection.user": "shop",
    "connection.password": "s3cret",
}
CONFLUENT_SOURCE = merged(
    CONNECTION,
    CONVERTERS,
    {"connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector", "tasks.max": 1, "poll.interval.ms": 5000},
)


def render(*pipelines, **kwargs):
    kwargs.setdefault("database", DB)
    kwargs.setdefault("converter_config", CONVERTERS)
    return jdbc_pipeline_connectors(list(pipelines), **kwargs)


def configs(*pipelines, **kwargs):
    """The rendered connectors by name: {name: (state, config)}."""
    return dict((c["name"], (c["state"], c["config"])) for p in render(*pipelines, **kwargs) for c in p["connectors"])


# pipeline, flavour, the source config's keys beyond the defaults of that flavour, its topics
CONFLUENT_SOURCES = [
    (
        {"name": "by-id", "source": {"tables": ["clicks"]}},
        {
            "mode": "incrementing",
            "incrementing.column.name": "id",
            "table.whitelist": "clicks",
            "topic.prefix": "by-id.",
        },
        ["by-id.clicks"],
    ),
    (
        {
            "name": "by-time",
            "source": {
                "tables": ["clicks", "orders"],
                "mode": "timestamp",
                "timestamp_column": "at",
                "topic_prefix": "w-",
            },
        },
        {"mode": "timestamp", "timestamp.column.name": "at", "table.whitelist": "clicks,orders", "topic.prefix": "w-"},
        ["w-clicks", "w-orders"],
    ),
    (
        {
            "name": "by-both",
            "tasks_max": 2,
            "source": {
                "tables": ["clicks"],
                "mode": "timestamp+incrementing",
                "timestamp_column": "at",
                "incrementing_column": "click_id",
                "poll_interval_ms": 1000,
            },
        },
        {
            "tasks.max": 2,
            "mode": "timestamp+incrementing",
            "timestamp.column.name": "at",
            "incrementing.column.name": "click_id",
            "table.whitelist": "clicks",
            "topic.prefix": "by-both.",
            "poll.interval.ms": 1000,
        },
        ["by-both.clicks"],
    ),
    (
        {
            "name": "daily",
            "database": {"url": "jdbc:mysql://mysql.example.com:3306/shop"},
            "source": {"query": "SELECT 1", "mode": "bulk"},
        },
        {
            "connection.url": "jdbc:mysql://mysql.example.com:3306/shop",
            "mode": "bulk",
            "query": "SELECT 1",
            "topic.prefix": "daily",
        },
        ["daily"],
    ),
]


@pytest.mark.parametrize("pipeline, keys, topics", CONFLUENT_SOURCES, ids=[c[0]["name"] for c in CONFLUENT_SOURCES])
def test_confluent_source_modes(pipeline, keys, topics):
    (rendered,) = render(pipeline, flavour="confluent")
    assert rendered["connectors"][0]["config"] == dict(CONFLUENT_SOURCE, **keys)
    assert rendered["source_topics"] == topics
    # No sink: a sink left from an earlier definition is deleted.
    assert rendered["connectors"][1] == {"name": pipeline["name"] + "-sink", "state": "absent", "config": {}}


def test_confluent_sink_renders_every_option_and_its_config_wins():
    sink = {
        "table": "clicks_by_user",
        "topics": ["by-both.clicks"],
        "insert_mode": "insert",
        "pk_mode": "record_value",
        "pk_fields": ["user_id", "click_id"],
        "auto_create": False,
        "auto_evolve": True,
        "config": {"batch.size": 500, "value.converter.schemas.enable": False},
    }
    got = configs({"name": "p", "tasks_max": 2, "source": {"tables": ["clicks"]}, "sink": sink}, flavour="confluent")
    assert got["p-sink"] == (
        "running",
        merged(
            CONNECTION,
            CONVERTERS,
            {
                "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
                "tasks.max": 2,
                "topics": "by-both.clicks",
                "insert.mode": "insert",
                "delete.enabled": False,
                "pk.mode": "record_value",
                "pk.fields": "user_id,click_id",
                "auto.create": False,
                "auto.evolve": True,
                "table.name.format": "clicks_by_user",
                "batch.size": 500,
                "value.converter.schemas.enable": False,
            },
        ),
    )


def test_debezium_streams_through_its_own_slot_and_publication():
    pipeline = {
        "name": "CDC-2",
        "database": {"host": "pg.example.com", "port": 6432},
        "source": {"tables": ["web.clicks", "orders"]},
        "sink": {"table": "clicks_copy", "delete_enabled": True},
    }
    (rendered,) = render(pipeline)
    source, sink = (c["config"] for c in rendered["connectors"])
    assert source == merged(
        CONVERTERS,
        {
            "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
            "tasks.max": 1,
            "plugin.name": "pgoutput",
            "database.hostname": "pg.example.com",
            "database.port": 6432,
            "database.dbname": "shop",
            "database.user": "shop",
            "database.password": "s3cret",
            "topic.prefix": "CDC-2",
            "table.include.list": "web.clicks,public.orders",
            "slot.name": "cdc_2_slot",
            "publication.name": "cdc_2_pub",
            "publication.autocreate.mode": "filtered",
            "snapshot.mode": "initial",
            "transforms": "unwrap",
            "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState",
        },
    )
    assert sink == merged(
        CONVERTERS,
        {
            "connector.class": "io.debezium.connector.jdbc.JdbcSinkConnector",
            "tasks.max": 1,
            "connection.url": "jdbc:postgresql://pg.example.com:6432/shop",
            "connection.username": "shop",
            "connection.password": "s3cret",
            "topics": "CDC-2.web.clicks,CDC-2.public.orders",
            "insert.mode": "upsert",
            "primary.key.mode": "record_key",
            "schema.evolution": "basic",
            "delete.enabled": True,
            "collection.name.format": "clicks_copy",
        },
    )
    assert rendered["source_table"] == "web.clicks"
    assert (rendered["slot_name"], rendered["publication_name"], rendered["publication_autocreate"]) == (
        "cdc_2_slot",
        "cdc_2_pub",
        True,
    )


@pytest.mark.parametrize(
    "source, sink, keys, sink_keys",
    [
        ({"flatten": False}, {}, {"transforms": None}, {}),
        ({"publication_autocreate": False}, {}, {"publication.autocreate.mode": "disabled"}, {}),
        ({"slot_name": "s", "publication_name": "p"}, {}, {"slot.name": "s", "publication.name": "p"}, {}),
        ({}, {"auto_create": False}, {}, {"schema.evolution": "none"}),
        ({}, {"auto_create": False, "auto_evolve": True}, {}, {"schema.evolution": "basic"}),
        ({}, {"pk_fields": ["id"], "pk_mode": "record_value"}, {}, {"primary.key.fields": "id"}),
    ],
)
def test_debezium_options(source, sink, keys, sink_keys):
    got = configs({"name": "p", "source": dict(source, tables=["t"]), "sink": dict(sink, table="t2")})
    for key, value in keys.items():
        assert got["p-source"][1].get(key) == value
    for key, value in sink_keys.items():
        assert got["p-sink"][1].get(key) == value


def test_verification_and_psql_fields():
    database = dict(DB, password="pa:ss\\word")
    pipeline = {"name": "p", "state": "paused", "verify": "yes", "verify_column": "url", "source": {"tables": ["t"]}}
    (rendered,) = render(pipeline, database=database, psql_executable="/usr/bin/psql")
    assert rendered["state"] == "paused" and rendered["connectors"][0]["state"] == "paused"
    assert (rendered["verify"], rendered["verify_column"], rendered["verify_values"]) == (True, "url", {})
    assert rendered["psql_argv"] == [
        "/usr/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
        "-h", "db.example.com", "-p", "5432", "-U", "shop", "-d", "shop",
    ]  # fmt: skip
    # A psql password file escapes ':' and '\' with a backslash.
    assert rendered["pgpass_line"] == "db.example.com:5432:shop:shop:pa\\:ss\\\\word"
    # The password is never in psql's arguments.
    assert "pa:ss\\word" not in rendered["psql_argv"]


def test_a_pipelines_database_keys_win_over_the_shared_ones():
    got = configs({"name": "p", "database": {"user": "other"}, "source": {"tables": ["t"]}}, flavour="confluent")
    assert got["p-source"][1]["connection.user"] == "other"
    assert got["p-source"][1]["connection.password"] == "s3cret"


@pytest.mark.parametrize(
    "pipelines, kwargs, problems",
    [
        ([{"name": "a", "source": {"tables": ["t"]}}], {}, []),
        (
            [{"name": "a", "source": {"tables": ["t"]}}, {"name": "a", "source": {"tables": ["u"]}}],
            {},
            ["pipeline names must be unique; listed more than once: a"],
        ),
        ([{"name": "a", "source": {}}], {}, ["pipeline a: its source needs tables"]),
        ([{"name": "a", "source": {}}], {"flavour": "confluent"}, ["pipeline a: its source needs tables, or a query"]),
        ([{"name": "a", "source": {"query": "SELECT 1"}}], {"flavour": "confluent"}, []),
        (
            [{"name": "a", "flavour": "oracle", "source": {"tables": ["t"]}}],
            {},
            ["pipeline a: flavour must be one of debezium, confluent, got 'oracle'"],
        ),
        (
            [{"name": "a", "source": {"tables": ["t"]}}],
            {"verify": True},
            ["pipeline a: verification needs verify_column (the column the test row sets)"],
        ),
        ([{"name": "a", "state": "absent", "source": {"tables": ["t"]}}], {"verify": True}, []),
    ],
)
def test_problems_name_the_pipeline_and_what_to_give(pipelines, kwargs, problems):
    assert jdbc_pipeline_problems(pipelines, database=DB, **kwargs) == problems


def test_rendering_a_list_with_problems_fails_with_them():
    with pytest.raises(PipelineError, match="its source needs tables"):
        render({"name": "a", "source": {}})


@pytest.mark.parametrize("value", [None, "text", [{"source": {}}], ["a"]])
def test_a_list_that_is_no_list_of_named_pipelines_fails_clearly(value):
    with pytest.raises(PipelineError, match="must be a list of pipelines, each a dict with a name"):
        jdbc_pipeline_connectors(value)


# Avro values: Apicurio's converter, registry URLs, the subjects the role registers.
AVRO_KEYS = {
    "value.converter": "io.apicurio.registry.utils.converter.AvroConverter",
    "value.converter.apicurio.registry.url": "http://registry:8080/apis/registry/v2",
    "value.converter.apicurio.registry.headers.enabled": False,
    "value.converter.apicurio.registry.as-confluent": True,
    "value.converter.apicurio.registry.use-id": "contentId",
}
KEY_CONVERTER = {"key.converter": "org.apache.kafka.connect.json.JsonConverter", "key.converter.schemas.enable": True}


def test_avro_values_use_apicurios_converter_and_only_the_source_registers():
    pipeline = {"name": "p", "value_format": "avro", "source": {"tables": ["t", "web.u"]}, "sink": {"table": "t2"}}
    (rendered,) = render(
        pipeline,
        converter_config=merged(KEY_CONVERTER, CONVERTERS),
        schema_registry_url=["http://registry:8080/apis/ccompat/v7", "http://other:8080/apis/ccompat/v7"],
    )
    source, sink = (c["config"] for c in rendered["connectors"])
    # The JSON value keys are replaced, the key converter kept.
    assert dict((k, v) for k, v in source.items() if "converter" in k) == merged(
        KEY_CONVERTER, AVRO_KEYS, {"value.converter.apicurio.registry.auto-register": True}
    )
    assert dict((k, v) for k, v in sink.items() if "converter" in k) == merged(KEY_CONVERTER, AVRO_KEYS)
    assert rendered["value_format"] == "avro"
    assert rendered["value_subjects"] == [
        {"subject": "p.public.t-value", "topic": "p.public.t", "table": "public.t"},
        {"subject": "p.web.u-value", "topic": "p.web.u", "table": "web.u"},
    ]


@pytest.mark.parametrize(
    "kwargs, url",
    [
        ({"schema_registry_url": "https://r.example.com/apis/ccompat/v6/"}, "https://r.example.com/apis/registry/v2"),
        (
            {"schema_registry_url": "http://a/apis/ccompat/v7", "converter_registry_url": "http://b/apis/registry/v2"},
            "http://b/apis/registry/v2",
        ),
        ({"converter_registry_url": "http://b/apis/registry/v2"}, "http://b/apis/registry/v2"),
    ],
)
def test_the_converters_registry_url(kwargs, url):
    got = configs({"name": "p", "source": {"tables": ["t"]}}, value_format="avro", **kwargs)
    assert got["p-source"][1]["value.converter.apicurio.registry.url"] == url


def test_json_stays_the_default_and_has_no_subjects():
    (rendered,) = render({"name": "p", "source": {"tables": ["t"]}}, schema_registry_url="http://a/apis/ccompat/v7")
    assert rendered["value_format"] == "json" and rendered["value_subjects"] == []
    assert rendered["connectors"][0]["config"]["value.converter"] == CONVERTERS["value.converter"]


@pytest.mark.parametrize(
    "pipeline, kwargs, problems",
    [
        (
            {"value_format": "avro"},
            {"schema_registry_url": "http://confluent:8081"},
            [
                "pipeline a: value_format avro needs jdbc_pipeline_schema_registry_url (an Apicurio registry's"
                " .../apis/ccompat/v7 URL) or jdbc_pipeline_converter_registry_url"
            ],
        ),
        (
            {"value_format": "avro", "flavour": "confluent"},
            {"schema_registry_url": "http://r/apis/ccompat/v7"},
            ["pipeline a: value_format avro needs the debezium flavour"],
        ),
        (
            {"source": {"tables": ["t"], "flatten": False}},
            {"schema_registry_url": "http://r/apis/ccompat/v7", "value_format": "avro"},
            ["pipeline a: value_format avro needs flattened rows (source.flatten true)"],
        ),
        ({"value_format": "protobuf"}, {}, ["pipeline a: value_format must be one of json, avro, got 'protobuf'"]),
        # Removing an Avro pipeline needs no registry.
        ({"value_format": "avro", "state": "absent"}, {}, []),
    ],
)
def test_avro_problems(pipeline, kwargs, problems):
    item = merged({"name": "a", "source": {"tables": ["t"]}}, pipeline)
    assert jdbc_pipeline_problems([item], database=DB, **kwargs) == problems
