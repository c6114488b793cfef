"""The worker pool: input order kept, work sent in chunks, and never more than a few chunks read ahead."""

from __future__ import annotations

import os

from wikilint.engine import workers
from wikilint.engine.workers import chunks, ordered_map


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_in_input_order_from_several_processes() -> None:
    out = list(ordered_map(_square_and_pid, range(200), 2))
    assert [value for value, _ in out] == [n * n for n in range(200)]
    assert os.getpid() not in {pid for _, pid in out}


def test_one_job_runs_in_this_process() -> None:
    assert {pid for _, pid in ordered_map(_square_and_pid, range(5), 1)} == {os.getpid()}


def test_chunks_stop_at_a_count_or_a_weight() -> None:
    assert [len(c) for c in chunks(range(40), lambda _: 0)] == [workers.CHUNK_ITEMS, workers.CHUNK_ITEMS, 40 - 2 * workers.CHUNK_ITEMS]
    heavy = workers.CHUNK_CHARS // 2
    assert [len(c) for c in chunks(range(5), lambda _: heavy)] == [2, 2, 1]


def test_the_input_is_read_only_a_few_chunks_ahead() -> None:
    read = []

    def items():
        for n in range(2000):
            read.append(n)
            yield n

    stream = ordered_map(_square_and_pid, items(), 2)
    next(stream)
    ahead = 2 * workers.IN_FLIGHT_PER_WORKER * workers.CHUNK_ITEMS
    assert len(read) <= ahead + workers.CHUNK_ITEMS  # a dump's pages are not all queued at once
    assert [v for v, _ in stream] == [n * n for n in range(1, 2000)]
