"""Every study shape a researcher uses runs to the end, notebooks included: one query, and three queries."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import write_study
from trendscope.cli import app
from trendscope.corpus.sources.demo import packaged_demo_bytes

runner = CliRunner()
FAST = """
topics:
  k_min: 3
  k_max: 5
  k_step: 2
  passes: 2
  stability_seeds: 2
"""


def _study(folder: Path, queries: str, sources: str) -> Path:
    return write_study(folder, years="2019-2020", queries=queries, sources=sources, title="shape test", extra=FAST)


def _run(study: Path) -> Path:
    result = runner.invoke(app, ["run", "--config", str(study), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return study.parent


def _notebooks_ran(folder: Path) -> None:
    notebooks = sorted((folder / "notebooks").glob("*.ipynb"))
    assert [p.stem for p in notebooks] == ["01_overview", "02_frequency_tfidf", "03_networks", "04_topics", "05_comparison"]
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert not [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"], path.name


def _methods(folder: Path) -> str:
    """The page's methods section as text, in the report's language (Korean here), after checking that methods.md
    holds the same paragraphs."""
    import html
    import re

    page = (folder / "reports" / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section id="methods".*?</section>', page, flags=re.S).group(0)
    text = html.unescape(re.sub(r"<[^>]+>", "", section))
    paragraphs = [p for p in (folder / "reports" / "methods.md").read_text(encoding="utf-8").split("\n\n") if not p.startswith(("#", "- "))]
    assert paragraphs and all(p.strip() in text for p in paragraphs)
    return text


@pytest.fixture(scope="module")
def one_query(tmp_path_factory: pytest.TempPathFactory) -> Path:
    queries = "  - key: smartcity\n    label: 스마트시티\n    terms: [스마트시티]\n"
    return _run(_study(tmp_path_factory.mktemp("one-query"), queries, "  demo: {}"))


@pytest.fixture(scope="module")
def three_queries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three queries from the files source: the demo's two, and a third (the smart-city articles about data)."""
    folder = tmp_path_factory.mktemp("three-queries")
    records = [json.loads(line) for line in gzip.decompress(packaged_demo_bytes()).decode("utf-8").splitlines()]
    demo = pd.DataFrame(records)
    demo = demo[demo["date"].str[:4].isin(["2019", "2020"])]
    parts = {
        "smartcity": demo[demo["query"] == "smartcity"],
        "socialinnovation": demo[demo["query"] == "socialinnovation"],
        "data": demo[(demo["query"] == "smartcity") & demo["body"].str.contains("데이터")],
    }
    (folder / "input").mkdir()
    for key, frame in parts.items():
        frame[["date", "title", "body", "outlet", "url"]].rename(columns={"body": "text"}).to_csv(folder / "input" / f"{key}.csv", index=False)
    queries = "".join(f"  - key: {key}\n    label: {label}\n    terms: [{term}]\n" for key, label, term in
                      (("smartcity", "스마트시티", "스마트시티"), ("socialinnovation", "사회혁신", "사회혁신"), ("data", "도시 데이터", "데이터")))
    sources = "  files:\n    paths: [input]\n    queries: {'smartcity.csv': smartcity, 'socialinnovation.csv': socialinnovation, 'data.csv': data}\n"
    return _run(_study(folder, queries, sources))


