import html
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.corpus.naver_server import CLIENT_ID, CLIENT_SECRET, FakeNaver, make_items
from tests.corpus.news_fixtures import write_news_study
from trendscope.config import load_config
from trendscope.corpus.naver_client import ClientSettings, Credentials, CredentialsError, NaverAPIError, NaverNewsClient, load_credentials
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.sources.naver import NaverSource, clean_api_text, next_start
from trendscope.corpus.store import RawStore

REPO = Path(__file__).resolve().parents[2]
CREDS = Credentials(CLIENT_ID, CLIENT_SECRET)


def env_for(server: FakeNaver) -> dict[str, str]:
    return {"NAVER_CLIENT_ID": CLIENT_ID, "NAVER_CLIENT_SECRET": CLIENT_SECRET, "TRENDSCOPE_NAVER_BASE_URL": server.base_url}


def naver_study(tmp_path: Path, *, display: int = 20, max_start: int = 1000, extra: str = "", years: str = "2015-2016") -> Path:
    section = f"  naver:\n    display: {display}\n    max_start: {max_start}\n    requests_per_second: 10\n    backoff_seconds: 0.01\n    timeout_seconds: 0.5\n    max_retries: 3{extra}"
    return write_news_study(tmp_path, section, years=years)


@given(st.text(max_size=60), st.integers(min_value=0, max_value=60))
def test_clean_api_text_undoes_highlighting_and_escaping(text, cut):
    plain = " ".join(text.split())
    # the API wraps the matched term in <b>…</b> and escapes the rest (&quot; &amp; &lt; &gt;)
    sent = html.escape(plain[:cut]) + "<b>" + html.escape(plain[cut : cut + 4]) + "</b>" + html.escape(plain[cut + 4 :])
    assert clean_api_text(sent) == " ".join(plain.split())


def test_clean_api_text_examples():
    assert clean_api_text("&quot;<b>스마트시티</b>&quot; 추진 &amp; 확대 &lt;종합&gt;") == '"스마트시티" 추진 & 확대 <종합>'
    assert clean_api_text(None) == ""


@pytest.mark.parametrize(
    ("start", "received", "total", "expected"),
    [(1, 100, 5000, 101), (901, 100, 5000, 1000), (1000, 100, 5000, None), (1, 40, 40, None), (1, 0, 0, None), (101, 100, 250, 201), (201, 50, 250, None)],
)
def test_paging_reaches_the_1100th_result_and_stops(start, received, total, expected):
    assert next_start(start, received, total, display=100, max_start=1000) == expected


def test_client_retries_transient_failures(tmp_path):
    items = {"스마트시티": make_items("스마트시티", 5)}
    with FakeNaver(items, script=[429, 500, "malformed", "slow"], slow_seconds=1.5) as server:
        sleeps: list[float] = []
        client = NaverNewsClient(CREDS, ClientSettings(server.base_url, 1000, 5, 0.05, 0.5), sleep=lambda s: sleeps.append(s))
        response = client.search("스마트시티", start=1, display=10)
    assert len(response.payload["items"]) == 5 and response.attempts == 5 and client.calls == 5
    backoffs = [s for s in sleeps if s >= 0.05]
    assert backoffs[:4] == [0.05, 0.1, 0.2, 0.4]  # exponential backoff
    assert all(h["X-Naver-Client-Secret"] == CLIENT_SECRET for h in server.headers_seen)


def test_client_gives_up_with_a_clear_error():
    with FakeNaver({}, script=[500] * 10) as server:
        client = NaverNewsClient(CREDS, ClientSettings(server.base_url, 10, 2, 0.0, 1), sleep=lambda s: None)
        with pytest.raises(NaverAPIError, match="failed 3 times.*HTTP 500.*run the collection again to resume"):
            client.search("x", start=1, display=10)
        assert len(server.requests) == 3


def test_bad_credentials_fail_at_once_without_the_secret():
    with FakeNaver({}) as server:
        client = NaverNewsClient(Credentials(CLIENT_ID, "wrong-secret-123"), ClientSettings(server.base_url, 10, 5, 0.0, 1), sleep=lambda s: None)
        with pytest.raises(CredentialsError, match="HTTP 401, 024: Authentication failed") as info:
            client.search("x", start=1, display=10)
        assert len(server.requests) == 1 and "wrong-secret-123" not in str(info.value)
        assert "wrong-secret" not in repr(client._credentials)


def test_credentials_from_a_file_or_the_environment(tmp_path):
    file = tmp_path / "naver.env"
    file.write_text(f"# keys\nexport NAVER_CLIENT_ID={CLIENT_ID}\nNAVER_CLIENT_SECRET='{CLIENT_SECRET}'\n", encoding="utf-8")
    assert load_credentials(file, {}) == CREDS
    (tmp_path / "naver.json").write_text(json.dumps({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}))
    assert load_credentials(tmp_path / "naver.json", {}) == CREDS
    assert load_credentials(None, {"NAVER_CLIENT_ID": CLIENT_ID, "NAVER_CLIENT_SECRET": CLIENT_SECRET}) == CREDS
    with pytest.raises(CredentialsError, match="NAVER_CLIENT_SECRET not set in the environment"):
        load_credentials(None, {"NAVER_CLIENT_ID": CLIENT_ID})


