# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The Avro value schema of an Avro JDBC pipeline's table, as Debezium and Apicurio's converter will register it:
the pure function behind the filter ``jdbc_pipeline_value_schema``, which the jdbc_pipeline role uses to register
each subject before the connectors exist (documented in plugins/filter/, tested in tests/unit/plugins/plugin_utils/).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.kafkaops.connect.plugins.plugin_utils._jdbc_pipeline import PipelineError

# Debezium's PostgreSQL source, as Apicurio's converter writes its rows in Avro (with ExtractNewRecordState):
# the Avro type of each column type, by PostgreSQL's type name (udt_name). Read from the schemas the converter
# registered for tables of each type on the sandbox (Debezium 3.6, Apicurio 2.4.2); key order matters, since
# Apicurio finds a schema by its text.
_DEBEZIUM_TIME = {"connect.version": 1}
AVRO_TYPES = {
    "int2": {"type": "int", "connect.type": "int16"},
    "int4": "int",
    "int8": "long",
    "float4": "float",
    "float8": "double",
    "bool": "boolean",
    "text": "string",
    "varchar": "string",
    "bpchar": "string",
    "uuid": dict(type="string", **dict(_DEBEZIUM_TIME, **{"connect.name": "io.debezium.data.Uuid"})),
    "json": dict(type="string", **dict(_DEBEZIUM_TIME, **{"connect.name": "io.debezium.data.Json"})),
    "jsonb": dict(type="string", **dict(_DEBEZIUM_TIME, **{"connect.name": "io.debezium.data.Json"})),
    "date": dict(type="int", **dict(_DEBEZIUM_TIME, **{"connect.name": "io.debezium.time.Date"})),
    "timestamp": dict(type="long", **dict(_DEBEZIUM_TIME, **{"connect.name": "io.debezium.time.MicroTimestamp"})),
    "timestamptz": dict(type="string", **dict(_DEBEZIUM_TIME, **{"connect.name": "io.debezium.time.ZonedTimestamp"})),
}
# The value Debezium gives a column whose default is an expression (nextval, now()...), by Avro type.
_FALLBACK_DEFAULTS = {"int": 0, "long": 0, "float": 0.0, "double": 0.0, "boolean": False, "string": ""}
_ZONED_EPOCH = "1970-01-01T00:00:00.000000Z"
_SQL_CLOCKS = ("CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME")
# A constant as PostgreSQL shows a column's default: 'text'::type or a bare number or boolean. A quote doubled
# inside the text is left out: Debezium cuts such a default at the first quote.
_LITERAL = re.compile(r"^(?:'(?P<text>[^']*)'|(?P<bare>[^':()]+))(?:::[a-z ]+)?$")


def _avro_base(column):
    udt = column["type"]
    if udt == "numeric" and column.get("precision") is not None:
        precision, scale = column["precision"], column.get("scale") or 0
        return {
            "type": "bytes",
            "scale": scale,
            "precision": precision,
            "connect.version": 1,
            "connect.parameters": {"scale": str(scale), "connect.decimal.precision": str(precision)},
            "connect.name": "org.apache.kafka.connect.data.Decimal",
            "logicalType": "decimal",
        }
    if udt in ("timestamp", "timestamptz") and column.get("datetime_precision") not in (None, 6):
        return None
    return AVRO_TYPES.get(udt)


def _column_default(column, base):
    """The default Debezium gives the column (None when it has none), or raise when it cannot be told."""
    text = column.get("default")
    if text is None or text.upper().startswith("NULL"):
        return None
    kind = base["type"] if isinstance(base, dict) else base
    connect_name = base.get("connect.name") if isinstance(base, dict) else None
    if "(" in text or text.upper() in _SQL_CLOCKS:
        # An expression: Debezium cannot evaluate it and writes the type's zero value.
        if connect_name == "io.debezium.time.ZonedTimestamp":
            return _ZONED_EPOCH
        if connect_name in ("io.debezium.time.Date", "io.debezium.time.MicroTimestamp"):
            return 0
        if connect_name is None and kind in _FALLBACK_DEFAULTS:
            return _FALLBACK_DEFAULTS[kind]
        raise ValueError("its default %s" % text)
    literal = _LITERAL.match(text)
    if literal is None or connect_name is not None or kind == "bytes":
        raise ValueError("its default %s" % text)
    value = literal.group("text") if literal.group("text") is not None else literal.group("bare").strip()
    try:
        if kind in ("int", "long"):
            return int(value)
        if kind in ("float", "double"):
            return float(value)
        if kind == "boolean":
            return {"true": True, "false": False}[value.lower()]
    except (KeyError, ValueError):
        raise ValueError("its default %s" % text) from None
    return value


def _avro_field(column):
    base = _avro_base(column)
    if base is None:
        raise ValueError("its type %s" % column["type"])
    default = _column_default(column, base)
    if default is not None:
        # connect.default goes before connect.name, as the converter writes it.
        plain = {"type": base} if isinstance(base, str) else base
        typed = dict((k, v) for k, v in plain.items() if k != "connect.name")
        typed["connect.default"] = default
        if isinstance(base, dict) and "connect.name" in base:
            typed["connect.name"] = base["connect.name"]
        field_type = [typed, "null"] if column.get("nullable") else typed
        return {"name": column["name"], "type": field_type, "default": default}
    if column.get("nullable"):
        return {"name": column["name"], "type": ["null", base], "default": None}
    return {"name": column["name"], "type": base}


def debezium_value_schema(columns, topic):
    """The Avro value schema (compact JSON text) Debezium's PostgreSQL source with ExtractNewRecordState
    and Apicurio's converter registers for a table, from the table's columns.

    ``columns``: the table's columns in order, each ``{name, type (udt_name), nullable, default
    (column_default text or null), precision, scale, datetime_precision}`` as information_schema gives
    them; ``topic``: ``<prefix>.<schema>.<table>``, the record's namespace. Raises PipelineError naming
    the column whose type or default the role cannot predict."""
    if not columns:
        raise PipelineError("topic %s: its table has no columns, or does not exist (yet)" % topic)
    fields = []
    for column in columns:
        try:
            fields.append(_avro_field(column))
        except ValueError as exc:
            raise PipelineError(
                "topic %s: the role cannot tell the Avro type Debezium gives column %s, from %s (supported: the types"
                " %s, numeric(p,s), constant defaults and the defaults nextval(), now(), CURRENT_DATE); use"
                " value_format json for this pipeline" % (topic, column.get("name"), exc, ", ".join(sorted(AVRO_TYPES)))
            ) from None
    schema = {"type": "record", "name": "Value", "namespace": topic, "fields": fields, "connect.name": topic + ".Value"}
    return json.dumps(schema, separators=(",", ":"))
