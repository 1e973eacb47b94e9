import datetime as dt
import json

import openpyxl
import pytest

from tests.corpus.news_fixtures import write_news_study
from trendscope.config import load_config
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.sources.files import FilesSource, parse_table_file
from trendscope.corpus.store import RawStore
from trendscope.errors import InputError

MAPPING = {"date_col": "날짜", "text_col": "본문", "title_col": "제목", "url_col": None, "outlet_col": "언론사"}
ROWS = [
    ("2015-01-02", "스마트시티 추진", "서울시가 스마트시티 계획을 내놓았다.\n둘째 문단.", "한겨레"),
    ("2015.01.03", "리빙랩", "주민 참여 리빙랩이 늘었다.", "경향신문"),
    ("20150104", "데이터", "공공데이터 개방이 확대됐다.", ""),
    ("2015년 1월 5일", "혁신", "사회혁신 기금이 출범했다.", "조선일보"),
    ("다음주", "날짜 오류", "읽을 수 없는 날짜", ""),
]


def csv_bytes(encoding, delimiter=","):
    lines = [delimiter.join(["날짜", "제목", "본문", "언론사"])]
    lines += [delimiter.join([d, t, '"' + b + '"' if delimiter == "," else b.replace("\n", " "), o]) for d, t, b, o in ROWS]
    return ("\n".join(lines) + "\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr"])
def test_csv_with_korean_dates_in_any_encoding(encoding):
    parsed = parse_table_file(csv_bytes(encoding), "x.csv", "smartcity", MAPPING, "abc")
    assert [d.date for d in parsed.documents] == [dt.date(2015, 1, d) for d in (2, 3, 4, 5)]
    assert parsed.documents[0].body.endswith("둘째 문단.") and parsed.documents[0].outlet == "한겨레"
    assert parsed.documents[2].outlet is None
    assert parsed.problems.counts == {"unparseable date": 1}
    assert "x.csv, row 7, column 날짜" in parsed.problems.first["unparseable date"]


def test_tsv_xlsx_and_jsonl_read_alike(tmp_path):
    tsv = parse_table_file(csv_bytes("utf-8", "\t"), "x.tsv", "q", MAPPING, "abc").documents
    book = openpyxl.Workbook()
    book.active.append(["날짜", "제목", "본문", "언론사"])
    for row in ROWS:
        book.active.append([row[0], row[1], row[2].replace("\n", " "), row[3]])
    book.save(tmp_path / "x.xlsx")
    xlsx = parse_table_file((tmp_path / "x.xlsx").read_bytes(), "x.xlsx", "q", MAPPING, "abc").documents
    jsonl = "\n".join(json.dumps({"날짜": d, "제목": t, "본문": b.replace("\n", " "), "언론사": o}, ensure_ascii=False) for d, t, b, o in ROWS).encode()
    lines = parse_table_file(jsonl, "x.jsonl", "q", MAPPING, "abc").documents
    assert [(d.date, d.title, d.body) for d in tsv] == [(d.date, d.title, d.body) for d in xlsx]
    assert [(d.date, d.title) for d in lines] == [(d.date, d.title) for d in xlsx]


def test_missing_column_names_the_flag():
    with pytest.raises(InputError, match=r"x.csv, row 1: no column 'text' for the text \(--text-col or sources.files.text_col\); columns are: 날짜, 제목, 본문, 언론사"):
        parse_table_file(csv_bytes("utf-8"), "x.csv", "q", {**MAPPING, "text_col": "text"}, "abc")


def test_collect_a_folder_of_text_files_and_a_csv(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "articles").mkdir(parents=True)
    (inputs / "articles" / "20150107_리빙랩.txt").write_bytes("리빙랩 확산\n주민이 문제를 푼다.".encode("cp949"))
    (inputs / "articles" / "2016-03-01 데이터.txt").write_text("공공데이터\n개방 확대", encoding="utf-8")
    (inputs / "news.csv").write_bytes(csv_bytes("cp949"))
    sources = f"  files:\n    paths: [{inputs}]\n    query: socialinnovation\n    date_col: 날짜\n    text_col: 본문\n    title_col: 제목"
    config = load_config(write_news_study(tmp_path / "study", sources), cwd=tmp_path)
    store = RawStore(config.paths.raw)
    source = FilesSource()
    assert len(source.collect(config, store).files_added) == 3
    assert source.collect(config, store).files_added == []
    report = CollectReport("files")
    docs = list(source.read(config, store.files("files"), report))
    assert len(docs) == 6 and {d.query for d in docs} == {"socialinnovation"}
    titles = {d.title: d for d in docs}
    assert titles["리빙랩 확산"].date == dt.date(2015, 1, 7) and titles["리빙랩 확산"].body == "주민이 문제를 푼다."
    assert report.rejected == {"unparseable date": 1}


def test_bad_lines_are_counted_like_bad_rows_and_strict_names_the_line():
    from trendscope.corpus.sources.files import parse_table_file

    mapping = {"date_col": "date", "text_col": "text", "title_col": None, "url_col": None, "outlet_col": None}
    jsonl = '{"date": "2015-01-02", "text": "스마트시티"}\n{"date": oops\n{"date": "2015-01-03", "text": "사회혁신"}\n'.encode()
    parsed = parse_table_file(jsonl, "x.jsonl", "smartcity", mapping, "d")
    assert len(parsed.documents) == 2 and parsed.problems.counts == {"not a JSON object": 1}
    assert parsed.problems.first["not a JSON object"].startswith("x.jsonl, line 2: not a JSON object")
    with pytest.raises(InputError, match=r"^x.jsonl, line 2: not a JSON object .*--strict"):
        parse_table_file(jsonl, "x.jsonl", "smartcity", mapping, "d", strict=True)
    csv_bytes = "date,text\n2015-01-02,스마트시티\n".encode() + b"2015-01-03,\xed\xa0\x80\n" + "2015-01-04,사회혁신\n".encode()
    parsed = parse_table_file(csv_bytes, "x.csv", "smartcity", mapping, "d")
    assert len(parsed.documents) == 2 and parsed.problems.counts == {"invalid utf-8 bytes": 1}
    with pytest.raises(InputError, match=r"^x.csv, line 3: invalid utf-8 bytes \(byte 48\)"):
        parse_table_file(csv_bytes, "x.csv", "smartcity", mapping, "d", strict=True)


def test_an_nfd_text_file_and_table_give_nfc_documents(tmp_path):
    import unicodedata

    from trendscope.corpus.sources.files import parse_text_file

    nfd = unicodedata.normalize("NFD", "스마트시티 제목\n리빙랩 본문")
    doc = parse_text_file(nfd.encode("utf-8"), "20150102_기사.txt", "q", "digest")
    assert (doc.title, doc.body) == ("스마트시티 제목", "리빙랩 본문")
    table = unicodedata.normalize("NFD", "날짜,본문,제목\n2015-01-02,리빙랩,스마트시티\n").encode("utf-8")
    parsed = parse_table_file(table, "x.csv", "q", {"date_col": "날짜", "text_col": "본문", "title_col": "제목"}, "digest")
    assert [(d.title, d.body) for d in parsed.documents] == [("스마트시티", "리빙랩")]
