# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Log levels of Connect workers: pure functions, no HTTP, no Ansible.

A worker's ``GET /admin/loggers`` (KIP-495) lists only the loggers it knows of, each with its own
level; a logger it does not list logs at the level of its nearest listed ancestor (the dotted
prefix), or at ``root``'s. Connect 4.3.1 answers ``GET /admin/loggers/{name}`` of such a logger with
404 "Logger ... not found", so the level in effect is worked out here from the one listing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The levels Connect's log4j accepts (it answers 404 "invalid log level" to others).
LEVELS = ("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL")


class LoggerError(ValueError):
    """The loggers asked for cannot be set."""


def desired_levels(loggers):
    """``{name: LEVEL}`` from the user's ``{name: level}``, levels upper-cased; LoggerError names
    every bad entry."""
    if not loggers:
        raise LoggerError("loggers must name at least one logger and its level, e.g. {org.apache.kafka.connect: DEBUG}")
    result, problems = {}, []
    for name, level in sorted(loggers.items()):
        text = str(level).strip().upper() if isinstance(level, str) else None
        if not str(name).strip():
            problems.append("a logger name must not be empty")
        elif text not in LEVELS:
            problems.append("%s: %r is not a log level (expected one of %s)" % (name, level, ", ".join(LEVELS)))
        else:
            result[str(name)] = text
    if problems:
        raise LoggerError("; ".join(problems))
    return result


def effective(listing, name):
    """``{level, last_modified}`` in effect for ``name`` on a worker whose ``GET /admin/loggers`` is
    ``listing``: its own entry, else its nearest listed ancestor's (``last_modified`` null, since
    nobody set this logger itself), else ``root``'s."""
    listing = listing or {}
    if name in listing:
        entry = listing[name] or {}
        return {"level": entry.get("level"), "last_modified": entry.get("last_modified")}
    parts = name.split(".")
    for end in range(len(parts) - 1, 0, -1):
        ancestor = listing.get(".".join(parts[:end]))
        if ancestor:
            return {"level": ancestor.get("level"), "last_modified": None}
    return {"level": (listing.get("root") or {}).get("level"), "last_modified": None}


def levels_of(listing, names):
    """``{name: {level, last_modified}}`` of ``names`` on one worker."""
    return dict((name, effective(listing, name)) for name in names)


def to_change(levels, wanted):
    """The names whose level in ``levels`` (one worker's ``levels_of``) is not ``wanted``'s."""
    return sorted(name for name, level in wanted.items() if (levels.get(name) or {}).get("level") != level)


def predicted(levels, wanted):
    """``levels`` after ``wanted`` is applied, for check mode: the new level, ``last_modified``
    unknown (null) where it changes."""
    result = {}
    for name, entry in levels.items():
        if entry.get("level") == wanted.get(name, entry.get("level")):
            result[name] = dict(entry)
        else:
            result[name] = {"level": wanted[name], "last_modified": None}
    return result
