"""The documents stage's pieces: documents into a frame, query exclusions, the Parquet file it writes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow.parquet as pq

from trendscope.config import QueryConfig
from trendscope.corpus.schema import Document, documents_frame, documents_table, write_documents
from trendscope.stages import documents as stage


def _documents() -> list[Document]:
    rows = [
        ("a", "smart", None, "본문 STRASSE 하나"),
        ("b", "smart", "제목 둘", "도로 공사 소식"),
        ("c", "social", "Straße 셋", "사회혁신"),
        ("d", "smart", "넷", "스마트시티 조성"),
        ("e", "smart", "", "정책 Straße"),
    ]
    return [Document(doc_id, query, dt.date(2020, 1, 1 + i), 2020, "files", "한빛일보" if i % 2 else None, title, body, f"u{i}" if i != 2 else None)
            for i, (doc_id, query, title, body) in enumerate(rows)]


def test_documents_frame_columns_and_missing_values():
    frame = documents_frame(iter(_documents()))  # a generator, read once
    assert list(frame.columns) == ["doc_id", "query", "date", "year", "source", "outlet", "title", "body", "url", "dup_of", "category", "source_keywords",
                                   "people", "organizations"]
    assert frame["title"].dtype == object and frame["title"].tolist()[:2] == [None, "제목 둘"]  # Python strings, None kept
    assert isinstance(frame["doc_id"].dtype, pd.StringDtype) and frame["outlet"].isna().tolist() == [True, False, True, False, True]
    assert frame["date"].tolist()[0] == dt.date(2020, 1, 1) and frame["year"].tolist() == [2020] * 5
    assert documents_frame([]).empty


def test_exclusions_are_case_folded_per_query_and_in_pieces(monkeypatch):
    frame = documents_frame(_documents())
    queries = (QueryConfig(key="smart", label="s", terms=["x"], exclude=["straße", "공사"]), QueryConfig(key="social", label="t", terms=["y"]))
    kept, excluded = stage._apply_exclusions(frame, queries)
    assert excluded == 3 and kept["doc_id"].tolist() == ["c", "d"]  # STRASSE and Straße fold to strasse; c is another query's
    monkeypatch.setattr(stage, "_EXCLUSION_ROWS", 1)
    pd.testing.assert_frame_equal(stage._apply_exclusions(frame, queries)[0], kept)
    unchanged, none = stage._apply_exclusions(frame, queries[1:])
    assert none == 0 and unchanged.equals(frame)


def test_written_parquet_equals_one_write_table(tmp_path):
    frame = documents_frame(_documents())
    frame = frame.assign(title=frame["title"].where(frame.index >= 2, None), dup_of=pd.array([None, "a", None, None, "b"], dtype="string"))
    pq.write_table(documents_table(frame), tmp_path / "whole.parquet")
    write_documents(frame, tmp_path / "pieces.parquet", rows_per_group=2)  # the first piece has no title at all
    whole, pieces = pq.read_table(tmp_path / "whole.parquet"), pq.read_table(tmp_path / "pieces.parquet")
    assert pieces.equals(whole) and pieces.schema.metadata == whole.schema.metadata
    assert pq.ParquetFile(tmp_path / "pieces.parquet").metadata.num_row_groups == 3
    write_documents(frame.iloc[:0], tmp_path / "empty.parquet")
    assert pq.read_table(tmp_path / "empty.parquet").schema.equals(whole.schema)


def test_when_every_row_is_flagged_the_error_says_so_not_collect_first(tmp_path):
    """All rows flagged 중복 used to end in "run `trendscope collect` first", the command just run (issue 25 item 9)."""
    import pytest

    from tests.corpus.news_fixtures import bigkinds_row, write_bigkinds_xlsx, write_news_study
    from trendscope.config import load_config
    from trendscope.errors import InputError
    from trendscope.pipeline import run_pipeline

    rows = [bigkinds_row(f"0110010.2015010{d}0001", f"2015010{d}", f"제목 {d}", "본문", flag="중복") for d in range(1, 4)]
    write_bigkinds_xlsx(tmp_path / "exports" / "NewsResult.xlsx", rows)
    study = write_news_study(tmp_path / "study", f"  bigkinds:\n    paths: [{tmp_path / 'exports'}]\n    query: smartcity")
    with pytest.raises(InputError) as raised:
        run_pipeline(load_config(study, cwd=tmp_path), until="documents")
    message = str(raised.value)
    assert "every row read was left out (3 × 분석제외 여부 = 중복)" in message and "include_flagged: true" in message
    assert "trendscope collect" not in message and "\n" not in message


def test_a_release_run_by_five_outlets_counts_once_and_the_collection_table_says_why(tmp_path):
    from tests.conftest import write_study
    from tests.corpus.bigkinds_fixtures import ballet_export_rows, press_release_rows, write_bigkinds_workbook
    from trendscope.commands.collect import summary_lines
    from trendscope.config import load_config
    from trendscope.pipeline import run_pipeline

    exports = tmp_path / "exports"
    write_bigkinds_workbook(exports / "NewsResult_20200101-20201231.xlsx", ballet_export_rows(20) + press_release_rows())
    study = write_study(tmp_path / "study", years="2020-2020", queries="  - key: ballet\n    label: 발레\n    terms: [발레]",
                        sources=f"  bigkinds:\n    paths: [{exports}]\n    query: ballet")
    results, catalog = run_pipeline(load_config(study), until="documents", jobs=1)
    info = results[-1].info
    documents = catalog.load("documents").frame()
    release = documents[documents["title"].str.contains("장학금")]
    assert len(release) == 5 and release["dup_of"].notna().sum() == 4 and release["dup_of"].nunique() == 1
    (record,) = info["by_query_year_source"]
    assert record["title_duplicates"] == info["title_duplicates_marked"] == 4
    assert record["kept"] == record["read"] - record["url_duplicates"] - record["excluded"] - record["near_duplicates"] - record["title_duplicates"]
    assert any(line.startswith("same title: ") and "+ 4 copies" in line for line in summary_lines(info))
