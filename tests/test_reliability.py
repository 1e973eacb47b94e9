"""Issue 14: every failure is one clear line, early; nothing is left behind; a run never touches the network."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import write_study
from trendscope.cli import app
from trendscope.errors import TrendscopeError

runner = CliRunner()

# A small whole study: two years, a short K sweep, no notebooks (the suite's time budget).
SMALL = "topics: {k_min: 4, k_max: 6}\nreport: {notebooks: false}\n"
BIN = Path(sys.executable).parent


def _folder_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- no network at run time ------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole 2018-2019 study run with every non-loopback connection refused (the run must not need one)."""
    folder = tmp_path_factory.mktemp("offline")
    study = write_study(folder, years="2018-2019", extra=SMALL)
    attempts: list[object] = []
    real_connect, real_connect_ex, real_create = socket.socket.connect, socket.socket.connect_ex, socket.create_connection

    def loopback_only(address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(address, tuple) and host not in ("127.0.0.1", "::1", "localhost"):
            attempts.append(address)
            raise OSError(f"network blocked by the test: {address}")

    def connect(self: socket.socket, address: object) -> None:
        loopback_only(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        loopback_only(address)
        return real_connect_ex(self, address)

    def create_connection(address: tuple, *args: object, **kwargs: object) -> socket.socket:
        loopback_only(address)
        return real_create(address, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "create_connection", create_connection)
        result = runner.invoke(app, ["run", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    assert attempts == [], f"the run tried to reach {attempts}"
    return folder


def test_a_whole_run_passes_with_the_network_blocked(small_run):
    manifest = json.loads((small_run / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["run"]["stages"]) == ["documents", "tokenize", "query_terms", "count", "network", "topics", "compare", "examples", "report"]
    assert (small_run / "reports" / "tables.xlsx").is_file()


def test_the_network_block_does_catch_a_connection(monkeypatch):
    """The guard used above is real: a non-loopback connect fails under it."""
    blocked: list[object] = []

    def connect(self: socket.socket, address: object) -> None:
        blocked.append(address)
        raise OSError("blocked")

    monkeypatch.setattr(socket.socket, "connect", connect)
    with pytest.raises(OSError), socket.socket() as s:
        s.connect(("192.0.2.1", 80))
    assert blocked == [("192.0.2.1", 80)]


# --- report completeness (item 3) --------------------------------------------------------------


def test_a_report_that_fails_in_the_notebooks_leaves_the_old_reports_and_is_not_recorded(small_run, tmp_path, monkeypatch):
    folder = tmp_path / "study"
    shutil.copytree(small_run, folder)
    before = _folder_digest(folder / "reports")
    lock_path = folder / "data" / "processed" / "trendscope.lock.json"
    entry = json.loads(lock_path.read_text(encoding="utf-8"))["stages"]["report"]
    study = write_study(folder, years="2018-2019", extra="topics: {k_min: 4, k_max: 6}\nreport: {notebooks: true}\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise TrendscopeError("notebook kernel died")

    monkeypatch.setattr("trendscope.report.notebooks.execute_notebook", broken)  # imported by the report stage when it runs
    result = runner.invoke(app, ["run", "--config", str(study), "--jobs", "1", "--quiet"])
    assert result.exit_code == 1 and "notebook kernel died" in result.output
    assert _folder_digest(folder / "reports") == before  # manifest.json included
    assert not (folder / "notebooks").exists()
    assert json.loads(lock_path.read_text(encoding="utf-8"))["stages"]["report"] == entry  # not recorded as done
    assert not [p.name for p in folder.iterdir() if p.name.startswith((".reports.ts~", ".notebooks.ts~"))]


# --- leftovers of kill -9 (item 7) -----------------------------------------------------------------


def test_a_run_removes_what_killed_runs_left_and_nothing_else(tmp_path):
    study = write_study(tmp_path / "study", years="2018")
    folder = tmp_path / "study"
    processed = folder / "data" / "processed"
    leftovers = [
        processed / ".tokens-komoran-0123456789ab.parquet.ts~k2j4_x9z.tmp",
        processed / ".documents.parquet.abcdefgh.tmp",  # named as trendscope 0.1 named them: in data/ only
        processed / ".topics-new-q1w2e3r4",
        processed / ".networks.ts~old-a1b2c3d4",
        folder / ".reports.ts~new-zz11yy22",
        folder / ".notebooks.ts~new-aa11bb22",
        folder / ".reports.ts~old-cc33dd44",
        folder / "reports" / "tables" / ".volume_by_year.csv.ts~abcd1234.tmp",
    ]
    # a user's files, even with names like those trendscope once used, outside data/
    kept = [folder / ".reports-notes", folder / ".other-new-abcdefgh", folder / "notes.tmp", processed / "mine.txt", folder / ".x.abcdefgh.tmp",
            folder / ".reports-new-zz11yy22", folder / ".other.ts~new-abcdefgh"]
    (folder / "reports").mkdir()
    (folder / "reports" / "manifest.json").write_text(json.dumps({"trendscope": "0.1.0", "stages": {}, "run": {}}))  # an earlier version's report
    for path in leftovers + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in (".tmp", ".txt") or path.name == ".reports-notes":
            path.write_text("x")
        else:
            path.mkdir()
            (path / "big.bin").write_bytes(b"\0" * 1000)
    result = runner.invoke(app, ["collect", "--config", str(study), "--quiet"])
    assert result.exit_code == 0, result.output
    assert [p for p in leftovers if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []


# --- early failure when an output folder cannot be written (item 13) ------------------------------


@pytest.mark.parametrize("where", ["under-a-file", "proc"])
def test_an_unwritable_reports_folder_fails_before_any_stage(tmp_path, where):
    """Containers run as root, where permission bits and chattr cannot simulate read-only; a path under a file, or in /proc, can."""
    study = write_study(tmp_path / "study", years="2018")
    if where == "under-a-file":
        (tmp_path / "plain-file").write_text("not a folder")
        out = tmp_path / "plain-file" / "reports"
    else:
        out = Path("/proc/self/trendscope-reports")
    result = runner.invoke(app, ["run", "--config", str(study), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {out}:"), result.output
    assert not (tmp_path / "study" / "data").exists()  # nothing ran


def test_the_writability_check_really_writes(tmp_path):
    from trendscope.errors import OutputError
    from trendscope.pipeline import check_writable

    check_writable(tmp_path / "new" / "reports")
    assert list(tmp_path.iterdir()) == []  # the probe is removed, nothing created
    with pytest.raises(OutputError, match=r"^/proc/sys/kernel/trendscope: output folder is not writable"):
        check_writable(Path("/proc/sys/kernel/trendscope"))


# --- error lines (item 8) -----------------------------------------------------------------------------


def test_error_lines_print_square_brackets_literally(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nyears: 2018\nqueries:\n  - key: Smart\n    label: a\n    terms: [a]\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--config", str(bad)])
    assert result.exit_code == 1
    assert "^[a-z][a-z0-9_]*$" in result.output, result.output
    study = write_study(tmp_path / "study", years="2018")
    result = runner.invoke(app, ["collect", "--config", str(study), "--source", "files", "--path", str(tmp_path / "news[draft].csv"), "--query", "smartcity"])
    assert result.exit_code == 1
    assert "news[draft].csv" in result.output, result.output


def test_no_colour_codes_when_stderr_is_not_a_terminal(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nyears: 2018\nqueries:\n  - key: Smart\n    label: a\n    terms: [a]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([str(BIN / "trendscope"), "run", "--config", str(bad)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "\x1b[" not in done.stderr and done.stderr.startswith("error: "), repr(done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1


# --- a folder with no matching files (item 9) ---------------------------------------------------------


@pytest.mark.parametrize("source", ["files", "bigkinds"])
def test_an_empty_folder_fails_naming_it_even_in_a_study_with_data(tmp_path, source):
    study = write_study(tmp_path / "study", years="2018")
    empty = tmp_path / "exports"
    empty.mkdir()
    (empty / "notes.md").write_text("not an export")
    for has_data in (False, True):
        if has_data:
            assert runner.invoke(app, ["collect", "--config", str(study), "--quiet"]).exit_code == 0  # the demo corpus
        result = runner.invoke(app, ["collect", "--config", str(study), "--source", source, "--path", str(empty), "--query", "smartcity"])
        assert result.exit_code == 1, (has_data, result.output)
        line = result.output.strip()
        assert line.startswith(f"error: {empty}: no ") and ".csv" in line and ".xlsx" in line, line
        assert "trendscope collect" not in line and "\n" not in line


# --- nothing left for the interpreter's exit ------------------------------------------------------

LEAK_CHECK = """
import sys
from typer.testing import CliRunner
from trendscope.cli import app

if __name__ == "__main__":
    result = CliRunner().invoke(app, ["run", "--config", sys.argv[1], "--jobs", "2", "--quiet"])
    sys.exit(result.exit_code)
"""


def test_a_study_run_in_process_leaks_no_semaphore(tmp_path):
    """Issue 25, item 10: the demo study run through CliRunner ended with "resource_tracker: There appear to be
    10 leaked semaphore objects to clean up at shutdown" on the terminal."""
    study = write_study(tmp_path / "study", years="2020-2021", extra=SMALL)
    script = tmp_path / "run.py"
    script.write_text(LEAK_CHECK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, str(script), str(study)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "leaked semaphore" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]
