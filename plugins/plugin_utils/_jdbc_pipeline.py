# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The jdbc_pipeline role's pipelines as connector configs: pure functions behind the filters
``jdbc_pipeline_connectors`` and ``jdbc_pipeline_problems`` (documented in plugins/filter/), tested by
tables in tests/unit/plugins/plugin_utils/. No controller imports here, so tests import it freely.

A pipeline is a source (tables of a database into topics) and an optional sink (the topics into a
table). Each flavour is one builder per connector side in ``FLAVOURS``; the converters of both
sides come from ``converters()``: a new flavour or record format is a new entry, not a new branch.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.parsing.convert_bool import boolean

DEFAULT_PORT = 5432


class PipelineError(ValueError):
    """A pipeline list that cannot be rendered; the message says what to change."""


_NOT_IDENTIFIER = re.compile(r"[^a-z0-9_]")


class Pipeline:
    """One item of ``jdbc_pipeline_list`` with the role's defaults filled in."""

    def __init__(self, item, database=None, flavour="debezium", verify=False, value_format="json"):
        self.item = item
        self.value_format = item.get("value_format") or value_format
        self.name = item["name"]
        self.flavour = item.get("flavour") or flavour
        self.state = item.get("state") or "running"
        self.source = item.get("source") or {}
        self.sink = item.get("sink") or None
        self.db = dict(database or {}, **(item.get("database") or {}))
        self.port = self.db.get("port") or DEFAULT_PORT
        self.tables = list(self.source.get("tables") or [])
        self.tasks_max = item.get("tasks_max") or 1
        self.verify = boolean(item["verify"] if item.get("verify") is not None else verify, strict=False)

    @property
    def identifier(self):
        """The name as a PostgreSQL identifier (slot and publication names)."""
        return _NOT_IDENTIFIER.sub("_", self.name.lower())

    @property
    def jdbc_url(self):
        return self.db.get("url") or "jdbc:postgresql://%s:%s/%s" % (
            self.db.get("host"),
            self.port,
            self.db.get("name"),
        )

    @property
    def password(self):
        return self.db.get("password") or ""


# Debezium: PostgreSQL's own replication (pgoutput) into <topic.prefix>.<schema>.<table>.
def debezium_source(p):
    tables = [t if "." in t else "public." + t for t in p.tables]
    prefix = p.source.get("topic_prefix") or p.name
    config = {
        "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
        "tasks.max": 1,
        "plugin.name": "pgoutput",
        "database.hostname": p.db.get("host"),
        "database.port": p.port,
        "database.dbname": p.db.get("name"),
        "database.user": p.db.get("user"),
        "database.password": p.password,
        "topic.prefix": prefix,
        "table.include.list": ",".join(tables),
        "slot.name": p.source.get("slot_name") or p.identifier + "_slot",
        "publication.name": p.source.get("publication_name") or p.identifier + "_pub",
        "publication.autocreate.mode": "filtered" if p.source.get("publication_autocreate", True) else "disabled",
        "snapshot.mode": p.source.get("snapshot_mode") or "initial",
    }
    if p.source.get("flatten", True):
        # Rows instead of change-event envelopes, for every consumer of the topic; deletes become tombstones.
        config.update(
            {"transforms": "unwrap", "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState"}
        )
    return config, ["%s.%s" % (prefix, t) for t in tables], tables


def debezium_sink(p, topics):
    sink = p.sink
    config = {
        "connector.class": "io.debezium.connector.jdbc.JdbcSinkConnector",
        "connection.username": p.db.get("user"),
        "primary.key.mode": sink.get("pk_mode") or "record_key",
        "schema.evolution": "basic" if sink.get("auto_create", True) or sink.get("auto_evolve", False) else "none",
        "collection.name.format": sink.get("table"),
    }
    if sink.get("pk_fields"):
        config["primary.key.fields"] = ",".join(sink["pk_fields"])
    return config


# Confluent's JdbcSourceConnector: polls tables into <topic.prefix><table>, or a query into <topic.prefix>.
def confluent_source(p):
    query = p.source.get("query")
    prefix = p.source.get("topic_prefix") or (p.name if query is not None else p.name + ".")
    mode = p.source.get("mode") or "incrementing"
    config = {
        "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
        "tasks.max": p.tasks_max,
        "connection.url": p.jdbc_url,
        "connection.user": p.db.get("user"),
        "connection.password": p.password,
        "mode": mode,
        "topic.prefix": prefix,
        "poll.interval.ms": p.source.get("poll_interval_ms") or 5000,
    }
    if query is not None:
        config["query"] = query
    else:
        config["table.whitelist"] = ",".join(p.tables)
    if mode in ("incrementing", "timestamp+incrementing"):
        config["incrementing.column.name"] = p.source.get("incrementing_column") or "id"
    if mode in ("timestamp", "timestamp+incrementing"):
        config["timestamp.column.name"] = p.source.get("timestamp_column")
    topics = [prefix] if query is not None else [prefix + t for t in p.tables]
    return config, topics, p.tables


