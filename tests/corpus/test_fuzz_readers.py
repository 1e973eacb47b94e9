"""Fuzzing every reader (issue 14): each input either parses or raises a TrendscopeError with a one-line message.

Examples per test are bounded (the whole set runs in well under a minute); set
TRENDSCOPE_FUZZ_EXAMPLES to run more.  The lexicon readers are fuzzed here too,
next to the other file readers.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zipfile

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from tests.conftest import fails_cleanly, fuzz_settings
from tests.corpus.bigkinds_fixtures import bigkinds_workbook_bytes
from trendscope.corpus.dates import DateParseError, date_in_name, date_range_in_name, parse_korean_date, parse_rfc822_date
from trendscope.corpus.readers import read_table
from trendscope.corpus.sources.bigkinds import COLUMNS, parse_export
from trendscope.corpus.sources.files import parse_table_file, parse_text_file
from trendscope.corpus.sources.naver import parse_page
from trendscope.text.lexicon import read_stopwords, read_synonyms, read_user_dictionary

# text a researcher's file can hold: Korean, ASCII, separators, quotes, newlines, control characters, surrogates excluded
cell_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
korean_text = st.text(st.sampled_from(list("스마트시티사회혁신 ,\"\n\t\r;.0123456789-년월일") + ["\x00", "\ufeff"]), max_size=30)
cells = st.one_of(cell_text, korean_text, st.sampled_from(["20150102", "2015-01-02", "01100101.20150102001", "", "예외", "중복, 예외"]))
MAPPING = {"date_col": "date", "text_col": "text", "title_col": "title", "url_col": None, "outlet_col": None}


def _rows(width: int):
    return st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=6)


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


@fuzz_settings(100)
@given(_rows(len(COLUMNS)), st.sampled_from(["poi", "openpyxl"]), st.booleans())
def test_bigkinds_workbooks(rows, form, strict):
    rows = [[c.replace("\x00", "") if form == "openpyxl" else c for c in r] for r in rows]
    try:
        data = bigkinds_workbook_bytes(rows, form=form)
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses control characters when writing: not an input a reader can meet
        return
    fails_cleanly(lambda: parse_export(data, "x.xlsx", "q", strict=strict))


@fuzz_settings(200)
@given(st.binary(max_size=300), st.sampled_from([".xlsx", ".csv", ".tsv", ".jsonl"]))
def test_arbitrary_bytes_under_every_suffix(data, suffix):
    fails_cleanly(lambda: read_table(data, "x" + suffix))
    fails_cleanly(lambda: parse_export(data, "x" + suffix, "q"))


@fuzz_settings(100)
@given(st.data())
def test_damaged_workbooks(data):
    """A real workbook with bytes flipped or cut: a zip that opens but whose XML is broken."""
    good = bigkinds_workbook_bytes([["1", "20150102", "한겨레", "", "제목"] + [""] * 14], form=data.draw(st.sampled_from(["poi", "openpyxl"])))
    archive = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    target = data.draw(st.sampled_from(archive.namelist()))
    with zipfile.ZipFile(buffer, "w") as out:
        for name in archive.namelist():
            content = archive.read(name)
            if name == target:
                cut = data.draw(st.integers(0, len(content)))
                content = content[:cut] + data.draw(st.binary(max_size=20))
            out.writestr(name, content)
    fails_cleanly(lambda: parse_export(buffer.getvalue(), "x.xlsx", "q"))


@fuzz_settings(200)
@given(st.lists(cells, min_size=1, max_size=5), _rows(5), st.sampled_from([",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp949"]), st.booleans())
def test_csv_and_tsv(header, rows, delimiter, encoding, strict):
    data = _csv_bytes(header, rows, delimiter, encoding)
    suffix = ".csv" if delimiter == "," else ".tsv"
    fails_cleanly(lambda: read_table(data, "x" + suffix))
    fails_cleanly(lambda: parse_table_file(data, "x" + suffix, "q", MAPPING, "digest", strict=strict))
    fails_cleanly(lambda: parse_export(data, "x" + suffix, "q", strict=strict))
    titled = _csv_bytes(["일자", "언론사", "제목"], rows, delimiter, encoding)
    fails_cleanly(lambda: parse_export(titled, "x" + suffix, "q", strict=strict))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | cell_text, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cell_text, inner, max_size=3), max_leaves=8)


@fuzz_settings(200)
@given(st.lists(st.one_of(st.dictionaries(st.sampled_from(["date", "text", "title", "x"]), json_values, max_size=4).map(lambda d: json.dumps(d, ensure_ascii=False)),
                          json_values.map(json.dumps), cell_text), max_size=6), st.booleans())
def test_jsonl(lines, strict):
    data = "\n".join(lines).encode("utf-8")
    fails_cleanly(lambda: parse_table_file(data, "x.jsonl", "q", MAPPING, "digest", strict=strict))


@fuzz_settings(200)
@given(st.one_of(st.binary(max_size=200), korean_text.map(lambda t: t.encode("cp949", errors="replace")), cell_text.map(str.encode)),
       st.sampled_from(["20150102_기사.txt", "2015-01-02 기사.txt", "기사.txt", "20151341.txt"]))
def test_text_files(data, name):
    fails_cleanly(lambda: parse_text_file(data, name, "q", "digest"))


naver_items = st.dictionaries(st.sampled_from(["title", "description", "link", "originallink", "pubDate"]),
                              st.one_of(cell_text, st.sampled_from(["Mon, 26 Sep 2016 07:50:00 +0900", "https://n.news.example/a?b=1", "<b>스마트</b>&quot;"]), json_values),
                              max_size=5)


@fuzz_settings(200)
@given(st.one_of(st.fixed_dictionaries({"total": st.one_of(st.integers(), cell_text, st.none()), "items": st.one_of(st.lists(st.one_of(naver_items, json_values), max_size=4), json_values)}).map(json.dumps),
                 json_values.map(json.dumps), cell_text))
def test_naver_pages(text):
    fails_cleanly(lambda: parse_page(text.encode("utf-8"), "page.json"))


@fuzz_settings(300)
@given(st.one_of(cell_text, korean_text, st.from_regex(r"\d{4}[-./ ]?\d{1,2}[-./ ]?\d{1,2}.{0,6}", fullmatch=True), st.integers(), st.none()))
def test_date_forms(value):
    try:
        parse_korean_date(value)
    except DateParseError as exc:
        assert "\n" not in str(exc)
    if isinstance(value, str):
        with contextlib.suppress(DateParseError):
            parse_rfc822_date(value)
        date_in_name(value)
        date_range_in_name(value)


@fuzz_settings(100)
@given(st.one_of(st.binary(max_size=120), st.lists(st.one_of(cell_text, korean_text, st.sampled_from(["스마트시티\tNNG", "a => b", "=>", "x\tXX", "# c"])), max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8"))))
def test_lexicon_files(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("lexicon") / "words.txt"
    path.write_bytes(data)
    for reader in (read_user_dictionary, read_synonyms, read_stopwords):
        fails_cleanly(lambda reader=reader: reader(path))


@fuzz_settings(100)
@given(st.one_of(st.binary(max_size=200), st.builds(lambda rows, form: bigkinds_workbook_bytes(rows, form=form), _rows(len(COLUMNS)), st.just("poi"))),
       st.sampled_from([".xlsx", ".csv", ".tsv", ".jsonl", ".txt", ".gz"]))
def test_doctor_never_crashes(tmp_path_factory, data, suffix):
    from trendscope.corpus.doctor import diagnose

    path = tmp_path_factory.mktemp("doctor") / ("20150102_x" + suffix)
    path.write_bytes(data)
    diagnosis = diagnose(path)
    assert diagnosis.error is None or "\n" not in diagnosis.error
