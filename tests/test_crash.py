"""Crash tests: `kill -9` at points fixed by progress markers, re-run, and every table is byte-identical to an uninterrupted run.

Also checks, at each kill, that no process of the study (worker, resource tracker) outlives the
killed one by more than 5 s.  Kill points are found from what the run shows (a stage's ✓ line, its
worker processes, files in the raw manifest, a request reaching the loopback Naver server), never
from sleeps.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from tests.conftest import write_study
from tests.corpus.naver_server import CLIENT_ID, CLIENT_SECRET, FakeNaver, make_items

SMALL = "topics: {k_min: 4, k_max: 6}\nreport: {notebooks: false}\n"
MARK = "TRENDSCOPE_CRASH_TEST_STUDY"  # set in the run's environment, so its workers and helpers can be found
TABLE_SUFFIXES = {".parquet", ".csv", ".graphml", ".gexf", ".tsv"}


def _tables(folder: Path) -> dict[str, str]:
    """Every table the study wrote (data/processed and reports/), by path: its sha256."""
    out = {}
    for sub in ("data/processed", "reports"):
        for path in sorted((folder / sub).rglob("*")):
            if path.is_file() and path.suffix in TABLE_SUFFIXES:
                out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _study_processes(folder: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get(MARK) == str(folder) and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def _assert_nothing_left(folder: Path) -> None:
    """No process of the study within 5 s (an upper bound polled, not a synchronisation)."""
    deadline = time.monotonic() + 5
    while (left := _study_processes(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _study_processes(folder)
    try:
        assert not left, f"still alive 5 s after kill -9: {[(p.pid, ' '.join(p.cmdline())[:80]) for p in left]}"
    finally:
        for proc in left:  # do not leave them to the rest of the suite
            proc.kill()


class Run:
    """A `trendscope` subprocess whose stderr lines are collected as they come."""

    def __init__(self, args: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, **(env or {}), MARK: str(folder), "PYTHONPATH": os.pathsep.join(sys.path)}
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen([sys.executable, "-m", "trendscope", *args], cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, condition: Callable[[], bool], timeout: float = 600) -> bool:
        """Until `condition()` holds (True) or the process has ended (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while not self.lines.empty():
                self.seen.append(self.lines.get())
            if condition():
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.05)
        raise AssertionError(f"no kill point within {timeout} s; stderr so far: {''.join(self.seen)[-2000:]}")

    def printed(self, text: str) -> bool:
        return any(text in line for line in self.seen)

    def has_workers(self) -> bool:
        try:
            return any("spawn_main" in " ".join(c.cmdline()) for c in psutil.Process(self.process.pid).children())
        except psutil.NoSuchProcess:
            return False

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)


def _kill_at(args: list[str], folder: Path, point: Callable[[Run], bool], env: dict[str, str] | None = None) -> bool:
    """Start a run, kill -9 it at `point`, check nothing of it remains; False when it ended before the point came."""
    run = Run(args, folder, env)
    if not run.wait_for(lambda: point(run)):
        assert run.process.returncode == 0, "".join(run.seen)
        return False
    run.kill()
    _assert_nothing_left(folder)
    return True


