import csv

import pytest

from trendscope.corpus.readers import Skipped, decode_lenient, decode_text, expand_paths, read_delimited, read_jsonl, read_table
from trendscope.errors import InputError

CSV = "날짜,제목,본문\n2015-01-02,스마트시티 추진,\"첫 줄\n둘째 줄\"\n2015.01.03,사회혁신,리빙랩 확산\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr"])
def test_korean_csv_in_every_common_encoding(encoding):
    sheet = read_delimited(CSV.encode(encoding), "x.csv")
    assert sheet.header == ["날짜", "제목", "본문"]
    assert [r.cells["제목"] for r in sheet.rows] == ["스마트시티 추진", "사회혁신"]
    assert sheet.rows[0].cells["본문"] == "첫 줄\n둘째 줄"
    assert sheet.rows[1].number == 4  # the line the row is on, counting the header as line 1


def test_tsv_and_ids_stay_text():
    sheet = read_table(b"id\tdate\n01100101.20150101\t20150101\n", "x.tsv")
    assert sheet.rows[0].cells["id"] == "01100101.20150101"


def test_unreadable_inputs_name_the_file():
    with pytest.raises(InputError, match="x.csv: the file is empty"):
        decode_text(b"  \n", "x.csv")
    with pytest.raises(InputError, match="not an Excel workbook"):
        read_table(b"this is not a zip", "x.xlsx")
    with pytest.raises(InputError, match="unsupported file type .pdf"):
        read_table(b"%PDF", "x.pdf")
    with pytest.raises(InputError, match="expected UTF-8|not a text file"):
        decode_text("스마트시티 사회혁신 기사".encode("utf-16-be"), "x.csv")


def test_paths_globs_and_folders(tmp_path):
    for name in ["a.csv", "b.xlsx", "sub/c.csv", "~$lock.xlsx", "note.pdf"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    found = expand_paths([str(tmp_path)], (".csv", ".xlsx"))
    assert [p.name for p in found] == ["a.csv", "b.xlsx", "c.csv"]
    assert [p.name for p in expand_paths([str(tmp_path / "*.csv"), str(tmp_path / "a.csv")], (".csv",))] == ["a.csv"]
    with pytest.raises(InputError, match="no file matches"):
        expand_paths([str(tmp_path / "*.json")], (".json",))
    with pytest.raises(InputError, match="not found"):
        expand_paths([str(tmp_path / "missing.csv")], (".csv",))


def test_a_cell_longer_than_the_csv_module_default_loads():
    long_body = "스마트시티 " * 30_000  # 180,000 characters, over csv's 131,072 default
    sheet = read_delimited(f"날짜,본문\n2015-01-02,{long_body}\n2015-01-03,짧은 본문\n".encode(), "long.csv")
    assert [len(r.cells["본문"]) for r in sheet.rows] == [len(long_body), 5]
    assert csv.field_size_limit() == 131_072  # the module-wide limit is restored


def test_invalid_utf8_in_one_row_skips_that_row_with_its_line_and_byte():
    good = "날짜,제목\n" + "".join(f"2015-01-{d:02d},스마트시티 기사 {d}\n" for d in range(1, 10))
    data = good.encode() + b"2015-01-10,\xff\xfe broken\n" + "2015-01-11,사회혁신\n".encode()
    sheet = read_delimited(data, "x.csv")
    assert len(sheet.rows) == 10 and sheet.encoding == "utf-8"
    offset = len(good.encode()) + len(b"2015-01-10,")
    assert sheet.skipped == [Skipped(11, "invalid utf-8 bytes", f"byte {offset}")]
    with pytest.raises(InputError, match=rf"x.txt, line 11: invalid utf-8 bytes at byte {offset}"):
        decode_text(data, "x.txt")


def test_cp949_files_are_not_mistaken_for_broken_utf8():
    decoded = decode_lenient(CSV.encode("cp949"), "x.csv")
    assert decoded.encoding == "cp949" and not decoded.bad


@pytest.mark.parametrize(
    "data",
    [
        '{"a": "스마트\u2028시티"}\r\n\n  \n{"b": 1.0, "a": ["x"]}\n{oops\n{"a": "끝"}'.encode(),  # U+2028 inside a string, CRLF, no final break
        b"\xef\xbb\xbf" + '{"a": "BOM"}\n{"a": "둘"}\n'.encode(),
        '{"a": "가"}\n{"a": "나"}\n'.encode("cp949"),
        '{"a": "가"}\n'.encode() + b'{"a": "\xff"}\n' + '{"a": "나"}\n'.encode(),  # one bad line
        '{"a": "가"}\n{"a": "나"}\n'.encode("utf-16"),
    ],
)
def test_jsonl_read_a_line_at_a_time_equals_the_whole_text_split(data):
    import json

    from trendscope.corpus.readers import Row, Sheet, _cell

    decoded = decode_lenient(data, "x.jsonl")  # the reading before lines were produced one at a time
    rows, skipped, header = [], [], {}
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        if number in decoded.bad:
            skipped.append(Skipped(number, f"invalid {decoded.encoding} bytes", f"byte {decoded.bad[number]}"))
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            skipped.append(Skipped(number, "not a JSON object", str(exc.args[0])[:120]))
            continue
        if not isinstance(record, dict):
            skipped.append(Skipped(number, "not a JSON object", f"got {type(record).__name__}"))
            continue
        header.update(dict.fromkeys(record))
        rows.append(Row(number, {k: _cell(v) if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False) for k, v in record.items()}))
    assert read_jsonl(data, "x.jsonl") == Sheet("x", list(header), rows, skipped, encoding=decoded.encoding)


