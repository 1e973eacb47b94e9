"""Atomic file writes: a reader never sees a half-written file, an interrupted write leaves the old one."""

from __future__ import annotations

import contextlib
import os
import re
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


# The names `atomic_path` and `staging_dir`/`swap_keeping_old` give their temporary files and folders
# (tempfile adds 8 characters); what a `kill -9` in the middle of a write leaves behind.
_TMP_FILE = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")
_TMP_DIR = re.compile(r"^\.(?P<name>.+)-(new|old)-[A-Za-z0-9_]{8}$")


def is_leftover(path: Path, names: frozenset[str] | None = None) -> bool:
    """True for a temporary file or staging folder of this module (of a target in `names`, when given)."""
    match = (_TMP_DIR if path.is_dir() and not path.is_symlink() else _TMP_FILE).match(path.name)
    return match is not None and (names is None or match.group("name") in names)


def remove_leftovers(folder: Path, *, recursive: bool = True, names: frozenset[str] | None = None) -> list[Path]:
    """Remove what interrupted atomic writes left in `folder` (temporary files, staging and old folders); returns what was removed.

    Only safe while no other process writes there: the pipeline calls it holding the study lock.
    `names` limits it to the leftovers of those targets (for a folder shared with the user's own files).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            children = sorted(current.iterdir())
        except OSError:
            continue
        for child in children:
            if is_leftover(child, names):
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
                removed.append(child)
            elif recursive and child.is_dir() and not child.is_symlink():
                pending.append(child)
    return removed
