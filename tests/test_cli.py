"""End-to-end: the commands themselves, through Typer's CliRunner, on the demo corpus in temporary folders."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import write_study
from trendscope.cli import app

runner = CliRunner()


def read_csv(path: Path) -> pd.DataFrame:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    return pd.read_csv(path, encoding="utf-8-sig")


def test_run_recovers_the_planted_trends(demo_study):
    tables = demo_study / "reports" / "tables"
    freq = read_csv(tables / "frequency_top30_by_year.csv")
    for query in ["smartcity", "socialinnovation"]:
        part = freq[freq["query"] == query]
        assert "코로나19" not in set(part.loc[part["year"] < 2020, "term"])
        for year in (2020, 2021):
            assert "코로나19" in set(part.loc[part["year"] == year, "term"]), (query, year)
    terms = pd.read_parquet(demo_study / "data" / "processed" / "terms.parquet")
    covid_before = terms[(terms["term"] == "코로나19") & (terms["year"] < 2020)]
    assert covid_before.empty
    # 자율주행 rises in 스마트시티: its share of the year's documents grows
    sc = terms[(terms["query"] == "smartcity") & (terms["term"] == "자율주행")].set_index("year")
    share = sc["df"] / sc["n_docs"]
    assert share.loc[2021] > share.loc[2018]
    # compounds from the dictionary come out whole
    assert {"스마트시티", "사회혁신", "리빙랩"} <= set(terms["term"])
    assert "시티" not in set(freq["term"])


def test_run_writes_every_output(demo_study):
    reports = demo_study / "reports"
    volume = read_csv(reports / "tables" / "volume_by_year.csv")
    assert sorted(volume["year"].unique()) == [2018, 2019, 2020, 2021]
    assert (volume["kept"] == volume["documents"] - volume["duplicates"]).all()
    assert volume["duplicates"].sum() > 0
    sc = volume[volume["query"] == "smartcity"].set_index("year")["kept"]
    assert sc.loc[2021] > sc.loc[2018]
    tfidf = read_csv(reports / "tables" / "tfidf_top30_by_year.csv")
    assert tfidf.groupby(["query", "year"]).size().eq(30).all()
    for (_q, _y), part in tfidf.groupby(["query", "year"]):
        assert part["tfidf"].is_monotonic_decreasing
    book = pd.ExcelFile(reports / "tables.xlsx")
    assert "문서 수" in book.sheet_names and len(book.sheet_names) == len(list((reports / "tables").glob("*.csv"))) + 1  # + the contents sheet
    for name in ["volume_by_year", "top_terms_by_year_smartcity", "heatmap_per10k_socialinnovation"]:
        png = reports / "figures" / f"{name}.png"
        assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 20_000
        assert not (reports / "figures" / f"{name}.svg").exists()  # SVG is opt-in (report.svg)
    summary = (reports / "README.md").read_text(encoding="utf-8")
    assert "합성 데이터" in summary and "ln(N / df)" in summary  # a Korean study's README is in Korean
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["stages"]) == {"documents", "tokenize", "query_terms", "count", "network", "topics", "compare", "examples", "report"}
    tok = manifest["stages"]["tokenize"]
    assert tok["info"]["analyzer"].startswith("KoNLPy") and "Komoran" in tok["info"]["analyzer"]
    assert tok["params"]["lexicon_hash"] and tok["params"]["backend_version"].startswith("konlpy")
    assert all(v for v in tok["outputs"].values())
    assert "konlpy" in manifest["packages"] and manifest["run"]["wall_time_s"] > 0


def _copy_study(demo_study: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    shutil.copytree(demo_study, folder)
    return folder


def test_warm_rerun_skips_and_top_n_reruns_only_report(demo_study, tmp_path):
    folder = _copy_study(demo_study, tmp_path)
    study = folder / "study.yaml"
    result = runner.invoke(app, ["run", "--config", str(study), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((folder / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert all(s["skipped"] for s in manifest["run"]["stages"].values())
    # notebooks off: only the report stage re-runs either way, and the suite stays quick
    study.write_text(study.read_text(encoding="utf-8") + "analysis:\n  top_n: 10\nreport:\n  notebooks: false\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--config", str(study), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((folder / "reports" / "manifest.json").read_text(encoding="utf-8"))
    ran = {name for name, s in manifest["run"]["stages"].items() if not s["skipped"]}
    assert ran == {"report"}
    freq = read_csv(folder / "reports" / "tables" / "frequency_top10_by_year.csv")
    assert freq["rank"].max() == 10
    assert not (folder / "reports" / "tables" / "frequency_top30_by_year.csv").exists()


def test_status_reports_cached_and_stale(demo_study, tmp_path):
    folder = _copy_study(demo_study, tmp_path)
    result = runner.invoke(app, ["status", "--config", str(folder / "study.yaml")])
    assert result.exit_code == 0, result.output
    states = re.findall(r"(documents|tokenize|count|report)\s+│\s+(cached|stale|never run)", result.output)
    assert states == [("documents", "cached"), ("tokenize", "cached"), ("count", "cached"), ("report", "cached")]
    result = runner.invoke(app, ["status", "--config", str(folder / "study.yaml"), "--years", "2019-2021"])
    states = dict(re.findall(r"(documents|tokenize|count|report)\s+│\s+(cached|stale|never run)", result.output))
    assert states == {"documents": "cached", "tokenize": "stale", "count": "stale", "report": "stale"}


def test_tables_are_deterministic(demo_study, tmp_path):
    folder = _copy_study(demo_study, tmp_path)
    study = folder / "study.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "report:\n  notebooks: false\n", encoding="utf-8")  # tables only
    result = runner.invoke(app, ["run", "--config", str(study), "--force", "--quiet", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for csv in (demo_study / "reports" / "tables").glob("*.csv"):
        assert csv.read_bytes() == (folder / "reports" / "tables" / csv.name).read_bytes(), csv.name


DIGEST = Path(__file__).parent / "data" / "demo_tables.sha256"


def test_demo_tables_match_the_stored_digest(demo_study):
    """Every table of the demo study, byte for byte, as recorded in tests/data/demo_tables.sha256.

    A change that alters a result on purpose regenerates that file (see its header in README,
    "Changing a result"); any other change must leave every table as it was.
    """
    import hashlib

    expected = dict(reversed(line.split("  ")) for line in DIGEST.read_text(encoding="utf-8").splitlines() if line.strip())
    tables = demo_study / "reports" / "tables"
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(tables.glob("*.csv"))}
    assert sorted(actual) == sorted(expected)
    assert {name: h for name, h in actual.items() if expected[name] != h} == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "2020-2015"], "ends before it starts"),
        (["--years", "abc"], "expected YYYY or YYYY-YYYY"),
        (["--years", "2030-2031"], "the documents cover 2010-2024"),
        (["--tokenizer", "nope"], "tokenizer.backend"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, args, message):
    study = write_study(tmp_path)
    result = runner.invoke(app, ["run", "--config", str(study), "--quiet", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "reports").exists()


def test_bad_config_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("years: 2015-2020\nqueries: []\nsources: {demo: {}}\ncolour: red\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--config", str(bad)])
    assert result.exit_code == 1 and "unknown key 'colour'" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["run", "--config", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1 and "config file not found" in result.output


def test_unwritable_output_is_a_file(tmp_path):
    study = write_study(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["run", "--config", str(study), "--out", str(blocker / "reports")])
    assert result.exit_code == 1 and "not writable" in result.output and "Traceback" not in result.output


def test_init_writes_a_self_contained_study(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.output
    study = tmp_path / "mine" / "trendscope.yaml"
    assert study.is_file() and (tmp_path / "mine" / "lexicon" / "userdic.txt").is_file()
    from trendscope.config import load_config

    config = load_config(study, cwd=tmp_path)
    assert config.paths.reports == tmp_path / "mine" / "reports"
    assert config.tokenizer.lexicon.userdic == tmp_path / "mine" / "lexicon" / "userdic.txt"
    again = runner.invoke(app, ["init", str(tmp_path / "mine")])
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize("command", ["run", "collect", "tokenize", "analyze", "report", "status", "init"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_collect_prints_a_summary(tmp_path):
    study = write_study(tmp_path)
    result = runner.invoke(app, ["collect", "--config", str(study)])
    assert result.exit_code == 0, result.output
    assert "near-duplicates marked" in result.output and "2024" in result.output
    raw_manifest = json.loads((tmp_path / "data" / "raw" / "manifest.json").read_text(encoding="utf-8"))
    assert raw_manifest["files"][0]["source"] == "demo" and len(raw_manifest["files"][0]["sha256"]) == 64


@pytest.mark.parametrize(("flags", "every_year"), [([], False), (["--all"], True)])
def test_figures_all_asks_the_report_for_every_years_drawings(tmp_path, monkeypatch, flags, every_year):
    """`trendscope figures --all` reaches the pipeline as a runtime option (a drawing option: in no cache key)."""
    import trendscope.pipeline

    write_study(tmp_path, years="2018-2019")
    seen = {}

    def fake_run_pipeline(config, **kwargs):
        seen.update(kwargs)
        return [], None

    monkeypatch.setattr(trendscope.pipeline, "run_pipeline", fake_run_pipeline)
    result = runner.invoke(app, ["figures", "--config", str(tmp_path / "study.yaml"), "--quiet", *flags])
    assert result.exit_code == 0, result.output
    assert seen["all_figures"] is every_year and seen["force"] == frozenset({"compare", "report"})
