"""The topics stage and report section, on the shared demo study run (read only), plus the labels file and config."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import write_study
from trendscope.errors import ConfigError, InputError
from trendscope.report.topic_labels import read_labels


def test_topics_stage_outputs(demo_study: Path) -> None:
    from gensim.models import LdaModel

    folder = demo_study / "data" / "processed" / "topics"
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert set(summary["k"]) == {"smartcity", "socialinnovation"}
    curve = pd.read_parquet(folder / "ksweep.parquet")
    for key, k in summary["k"].items():
        part = curve[curve["query"] == key]
        assert sorted(part["k"]) == [4, 6, 8, 10, 12]
        assert part["chosen"].sum() == 1 and part.loc[part["chosen"], "k"].item() == k
        best = part["c_v"].max()
        assert part.loc[part["chosen"], "c_v"].item() >= best - 0.01  # the stated rule
        model = LdaModel.load(str(folder / "models" / key / "lda.gensim"))
        assert model.num_topics == k
    prevalence = pd.read_parquet(folder / "prevalence.parquet")
    sums = prevalence.groupby(["query", "year"])["share"].sum()
    assert sums.round(6).eq(1.0).all() and sorted(prevalence["year"].unique()) == [2018, 2019, 2020, 2021]
    docs = prevalence.groupby(["query", "year"]).agg(documents=("documents", "sum"), n_docs=("n_docs", "first"))
    assert (docs["documents"] == docs["n_docs"]).all()
    similarity = pd.read_parquet(folder / "similarity.parquet")
    assert len(similarity) == summary["k"]["smartcity"] * summary["k"]["socialinnovation"]
    assert similarity["js_similarity"].between(0, 1).all()
    assert summary["engine"]["perplexity"] == "2^(−bound)"  # the report's perplexity formula comes from the engine


def test_topics_stage_flags_each_query_s_lowest_core_share_topic(demo_study: Path) -> None:
    folder = demo_study / "data" / "processed" / "topics"
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    senses = pd.read_parquet(folder / "senses.parquet")
    assert summary["senses"] == {"core_terms": 30, "terms": 10, "titles": 3}
    for key, k in summary["k"].items():
        part = senses[senses["query"] == key].sort_values("topic")
        assert part["topic"].tolist() == list(range(1, k + 1)) and sorted(part["share_rank"]) == list(range(1, k + 1))
        assert part["core_share"].between(0, 1).all() and part["documents"].sum() == summary["documents"][key]
        lowest = part[part["share_rank"] == 1].iloc[0]
        assert lowest["flagged"] and lowest["core_share"] == part["core_share"].min()
        assert len(lowest["distinctive_terms"].split(", ")) == 10 and 1 <= len(lowest["example_titles"].split(" | ")) <= 3
        assert part.loc[~part["flagged"], "distinctive_terms"].eq("").all()


def test_cross_query_table_is_ranked(demo_study: Path) -> None:
    table = pd.read_csv(demo_study / "reports" / "tables" / "topics_cross_query_similarity.csv", encoding="utf-8-sig")
    assert table["js_similarity"].is_monotonic_decreasing
    assert table["label_a"].notna().all() and table["label_b"].notna().all()


def test_report_tables_and_figures(demo_study: Path) -> None:
    reports = demo_study / "reports"
    for name in ("topics_k_selection", "topics_terms_top10", "topics_prevalence_by_year", "topics_top_documents", "topics_cross_query_similarity"):
        assert (reports / "tables" / f"{name}.csv").is_file(), name
    terms = pd.read_csv(reports / "tables" / "topics_terms_top10.csv", encoding="utf-8-sig")
    assert terms["rank"].max() == 10 and set(terms["ranking"]) == {"probability", "relevance"}
    assert terms["label"].str.contains("·").all()
    docs = pd.read_csv(reports / "tables" / "topics_top_documents.csv", encoding="utf-8-sig")
    assert docs["title"].notna().all() and docs["title"].str.contains("스마트시티|사회혁신").any()
    for figure in ("topics_k_selection", "topics_prevalence_area_smartcity", "topics_prevalence_lines_socialinnovation", "topics_terms_smartcity", "topics_similarity_smartcity_socialinnovation"):
        assert (reports / "figures" / f"{figure}.png").stat().st_size > 10_000, figure
    readme = (reports / "README.md").read_text(encoding="utf-8")
    assert "## 토픽 모델링 (LDA)" in readme and "topics/" in readme and (demo_study / "reports" / "topics" / "ldavis_smartcity.html").is_file()
    template = (reports / "topics" / "topic_labels.tsv").read_text(encoding="utf-8")
    assert re.search(r"^smartcity\t1\t\S", template, re.MULTILINE)


def test_ldavis_pages_open_offline(demo_study: Path) -> None:
    summary = json.loads((demo_study / "data" / "processed" / "topics" / "summary.json").read_text(encoding="utf-8"))
    for key in ("smartcity", "socialinnovation"):
        page = (demo_study / "reports" / "topics" / f"ldavis_{key}.html").read_text(encoding="utf-8")
        # Nothing fetched from the network: no external script or stylesheet, no dynamic loader.
        assert not re.search(r"<script[^>]+src\s*=", page, re.IGNORECASE)
        assert not re.search(r"<link[^>]+href\s*=\s*[\"']?(https?:)?//", page, re.IGNORECASE)
        assert not re.search(r"@import", page)
        assert "LDAvis_load_lib" not in page
        assert "d3js.org v5" in page and "var LDAvis = function" in page  # d3 and LDAvis inlined
        data = json.loads(re.search(r"var ldavis_data = (\{.*?\});\n(?:if \(!location\.hash\).*\n)?new LDAvis", page, re.DOTALL).group(1).replace("<\\/", "</"))
        assert len(data["mdsDat"]["topics"]) == summary["k"][key]
        assert data["topic.order"] == list(range(1, summary["k"][key] + 1))  # numbering matches the tables
        assert any(re.search("[가-힣]", term) for term in data["tinfo"]["Term"])


def test_read_labels(tmp_path: Path) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text("# comment\nquery\ttopic\tlabel\nsmartcity\t2\t교통·모빌리티\nsocialinnovation\t1\t지역 공동체\n", encoding="utf-8")
    assert read_labels(path, {"smartcity": 4, "socialinnovation": 3}) == {("smartcity", 2): "교통·모빌리티", ("socialinnovation", 1): "지역 공동체"}
    assert read_labels(None, {"smartcity": 4}) == {}
    with pytest.raises(InputError, match="topic 5 of 'smartcity'; expected 1–4"):
        path.write_text("smartcity\t5\tx\n", encoding="utf-8")
        read_labels(path, {"smartcity": 4})
    with pytest.raises(InputError, match="line 1: unknown query 'transport'"):
        path.write_text("transport\t1\tx\n", encoding="utf-8")
        read_labels(path, {"smartcity": 4})
    with pytest.raises(InputError, match="line 1: expected query<TAB>topic"):
        path.write_text("smartcity 1 x\n", encoding="utf-8")
        read_labels(path, {"smartcity": 4})
    with pytest.raises(InputError, match="not found"):
        read_labels(tmp_path / "missing.tsv", {"smartcity": 4})


def test_topics_config(tmp_path: Path) -> None:
    from tests.conftest import write_study
    from trendscope.config import load_config

    config = load_config(write_study(tmp_path, extra="topics:\n  k: 6\n  labels_file: my_labels.tsv\n"), cwd=tmp_path)
    assert config.topics.k == 6 and config.topics.labels_file == tmp_path / "my_labels.tsv"
    with pytest.raises(ConfigError, match="unknown key 'topics.k_mx'"):
        load_config(write_study(tmp_path, extra="topics:\n  k_mx: 6\n"), cwd=tmp_path)
    with pytest.raises(ConfigError, match="k_max"):
        load_config(write_study(tmp_path, extra="topics:\n  k_min: 8\n  k_max: 4\n"), cwd=tmp_path)


def test_per_year_topics_are_aligned(tmp_path: Path) -> None:
    from tests.analysis.test_topics import planted_corpus
    from tests.conftest import write_study
    from trendscope.analysis.topics import build_corpus
    from trendscope.config import load_config
    from trendscope.pipeline import stage_params
    from trendscope.stages.topics import STAGE, per_year_topics

    config = load_config(write_study(tmp_path, extra="seed: 1\ntopics:\n  passes: 10\n  alignment_threshold: 0.5\n"), cwd=tmp_path)
    docs, years, _themes = planted_corpus()
    corpus = build_corpus(docs, no_below=2, no_above=0.9, keep_n=None)
    frame = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(len(docs))], "year": years})
    year_terms, alignment = per_year_topics(stage_params(STAGE, config), "q", corpus, frame, 3, jobs=1)
    assert set(year_terms["year"]) == {2019, 2020} and set(year_terms["topic"]) == {1, 2, 3}
    assert set(alignment.columns) == {"query", "year_from", "topic_from", "year_to", "topic_to", "similarity", "status"}
    persists = alignment[alignment["status"] == "persists"]
    # The same three themes in both years: each topic persists into exactly one topic of the next year.
    assert len(persists) == 3 and persists["topic_to"].nunique() == 3
    assert (persists["similarity"] >= 0.5).all()


def test_topics_command_on_a_cached_study(demo_study: Path, tmp_path: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    summary = json.loads((folder / "data" / "processed" / "topics" / "summary.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(app, ["topics", "--config", str(folder / "study.yaml"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"topics\s+│\s+cached", result.output)
    assert f"스마트시티: K = {summary['k']['smartcity']}" in result.output
    assert "highest c_v" in result.output
    help_text = CliRunner().invoke(app, ["topics", "--help"]).output
    assert "Example" in help_text


@given(st.lists(st.text(min_size=1, max_size=30).filter(lambda s: len(s.split()) > 0), min_size=1, max_size=6), st.sampled_from(["smartcity", "query", "q2"]))
@settings(max_examples=60, deadline=None)
def test_labels_template_round_trips(tmp_path_factory, texts: list[str], key: str) -> None:
    """Whatever a label holds, the template the report writes reads back as the same (whitespace-normalised) labels."""
    from trendscope.report.sections.topics import labels_template

    labels = {key: {i + 1: text for i, text in enumerate(texts)}}
    terms = pd.DataFrame({"query": key, "topic": list(labels[key]), "ranking": "relevance", "rank": 1, "term": "용어"})
    path = tmp_path_factory.mktemp("labels") / "labels.tsv"
    path.write_text(labels_template(terms, labels), encoding="utf-8")
    assert read_labels(path, {key: len(texts)}) == {(key, t): " ".join(text.split()) for t, text in labels[key].items()}


def test_a_query_too_small_for_lda_is_left_out_not_fatal(tmp_path: Path) -> None:
    from trendscope.config import load_config
    from trendscope.pipeline import stage_params
    from trendscope.stages.topics import STAGE, query_corpora

    config = load_config(write_study(tmp_path, years="2019-2020"))
    rich = [["스마트시티", "자율주행", "데이터", "플랫폼"], ["스마트시티", "디지털트윈", "데이터", "교통"]] * 10
    tokens = pd.DataFrame(
        {
            "doc_id": [f"s{i}" for i in range(20)] + ["r1"],
            "query": ["smartcity"] * 20 + ["socialinnovation"],
            "year": [2019, 2020] * 10 + [2019],
            "tokens": rich + [["리빙랩"]],
        }
    )
    corpora, docs, skipped = query_corpora(stage_params(STAGE, config), tokens)
    assert list(corpora) == ["smartcity"] and len(docs["smartcity"]) == 20
    assert "socialinnovation" in skipped and "LDA needs at least 2" in skipped["socialinnovation"]
    corpora, _docs, skipped = query_corpora(stage_params(STAGE, config), tokens[tokens["query"] == "socialinnovation"])
    assert corpora == {} and set(skipped) == {"smartcity", "socialinnovation"}


def test_the_tomotopy_engine_runs_the_whole_stage_on_a_cached_study(demo_study: Path, tmp_path: Path) -> None:
    """topics.engine: tomotopy re-runs topics (and what reads it) only, writes its model file and says which engine ran."""
    import shutil

    import tomotopy as tp
    from typer.testing import CliRunner

    from trendscope.cli import app

    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    study = folder / "study.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "topics:\n  engine: tomotopy\n  gibbs_iterations: 100\n  k_max: 8\n  stability_seeds: 2\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["topics", "--config", str(study), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert re.search(r"tokenize\s+│\s+cached", result.output) and not re.search(r"topics\s+│\s+cached", result.output)
    topics = folder / "data" / "processed" / "topics"
    summary = json.loads((topics / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"]["name"] == "tomotopy" and summary["engine"]["isa"]
    for key, k in summary["k"].items():
        assert tp.LDAModel.load(str(topics / "models" / key / "lda.tomotopy.bin")).k == k
    prevalence = pd.read_parquet(topics / "prevalence.parquet")
    assert prevalence.groupby(["query", "year"])["share"].sum().round(6).eq(1.0).all()
    assert pd.read_parquet(topics / "stability.parquet")["n_seeds"].eq(2).all()
