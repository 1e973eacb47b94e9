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


def test_numbers_from_an_excel_resave_are_reported_once_per_file():
    rows = sample_export_rows(n=12)
    parsed = parse_export(bigkinds_workbook_bytes(rows, form="excel"), "NewsResult.xlsx", "smartcity")
    assert len(parsed.documents) == 13  # still read: the dates survive as 8-digit numbers
    assert len(parsed.notes) == 1
    note = parsed.notes[0]
    assert note.startswith("NewsResult.xlsx: column 뉴스 식별자 (14 cells), 일자 (14 cells) stored as numbers")
    assert "re-saved in Excel" in note and "\n" not in note
    assert parse_export(bigkinds_workbook_bytes(rows, form="poi"), "x.xlsx", "smartcity").notes == []


@pytest.mark.parametrize("encoding", ["cp949", "utf-8-sig"])
def test_a_title_only_export_loads_as_titles(tmp_path, encoding):
    text = "일자,언론사,제목\n20150102,한겨레,스마트시티 시범도시 선정\n2015-01-03,경향신문,\"사회혁신, 리빙랩 확산\"\n20150104,한겨레,\n"
    parsed = parse_export(text.encode(encoding), "기사목록.csv", "smartcity")
    assert [(d.title, d.body, d.outlet) for d in parsed.documents] == [("스마트시티 시범도시 선정", "", "한겨레"), ("사회혁신, 리빙랩 확산", "", "경향신문")]
    assert parsed.title_only and parsed.problems.counts == {"empty 제목": 1}
    assert len({d.doc_id for d in parsed.documents}) == 2


def test_the_source_notes_a_title_only_study(tmp_path):
    from tests.corpus.news_fixtures import write_news_study
    from trendscope.config import load_config
    from trendscope.corpus.sources.base import CollectReport
    from trendscope.corpus.sources.bigkinds import BigKindsSource
    from trendscope.corpus.store import RawStore

    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "list.csv").write_bytes("일자,언론사,제목\n20150102,한겨레,스마트시티 시범도시\n".encode("cp949"))
    study = write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{tmp_path / 'exports'}]\n    query: smartcity")
    config = load_config(study, cwd=tmp_path)
    store = RawStore(config.paths.raw)
    source = BigKindsSource()
    source.collect(config, store)
    report = CollectReport("bigkinds")
    docs = list(source.read(config, store.files("bigkinds"), report))
    assert [d.title for d in docs] == ["스마트시티 시범도시"]
    assert any(n.startswith("title-only BigKinds export") for n in report.notes)
    assert not any("200 characters" in n for n in report.notes)