def _delimited_from_whole_text(data: bytes, name: str, delimiter: str | None = None):
    """read_delimited as it was before rows were decoded as they are read: the whole text through StringIO."""
    import csv
    import io

    from trendscope.corpus.readers import Row, Sheet, _clean_header, _pad

    decoded = decode_lenient(data, name)
    text = decoded.text
    delimiter = delimiter or ("\t" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        header = _clean_header(next(reader), name)
        rows, skipped, start = [], [], reader.line_num + 1
        for cells in reader:
            end = reader.line_num
            bad = next((line for line in range(start, end + 1) if line in decoded.bad), None)
            start = end + 1
            if bad is not None:
                skipped.append(Skipped(bad, f"invalid {decoded.encoding} bytes", f"byte {decoded.bad[bad]}"))
            elif any(c.strip() for c in cells):
                rows.append(Row(end, _pad(header, cells)))
    finally:
        csv.field_size_limit(previous)
    return Sheet("x", header, rows, skipped, encoding=decoded.encoding)


@pytest.mark.parametrize(
    "data",
    [
        '날짜,제목,본문\r\n2015-01-02,"따옴표 안\r\n줄바꿈","쉼표, 있음"\r\n\r\n2015-01-03,둘,"""인용"""'.encode(),  # CRLF, no final break
        b"\xef\xbb\xbf" + "날짜\t제목\n2015-01-02\t탭\n".encode(),  # BOM, tabs sniffed
        "날짜,제목\r2015-01-02,옛 맥\r2015-01-03,줄끝\r".encode(),  # CR only
        ("날짜,본문\n2015-01-02," + "긴" * 200_000 + "\n").encode(),  # a field over csv's default limit
        "날짜,제목\n2015-01-02,가\n".encode("cp949"),
        "날짜,제목\n2015-01-02,가\n".encode() + b"2015-01-03,\xff\n" + "2015-01-04,나\n".encode(),
        "날짜,제목\n".encode("utf-16"),
    ],
)
def test_delimited_read_as_it_streams_equals_the_whole_text(data):
    assert read_delimited(data, "x.csv") == _delimited_from_whole_text(data, "x.csv")
    assert read_delimited(data, "x.tsv", "\t") == _delimited_from_whole_text(data, "x.tsv", "\t")


def test_a_broken_jsonl_line_is_skipped_and_listed():
    sheet = read_jsonl(b'{"a": "1"}\n{oops\n[1, 2]\n{"a": "2"}\n', "x.jsonl")
    assert [r.cells["a"] for r in sheet.rows] == ["1", "2"] and [r.number for r in sheet.rows] == [1, 4]
    assert [(s.number, s.reason) for s in sheet.skipped] == [(2, "not a JSON object"), (3, "not a JSON object")]
