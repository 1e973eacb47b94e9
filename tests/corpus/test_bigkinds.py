import csv
import datetime as dt
import io

import pytest

from tests.corpus.news_fixtures import bigkinds_row, sample_export_rows, write_bigkinds_xlsx, write_news_study
from trendscope.config import load_config
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.sources.bigkinds import COLUMNS, BigKindsSource, coverage_gaps, parse_export
from trendscope.corpus.store import RawStore
from trendscope.errors import ConfigError, InputError


def export_bytes(tmp_path, rows, name="NewsResult_20150101-20151231.xlsx"):
    return write_bigkinds_xlsx(tmp_path / name, rows).read_bytes()


def test_an_export_is_read_as_text_with_its_quirks(tmp_path):
    parsed = parse_export(export_bytes(tmp_path, sample_export_rows()), "x.xlsx", "smartcity")
    docs = {d.title: d for d in parsed.documents}
    assert len(docs) == 7  # 6 articles + the photo stub; the flagged row is left out
    assert parsed.flagged == {"예외, 중복": 1} and "중복 기사" not in docs
    first = docs["스마트시티 기사 2015-1"]
    assert "\n" in first.body and first.outlet == "한겨레" and first.category == "IT_과학>과학"
    assert first.source_keywords == "스마트시티,자율주행,디지털트윈" and first.url == "https://news.example.kr/2015/1"
    assert docs["[포토] 스마트시티 박람회"].body == "" and parsed.stubs == 1
    assert len({d.doc_id for d in parsed.documents}) == 7


def test_leading_zero_ids_do_not_collide(tmp_path):
    # read as numbers, 01100101.x and 1100101.x would be the same article
    rows = [bigkinds_row("01100101.20150101000000001", "20150101", "가 기사", "스마트시티 본문 하나"),
            bigkinds_row("1100101.20150101000000001", "20150101", "나 기사", "전혀 다른 사회혁신 본문")]
    parsed = parse_export(export_bytes(tmp_path, rows), "x.xlsx", "smartcity")
    assert len({d.doc_id for d in parsed.documents}) == 2


def test_flagged_rows_can_be_kept(tmp_path):
    parsed = parse_export(export_bytes(tmp_path, sample_export_rows()), "x.xlsx", "smartcity", include_flagged=True)
    assert "중복 기사" in {d.title for d in parsed.documents}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
def test_a_resaved_csv_reads_like_the_workbook(tmp_path, encoding):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(sample_export_rows())
    csv_parsed = parse_export(buffer.getvalue().encode(encoding), "NewsResult.csv", "smartcity")
    xlsx_parsed = parse_export(export_bytes(tmp_path, sample_export_rows()), "x.xlsx", "smartcity")
    assert csv_parsed.documents == xlsx_parsed.documents


def test_bad_rows_are_counted_and_strict_fails(tmp_path):
    rows = sample_export_rows()[:3] + [bigkinds_row("0110.x", "2015-13-45", "날짜 오류", "본문"), bigkinds_row("", "20150101", "식별자 없음", "본문")]
    data = export_bytes(tmp_path, rows)
    parsed = parse_export(data, "x.xlsx", "smartcity")
    assert len(parsed.documents) == 3
    assert parsed.problems.counts == {"unparseable 일자": 1, "empty 뉴스 식별자": 1}
    assert "x.xlsx, row 5, column 일자" in parsed.problems.first["unparseable 일자"]
    with pytest.raises(InputError, match=r"x.xlsx, row 5, column 일자: unparseable 일자"):
        parse_export(data, "x.xlsx", "smartcity", strict=True)


