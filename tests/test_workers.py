"""Pool workers die with their parent (even after `kill -9`) and ignore Ctrl-C."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import psutil
import pytest

from trendscope.workers import spawn_pool

PR_GET_PDEATHSIG = 2


def _worker_state(extra: int) -> tuple[bool, int, int]:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    value = ctypes.c_int(0)
    libc.prctl(PR_GET_PDEATHSIG, ctypes.byref(value), 0, 0, 0)
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN, value.value, extra + _INITIALIZED.get("n", 0)


_INITIALIZED: dict[str, int] = {}


def _remember(n: int) -> None:
    _INITIALIZED["n"] = n


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
def test_workers_ignore_sigint_arm_the_death_signal_and_run_the_callers_initializer():
    with spawn_pool(1, initializer=_remember, initargs=(40,)) as pool:
        ignores_sigint, death_signal, total = pool.submit(_worker_state, 2).result()
    assert ignores_sigint
    assert death_signal == signal.SIGKILL
    assert total == 42  # the caller's initializer ran after the setup


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    """Poll (not a synchronisation: an upper bound) until none of `pids` is alive; returns those still alive."""
    deadline = time.monotonic() + seconds
    alive = pids
    while time.monotonic() < deadline:
        alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return []
        time.sleep(0.1)
    return alive


PARENT = textwrap.dedent(
    """
    import os, sys, time
    from trendscope.workers import spawn_pool

    def main():
        with spawn_pool(2) as pool:
            pids = [pool.submit(os.getpid).result() for _ in range(4)]
            futures = [pool.submit(time.sleep, 600) for _ in range(2)]
            print(" ".join(str(p) for p in sorted(set(pids))), flush=True)
            futures[0].result()

    if __name__ == "__main__":
        main()
    """
)


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
def test_workers_and_the_resource_tracker_die_when_the_parent_is_killed(tmp_path, signal_name):
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = parent.stdout.readline()  # printed once the workers are up and busy
        workers = [int(p) for p in line.split()]
        assert workers, "the parent printed no worker pids"
        family = [c.pid for c in psutil.Process(parent.pid).children(recursive=True)]
        assert set(workers) <= set(family)
        os.kill(parent.pid, getattr(signal, signal_name))
        parent.wait(timeout=30)
        assert _wait_gone(family, 5) == [], f"still alive 5 s after the parent died: {family}"
    finally:
        if parent.poll() is None:
            parent.kill()


def _sleep_then_mark(seconds: float, marker: str) -> None:
    time.sleep(seconds)
    with open(marker, "w"):
        pass


def test_an_exception_in_the_block_ends_the_workers_instead_of_waiting_for_their_tasks(tmp_path):
    marker = tmp_path / "finished"
    with pytest.raises(RuntimeError, match="stop"), spawn_pool(2) as pool:
        pids = {pool.submit(os.getpid).result() for _ in range(4)}
        pool.submit(_sleep_then_mark, 20, str(marker))
        raise RuntimeError("stop")
    assert not marker.exists()  # the plain executor waits for the running task to finish
    assert not [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


INTERRUPTED = textwrap.dedent(
    """
    import os, sys, time
    import typer
    from trendscope.cli import _guard
    from trendscope.workers import spawn_pool

    def slow_start(folder):
        open(os.path.join(folder, str(os.getpid())), "w").close()  # this worker is in its initializer now
        time.sleep(5)  # a slow start, like the topic workers receiving their corpora

    @_guard
    def main():
        with spawn_pool(2, initializer=slow_start, initargs=(sys.argv[1],)) as pool:
            futures = [pool.submit(os.getpid) for _ in range(2)]
            [f.result() for f in futures]
            time.sleep(600)

    if __name__ == "__main__":
        try:
            main()
        except typer.Exit as exc:
            sys.exit(exc.exit_code)
    """
)


def test_ctrl_c_while_workers_start_prints_one_line(tmp_path):
    """Issue 14, item 6: Ctrl-C while the topic workers started printed a worker's KeyboardInterrupt traceback."""
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    # its own process group, as a terminal's foreground job: Ctrl-C reaches the parent and every worker
    markers = tmp_path / "started"
    markers.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(markers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        while len(list(markers.iterdir())) < 2:  # both workers are in their initializer
            assert parent.poll() is None, parent.communicate()
            time.sleep(0.05)
        os.killpg(parent.pid, signal.SIGINT)
        _, err = parent.communicate(timeout=60)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert parent.returncode == 130
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted"), err


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs pthread_sigmask")
def test_a_worker_is_spawned_with_sigint_blocked_and_the_parent_unblocks_at_once(monkeypatch):
    """Issue 25 item 10: between the spawn and `_init_worker` a worker ran with Python's default SIGINT handler."""
    from concurrent.futures.process import ProcessPoolExecutor

    masks: list[set[int]] = []
    spawn = ProcessPoolExecutor._spawn_process

    def recording(self: ProcessPoolExecutor) -> None:
        masks.append(set(signal.pthread_sigmask(signal.SIG_BLOCK, [])))  # the mask the child inherits
        spawn(self)

    monkeypatch.setattr(ProcessPoolExecutor, "_spawn_process", recording)
    with spawn_pool(2) as pool:
        pool.submit(os.getpid).result()
        pool.submit(os.getpid).result()
    assert masks and all(signal.SIGINT in mask for mask in masks)
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_a_worker_ignores_sigint_before_it_unblocks_it(monkeypatch):
    """The order inside the worker: SIG_IGN first, then unblock (a Ctrl-C pending since the spawn is then discarded)."""
    from trendscope import workers

    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(workers.signal, "signal", lambda sig, handler: calls.append(("handler", handler)))
    monkeypatch.setattr(workers.signal, "pthread_sigmask", lambda how, sigs: calls.append(("unblock" if how == signal.SIG_UNBLOCK else "mask", set(sigs))))
    monkeypatch.setattr(workers, "set_parent_death_signal", lambda sig: calls.append(("death signal", sig)))
    monkeypatch.setattr(workers, "watch_parent", lambda pid: calls.append(("watch", pid)))
    workers._init_worker(os.getppid(), lambda: calls.append(("initializer", None)), ())
    assert calls[:2] == [("handler", signal.SIG_IGN), ("unblock", {signal.SIGINT})]
    assert calls[-1] == ("initializer", None)


def test_a_ctrl_c_during_a_spawn_is_raised_after_the_worker_is_launched(monkeypatch):
    """A Ctrl-C between starting a worker and sending it its preparation data left it reading a closed pipe
    (`EOFError: Ran out of input` on the terminal); now the spawn completes and the interrupt follows."""
    from concurrent.futures.process import ProcessPoolExecutor

    spawn = ProcessPoolExecutor._spawn_process

    def interrupted(self: ProcessPoolExecutor) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # arrives while the worker is being launched
        time.sleep(0.05)
        spawn(self)

    monkeypatch.setattr(ProcessPoolExecutor, "_spawn_process", interrupted)
    # another thread, as the pool's manager and feeder threads are: the kernel hands it the SIGINT the spawning thread blocks
    threading.Thread(target=time.sleep, args=(2,), daemon=True).start()
    pool = spawn_pool(1)
    with pytest.raises(KeyboardInterrupt):
        pool.submit(os.getpid)
    processes = list(pool._processes.values())
    try:
        assert len(processes) == 1  # launched whole before the interrupt was raised
    finally:
        pool.terminate()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_interrupted_pool_leaves_no_thread_pipe_or_semaphore_running():
    """After Ctrl-C the block returns only once the executor's manager thread and its call queue's feeder are
    joined and the result pipe is closed: nothing of the pool is left to write to a pipe closed under it while
    the interpreter shuts down (`OSError: [Errno 9] Bad file descriptor` after a Ctrl-C in `figures`)."""
    with pytest.raises(KeyboardInterrupt), spawn_pool(2) as pool:
        [f.result() for f in [pool.submit(os.getpid) for _ in range(2)]]
        [pool.submit(time.sleep, 60) for _ in range(6)]  # two running, the rest queued
        manager, calls, results = pool._executor_manager_thread, pool._call_queue, pool._result_queue
        raise KeyboardInterrupt
    assert not manager.is_alive()
    assert calls._thread is None or not calls._thread.is_alive()
    assert results._reader.closed and results._writer.closed
    assert not [t for t in threading.enumerate() if t.name == "QueueFeederThread" and t.is_alive()]


ENDS_AT_ONCE = textwrap.dedent(
    """
    import os, time
    from trendscope.workers import spawn_pool

    def main():
        try:
            with spawn_pool(2) as pool:
                [f.result() for f in [pool.submit(os.getpid) for _ in range(2)]]
                [pool.submit(time.sleep, 60) for _ in range(4)]
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        os._exit(0)  # no exit handlers: whatever the pool still held is left to the resource tracker

    if __name__ == "__main__":
        main()
    """
)


def test_a_terminated_pool_leaves_nothing_to_the_resource_tracker(tmp_path):
    script = tmp_path / "ends.py"
    script.write_text(ENDS_AT_ONCE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(3):
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0 and "leaked" not in done.stderr and "Traceback" not in done.stderr, done.stderr
