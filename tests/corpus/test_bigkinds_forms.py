"""BigKinds workbooks in every byte form met in the field: POI export, openpyxl-written, re-saved in Excel."""

import warnings

import pytest

from tests.corpus.bigkinds_fixtures import FORMS, bigkinds_workbook_bytes
from tests.corpus.news_fixtures import sample_export_rows
from trendscope.corpus.readers import read_xlsx
from trendscope.corpus.sources.bigkinds import COLUMNS, parse_export


@pytest.mark.parametrize("styles", [True, False])
def test_a_poi_export_loads_every_row_and_column(styles):
    rows = sample_export_rows(n=30)
    sheet = read_xlsx(bigkinds_workbook_bytes(rows, form="poi", styles=styles), "NewsResult.xlsx")
    assert sheet.header == list(COLUMNS)
    assert len(sheet.rows) == len(rows)
    assert [list(r.cells.values()) for r in sheet.rows] == rows
    assert [r.number for r in sheet.rows] == list(range(2, len(rows) + 2))


@pytest.mark.parametrize("form", FORMS)
def test_every_form_gives_the_same_articles(form):
    rows = sample_export_rows(n=12)
    parsed = parse_export(bigkinds_workbook_bytes(rows, form=form), "x.xlsx", "smartcity")
    poi = parse_export(bigkinds_workbook_bytes(rows, form="poi"), "x.xlsx", "smartcity")
    assert len(poi.documents) == 13  # 12 articles + the photo stub; the flagged row is left out
    assert [(d.date, d.title, d.body, d.outlet) for d in parsed.documents] == [(d.date, d.title, d.body, d.outlet) for d in poi.documents]


def test_openpyxl_style_warnings_never_escape():
    data = bigkinds_workbook_bytes(sample_export_rows(), form="poi", styles=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse_export(data, "x.xlsx", "smartcity")
        parse_export(bigkinds_workbook_bytes(sample_export_rows(), form="poi"), "x.xlsx", "smartcity")
