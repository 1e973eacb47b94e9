"""A polite HTTP client for the Naver News Search API (GET /v1/search/news.json), on the standard library.

Requests are spaced to a rate limit; 429, 5xx, timeouts, dropped connections
and malformed JSON are retried with exponential backoff (``backoff · 2^attempt``
seconds, or the server's Retry-After when longer); 401/403 (bad credentials) and
400 (a bad parameter) fail at once with the API's own error message.  The
credentials travel only in request headers: they are never part of a URL, a
message or anything written to disk.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trendscope.errors import TrendscopeError

ENDPOINT = "/v1/search/news.json"
ENV_ID, ENV_SECRET = "NAVER_CLIENT_ID", "NAVER_CLIENT_SECRET"


class CredentialsError(TrendscopeError):
    """Credentials are missing, or the API rejected them."""


class NaverAPIError(TrendscopeError):
    """The API kept failing, or refused a request for a reason other than credentials."""


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str = field(repr=False)

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return f"Credentials(client_id={self.client_id[:3]}…, client_secret=***)"


def load_credentials(path: Path | None, environ: Mapping[str, str]) -> Credentials:
    """From a file (``NAVER_CLIENT_ID=…`` lines, or JSON with client_id/client_secret) or the environment."""
    values: dict[str, str] = {}
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CredentialsError(f"{path}: cannot read the credentials file ({type(exc).__name__})") from None
        if text.lstrip().startswith("{"):
            try:
                data = json.loads(text)
            except ValueError:
                raise CredentialsError(f"{path}: not valid JSON; expected {{\"client_id\": …, \"client_secret\": …}}") from None
            values = {ENV_ID: str(data.get("client_id", "")), ENV_SECRET: str(data.get("client_secret", ""))}
        else:
            for line in text.splitlines():
                line = line.strip().removeprefix("export ").strip()
                if "=" in line and not line.startswith("#"):
                    key, _, value = line.partition("=")
                    values[key.strip()] = value.strip().strip("'\"")
        where = str(path)
    else:
        values = {k: environ.get(k, "") for k in (ENV_ID, ENV_SECRET)}
        where = "the environment"
    client_id, secret = values.get(ENV_ID, ""), values.get(ENV_SECRET, "")
    if not client_id or not secret:
        missing = " and ".join(k for k, v in ((ENV_ID, client_id), (ENV_SECRET, secret)) if not v)
        raise CredentialsError(f"Naver API credentials: {missing} not set in {where}; set the environment variables or pass --credentials FILE")
    return Credentials(client_id, secret)


@dataclass(frozen=True)
class ClientSettings:
    base_url: str = "https://openapi.naver.com"
    requests_per_second: float = 5.0
    max_retries: int = 5
    backoff_seconds: float = 1.0
    timeout_seconds: float = 15.0


@dataclass
class Response:
    body: bytes
    payload: dict[str, Any]
    attempts: int


class NaverNewsClient:
    """One search request at a time, spaced and retried; `calls` counts every HTTP request made (for the quota)."""

    def __init__(
        self,
        credentials: Credentials,
        settings: ClientSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_call: Callable[[], None] = lambda: None,
    ) -> None:
        self._credentials = credentials
        self.settings = settings
        self._sleep, self._clock, self._on_call = sleep, clock, on_call
        self._last: float | None = None
        self.calls = 0

    def url(self, query: str, start: int, display: int) -> str:
        params = urllib.parse.urlencode({"query": query, "display": display, "start": start, "sort": "date"})
        return self.settings.base_url.rstrip("/") + ENDPOINT + "?" + params

    def _wait_turn(self) -> None:
        interval = 1.0 / self.settings.requests_per_second
        if self._last is not None:
            remaining = self._last + interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last = self._clock()

    def search(self, query: str, *, start: int, display: int) -> Response:
        """One page of results, newest first; raises `CredentialsError` or `NaverAPIError` when it cannot get it."""
        request = urllib.request.Request(
            self.url(query, start, display),
            headers={"X-Naver-Client-Id": self._credentials.client_id, "X-Naver-Client-Secret": self._credentials.client_secret, "Accept": "application/json"},
        )
        problem, retry_after = "", 0.0
        for attempt in range(self.settings.max_retries + 1):
            if attempt:
                self._sleep(max(self.settings.backoff_seconds * 2 ** (attempt - 1), retry_after))
            self._wait_turn()
            self.calls += 1
            self._on_call()
            retry_after = 0.0
            try:
                with urllib.request.urlopen(request, timeout=self.settings.timeout_seconds) as reply:
                    body = reply.read()
            except urllib.error.HTTPError as exc:
                detail = _api_error(exc)
                if exc.code in (401, 403):
                    raise CredentialsError(f"Naver API rejected the credentials (HTTP {exc.code}{detail}); check {ENV_ID} / {ENV_SECRET}") from None
                if exc.code == 429 or exc.code >= 500:
                    problem = f"HTTP {exc.code}{detail}"
                    retry_after = _retry_after_seconds(exc.headers.get("Retry-After") if exc.headers else None)
                    continue
                raise NaverAPIError(f"Naver API refused the request for {query!r} start={start} (HTTP {exc.code}{detail})") from None
            except (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError) as exc:
                problem = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
                continue
            try:
                payload = json.loads(body.decode("utf-8"))
                if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
                    raise ValueError("no 'items' list")
            except (ValueError, UnicodeDecodeError) as exc:
                problem = f"malformed JSON ({exc})"
                continue
            return Response(body, payload, attempt + 1)
        raise NaverAPIError(
            f"Naver API: {query!r} start={start} failed {self.settings.max_retries + 1} times (last: {problem}); "
            "progress is saved — run the collection again to resume"
        )


def _retry_after_seconds(value: str | None) -> float:
    try:
        return min(float(value), 60.0) if value else 0.0
    except ValueError:
        return 0.0


def _api_error(exc: urllib.error.HTTPError) -> str:
    """The API's errorCode/errorMessage, if the body carries them."""
    try:
        data = json.loads(exc.read().decode("utf-8"))
        return f", {data.get('errorCode', '')}: {data.get('errorMessage', '')}"
    except (ValueError, OSError, UnicodeDecodeError, AttributeError):
        return ""
