"""The synthetic demo corpus: determinism, shape, and the planted trends (no tokenizer needed)."""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from trendscope.corpus.demo_generator import (
    DEFAULT_PATH,
    RECORD_KEYS,
    VOLUME,
    generate_demo_corpus,
    write_demo_corpus,
)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return generate_demo_corpus()


def _share(records: list[dict], query: str, term: str, years: range) -> float:
    docs = [r for r in records if r["query"] == query and int(r["date"][:4]) in years]
    return sum(term in r["title"] + r["body"] for r in docs) / len(docs)


def test_same_seed_same_records_and_bytes(tmp_path: Path, records: list[dict]) -> None:
    assert generate_demo_corpus(2024) == records
    assert generate_demo_corpus(7) != records
    write_demo_corpus(tmp_path / "a.jsonl.gz")
    write_demo_corpus(tmp_path / "b" / "b.jsonl.gz")
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b" / "b.jsonl.gz").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl.gz", "b"]  # no temp file left


def test_record_shape(records: list[dict]) -> None:
    for r in records:
        assert tuple(r) == RECORD_KEYS
        assert r["query"] in VOLUME
        assert r["url"] == f"https://demo.trendscope.invalid/{r['id']}"
        assert 250 <= len(r["body"]) <= 750
        assert r["title"] and r["outlet"] and r["category"]
    assert len({(r["id"], r["query"]) for r in records}) == len(records)
    assert len({r["outlet"] for r in records}) == 15


def test_volume_per_year_and_growth(records: list[dict]) -> None:
    counts = Counter((r["query"], int(r["date"][:4])) for r in records)
    for query, per_year in VOLUME.items():
        for year, n in per_year.items():
            assert counts[query, year] == n
    growth = {q: counts[q, 2024] / counts[q, 2017] for q in VOLUME}
    assert growth["smartcity"] > growth["socialinnovation"] + 0.5


def test_covid_only_from_2020(records: list[dict]) -> None:
    assert not any("코로나" in r["title"] + r["body"] for r in records if r["date"] < "2020-01-01")
    for query in VOLUME:
        assert _share(records, query, "코로나19", range(2020, 2022)) > 0.3
        assert _share(records, query, "코로나19", range(2024, 2025)) < 0.15


def test_smartcity_autonomous_driving_and_digital_twin_rise(records: list[dict]) -> None:
    for term in ("자율주행", "디지털트윈"):
        before = _share(records, "smartcity", term, range(2010, 2017))
        after = _share(records, "smartcity", term, range(2018, 2025))
        assert before < 0.05 < 0.2 < after
        assert _share(records, "smartcity", term, range(2024, 2025)) > _share(records, "smartcity", term, range(2018, 2019))


def test_living_lab_and_resident_participation_rise(records: list[dict]) -> None:
    for term in ("리빙랩", "주민참여"):
        shares = [_share(records, "socialinnovation", term, range(y, y + 5)) for y in (2010, 2015, 2020)]
        assert shares == sorted(shares) and shares[2] > 0.3 > 0.15 > shares[0]


def test_near_duplicate_wire_copies(records: list[dict]) -> None:
    by_day: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in records:
        by_day[r["query"], r["date"]].append(r)
    copies = 0
    for r in records:
        if not r["body"].startswith("["):
            continue
        day = r["date"]
        candidates = [o for key, rows in by_day.items() if key[0] == r["query"] and key[1] in {day, _previous(day)}
                      for o in rows if o["id"] != r["id"] and o["url"] != r["url"]]
        best = max(SequenceMatcher(None, o["body"], r["body"]).ratio() for o in candidates)
        assert best > 0.8
        copies += 1
    assert 0.05 < copies / len(records) < 0.08


def _previous(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def test_shared_articles_appear_once_per_query(records: list[dict]) -> None:
    by_url: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_url[r["url"]].append(r)
    shared = [rows for rows in by_url.values() if len(rows) > 1]
    assert 0.025 < len(shared) / len(records) * 2 < 0.04
    for rows in shared:
        assert sorted(r["query"] for r in rows) == ["smartcity", "socialinnovation"]
        first, second = ({k: v for k, v in r.items() if k != "query"} for r in rows)
        assert first == second
        assert "스마트시티" in first["body"] and "사회혁신" in first["body"]


def test_boilerplate_and_variants_present(records: list[dict]) -> None:
    text = "\n".join(r["body"] for r in records)
    for phrase in ("기자", "(사진=", "무단전재 및 재배포 금지", "뉴스", "스마트도시", "지자체", "IoT", "4차산업혁명", "AI"):
        assert phrase in text, phrase


def test_shipped_file_is_a_fresh_generation(records: list[dict]) -> None:
    assert DEFAULT_PATH.stat().st_size <= 5 * 1024 * 1024
    with gzip.open(DEFAULT_PATH, "rt", encoding="utf-8") as handle:
        shipped = [json.loads(line) for line in handle]
    assert shipped == records
