"""A loopback server that speaks the Naver News Search API's JSON, with scripted failures, for the tests."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.parse
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENT_ID, CLIENT_SECRET = "test-client-id", "FAKE-SECRET-7c1e9a44b2"
KST = dt.timezone(dt.timedelta(hours=9))


def make_items(term: str, n: int, *, newest: dt.datetime = dt.datetime(2016, 12, 30, 9, 0, tzinfo=KST), step_hours: int = 61) -> list[dict]:
    """`n` API items for `term`, newest first, with <b> highlights and HTML entities as the API sends them."""
    items = []
    for i in range(n):
        when = newest - dt.timedelta(hours=step_hours * i)
        items.append({
            "title": f"&quot;<b>{term}</b>&quot; 기사 {i} &amp; 정책 {i * 7919 % 1000}",
            "originallink": f"https://www.press{i % 5}.co.kr/news/{term_id(term)}/{i}",
            "link": f"https://n.news.naver.com/mnews/article/{i % 5:03d}/{i:010d}",
            "description": f"{i}번째 <b>{term}</b> 기사 요약 &lt;{i * 31 % 97}&gt; 주제 {i * 7 % 13}번 지역 {i * 11 % 17}곳 사업 {i * 3}건",
            "pubDate": format_datetime(when),
        })
    return items


def term_id(term: str) -> str:
    return str(sum(term.encode("utf-8")))


class FakeNaver:
    """`items[term]` newest first; `script` holds what successive requests get: None (normal), 429, 500, 'malformed', 'slow'.

    `hold_at=k` blocks the k-th request until `release` is set (after signalling `reached`), so a test can
    kill a client mid-collection at an exact point.
    """

    def __init__(self, items: dict[str, list[dict]], *, script: list | None = None, hold_at: int | None = None, slow_seconds: float = 2.0) -> None:
        self.items = items
        self.script = list(script or [])
        self.hold_at = hold_at
        self.slow_seconds = slow_seconds
        self.reached, self.release = threading.Event(), threading.Event()
        self.requests: list[tuple[str, int, int]] = []
        self.headers_seen: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeNaver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _send(self, code: int, payload: object | bytes, headers: dict | None = None) -> None:
                body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                params = dict(urllib.parse.parse_qsl(url.query))
                with fake._lock:
                    fake.headers_seen.append(dict(self.headers))
                    number = len(fake.requests) + 1
                    fake.requests.append((params.get("query", ""), int(params.get("start", 1)), int(params.get("display", 10))))
                    action = fake.script.pop(0) if fake.script else None
                if fake.hold_at == number:
                    fake.reached.set()
                    fake.release.wait(60)
                if url.path != "/v1/search/news.json":
                    return self._send(404, {"errorMessage": "Not Found", "errorCode": "404"})
                if self.headers.get("X-Naver-Client-Id") != CLIENT_ID or self.headers.get("X-Naver-Client-Secret") != CLIENT_SECRET:
                    return self._send(401, {"errorMessage": "Authentication failed (인증에 실패했습니다.)", "errorCode": "024"})
                if action == 429:
                    return self._send(429, {"errorMessage": "Rate limit exceeded. (속도 제한을 초과했습니다.)", "errorCode": "012"}, {"Retry-After": "0"})
                if action == 500:
                    return self._send(500, {"errorMessage": "System Error", "errorCode": "SE99"})
                if action == "malformed":
                    return self._send(200, b'{"lastBuildDate": "Mon, 26 Sep 2016 11:01:35 +0900", "items": [{"title": ')
                if action == "slow":
                    time.sleep(fake.slow_seconds)
                start, display = int(params.get("start", 1)), int(params.get("display", 10))
                if not 1 <= start <= 1000 or not 1 <= display <= 100:
                    return self._send(400, {"errorMessage": "Invalid start value (start) (부적절한 start 값입니다.)", "errorCode": "SE03"})
                items = fake.items.get(params.get("query", ""), [])
                page = items[start - 1 : start - 1 + display]
                self._send(200, {"lastBuildDate": format_datetime(dt.datetime(2017, 1, 1, 10, tzinfo=KST)), "total": len(items), "start": start, "display": len(page), "items": page})

        return Handler
