"""Throughput of text hygiene (trendscope.text.hygiene.clean_documents) on synthetic full-length articles.

Usage: python bench/hygiene.py [--docs 100000] [--chars 1000]
Documents are ~`chars` characters of Korean prose with a dateline byline, a photo credit,
an outlet name, an e-mail and a copyright line, like a BigKinds/Naver article; 60 outlets.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import pandas as pd

from trendscope.text.hygiene import clean_documents

WORDS = ["스마트시티", "사회혁신", "도시재생", "자율주행", "리빙랩", "시민", "참여", "정책", "지방자치단체", "사업", "예산", "플랫폼", "데이터", "교통", "안전", "에너지", "주민", "공공", "서비스", "혁신", "기술", "협력", "지원", "확대", "추진", "발표", "계획", "운영", "개발", "조성"]
ENDINGS = ["했다.", "한다고 밝혔다.", "할 계획이다.", "됐다.", "하고 있다."]
NAMES = ["홍길동", "김철수", "이영희", "박민수", "최지우", "정하늘"]


def outlets(n: int = 60) -> list[str]:
    base = ["연합뉴스", "뉴스1", "뉴시스", "아시아투데이", "머니투데이", "한국경제", "매일경제", "서울신문", "국민일보", "헤럴드경제"]
    return base + [f"지역{i}일보" for i in range(n - len(base))]


def article(rng: random.Random, chars: int, outlet: str) -> str:
    name = rng.choice(NAMES)
    parts = [f"(서울={outlet}) {name} 기자 = "]
    while sum(map(len, parts)) < chars - 120:
        parts.append(" ".join(rng.choices(WORDS, k=rng.randint(4, 9))) + " " + rng.choice(ENDINGS) + " ")
        if rng.random() < 0.05:
            parts.append(f"{outlet} 취재 결과 ")
        if rng.random() < 0.03:
            parts.append("(사진=서울시 제공) ")
    parts.append(f"{name} 기자 {name.encode().hex()[:6]}@news.co.kr <저작권자 ⓒ {outlet}, 무단전재 및 재배포 금지>")
    return "".join(parts)


def corpus(n: int, chars: int, seed: int = 1) -> pd.DataFrame:
    rng = random.Random(seed)
    names = outlets()
    rows = []
    for i in range(n):
        outlet = rng.choice(names)
        rows.append({"query": "smartcity" if i % 2 else "socialinnovation", "year": 2015 + i % 6, "outlet": outlet,
                     "title": f"[단독] {' '.join(rng.choices(WORDS, k=5))}", "body": article(rng, chars, outlet)})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--chars", type=int, default=1000)
    args = parser.parse_args()
    frame = corpus(args.docs, args.chars)
    mean_chars = float((frame["title"].str.len() + frame["body"].str.len()).mean())
    start = time.perf_counter()
    cleaned, counts = clean_documents(frame)
    seconds = time.perf_counter() - start
    result = {"documents": args.docs, "mean_chars": round(mean_chars), "seconds": round(seconds, 2), "docs_per_second": round(args.docs / seconds),
              "removals": counts.groupby("rule", sort=False)["removals"].sum().to_dict()}
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