def _complete(args: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
    run = Run(args, folder, env)
    run.wait_for(lambda: False)
    assert run.process.returncode == 0, "".join(run.seen)


# --- run -------------------------------------------------------------------------------------------

RUN_POINTS: dict[str, Callable[[Run], bool]] = {
    "tokenize, its workers up": lambda r: r.printed("✓ documents") and r.has_workers(),
    "count, just started": lambda r: r.printed("✓ tokenize"),
    "topics, its workers up": lambda r: r.printed("✓ network") and r.has_workers(),
    "report, figure workers up": lambda r: r.printed("✓ compare") and r.has_workers(),
}


def test_run_killed_at_each_point_then_rerun_matches_an_uninterrupted_run(tmp_path):
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    args = ["run", "--config", "study.yaml", "--jobs", "2"]
    for folder in (reference, crashed):
        write_study(folder, years="2018-2019", extra=SMALL)
    _complete(args, reference)
    tried = [name for name, point in RUN_POINTS.items() if _kill_at(args, crashed, point)]
    _complete(args, crashed)
    print(f"\nrun: {len(tried)} kill points tried ({', '.join(tried)}); {len(_tables(reference))} tables compared")
    assert len(tried) == len(RUN_POINTS)
    assert _tables(crashed) == _tables(reference)
    assert not [p.name for p in crashed.rglob(".*") if ".ts~" in p.name]


# --- collect from files ------------------------------------------------------------------------------


def _write_exports(folder: Path, files: int, rows: int) -> None:
    folder.mkdir(parents=True)
    for f in range(files):
        with open(folder / f"news_{f:02d}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["date", "title", "body"])
            for r in range(rows):
                writer.writerow([f"2018-{1 + r % 12:02d}-{1 + r % 28:02d}", f"스마트시티 기사 {f}-{r}", f"{f}번 파일 {r}번째 스마트시티 사업과 데이터 플랫폼 {r * 7 % 13}곳 " * 5])


def _raw_files(folder: Path) -> int:
    try:
        return len(json.loads((folder / "data" / "raw" / "manifest.json").read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        return 0


def _has_raw_files(folder: Path, n: int, run: Run) -> bool:
    return _raw_files(folder) >= n


def _collected(folder: Path) -> dict[str, str]:
    """documents.parquet and each raw file, by path: sha256."""
    out = {"documents": hashlib.sha256((folder / "data" / "processed" / "documents.parquet").read_bytes()).hexdigest()}
    for path in sorted((folder / "data" / "raw").rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def test_collect_from_files_killed_then_rerun_matches_an_uninterrupted_collect(tmp_path):
    exports = tmp_path / "exports"
    _write_exports(exports, files=12, rows=400)
    sources = "  files:\n    query: smartcity\n    date_col: date\n    title_col: title\n    text_col: body"
    args = ["collect", "--config", "study.yaml"]
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    for folder in (reference, crashed):
        write_study(folder, years="2018", sources=f"{sources}\n    paths: [{exports}]")
    _complete(args, reference)
    points = {f"after {n} of 12 raw files": functools.partial(_has_raw_files, crashed, n) for n in (2, 7)}
    tried = [name for name, point in points.items() if _kill_at(args, crashed, point)]
    _complete(args, crashed)
    print(f"\ncollect (files): {len(tried)} kill points tried ({', '.join(tried)})")
    assert tried, "every collection ended before its kill point"
    assert _collected(crashed) == _collected(reference)


# --- collect from the loopback Naver server ----------------------------------------------------------


@pytest.mark.parametrize("hold_points", [(2, 4)])
def test_collect_from_naver_killed_then_rerun_matches_an_uninterrupted_collect(tmp_path, hold_points):
    items = {"스마트시티": make_items("스마트시티", 90), "사회혁신": make_items("사회혁신", 45, step_hours=150)}
    section = "  naver:\n    display: 20\n    requests_per_second: 10\n    backoff_seconds: 0.01\n    max_retries: 3"
    args = ["collect", "--config", "study.yaml", "--source", "naver"]
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    for folder in (reference, crashed):
        write_study(folder, years="2016", sources=section)
    credentials = {"NAVER_CLIENT_ID": CLIENT_ID, "NAVER_CLIENT_SECRET": CLIENT_SECRET}
    with FakeNaver(items) as server:
        _complete(args, reference, {**credentials, "TRENDSCOPE_NAVER_BASE_URL": server.base_url})
    tried = []
    for hold in hold_points:
        with FakeNaver(items, hold_at=hold) as server:
            env = {**credentials, "TRENDSCOPE_NAVER_BASE_URL": server.base_url}
            if _kill_at(args, crashed, lambda r, s=server: s.reached.is_set(), env):
                tried.append(f"at request {hold}")
    with FakeNaver(items) as server:
        _complete(args, crashed, {**credentials, "TRENDSCOPE_NAVER_BASE_URL": server.base_url})
    print(f"\ncollect (naver): {len(tried)} kill points tried ({', '.join(tried)})")
    assert len(tried) == len(hold_points)
    assert _collected(crashed)["documents"] == _collected(reference)["documents"]
