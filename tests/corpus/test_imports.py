"""File names as they arrive (CP949 bytes, NFD Hangul, line breaks) reach the manifest and messages as one line of NFC text."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import fuzz_settings
from tests.corpus.news_fixtures import sample_export_rows, write_bigkinds_xlsx, write_news_study
from trendscope.config import load_config
from trendscope.corpus.imports import file_label, raw_name
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.sources.bigkinds import BigKindsSource
from trendscope.corpus.store import RawStore


def _surrogated(raw: bytes) -> str:
    """The name as Python sees a file called `raw` on Linux (bytes that are not UTF-8 as lone surrogates)."""
    return os.fsdecode(raw)


def test_a_cp949_name_is_read_as_cp949_and_an_unknown_byte_is_shown():
    assert file_label(_surrogated("스마트시티_2015.xlsx".encode("cp949"))) == "스마트시티_2015.xlsx"
    assert file_label("exports/" + _surrogated("사회혁신.csv".encode("cp949"))) == "exports/사회혁신.csv"
    assert file_label(_surrogated(b"a\xff.csv")) == "a\\xff.csv"


def test_nfd_and_control_characters_in_names():
    assert file_label(unicodedata.normalize("NFD", "한글.xlsx")) == "한글.xlsx"
    assert file_label("new\nline\t.xlsx") == "new\\nline\\t.xlsx"
    assert raw_name("bigkinds", "q", "new\nline.xlsx", b"x").endswith("-new_nline.xlsx")


@fuzz_settings(200)
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_any_name_becomes_one_line_of_writable_nfc_text(raw):
    label = file_label(_surrogated(raw))
    label.encode("utf-8")  # no lone surrogates: it can be written to the manifest and the terminal
    assert label.isprintable() and unicodedata.is_normalized("NFC", label)


def test_collect_takes_exports_named_in_cp949_nfd_and_with_a_line_break(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    data = write_bigkinds_xlsx(tmp_path / "x.xlsx", sample_export_rows()).read_bytes()
    names = {
        os.fsencode(exports) + b"/" + "스마트시티_20150101-20150630.xlsx".encode("cp949"): "스마트시티_20150101-20150630.xlsx",
        os.fsencode(exports / unicodedata.normalize("NFD", "스마트시티_20150701-20151231.xlsx")): "스마트시티_20150701-20151231.xlsx",
    }
    for index, path in enumerate(names):
        Path(os.fsdecode(path)).write_bytes(data + b"\0" * index)  # distinct bytes: one raw file each
    (exports / "줄\n바꿈.xlsx").write_bytes(data + b"\0\0")
    study = write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{exports}]\n    queries: {{'스마트시티_*': smartcity, '줄*': socialinnovation}}")
    config = load_config(study, cwd=tmp_path)
    store = RawStore(config.paths.raw)
    report = BigKindsSource().collect(config, store)
    assert len(report.files_added) == 3
    manifest = json.loads(store.manifest_path.read_text(encoding="utf-8"))
    originals = sorted((f["query"], f["params"]["original"], f["params"]["period"]) for f in manifest["files"])
    assert originals == [
        ("smartcity", "스마트시티_20150101-20150630.xlsx", ["2015-01-01", "2015-06-30"]),
        ("smartcity", "스마트시티_20150701-20151231.xlsx", ["2015-07-01", "2015-12-31"]),
        ("socialinnovation", "줄\\n바꿈.xlsx", ["2015-01-07", "2015-11-06"]),
    ]
    read = CollectReport("bigkinds")
    docs = list(BigKindsSource().read(config, store.files("bigkinds"), read))
    assert docs and all("\n" not in note for note in read.notes)
