"""The benchmark corpora generators: the shapes issue 15 names, deterministic, without touching the shipped demo."""

from __future__ import annotations

import itertools

from trendscope.corpus.demo_generator import BIGKINDS_YEARS, EXCERPT_CHARS, iter_bigkinds_records, iter_fulltext_records


def test_bigkinds_shape():
    records = list(iter_bigkinds_records(950))
    assert len(records) == 950 and len({r["id"] for r in records}) == 950
    years = [int(r["date"][:4]) for r in records]
    assert sorted(set(years)) == list(BIGKINDS_YEARS) and len(BIGKINDS_YEARS) == 19
    assert years.count(2024) > 2 * years.count(2006)  # volume grows over the years
    assert all(len(r["body"]) <= EXCERPT_CHARS for r in records) and max(len(r["body"]) for r in records) == EXCERPT_CHARS
    assert {r["query"] for r in records} == {"smartcity"}
    assert records == list(iter_bigkinds_records(950))  # same seed, same records
    assert records != list(iter_bigkinds_records(950, seed=7))


def test_fulltext_articles_are_long_and_streamed():
    first = list(itertools.islice(iter_fulltext_records(100_000), 300))  # streamed: no 100k list is built
    mean = sum(len(r["body"]) for r in first) / len(first)
    assert 1_000 < mean < 3_000
    assert first == list(itertools.islice(iter_fulltext_records(100_000), 300))


def test_the_bench_bigkinds_export_is_real_shaped(tmp_path):
    """Four period workbooks with every column filled (키워드 long, 특성추출 its first 50), the records' texts, same each time."""
    from bench.corpora import bigkinds_exports
    from trendscope.corpus.readers import read_table
    from trendscope.corpus.sources.bigkinds import COLUMNS, parse_export

    paths = bigkinds_exports(tmp_path / "a", 400)
    assert len(paths) == 4 and all(p.name.startswith("NewsResult_") for p in paths)
    sheets = [read_table(p.read_bytes(), p.name) for p in paths]
    rows = [r.cells for s in sheets for r in s.rows]
    assert len(rows) == 400 and all(s.header == list(COLUMNS) for s in sheets)
    for column in ("기고자", "통합 분류1", "위치", "키워드", "특성추출(가중치순 상위 50개)", "본문", "URL"):
        assert all(r[column] for r in rows), column
    keywords = [r["키워드"].split(",") for r in rows]
    assert min(map(len, keywords)) >= 150 and all(r["특성추출(가중치순 상위 50개)"].split(",") == k[:50] for r, k in zip(rows, keywords, strict=True))
    records = list(iter_bigkinds_records(400))
    assert sorted((r["제목"], r["본문"]) for r in rows) == sorted((r["title"], r["body"]) for r in records)
    assert sum(len(parse_export(p.read_bytes(), p.name, "q").documents) for p in paths) == 400
    again = [r.cells for p in bigkinds_exports(tmp_path / "b", 400) for r in read_table(p.read_bytes(), p.name).rows]
    assert again == rows
