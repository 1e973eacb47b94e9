"""xlsx_rows.sheet_values gives the rows openpyxl's read-only `iter_rows(values_only=True)` gives, faster for inline strings."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile

import openpyxl
import pytest

from tests.corpus.bigkinds_fixtures import FORMS, MAIN_NS, bigkinds_workbook_bytes
from trendscope.corpus.xlsx_rows import sheet_values

TRICKY = ["", " 앞뒤 공백 ", "<&>\"'", "줄\n바꿈", "😀 이모지", "01100101.20150102000000001", "20150102", "1.5e3", "TRUE"]


def _rows(data: bytes, fast: bool) -> list[list[object]] | tuple[str, str]:
    """The sheet's rows by one of the two readers, or the error it raised (type and message)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            if fast:
                return [list(r) for r in sheet_values(book, sheet)]
            sheet.reset_dimensions()
            return [list(r) for r in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # both readers must fail alike
            return type(exc).__name__, str(exc)
        finally:
            book.close()


def _same(data: bytes) -> list[list[object]] | tuple[str, str]:
    fast, reference = _rows(data, fast=True), _rows(data, fast=False)
    assert fast == reference
    return fast


@pytest.mark.parametrize("form", FORMS)
def test_bigkinds_forms(form):
    rows = [[TRICKY[(i + j) % len(TRICKY)] for j in range(19)] for i in range(30)]
    assert len(_same(bigkinds_workbook_bytes(rows, form=form))) == 31


def test_an_openpyxl_workbook_with_every_kind_of_value():
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["text", "int", "float", "bool", "date", "formula", "rich"])
    sheet.append(["가", 1, 2.5, True, dt.datetime(2015, 1, 2), "=B2*2", CellRichText(["보통 ", TextBlock(InlineFont(b=True), "굵게")])])
    sheet.append([None, None, None, False, dt.date(2020, 2, 29), None, "끝"])
    sheet["J7"] = "멀리"  # rows 4-6 missing, a wider row
    buffer = io.BytesIO()
    book.save(buffer)
    rows = _same(buffer.getvalue())
    assert rows[1][:5] == ["가", 1, 2.5, True, dt.datetime(2015, 1, 2)] and rows[6][9] == "멀리"


def _workbook(sheet_data: str) -> bytes:
    """A POI-form workbook whose worksheet's sheetData is `sheet_data`."""
    source = io.BytesIO(bigkinds_workbook_bytes([["x"] * 19]))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><dimension ref="A1"/><sheetData>{sheet_data}</sheetData></worksheet>'.encode()
            new.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "sheet_data",
    [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="4"><c r="C4" t="inlineStr"><is><t>b</t></is></c></row>',
        '<row><c t="inlineStr"><is><t>no refs</t></is></c><c t="inlineStr"><is><t>at all</t></is></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is/></c><c r="B1" t="inlineStr"><is><t/></is></c><c r="C1" t="inlineStr"/><c r="D1" t="inlineStr" s="3"><is><t>s</t></is></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  둘레 공백  </t></is></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><t>b</t></is></c><c r="B1" t="inlineStr"><is><r><t>r1</t></r><r><t>r2</t></r><rPh sb="0" eb="1"><t>ph</t></rPh></is></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is x="1"><t>attribute on is</t></is></c></row>',
        '<row r="3"><c r="A3" t="inlineStr"><is><t>later</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>earlier</t></is></c></row>',
        '<row r="2.0"><c r="B2" t="inlineStr"><is><t>float row</t></is></c><c r="A2" t="inlineStr"><is><t>out of order</t></is></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is><f>1+1</f></c><c r="B1"><v>3</v></c><c r="C1" t="str"><v>s</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="b"><v>0</v></c></row>',
        '<row r="x"><c r="A1" t="inlineStr"><is><t>bad row number</t></is></c></row>',
        '<row r="1"><c r="1A" t="inlineStr"><is><t>bad reference</t></is></c></row>',
        "",
    ],
)
def test_hand_written_sheets(sheet_data):
    _same(_workbook(sheet_data))