def collect(config, server, store=None):
    store = store or RawStore(config.paths.raw)
    return NaverSource().collect(config, store, environ=env_for(server)), store


def test_collects_every_term_until_exhausted_and_says_what_it_cannot_reach(tmp_path):
    # 300 results for 스마트시티 but only the newest 119 reachable with max_start=100; 사회혁신 has none
    items = {"스마트시티": make_items("스마트시티", 300)}
    config = load_config(naver_study(tmp_path, max_start=100), cwd=tmp_path)
    with FakeNaver(items) as server:
        report, store = collect(config, server)
        assert [(q, s) for q, s, _d in server.requests] == [("스마트시티", s) for s in (1, 21, 41, 61, 81, 100)] + [("사회혁신", 1)]
        again, _ = collect(config, server, store)
        assert len(server.requests) == 7 and again.files_added == []  # finished terms are not fetched again
    entries = store.files("naver")
    assert len(entries) == 7 and all(e.params["sort"] == "date" and e.query in ("smartcity", "socialinnovation") for e in entries)
    read = CollectReport("naver")
    docs = list(NaverSource().read(config, entries, read))
    urls = {d.url for d in docs if d.query == "smartcity"}
    assert len(urls) == 119 and len(docs) == 120  # start=100 overlaps the previous page by one item
    first = next(d for d in docs if d.url.endswith("/0"))
    assert first.title.startswith('"스마트시티" 기사 0 & 정책') and "<b>" not in first.body and first.outlet == "press0.co.kr"
    assert str(first.date) == "2016-12-30"
    notes = " | ".join(read.notes)
    assert "300 results, 119 reached (2016: 119)" in notes
    assert "cannot reach back to 2015" in notes
    state = json.loads((config.paths.data / "state" / "naver.json").read_text(encoding="utf-8"))
    assert sum(state["calls"].values()) == 7


def test_daily_quota_stops_and_the_next_day_resumes(tmp_path):
    items = {"스마트시티": make_items("스마트시티", 90)}
    config = load_config(naver_study(tmp_path, extra="\n    daily_quota: 2"), cwd=tmp_path)
    with FakeNaver(items) as server:
        report, store = collect(config, server)
        assert len(server.requests) == 2 and any("daily quota of 2 calls reached" in n for n in report.notes)
        state_file = config.paths.data / "state" / "naver.json"
        for _day in range(2):
            state = json.loads(state_file.read_text(encoding="utf-8"))
            state["calls"] = {"2000-01-01": 2}  # a new day
            state_file.write_text(json.dumps(state), encoding="utf-8")
            collect(config, server, store)
    assert [s for _q, s, _d in server.requests] == [1, 21, 41, 61, 81, 1]
    docs = list(NaverSource().read(config, store.files("naver"), CollectReport("naver")))
    assert len(docs) == 90


def test_kill_and_resume_loses_nothing_and_duplicates_nothing(tmp_path):
    items = {"스마트시티": make_items("스마트시티", 130), "사회혁신": make_items("사회혁신", 45, step_hours=150)}
    study = naver_study(tmp_path)
    command = [sys.executable, "-m", "trendscope", "collect", "--config", str(study), "--source", "naver", "--quiet"]
    with FakeNaver(items, hold_at=4) as server:
        env = {**os.environ, **env_for(server), "PYTHONPATH": str(REPO)}
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert server.reached.wait(120), "the collection never reached the 4th request"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        server.release.set()
        assert process.returncode == -signal.SIGKILL
        pages_before = sorted(p.name for p in (tmp_path / "data" / "raw" / "naver").rglob("*.json"))
        assert len(pages_before) == 3  # three pages arrived and were kept before the kill
        resumed = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
        assert resumed.returncode == 0, resumed.stderr
    starts = [(q, s) for q, s, _d in server.requests]
    assert starts[:4] == [("스마트시티", s) for s in (1, 21, 41, 61)]
    assert starts[4:] == [("스마트시티", s) for s in (61, 81, 101, 121)] + [("사회혁신", s) for s in (1, 21, 41)]
    documents = pd.read_parquet(tmp_path / "data" / "processed" / "documents.parquet")
    for query, term in (("smartcity", "스마트시티"), ("socialinnovation", "사회혁신")):
        got = documents.loc[documents["query"] == query, "url"]
        assert got.is_unique and set(got) == {i["originallink"] for i in items[term]}
    manifest = json.loads((tmp_path / "data" / "raw" / "manifest.json").read_text(encoding="utf-8"))
    paths = [f["path"] for f in manifest["files"]]
    assert len(paths) == len(set(paths)) == 10
    for entry in manifest["files"]:  # every page is recorded with the hash of what is on disk
        from trendscope.corpus.store import sha256_file

        assert sha256_file(tmp_path / "data" / "raw" / entry["path"]) == entry["sha256"]
