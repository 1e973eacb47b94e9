"""End-to-end: `trendscope collect` on a BigKinds export and on the Naver API, then the study run on what was collected."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from tests.corpus.naver_server import CLIENT_SECRET, FakeNaver, make_items
from tests.corpus.news_fixtures import TOPICS, bigkinds_row, sample_export_rows, write_bigkinds_xlsx, write_news_study
from trendscope.cli import app

runner = CliRunner()


def test_collect_a_bigkinds_export_and_run_the_study(tmp_path):
    exports = tmp_path / "exports"
    rows = sample_export_rows(2015, 8) + sample_export_rows(2016, 8, id_prefix="0210010")
    # a wire copy: the same article re-published a day later by another outlet
    rows.append(bigkinds_row("02100109.20161002000000777", "20161002", "스마트시티 기사 2016-1", rows[-3][16] + " 무단전재 및 재배포 금지", outlet="뉴시스"))
    write_bigkinds_xlsx(exports / "NewsResult_20150101-20161231.xlsx", rows)
    write_bigkinds_xlsx(exports / "사회혁신_20150101-20161231.xlsx", [bigkinds_row(f"0330010{i}.2015{i:02d}01", f"2015{i:02d}01" if i % 2 else f"2016{i:02d}01", f"사회혁신 {i}", TOPICS[i % 8] + f" 추가 {i}") for i in range(1, 11)])
    study = write_news_study(tmp_path / "study", "  bigkinds:\n    queries: {'사회혁신_*': socialinnovation}", extra="dedup:\n  threshold: 0.6\n  shingle: 4\n")
    result = runner.invoke(app, ["collect", "--config", str(study), "--source", "bigkinds", "--path", str(exports / "NewsResult_*.xlsx"), "--query", "smartcity"])
    assert result.exit_code == 0, result.output
    assert "smartcity" not in result.output or "스마트시티" in result.output
    assert "excluded 2 × 분석제외 여부 = 예외, 중복" in result.output and "200 characters" in result.output
    assert "│ 스마트시티 │ 2015 │ bigkinds │    9 │" in result.output
    result = runner.invoke(app, ["collect", "--config", str(study), "--source", "bigkinds", "--path", str(exports / "사회혁신_*.xlsx")])
    assert result.exit_code == 0, result.output
    docs = pd.read_parquet(tmp_path / "study" / "data" / "processed" / "documents.parquet")
    assert set(docs["query"]) == {"smartcity", "socialinnovation"} and (docs["source"] == "bigkinds").all()
    copy = docs[docs["outlet"] == "뉴시스"]
    original = docs[(docs["title"] == "스마트시티 기사 2016-1") & (docs["outlet"] == "한겨레")]
    assert len(copy) == 1 and len(original) == 1
    # the copy points to the earliest near-identical article: the original, or what the original itself copies
    assert copy["dup_of"].iloc[0] in {original["doc_id"].iloc[0], original["dup_of"].iloc[0]}
    assert docs.loc[docs["query"] == "smartcity", "source_keywords"].str.contains("스마트시티").all()
    result = runner.invoke(app, ["run", "--config", str(study), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    reports = tmp_path / "study" / "reports"
    volume = pd.read_csv(reports / "tables" / "volume_by_year.csv", encoding="utf-8-sig")
    expected = docs[docs["dup_of"].isna()].groupby(["query", "year"]).size().to_dict()
    assert volume.set_index(["query", "year"])["kept"].to_dict() == expected
    assert sum(v for (q, _y), v in expected.items() if q == "socialinnovation") == 8  # rows 9 and 10 repeat the topics of 1 and 2
    by_source = pd.read_csv(reports / "tables" / "documents_by_source.csv", encoding="utf-8-sig")
    assert set(by_source["source"]) == {"bigkinds"} and by_source["kept"].sum() == sum(expected.values())
    summary = (reports / "README.md").read_text(encoding="utf-8")
    assert "200 characters" in summary and "synthetic" not in summary


def test_bad_export_is_one_line_and_nothing_is_copied(tmp_path):
    bad = tmp_path / "NewsResult_x.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    study = write_news_study(tmp_path / "study", "  bigkinds: {}")
    result = runner.invoke(app, ["collect", "--config", str(study), "--source", "bigkinds", "--path", str(bad), "--query", "smartcity"])
    assert result.exit_code == 1 and "NewsResult_x.xlsx: not an Excel workbook" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "study" / "data" / "raw" / "bigkinds").exists()
    result = runner.invoke(app, ["collect", "--config", str(study), "--source", "bigkinds", "--path", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 1 and "nope.xlsx: file or folder not found" in result.output


def test_files_flags_and_strict(tmp_path):
    data = tmp_path / "news.csv"
    data.write_bytes("일자,기사제목,내용\n2015.03.02,스마트시티,세종 스마트시티 시범 사업\n2015년 3월 3일,사회혁신,리빙랩\n어제,오류,날짜가 틀림\n".encode("cp949"))
    study = write_news_study(tmp_path / "study", "  files: {}")
    args = ["collect", "--config", str(study), "--source", "files", "--path", str(data), "--query", "smartcity", "--date-col", "일자", "--text-col", "내용", "--title-col", "기사제목"]
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1 and "news.csv, row 4, column 일자: unparseable date" in strict.output
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "files: rows rejected 1 × unparseable date" in result.output
    wrong = runner.invoke(app, ["collect", "--config", str(study), "--source", "files", "--path", str(data), "--query", "smartcity"])
    assert wrong.exit_code == 1 and "no column 'date'" in wrong.output and "--date-col" in wrong.output


def test_naver_collection_never_writes_the_secret(tmp_path, monkeypatch):
    items = {"스마트시티": make_items("스마트시티", 60), "사회혁신": make_items("사회혁신", 30, step_hours=200)}
    section = "  naver:\n    display: 25\n    requests_per_second: 10\n    backoff_seconds: 0.01\n    max_retries: 3"
    study = write_news_study(tmp_path / "study", section, years="2016")
    with FakeNaver(items, script=[None, 429, 500]) as server:
        monkeypatch.setenv("NAVER_CLIENT_ID", "test-client-id")
        monkeypatch.setenv("NAVER_CLIENT_SECRET", CLIENT_SECRET)
        monkeypatch.setenv("TRENDSCOPE_NAVER_BASE_URL", server.base_url)
        result = runner.invoke(app, ["run", "--config", str(study), "--source", "naver", "--jobs", "1"])
        assert result.exit_code == 0, result.output
        collect = runner.invoke(app, ["collect", "--config", str(study), "--source", "naver"])
    assert CLIENT_SECRET not in result.output + collect.output
    assert "Naver API results hold a title and a short description" in collect.output
    written = [p for p in (tmp_path / "study").rglob("*") if p.is_file()]
    assert len(written) > 20
    for path in written:
        assert CLIENT_SECRET.encode() not in path.read_bytes(), path
    docs = pd.read_parquet(tmp_path / "study" / "data" / "processed" / "documents.parquet")
    assert docs.groupby("query").size().to_dict() == {"smartcity": 60, "socialinnovation": 30}
    manifest = json.loads((tmp_path / "study" / "data" / "raw" / "manifest.json").read_text(encoding="utf-8"))
    assert {f["source"] for f in manifest["files"]} == {"naver"} and all(f["params"]["term"] for f in manifest["files"])


def test_naver_bad_credentials_is_one_line(tmp_path, monkeypatch):
    study = write_news_study(tmp_path / "study", "  naver:\n    max_retries: 1")
    with FakeNaver({}) as server:
        monkeypatch.setenv("NAVER_CLIENT_ID", "test-client-id")
        monkeypatch.setenv("NAVER_CLIENT_SECRET", "not-the-secret-42")
        monkeypatch.setenv("TRENDSCOPE_NAVER_BASE_URL", server.base_url)
        result = runner.invoke(app, ["collect", "--config", str(study), "--source", "naver"])
        assert len(server.requests) == 1
    assert result.exit_code == 1 and "rejected the credentials (HTTP 401" in result.output
    assert "not-the-secret-42" not in result.output and "Traceback" not in result.output