def confluent_sink(p, topics):
    sink = p.sink
    config = {
        "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
        "connection.user": p.db.get("user"),
        "pk.mode": sink.get("pk_mode") or "record_key",
        "auto.create": sink.get("auto_create", True),
        "auto.evolve": sink.get("auto_evolve", False),
        "table.name.format": sink.get("table"),
    }
    if sink.get("pk_fields"):
        config["pk.fields"] = ",".join(sink["pk_fields"])
    return config


# flavour: (source builder -> (config, topics, tables), sink builder -> config keys of that flavour)
FLAVOURS = {
    "debezium": (debezium_source, debezium_sink),
    "confluent": (confluent_source, confluent_sink),
}


# Apicurio's converter for Kafka Connect. It speaks Apicurio's own API, not the Confluent one; with these
# settings it writes the Confluent wire format (a zero byte, then the 4-byte id of the Confluent API), so any
# Confluent-compatible reader finds the schema. Checked end to end on the sandbox (docs/schema-registry.md).
AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter"
_CCOMPAT_PATH = re.compile(r"/apis/ccompat/v[67]/?$")


def avro_converter_url(schema_registry_url, converter_registry_url=None):
    """The URL of Apicurio's own API (``.../apis/registry/v2``) the converter talks to.

    ``converter_registry_url`` when given; else derived from the Confluent API URL of an Apicurio
    registry (``<base>/apis/ccompat/v7`` or ``v6``), the first one when it is a list. None when neither
    gives one (``problems`` reports that)."""
    if converter_registry_url:
        return converter_registry_url
    urls = schema_registry_url if isinstance(schema_registry_url, list) else [schema_registry_url]
    if urls and isinstance(urls[0], str) and _CCOMPAT_PATH.search(urls[0]):
        return _CCOMPAT_PATH.sub("/apis/registry/v2", urls[0])
    return None


def converters(p, converter_config, registry_url=None):
    """The converter keys of ``p``'s source and of its sink, as a pair of dicts.

    JSON (the default): the role's ``jdbc_pipeline_converter_config`` on both. Avro: its key converter
    keys, and Apicurio's Avro converter for values; only the source registers schemas (the sink reads
    each record's schema by the id it carries)."""
    keys = dict(converter_config or {})
    if p.value_format != "avro":
        return keys, dict(keys)
    keys = dict((k, v) for k, v in keys.items() if not k.startswith("value.converter"))
    avro = {
        "value.converter": AVRO_CONVERTER,
        "value.converter.apicurio.registry.url": registry_url,
        "value.converter.apicurio.registry.headers.enabled": False,
        "value.converter.apicurio.registry.as-confluent": True,
        "value.converter.apicurio.registry.use-id": "contentId",
    }
    sink = dict(keys, **avro)
    avro["value.converter.apicurio.registry.auto-register"] = True
    return dict(keys, **avro), sink


def sink_config(p, build_sink, topics, converter_keys):
    sink = p.sink
    config = {
        "tasks.max": p.tasks_max,
        "connection.url": p.jdbc_url,
        "connection.password": p.password,
        "topics": ",".join(sink.get("topics") or topics),
        "insert.mode": sink.get("insert_mode") or "upsert",
        "delete.enabled": sink.get("delete_enabled", False),
    }
    config.update(build_sink(p, topics))
    config.update(converter_keys)
    config.update(sink.get("config") or {})
    return config


def pgpass_line(p):
    """The line of a psql password file for the pipeline's database: ``:`` and ``\\`` escaped."""
    fields = [p.db.get("host") or "", str(p.port), p.db.get("name") or "", p.db.get("user"), p.password]
    return ":".join(re.sub(r"([:\\])", r"\\\1", str(f)) for f in fields)


