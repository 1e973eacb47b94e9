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


def _in_english(folder: Path, tmp: Path) -> Path:
    """A copy of the study whose report (notebooks included) is re-made in English: only the report stage re-runs."""
    import shutil

    copy = tmp / "en"
    shutil.copytree(folder, copy)
    study = copy / "study.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "report:\n  language: en\n", encoding="utf-8")
    return _run(study)


def _other_script(folder: Path, language: str) -> dict[str, list[str]]:
    """Words in the other language's script that a reader sees, by output: the page's prose, the workbook's sheet names
    and categorical values, and the notebooks' prose, narratives and printed lines. The study's own words (labels,
    terms, titles, outlets), file names and the method names allowed in both languages are taken out."""
    import nbformat
    import openpyxl

    from tests.report.test_notebooks import prose_words, run_words
    from tests.report.test_page_language import ALLOWED_LATIN, data_values, visible
    from tests.report.test_tables import METHOD_NAMES

    script = r"[A-Za-z][A-Za-z_\-]+" if language == "ko" else r"[가-힣]+"
    study = (folder / "study.yaml").read_text(encoding="utf-8")
    data = data_values(folder) | run_words(folder) | set(re.findall(r"(?:label|title|key): (.+)", study))
    data |= {w for line in re.findall(r"title: (.+)", study) for w in line.split()}
    columns = set()  # column names a notebook's table shows and its prose explains (n_docs, tfidf), taken out word by word
    for table in (folder / "reports" / "tables").glob("*.csv"):
        columns |= set(pd.read_csv(table, nrows=0).columns)
    allowed = ALLOWED_LATIN | METHOD_NAMES | {"Java"}  # the names a report may write in Latin letters in either language
    found: dict[str, set[str]] = {}
    page = visible((folder / "reports" / "index.html").read_text(encoding="utf-8"))
    found["page"] = prose_words(" ".join(page.parts), data, script)
    book = openpyxl.load_workbook(folder / "reports" / "tables.xlsx", read_only=True)
    cells = list(book.sheetnames)
    for sheet in book.worksheets[1:]:  # the contents sheet names the CSV files
        rows = sheet.iter_rows(values_only=True)
        header = next(rows)
        data_columns = {i for i, h in enumerate(header) if str(h).isdigit() or h in DATA_HEADERS}
        cells += [str(h) for h in header]
        cells += [str(v) for row in rows for i, v in enumerate(row) if isinstance(v, str | bool) and i not in data_columns]
    found["tables.xlsx"] = prose_words(" | ".join(cells), data, script)
    for path in sorted((folder / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        shown = [c.source for c in nb.cells if c.cell_type == "markdown"]
        shown += [o.get("text", "") + o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        text = re.sub(r"`[^`]*`", " ", "\n".join(shown))  # code a cell tells the reader to change (QUERY, YEAR …)
        text = re.sub(r"(?<=[가-힣])\([A-Za-z]+\)", " ", text)  # a Korean word glossed: 실행 기록(lock), 특징어(keyness)
        text = re.sub(r"[\w./-]+\.(graphml|json|md|csv|parquet|html)(?![A-Za-z0-9])", " ", text)
        text = re.sub(r"(?<![A-Za-z_])[a-z_]+\.[a-z_]+(?![A-Za-z_])", " ", text)  # a study-file key to change (compare.trend_min_count)
        found[path.name] = prose_words(text, data, script)
    return {where: sorted(words - allowed - columns) for where, words in found.items() if words - allowed - columns}


# Workbook columns that hold the study's own data (query keys, terms, titles, ids, outlets), in both languages.
DATA_HEADERS = {"질의", "질의 A", "질의 B", "키워드", "대상 키워드", "제목", "문서 ID", "이름", "언론사", "출처", "공통 키워드", "단어 A", "단어 B",
                "출발", "도착", "Query", "Query A", "Query B", "Term", "Target term", "Title", "Document ID", "Label", "Outlet", "Source",
                "Shared terms", "Term A", "Term B", "Example titles"}


@pytest.mark.parametrize("shape", ["one_query", "three_queries"])
def test_each_study_shape_speaks_one_language_in_every_output(shape, request, tmp_path):
    """Issue 24: the ko report of a one- and a three-query study (the demo's two queries have their own tests) and the
    same report re-made in English show no word of the other script in the page, the workbook or the notebooks."""
    folder = request.getfixturevalue(shape)
    leaks = _other_script(folder, "ko")
    assert leaks == {}, json.dumps(leaks, ensure_ascii=False)
    english = _in_english(folder, tmp_path)
    assert len(list((english / "notebooks").glob("*.ipynb"))) == 5
    leaks = _other_script(english, "en")
    assert leaks == {}, json.dumps(leaks, ensure_ascii=False)
