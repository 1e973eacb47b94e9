import openpyxl
import pandas as pd

from trendscope.report.tables import Table, to_markdown, write_tables


def test_csv_has_bom_and_workbook_has_a_sheet_per_table(tmp_path):
    frame = pd.DataFrame({"term": ["스마트시티", "a|b"], "tf": [3, 1]})
    long_name = "frequency_top30_wide_socialinnovation"
    write_tables([Table("volume", frame, "a note"), Table(long_name, frame)], tmp_path / "tables", tmp_path / "t.xlsx")
    raw = (tmp_path / "tables" / "volume.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "스마트시티" in raw.decode("utf-8-sig")
    md = (tmp_path / "tables" / "volume.md").read_text(encoding="utf-8")
    assert "a note" in md and "a\\|b" in md
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["volume", long_name[:31]]
    assert book["volume"]["A2"].value == "스마트시티"


def test_markdown_shape():
    text = to_markdown(pd.DataFrame({"a": [1.23456, 2.0], "b": ["x", None]}))
    assert text.splitlines() == ["| a | b |", "|---|---|", "| 1.235 | x |", "| 2 |  |"]
