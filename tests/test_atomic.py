"""atomic.py: folder swaps that never leave the target missing, owned swaps, leftovers by name only, a full disk in one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from trendscope import atomic, ownership
from trendscope.ownership import NotOurFolderError


def _folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text)
    return path


def _watch_renames(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[bool]:
    """Record, after every rename, whether `target` holds a complete report (its index.html)."""
    seen: list[bool] = []
    real_rename, real_exchange = Path.rename, atomic.exchange

    def rename(self: Path, to: Path) -> Path:
        result = real_rename(self, to)
        seen.append((target / "index.html").is_file())
        return result

    def exchange(a: Path, b: Path) -> bool:
        done = real_exchange(a, b)
        seen.append((target / "index.html").is_file())
        return done

    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(atomic, "exchange", exchange)
    return seen


def test_the_swap_never_leaves_a_moment_without_the_folder(tmp_path, monkeypatch):
    target = _folder(tmp_path / "reports", "old")
    staging = _folder(tmp_path / ".reports.ts~new-abcdefgh", "new")
    if not atomic.exchange(tmp_path / "reports", tmp_path / ".reports.ts~new-abcdefgh"):
        pytest.skip("this file system has no renameat2(RENAME_EXCHANGE)")
    atomic.exchange(tmp_path / "reports", tmp_path / ".reports.ts~new-abcdefgh")  # back as they were
    seen = _watch_renames(monkeypatch, target)
    old = atomic.swap_keeping_old(staging, target)
    assert (target / "index.html").read_text() == "new" and (old / "index.html").read_text() == "old"
    assert seen and all(seen)  # after every step the target held a whole report
    atomic.restore_old(old, target)
    assert (target / "index.html").read_text() == "old" and not old.exists()
    assert all(seen)


def test_without_exchange_the_swap_still_replaces_and_restores(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_renameat2", lambda: None)
    target = _folder(tmp_path / "reports", "old")
    old = atomic.swap_keeping_old(_folder(tmp_path / "new", "new"), target)
    assert (target / "index.html").read_text() == "new"
    atomic.restore_old(old, target)
    assert (target / "index.html").read_text() == "old"


def test_an_owned_staging_folder_is_marked_before_use_and_refuses_a_user_folder(tmp_path):
    target = tmp_path / "v"
    target.mkdir()
    (target / "thesis.docx").write_text("t")
    with pytest.raises(NotOurFolderError, match="thesis.docx"), atomic.staged_dir(target, owner="a" * 32):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"] and sorted(p.name for p in target.iterdir()) == ["thesis.docx"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with atomic.staged_dir(empty, owner="a" * 32) as staging:
        assert ownership.read_mark(staging) == "a" * 32  # marked before anything is written
        (staging / "index.html").write_text("new")
    assert ownership.read_mark(empty) == "a" * 32
    with atomic.staged_dir(empty, owner="a" * 32) as staging:  # its own folder: replaced
        (staging / "index.html").write_text("newer")
    assert (empty / "index.html").read_text() == "newer"


def test_the_swap_checks_the_target_again(tmp_path):
    """A user file that appeared in the target while the report was built stops the swap."""
    target = tmp_path / "v"
    with pytest.raises(NotOurFolderError), atomic.staged_dir(target, owner="a" * 32):
        target.mkdir()
        (target / "mine.txt").write_text("x")
    assert (target / "mine.txt").read_text() == "x"


def test_the_cleaner_removes_only_names_trendscope_makes(tmp_path):
    user = [tmp_path / ".x.abcdefgh.tmp", tmp_path / ".notes-new-abcdefgh", tmp_path / "a.ts~abcdefgh.tmp"]
    ours = [tmp_path / ".x.ts~abcdefgh.tmp", tmp_path / ".reports.ts~new-abcdefgh", tmp_path / ".reports.ts~old-a1b2c3d4"]
    for path in user + ours:
        if path.name.endswith(".tmp"):
            path.write_text("x")
        else:
            path.mkdir()
    assert sorted(atomic.remove_leftovers(tmp_path)) == sorted(ours)
    assert all(p.exists() for p in user)
    # in data/ (every name there is trendscope's) the names of earlier versions are leftovers too
    assert set(atomic.remove_leftovers(tmp_path, untagged=True)) == {user[0], user[1]}


def test_a_temporary_name_is_one_the_cleaner_knows(tmp_path):
    with atomic.atomic_path(tmp_path / "x.csv") as tmp:
        assert atomic.is_leftover(tmp)
    with atomic.staging_dir(tmp_path / "reports") as staging:
        assert atomic.is_leftover(staging, frozenset({"reports"}))


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_is_one_line_and_the_old_file_stays(tmp_path):
    target = tmp_path / "out" / "table.csv"
    target.parent.mkdir()
    target.write_text("old")
    with pytest.raises(atomic.DiskFullError) as error, atomic.atomic_path(target) as tmp:
        tmp.write_text("partial")
        _no_space()
    message = str(error.value)
    assert str(target.parent) in message and "disk full" in message and "MB free" in message and "\n" not in message
    assert target.read_text() == "old" and [p.name for p in target.parent.iterdir()] == ["table.csv"]


def test_a_full_disk_while_staging_a_folder_keeps_the_old_folder(tmp_path):
    target = _folder(tmp_path / "reports", "old")
    with pytest.raises(atomic.DiskFullError, match=r"reports|" + str(tmp_path)), atomic.staged_dir(target) as staging:
        (staging / "big.bin").write_bytes(b"\0" * 2_000_000)
        _no_space()
    assert (target / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]
