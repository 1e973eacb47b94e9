"""One run at a time per study: a second run exits 1 naming the holder's pid; a dead run's lock is taken over and said so."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from tests.conftest import write_study
from trendscope.cli import app
from trendscope.studylock import RUN_LOCK_NAME, StudyBusyError, study_lock

runner = CliRunner()


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_second_holder_is_refused_with_the_first_holders_pid(tmp_path):
    with study_lock(tmp_path / "data"), pytest.raises(StudyBusyError, match=rf"^another trendscope run \(pid {os.getpid()}\) is using this study"), study_lock(tmp_path / "data"):
        pass
    with study_lock(tmp_path / "data"):  # released at the end of the block
        pass
    assert (tmp_path / "data" / RUN_LOCK_NAME).read_text() == ""  # released cleanly: nothing to take over


def test_a_lock_left_by_a_dead_run_is_taken_over_and_reported(tmp_path):
    (tmp_path / "data").mkdir()
    dead = _dead_pid()
    (tmp_path / "data" / RUN_LOCK_NAME).write_text(f"{dead}\n")
    taken: list[int] = []
    with study_lock(tmp_path / "data", on_takeover=taken.append) as path:
        assert path.read_text().strip() == str(os.getpid())
    assert taken == [dead]


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from trendscope.studylock import study_lock

    with study_lock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


def test_a_second_run_in_the_same_study_exits_1_naming_the_running_one(tmp_path):
    study = write_study(tmp_path / "study", years="2018")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "study" / "data")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = runner.invoke(app, ["run", "--config", str(study), "--quiet"])
        assert result.exit_code == 1
        assert f"another trendscope run (pid {holder.pid}) is using this study" in result.output
        assert not (tmp_path / "study" / "data" / "processed").exists()  # it did no work
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0


def test_collect_after_a_killed_run_takes_the_lock_over_and_says_so(tmp_path):
    study = write_study(tmp_path / "study", years="2018")
    (tmp_path / "study" / "data").mkdir()
    dead = _dead_pid()
    (tmp_path / "study" / "data" / RUN_LOCK_NAME).write_text(f"{dead}\n")
    result = runner.invoke(app, ["collect", "--config", str(study)])
    assert result.exit_code == 0, result.output
    assert f"took over the study lock: the run with pid {dead} ended without releasing it" in result.output
    assert (tmp_path / "study" / "data" / RUN_LOCK_NAME).read_text() == ""


def test_two_runs_writing_into_the_same_output_folder_are_kept_apart(tmp_path):
    from trendscope.studylock import OutputBusyError, output_lock

    shared = tmp_path / "shared"
    with output_lock([shared / "reports", shared / "notebooks"]):
        with pytest.raises(OutputBusyError, match=str(shared)), output_lock([shared / "reports"]):
            pass
        with output_lock([tmp_path / "elsewhere" / "reports"]):  # another folder: not blocked
            pass
    with output_lock([shared / "reports"]):  # released
        pass
    assert sorted(p.name for p in shared.iterdir()) == []  # the lock writes nothing into the folder


def test_a_run_whose_out_folder_another_study_is_writing_exits_1_before_any_work(tmp_path):
    """Two studies with one --out: the second stops at once instead of cleaning the first one's staging folder."""
    from trendscope.studylock import output_lock

    shared = tmp_path / "shared"
    study = write_study(tmp_path / "b", years="2018")
    staging = shared / ".reports.ts~new-abcdefgh"  # the first study's report being built
    staging.mkdir(parents=True)
    with output_lock([shared / "reports"]):
        result = runner.invoke(app, ["run", "--config", str(study), "--out", str(shared / "reports"), "--quiet"])
    assert result.exit_code == 1 and f"writing its output into {shared}" in result.output
    assert staging.is_dir() and not (tmp_path / "b" / "data" / "processed").exists()