def render(p, converter_config, psql_executable, registry_url=None):
    build_source, build_sink = FLAVOURS[p.flavour]
    source, topics, tables = build_source(p)
    source_converters, sink_converters = converters(p, converter_config, registry_url)
    source.update(source_converters)
    source.update(p.source.get("config") or {})
    sink = sink_config(p, build_sink, topics, sink_converters) if p.sink else {}
    db = p.db
    return {
        "name": p.name,
        "state": p.state,
        "flavour": p.flavour,
        "source_topics": topics,
        "source_table": tables[0] if tables else None,
        "sink_table": p.sink.get("table") if p.sink else None,
        "value_format": p.value_format,
        # Avro: the subjects of the source's values (TopicNameStrategy), with the table each one describes.
        "value_subjects": [
            {"subject": topic + "-value", "topic": topic, "table": table} for topic, table in zip(topics, tables)
        ]
        if p.value_format == "avro"
        else [],
        "verify": p.verify,
        "verify_column": p.item.get("verify_column"),
        "verify_values": p.item.get("verify_values") or {},
        "slot_name": source.get("slot.name"),
        "publication_name": source.get("publication.name"),
        "publication_autocreate": source.get("publication.autocreate.mode", "disabled") != "disabled",
        "psql_argv": [psql_executable, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        + ["-h", db.get("host") or "", "-p", str(p.port), "-U", db.get("user"), "-d", db.get("name") or ""],
        "pgpass_line": pgpass_line(p),
        "connectors": [
            {"name": p.name + "-source", "state": p.state, "config": source},
            {"name": p.name + "-sink", "state": p.state if p.sink else "absent", "config": sink},
        ],
    }


VALUE_FORMATS = ("json", "avro")


def problems(pipelines, registry_url=None):
    """What the role cannot apply, in one message each (names not unique, a source without tables...)."""
    found = []
    names = [p.name for p in pipelines]
    repeated = sorted(set(n for n in names if names.count(n) > 1))
    if repeated:
        found.append("pipeline names must be unique; listed more than once: %s" % ", ".join(repeated))
    for p in pipelines:
        if p.flavour not in FLAVOURS:
            found.append("pipeline %s: flavour must be one of %s, got %r" % (p.name, ", ".join(FLAVOURS), p.flavour))
        elif not p.tables and not (p.flavour == "confluent" and p.source.get("query") is not None):
            found.append(
                "pipeline %s: its source needs tables%s" % (p.name, ", or a query" if p.flavour == "confluent" else "")
            )
        if p.verify and p.state == "running" and p.item.get("verify_column") is None:
            found.append("pipeline %s: verification needs verify_column (the column the test row sets)" % p.name)
        found.extend(avro_problems(p, registry_url))
    return found


def avro_problems(p, registry_url):
    if p.value_format not in VALUE_FORMATS:
        return [
            "pipeline %s: value_format must be one of %s, got %r" % (p.name, ", ".join(VALUE_FORMATS), p.value_format)
        ]
    if p.value_format != "avro" or p.state == "absent":
        return []
    found = []
    if p.flavour != "debezium":
        found.append("pipeline %s: value_format avro needs the debezium flavour" % p.name)
    if not p.source.get("flatten", True):
        found.append("pipeline %s: value_format avro needs flattened rows (source.flatten true)" % p.name)
    if registry_url is None:
        found.append(
            "pipeline %s: value_format avro needs jdbc_pipeline_schema_registry_url (an Apicurio registry's"
            " .../apis/ccompat/v7 URL) or jdbc_pipeline_converter_registry_url" % p.name
        )
    return found


def pipelines_of(items, database, flavour, verify, value_format):
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("name") for i in items):
        raise PipelineError("a JDBC pipeline list must be a list of pipelines, each a dict with a name")
    return [Pipeline(item, database, flavour, verify, value_format or "json") for item in items]


def jdbc_pipeline_problems(
    pipelines,
    database=None,
    flavour="debezium",
    verify=False,
    value_format="json",
    schema_registry_url=None,
    converter_registry_url=None,
):
    """What keeps ``jdbc_pipeline_list`` from being applied, one message per problem ([] when nothing).

    Checked apart from the rendering, and without secrets in any message: the rendered list holds the
    database passwords, so the task that renders it hides its output, errors included."""
    registry_url = avro_converter_url(schema_registry_url, converter_registry_url)
    return problems(pipelines_of(pipelines, database, flavour, verify, value_format), registry_url)


def jdbc_pipeline_connectors(
    pipelines,
    database=None,
    flavour="debezium",
    converter_config=None,
    verify=False,
    psql_executable="psql",
    value_format="json",
    schema_registry_url=None,
    converter_registry_url=None,
):
    """Render ``jdbc_pipeline_list``; see jdbc_pipeline_connectors.yml for the shapes."""
    listed = pipelines_of(pipelines, database, flavour, verify, value_format)
    registry_url = avro_converter_url(schema_registry_url, converter_registry_url)
    found = problems(listed, registry_url)
    if found:
        raise PipelineError("; ".join(found))
    return [render(p, converter_config, psql_executable, registry_url) for p in listed]
