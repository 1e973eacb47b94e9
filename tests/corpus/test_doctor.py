"""`trendscope doctor`: the diagnosis of each input form, and the command through CliRunner."""

import gzip

from typer.testing import CliRunner

from tests.corpus.bigkinds_fixtures import write_bigkinds_workbook
from tests.corpus.news_fixtures import sample_export_rows
from trendscope.cli import app
from trendscope.corpus.doctor import diagnose


def test_bigkinds_workbooks_are_told_apart_by_form(tmp_path):
    rows = sample_export_rows(n=10)
    poi = diagnose(write_bigkinds_workbook(tmp_path / "poi.xlsx", rows, form="poi"))
    assert poi.format == "BigKinds export (xlsx, POI form)" and poi.rows == 12
    assert poi.per_year == {2015: 12} and poi.flagged == {"예외, 중복": 1}
    assert poi.columns["id"] == "뉴스 식별자" and poi.columns["text"] == "본문"
    assert any("200 characters" in p for p in poi.problems) and not any("numbers" in p for p in poi.problems)
    excel = diagnose(write_bigkinds_workbook(tmp_path / "excel.xlsx", rows, form="excel"))
    assert excel.format == "BigKinds export (xlsx, re-saved in Excel)"
    assert sum("stored as numbers" in p for p in excel.problems) == 1
    assert diagnose(write_bigkinds_workbook(tmp_path / "o.xlsx", rows, form="openpyxl")).format == "BigKinds export (xlsx, openpyxl or other writer)"


def test_csv_tables_and_their_problems(tmp_path):
    title_only = tmp_path / "list.csv"
    title_only.write_bytes("일자,언론사,제목\n20150102,한겨레,스마트시티\n20160103,경향,사회혁신\n언젠가,x,y\n".encode("cp949"))
    found = diagnose(title_only)
    assert (found.format, found.encoding, found.rows, found.undated) == ("BigKinds title-only list (CSV)", "cp949", 3, 1)
    assert found.dates[0].isoformat() == "2015-01-02" and found.per_year == {2015: 1, 2016: 1}
    assert any("title-only" in p for p in found.problems) and any("CP949" in p for p in found.problems)
    generic = tmp_path / "mine.jsonl"
    generic.write_bytes('{"date": "2015-01-02", "text": "스마트시티"}\n{broken\n'.encode())
    found = diagnose(generic)
    assert found.format == "generic JSONL" and found.columns == {"date": "date", "text": "text"}
    assert any("1 unreadable row(s) will be skipped (1 × not a JSON object; first at line 2" in p for p in found.problems)
    partial = tmp_path / "partial.csv"
    partial.write_text("뉴스 식별자,일자,제목\n1,20150101,x\n", encoding="utf-8")
    found = diagnose(partial)
    assert any("missing column '본문'" in p for p in found.problems) and any("no text column" in p for p in found.problems)


def test_a_folder_of_text_files(tmp_path):
    (tmp_path / "txt").mkdir()
    (tmp_path / "txt" / "20150102_a.txt").write_text("제목\n본문", encoding="utf-8")
    (tmp_path / "txt" / "2016-03-04 b.txt").write_bytes("제목\n본문".encode("cp949"))
    (tmp_path / "txt" / "nodate.txt").write_text("제목", encoding="utf-8")
    found = diagnose(tmp_path / "txt")
    assert found.format == "folder of .txt files" and found.rows == 3 and found.per_year == {2015: 1, 2016: 1}
    assert found.undated == 1 and "cp949 (1)" in found.encoding


def test_the_command_prints_one_screen_and_fails_on_an_unreadable_file(tmp_path):
    export = write_bigkinds_workbook(tmp_path / "NewsResult.xlsx", sample_export_rows(n=4), form="excel")
    result = CliRunner().invoke(app, ["doctor", str(export)])
    assert result.exit_code == 0, result.output
    for expected in ("BigKinds export (xlsx, re-saved in Excel)", "rows", "2015: 6", "분석제외 여부 = 예외, 중복: 1", "title ← 제목", "stored as numbers"):
        assert expected in result.output
    broken = tmp_path / "cut.jsonl.gz"
    broken.write_bytes(gzip.compress(b"x")[:5])
    result = CliRunner().invoke(app, ["doctor", str(export), str(tmp_path / "nothing.csv"), str(broken)])
    assert result.exit_code == 1
    output = result.output.replace("\n", "")
    assert "nothing.csv: file or folder not found" in output and "unsupported file type .gz" in output and "BigKinds export" in output


