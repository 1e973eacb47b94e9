import csv
import io
import json
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import fuzz_settings
from tests.corpus.bigkinds_fixtures import MAIN_NS, bigkinds_workbook_bytes
from trendscope.corpus import readers
from trendscope.corpus.readers import Skipped, decode_lenient, decode_text, expand_paths, read_delimited, read_jsonl, read_table, read_xlsx
from trendscope.corpus.sources.bigkinds import COLUMNS, parse_export
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


# --- workbooks read with python-calamine (issue 26 item 2) and the input forms of issue 25 (items 6, 7, 13) ---

TRICKY = ["", " 앞뒤 공백 ", "<&>\"'", "줄\n바꿈", "😀 이모지", "01100101.20150102000000001", "20150102", "1.5e3", "TRUE", "=1+2"]


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("form", ["poi", "openpyxl"])
def test_every_cell_of_a_text_workbook_is_read_as_the_site_wrote_it(form):
    rows = [[TRICKY[(i + j) % len(TRICKY)] for j in range(19)] for i in range(12)]
    rows.append([""] * 19)  # an empty row is skipped, and the numbering keeps the sheet's
    rows.append(["끝"] + [""] * 18)
    sheet = read_xlsx(bigkinds_workbook_bytes(rows, form=form), "x.xlsx")
    assert sheet.header == list(COLUMNS) and not sheet.numeric
    assert [r.number for r in sheet.rows] == [*range(2, 14), 15]
    assert [list(r.cells.values()) for r in sheet.rows[:12]] == rows[:12]


def test_an_excel_resave_keeps_its_numbers_readable_and_counted():
    row = ["01100101.20150102000000001", "20150102", "한겨레", "", "제목"] + [""] * 14
    sheet = read_xlsx(bigkinds_workbook_bytes([row], form="excel"), "x.xlsx")
    assert sheet.rows[0].cells["일자"] == "20150102" and sheet.rows[0].cells["뉴스 식별자"] == "1100101.20150102"
    assert sheet.numeric == {"뉴스 식별자": 1, "일자": 1}


def _poi_workbook(sheet_data: str) -> bytes:
    source = io.BytesIO(bigkinds_workbook_bytes([["x"] * 19]))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><dimension ref="A1"/><sheetData>{sheet_data}</sheetData></worksheet>'.encode()
            new.writestr(item.filename, data)
    return out.getvalue()


