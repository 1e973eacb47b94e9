"""report/sections/topics.py in memory: labels marked without editing them, captions from their own messages,
the perplexity definition from the topics stage, and a missing model table named."""

from __future__ import annotations

import copy
import dataclasses

import pandas as pd
import pytest

from trendscope.errors import InputError
from trendscope.report.i18n import section_text
from trendscope.report.sections import TopicResults
from trendscope.report.sections.topics import build, label_column, mark_unstable, models


def test_mark_unstable_returns_new_labels_and_leaves_its_argument_alone() -> None:
    labels = {"a": {1: "교통·버스", 2: "에너지"}, "b": {1: "마을"}}
    before = copy.deepcopy(labels)
    stability = pd.DataFrame({"query": ["a", "a", "b"], "topic": [1, 2, 1], "stable": [True, False, False]})
    assert mark_unstable(labels, stability) == {"a": {1: "교통·버스", 2: "에너지 †"}, "b": {1: "마을 †"}}
    assert labels == before
    assert mark_unstable(labels, None) == labels and mark_unstable(labels, None) is not labels


def test_label_column_reads_the_named_columns() -> None:
    labels = {"a": {1: "x", 2: "y"}, "b": {1: "z"}}
    frame = pd.DataFrame({"query_b": ["b", "a"], "topic_b": [1, 2]})
    assert label_column(frame, labels, query="query_b", topic="topic_b") == ["z", "y"]


def test_a_missing_model_table_or_perplexity_is_named() -> None:
    tables = {name: pd.DataFrame({"x": [1]}) for name in ("ksweep", "terms", "prevalence", "top_documents", "similarity")}
    summary = {"k": {"a": 4}, "engine": {"name": "gensim", "perplexity": "2^(−bound)"}}
    assert models(TopicResults(summary=summary, **tables)).perplexity == "2^(−bound)"
    with pytest.raises(InputError, match=r"^topics artifact: models are recorded \(a K = 4\) but prevalence is missing"):
        models(TopicResults(summary=summary, **{**tables, "prevalence": None}))
    with pytest.raises(InputError, match="summary engine.perplexity is missing"):
        models(TopicResults(summary={"k": {"a": 4}, "engine": {"name": "gensim"}}, **tables))


def test_the_demo_section_keeps_labels_and_takes_captions_and_perplexity_from_their_sources(demo_report) -> None:
    data, settings = demo_report
    before = copy.deepcopy(data.topics.labels), copy.deepcopy(data.topics.summary)
    section = build(data, settings)
    assert (data.topics.labels, data.topics.summary) == before
    tx = section_text("topics", settings.language)
    captions = {t.name: t.caption for t in section.tables}
    assert captions["topics_k_selection"] == tx["k_table_title"]
    assert captions["topics_terms_top10"] == tx["terms_table_title"].format(n=10)
    assert captions["topics_prevalence_by_year"] == tx["prevalence_table_title"]
    k_table = next(t for t in section.tables if t.name == "topics_k_selection")
    assert k_table.formula == "혼잡도 = 2^(−bound)" and "2^(−bound)" in k_table.note
    template = section.files["topics/topic_labels.tsv"]
    assert "†" not in template  # the researcher's template carries no marks


def test_the_demo_section_fails_on_a_missing_table_with_its_name(demo_report) -> None:
    data, settings = demo_report
    broken = dataclasses.replace(data, topics=dataclasses.replace(data.topics, terms=None))
    with pytest.raises(InputError, match="terms is missing"):
        build(broken, settings)
