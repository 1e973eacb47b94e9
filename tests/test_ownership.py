"""Which folders trendscope may replace (ownership.py): its own marked output, an earlier version's report, or an empty folder."""

from __future__ import annotations

import json

import pytest

from trendscope import ownership
from trendscope.ownership import NotOurFolderError, check_replaceable, study_id, write_mark


def test_the_study_id_is_made_once_and_moves_with_the_study(tmp_path):
    data = tmp_path / "study" / "data"
    first = study_id(data)
    assert len(first) == 32 and study_id(data) == first
    (tmp_path / "study").rename(tmp_path / "moved")
    assert study_id(tmp_path / "moved" / "data") == first  # kept in data/, not derived from the path


def test_missing_empty_and_own_folders_may_be_replaced(tmp_path):
    check_replaceable(tmp_path / "missing", "a" * 32)
    (tmp_path / "empty").mkdir()
    check_replaceable(tmp_path / "empty", "a" * 32)
    own = tmp_path / "own"
    own.mkdir()
    (own / "index.html").write_text("x")
    write_mark(own, "a" * 32)
    check_replaceable(own, "a" * 32)


def test_a_user_folder_is_refused_naming_it_and_its_files(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "thesis.docx").write_text("t")
    with pytest.raises(NotOurFolderError) as error:
        check_replaceable(folder, "a" * 32)
    message = str(error.value)
    assert str(folder) in message and "thesis.docx" in message and "\n" not in message
    assert (folder / "thesis.docx").read_text() == "t"


def test_another_studys_output_and_files_and_links_are_refused(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    write_mark(other, "b" * 32)
    with pytest.raises(NotOurFolderError, match="another study"):
        check_replaceable(other, "a" * 32)
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotOurFolderError, match="is a file"):
        check_replaceable(tmp_path / "file", "a" * 32)
    (tmp_path / "link").symlink_to(other)
    with pytest.raises(NotOurFolderError, match="is a link"):
        check_replaceable(tmp_path / "link", "a" * 32)


def test_the_study_folder_itself_is_refused_even_when_it_looks_like_a_report(tmp_path):
    study = tmp_path / "study"
    (study / "data").mkdir(parents=True)
    write_mark(study, "a" * 32)
    with pytest.raises(NotOurFolderError, match="study's own files"):
        check_replaceable(study, "a" * 32, data=study / "data")


def test_reports_and_notebooks_of_an_earlier_version_are_recognised(tmp_path):
    reports = tmp_path / "reports"
    (reports / "tables").mkdir(parents=True)
    (reports / "manifest.json").write_text(json.dumps({"trendscope": "0.1.0", "stages": {}, "run": {}}))
    check_replaceable(reports, "a" * 32)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "paths.json").write_text("{}")
    (notebooks / "01_frequency.ipynb").write_text("{}")
    check_replaceable(notebooks, "a" * 32)
    (notebooks / "notes.txt").write_text("mine")  # the user added a file: no longer only what trendscope writes
    with pytest.raises(NotOurFolderError):
        check_replaceable(notebooks, "a" * 32)
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "manifest.json").write_text(json.dumps({"name": "my package"}))
    with pytest.raises(NotOurFolderError):
        check_replaceable(fake, "a" * 32)


def test_a_damaged_mark_is_no_mark(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / ownership.MARK_NAME).write_text("not json")
    assert ownership.read_mark(folder) is None
    with pytest.raises(NotOurFolderError):
        check_replaceable(folder, "a" * 32)
