# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The Kafka Connect REST API, one method per call. URL paths live here and nowhere else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from urllib.parse import quote

from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError

# Apache Kafka version that first has each feature (see API notes, "Version gates").
FEATURES = {
    "stop": ((3, 5), "stopping a connector (PUT /connectors/{name}/stop)"),
    "offsets": ((3, 5), "reading connector offsets (GET /connectors/{name}/offsets)"),
    "alter_offsets": ((3, 6), "altering or resetting connector offsets"),
    "initial_state": ((3, 7), "creating a connector in a given state (initial_state)"),
    "patch_config": ((3, 8), "patching a connector config (PATCH /connectors/{name}/config)"),
    "topics_reset": ((2, 5), "resetting a connector's active topics (PUT /connectors/{name}/topics/reset)"),
    "plugin_configs": ((3, 2), "reading a plugin's config definitions (GET /connector-plugins/{class}/config)"),
    "logger_cluster_scope": ((3, 7), "setting a log level on every worker (PUT /admin/loggers/{logger}?scope=cluster)"),
    "health": ((3, 9), "the worker health check (GET /health)"),
}

_VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(.*)$")


def kafka_version(text):
    """The Apache Kafka (major, minor) of a worker's version string, or None if unknown.

    Confluent Platform workers report their own version (``7.6.0-ccs``, ``8.0.0-ce``):
    CP 7.x ships Kafka 3.x and CP 8.x ships Kafka 4.x.
    """
    match = _VERSION.match(text or "")
    if not match:
        return None
    major, minor = int(match.group(1)), int(match.group(2))
    suffix = match.group(4) or ""
    if major >= 7 and suffix.startswith(("-ccs", "-ce")):
        return (major - 4, minor)
    return (major, minor)


class UnsupportedFeature(Exception):
    """The server is too old for what was asked."""


def connector_name_problem(name):
    """Why Kafka Connect could not address a connector called ``name``, or None if it can.

    Connect 4.3.1 stores such names (POST /connectors accepts ``acc/bad``) but then cannot reach
    them: Jetty answers 400 "Ambiguous URI path separator" for an encoded ``/``, "Suspicious Path
    Character" for ``\\``, "Ambiguous URI path encoding" for ``%``; ``.`` and ``..`` are path
    steps; surrounding whitespace is trimmed on create, so the connector gets another name.
    """
    if not isinstance(name, str) or not name.strip():
        return "a connector name must not be empty"
    if name != name.strip():
        return "Connect trims leading and trailing whitespace, so the connector would be named %r" % name.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "Connect refuses control characters (tabs, line breaks) in connector names"
    if name in (".", ".."):
        return "%r is a URL path step, so Connect cannot address a connector of that name" % name
    bad = [c for c in "/\\%" if c in name]
    if bad:
        return "Connect cannot address a connector whose name contains %s (its REST server rejects the URL)" % (
            " or ".join(repr(c) for c in bad)
        )
    return None


class InvalidConnectorName(ApiError):
    """A connector name refused before any request: it would only produce Jetty error pages."""

    def __init__(self, name, reason):
        self.name = name
        super(InvalidConnectorName, self).__init__(None, None, None, reason, final=True)

    def __str__(self):
        return "connector name %r cannot be used: %s" % (self.name, self.message)


def _path(*parts):
    if len(parts) > 1 and parts[0] == "connectors":
        reason = connector_name_problem(parts[1])
        if reason:
            raise InvalidConnectorName(parts[1], reason)
    return "/" + "/".join(quote(str(p), safe="") for p in parts)


def _connect_said(error, status):
    """True when Connect itself answered ``status``: its errors are JSON, so a 404 page from
    some other web server at that URL does not read as "no such connector"."""
    return error.status == status and error.body is not None


def _already_exists(error):
    return error.status == 409 and "already exists" in error.message


def is_unknown_class(error):
    """Connect answers an unknown ``connector.class`` with a 400 or 500 naming no field."""
    return error.status in (400, 500) and "Failed to find any class that implements" in error.message


def _hopeless(error):
    # 409 and 5xx are retried, but these answers will not change on another try.
    return _already_exists(error) or is_unknown_class(error)


