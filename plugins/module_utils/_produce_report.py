# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""What became of each record a produce task sent: per-record outcomes read from each dialect's
answer, record indexes kept as ranges, and the :class:`ProduceReport` a task's result and
failure message are made from. No HTTP, no Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

WRITTEN, FAILED, UNKNOWN = "written", "failed", "unknown"


def outcomes_from_offsets(entries):
    """Per-record outcomes of a v2-style produce answer (Confluent v2, Karapace, bridge):
    ``{partition, offset}`` is written; ``error_code`` with ``error`` (Confluent, Karapace,
    older bridges) or ``message`` (newer bridges) is failed."""
    outcomes = []
    for entry in entries or []:
        entry = entry if isinstance(entry, dict) else {}
        code = entry.get("error_code")
        if code is None and entry.get("offset") is not None:
            outcomes.append((WRITTEN, entry.get("partition"), entry.get("offset")))
        elif code is not None:
            outcomes.append((FAILED, code, entry.get("error") or entry.get("message") or ""))
        else:
            outcomes.append((UNKNOWN, None, "the proxy reported neither an offset nor an error"))
    return outcomes


def outcomes_from_reports(reports):
    """Per-record outcomes of Confluent v3 delivery reports: error_code 200 is success."""
    outcomes = []
    for report in reports:
        code = report.get("error_code") if isinstance(report, dict) else None
        if code == 200:
            outcomes.append((WRITTEN, report.get("partition_id"), report.get("offset")))
        else:
            outcomes.append((FAILED, code, (report or {}).get("message") or ""))
    return outcomes


def split_concatenated_json(text):
    """The JSON objects of a concatenated JSON stream, in order. A truncated or garbled
    tail ends the list: the records it should have reported stay unaccounted for."""
    decoder = json.JSONDecoder()
    objects, position, end = [], 0, len(text)
    while True:
        while position < end and text[position] in " \t\r\n":
            position += 1
        if position >= end:
            return objects
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            return objects
        objects.append(value)


def refusal_message(error_message, body):
    """The message of a refused request, with the bridge's ``validation_errors`` (which say
    what its request schema did not accept) when it sent them."""
    details = body.get("validation_errors") if isinstance(body, dict) else None
    if details:
        return "%s (validation errors: %s)" % (error_message, "; ".join(str(d) for d in details))
    return error_message


class IndexRanges:
    """A set of record indexes kept as ranges, so that 100,000 failed records cost a few
    numbers in memory, in results and in messages. Indexes are added in increasing order
    (batches go out in order); ``str()`` is ``"0-4, 9"`` for 0, 1, 2, 3, 4 and 9."""

    def __init__(self, indexes=()):
        self._ranges = []
        self._count = 0
        self.extend(indexes)

    def add(self, index):
        if self._ranges and self._ranges[-1][1] == index - 1:
            self._ranges[-1][1] = index
        elif not (self._ranges and self._ranges[-1][0] <= index <= self._ranges[-1][1]):
            self._ranges.append([index, index])
        else:
            return
        self._count += 1

    def extend(self, indexes):
        for index in indexes:
            self.add(index)

    def __len__(self):
        return self._count

    def __bool__(self):
        return bool(self._count)

    def __iter__(self):
        for first, last in self._ranges:
            yield from range(first, last + 1)

    def __str__(self):
        return ", ".join(str(a) if a == b else "%d-%d" % (a, b) for a, b in self._ranges)


# Individual failed records kept in a report (the first ones); the rest are counted in their
# error's group, so that a failed task's result stays small whatever the number of records.
FAILED_ENTRIES_KEPT = 10
# Error groups named in a failure message; the result has all of them.
_GROUPS_IN_MESSAGE = 3


class ProduceReport:
    """What became of every record of one produce task, batch by batch. Records are named by
    their index: the position in ``records``, or the line number in ``src`` (``noun`` says
    which, for the summary). Index sets are :class:`IndexRanges`; failed records are grouped
    by error (``errors()``), with the first FAILED_ENTRIES_KEPT kept one by one (``failed``)."""

    def __init__(self, total, noun="records"):
        self.total = total
        self.noun = noun
        self.offsets = []
        self.failed = []
        self.failed_count = 0
        self._groups = {}
        self.unknown = IndexRanges()
        self.not_sent = IndexRanges()
        self.key_schema_id = None
        self.value_schema_id = None
        self.error = None

    @property
    def complete(self):
        return not (self.failed_count or self.unknown or self.not_sent)

    def partitions(self):
        """Per partition written to: how many records, and the first and last offset."""
        summary = {}
        for entry in self.offsets:
            offset = entry["offset"]
            item = summary.setdefault(
                entry["partition"],
                {"partition": entry["partition"], "count": 0, "first_offset": offset, "last_offset": offset},
            )
            item["count"] += 1
            item["first_offset"] = min(item["first_offset"], offset)
            item["last_offset"] = max(item["last_offset"], offset)
        return [summary[key] for key in sorted(summary, key=str)]

    def _fail(self, index, error_code, message):
        self.failed_count += 1
        if len(self.failed) < FAILED_ENTRIES_KEPT:
            self.failed.append({"index": index, "error_code": error_code, "message": message})
        group = self._groups.get((error_code, message))
        if group is None:
            group = self._groups[(error_code, message)] = IndexRanges()
        group.add(index)

    def errors(self):
        """The failed records grouped by error, in the order the errors first came:
        ``[{error_code, message, count, ranges}]`` with ``ranges`` as in ``"300-999"``."""
        return [
            {"error_code": code, "message": message, "count": len(indexes), "ranges": str(indexes)}
            for (code, message), indexes in self._groups.items()
        ]

    def add_batch(self, indexes, outcomes):
        """Account for one answered batch; returns whether every record of it was written."""
        for index, outcome in zip(indexes, outcomes):
            kind, first, second = outcome
            if kind == WRITTEN:
                self.offsets.append({"index": index, "partition": first, "offset": second})
            elif kind == FAILED:
                self._fail(index, first, second)
            else:
                self.unknown.add(index)
        # Fewer results than records: the answer stopped early and the rest are unaccounted for.
        self.unknown.extend(indexes[len(outcomes) :])
        return all(outcome[0] == WRITTEN for outcome in outcomes) and len(outcomes) >= len(indexes)

    def reject_batch(self, indexes, error_code, message):
        """The proxy refused the whole request: none of its records was written."""
        for index in indexes:
            self._fail(index, error_code, message)

    def lose_batch(self, indexes):
        """The request may or may not have been processed: its records are not sent again."""
        self.unknown.extend(indexes)

    def skip(self, indexes):
        self.not_sent.extend(indexes)

    def summary(self):
        noun = self.noun
        parts = ["%d of %d records written" % (len(self.offsets), self.total)]
        if self.failed_count:
            groups = self.errors()
            named = "; ".join(
                "error %s for %d (%s %s): %s" % (g["error_code"], g["count"], noun, g["ranges"], g["message"])
                for g in groups[:_GROUPS_IN_MESSAGE]
            )
            more = len(groups) - _GROUPS_IN_MESSAGE
            parts.append(
                "%d failed (%s%s)" % (self.failed_count, named, "; %d more errors in errors" % more if more > 0 else "")
            )
        if self.unknown:
            parts.append(
                "outcome unknown for %s %s (not sent again: check the topic before resending them)"
                % (noun, self.unknown)
            )
        if self.not_sent:
            parts.append("%s %s not sent after the failure" % (noun, self.not_sent))
        if self.error is not None:
            parts.append("the proxy answered: %s" % self.error)
        return "; ".join(parts)
