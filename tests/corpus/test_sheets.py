"""Parsed workbooks kept by sha256 (corpus/sheets.py): what collect read is what the documents stage reads, and an
export is parsed once per cold run."""

from __future__ import annotations

import dataclasses

import pytest

from tests.corpus.bigkinds_fixtures import bigkinds_workbook_bytes
from tests.corpus.news_fixtures import bigkinds_row, sample_export_rows, write_bigkinds_xlsx, write_news_study
from trendscope.catalog import Catalog
from trendscope.config import load_config
from trendscope.corpus import readers, sheets
from trendscope.corpus.sheets import SheetStore
from trendscope.corpus.sources import bigkinds
from trendscope.corpus.sources.base import CollectReport
from trendscope.errors import InputError
from trendscope.stages.collect import collect_sources

SHA = "ab" * 32


@pytest.mark.parametrize("form", ["poi", "excel"])
def test_a_sheet_comes_back_as_the_reader_gave_it(tmp_path, form, monkeypatch):
    rows = [*sample_export_rows(), bigkinds_row("0110.9", "20150301", "긴 본문", "가" * 2000)]
    monkeypatch.setattr(readers, "MAX_CELL_CHARS", 1000)  # the last row is skipped as over-long: skipped rows survive too
    header = [*bigkinds.COLUMNS[:-1], "", ""]  # two unnamed columns: the row keeps the last one's cell, as the reader does
    data = bigkinds_workbook_bytes([[*r[:-1], "x", "y"] for r in rows], form=form, header=header)
    sheet = readers.read_table(data, "x.xlsx")
    assert sheet.skipped and (form != "excel" or sheet.numeric)
    store = SheetStore(tmp_path / "sheets")
    store.put(SHA, sheet)
    assert store.get(SHA) == sheet
    assert store.get("cd" * 32) is None


def test_an_entry_of_another_reader_or_damaged_is_not_used(tmp_path, monkeypatch):
    store = SheetStore(tmp_path)
    store.put(SHA, readers.read_table(bigkinds_workbook_bytes(sample_export_rows()), "x.xlsx"))
    monkeypatch.setattr(sheets, "FORMAT", sheets.FORMAT + 1)
    assert store.get(SHA) is None
    monkeypatch.undo()
    store.path(SHA).write_bytes(b"PAR1 cut")
    assert store.get(SHA) is None
    with pytest.raises(ValueError):
        store.path("../x")


def test_collect_parses_each_export_once_and_the_documents_are_the_same(tmp_path, monkeypatch):
    exports = tmp_path / "exports"
    write_bigkinds_xlsx(exports / "NewsResult_20150101-20151231.xlsx", sample_export_rows())
    config = load_config(write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{exports}]\n    query: smartcity"), cwd=tmp_path)
    calls = []
    real = bigkinds.read_table
    monkeypatch.setattr(bigkinds, "read_table", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    collect_sources(config)
    catalog = Catalog.of(config)
    files = catalog.load("raw:bigkinds")
    assert [e.sha256 for e in files.entries] and (catalog.path("sheets") / f"{files.entries[0].sha256}.parquet").is_file()
    cached = list(bigkinds.BigKindsSource().read(config, files.entries, CollectReport("bigkinds"), store=files.store))
    assert len(calls) == 1  # collect read it; the documents stage took collect's rows
    parsed = list(bigkinds.BigKindsSource().read(config, files.entries, CollectReport("bigkinds")))  # no sheets: parsed again
    assert len(calls) == 2 and [dataclasses.asdict(d) for d in cached] == [dataclasses.asdict(d) for d in parsed]
    # the raw copy is still checked: changed on disk, it is reported as damaged though its rows are kept
    raw = config.paths.raw / files.entries[0].path
    raw.write_bytes(raw.read_bytes() + b"\0")
    with pytest.raises(InputError, match="raw file is damaged"):
        list(bigkinds.BigKindsSource().read(config, files.entries, CollectReport("bigkinds"), store=files.store))