class ConnectClient:
    """Kafka Connect REST calls over one :class:`HttpClient`."""

    def __init__(self, http):
        self.http = http
        self.http.not_this_service = "this URL does not look like a Kafka Connect REST API"
        self._server = None

    @property
    def request_count(self):
        return self.http.request_count

    @property
    def retry_count(self):
        return self.http.retry_count

    # Worker and plugins
    def server_info(self):
        """``{version, commit, kafka_cluster_id}``, read once per run."""
        if self._server is None:
            self._server = self.http.get_json("/") or {}
        return self._server

    def supports(self, feature):
        version = kafka_version(self.server_info().get("version"))
        # An unknown version string: let the server itself say no.
        return version is None or version >= FEATURES[feature][0]

    def require(self, feature):
        if not self.supports(feature):
            since, what = FEATURES[feature]
            raise UnsupportedFeature(
                "%s needs Kafka Connect %d.%d or later; the server at %s reports version %s"
                % (what, since[0], since[1], self.http.base_url, self.server_info().get("version"))
            )

    def list_plugins(self, connectors_only=True):
        params = {"connectorsOnly": "true" if connectors_only else "false"}
        return self.http.get_json("/connector-plugins", params=params) or []

    def plugin_config(self, plugin_class):
        """The config definitions of a plugin: a list of ``{name, type, required, default_value,
        importance, documentation, group, order_in_group, width, display_name, dependents}``
        (KIP-769; recorded in plugin_config_filestream_source.json), or None for an unknown plugin."""
        self.require("plugin_configs")
        return self._get_or_none(_path("connector-plugins", plugin_class, "config"))

    def health(self):
        """``(http_status, {status, message})`` of this worker (KIP-1017): 200 and ``healthy`` once
        it has started, 503 while it starts or when its herder does not answer in time.

        Asked once, without retries: a worker that is starting or gone is the answer, not a failure.
        """
        response = self.http.request("GET", "/health", ok=(200, 500, 503), retry=False)
        try:
            body = response.json()
        except ValueError:
            body = None
        return response.status_code, body if isinstance(body, dict) else {}

    # Log levels (KIP-495, and KIP-976 for the cluster scope)
    def list_loggers(self):
        """``{logger: {level, last_modified}}`` of this worker: the loggers it knows, ``root``
        included; ``last_modified`` is milliseconds since the epoch, null until set over REST."""
        return self.http.get_json("/admin/loggers") or {}

    def set_logger(self, logger, level, cluster=False):
        """Set ``logger`` (and its descendants) to ``level``. With ``cluster`` every worker of the
        group applies it, asynchronously (HTTP 204); otherwise only this worker (HTTP 200)."""
        params = None
        if cluster:
            self.require("logger_cluster_scope")
            params = {"scope": "cluster"}
        path = _path("admin", "loggers", logger)
        return self.http.send_json("PUT", path, {"level": level}, params=params, ok=(200, 204))

    def validate(self, connector_class, config):
        path = _path("connector-plugins", connector_class, "config", "validate")
        return self.http.send_json("PUT", path, config, ok=(200,), give_up=_hopeless)

    # Connectors
    def list_connectors_expanded(self):
        """Every connector with its info and status, in one request.

        Servers older than Kafka 2.3 ignore ``expand`` and answer a list of names instead.
        """
        return self.http.get_json("/connectors", params=[("expand", "status"), ("expand", "info")]) or {}

    def list_connectors_status(self):
        """Every connector with its status, in one request (a bulk wait polls this)."""
        return self.http.get_json("/connectors", params=[("expand", "status")]) or {}

    def get_connector(self, name):
        """ConnectorInfo ``{name, config, tasks, type}``, or None when there is no such connector."""
        return self._get_or_none(_path("connectors", name))

    def get_status(self, name):
        return self._get_or_none(_path("connectors", name, "status"))

    def get_topics(self, name):
        """The topics the connector used, or None when the worker does not track topics."""
        try:
            body = self.http.get_json(_path("connectors", name, "topics"))
        except ApiError as exc:
            if _connect_said(exc, 403):
                return None
            raise
        return ((body or {}).get(name) or {}).get("topics", [])

    def reset_topics(self, name):
        """Empty the connector's set of active topics (KIP-558); Connect answers 202.

        Workers configured to refuse it answer 403 ("Topic tracking reset is disabled.", recorded
        in error_topic_reset_disabled.json): the error then names the setting behind it.
        """
        self.require("topics_reset")
        try:
            self.http.request("PUT", _path("connectors", name, "topics", "reset"), ok=(200, 202, 204))
        except ApiError as exc:
            if _connect_said(exc, 403):
                exc.message += " (the workers set topic.tracking.allow.reset=false or topic.tracking.enable=false)"
            raise

    def create_connector(self, name, config, initial_state=None):
        """Create with POST; returns False instead of failing when the name is already taken."""
        _path("connectors", name)  # refuses a name Connect would store but never address again
        body = {"name": name, "config": config}
        if initial_state:
            body["initial_state"] = initial_state
        try:
            self.http.send_json("POST", "/connectors", body, ok=(201,), give_up=_hopeless)
        except ApiError as exc:
            if _already_exists(exc):
                return False
            raise
        return True

    def put_config(self, name, config):
        return self.http.send_json("PUT", _path("connectors", name, "config"), config, ok=(200, 201), give_up=_hopeless)

    def patch_config(self, name, changes):
        self.require("patch_config")
        return self.http.send_json("PATCH", _path("connectors", name, "config"), changes, ok=(200,))

    def pause(self, name):
        self.http.request("PUT", _path("connectors", name, "pause"), ok=(202,))

    def resume(self, name):
        self.http.request("PUT", _path("connectors", name, "resume"), ok=(202,))

    def stop(self, name):
        self.require("stop")
        self.http.request("PUT", _path("connectors", name, "stop"), ok=(202, 204))

    def restart(self, name, include_tasks=True, only_failed=False):
        params = {
            "includeTasks": "true" if include_tasks else "false",
            "onlyFailed": "true" if only_failed else "false",
        }
        self.http.request("POST", _path("connectors", name, "restart"), params=params, ok=(200, 202, 204))

    def delete(self, name):
        """Delete; returns False when the connector was already gone."""
        try:
            self.http.request("DELETE", _path("connectors", name), ok=(204,))
        except ApiError as exc:
            if _connect_said(exc, 404):
                return False
            raise
        return True

    # Offsets
    def get_offsets(self, name):
        """The offsets list, or None when there is no such connector."""
        body = self._get_or_none(_path("connectors", name, "offsets"))
        if body is None:
            # An old server has no such path either: tell the two 404s apart only then.
            self.require("offsets")
            return None
        return body.get("offsets", [])

    def alter_offsets(self, name, offsets):
        self.require("alter_offsets")
        return self.http.send_json("PATCH", _path("connectors", name, "offsets"), {"offsets": offsets}, ok=(200,))

    def reset_offsets(self, name):
        self.require("alter_offsets")
        return self.http.send_json("DELETE", _path("connectors", name, "offsets"), ok=(200,))

    def _get_or_none(self, path):
        try:
            return self.http.get_json(path)
        except ApiError as exc:
            if _connect_said(exc, 404):
                return None
            raise