def test_bad_files_are_one_clear_error(tmp_path):
    book = write_bigkinds_xlsx(tmp_path / "a.xlsx", [])
    with pytest.raises(InputError, match="a.xlsx: no data rows"):
        parse_export(book.read_bytes(), "a.xlsx", "q")
    with pytest.raises(InputError, match="b.xlsx: not an Excel workbook"):
        parse_export(b"PK\x03\x04 broken", "b.xlsx", "q")
    with pytest.raises(InputError, match="c.csv, row 1: missing column '뉴스 식별자'.*found 날짜, 제목"):
        parse_export("날짜,제목\n20150101,x\n".encode(), "c.csv", "q")
    with pytest.raises(InputError, match="d.csv: no readable rows — 1 × unparseable 일자"):
        parse_export(("," .join(COLUMNS) + "\n" + ",".join(bigkinds_row("1", "someday", "t", "b")) + "\n").encode(), "d.csv", "q")


def test_coverage_gaps():
    d = dt.date
    periods = [(d(2016, 1, 1), d(2016, 12, 31)), (d(2015, 1, 1), d(2015, 6, 30)), (d(2015, 8, 1), d(2015, 12, 31))]
    assert coverage_gaps(periods) == [(d(2015, 7, 1), d(2015, 7, 31))]
    assert coverage_gaps([(d(2015, 1, 1), d(2015, 12, 31)), (d(2015, 6, 1), d(2016, 1, 5))]) == []


def test_collect_merges_exports_and_reports_gaps(tmp_path):
    exports = tmp_path / "exports"
    first = sample_export_rows(2015)
    write_bigkinds_xlsx(exports / "NewsResult_20150101-20150630.xlsx", first)
    # the next export repeats one article of the first (same 뉴스 식별자) and skips July 2015
    write_bigkinds_xlsx(exports / "NewsResult_20150801-20161231.xlsx", sample_export_rows(2016, 4, id_prefix="0210010") + [first[0]])
    study = write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{exports}]\n    queries: {{'NewsResult_*': smartcity}}")
    config = load_config(study, cwd=tmp_path)
    store = RawStore(config.paths.raw)
    source = BigKindsSource()
    report = source.collect(config, store)
    assert len(report.files_added) == 2 and all(p.startswith("bigkinds/smartcity/") for p in report.files_added)
    assert source.collect(config, store).files_added == []  # idempotent
    entries = store.files("bigkinds")
    assert {e.params["original"] for e in entries} == {"NewsResult_20150101-20150630.xlsx", "NewsResult_20150801-20161231.xlsx"}
    for entry in entries:  # the copy is byte-identical to the user's file
        assert (config.paths.raw / entry.path).read_bytes() == (exports / entry.params["original"]).read_bytes()
    read_report = CollectReport("bigkinds")
    docs = list(source.read(config, entries, read_report))
    ids = [d.doc_id for d in docs]
    assert len(ids) - len(set(ids)) == 1  # the repeated article; the documents stage keeps it once
    assert read_report.excluded == {"분석제외 여부 = 예외, 중복": 2}
    assert any("2015-07-01 – 2015-07-31" in n for n in read_report.notes)
    assert any("200 characters" in n for n in read_report.notes)


def test_which_query_a_file_belongs_to(tmp_path):
    write_bigkinds_xlsx(tmp_path / "x" / "export.xlsx", sample_export_rows())
    study = write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{tmp_path / 'x'}]")
    config = load_config(study, cwd=tmp_path)
    with pytest.raises(ConfigError, match="cannot tell which query.*--query"):
        BigKindsSource().collect(config, RawStore(config.paths.raw))


def test_source_paths_resolve_against_the_study_file_and_dedup_is_validated(tmp_path):
    study = write_news_study(tmp_path / "study", "  bigkinds:\n    paths: [exports/, '../shared/*.xlsx']", extra="dedup:\n  threshold: 0.8\n  shingle: 4\n")
    config = load_config(study, cwd=tmp_path)
    assert config.sources.bigkinds.paths == [str(tmp_path / "study" / "exports"), str((tmp_path / "shared").resolve() / "*.xlsx")]
    assert (config.dedup.threshold, config.dedup.shingle) == (0.8, 4)
    bad = write_news_study(tmp_path / "bad", "  bigkinds: {}", extra="dedup:\n  threshold: 1.5\n")
    with pytest.raises(ConfigError, match="dedup.threshold"):
        load_config(bad, cwd=tmp_path)


