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
