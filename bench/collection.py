"""Collection benchmark: a 20,000-row BigKinds export through `trendscope collect`, and a Naver collection on loopback."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from bench.common import run_cli, write_results

ROWS = 20_000


def _write_export(path: Path, rows: int) -> None:
    from tests.corpus.news_fixtures import TOPICS, bigkinds_row, write_bigkinds_xlsx

    start = dt.date(2015, 1, 1)
    data = []
    for i in range(rows):
        day = start + dt.timedelta(days=i * 730 // rows)
        body = (TOPICS[i % 8] + " " + TOPICS[(i * 5 + 3) % 8])[:170] + f" 지역 {i % 97}곳 사업 {i}건"
        data.append(bigkinds_row(f"0{1100100 + i % 50}.{day:%Y%m%d}{i:09d}", f"{day:%Y%m%d}", f"스마트시티 기사 {i} {TOPICS[i % 8][:12]}", body, url=f"https://news.example.kr/{i}"))
    write_bigkinds_xlsx(path, data)


def _study(folder: Path, sources: str) -> Path:
    from tests.corpus.news_fixtures import write_news_study

    return write_news_study(folder, sources)


def bigkinds() -> dict:
    from trendscope.corpus.sources.bigkinds import parse_export

    with tempfile.TemporaryDirectory(prefix="trendscope-bench-") as tmp:
        folder = Path(tmp)
        export = folder / "NewsResult_20150101-20161231.xlsx"
        _write_export(export, ROWS)
        data = export.read_bytes()
        start = time.perf_counter()
        parsed = parse_export(data, export.name, "smartcity")
        parse_s = time.perf_counter() - start
        study = _study(folder / "study", "  bigkinds: {}")
        cold = run_cli(["collect", "--config", str(study), "--source", "bigkinds", "--path", str(export), "--query", "smartcity", "--quiet"], folder)
        warm = run_cli(["collect", "--config", str(study), "--source", "bigkinds", "--path", str(export), "--query", "smartcity", "--quiet"], folder)
    return {
        "rows": ROWS,
        "file_mb": round(len(data) / 1e6, 2),
        "parse_s": round(parse_s, 2),
        "rows_per_s": round(len(parsed.documents) / parse_s),
        "collect_cold (copy + parse twice + dedup + parquet)": cold,
        "collect_warm (file already in data/raw, documents cached)": warm,
    }


def naver() -> dict:
    from tests.corpus.naver_server import CLIENT_ID, CLIENT_SECRET, FakeNaver, make_items

    items = {"스마트시티": make_items("스마트시티", 5000, step_hours=3), "사회혁신": make_items("사회혁신", 400, step_hours=20)}
    with tempfile.TemporaryDirectory(prefix="trendscope-bench-") as tmp, FakeNaver(items) as server:
        folder = Path(tmp)
        study = _study(folder / "study", "  naver:\n    requests_per_second: 10")
        env = {"NAVER_CLIENT_ID": CLIENT_ID, "NAVER_CLIENT_SECRET": CLIENT_SECRET, "TRENDSCOPE_NAVER_BASE_URL": server.base_url}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            cold = run_cli(["collect", "--config", str(study), "--source", "naver", "--quiet"], folder)
        finally:
            for k, v in saved.items():
                os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
        requests = len(server.requests)
    return {"results_available": {"스마트시티": 5000, "사회혁신": 400}, "requests": requests, "rate_limit_per_s": 10, "collect": cold}


def main() -> Path:
    return write_results("collection", {"bigkinds_export": bigkinds(), "naver_loopback": naver()})
