"""Worker pools that die with their parent and stay quiet on Ctrl-C.

Every process pool in trendscope (tokenizing, topic fits, figure drawing) is made
here.  Workers are spawned, not forked: a forked JVM is unusable and a forked
matplotlib state is unsafe.  A spawned worker outlives a parent killed with
`kill -9` (it is re-parented to init): measured before this module, tokenize,
topic and report workers were still alive 153 s later, holding 0.2-0.67 GB
each.  So each worker, before the caller's initializer runs:

- asks the kernel for SIGKILL when its parent dies (Linux `prctl(PR_SET_PDEATHSIG)`),
- and, where that is missing or was set too late, watches its parent pid from a
  daemon thread and exits when it changes;
- ignores SIGINT, so Ctrl-C in a terminal (sent to the whole process group)
  stops the parent with one line instead of a traceback per worker; the
  parent's pool shutdown then ends the workers.

The ignoring used to start only once the spawned interpreter had started, unpickled
its preparation data and imported the modules of `__main__` and the initializer
(~0.3-1 s): a Ctrl-C in that window killed a half-started worker with a
KeyboardInterrupt traceback and broke the pool.  Now the parent blocks SIGINT in
the thread that spawns a worker (the mask is inherited through fork and exec, as
CPython's own resource tracker does), and the worker unblocks it only after
setting SIG_IGN; the parent unblocks at once, so its own Ctrl-C is delayed by the
`fork`+`exec` only and then raised as usual.  Blocking alone does not hold the
parent still: the kernel hands a process-wide SIGINT to another thread (the pool's
manager or queue feeder), whose C handler still makes the main thread raise
KeyboardInterrupt at once, between the spawn and the writing of the preparation data,
and the orphaned worker then printed `EOFError: Ran out of input` (seen in 1 of 12
Ctrl-C at 0.3 s).  So the spawn also defers the Python-level handler: a Ctrl-C during
it is raised right after.

The multiprocessing resource tracker, the one helper process a spawn pool
starts, exits on its own when the last process holding its pipe is gone, i.e.
once the parent and the workers are.

PR_SET_PDEATHSIG fires when the *thread* that started the worker ends, so a pool
must be used (submitted to) from the thread that lives as long as the pool:
every pool here lives in one `with` block of the function that submits.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_S = 0.5  # how often the fallback thread looks at the parent pid


def set_parent_death_signal(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send `sig` to this process when its parent dies (Linux only); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            os._exit(1)  # the parent is gone: nothing will read our results
        time.sleep(PARENT_POLL_S)


def watch_parent(parent_pid: int) -> threading.Thread:
    """Start a daemon thread that ends this process once its parent is no longer `parent_pid`."""
    thread = threading.Thread(target=_watch_parent, args=(parent_pid,), name="trendscope-parent-watch", daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def sigint_blocked() -> Iterator[None]:
    """Block SIGINT in this thread for the block (a Ctrl-C meanwhile stays pending and is raised after it)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl-C until the block ends, then raise it as the handler in place would (main thread only).

    Combined with `sigint_blocked`, so a child started in the block inherits SIGINT blocked.
    """
    if threading.current_thread() is not threading.main_thread():
        with sigint_blocked():
            yield
        return
    pending: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        with sigint_blocked():
            yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous == signal.SIG_DFL:
            os.kill(os.getpid(), signal.SIGINT)


def _init_worker(parent_pid: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    # Order matters: the worker was born with SIGINT blocked (see WorkerPool._spawn_process); ignore it first,
    # then unblock, so a Ctrl-C pending since the spawn is discarded instead of raised.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    set_parent_death_signal(signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the death signal was armed
        os._exit(1)
    watch_parent(parent_pid)
    if initializer is not None:
        initializer(*initargs)


class WorkerPool(ProcessPoolExecutor):
    """A ProcessPoolExecutor that, when its block ends with an exception (Ctrl-C included), stops its workers at once.

    The plain executor would wait for the running tasks, and the workers ignore SIGINT: Ctrl-C during
    topic fits would otherwise wait minutes for them.
    """

    def _spawn_process(self) -> None:
        """Start one worker with SIGINT blocked, so it never runs a moment with Python's default handler."""
        with sigint_deferred():
            super()._spawn_process()  # type: ignore[misc]  # CPython's (3.9+) one place that starts a worker

    def terminate(self) -> None:
        """Cancel what has not started, end the workers now, and return only once nothing of the pool runs.

        Order: cancel and mark shut down; kill and reap the workers; join the executor's manager thread, which,
        seeing its workers gone, closes the call queue and joins that queue's feeder thread; close the result
        queue.  `shutdown(wait=False)` alone dropped the executor's references and left the manager thread
        running: after a Ctrl-C in `figures`, concurrent.futures' exit handler woke it through the pipe it was
        closing at that moment (`OSError: [Errno 9] Bad file descriptor` after the interrupted line, 2 of 12
        tries), and the queues' semaphores lived on until exit (a process that then skips its exit handlers
        leaves them to the resource tracker: "leaked semaphore objects").
        """
        processes = list((getattr(self, "_processes", None) or {}).values())
        manager = getattr(self, "_executor_manager_thread", None)
        results = getattr(self, "_result_queue", None)
        self.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()  # SIGKILL: a JVM worker given SIGTERM runs its shutdown under JPype and can crash (hs_err file, tracebacks)
        for process in processes:
            process.join(timeout=10)
        if manager is not None and manager is not threading.current_thread():
            manager.join(timeout=10)
        if results is not None and not (manager is not None and manager.is_alive()):
            results.close()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool | None:
        if exc_type is not None:
            self.terminate()
        return super().__exit__(exc_type, exc, tb)


def spawn_pool(max_workers: int, *, initializer: Callable[..., Any] | None = None, initargs: tuple[Any, ...] = ()) -> WorkerPool:
    """A spawn-context process pool whose workers die with this process and ignore SIGINT; `initializer` runs after that setup."""
    return WorkerPool(
        max_workers=max_workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
