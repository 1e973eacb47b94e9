"""report/render.py's figure pool on the Ctrl-C path: nothing of it outlives the interrupted call."""

from __future__ import annotations

import pytest

from trendscope.report import render
from trendscope.workers import WorkerPool


def test_a_ctrl_c_while_the_figure_pool_starts_ends_its_workers(monkeypatch):
    """A Ctrl-C held during the first worker's spawn is raised inside `figure_pool`, before the caller's `with`
    holds the pool: the pool must end its workers and threads itself (else they ran into interpreter shutdown)."""
    made: list[WorkerPool] = []
    workers: list = []
    real_submit = WorkerPool.submit

    def interrupted_submit(self, fn, /, *args, **kwargs):
        made.append(self)
        real_submit(self, fn, *args, **kwargs)  # the worker is spawned, then the pending Ctrl-C is raised
        workers.extend(self._processes.values())
        raise KeyboardInterrupt

    monkeypatch.setattr(WorkerPool, "submit", interrupted_submit)
    with pytest.raises(KeyboardInterrupt):
        render.figure_pool(2)
    (pool,) = made
    assert pool._shutdown_thread and workers and not [w for w in workers if w.is_alive()]
