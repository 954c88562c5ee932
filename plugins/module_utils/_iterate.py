# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""Iterables read in batches, and read ahead on a thread of their own while the caller waits on
the network: plain Python, nothing of Kafka or Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import queue
import threading


def batched(items, size):
    """Lists of up to ``size`` items of the iterable ``items``, read as they are needed."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prefetched(items, depth=2):
    """The items of the iterable ``items``, read ahead by a thread of their own: while a batch
    is on the wire, the next ones are read and parsed (JSON decoding holds the interpreter, a
    socket wait does not). An exception of the reader is raised where its item would have come."""
    slots = queue.Queue(maxsize=depth)
    end = object()
    stop = threading.Event()

    def read():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        slots.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            slots.put((end, None))
        except BaseException as error:  # noqa: B036 - handed to the consumer, which raises it
            slots.put((end, error))

    reader = threading.Thread(target=read, name="kafkaops-prefetch", daemon=True)
    reader.start()
    try:
        while True:
            item, error = slots.get()
            if error is not None:
                raise error
            if item is end:
                return
            yield item
    finally:
        stop.set()
