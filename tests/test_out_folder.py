"""`--out` never deletes what trendscope did not write (issue 25 item 1), and a full disk is one line (item 5); end to end on a demo copy."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import write_study
from trendscope.cli import app
from trendscope.ownership import MARK_NAME, read_mark

runner = CliRunner()


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def study(demo_study: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo study, its report rebuilt without notebooks (the suite's time budget)."""
    folder = tmp_path_factory.mktemp("out-study") / "study"
    shutil.copytree(demo_study, folder)
    write_study(folder, extra="report: {notebooks: false}\n")
    result = runner.invoke(app, ["report", "--config", str(folder / "study.yaml"), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder


def test_out_into_a_user_folder_is_refused_and_changes_nothing(study, tmp_path):
    target = tmp_path / "v"
    target.mkdir()
    (target / "thesis.docx").write_text("t")
    around = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["report", "--config", str(study / "study.yaml"), "--out", str(target), "--quiet"])
    assert result.exit_code == 1
    assert str(target) in result.output and "thesis.docx" in result.output and len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in target.iterdir()) == ["thesis.docx"] and (target / "thesis.docx").read_text() == "t"
    assert sorted(p.name for p in tmp_path.iterdir()) == around


def test_out_dot_inside_the_study_is_refused(study, monkeypatch):
    before = _digest(study / "data" / "raw")
    names = sorted(p.name for p in study.iterdir())
    monkeypatch.chdir(study)
    result = runner.invoke(app, ["report", "--config", "study.yaml", "--out", ".", "--quiet"])
    assert result.exit_code == 1 and "study's own files" in result.output
    assert sorted(p.name for p in study.iterdir()) == names and _digest(study / "data" / "raw") == before


def test_out_into_an_empty_folder_writes_a_marked_report_that_a_rerun_replaces(study, tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    for _ in range(2):
        result = runner.invoke(app, ["report", "--config", str(study / "study.yaml"), "--out", str(target), "--jobs", "1", "--quiet", "--force"])
        assert result.exit_code == 0, result.output
        assert (target / "index.html").is_file() and (target / MARK_NAME).is_file()
    assert read_mark(target) == read_mark(study / "reports")  # the same study id
    assert not [p.name for p in tmp_path.iterdir() if ".ts~" in p.name]


def test_a_full_disk_while_writing_the_report_is_one_line_and_keeps_the_old_report(study, monkeypatch):
    import pandas as pd

    before = _digest(study / "reports")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pd.DataFrame, "to_csv", no_space)  # the report's tables are the first thing it writes
    result = runner.invoke(app, ["report", "--config", str(study / "study.yaml"), "--jobs", "1", "--force"])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "disk full" in lines[0] and str(study) in lines[0] and "MB free" in lines[0]
    assert "Traceback" not in result.output
    assert _digest(study / "reports") == before
    assert not [p.name for p in study.iterdir() if ".ts~" in p.name]
