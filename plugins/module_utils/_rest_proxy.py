# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The Kafka REST Proxy behind one interface, whatever API it speaks.

:class:`RestProxy` settles the dialect once per task (detected, or forced and confirmed with
the same probe) and runs the operations that take several requests: topic metadata, batched
produce, and a consumer session that always deletes its instance. The REST calls themselves
are in ``_rest_dialects``; no Ansible here either (the module glue is ``_rest_module``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import time
import uuid

from ansible_collections.kafkaops.connect.plugins.module_utils._consumed_records import consumed_record, value_matches
from ansible_collections.kafkaops.connect.plugins.module_utils._http import ApiError
from ansible_collections.kafkaops.connect.plugins.module_utils._produce_records import RecordError
from ansible_collections.kafkaops.connect.plugins.module_utils._produce_report import (
    IndexRanges,
    ProduceReport,
    refusal_message,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_dialects import (
    ConfluentV2,
    ConfluentV3,
    DialectError,
    StrimziBridge,
    root_answer,
    v3_clusters,
)
from ansible_collections.kafkaops.connect.plugins.module_utils._rest_topics import is_glob, select_topics, shape_topic

__all__ = ("DialectError", "RestProxy")

# The clock polls are timed by, and the wait between set-up tries (names of their own so that
# tests can replace them).
_clock = time.monotonic
_sleep = time.sleep

# Consumer set-up calls that the proxy refuses because its consumer is not ready yet (Karapace
# applies an assignment asynchronously and refuses a seek until it has) are tried again after
# 0.1 s, 0.2 s, ... up to 1 s apart, for at most this many seconds in all.
SETUP_RETRY_SECONDS = 10.0
_SETUP_FIRST_WAIT = 0.1
_SETUP_LONGEST_WAIT = 1.0

# Poll waits: the first is short because Karapace holds a poll for its whole timeout even
# when records are ready; empty polls double the wait up to the longest one.
_FIRST_POLL = 0.5
_POLL_SLICE = 5.0


class RestProxy:
    """The REST Proxy at ``client``'s URLs, in the dialect given or detected once."""

    def __init__(self, client, dialect="auto", v3_base_path="/v3", cluster_id=None):
        self.client = client
        self.requested = dialect
        self.v3_base_path = "/" + (v3_base_path or "/v3").strip("/")
        self.cluster_id = cluster_id
        self._api = None
        # Set by consume(), so that a failed task can still say which instance it made and whether it is gone.
        self.consumer_instance = None
        self.consumer_deleted = None
        # Tries again of consumer set-up calls the proxy refused as not ready (see _until_ready).
        self.setup_retries = 0
        # {topic: partition ids}: one metadata read per topic per task, shared by produce and consume.
        self._partitions = {}

    @property
    def dialect(self):
        return self._api.name if self._api else None

    def api(self, for_consumer=False):
        """The dialect object, settled on first use. A consumer skips the v3 probe:
        Confluent serves its v2 consumers next to v3, and v3 has none."""
        if self._api is None:
            if for_consumer and self.requested == "confluent_v3":
                # Known without asking: v3 has no consumer API.
                self._api = ConfluentV3(self.client, self.v3_base_path, self.cluster_id)
            elif self.requested == "auto":
                self._api = self._detect(for_consumer)
            else:
                self._api = self._confirm(self.requested)
        return self._api

    def _v3(self, clusters):
        api = ConfluentV3(self.client, self.v3_base_path, self.cluster_id)
        if self.cluster_id is None:
            api.remember_clusters(clusters)
        return api

    def _detect(self, for_consumer):
        if not for_consumer:
            clusters = v3_clusters(self.client, self.v3_base_path)
            if clusters is not None:
                return self._v3(clusters)
        return StrimziBridge(self.client) if root_answer(self.client) == "strimzi_bridge" else ConfluentV2(self.client)

    def _confirm(self, name):
        """A forced dialect is checked with the probe detection uses, so that a mismatch fails
        before anything is sent or consumed (a bridge taken for v2 refuses its consumer
        config; v2 taken for the bridge commits offsets one too far)."""
        if name == "confluent_v3":
            clusters = v3_clusters(self.client, self.v3_base_path)
            if clusters is None:
                raise DialectError(
                    "dialect confluent_v3 was forced, but GET %s/clusters does not answer as Confluent API v3 does:"
                    " set v3_base_path to where the proxy serves v3, or use dialect confluent_v2 or auto"
                    % self.v3_base_path
                )
            return self._v3(clusters)
        found = root_answer(self.client)
        if found != name:
            raise DialectError(
                "dialect %s was forced, but the proxy answers GET / as %s does (%s): use dialect %s or auto"
                % (
                    name,
                    "the Strimzi Kafka Bridge" if found == "strimzi_bridge" else "Confluent REST Proxy v2 or Karapace",
                    "with its bridge_version" if found == "strimzi_bridge" else "without a bridge_version",
                    found,
                )
            )
        return StrimziBridge(self.client) if name == "strimzi_bridge" else ConfluentV2(self.client)

    # --- operations over several requests

    def require(self, what, fmt, formats):
        if fmt not in formats:
            hint = ""
            if fmt == "string":
                hint = " (format=binary sends text as the same UTF-8 bytes)"
            raise DialectError(
                "%s cannot %s format %s; it supports %s%s" % (self.dialect, what, fmt, ", ".join(formats), hint)
            )

    def check_produce(self, fmt):
        """Fail before sending when the dialect cannot carry the format."""
        self.require("produce", fmt, self.api().produce_formats)

    def check_record(self, record, where, fmt, topic):
        """Fail (RecordError) before sending when the dialect cannot write ``record`` as asked,
        or when it names a partition ``topic`` does not have (the bridge would hold such a batch
        for its producer's max.block.ms, 60 s, and then write the records before it)."""
        self.api().check_record(record, where, fmt)
        wanted = record["partition"]
        if wanted is not None:
            ids = self.partition_ids(topic)
            if wanted not in ids:
                raise RecordError(
                    "%s names partition %d, but topic %s has %s (%d in all); nothing was sent"
                    % (where, wanted, topic, _partition_list(ids), len(ids))
                )

    def partition_ids(self, topic):
        """The topic's partition ids, read once per task (ApiError when the topic does not exist)."""
        if topic not in self._partitions:
            self._partitions[topic] = self.api().partition_ids(topic)
        return self._partitions[topic]

    def topic_info(self, wanted, include_partitions, include_configs, include_internal):
        """``{topics, missing, brokers, cluster_id}`` with topics in the common shape."""
        api = self.api()
        wanted = list(wanted or [])
        if wanted and not any(is_glob(w) for w in wanted):
            # Plain names need no listing: asking for each one says whether it exists.
            names, missing = list(dict.fromkeys(wanted)), []
        else:
            names, missing = select_topics(api.list_topics(), wanted, include_internal)
        topics, absent = api.describe_topics(names, include_partitions, include_configs)
        brokers = api.brokers(topics)
        return {
            "topics": [shape_topic(t, include_partitions, include_configs) for t in topics],
            "missing": missing + [n for n in absent if n not in missing],
            "brokers": brokers,
            "cluster_id": getattr(api, "cluster_id", None),
        }

    def produce(self, topic, batches, total, fmt, schemas, binary_encoding="text", noun="records"):
        """Send ``batches`` (lists of ``(index, record)``, read as they are needed) over one
        session; a :class:`ProduceReport` of ``total`` records.

        A batch is never sent twice. After the first batch with any record not written,
        nothing more is sent: the report says what was written, what failed, what may or may
        not have been written, and what was never sent.
        """
        api = self.api()
        report = ProduceReport(total, noun)
        schemas = dict(schemas)
        batches = iter(batches)
        for batch in batches:
            indexes = [item[0] for item in batch]
            try:
                outcomes, key_id, value_id = api.produce(
                    topic, [item[1] for item in batch], fmt, schemas, binary_encoding
                )
            except ApiError as error:
                report.error = error
                if error.status is None and not error.maybe_sent:
                    # No server took the request: this batch and the rest were never sent.
                    report.skip(indexes)
                elif error.status is not None and 400 <= error.status < 500 and error.status != 408:
                    message = refusal_message(error.message, error.body)
                    report.reject_batch(indexes, error.error_code or error.status, message)
                else:
                    # A server error, a lost connection, or a success whose body could not
                    # be read: the records may have been written.
                    report.lose_batch(indexes)
                _skip_rest(report, batches)
                return report
            for part, schema_id in (("key", key_id), ("value", value_id)):
                if schema_id is not None:
                    setattr(report, part + "_schema_id", schema_id)
                    # Later batches name the registered schema instead of sending its text again.
                    if schemas.get(part + "_schema") is not None:
                        schemas[part + "_schema"], schemas[part + "_schema_id"] = None, schema_id
            if not report.add_batch(indexes, outcomes):
                _skip_rest(report, batches)
                return report
        return report

    def consume(
        self,
        topics,
        group,
        fmt,
        start,
        max_records,
        poll_timeout,
        until=None,
        until_match="contains",
        commit=False,
        check_mode=False,
        clock=None,
        sink=None,
        schema_ids=False,
    ):
        """Read records with a fresh consumer instance that is deleted afterwards, also on
        failure. Partitions are assigned, not subscribed: reading starts exactly at the
        beginning, the end or the committed offsets, with no group rebalance to wait for.
        With ``sink``, each record is handed to it instead of being kept in ``records``;
        with ``schema_ids``, binary records give the schema ids of their wire-format headers."""
        api = self.api(for_consumer=True)
        if not api.consume_formats:
            raise DialectError(
                "%s has no consumer API; Confluent REST Proxy serves its v2 consumer API at the same URL:"
                " use dialect=confluent_v2, or auto (which picks v2 for consuming)" % api.name
            )
        self.require("consume", fmt, api.consume_formats)
        instance = "kafkaops-%s" % uuid.uuid4().hex[:16]
        outcome = {"records": [], "count": 0, "found": False, "committed": False, "consumer_deleted": False}
        self.consumer_instance = instance
        try:
            api.create_consumer(group, instance, fmt)
            partitions = [(t, p) for t in topics for p in self.partition_ids(t)]
            self._until_ready(api.consumer_not_ready, api.assign, group, instance, partitions)
            if start in ("beginning", "end"):
                self._until_ready(api.seek_not_ready, api.seek, group, instance, start, partitions)
            first_poll = functools.partial(self._until_ready, api.consumer_not_ready, api.poll)
            poll = _Poll(api, group, instance, fmt, until, until_match, sink, outcome, first_poll, schema_ids)
            positions = poll.run(max_records, poll_timeout, clock or _clock, self.client.timeout)
            if commit and positions and not check_mode:
                api.commit(group, instance, positions)
                outcome["committed"] = True
        finally:
            try:
                api.delete_consumer(group, instance)
                outcome["consumer_deleted"] = True
            except ApiError as error:
                outcome["delete_error"] = str(error)
                # The DELETE may have been applied though its answer says otherwise: a read of
                # the instance's records tells (a GET of the instance URL answers 405 either way).
                outcome["consumer_deleted"] = api.consumer_gone(group, instance) is True
            self.consumer_deleted = outcome["consumer_deleted"]
        return outcome

    def _until_ready(self, not_ready, call, *args):
        """``call(*args)``, tried again while the proxy refuses it because its consumer is not
        ready yet (``not_ready(error)``), for at most SETUP_RETRY_SECONDS; every other
        answer, and the last refusal, is the caller's. The call is never skipped: a seek that
        was refused is sent until it is accepted, so the first record read is the one it asked for."""
        deadline = None
        wait = _SETUP_FIRST_WAIT
        tries = 1
        while True:
            try:
                return call(*args)
            except ApiError as error:
                if not not_ready(error):
                    raise
                now = _clock()
                deadline = now + SETUP_RETRY_SECONDS if deadline is None else deadline
                if now + wait > deadline:
                    error.message += " (the consumer was still not ready after %d tries over %.0f s)" % (
                        tries,
                        SETUP_RETRY_SECONDS,
                    )
                    error.args = (str(error),)
                    raise
            self.setup_retries += 1
            tries += 1
            _sleep(wait)
            wait = min(wait * 2, _SETUP_LONGEST_WAIT)


def _partition_list(ids):
    if not ids:
        return "no partitions"
    return "partition%s %s" % ("" if len(ids) == 1 else "s", IndexRanges(sorted(ids)))


def _skip_rest(report, batches):
    for batch in batches:
        report.skip([item[0] for item in batch])


class _Poll:
    """The polls of one consumer session, until max_records, the marker, or the time is up."""

    def __init__(self, api, group, instance, fmt, until, until_match, sink, outcome, first_poll=None, schema_ids=False):
        self.api, self.group, self.instance, self.fmt = api, group, instance, fmt
        self.schema_ids = schema_ids
        self.until, self.until_match = until, until_match
        self.sink = sink if sink is not None else outcome["records"].append
        self.outcome = outcome
        # The first poll is a set-up call too (the caller retries it while the consumer is not
        # ready); later ones are plain polls.
        self.first = first_poll or api.poll

    def run(self, max_records, poll_timeout, clock, request_timeout):
        """Poll and hand each record to the sink; ``{(topic, partition): last offset}`` of
        the records handed over, which is what a commit has to cover."""
        outcome, positions = self.outcome, {}
        deadline = clock() + poll_timeout
        longest = max(0.1, min(_POLL_SLICE, request_timeout / 2.0))
        wait = min(_FIRST_POLL, longest)
        while outcome["count"] < max_records and not outcome["found"]:
            remaining = deadline - clock()
            if remaining <= 0:
                break
            poll, self.first = self.first, self.api.poll
            raws = poll(self.group, self.instance, self.fmt, int(min(remaining, wait) * 1000))
            wait = min(_FIRST_POLL, longest) if raws else min(wait * 2, longest)
            for raw in raws:
                record = consumed_record(raw, self.fmt, self.api.reports_headers, self.schema_ids)
                self.sink(record)
                outcome["count"] += 1
                place = (record["topic"], record["partition"])
                positions[place] = max(positions.get(place, -1), record["offset"])
                if self.until is not None and value_matches(record["value"], self.until, self.until_match):
                    outcome["found"] = True
                if outcome["found"] or outcome["count"] >= max_records:
                    # Later records of this poll are dropped: not returned, and not committed.
                    break
        return positions
