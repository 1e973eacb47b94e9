"""Workbooks read by collect, handed to the documents stage of the same run (corpus/sheets.py): each export is parsed
once, and the documents are those a second parse gave."""

from __future__ import annotations

import dataclasses

import pytest

from tests.corpus.news_fixtures import sample_export_rows, write_bigkinds_xlsx, write_news_study
from trendscope.catalog import Catalog
from trendscope.config import load_config
from trendscope.corpus.sheets import ReadAhead
from trendscope.corpus.sources import bigkinds
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawStore
from trendscope.errors import InputError
from trendscope.pipeline import run_pipeline
from trendscope.stages.collect import collect_sources


def _study(tmp_path):
    exports = tmp_path / "exports"
    write_bigkinds_xlsx(exports / "NewsResult_20150101-20150630.xlsx", sample_export_rows(2015))
    write_bigkinds_xlsx(exports / "NewsResult_20160101-20161231.xlsx", sample_export_rows(2016, 4, id_prefix="0210010"))
    return load_config(write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{exports}]\n    query: smartcity"), cwd=tmp_path)


@pytest.fixture
def reads(monkeypatch):
    """The names of the files the BigKinds source parses (when collecting, and through the raw store when reading)."""
    from trendscope.corpus import store

    names: list[str] = []
    real = bigkinds.read_table
    for module in (bigkinds, store):
        monkeypatch.setattr(module, "read_table", lambda *a, **k: names.append(a[1]) or real(*a, **k))
    return names


def test_the_documents_stage_takes_what_collect_read_and_gets_the_same_documents(tmp_path, reads):
    config = _study(tmp_path)
    read_ahead = ReadAhead()
    collect_sources(config, read_ahead)
    assert len(reads) == 2 and len(read_ahead) == 2
    files = Catalog.of(config).load("raw:bigkinds")
    store = RawStore(files.store.root, sheets=read_ahead)
    handed = list(bigkinds.BigKindsSource().read(config, files.entries, CollectReport("bigkinds"), store=store))
    assert len(reads) == 2 and len(read_ahead) == 0  # nothing parsed again; each sheet handed out once
    parsed = list(bigkinds.BigKindsSource().read(config, files.entries, CollectReport("bigkinds"), store=store))
    assert len(reads) == 4 and [dataclasses.asdict(d) for d in handed] == [dataclasses.asdict(d) for d in parsed]


def test_a_raw_copy_changed_on_disk_is_damaged_even_when_its_rows_were_read(tmp_path, reads):
    config = _study(tmp_path)
    read_ahead = ReadAhead()
    collect_sources(config, read_ahead)
    files = Catalog.of(config).load("raw:bigkinds")
    raw = config.paths.raw / files.entries[0].path
    raw.write_bytes(raw.read_bytes() + b"\0")
    with pytest.raises(InputError, match="raw file is damaged"):
        list(bigkinds.BigKindsSource().read(config, files.entries, CollectReport("bigkinds"), store=RawStore(files.store.root, sheets=read_ahead)))


def test_a_cold_run_parses_each_export_once_and_a_rerun_of_documents_once_more(tmp_path, reads):
    config = _study(tmp_path)
    run_pipeline(config, until="documents")
    assert sorted(n.split("/")[-2:][0] for n in reads) == ["exports", "exports"]  # two files, read by collect only
    first = (config.paths.processed / "documents.parquet").read_bytes()
    reads.clear()
    run_pipeline(config, until="documents", force=True)  # nothing new to collect: the stage parses the raw copies
    assert len(reads) == 2 and all("data/raw/bigkinds/" in name for name in reads)
    assert (config.paths.processed / "documents.parquet").read_bytes() == first


def test_files_of_the_files_source_are_parsed_once_a_cold_run_and_not_by_a_warm_one(tmp_path, monkeypatch):
    from trendscope.corpus import store
    from trendscope.corpus.sources import files

    names: list[str] = []
    real = files.read_table
    for module in (files, store):  # when collecting, and through the raw store when reading
        monkeypatch.setattr(module, "read_table", lambda *a, **k: names.append(a[1]) or real(*a, **k))
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "news.csv").write_text("날짜,제목,본문\n2015-01-02,리빙랩,주민이 문제를 푼다\n2016-03-01,데이터,공공데이터 개방\n", encoding="utf-8")
    (inputs / "more.jsonl").write_text('{"날짜": "2016-05-01", "제목": "스마트시티", "본문": "도시 데이터"}\n', encoding="utf-8")
    sources = f"  files:\n    paths: [{inputs}]\n    query: smartcity\n    date_col: 날짜\n    text_col: 본문\n    title_col: 제목"
    config = load_config(write_news_study(tmp_path / "study", sources), cwd=tmp_path)
    run_pipeline(config, until="documents")
    assert len(names) == 2  # by collect, which handed the rows on
    first = (config.paths.processed / "documents.parquet").read_bytes()
    names.clear()
    run_pipeline(config, until="documents")  # nothing new: collect does not read the files again, documents are cached
    assert names == []
    run_pipeline(config, until="documents", force=True)
    assert len(names) == 2 and (config.paths.processed / "documents.parquet").read_bytes() == first