def test_a_one_query_study_runs_to_the_end(one_query):
    tables = {p.stem for p in (one_query / "reports" / "tables").glob("*.csv")}
    assert {"volume_by_year", "frequency_top30_by_year", "tfidf_top30_by_year", "bigram_top30_by_year", "trend_tests", "new_terms_by_year",
            "keyness_periods_smartcity", "network_centrality_top20_by_year", "topics_terms_top10"} <= tables
    assert not [t for t in tables if "_vs_" in t or t.startswith("convergence") or "cross_query" in t]
    page = (one_query / "reports" / "index.html").read_text(encoding="utf-8")
    assert "검색어가 하나뿐인 연구" in page  # the report says why the cross-query parts are missing
    # the methods describe this study in its language: keyness between periods only, no convergence, the counts
    ko = _methods(one_query)
    assert "두 검색어" not in ko and "담론의 수렴" not in ko and "We analysed" not in ko and "검색어 간 비교는" not in ko
    assert "스마트시티(스마트시티) 검색어로" in ko and "기간 간(2019 대 2020) 특징어는" in ko
    assert re.search(r"연구 기간에 해당하는 [\d,]+건에서 .* 최종 분석 문서는 [\d,]+건이다", ko)
    assert "Dunning, T. (1993)" in ko and "Blei, D. M., Ng, A. Y., & Jordan, M. I. (2003)" in ko
    _notebooks_ran(one_query)


def test_a_three_query_study_compares_every_pair_and_each_against_the_rest(three_queries):
    tables = {p.stem for p in (three_queries / "reports" / "tables").glob("*.csv")}
    pairs = {"keyness_smartcity_vs_socialinnovation", "keyness_smartcity_vs_data", "keyness_socialinnovation_vs_data"}
    assert pairs <= tables
    assert {"keyness_smartcity_vs_rest", "keyness_socialinnovation_vs_rest", "keyness_data_vs_rest"} <= tables
    rest = pd.read_csv(three_queries / "reports" / "tables" / "keyness_data_vs_rest.csv")
    assert {"tf_data", "tf_rest"} <= set(rest.columns) and len(rest) > 0
    convergence = pd.read_csv(three_queries / "reports" / "tables" / "convergence_by_year.csv")
    assert len(convergence.groupby(["query_a", "query_b"])) == 3
    assert (three_queries / "reports" / "figures" / "convergence_matrix.png").is_file()
    ko = _methods(three_queries)
    assert "두 검색어" not in ko and "검색어 쌍 간과 각 검색어 대 나머지 검색어 간" in ko and "담론의 수렴은 검색어 쌍마다" in ko
    assert re.search(r"검색어별 분석 문서는 스마트시티 [\d,]+건, 사회혁신 [\d,]+건, 도시 데이터 [\d,]+건이며", ko)
    assert "문서를 단위로 한 두 집단 준포아송 검정" in ko and "Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008)" in ko
    _notebooks_ran(three_queries)


@pytest.mark.parametrize("shape", ["one_query", "three_queries"])
def test_no_query_word_in_a_ranked_table(shape, request):
    folder = request.getfixturevalue(shape)
    excluded = json.loads((folder / "data" / "processed" / "query_terms.json").read_text(encoding="utf-8"))
    assert all(words for words in excluded.values())
    for name in ("frequency_top30_by_year", "tfidf_top30_by_year", "trend_tests", "new_terms_by_year"):
        frame = pd.read_csv(folder / "reports" / "tables" / f"{name}.csv")
        for query, words in excluded.items():  # each query's own words are out of its own lists
            assert not set(frame.loc[frame["query"] == query, "term"]) & set(words), (name, query)


@pytest.mark.parametrize("shape", ["one_query", "three_queries"])
def test_no_query_word_is_a_node_of_its_own_networks(shape, request):
    folder = request.getfixturevalue(shape)
    excluded = json.loads((folder / "data" / "processed" / "query_terms.json").read_text(encoding="utf-8"))
    nodes = pd.read_parquet(folder / "data" / "processed" / "network_nodes.parquet")
    ranks = pd.read_parquet(folder / "data" / "processed" / "network_ranks.parquet")
    assert not nodes.empty
    for query, words in excluded.items():
        assert not set(nodes.loc[nodes["query"] == query, "term"]) & set(words), query
        assert not set(ranks.loc[ranks["query"] == query, "term"]) & set(words), query
    if shape == "three_queries":  # another query's words stay: they are findings
        others = {(q, t) for q in excluded for other, words in excluded.items() if other != q for t in words}
        assert others & set(zip(nodes["query"], nodes["term"], strict=True))