def _is(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_the_declared_dimension_is_ignored_and_rows_keep_the_sheets_numbers():
    data = _poi_workbook(f'<row r="1">{_is("A1", "a")}{_is("B1", "b")}</row><row r="4">{_is("B4", "넷")}</row><row r="2">{_is("A2", "둘")}</row>')
    sheet = read_xlsx(data, "x.xlsx")
    assert sheet.header == ["a", "b"]
    assert [(r.number, r.cells) for r in sheet.rows] == [(2, {"a": "둘", "b": ""}), (4, {"a": "", "b": "넷"})]


def test_nfd_headers_and_cells_of_every_reader_come_out_nfc():
    row = ["01100101.20150102000000001", "20150102", "한겨레", "", "스마트시티 제목"] + [""] * 11 + ["본문 발췌", "", ""]
    data = bigkinds_workbook_bytes([[_nfd(c) for c in row]], header=[_nfd(c) for c in COLUMNS])
    parsed = parse_export(data, "x.xlsx", "q")
    assert [(d.title, d.body, d.outlet) for d in parsed.documents] == [("스마트시티 제목", "본문 발췌", "한겨레")]
    text = _nfd("날짜,제목,본문\n2015-01-02,스마트시티,리빙랩\n")
    for sheet in (read_table(text.encode(), "x.csv"), read_table(text.encode("utf-8-sig"), "y.csv")):
        assert sheet.header == ["날짜", "제목", "본문"] and sheet.rows[0].cells == {"날짜": "2015-01-02", "제목": "스마트시티", "본문": "리빙랩"}
    line = json.dumps({_nfd("날짜"): "2015-01-02", _nfd("본문"): _nfd("리빙랩")}, ensure_ascii=False)
    assert read_jsonl(line.encode(), "x.jsonl").rows[0].cells == {"날짜": "2015-01-02", "본문": "리빙랩"}


@fuzz_settings(100)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), min_size=1, max_size=4))
def test_any_cell_text_comes_out_in_nfc_and_otherwise_unchanged(cells):
    header = [f"c{i}" for i in range(len(cells))]
    out = io.StringIO(newline="")
    csv.writer(out).writerows([header, [_nfd(c) for c in cells] + ["x"]])
    sheet = read_delimited(out.getvalue().encode(), "x.csv")
    expected = [unicodedata.normalize("NFC", _nfd(c)) for c in cells]
    assert [sheet.rows[0].cells[h] for h in header] == expected if sheet.rows else not any(c.strip() for c in cells)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_name_given_twice_is_named_in_one_line(suffix):
    header = list(COLUMNS[:4]) + ["일자"] + list(COLUMNS[4:])
    row = ["1", "20150102", "한겨레", "", "2015년 1월 2일", "제목"] + [""] * 14
    if suffix == ".xlsx":
        data = bigkinds_workbook_bytes([row], header=header)
    else:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows([header, row])
        data = buffer.getvalue().encode()
    with pytest.raises(InputError) as raised:
        parse_export(data, "x" + suffix, "q")
    assert str(raised.value) == f"x{suffix}, row 1: column '일자' appears twice (columns 2 and 5); expected each column name once — rename or delete one of them"


def test_names_equal_once_in_nfc_are_the_same_column():
    with pytest.raises(InputError, match="column '일자' appears twice"):
        read_table(("일자," + _nfd("일자") + "\n2015-01-02,x\n").encode(), "x.csv")
    line = '{"date": "2015-01-02", "date": "2016-01-02", "text": "x"}\n{"date": "2015-01-03", "text": "y"}'
    sheet = read_jsonl(line.encode(), "x.jsonl")
    assert [r.number for r in sheet.rows] == [2] and sheet.skipped[0].detail == "key 'date' given twice"


def test_a_cell_past_the_limit_rejects_its_row_in_a_workbook_and_refuses_a_csv(monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELL_CHARS", 1_000)
    rows = [["1", "20150102", "", "", "제목"] + [""] * 11 + ["가" * 1_001, "", ""], ["2", "20150103", "", "", "제목"] + [""] * 11 + ["짧은 본문", "", ""]]
    sheet = read_xlsx(bigkinds_workbook_bytes(rows), "x.xlsx")
    assert [r.number for r in sheet.rows] == [3]
    assert sheet.skipped == [Skipped(2, "cell longer than 1,000 characters", "column 본문, 1,001 characters", unit="row")]
    with pytest.raises(InputError, match=r"^x.csv, line 2: a cell longer than 1,000 characters, which no article is; refused$"):
        read_delimited(("날짜,본문\n2015-01-02," + "가" * 1_001 + "\n").encode(), "x.csv")
    jsonl = read_jsonl(json.dumps({"date": "2015-01-02", "text": "가" * 1_001}).encode(), "x.jsonl")
    assert not jsonl.rows and jsonl.skipped[0].reason == "cell longer than 1,000 characters"


def test_the_real_cell_limit_on_a_ten_megabyte_cell():
    """At the shipped limit (10 M characters): a CSV holding one such cell is refused, quickly and in one line."""
    data = b"date,text\n2015-01-02," + b"a" * (readers.MAX_CELL_CHARS + 1) + b"\n"
    with pytest.raises(InputError, match="a cell longer than 10,000,000 characters"):
        read_delimited(data, "big.csv")


def _bomb(part_size: int) -> bytes:
    """A BigKinds workbook with a sharedStrings part of `part_size` bytes that deflate squeezes ~1,000-fold."""
    good = io.BytesIO(bigkinds_workbook_bytes([["1", "20150102"] + [""] * 17]))
    out = io.BytesIO()
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, old.read(item))
        filler = b"<si><t>" + b"a" * (part_size - 40) + b"</t></si>"
        new.writestr("xl/sharedStrings.xml", b'<sst xmlns="' + MAIN_NS.encode() + b'">' + filler + b"</sst>")
    return out.getvalue()


