"""Atomic file writes: a reader never sees a half-written file, an interrupted write leaves the old one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from trendscope.errors import OutputError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write here ({exc.strerror})") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(target: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


@contextlib.contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside `target` (same file system, so a rename can swap it in); it is removed at the end unless moved."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write here ({exc.strerror})") from None
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def staged_dir(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside `target`; when the block ends without error it replaces `target` whole.

    On error (or interrupt) the staging folder is removed and `target` is untouched, so a reader
    sees the old folder or the new one, never a half-written one.
    """
    with staging_dir(target) as staging:
        yield staging
        swap_in(staging, target)


def swap_in(staging: Path, target: Path) -> None:
    """Replace the folder `target` with `staging` (two renames; the old folder is removed only after the new one is in place)."""
    old = swap_keeping_old(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def swap_keeping_old(staging: Path, target: Path) -> Path | None:
    """Put `staging` in place of `target` and return where the old `target` now is (None if there was none).

    With `restore_old` the caller can undo the swap, e.g. when a later step of the same
    transaction fails; otherwise it removes the returned folder.
    """
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    return old


def restore_old(old: Path | None, target: Path) -> None:
    """Undo `swap_keeping_old`: the new `target` is removed and the old one put back."""
    shutil.rmtree(target, ignore_errors=True)
    if old is not None:
        old.rename(target)
