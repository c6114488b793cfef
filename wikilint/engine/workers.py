"""Worker processes: one ordered, bounded stream of results from many articles.

What costs per worker (starting the process, loading rule data and tables) is paid once: the
caller warms its caches before the workers fork, so they start with everything loaded.  Articles
travel in chunks (one message each way per chunk, not per article), at most a few chunks per
worker are in flight (a dump of a million pages is never queued whole), and results come back in
input order, so ``--jobs N`` prints exactly what ``--jobs 1`` prints.
"""

from __future__ import annotations

import os
from collections import deque
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK_ITEMS = 16
CHUNK_CHARS = 1 << 20  # a chunk of dump pages stops growing at about 1 M code points
IN_FLIGHT_PER_WORKER = 3

_TASK: Callable[[Any], Any] | None = None


def cpu_count() -> int:
    """The cores this process may run on (the affinity mask, not the machine's count, where known)."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def chunks(items: Iterable[T], weight: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive runs of ``items``: at most CHUNK_ITEMS, or fewer once their weight reaches CHUNK_CHARS."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= CHUNK_ITEMS or total >= CHUNK_CHARS:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _init(task: Callable[[Any], Any]) -> None:
    global _TASK
    _TASK = task
    # A forked worker inherits the parent's SIGTERM handler, which raises to clean up on the way out;
    # in a worker it can fire while the pool's queue lock is taken, and Pool.terminate then waits
    # forever for a worker that neither dies nor works.  Workers die at once on SIGTERM, and leave
    # Ctrl-C to the parent, which stops the pool.
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(chunk: list) -> list:
    assert _TASK is not None
    return [_TASK(item) for item in chunk]


def ordered_map(task: Callable[[T], R], items: Iterable[T], jobs: int,
                weight: Callable[[T], int] = lambda item: 0) -> Iterator[R]:
    """``map(task, items)`` over ``jobs`` processes, lazily and in order.

    ``task`` reaches the workers by fork where the platform has it (nothing is pickled: what the
    parent loaded is shared), by pickling otherwise."""
    if jobs <= 1:
        yield from map(task, items)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with context.Pool(jobs, _init, (task,)) as pool:
        pending: deque = deque()
        for chunk in chunks(items, weight):
            pending.append(pool.apply_async(_run_chunk, (chunk,)))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
