"""One run at a time per study: an exclusive `flock` on data/trendscope.run.lock, with the holder's pid in it.

Without it two `run`s in one folder both did all the work and the lock file went
to whichever finished last.  The kernel releases a `flock` when its holder dies,
even by `kill -9`, so a lock can never be held by a dead process; a pid still
written in the file when we take the lock means the previous run ended without
releasing it (killed or crashed), and the takeover is reported.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from trendscope.errors import OutputError, TrendscopeError

RUN_LOCK_NAME = "trendscope.run.lock"


class StudyBusyError(TrendscopeError):
    """Another trendscope process holds the study's run lock."""


def _read_pid(fd: int) -> int | None:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 64).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


@contextlib.contextmanager
def study_lock(data: Path, *, on_takeover: Callable[[int], None] | None = None) -> Iterator[Path]:
    """Hold the study's run lock for the block; raise StudyBusyError at once if another live run holds it.

    `on_takeover(pid)` is called when the file still names a run (pid) that ended without releasing it.
    """
    path = Path(data) / RUN_LOCK_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the study's run lock ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise OutputError(f"{path}: cannot lock the study ({exc.strerror})") from None
            pid = _read_pid(fd)
            holder = f"pid {pid}" if pid else "pid unknown"
            raise StudyBusyError(f"another trendscope run ({holder}) is using this study ({path.parent.parent}); wait for it to finish") from None
        previous = _read_pid(fd)
        if previous is not None and previous != os.getpid() and on_takeover is not None:
            on_takeover(previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)  # an empty file: released cleanly, nothing to take over
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class OutputBusyError(TrendscopeError):
    """Another trendscope process is writing output folders into the same folder."""


@contextlib.contextmanager
def output_lock(targets: list[Path]) -> Iterator[None]:
    """Hold an exclusive `flock` on the folder each output target lives in (`--out v` → the folder holding v).

    The study lock only keeps two runs of one study apart; two studies writing the same `--out` would
    otherwise each clean the other's staging folder as a leftover.  The lock is on the parent folder
    itself (its directory inode), so nothing is written into a user's folder, and like the study lock it
    is released by the kernel when its holder dies.
    """
    folders = sorted({Path(t).absolute().parent for t in targets})
    with contextlib.ExitStack() as stack:
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            except OSError as exc:
                raise OutputError(f"{folder}: cannot open the output folder to lock it ({exc.strerror})") from None
            stack.callback(os.close, fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise OutputError(f"{folder}: cannot lock the output folder ({exc.strerror})") from None
                raise OutputBusyError(f"another trendscope run is writing its output into {folder}; wait for it to finish or choose another --out") from None
            stack.callback(fcntl.flock, fd, fcntl.LOCK_UN)
        yield
