"""The Naver News Search API as a source: every query term paged newest-first, each page kept as received.

The API returns at most 1,100 results per query string (``start`` ≤ 1000,
``display`` ≤ 100), newest first, so a popular term reaches back only a few
months; the collection says so, per term and year.  Each page is written to
``data/raw/naver/<query>/<term>/<run>/start-NNNN.json`` the moment it arrives and
never rewritten; the checkpoint (``data/state/naver.json``) records where each
term's run stands and the calls made per day (the daily quota), so a
collection stopped at any point — Ctrl-C, kill -9, a quota or network failure —
resumes at the next page.  Credentials come from NAVER_CLIENT_ID /
NAVER_CLIENT_SECRET or a file (``--credentials``), and the base URL may be
redirected with TRENDSCOPE_NAVER_BASE_URL (the tests point it at 127.0.0.1).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trendscope import atomic
from trendscope.config import NaverSourceConfig, StudyConfig
from trendscope.corpus.dates import DateParseError, parse_rfc822_date
from trendscope.corpus.naver_client import ClientSettings, NaverNewsClient, load_credentials
from trendscope.corpus.schema import Document, make_doc_id
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawFile, RawStore
from trendscope.errors import InputError

ENV_BASE_URL = "TRENDSCOPE_NAVER_BASE_URL"
API_LIMIT = 1100
KST = dt.timezone(dt.timedelta(hours=9))
_TAG = re.compile(r"<[^>]*>")
_SLUG = re.compile(r"[^\w가-힣]+")


def clean_api_text(text: str | None) -> str:
    """Title/description as the API sends them: drop <b> highlight tags first, then unescape entities (&quot; → ")."""
    if not text:
        return ""
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def term_folder(query: str, term: str) -> str:
    slug = _SLUG.sub("_", term).strip("_") or "term"
    return f"naver/{query}/{slug}-{hashlib.sha1(term.encode('utf-8')).hexdigest()[:8]}"


def page_path(query: str, term: str, run: str, start: int) -> str:
    return f"{term_folder(query, term)}/{run}/start-{start:04d}.json"


def next_start(start: int, received: int, total: int, *, display: int, max_start: int) -> int | None:
    """Where the next page starts, or None when the reachable results are exhausted.

    The last page may start at `max_start` and overlap the one before (1000 after 901),
    which is how the API's 1,100th result is reached; overlapping items are dropped as duplicates.
    """
    reachable = min(total, max_start + display - 1)
    if received == 0 or start + received - 1 >= reachable:
        return None
    following = start + display
    if following > max_start:
        return max_start if start < max_start else None
    return following


ITEM_FIELDS = ("title", "description", "link", "originallink", "pubDate")


@dataclass(frozen=True)
class NaverPage:
    """One API response as stored: the reported total, the items (fields as text, missing ones empty), and items that were not objects."""

    total: int
    items: list[dict[str, str]]
    malformed: int = 0


def parse_page(data: bytes, name: str) -> NaverPage:
    """A stored search response; anything but a JSON object with an `items` list is an `InputError` naming the file."""
    try:
        payload = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(f"{name}: not a Naver News Search API response (not JSON: {type(exc).__name__})") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise InputError(f"{name}: not a Naver News Search API response (expected a JSON object with an 'items' list)")
    try:
        total = int(payload.get("total") or 0)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{name}: not a Naver News Search API response ('total' is {str(payload.get('total'))[:40]!r}, expected a number)") from None
    # a field that is not text (null, a number) is read as missing, so one odd item cannot stop the file
    items = [{key: item[key] if isinstance(item.get(key), str) else "" for key in ITEM_FIELDS} for item in payload["items"] if isinstance(item, dict)]
    return NaverPage(max(total, 0), items, sum(not isinstance(item, dict) for item in payload["items"]))


class Checkpoint:
    """Progress of each term's current run and calls made per day (KST), saved atomically after every page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.state: dict[str, Any] = {"terms": {}, "calls": {}}
        if path.is_file():
            try:
                self.state = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                raise InputError(f"{path}: the Naver checkpoint is damaged; delete it to restart (raw pages already received are kept)") from None

    def term(self, query: str, term: str) -> dict[str, Any] | None:
        return self.state["terms"].get(f"{query}\t{term}")

    def set_term(self, query: str, term: str, value: dict[str, Any]) -> None:
        self.state["terms"][f"{query}\t{term}"] = value

    def calls_today(self, today: str) -> int:
        return int(self.state["calls"].get(today, 0))

    def add_call(self, today: str) -> None:
        self.state["calls"][today] = self.calls_today(today) + 1

    def save(self) -> None:
        atomic.write_text(self.path, json.dumps(self.state, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _section(config: StudyConfig) -> NaverSourceConfig:
    return config.sources.naver or NaverSourceConfig()


def _today() -> str:
    return dt.datetime.now(KST).date().isoformat()


def _run_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def client_settings(section: NaverSourceConfig, environ: Mapping[str, str]) -> ClientSettings:
    return ClientSettings(
        base_url=environ.get(ENV_BASE_URL) or section.base_url,
        requests_per_second=section.requests_per_second,
        max_retries=section.max_retries,
        backoff_seconds=section.backoff_seconds,
        timeout_seconds=section.timeout_seconds,
    )


class NaverSource:
    name = "naver"
    read_settings = ("strict",)  # the section's fields `read` uses (the documents stage keys on these only)

    def collect(self, config: StudyConfig, store: RawStore, environ: Mapping[str, str] | None = None) -> CollectReport:
        """Page every query term until exhausted, resuming any run the checkpoint says is unfinished."""
        environ = os.environ if environ is None else environ
        section, report = _section(config), CollectReport(self.name)
        checkpoint = Checkpoint(config.paths.data / "state" / "naver.json")
        pending = [(q.key, term) for q in config.queries for term in q.terms if not (checkpoint.term(q.key, term) or {}).get("done")]
        if not pending:
            return report
        settings = client_settings(section, environ)
        today = _today()
        client = NaverNewsClient(load_credentials(section.credentials, environ), settings, on_call=lambda: checkpoint.add_call(today))
        for query, term in pending:
            state = checkpoint.term(query, term) or {"run": _run_id(), "next_start": 1, "done": False, "pages": 0}
            while not state["done"]:
                start = state["next_start"]
                relative = page_path(query, term, state["run"], start)
                params = {"term": term, "start": start, "display": section.display, "sort": "date", "run": state["run"], "endpoint": settings.base_url.rstrip("/") + "/v1/search/news.json"}
                target = store.root / relative
                if target.is_file():  # written before an interruption; keep it as received
                    body = target.read_bytes()
                else:
                    if checkpoint.calls_today(today) >= section.daily_quota:
                        report.notes.append(f"daily quota of {section.daily_quota:,} calls reached; run the collection again tomorrow to resume")
                        checkpoint.save()
                        return report
                    body = client.search(term, start=start, display=section.display).body
                store.add_bytes(relative, body, source=self.name, query=query, params=params)
                report.files_added.append(relative)
                payload = json.loads(body.decode("utf-8"))
                following = next_start(start, len(payload["items"]), int(payload.get("total", 0)), display=section.display, max_start=section.max_start)
                state = {**state, "pages": state["pages"] + 1, "total": int(payload.get("total", 0)), "next_start": following or start, "done": following is None}
                checkpoint.set_term(query, term, state)
                checkpoint.save()
        report.notes.append(f"Naver API: {client.calls} requests this run, {checkpoint.calls_today(today):,} today")
        return report

    def read(self, config: StudyConfig, files: list[RawFile], report: CollectReport, store: RawStore | None = None) -> Iterator[Document]:
        wanted = set(config.query_keys)
        reach: dict[tuple[str, str], dict[str, Any]] = {}
        rejected: Counter = Counter()
        store = store or RawStore(config.paths.raw)
        for entry in sorted(files, key=lambda e: e.path):
            if entry.query not in wanted:
                continue
            path = config.paths.raw / entry.path
            page = parse_page(store.read_bytes(entry), str(path))
            if page.malformed:
                rejected["item that is not a JSON object"] += page.malformed
            term = str(entry.params.get("term", ""))
            stats = reach.setdefault((entry.query, term), {"total": 0, "years": Counter(), "links": set()})
            stats["total"] = max(stats["total"], page.total)
            for number, item in enumerate(page.items, start=1):
                link = (item.get("originallink") or item.get("link") or "").strip()
                try:
                    date = parse_rfc822_date(item.get("pubDate", ""))
                except DateParseError:
                    if _section(config).strict:
                        raise InputError(f"{path}, item {number}, field pubDate: unparseable date {item.get('pubDate')!r}; --strict stops at the first unreadable item") from None
                    rejected["unparseable pubDate"] += 1
                    if rejected["unparseable pubDate"] == 1:
                        report.notes.append(f"rejected: {path}, item {number}, field pubDate: {item.get('pubDate')!r}")
                    continue
                if not link:
                    rejected["item without a link"] += 1
                    continue
                if link not in stats["links"]:
                    stats["links"].add(link)
                    stats["years"][date.year] += 1
                yield Document(
                    doc_id=make_doc_id(self.name, link),
                    query=entry.query,
                    date=date,
                    year=date.year,
                    source=self.name,
                    outlet=_outlet(item.get("originallink") or item.get("link")),
                    title=clean_api_text(item.get("title")),
                    body=clean_api_text(item.get("description")),
                    url=link,
                )
        for reason, n in rejected.items():
            report.rejected[reason] = report.rejected.get(reason, 0) + n
        if reach:
            report.notes.append("Naver API results hold a title and a short description (snippet) per article, not the full text")
        first_year = config.years.start
        for (query, term), stats in sorted(reach.items()):
            years = stats["years"]
            got = sum(years.values())
            per_year = ", ".join(f"{y}: {n}" for y, n in sorted(years.items()))
            report.notes.append(f"{query} '{term}': {stats['total']:,} results, {got:,} reached ({per_year or 'none'})")
            oldest = min(years) if years else None
            if stats["total"] > got and (oldest is None or oldest > first_year):
                report.notes.append(
                    f"{query} '{term}': the API returns only the newest ~{API_LIMIT:,} results per search term (start ≤ 1000, display ≤ 100), "
                    f"so it cannot reach back to {first_year}" + (f" (the oldest reached is from {oldest})" if oldest else "")
                    + "; use a BigKinds export for earlier years"
                )


def _outlet(link: str | None) -> str | None:
    """The publisher's host name (the API gives no press name)."""
    if not link:
        return None
    try:
        host = urllib.parse.urlsplit(link).hostname or ""
    except ValueError:  # e.g. an unbalanced '[' in the host part
        return None
    return host.removeprefix("www.") or None