def test_a_generic_news_csv_is_not_called_a_damaged_bigkinds_export(tmp_path):
    generic = tmp_path / "news.csv"
    generic.write_text("날짜,제목,본문\n2015-01-02,스마트시티,리빙랩\n", encoding="utf-8")
    found = diagnose(generic)
    assert found.format == "generic CSV" and found.columns == {"date": "날짜", "text": "본문", "title": "제목"}
    assert found.problems == []
    damaged = tmp_path / "damaged.csv"  # BigKinds' own columns, 뉴스 식별자 deleted: still told
    damaged.write_text("일자,언론사,기고자,제목,통합 분류1,본문\n20150102,한겨레,,스마트시티,IT_과학,리빙랩\n", encoding="utf-8")
    assert any("looks like a BigKinds export but is missing column '뉴스 식별자'" in p for p in diagnose(damaged).problems)


def test_nfd_headers_and_a_cp949_file_name_are_diagnosed_like_any_other(tmp_path):
    import os
    import unicodedata

    from tests.corpus.bigkinds_fixtures import bigkinds_workbook_bytes
    from trendscope.corpus.sources.bigkinds import COLUMNS

    rows = [[unicodedata.normalize("NFD", c) for c in row] for row in sample_export_rows(n=4)]
    data = bigkinds_workbook_bytes(rows, header=[unicodedata.normalize("NFD", c) for c in COLUMNS])
    path = os.fsencode(tmp_path) + b"/" + "스마트시티_2015.xlsx".encode("cp949")
    with open(path, "wb") as handle:
        handle.write(data)
    found = diagnose(tmp_path / os.fsdecode("스마트시티_2015.xlsx".encode("cp949")))
    assert found.error is None and found.format == "BigKinds export (xlsx, POI form)"
    assert found.path.endswith("/스마트시티_2015.xlsx") and found.flagged == {"예외, 중복": 1}


def test_excel_day_numbers_in_a_resaved_export_are_read_and_said_once(tmp_path):
    """Doctor said both "the dates were read from the numbers" and "300 rows will be rejected" (issue 25 item 9)."""
    from tests.corpus.news_fixtures import bigkinds_row
    from trendscope.corpus.sources.bigkinds import parse_export

    rows = [bigkinds_row(f"0110010.2015010{d}0001", str(42005 + d), f"제목 {d}", "본문") for d in range(1, 4)]
    path = write_bigkinds_workbook(tmp_path / "serial.xlsx", rows, form="excel")
    found = diagnose(path)
    assert found.undated == 0 and found.dates[0].isoformat() == "2015-01-02" and found.per_year == {2015: 3}
    assert not any("rejected" in p for p in found.problems)
    assert sum("3 일자 cells held Excel day numbers (42006 for 2015-01-02) and were read as those dates" in p for p in found.problems) == 1
    assert [d.date.isoformat() for d in parse_export(path.read_bytes(), "serial.xlsx", "q").documents] == ["2015-01-02", "2015-01-03", "2015-01-04"]
    rows = [bigkinds_row(f"0110010.2015010{d}0001", str(d), f"제목 {d}", "본문") for d in range(1, 4)]  # numbers that are no date
    found = diagnose(write_bigkinds_workbook(tmp_path / "numbers.xlsx", rows, form="excel"))
    assert found.undated == 3 and any("3 row(s) with no readable date in 일자: they will be rejected" in p for p in found.problems)
    assert not any("read from the numbers" in p or "were read as those dates" in p for p in found.problems)


def test_the_doctor_names_press_release_copies(tmp_path):
    from tests.corpus.bigkinds_fixtures import ballet_export_rows, press_release_rows

    found = diagnose(write_bigkinds_workbook(tmp_path / "NewsResult_20200101-20201231.xlsx", ballet_export_rows(10) + press_release_rows()))
    (line,) = [p for p in found.problems if "repeat the title" in p]
    assert line.startswith("4 row(s) repeat the title of a row at most 7 days earlier") and "장학금 전달" in line and "+ 4 in" in line
    assert not any("repeat the title" in p for p in diagnose(write_bigkinds_workbook(tmp_path / "plain.xlsx", ballet_export_rows(10))).problems)
