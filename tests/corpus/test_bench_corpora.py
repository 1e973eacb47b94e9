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
