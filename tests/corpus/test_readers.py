import pytest

from trendscope.corpus.readers import decode_text, expand_paths, read_delimited, read_table
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
    with pytest.raises(InputError, match="line 2: not a JSON object"):
        read_table(b'{"a": 1}\n{oops\n', "x.jsonl")
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
