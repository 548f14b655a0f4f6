"""Running a batch: chunks out to worker processes, results back in input order.

``jobs == 1`` audits in this process. Otherwise a pool of ``jobs`` processes gets
chunks of raw lines or paths and sends back each record's text and brief, with at
most a few chunks in flight; the order of the output never depends on ``jobs``. On Linux the workers are forked after the rules, vocabulary
and compiled validators are loaded, so they inherit them; elsewhere each worker
loads them once in its initializer.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque

from . import work
from .inputs import chunk_bytes, chunks


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def results(inputs, settings: work.Settings, jobs: int, stdin=None, on_chunk=None):
    """Yield (text, brief) for every record of every input, in input order.
    ``on_chunk(records, input_bytes)`` is called after each chunk (for progress)."""
    work.prepare(settings)
    pieces = chunks(inputs, stdin)
    if jobs <= 1:
        for chunk in pieces:
            done = work.process_chunk(chunk)
            yield from done
            if on_chunk:
                on_chunk(len(done), chunk_bytes(chunk))
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(jobs, initializer=work.prepare, initargs=(settings,)) as pool:
        for done, size in _bounded(pool, pieces, ahead=jobs * 3):
            yield from done
            if on_chunk:
                on_chunk(len(done), size)


def _bounded(pool, pieces, ahead: int):
    """Results of ``process_chunk`` over ``pieces`` in order, with at most ``ahead`` chunks
    in flight (``Pool.imap`` would read the whole input into its queue: memory would grow)."""
    pending = deque()
    for chunk in pieces:
        pending.append((pool.apply_async(work.process_chunk, (chunk,)), chunk_bytes(chunk)))
        if len(pending) >= ahead:
            result, size = pending.popleft()
            yield result.get(), size
    while pending:
        result, size = pending.popleft()
        yield result.get(), size

