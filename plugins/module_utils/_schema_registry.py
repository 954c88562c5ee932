# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The Confluent Schema Registry REST API, one method per call. URL paths live here and nowhere else.

Spoken by Confluent Schema Registry (its API documentation), Karapace and Apicurio Registry
(``/apis/ccompat/v7``); where they answer differently, the method says so and returns one shape.
The differences are listed in docs/schema-registry.md, and every answer the unit tests use was
recorded from a real registry (tests/unit/plugins/fixtures/schema_registry/).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch
import json
from urllib.parse import quote

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError

SCHEMA_TYPES = ("AVRO", "JSON", "PROTOBUF")
COMPATIBILITY_LEVELS = (
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
    "NONE",
)

# A registry's 409 means "incompatible" or "conflict", never "try again later" as Connect's does.
_RETRY_STATUSES = frozenset([500, 502, 503, 504])

# Confluent's "Subject must be soft-deleted first" (a permanent delete of a live subject).
SUBJECT_NOT_SOFT_DELETED = 40405


class SchemaError(Exception):
    """A schema or option the registry should never be sent: what was wrong, what was expected."""


def _path(*parts):
    return "/" + "/".join(quote(str(p), safe="") for p in parts)


def _registry_said(error, status):
    # The registry's own errors are JSON; a 404 page of some other web server is not "not found".
    return error.status == status and isinstance(error.body, dict)


def schema_text(schema, schema_type):
    """The schema as the registry takes it (text), from text or, for Avro and JSON Schema, data.

    Avro and JSON Schema text must be JSON: checked here, so that a YAML slip is reported as
    such instead of as the registry's "Failed to discover artifact type" (Apicurio) or a parse error.
    Data is serialised with ``json.dumps``'s default separators, the same way on every run, so
    that the registry's byte-for-byte lookup (Apicurio) finds it again.
    """
    if schema_type not in SCHEMA_TYPES:
        raise SchemaError("schema_type must be one of %s, got %r" % (", ".join(SCHEMA_TYPES), schema_type))
    if isinstance(schema, dict):
        if schema_type == "PROTOBUF":
            raise SchemaError("a PROTOBUF schema must be given as text (the .proto file), not as a dictionary")
        return json.dumps(schema)
    if not isinstance(schema, str) or not schema.strip():
        # A list included: sent as JSON it reaches the registry as a top-level Avro union at best,
        # and Apicurio answers [1, 2] with "Failed to discover artifact type". A union that is meant
        # goes as JSON text.
        raise SchemaError(
            "schema must be the schema's text, or a dictionary for AVRO and JSON (a top-level Avro union as"
            " JSON text); got %s %r" % (type(schema).__name__, schema)
        )
    if schema_type != "PROTOBUF":
        try:
            json.loads(schema)
        except ValueError as exc:
            raise SchemaError("an %s schema given as text must be JSON: %s" % (schema_type, exc)) from None
    return schema


def same_schema(text_a, text_b, schema_type):
    """True when two schema texts are the same schema for the registry's purposes: equal as
    parsed JSON (Avro, JSON Schema; key order and spacing do not matter) or, for Protobuf, equal
    once runs of whitespace are collapsed."""
    if text_a is None or text_b is None:
        return False
    if schema_type == "PROTOBUF":
        return " ".join(text_a.split()) == " ".join(text_b.split())
    try:
        return json.loads(text_a) == json.loads(text_b)
    except ValueError:
        return text_a == text_b


def _version(entry):
    """One subject version as the modules return it: Confluent and Karapace omit ``schemaType``
    for Avro, Apicurio omits it in lookups."""
    return {
        "subject": entry.get("subject"),
        "version": entry.get("version"),
        "id": entry.get("id"),
        "schema": entry.get("schema"),
        "schema_type": entry.get("schemaType") or "AVRO",
        "references": entry.get("references") or [],
    }


