"""Atomic file writes: a reader never sees a half-written file, an interrupted write leaves the old one.

Folders are swapped whole: the new one is built beside the target and exchanged with it in one
`renameat2(RENAME_EXCHANGE)` (Linux ≥ 3.15 on ext4, xfs, btrfs, tmpfs …), so a reader always sees a
complete old or a complete new folder; where the system lacks it, two renames leave a moment with
no target.  A staging folder made for a study's output carries its mark (ownership.py), and a swap
refuses a target trendscope did not write.

Temporary names carry `.ts~` (`.<name>.ts~<8>.tmp`, `.<name>.ts~new-<8>`), so the leftover cleaner
deletes only what trendscope made: a user's own `.x.abcdefgh.tmp` is not such a name.  A full disk
(ENOSPC) becomes one line naming the folder and the space, and the old file or folder stays.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from trendscope import ownership
from trendscope.errors import OutputError

TAG = ".ts~"  # in every temporary name this module makes
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # from <linux/fs.h>


class DiskFullError(OutputError):
    """A write ran out of space; what was there before is kept."""


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def disk_full(folder: Path, written: int) -> DiskFullError:
    """The one-line error for a full disk: the folder, what was free and what the write had reached."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    return DiskFullError(f"{folder}: disk full ({_mb(free)} free; this write needed more than the {_mb(written)} it had written); "
                         "free some space and run again — earlier results are kept")


@contextlib.contextmanager
def _disk_full_as_error(folder: Path, written: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        try:
            size = _size(written)
        except OSError:
            size = 0
        raise disk_full(folder, size) from None


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TAG}", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise disk_full(target.parent, 0) from None
        raise OutputError(f"{target.parent}: cannot write here ({exc.strerror})") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with _disk_full_as_error(target.parent, tmp_path):
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
def staging_dir(target: Path, *, owner: str | None = None) -> Iterator[Path]:
    """Yield an empty folder beside `target` (same file system, so a rename can swap it in); it is removed at the end unless moved.

    With `owner` (a study id) the folder is marked as that study's output before anything else is written
    into it, and `target` is checked first: a folder trendscope did not write is refused, unchanged.
    """
    target = Path(target)
    if owner is not None:
        ownership.check_replaceable(target, owner)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{TAG}new-", dir=target.parent))
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise disk_full(target.parent, 0) from None
        raise OutputError(f"{target.parent}: cannot write here ({exc.strerror})") from None
    try:
        with _disk_full_as_error(target.parent, staging):
            if owner is not None:
                ownership.write_mark(staging, owner)
            yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def staged_dir(target: Path, *, owner: str | None = None) -> Iterator[Path]:
    """Yield an empty folder beside `target`; when the block ends without error it replaces `target` whole.

    On error (or interrupt) the staging folder is removed and `target` is untouched, so a reader
    sees the old folder or the new one, never a half-written one.
    """
    with staging_dir(target, owner=owner) as staging:
        yield staging
        swap_in(staging, target)


def swap_in(staging: Path, target: Path) -> None:
    """Replace the folder `target` with `staging`; the old folder is removed only after the new one is in place."""
    old = swap_keeping_old(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@lru_cache(maxsize=1)
def _renameat2():  # type: ignore[no-untyped-def]
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (`renameat2(RENAME_EXCHANGE)`); False where the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _old_name(target: Path) -> Path:
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}{TAG}old-", dir=target.parent))
    old.rmdir()
    return old


def swap_keeping_old(staging: Path, target: Path) -> Path | None:
    """Put `staging` in place of `target` and return where the old `target` now is (None if there was none).

    A marked staging folder replaces only a folder trendscope may replace (checked again here: the
    target may have changed while the report was built). With `restore_old` the caller can undo the
    swap, e.g. when a later step of the same transaction fails; otherwise it removes the returned folder.
    """
    owner = ownership.read_mark(staging)
    if owner is not None:
        ownership.check_replaceable(target, owner)
    if not target.exists():
        staging.rename(target)
        return None
    if exchange(staging, target):  # `target` is the new folder at once; the old one is now at `staging`'s name
        old = _old_name(target)
        staging.rename(old)
        return old
    old = _old_name(target)
    target.rename(old)
    staging.rename(target)
    return old


def restore_old(old: Path | None, target: Path) -> None:
    """Undo `swap_keeping_old`: the new `target` is removed and the old one put back (in one exchange where possible)."""
    if old is not None and target.exists() and exchange(old, target):
        shutil.rmtree(old, ignore_errors=True)
        return
    shutil.rmtree(target, ignore_errors=True)
    if old is not None:
        old.rename(target)


# The names `atomic_path` and `staging_dir`/`swap_keeping_old` give their temporary files and folders
# (tempfile adds 8 characters); what a `kill -9` in the middle of a write leaves behind.
_TMP_FILE = re.compile(r"^\.(?P<name>.+)\.ts~[A-Za-z0-9_]{8}\.tmp$")
_TMP_DIR = re.compile(r"^\.(?P<name>.+)\.ts~(new|old)-[A-Za-z0-9_]{8}$")
# Before the `.ts~` tag (trendscope ≤ 0.1): recognised only where every name is trendscope's (data/).
_OLD_TMP_FILE = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")
_OLD_TMP_DIR = re.compile(r"^\.(?P<name>.+)-(new|old)-[A-Za-z0-9_]{8}$")


def is_leftover(path: Path, names: frozenset[str] | None = None, *, untagged: bool = False) -> bool:
    """True for a temporary file or staging folder of this module (of a target in `names`, when given).

    `untagged` also accepts the names of earlier versions, which a user's own file can have too.
    """
    folder = path.is_dir() and not path.is_symlink()
    patterns = (_TMP_DIR, _OLD_TMP_DIR) if folder else (_TMP_FILE, _OLD_TMP_FILE)
    for pattern in patterns[: 2 if untagged else 1]:
        match = pattern.match(path.name)
        if match is not None and (names is None or match.group("name") in names):
            return True
    return False


def remove_leftovers(folder: Path, *, recursive: bool = True, names: frozenset[str] | None = None, untagged: bool = False) -> list[Path]:
    """Remove what interrupted atomic writes left in `folder` (temporary files, staging and old folders); returns what was removed.

    Only safe while no other process writes there: the pipeline calls it holding the study lock and the
    output folders' lock. `names` limits it to the leftovers of those targets (for a folder shared with the
    user's own files); `untagged` (for data/ only) also removes leftovers named by earlier versions.
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
            if is_leftover(child, names, untagged=untagged):
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
                removed.append(child)
            elif recursive and child.is_dir() and not child.is_symlink():
                pending.append(child)
    return removed
