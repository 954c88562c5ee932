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

    def __init__(self, item, database=None, flavour="debezium", verify=False):
        self.item = item
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


def converters(p, converter_config):
    """The converter keys of both connectors of ``p`` (the role's ``jdbc_pipeline_converter_config``)."""
    return dict(converter_config or {})


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


def render(p, converter_config, psql_executable):
    build_source, build_sink = FLAVOURS[p.flavour]
    source, topics, tables = build_source(p)
    converter_keys = converters(p, converter_config)
    source.update(converter_keys)
    source.update(p.source.get("config") or {})
    sink = sink_config(p, build_sink, topics, converter_keys) if p.sink else {}
    db = p.db
    return {
        "name": p.name,
        "state": p.state,
        "flavour": p.flavour,
        "source_topics": topics,
        "source_table": tables[0] if tables else None,
        "sink_table": p.sink.get("table") if p.sink else None,
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


def problems(pipelines):
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
    return found


def pipelines_of(items, database, flavour, verify):
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("name") for i in items):
        raise PipelineError("a JDBC pipeline list must be a list of pipelines, each a dict with a name")
    return [Pipeline(item, database, flavour, verify) for item in items]


def jdbc_pipeline_problems(pipelines, database=None, flavour="debezium", verify=False):
    """What keeps ``jdbc_pipeline_list`` from being applied, one message per problem ([] when nothing).

    Checked apart from the rendering, and without secrets in any message: the rendered list holds the
    database passwords, so the task that renders it hides its output, errors included."""
    return problems(pipelines_of(pipelines, database, flavour, verify))


def jdbc_pipeline_connectors(
    pipelines,
    database=None,
    flavour="debezium",
    converter_config=None,
    verify=False,
    psql_executable="psql",
):
    """Render ``jdbc_pipeline_list``; see jdbc_pipeline_connectors.yml for the shapes."""
    listed = pipelines_of(pipelines, database, flavour, verify)
    found = problems(listed)
    if found:
        raise PipelineError("; ".join(found))
    return [render(p, converter_config, psql_executable) for p in listed]