class SchemaRegistry:
    """Schema registry calls over one :class:`HttpClient` (failover across its base URLs)."""

    def __init__(self, http):
        self.http = http
        self.http.not_this_service = (
            "this URL does not look like a schema registry's Confluent-compatible API"
            " (for Apicurio Registry give the base URL ending in /apis/ccompat/v7)"
        )

    def _get(self, path, params=None, missing=False):
        """GET a JSON body; with ``missing``, None when the registry answers 404."""
        try:
            return self.http.get_json(path, params=params, retry_statuses=_RETRY_STATUSES)
        except ApiError as error:
            if missing and _registry_said(error, 404):
                return None
            raise

    def _send(self, method, path, body=None, params=None):
        return self.http.send_json(method, path, body, ok=(200,), params=params, retry_statuses=_RETRY_STATUSES)

    @staticmethod
    def _payload(text, schema_type, references):
        body = {"schema": text}
        # Avro is every registry's default; older Confluent versions reject the field.
        if schema_type != "AVRO":
            body["schemaType"] = schema_type
        if references:
            body["references"] = references
        return body

    # ------------------------------------------------------------------ reads

    def subjects(self, deleted=False):
        """Names of the subjects (``GET /subjects``), soft-deleted ones too with ``deleted``
        (Confluent, Karapace; Apicurio lists live subjects only)."""
        return self._get("/subjects", params={"deleted": "true"} if deleted else None)

    def matching_subjects(self, patterns):
        """(subjects matching any glob of ``patterns``, sorted; plain names that do not exist)."""
        names = self.subjects()
        if not patterns:
            return sorted(names), []
        found = sorted(set(n for n in names for p in patterns if fnmatch.fnmatchcase(n, p)))
        missing = [p for p in patterns if not any(c in p for c in "*?[") and p not in names]
        return found, missing

    def versions(self, subject, deleted=False):
        """The version numbers of a subject (``GET /subjects/{subject}/versions``), None when it has none.

        Apicurio still lists the versions of a soft-deleted subject; Confluent does only with ``deleted``.
        """
        return self._get(_path("subjects", subject, "versions"), {"deleted": "true"} if deleted else None, missing=True)

    def latest(self, subject):
        """The subject's latest version as :func:`_version` shapes it, None when the subject has none."""
        entry = self._get(_path("subjects", subject, "versions", "latest"), missing=True)
        return _version(entry) if entry is not None else None

    def global_compatibility(self):
        """The registry-wide compatibility level (``GET /config``): Confluent and Karapace default
        to BACKWARD, Apicurio to NONE."""
        return (self._get("/config") or {}).get("compatibilityLevel")

    def compatibility(self, subject, default_to_global=False):
        """The subject's own compatibility level, None when it has none (Confluent's 404 40408).

        Apicurio answers the global level for a subject without one, so there an unset level
        reads as the global one. With ``default_to_global`` the level in force is returned.
        """
        params = {"defaultToGlobal": "true"} if default_to_global else None
        body = self._get(_path("config", subject), params=params, missing=True)
        return (body or {}).get("compatibilityLevel")

    def lookup(self, subject, text, schema_type="AVRO", references=None):
        """The version of ``subject`` that holds this schema (``POST /subjects/{subject}``), or None.

        Confluent and Karapace compare the schema as parsed; Apicurio compares the text byte for
        byte, so :meth:`find` also compares with the latest version itself.
        """
        try:
            entry = self._send("POST", _path("subjects", subject), self._payload(text, schema_type, references))
        except ApiError as error:
            if _registry_said(error, 404):
                return None
            raise
        entry = _version(entry)
        entry["schema_type"] = schema_type
        return entry

    def find(self, subject, text, schema_type="AVRO", references=None):
        """(the version holding this schema or None, the latest version or None): one request
        when the registry's lookup finds it, two otherwise."""
        found = self.lookup(subject, text, schema_type, references)
        if found is not None:
            return found, None
        latest = self.latest(subject)
        if (
            latest is not None
            and latest["schema_type"] == schema_type
            and same_schema(latest["schema"], text, schema_type)
            and (latest["references"] or []) == (references or [])
        ):
            return latest, latest
        return None, latest

    def check_compatibility(self, subject, text, schema_type="AVRO", references=None):
        """(compatible, reasons) of a schema against the subject's latest version.

        Always asked with ``verbose=true``: Confluent and Karapace give their reasons in
        ``messages`` (a list), Apicurio in ``reason`` (one text, null without ``verbose``).
        """
        body = self._send(
            "POST",
            _path("compatibility", "subjects", subject, "versions", "latest"),
            self._payload(text, schema_type, references),
            params={"verbose": "true"},
        )
        body = body or {}
        reasons = body.get("messages") or []
        if isinstance(reasons, str):
            reasons = [reasons]
        if body.get("reason"):
            reasons = list(reasons) + [body["reason"]]
        return bool(body.get("is_compatible")), [str(r) for r in reasons]

    # ------------------------------------------------------------------ writes

    def register(self, subject, text, schema_type="AVRO", references=None):
        """Register a schema under ``subject``; returns its id. A schema the subject already holds
        gets its existing id and no new version (every registry)."""
        body = self._send("POST", _path("subjects", subject, "versions"), self._payload(text, schema_type, references))
        return (body or {}).get("id")

    def set_compatibility(self, subject, level):
        self._send("PUT", _path("config", subject), {"compatibility": level})

    def clear_compatibility(self, subject):
        """Remove the subject's own level, so that the global one applies."""
        try:
            self._send("DELETE", _path("config", subject))
        except ApiError as error:
            if not _registry_said(error, 404):
                raise

    def delete_subject(self, subject, permanent=False):
        """Delete a subject; returns the deleted version numbers, None when there was nothing to delete.

        A permanent delete of a live subject is refused by Confluent and Karapace (40405, "soft
        delete first") and done at once by Apicurio: on 40405 the subject is soft-deleted first,
        so the outcome is the same everywhere.
        """
        path = _path("subjects", subject)
        try:
            if not permanent:
                return self._send("DELETE", path)
            try:
                return self._send("DELETE", path, params={"permanent": "true"})
            except ApiError as error:
                if error.error_code != SUBJECT_NOT_SOFT_DELETED:
                    raise
            self._send("DELETE", path)
            return self._send("DELETE", path, params={"permanent": "true"})
        except ApiError as error:
            if _registry_said(error, 404):
                return None
            raise