def test_a_zip_bomb_is_refused_from_its_declared_sizes_before_anything_is_inflated(monkeypatch):
    import python_calamine

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", no_reading)
    monkeypatch.setattr(readers, "RATIO_FLOOR", 1 << 20)
    data = _bomb(4 << 20)
    assert len(data) < 40_000
    with pytest.raises(InputError, match=r"^bomb.xlsx: part xl/sharedStrings.xml expands [\d,]+-fold to 4 MB \(limit 200-fold past 1 MB\)"):
        read_xlsx(data, "bomb.xlsx")
    monkeypatch.setattr(readers, "RATIO_FLOOR", 64 << 20)
    monkeypatch.setattr(readers, "MAX_XLSX_EXPANDED", 2 << 20)
    with pytest.raises(InputError, match=r"^bomb.xlsx: the workbook expands to 4 MB when unzipped \(limit 2 MB\); refused unread"):
        read_xlsx(data, "bomb.xlsx")


def test_a_large_compressible_workbook_under_the_limits_is_read():
    sheet = read_xlsx(_bomb(3 << 20), "fine.xlsx")  # 3 MB of shared strings nobody points to: under the 64 MB floor
    assert sheet.rows[0].cells["일자"] == "20150102"


def test_folder_symlink_loops_end_and_each_file_is_found_once(tmp_path):
    """`ln -s . d/a; ln -s . d/b; collect --path 'd/**/*.xlsx'` ran forever (glob followed d/a/b/a/b/…)."""
    import time

    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    for name in ["x.xlsx", "sub/y.xlsx", "sub/z.csv", ".hidden.xlsx"]:
        (folder / name).write_bytes(b"x")
    for link in "abc":
        (folder / link).symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    start = time.perf_counter()
    found = expand_paths([str(folder / "**" / "*.xlsx")], (".xlsx",))
    assert [p.relative_to(folder) for p in found] == [Path("sub/y.xlsx"), Path("x.xlsx")]
    assert [p.relative_to(folder) for p in expand_paths([str(folder)], (".xlsx", ".csv"))] == [Path("sub/y.xlsx"), Path("sub/z.csv"), Path("x.xlsx")]
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    "pattern",
    ["*.csv", "**/*.csv", "sub/*.csv", "*/*.csv", "**/sub/**/*.csv", "s?b/[a-c]*.csv", "**", "sub/**", ".*", "**/.h*", "nothing/**/*.csv"],
)
def test_patterns_name_the_files_glob_names_where_there_is_no_loop(tmp_path, monkeypatch, pattern):
    import glob

    for name in ["a.csv", "sub/b.csv", "sub/deep/c.csv", "sub/.h.csv", ".top.csv", "other/d.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    for form in (pattern, str(tmp_path / pattern)):  # the files (expand_paths keeps files only), relative and absolute
        expected = sorted((Path(p) for p in glob.glob(form, recursive=True) if Path(p).is_file()), key=str)
        assert [p for p in readers._glob(Path(form)) if p.is_file()] == expected


def test_a_zip_that_understates_a_part_is_refused_in_one_line():
    """A bomb can declare small sizes and hold more: calamine stops at the declared size (checked: no memory growth at 600 MB)."""
    import struct

    data = bytearray(_bomb(8 << 20))
    name = b"xl/sharedStrings.xml"
    for signature, name_at, header, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        position = 0
        while (position := data.find(signature, position)) >= 0:
            length = struct.unpack_from("<H", data, position + name_at)[0]
            if bytes(data[position + header : position + header + length]) == name:
                struct.pack_into("<I", data, position + size_at, 1_000)  # the uncompressed size it declares
            position += 4
    with pytest.raises(InputError, match=r"^lie.xlsx: not an Excel workbook \(.xlsx\) \(CalamineError\); expected the file as exported$"):
        read_xlsx(bytes(data), "lie.xlsx")


_names = st.sampled_from(["a", "b", "ab", ".h", "a.csv", "b.xlsx", ".h.csv"])
_components = st.sampled_from(["*", "**", "a*", "?", "b", ".*", "[ab]", "*.csv", "a.csv", "*.*"])


@fuzz_settings(60)
@given(st.lists(st.lists(_names, min_size=1, max_size=3), min_size=1, max_size=6), st.lists(_components, min_size=1, max_size=3))
def test_any_pattern_over_any_tree_names_the_files_glob_names(tmp_path_factory, files, pattern):
    import glob

    root = tmp_path_factory.mktemp("tree")
    for parts in files:
        path = root.joinpath(*parts)
        if any(parent.is_file() for parent in path.parents) or path.is_dir():
            continue  # a name already used as a file (or folder) cannot also be the other
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    absolute = str(root.joinpath(*pattern))
    # glob may name a file twice, and names a file F for "F/**" with a trailing slash (no file: os.path.isfile says so)
    expected = sorted({Path(p) for p in glob.glob(absolute, recursive=True) if os.path.isfile(p)}, key=str)
    assert [p for p in readers._glob(Path(absolute)) if p.is_file()] == expected


def test_a_panic_in_the_rust_reader_is_a_one_line_error_and_ctrl_c_is_not(monkeypatch):
    import python_calamine

    PanicException = type("PanicException", (BaseException,), {})  # what pyo3 raises when Rust code panics

    def panic(_handle):
        raise PanicException("index out of bounds")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", panic)
    data = bigkinds_workbook_bytes([["1", "20150102"] + [""] * 17])
    with pytest.raises(InputError, match=r"^x.xlsx: not an Excel workbook \(.xlsx\) \(PanicException\)"):
        read_xlsx(data, "x.xlsx")

    def interrupted(_handle):
        raise KeyboardInterrupt

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_xlsx(data, "x.xlsx")


@fuzz_settings(100)
@given(st.lists(st.sampled_from(["일자", _nfd("일자"), "제목", "본문", "", "date", " date "]), min_size=1, max_size=5))
def test_a_header_is_read_in_nfc_or_refused_naming_its_first_repeat(names):
    out = io.StringIO(newline="")
    csv.writer(out).writerows([names, ["x"] * len(names)])
    cleaned = [unicodedata.normalize("NFC", n.strip()) for n in names]
    repeats = [n for i, n in enumerate(cleaned) if n and n in cleaned[:i]]
    if not any(cleaned):
        return
    if repeats:
        with pytest.raises(InputError, match=f"column '{repeats[0]}' appears twice"):
            read_delimited(out.getvalue().encode(), "x.csv")
    else:
        assert read_delimited(out.getvalue().encode(), "x.csv").header == cleaned


@fuzz_settings(60)
@given(st.lists(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=8), min_size=3, max_size=3),
                min_size=1, max_size=4), st.booleans())
def test_workbook_rows_are_checked_whole_as_cell_by_cell(rows, decompose):
    """The row checks made on the joined row (blank, over-long, NFC) decide as the per-cell checks did."""
    rows = [[_nfd(c) if decompose else c for c in row] for row in rows]
    sheet = read_xlsx(bigkinds_workbook_bytes(rows, form="poi", header=["a", "b", "c"]), "x.xlsx")
    kept = [(n, r) for n, r in enumerate(rows, start=2) if any(c.strip() for c in r)]
    assert [r.number for r in sheet.rows] == [n for n, _ in kept]
    assert [list(r.cells.values()) for r in sheet.rows] == [[unicodedata.normalize("NFC", c) for c in r] for _, r in kept]
