"""report/sections/collection.py: the topics flagged as other senses of a query word, and how to drop them."""

from __future__ import annotations

import dataclasses

import pandas as pd

from trendscope.report.i18n import section_text
from trendscope.report.sections import TopicResults
from trendscope.report.sections.collection import SENSE_COLUMNS, build, other_senses


def senses_table() -> pd.DataFrame:
    rows = [
        ("ballet", 1, 0.52, 2, False, 90, 0.58, "", ""),
        ("ballet", 2, 0.04, 1, True, 25, 0.16, "철광석, 가격, 브라질", "발레, 철광석 생산 감소 | 브라질 댐 붕괴"),
        ("ballet", 3, 0.49, 3, False, 40, 0.26, "", ""),
        ("skating", 1, 0.30, 1, True, 10, 0.5, "주차, 발레파킹", "발레파킹 요금 인상"),
        ("skating", 2, 0.60, 2, False, 10, 0.5, "", ""),
    ]
    return pd.DataFrame(rows, columns=["query", "topic", "core_share", "share_rank", "flagged", "documents", "doc_share", "distinctive_terms", "example_titles"])


def test_only_flagged_topics_are_shown_with_their_query_median_and_label() -> None:
    results = TopicResults(summary={"k": {"ballet": 3, "skating": 2}, "auto_labels": {"ballet": {"1": "a", "2": "b", "3": "c"}, "skating": {"1": "d", "2": "e"}}},
                           senses=senses_table(), labels={("ballet", 2): "발레 (Vale)"})
    data = type("Data", (), {"topics": results})()
    shown = other_senses(data)
    assert list(shown.columns) == SENSE_COLUMNS
    assert shown[["query", "topic", "label"]].values.tolist() == [["ballet", 2, "발레 (Vale)"], ["skating", 1, "d"]]
    assert shown["median_share"].tolist() == [0.49, 0.45] and shown["core_share"].tolist() == [0.04, 0.3]


def test_no_senses_table_no_rows() -> None:
    data = type("Data", (), {"topics": TopicResults(summary={"k": {}})})()
    assert other_senses(data).empty and list(other_senses(data).columns) == SENSE_COLUMNS


def test_the_demo_collection_section_shows_the_lowest_topic_per_query_and_how_to_exclude(demo_report) -> None:
    data, settings = demo_report
    section = build(data, settings)
    table = next(t for t in section.tables if t.name == "other_senses")
    senses = data.topics.senses
    lowest = senses[senses["share_rank"] == 1].set_index("query")["topic"]
    assert set(zip(table.frame["query"], table.frame["topic"], strict=True)) >= set(lowest.items())
    assert table.frame["distinctive_terms"].str.len().gt(0).all() and table.frame["example_titles"].str.len().gt(0).all()
    tx = section_text("collection", settings.language)
    assert "queries[].exclude" in section.text and tx["senses_exclude"] in section.text
    assert table.caption == tx["senses_title"] and "{core}" not in table.note and "30" in table.note


def test_without_senses_the_section_shows_none(demo_report) -> None:
    data, settings = demo_report
    section = build(dataclasses.replace(data, topics=dataclasses.replace(data.topics, senses=None)), settings)
    assert "other_senses" not in {t.name for t in section.tables} and "queries[].exclude" not in section.text
