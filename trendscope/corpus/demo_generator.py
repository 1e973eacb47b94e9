"""A seeded generator of the embedded demo corpus: SYNTHETIC Korean news articles, 2010–2024.

Nothing in this corpus was published anywhere.  Every article is assembled from
Korean sentence templates and word lists in this module, so the built-in study
(스마트시티 vs 사회혁신) runs offline and its trends are known in advance.  Outlets
(한빛일보, 누리경제 …), companies, universities and reporters are invented;
city and ministry names are real so the prose reads like news (ministry names
follow the government reorganisations of the year).

Records: ``id``, ``query`` ("smartcity" | "socialinnovation"), ``date``
(YYYY-MM-DD, uniform over the year), ``outlet``, ``title``, ``body``, ``url``
(``https://demo.trendscope.invalid/<id>``), ``category`` (IT_과학, 경제, 사회,
지역, 정치).  Same seed ⇒ same records; the default seed 2024 gives the shipped
file ``trendscope/corpus/data/demo_corpus.jsonl.gz``.

Bodies have 4–8 sentences (lead, schedule/budget, theme, planted, bridge and
quote sentences) plus byline and boilerplate: about 270–500 characters, mean
about 400.  Titles are short headlines.

Volume (rows per query and year, wire copies and shared rows included):

    year              2010 2011 2012 2013 2014 2015 2016 2017 2018 2019 2020 2021 2022 2023 2024
    smartcity          120  134  149  163  177  191  206  220  250  280  315  350  385  415  450
    socialinnovation   150  158  166  174  181  189  197  205  213  221  229  236  244  252  260

so 스마트시티 grows +104.5% from 2017 to 2024 and 사회혁신 +26.8%.

Planted trends.  "p(year)" is the probability that one article of the query
carries the term (one sentence, or two for 코로나19), linear between the listed
years and flat outside them.  The planted terms appear nowhere else in the
templates, so these probabilities are the exact expected document shares
(wire copies inherit the text of their original):

- 코로나19, both queries, only in articles dated 2020 or later (never before):
  p = 0.45 (2020), 0.40 (2021), 0.35 (2022), 0.15 (2023), 0.08 (2024); 60%
  of those articles mention it in a second sentence too.
- 자율주행, 스마트시티: p = 0.03 for 2010–2016, then 0.10 (2017) rising by
  0.05 a year to 0.45 (2024).
- 디지털트윈, 스마트시티: p = 0 up to 2015, 0.01 (2016), then 0.05 (2017)
  rising by 0.05 a year to 0.40 (2024).
- 리빙랩, 사회혁신: p = 0.02 (2010) → 0.12 (2016) → 0.45 (2024).
- 주민참여, 사회혁신: p = 0.05 (2010) → 0.15 (2016) → 0.45 (2024).

Themes whose shares shift (weights of the theme an article is mainly about,
linear between key years; see ``_SMARTCITY_THEMES`` / ``_SOCIAL_THEMES``):
스마트시티 — U-City/신도시 (fades by 2016), 교통·모빌리티, 데이터·플랫폼·빅데이터·
인공지능, 에너지·탄소중립 (탄소중립 from 2020), 안전·방범·CCTV, 국가시범도시·세종·
부산 에코델타시티 (from 2018), 도시재생 (peaks 2017–2019), 4차 산업혁명 (from 2016,
peaks 2017–2019), 사물인터넷, 해외 수출; 사회혁신 — 사회적경제·사회적기업·협동조합,
시민참여·공론화, 정부혁신·공공서비스, 청년·일자리·창업, 지역혁신·마을공동체,
사회적가치·ESG (ESG from 2020), 공유경제 (peaks 2013), 디지털 사회혁신 (rises after
2017).  A "bridge" sentence about shared terms (지방자치단체, 플랫폼, 시민, 데이터)
is added with p = 0.15 (2010) → 0.60 (2024), so the two discourses converge.
ESG, 탄소중립, 국가시범도시, 4차 산업혁명 and 비대면 only occur from the years given.

Rows that are not independent articles:

- Wire copies: round(6% of the rows) of every query and year are near-duplicate
  copies of a distinct earlier article of the same query and year: another
  outlet, an opening tag like ``[누리경제]``, another reporter in the byline, one
  appended boilerplate line, sometimes a ``[종합]`` title; dated the same day
  or the next (same day on 31 December).  They have their own id and url and
  no flag field: only the text tells.  With the default seed: 412 of 6,880
  rows (5.99%).
- Shared articles: round(3% of the mean of the two queries' rows) articles a
  year mention both 스마트시티 and 사회혁신 and appear under BOTH queries: the
  two rows are identical (same ``id`` ``demo-both-YYYY-NNNN`` and ``url``)
  except for ``query``.  They draw both queries' planted terms (so 리빙랩 and
  자율주행 also turn up, rarely, under the other query).  With the default
  seed: 103 articles, 206 rows (3.0% of the rows).

Boilerplate, so stopwords matter: a reporter byline ("김민수 기자", p = 1), a
photo credit "(사진=세종시 제공)" (p = 0.35), "무단전재 및 재배포 금지" (p = 0.6;
always in wire copies), outlet names ending in 뉴스.  Synonym variants are
written some of the time: 스마트도시 / 스마트 시티 for 스마트시티, 지자체 for
지방자치단체, IoT for 사물인터넷, AI for 인공지능, 4차산업혁명 for 4차 산업혁명,
빅 데이터 for 빅데이터, 소셜 이노베이션 for 사회혁신 (never in the first sentence,
never for planted terms).

Run ``python -m trendscope.corpus.demo_generator`` to rewrite the shipped file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import math
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from trendscope.atomic import write_bytes

DEFAULT_SEED = 2024
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "demo_corpus.jsonl.gz"
URL_PREFIX = "https://demo.trendscope.invalid/"
QUERIES = ("smartcity", "socialinnovation")
YEARS = tuple(range(2010, 2025))
RECORD_KEYS = ("id", "query", "date", "outlet", "title", "body", "url", "category")

VOLUME: Mapping[str, Mapping[int, int]] = {
    "smartcity": dict(zip(YEARS, (120, 134, 149, 163, 177, 191, 206, 220, 250, 280, 315, 350, 385, 415, 450), strict=True)),
    "socialinnovation": dict(zip(YEARS, (150, 158, 166, 174, 181, 189, 197, 205, 213, 221, 229, 236, 244, 252, 260), strict=True)),
}
WIRE_COPY_RATE = 0.06
SHARED_RATE = 0.03

P_COVID = {2019: 0.0, 2020: 0.45, 2021: 0.40, 2022: 0.35, 2023: 0.15, 2024: 0.08}
P_COVID_SECOND = 0.6
P_AUTONOMOUS = {2016: 0.03, 2017: 0.10, 2024: 0.45}
P_DIGITAL_TWIN = {2015: 0.0, 2016: 0.01, 2017: 0.05, 2024: 0.40}
P_LIVING_LAB = {2010: 0.02, 2016: 0.12, 2024: 0.45}
P_RESIDENT = {2010: 0.05, 2016: 0.15, 2024: 0.45}
P_BRIDGE = {2010: 0.15, 2024: 0.60}
P_PHOTO = 0.35
P_COPYRIGHT = 0.6
P_QUOTE = 0.6
BODY_CHARS = (300, 700)
BODY_SENTENCES = (4, 8)


def _interp(points: Mapping[int, float], year: int) -> float:
    """Piecewise-linear value at `year`, flat beyond the first and last key years."""
    keys = sorted(points)
    if year <= keys[0]:
        return points[keys[0]]
    if year >= keys[-1]:
        return points[keys[-1]]
    for lo, hi in pairwise(keys):
        if lo <= year <= hi:
            return points[lo] + (points[hi] - points[lo]) * (year - lo) / (hi - lo)
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- vocabularies

OUTLETS = (
    "한빛일보", "누리경제", "중앙매일", "동방일보", "미래타임즈", "한결뉴스", "바른신문", "가온일보",
    "나래경제신문", "다온뉴스", "해솔일보", "시민저널", "지역내일신문", "테크데일리", "새아침뉴스",
)
CITIES = (
    "서울시", "부산시", "대구시", "인천시", "광주시", "대전시", "울산시", "세종시", "수원시", "성남시",
    "고양시", "화성시", "시흥시", "안양시", "전주시", "청주시", "창원시", "김해시", "춘천시", "제주도",
    "경기도", "강원도", "충청남도", "전라남도", "경상북도",
)
COMPANIES = ("한결테크", "다온시스템즈", "세림정보", "온누리소프트", "태성이앤씨", "미르아이티", "한누리이앤지", "로드웨이코리아")
UNIVERSITIES = ("한국기술대", "가온대", "새한대", "동해대", "누리대", "서해대")
SURNAMES = ("김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권")
GIVEN_NAMES = (
    "민수", "지현", "서연", "준호", "현우", "수진", "영호", "은정", "동훈", "미경", "성민", "하늘",
    "재원", "혜진", "상우", "유진", "태현", "소영", "경민", "다은",
)
ROLES = ("정책국장", "기획조정실장", "담당 과장", "센터장")


def _ministries(query: str, year: int) -> tuple[str, ...]:
    """Ministries of the year (names follow the 2013 and 2017 reorganisations); all end in a vowel."""
    if query == "smartcity":
        land = "국토해양부" if year <= 2012 else "국토교통부"
        if year <= 2012:
            ict = "지식경제부"
        elif year <= 2016:
            ict = "미래창조과학부"
        else:
            ict = "과학기술정보통신부"
        return (land, land, ict)
    if year <= 2012 or year >= 2017:
        interior = "행정안전부"
    elif year == 2013:
        interior = "안전행정부"
    else:
        interior = "행정자치부"
    return (interior, interior, "고용노동부", "기획재정부")


@dataclass(frozen=True)
class Sentence:
    """A sentence template and the first year it may appear in."""

    text: str
    since: int = 2010


@dataclass(frozen=True)
class Theme:
    """What an article can be mainly about: its weight over the years, titles and sentences."""

    name: str
    category: str
    weight: Mapping[int, float]
    titles: tuple[Sentence, ...]
    sentences: tuple[Sentence, ...]


def _s(*texts: str, since: int = 2010) -> tuple[Sentence, ...]:
    return tuple(Sentence(t, since) for t in texts)


_SMARTCITY_THEMES: tuple[Theme, ...] = (
    Theme(
        "ucity", "지역", {2010: 1.6, 2013: 0.8, 2016: 0.2, 2024: 0.05},
        _s("{city}, U-City 통합운영센터 문 열어", "첨단 신도시 U-City 구축 속도", "{city} 유비쿼터스 도시 계획 확정",
           "신도시 정보통신 인프라 구축에 {budget}억 투입"),
        _s(
            "유비쿼터스 기술을 도시 기반 시설에 접목한 U-City 사업이 신도시를 중심으로 추진되고 있다.",
            "{city}는 신도시 개발과 함께 통합운영센터를 구축해 도시 정보를 한곳에서 관리한다.",
            "U-City 통합플랫폼은 교통과 방범, 시설물 관리 정보를 연계해 시민에게 제공한다.",
            "정보통신 인프라를 갖춘 첨단 신도시 조성에 모두 {budget}억원이 투입된다.",
            "유비쿼터스 도시 건설 지원법에 따라 지방자치단체별 계획 수립이 이어지고 있다.",
            "초고속 정보통신망을 기반으로 한 원격 행정 서비스도 도입될 예정이다.",
            "신도시 입주민은 집 안에서 교통 정보와 생활 정보를 확인할 수 있게 된다.",
            "업계는 U-City 사업이 건설 경기 침체로 속도를 내지 못하고 있다고 지적한다.",
        ),
    ),
    Theme(
        "mobility", "IT_과학", {2010: 1.0, 2017: 1.2, 2024: 1.6},
        _s("{city}, 스마트 교통 서비스 확대", "출퇴근 교통 혼잡, 스마트 신호로 줄인다", "{city} 통합 모빌리티 플랫폼 선보여",
           "스마트 주차 서비스 {n}곳 확대", "도심항공교통 실증 본격화", since=2010),
        _s(
            "{city}는 교통 혼잡을 줄이기 위해 지능형 교통체계를 도심 주요 교차로 {n}곳에 확대 설치한다고 밝혔다.",
            "실시간 교통 정보를 분석해 신호 주기를 자동으로 조절하는 스마트 신호등도 함께 도입된다.",
            "시는 수요응답형 버스와 공유 자전거 등 새로운 모빌리티 서비스를 연계한 통합 교통 플랫폼을 선보일 예정이다.",
            "버스정보시스템과 주차 정보 서비스를 하나의 앱에서 제공해 시민 편의를 높인다는 구상이다.",
            "스마트 주차장 {n}곳에는 빈자리 안내 센서가 설치돼 주차 대기 시간이 평균 {pct}% 줄어들 것으로 기대된다.",
            "도시 교통 문제를 해결하기 위한 스마트 모빌리티 실증 사업에는 총 {budget}억원이 투입된다.",
            "전기차 충전 인프라와 연계한 교통 서비스도 단계적으로 확대할 계획이다.",
            "교통약자를 위한 맞춤형 이동 서비스도 시범 운영에 들어간다.",
            "{ministry}는 도심항공교통과 드론 배송 등 미래 모빌리티를 도시 계획에 반영하겠다고 밝혔다.",
            "공유 킥보드 이용이 늘면서 안전 기준과 주차 구역 마련이 과제로 떠올랐다.",
        ) + _s("통합 모빌리티 서비스는 대중교통과 공유 이동 수단을 한 번에 예약하고 결제할 수 있도록 돕는다.", since=2018),
    ),
    Theme(
        "data", "IT_과학", {2010: 0.6, 2017: 1.2, 2024: 1.8},
        _s("{city}, 도시 데이터 허브 플랫폼 구축", "빅데이터로 도시 문제 푼다", "공공데이터 개방 확대… 시민 서비스 개발 지원",
           "인공지능 행정 서비스 도입 본격화", "{city} 클라우드 통합플랫폼 가동"),
        _s(
            "{city}는 도시 곳곳에서 수집되는 빅데이터를 분석하는 데이터 허브 플랫폼을 구축한다.",
            "교통, 환경, 안전 등 분야별 공공데이터를 개방해 시민과 기업이 새로운 서비스를 개발할 수 있도록 지원한다.",
            "인공지능 기반 분석으로 도시 문제를 미리 예측하고 행정 서비스를 개선한다는 계획이다.",
            "인공지능 분석 결과는 정책 결정 과정에 반영돼 데이터 기반 행정을 뒷받침하게 된다.",
            "클라우드 기반 통합플랫폼을 통해 각 부서에 흩어진 데이터를 한곳에서 관리할 수 있게 된다.",
            "{company}는 이번 사업에서 도시 데이터 플랫폼 설계와 운영을 맡는다.",
            "데이터 활용 과정에서 개인정보 보호 대책도 함께 마련해야 한다는 지적이 나온다.",
            "빅데이터 분석을 통해 시민 생활 패턴을 파악하고 맞춤형 공공서비스를 제공한다는 방침이다.",
            "유동 인구와 카드 결제 데이터를 결합한 상권 분석 서비스도 제공된다.",
        )
        + _s("블록체인 기술을 활용한 행정 서비스 인증 체계도 시범 도입된다.", since=2016)
        + _s("5G 통신망과 클라우드를 결합한 도시 데이터 센터가 내년 가동을 목표로 조성 중이다.", since=2018),
    ),
    Theme(
        "energy", "경제", {2010: 1.0, 2017: 0.8, 2020: 1.2, 2024: 1.4},
        _s("{city}, 스마트그리드로 에너지 절감", "친환경 에너지 자립 도시 만든다", "스마트 가로등 {n}개 설치… 전력 {pct}% 절약",
           "미세먼지 측정망 촘촘하게"),
        _s(
            "{city}는 스마트그리드와 에너지 관리 시스템을 도입해 공공건물의 전력 사용량을 {pct}% 줄인다는 목표를 세웠다.",
            "태양광과 연료전지 등 신재생에너지 설비를 단지 곳곳에 설치해 친환경 도시를 만든다는 구상이다.",
            "스마트 가로등은 보행자가 있을 때만 밝기를 높여 에너지를 절약한다.",
            "원격검침 인프라를 활용해 가구별 에너지 사용 현황을 실시간으로 확인할 수 있다.",
            "미세먼지 측정 센서를 촘촘하게 설치해 대기질 정보를 시민에게 실시간으로 알린다.",
            "에너지 자립형 마을 조성 사업에는 주민과 지역 기업이 함께 참여한다.",
            "온실가스 감축 성과를 데이터로 관리하는 환경 관제 시스템도 운영된다.",
        )
        + _s(
            "시는 2050년까지 탄소중립 도시로 전환하기 위한 단계별 로드맵을 발표했다.",
            "탄소중립 목표 달성을 위해 건물 에너지 효율화와 친환경 교통 확대를 함께 추진한다.",
            since=2020,
        ),
    ),
    Theme(
        "safety", "사회", {2010: 1.2, 2017: 1.0, 2024: 0.8},
        _s("{city}, 지능형 CCTV로 방범 강화", "통합관제센터 24시간 안전망 가동", "스마트 안전 서비스 {n}곳 확대",
           "재난 대응 센서 설치… 침수 피해 줄인다"),
        _s(
            "{city}는 방범용 CCTV {n}대를 통합관제센터와 연계해 24시간 관제 체계를 갖췄다.",
            "지능형 CCTV는 배회나 쓰러짐 등 이상 행동을 자동으로 감지해 관제 요원에게 알린다.",
            "경찰과 소방, 지방자치단체가 영상 정보를 공유하는 스마트시티 안전망 서비스가 확대된다.",
            "재난 발생 시 위치 정보를 바탕으로 긴급 출동을 지원하는 안전 서비스가 제공된다.",
            "여성 안심귀갓길과 어린이 보호구역에는 비상벨과 스마트 보안등이 설치된다.",
            "침수 위험 지역에는 수위 감지 센서를 설치해 재난 대응 시간을 단축한다.",
            "통합관제센터 운영으로 범죄 발생 건수가 전년보다 {pct}% 감소한 것으로 나타났다.",
            "홀몸 노인 가구에는 응급 상황을 알리는 돌봄 센서가 보급된다.",
        ),
    ),
    Theme(
        "pilot", "지역", {2017: 0.0, 2018: 1.6, 2020: 1.4, 2024: 1.0},
        _s("스마트시티 국가시범도시 조성 본격화", "부산 에코델타시티 스마트 주거단지 첫선", "세종 국가시범도시 민간사업자 선정",
           "국가시범도시 입주민, 스마트 서비스 먼저 체험", since=2018),
        _s(
            "정부는 세종 5-1 생활권과 부산 에코델타시티를 스마트시티 국가시범도시로 조성하고 있다.",
            "부산 에코델타시티에는 로봇과 물 관리 기술을 접목한 스마트 주거 단지가 들어선다.",
            "세종 국가시범도시는 모빌리티와 헬스케어, 교육 등 7대 혁신 서비스를 구현하는 것을 목표로 한다.",
            "국가시범도시 입주민은 다양한 스마트 서비스를 가장 먼저 체험하게 된다.",
            "{ministry}는 국가시범도시 조성 사업의 민간 사업자 공모 결과를 발표했다.",
            "한국토지주택공사와 한국수자원공사가 국가시범도시 기반 시설 조성을 맡는다.",
            "국가시범도시에서 검증된 기술은 기존 도시로 확산될 예정이다.",
            "규제 샌드박스를 적용해 새로운 기술과 서비스를 자유롭게 실증할 수 있도록 했다.",
            since=2018,
        ),
    ),
    Theme(
        "regeneration", "지역", {2010: 0.3, 2016: 0.6, 2017: 1.4, 2019: 1.4, 2021: 0.9, 2024: 0.7},
        _s("스마트 도시재생 대상지 {n}곳 선정", "{city} 원도심, 스마트 기술로 되살린다", "도시재생 거점에 스마트 쉼터"),
        _s(
            "노후 도심의 주차 문제와 안전 문제를 스마트 기술로 해결하는 스마트 도시재생이 추진된다.",
            "구도심 상권을 살리기 위해 빅데이터 기반 상권 분석 서비스가 도입된다.",
            "도시재생 지역 주민들은 공유 주차장과 공동 작업 공간을 이용할 수 있게 된다.",
            "쇠퇴한 원도심에 청년 창업 공간과 스마트 편의 시설이 함께 들어선다.",
            "도시재생 사업은 물리적 개발보다 주민 생활 개선에 초점을 맞추고 있다.",
            "{city}는 도시재생 거점 시설에 스마트 쉼터와 무인 택배함을 설치했다.",
        )
        + _s("{ministry}는 스마트 기술을 접목한 도시재생 뉴딜 사업 대상지 {n}곳을 선정했다.", since=2017),
    ),
    Theme(
        "industry4", "경제", {2015: 0.0, 2016: 0.8, 2017: 2.0, 2018: 2.2, 2019: 1.8, 2020: 0.8, 2022: 0.4, 2024: 0.3},
        _s("4차 산업혁명 시대, 스마트시티가 답이다", "4차 산업혁명 핵심 기술 도시에 집약", "4차 산업혁명 대응 인력 양성 시급",
           since=2016),
        _s(
            "4차 산업혁명 시대를 맞아 스마트시티가 신성장 동력으로 주목받고 있다.",
            "정부는 4차 산업혁명 핵심 기술을 도시 공간에 집약한 스마트시티를 혁신 성장 선도 사업으로 지정했다.",
            "4차 산업혁명 기술인 사물인터넷과 인공지능, 빅데이터를 도시 인프라에 결합하는 것이 핵심이다.",
            "업계에서는 4차 산업혁명이 도시 산업 구조를 근본적으로 바꿀 것으로 전망한다.",
            "4차 산업혁명 대응을 위한 전문 인력 양성과 규제 개선이 시급하다는 목소리가 높다.",
            "스마트시티 관련 시장 규모는 2025년 {n}조원에 이를 것으로 예상된다.",
            "4차 산업혁명 관련 기업들이 스마트시티 실증 사업에 잇따라 뛰어들고 있다.",
            since=2016,
        ),
    ),
    Theme(
        "iot", "IT_과학", {2010: 0.5, 2014: 1.2, 2017: 1.2, 2024: 0.7},
        _s("사물인터넷 센서로 도시 관리 효율화", "{city}, 사물인터넷 전용망 구축", "스마트 쓰레기통 {n}개 설치"),
        _s(
            "도시 전역에 사물인터넷 센서를 설치해 쓰레기 적재량과 주차 현황 등을 실시간으로 파악한다.",
            "사물인터넷 전용망을 활용한 스마트 검침과 시설물 관리 서비스가 시범 운영된다.",
            "{company}는 사물인터넷 기반 스마트 가로등과 주차 센서를 공급한다.",
            "사물인터넷 기술로 상수도 누수를 조기에 발견해 관리 비용을 줄였다.",
            "시는 통신사와 협력해 저전력 장거리 통신망을 도시 전역에 구축했다.",
            "스마트 쓰레기통은 적재량이 일정 수준을 넘으면 자동으로 수거 요청을 보낸다.",
            "사물인터넷 센서로 수집된 정보는 통합플랫폼으로 전송돼 분석된다.",
        ),
    ),
    Theme(
        "export", "경제", {2010: 0.2, 2017: 0.4, 2019: 0.9, 2024: 1.0},
        _s("K-스마트시티 해외 진출 잰걸음", "한국형 스마트시티 모델 수출 협의", "스마트시티 엑스포 개막… 기업 {n}곳 참가"),
        _s(
            "동남아시아와 중동 국가를 중심으로 한국형 스마트시티 모델 수출 협의가 이어지고 있다.",
            "스마트시티 엑스포에는 국내외 {n}여개 기업과 기관이 참가해 최신 기술을 선보였다.",
            "해외 도시와의 협력 양해각서 체결로 국내 기업의 수주 기회가 늘어날 전망이다.",
            "스마트시티 수출은 건설과 정보통신 기술을 결합한 새로운 먹거리로 꼽힌다.",
            "{company}는 해외 신도시 개발 사업에 통합플랫폼 기술을 공급하기로 했다.",
        )
        + _s("정부는 K-스마트시티 해외 진출을 지원하기 위해 {n}개 기업과 협력 사업을 추진한다.", since=2019),
    ),
)

_SOCIAL_THEMES: tuple[Theme, ...] = (
    Theme(
        "social_economy", "경제", {2010: 1.6, 2017: 1.4, 2024: 1.0},
        _s("사회적경제 기업 판로 확대 나선다", "예비 사회적기업 {n}곳 신규 지정", "{city}, 사회적경제 활성화 기금 조성",
           "협동조합 창업 열기 이어져"),
        _s(
            "{city}는 사회적경제 기업의 판로 확대를 위해 공공구매 비율을 {pct}%까지 높이기로 했다.",
            "사회적기업과 협동조합, 마을기업 등 사회적경제 조직이 지역 일자리 창출에 기여하고 있다.",
            "사회적경제 활성화 기금 {budget}억원이 조성돼 초기 기업의 자금난 해소에 쓰인다.",
            "{ministry}는 올해 예비 사회적기업 {n}곳을 새로 지정했다.",
            "사회적경제 지원센터는 창업 교육과 경영 컨설팅을 제공한다.",
            "사회적기업 제품을 한곳에서 구매할 수 있는 온라인 판매장도 문을 열었다.",
            "취약계층 고용과 지역 재투자를 실천하는 사회적경제 기업이 늘고 있다.",
            "사회적경제 기본법 제정을 둘러싼 논의가 국회에서 이어지고 있다.",
        )
        + _s("협동조합 기본법 시행 이후 전국에 설립된 협동조합은 {n}곳을 넘어섰다.", since=2013),
    ),
    Theme(
        "participation", "사회", {2010: 0.6, 2016: 1.0, 2024: 1.6},
        _s("시민 제안, 정책이 되다", "{city} 시민참여단 정책 권고안 발표", "참여예산 {budget}억원으로 확대",
           "공론화로 갈등 푼다"),
        _s(
            "{city}는 시민이 직접 예산 편성에 참여하는 참여예산 규모를 {budget}억원으로 늘렸다.",
            "시민참여 플랫폼을 통해 접수된 정책 제안 가운데 {n}건이 실제 정책으로 채택됐다.",
            "공론화 과정을 거쳐 시민 의견을 정책에 반영하는 숙의 민주주의 실험이 확산되고 있다.",
            "시민참여단은 {n}차례 토론회를 열고 정책 권고안을 마련했다.",
            "행정이 일방적으로 결정하던 방식에서 벗어나 시민과 함께 해법을 찾는 협치 모델이 자리 잡고 있다.",
            "시민 제안 공모전에는 생활 속 불편을 해결하는 아이디어 {n}여건이 접수됐다.",
            "시민참여형 정책 결정 구조를 제도화하기 위한 조례 개정도 추진된다.",
        ),
    ),
    Theme(
        "government", "정치", {2010: 0.8, 2016: 0.9, 2017: 1.5, 2019: 1.5, 2024: 1.0},
        _s("정부혁신 종합 추진계획 발표", "공공서비스, 수요자 중심으로 바꾼다", "공공기관 유휴 공간 시민에 개방"),
        _s(
            "{ministry}는 국민이 체감하는 정부혁신 종합 추진계획을 발표했다.",
            "정부혁신의 핵심은 국민 참여와 협력으로 신뢰받는 정부를 만드는 데 있다.",
            "공공서비스 전달 체계를 수요자 중심으로 개편하는 작업이 진행되고 있다.",
            "읍면동 행정복지센터를 주민 자치 공간으로 바꾸는 혁신 사업이 추진된다.",
            "복잡한 민원 절차를 한 번에 처리할 수 있는 통합 공공서비스가 도입된다.",
            "공공기관 유휴 공간을 시민에게 개방하는 정책도 확대되고 있다.",
        )
        + _s(
            "행정안전부는 사회혁신 추진단을 중심으로 부처 간 협업 과제를 발굴하고 있다.",
            "공공기관의 사회적 책임을 강화하기 위해 경영 평가에 사회적가치 지표가 반영된다.",
            since=2018,
        ),
    ),
    Theme(
        "youth", "경제", {2010: 1.0, 2017: 1.2, 2024: 1.2},
        _s("청년 사회혁신가 {n}팀 선발", "사회문제 해결형 창업 지원 확대", "{city}, 청년 일자리 사업 본격화",
           "임팩트 투자 펀드 {budget}억 조성"),
        _s(
            "청년 사회혁신가를 육성하기 위한 창업 지원 프로그램에 {n}개 팀이 선발됐다.",
            "사회문제 해결형 창업 기업에는 최대 {n}천만원의 사업화 자금이 지원된다.",
            "청년 일자리 문제를 해결하기 위해 지역 기반 사회혁신 창업이 대안으로 떠오르고 있다.",
            "소셜벤처 육성 공간에는 입주 기업을 위한 멘토링과 투자 연계 프로그램이 마련됐다.",
            "취업 취약계층을 위한 맞춤형 일자리 사업도 함께 추진된다.",
            "청년들이 지역에 정착할 수 있도록 주거와 일자리를 함께 지원하는 정책이 시행된다.",
            "임팩트 투자 펀드 {budget}억원이 조성돼 사회적 가치를 추구하는 기업에 투자된다.",
        ),
    ),
    Theme(
        "local", "지역", {2010: 1.2, 2024: 1.2},
        _s("마을공동체 활동 지원 확대", "{city} 사회혁신센터 협업 프로젝트 공모", "지역혁신, 대학과 손잡는다",
           "주민이 마을 문제 직접 푼다"),
        _s(
            "{city}는 마을공동체 활성화를 위해 주민 모임 {n}곳에 활동비를 지원한다.",
            "지역 주민이 스스로 마을 문제를 해결하는 마을공동체 사업이 해마다 늘고 있다.",
            "지역혁신 플랫폼은 지방자치단체와 대학, 기업이 함께 지역 현안을 해결하는 협력 모델이다.",
            "인구 감소와 고령화로 어려움을 겪는 지역에서 사회혁신이 새로운 해법으로 주목받고 있다.",
            "지방자치단체가 중간지원조직을 통해 주민 활동을 돕는 방식이 확산되고 있다.",
            "{city} 사회혁신센터는 지역 문제 해결을 위한 협업 프로젝트를 공모한다.",
            "마을 단위 돌봄과 공동 육아를 주민이 직접 운영하는 사례도 늘고 있다.",
            "지역 대학과 연계한 지역혁신 프로젝트에 {budget}억원이 투입된다.",
        ),
    ),
    Theme(
        "social_value", "경제", {2010: 0.4, 2017: 0.8, 2020: 1.3, 2024: 1.8},
        _s("사회적가치 측정 지표 개발 착수", "기업 사회공헌, 문제 해결 중심으로"),
        _s(
            "사회적가치 측정 지표를 개발해 공공기관 평가에 활용하는 방안이 추진된다.",
            "공공기관이 창출한 사회적가치를 화폐 가치로 환산하는 연구도 진행되고 있다.",
            "기업의 사회적 책임 활동이 단순 기부에서 사회문제 해결 중심으로 바뀌고 있다.",
            "사회적가치 기본법 제정 논의도 다시 속도를 내고 있다.",
        )
        + _s("ESG 경영 확산에 사회혁신 기업과 협업 늘어", "{company}, 사회적기업과 ESG 상생 협약", since=2020)
        + _s(
            "기업들이 ESG 경영을 강화하면서 사회혁신 기업과의 협업도 늘고 있다.",
            "ESG 평가가 투자 기준으로 자리 잡으면서 사회적가치 측정에 대한 관심이 커지고 있다.",
            "{company}는 ESG 경영의 일환으로 지역 사회적기업과 상생 협약을 맺었다.",
            since=2020,
        ),
    ),
    Theme(
        "sharing", "사회", {2010: 0.4, 2013: 1.3, 2017: 1.0, 2024: 0.6},
        _s("{city}, 공유경제 활성화 나선다", "공유 기업 {n}곳 지정", "이웃과 나누는 공유경제 확산"),
        _s(
            "{city}는 공유경제 활성화를 위해 공유 기업과 단체 {n}곳을 지정했다.",
            "유휴 공간과 물품을 이웃과 나누는 공유경제가 새로운 사회혁신 모델로 떠올랐다.",
            "공구 도서관과 공유 주방 등 생활 밀착형 공유 서비스가 인기를 끌고 있다.",
            "공유경제 플랫폼이 늘면서 기존 산업과의 갈등을 조정하는 제도 마련이 필요하다는 지적이 나온다.",
            "아이 옷 나눔과 공유 주차 등 주민 주도의 공유 사업이 확산되고 있다.",
            "공유경제는 자원 낭비를 줄이고 이웃 간 신뢰를 회복하는 효과가 있다는 평가다.",
        ),
    ),
    Theme(
        "digital_social", "IT_과학", {2010: 0.1, 2017: 0.3, 2020: 0.9, 2024: 1.3},
        _s("디지털 사회혁신 본격화", "시민 개발자, 공공데이터로 생활 불편 해결"),
        _s(
            "시민이 기술을 활용해 사회문제를 해결하는 디지털 사회혁신 사업이 본격화됐다.",
            "시민 개발자들이 공공데이터로 만든 앱이 생활 불편 해소에 활용되고 있다.",
            "디지털 격차 해소를 위한 어르신 디지털 교육도 확대되고 있다.",
            "{city}는 디지털 기술로 지역 문제를 해결할 시민 프로젝트 {n}건을 선정했다.",
        )
        + _s("비대면 시대를 맞아 온라인 기반 공동체 활동을 지원하는 사업이 늘었다.", since=2020),
    ),
)

_LEADS: Mapping[str, tuple[str, ...]] = {
    "smartcity": (
        "{city}가 {topic} 중심의 스마트시티 조성 사업을 본격 추진한다고 {day}일 밝혔다.",
        "{city}는 {day}일 '스마트시티 추진 계획'을 발표하고 {next_year}년까지 {budget}억원을 들여 {topic} 분야 서비스를 확충한다고 밝혔다.",
        "{ministry}는 {day}일 스마트시티 관련 {topic} 사업 {n}건을 선정하고 사업별로 최대 {budget2}억원을 지원한다고 밝혔다.",
        "첨단 기술로 도시 문제를 해결하는 스마트시티 사업이 지방자치단체의 핵심 정책으로 떠오르고 있다.",
        "{city}의 스마트시티 사업이 {topic} 분야를 중심으로 속도를 내면서 시민들의 관심도 높아지고 있다.",
        "{city}가 시민 생활 불편을 줄이기 위한 스마트시티 서비스를 잇따라 내놓으며 {topic} 분야 투자를 늘리고 있다.",
    ),
    "socialinnovation": (
        "{city}가 {topic} 중심의 사회혁신 정책을 본격 추진한다고 {day}일 밝혔다.",
        "{city}는 {day}일 '사회혁신 종합계획'을 발표하고 {next_year}년까지 {budget}억원을 들여 {topic} 분야 사업을 확대한다고 밝혔다.",
        "{ministry}는 {day}일 사회혁신 관련 {topic} 공모 사업 {n}건을 선정하고 사업별로 최대 {budget2}억원을 지원한다고 밝혔다.",
        "시민과 행정이 함께 지역 문제의 해법을 찾는 사회혁신이 새로운 정책 방식으로 주목받고 있다.",
        "{city}의 사회혁신 정책이 {topic} 분야를 중심으로 속도를 내면서 시민들의 참여도 늘고 있다.",
        "시민이 주도하는 사회혁신 활동이 {city} 곳곳에서 활발하게 이어지며 {topic} 분야의 성과가 나타나고 있다.",
    ),
}

# Connectives put before some sentences, as news prose does.
_CONNECTIVES = ("특히 ", "이와 함께 ", "아울러 ", "또한 ", "한편 ", "{city}에 따르면 ", "{month}월 현재 ", "이 밖에도 ")
P_CONNECTIVE = 0.3

_TOPICS: Mapping[str, tuple[str, ...]] = {
    "ucity": ("신도시", "통합운영센터"), "mobility": ("교통", "모빌리티"), "data": ("데이터", "빅데이터"),
    "energy": ("에너지", "친환경"), "safety": ("안전", "방범"), "pilot": ("국가시범도시", "주거"),
    "regeneration": ("도시재생", "원도심"), "industry4": ("신산업", "첨단기술"), "iot": ("사물인터넷", "센서"),
    "export": ("해외 진출", "수출"), "social_economy": ("사회적경제", "협동조합"), "participation": ("시민참여", "협치"),
    "government": ("정부혁신", "공공서비스"), "youth": ("청년 일자리", "창업"), "local": ("마을공동체", "지역혁신"),
    "social_value": ("사회적가치", "상생"), "sharing": ("공유경제", "공유"), "digital_social": ("디지털", "시민 기술"),
}

_QUOTES: Mapping[str, tuple[str, ...]] = {
    "smartcity": (
        "시민이 체감할 수 있는 스마트 서비스를 확대하겠다",
        "기술보다 사람이 중심이 되는 도시를 만들겠다",
        "민간 기업과 협력해 지속 가능한 사업 모델을 만들겠다",
        "데이터를 기반으로 도시 문제를 해결하는 데 힘쓰겠다",
        "시범 사업 성과를 분석해 다른 지역으로 확산하겠다",
    ),
    "socialinnovation": (
        "시민이 주도하는 문제 해결 구조를 만들겠다",
        "지역 사회와 함께 지속 가능한 혁신 모델을 만들어 가겠다",
        "행정과 시민이 협력하는 문화를 정착시키겠다",
        "사회적 가치를 높이는 방향으로 정책을 설계하겠다",
        "현장의 목소리를 정책에 적극 반영하겠다",
    ),
}
_QUOTE_FRAMES = (
    "{city} 관계자는 \"{quote}\"라고 말했다.",
    "{person} {city} {role}은 \"{quote}\"고 강조했다.",
    "{person} {univ} 교수는 \"{quote_expert}\"고 말했다.",
)
_EXPERT_QUOTES = (
    "사업 성과를 꼼꼼히 평가하고 그 결과에 따라 제도를 보완해야 한다",
    "단기적인 성과보다 장기적인 관점에서 꾸준히 접근해야 지속 가능하다",
    "시민의 신뢰를 얻는 것이 무엇보다 중요하며 과정의 투명성이 핵심이다",
    "중앙정부와 지방자치단체의 역할 분담이 분명해야 현장이 움직인다",
    "민간의 창의성과 공공의 책임이 함께 작동하는 구조를 만들어야 한다",
)

_BRIDGES: Mapping[str, tuple[str, ...]] = {
    "smartcity": (
        "시민이 직접 도시 문제를 제안하고 해결 방안을 찾는 시민참여 플랫폼도 운영된다.",
        "지방자치단체와 시민, 기업이 함께 데이터를 활용해 지역 문제를 해결하는 방식이 확산되고 있다.",
        "전문가들은 기술 중심에서 벗어나 시민의 삶의 질을 높이는 방향으로 정책이 바뀌어야 한다고 강조한다.",
        "{city}는 시민 의견을 수렴하는 온라인 플랫폼을 통해 서비스 우선순위를 정했다.",
        "공공데이터를 시민에게 개방해 사회적가치를 창출하는 사례도 늘고 있다.",
        "지방자치단체 간 데이터 공유와 플랫폼 연계가 스마트시티 확산의 관건으로 꼽힌다.",
    ),
    "socialinnovation": (
        "사회문제 해결 과정에서 공공데이터와 디지털 플랫폼을 활용하는 사례가 늘고 있다.",
        "지방자치단체와 시민, 기업이 함께 데이터를 활용해 지역 문제를 해결하는 방식이 확산되고 있다.",
        "시민 누구나 정책을 제안할 수 있는 온라인 플랫폼도 문을 열었다.",
        "데이터 기반의 사회혁신이 지역 문제 해결의 새로운 대안으로 주목받고 있다.",
        "지방자치단체는 시민 데이터를 바탕으로 맞춤형 공공서비스를 설계하고 있다.",
    ),
}

# Schedule, budget and partner sentences that any article may carry (numbers vary per article).
_ADMIN = (
    "사업 기간은 {year}년 {month}월부터 {next_year}년 {month2}월까지이며 국비 {budget}억원과 지방비 {budget2}억원이 투입된다.",
    "{city}는 {month}월 중 시민 설명회를 열고 의견을 수렴한 뒤 세부 계획을 확정할 방침이다.",
    "이번 사업에는 {city}와 {company}, {univ} 등 {n2}개 기관이 컨소시엄 형태로 참여한다.",
    "{city}는 지난 {month}월 {ministry} 공모에 선정돼 국비 {budget}억원을 확보했다.",
    "시범 운영 결과를 바탕으로 {next_year}년까지 대상 지역을 {n2}곳으로 늘릴 계획이다.",
    "{day}일 열린 협약식에는 {person} {city} {role}과 관계 기관 관계자 등 {n}여명이 참석했다.",
    "{city}는 {month}월까지 참여 기관을 모집하고 하반기부터 본격적인 운영에 들어간다.",
    "올해 예산은 지난해보다 {pct}% 늘어난 {budget}억원으로 편성됐다.",
    "{city}는 {next_year}년까지 관련 조례를 정비하고 전담 조직을 꾸릴 예정이다.",
    "시는 {n2}개 분야 {n}개 세부 과제를 단계적으로 추진한다는 계획을 내놨다.",
)

_SHARED_LEADS = (
    "{city}가 스마트시티와 사회혁신을 결합한 시민 참여형 도시 실험에 나선다.",
    "기술 중심의 스마트시티에 사회혁신 방법론을 접목하려는 시도가 늘고 있다.",
    "{ministry}는 {day}일 스마트시티와 사회혁신을 연계한 시범 사업 {n}건을 선정했다고 밝혔다.",
)
_SHARED_TITLES = (
    "스마트시티에 사회혁신 더한다", "{city}, 시민이 만드는 스마트시티", "기술과 사회혁신의 만남… 시민 주도형 도시 실험",
)
_SHARED_SENTENCES = (
    "시민이 직접 도시 문제를 정의하고 기술적 해법을 함께 설계하는 방식이다.",
    "전문가들은 스마트시티가 성공하려면 사회혁신 관점에서 시민의 필요를 먼저 살펴야 한다고 말한다.",
    "스마트시티 기술과 사회혁신의 참여 방식을 결합한 시민 주도형 사업이 확산되고 있다.",
    "데이터와 플랫폼을 활용해 지역 공동체의 문제를 해결하는 사례가 소개됐다.",
    "지방자치단체와 사회적기업, 정보통신 기업이 함께 컨소시엄을 구성했다.",
    "기술 도입에 그치지 않고 주민의 삶을 실제로 바꾸는 것이 목표다.",
)

# Planted-term sentences: the only places these terms occur.
_COVID = {
    "any": (
        "코로나19 확산 이후 비대면 서비스에 대한 수요가 크게 늘었다.",
        "코로나19 장기화로 어려움을 겪는 지역 주민을 위한 지원책도 함께 마련됐다.",
        "시는 코로나19 방역 상황을 고려해 관련 행사를 온라인으로 진행했다.",
        "코로나19 이후 달라진 생활 방식에 맞춰 서비스를 개편한다는 계획이다.",
        "코로나19 사태는 도시와 공동체의 회복력을 다시 돌아보게 하는 계기가 됐다.",
    ),
    "smartcity": (
        "코로나19 확진자 동선 파악에 스마트시티 데이터 허브가 활용되면서 관심이 높아졌다.",
        "코로나19 이후 공공장소의 혼잡도를 알려주는 스마트 서비스 이용이 늘었다.",
    ),
    "socialinnovation": (
        "코로나19 위기 속에서 사회적경제 조직들은 마스크 제작과 돌봄 지원에 나섰다.",
        "코로나19로 생계가 어려워진 이웃을 돕는 주민 나눔 활동이 이어졌다.",
    ),
}
_AUTONOMOUS = (
    "{city}는 도심 일부 구간에서 자율주행 셔틀버스를 시범 운행한다.",
    "자율주행 자동차 실증을 위한 시험 도로와 정밀 지도 구축도 함께 진행된다.",
    "자율주행 기술과 스마트 신호 체계를 연계하면 교통사고를 크게 줄일 수 있을 것으로 기대된다.",
    "{company}는 자율주행 배송 로봇을 활용한 무인 배달 서비스를 선보였다.",
    "자율주행 시범운행지구로 지정되면 승객을 태우는 유상 운송 서비스도 가능해진다.",
    "자율주행 차량과 도로 인프라가 정보를 주고받는 협력 주행 시스템이 구축된다.",
)
_DIGITAL_TWIN = (
    "도시 전체를 가상 공간에 그대로 옮긴 디지털트윈을 구축해 각종 정책을 사전에 시뮬레이션한다.",
    "디지털트윈 기반 시뮬레이션으로 홍수와 교통 혼잡 등 도시 문제를 미리 예측할 수 있다.",
    "{company}는 3차원 공간정보를 활용한 디지털트윈 플랫폼 개발에 참여한다.",
    "디지털트윈 기술은 도시 계획과 시설물 관리의 효율을 크게 높일 것으로 평가된다.",
    "{ministry}는 디지털트윈 국토 구축 사업을 단계적으로 확대하기로 했다.",
)
_LIVING_LAB = (
    "주민과 전문가가 함께 생활 속 문제를 실험하고 해결하는 리빙랩이 {city} 곳곳에서 운영되고 있다.",
    "리빙랩 참여자들은 {months}개월 동안 해결 방안을 직접 시험하고 개선안을 도출했다.",
    "대학과 지역 주민이 함께하는 리빙랩 프로젝트가 지역 문제 해결의 새로운 방식으로 자리 잡았다.",
    "리빙랩 방식으로 개발된 서비스는 실제 사용자의 의견을 반영해 만족도가 높다.",
    "{ministry}는 사회문제 해결형 리빙랩 사업 {n}건을 새로 선정했다.",
)
_RESIDENT = (
    "사업 기획 단계부터 주민참여를 보장해 주민 스스로 우선순위를 정하도록 했다.",
    "주민참여 방식으로 추진된 사업은 만족도와 지속성이 높다는 평가를 받는다.",
    "{city}는 주민참여 확대를 위해 동네마다 주민자치회를 구성했다.",
    "주민참여를 통해 마련된 개선안은 조례에 반영될 예정이다.",
    "전문가들은 형식적인 절차를 넘어 실질적인 주민참여가 이뤄져야 한다고 지적했다.",
)
_PLANTED_TITLES = {
    "코로나19": ("코로나19 이후 달라진 {city}의 선택", "코로나19 위기 속 새 해법 찾는다"),
    "자율주행": ("{city}, 자율주행 셔틀 시범 운행", "자율주행 실증 구간 확대"),
    "디지털트윈": ("{city}, 디지털트윈으로 도시 문제 미리 본다", "디지털트윈 플랫폼 구축 착수"),
    "리빙랩": ("{city} 리빙랩, 주민이 해법 찾는다", "생활 속 문제 푸는 리빙랩 확산"),
    "주민참여": ("주민참여로 마을 계획 세운다", "{city}, 주민참여 확대 나서"),
}

# Synonym variants written instead of the canonical term some of the time
# (particle-bearing forms first, so 사물인터넷을 becomes IoT를, not IoT을).
_VARIANTS: tuple[tuple[str, tuple[tuple[str, str], ...], float], ...] = (
    ("스마트시티", (("스마트시티", "스마트도시"),), 0.15),
    ("스마트시티", (("스마트시티", "스마트 시티"),), 0.03),
    ("지방자치단체", (("지방자치단체", "지자체"),), 0.35),
    ("사물인터넷", (("사물인터넷을", "IoT를"), ("사물인터넷이", "IoT가"), ("사물인터넷과", "IoT와"),
                    ("사물인터넷은", "IoT는"), ("사물인터넷", "IoT")), 0.3),
    ("인공지능", (("인공지능을", "AI를"), ("인공지능이", "AI가"), ("인공지능과", "AI와"), ("인공지능은", "AI는"),
                  ("인공지능", "AI")), 0.3),
    ("4차 산업혁명", (("4차 산업혁명", "4차산업혁명"),), 0.25),
    ("빅데이터", (("빅데이터", "빅 데이터"),), 0.05),
    ("사회혁신", (("사회혁신", "소셜 이노베이션"),), 0.03),
)

_PHOTO_FRAMES = ("(사진=OO 제공)", "(사진=OO)")
_WIRE_TAILS = (
    "<저작권자 (c) {outlet}, 무단전재 및 재배포 금지>",
    "이 기사는 {outlet} 제휴 기사입니다. 무단전재 및 재배포 금지.",
    "[{outlet} 뉴스] 무단전재 및 재배포 금지",
)


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True)
class _Article:
    """An article before it becomes a record; copies are made by editing its parts."""

    query: str
    date: dt.date
    outlet: str
    title: str
    opening: str
    sentences: tuple[str, ...]
    reporter: str
    byline_first: bool
    tail: str
    category: str

    def body(self) -> str:
        head = f"{self.reporter} 기자 = " if self.byline_first else ""
        text = self.opening + head + " ".join(self.sentences)
        if not self.byline_first:
            text += f" {self.reporter} 기자"
        if self.tail:
            text += f" {self.tail}"
        return text


@dataclass(frozen=True)
class YearNoise:
    """One year's random departures from the smooth plan: a factor per theme weight and a weight per city.

    Real news is bursty: a year's events lift some themes and places for every article of that year.
    Drawn once per (seed, year, query) from its own stream, so the articles' streams are untouched.
    """

    theme: Mapping[str, float]
    city: tuple[float, ...]


def year_noise(seed: int, year: int, query: str, sd: float) -> YearNoise | None:
    """Lognormal factors exp(N(0, sd²)) for every theme weight and every city of `query` in `year`; None when sd is 0."""
    if sd <= 0:
        return None
    rng = random.Random(f"{seed}-{year}-{query}-noise")
    themes = [t.name for t in (*_SMARTCITY_THEMES, *_SOCIAL_THEMES)]
    return YearNoise({name: math.exp(rng.gauss(0.0, sd)) for name in themes}, tuple(math.exp(rng.gauss(0.0, sd)) for _ in CITIES))


def _pick_theme(rng: random.Random, themes: Sequence[Theme], year: int, exclude: str | None = None, noise: YearNoise | None = None) -> Theme:
    candidates = [t for t in themes if t.name != exclude and _interp(t.weight, year) > 0]
    weights = [_interp(t.weight, year) * (noise.theme[t.name] if noise else 1.0) for t in candidates]
    return rng.choices(candidates, weights=weights, k=1)[0]


def _available(items: Sequence[Sentence], year: int) -> list[str]:
    return [s.text for s in items if s.since <= year]


def _slots(rng: random.Random, query: str, date: dt.date, theme: Theme, city: str) -> dict[str, object]:
    return {
        "city": city,
        "ministry": rng.choice(_ministries(query, date.year)),
        "company": rng.choice(COMPANIES),
        "univ": rng.choice(UNIVERSITIES),
        "person": rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
        "role": rng.choice(ROLES),
        "n": rng.randint(3, 60),
        "months": rng.randint(3, 12),
        "pct": rng.choice(range(10, 45, 5)),
        "budget": rng.choice((12, 20, 35, 50, 80, 120, 150, 200, 300, 450)),
        "day": date.day,
        "year": date.year,
        "next_year": date.year + rng.randint(1, 3),
        "month": rng.randint(1, 12),
        "month2": rng.randint(1, 12),
        "budget2": rng.choice((5, 8, 10, 15, 24, 30, 45, 60, 90)),
        "n2": rng.randint(2, 12),
        "topic": rng.choice(_TOPICS.get(theme.name, ("혁신",))),
    }


def _vary(rng: random.Random, sentence: str) -> str:
    """Write a synonym variant instead of a canonical term, now and then."""
    for canonical, pairs, p in _VARIANTS:
        if canonical in sentence and rng.random() < p:
            for old, new in pairs:
                sentence = sentence.replace(old, new)
    return sentence


def _planted(rng: random.Random, queries: Sequence[str], year: int, city_slots: Mapping[str, object]) -> list[str]:
    """Planted-term sentences for an article counted under `queries`, drawn at the documented rates."""
    chosen: list[str] = []
    if year >= 2020 and rng.random() < _interp(P_COVID, year):
        pool = list(_COVID["any"]) + [s for q in queries for s in _COVID[q]]
        chosen += rng.sample(pool, 2 if rng.random() < P_COVID_SECOND else 1)
    if "smartcity" in queries:
        if rng.random() < _interp(P_AUTONOMOUS, year):
            chosen.append(rng.choice(_AUTONOMOUS))
        if rng.random() < _interp(P_DIGITAL_TWIN, year):
            chosen.append(rng.choice(_DIGITAL_TWIN))
    if "socialinnovation" in queries:
        if rng.random() < _interp(P_LIVING_LAB, year):
            chosen.append(rng.choice(_LIVING_LAB))
        if rng.random() < _interp(P_RESIDENT, year):
            chosen.append(rng.choice(_RESIDENT))
    return [s.format_map(city_slots) for s in chosen]


def _connect(rng: random.Random, sentence: str, slots: Mapping[str, object]) -> str:
    """Now and then open a sentence with a connective (never a quote or a sentence already opened so)."""
    if sentence.startswith(("\"",)) or "\"" in sentence or rng.random() >= P_CONNECTIVE:
        return sentence
    return rng.choice(_CONNECTIVES).format_map(slots) + sentence


def _fit_body(
    lead: str,
    admin: list[str],
    main: list[str],
    second: list[str],
    planted: list[str],
    bridges: list[str],
    quote: list[str],
    spare: list[str],
    target: int,
    rng: random.Random,
) -> tuple[str, ...]:
    """Order the sentences and keep the body within BODY_SENTENCES and BODY_CHARS.

    Spare sentences are added up to about `target` characters; when the body is too long these go first: second theme, schedule/budget,
    quote, bridge, main theme (one always stays).  Planted sentences are never dropped.
    """
    lo_s, hi_s = BODY_SENTENCES
    lo_c, hi_c = BODY_CHARS
    admin, main, second, bridges, quote = list(admin), list(main), list(second), list(bridges), list(quote)
    droppable = (second, admin, quote, bridges, main)

    def count() -> int:
        return 1 + len(planted) + sum(len(group) for group in droppable)

    def chars() -> int:
        # + about 40 characters of byline and boilerplate
        return len(lead) + 40 + sum(len(s) + 1 for s in planted) + sum(len(s) + 1 for g in droppable for s in g)

    def drop_one() -> bool:
        for group in droppable:
            if group and (group is not main or len(group) > 1):
                group.pop()
                return True
        return False

    while count() > hi_s and drop_one():
        pass
    while chars() > hi_c and count() > lo_s and drop_one():
        pass
    while (count() < lo_s or chars() < max(lo_c, target)) and count() < hi_s and spare:
        second.append(spare.pop())
    middle = admin[:1] + main + second
    for sentence in planted:
        middle.insert(rng.randint(0, len(middle)), sentence)
    return (lead, *middle, *admin[1:], *bridges, *quote)


def _article(rng: random.Random, queries: Sequence[str], date: dt.date, noise: YearNoise | None = None) -> _Article:
    """One original article about the given query (or both queries, for a shared article); `noise` tilts its year's themes and cities."""
    year = date.year
    shared = len(queries) == 2
    home = queries[0] if not shared else rng.choice(QUERIES)
    themes = _SMARTCITY_THEMES if home == "smartcity" else _SOCIAL_THEMES
    main = _pick_theme(rng, themes, year, noise=noise)
    second = _pick_theme(rng, themes, year, exclude=main.name, noise=noise)
    city = rng.choice(CITIES) if noise is None else rng.choices(CITIES, weights=noise.city, k=1)[0]
    slots = _slots(rng, home, date, main, city)

    def fill(template: str) -> str:
        return template.format_map(slots)

    if shared:
        lead = fill(rng.choice(_SHARED_LEADS))
        body_pool = list(_SHARED_SENTENCES)
        title = fill(rng.choice(_SHARED_TITLES))
    else:
        lead = fill(rng.choice(_LEADS[home]))
        body_pool = _available(main.sentences, year)
        title = fill(rng.choice(_available(main.titles, year)))
    main_sentences = [fill(s) for s in rng.sample(body_pool, min(len(body_pool), rng.randint(2, 4)))]
    second_pool = _available(second.sentences, year)
    second_sentences = [fill(s) for s in rng.sample(second_pool, min(len(second_pool), rng.randint(0, 2)))]
    admin = [fill(s) for s in rng.sample(_ADMIN, rng.choice((1, 1, 2)))]
    planted = _planted(rng, queries, year, slots)
    bridges = [fill(rng.choice(_BRIDGES[q])) for q in queries if rng.random() < _interp(P_BRIDGE, year)]
    quote = []
    if rng.random() < P_QUOTE:
        frame = rng.choice(_QUOTE_FRAMES)
        quote.append(frame.format_map({**slots, "quote": rng.choice(_QUOTES[home]),
                                       "quote_expert": rng.choice(_EXPERT_QUOTES)}))
    spare = [fill(s) for s in body_pool + second_pool]
    spare = [s for s in spare if s not in main_sentences + second_sentences]
    rng.shuffle(spare)
    # The long schedule/budget sentences are tried first when a body is short.
    spare += [fill(s) for s in rng.sample(_ADMIN, 2) if fill(s) not in admin]
    target = rng.randint(300, 600)
    sentences = _fit_body(lead, admin, main_sentences, second_sentences, planted, bridges, quote, spare, target, rng)
    sentences = (lead, *[_vary(rng, _connect(rng, s, slots)) for s in sentences[1:]])

    planted_terms = [term for term in _PLANTED_TITLES if any(term in s for s in planted)]
    if planted_terms and rng.random() < 0.4:
        title = fill(rng.choice(_PLANTED_TITLES[rng.choice(planted_terms)]))

    opening = ""
    if rng.random() < P_PHOTO:
        opening = rng.choice(_PHOTO_FRAMES).replace("OO", city) + " "
    outlet = rng.choice(OUTLETS)
    tail = f"<저작권자 (c) {outlet}, 무단전재 및 재배포 금지>" if rng.random() < P_COPYRIGHT else ""
    return _Article(
        query=home, date=date, outlet=outlet, title=title, opening=opening, sentences=sentences,
        reporter=rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES), byline_first=rng.random() < 0.3,
        tail=tail, category="사회" if shared else rng.choice((main.category, main.category, second.category)),
    )


def _wire_copy(rng: random.Random, original: _Article) -> _Article:
    """A near-duplicate of `original` as another outlet would run it."""
    outlet = rng.choice([o for o in OUTLETS if o != original.outlet])
    date = original.date
    if rng.random() < 0.5 and (date + dt.timedelta(days=1)).year == date.year:
        date += dt.timedelta(days=1)
    title = original.title
    if rng.random() < 0.4:
        title = rng.choice(("[종합] ", "[속보] ", "")) + title
    return replace(
        original,
        date=date,
        outlet=outlet,
        title=title,
        opening=f"[{outlet}] " + original.opening,
        reporter=_other_reporter(rng, original.reporter),
        tail=rng.choice(_WIRE_TAILS).format(outlet=outlet),
    )


def _other_reporter(rng: random.Random, reporter: str) -> str:
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
        if name != reporter:
            return name


def _random_date(rng: random.Random, year: int) -> dt.date:
    start = dt.date(year, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(year + 1, 1, 1) - start).days))


def _record(article: _Article, doc_id: str, query: str) -> dict[str, str]:
    return {
        "id": doc_id,
        "query": query,
        "date": article.date.isoformat(),
        "outlet": article.outlet,
        "title": article.title,
        "body": article.body(),
        "url": URL_PREFIX + doc_id,
        "category": article.category,
    }


def shared_count(year: int) -> int:
    """How many articles of `year` appear under both queries."""
    return round(SHARED_RATE * (VOLUME["smartcity"][year] + VOLUME["socialinnovation"][year]) / 2)


def wire_copy_count(query: str, year: int) -> int:
    """How many rows of `query` in `year` are near-duplicate wire copies."""
    return round(WIRE_COPY_RATE * VOLUME[query][year])


def generate_demo_corpus(seed: int = DEFAULT_SEED, *, year_noise_sd: float = 0.0) -> list[dict]:
    """All demo records, sorted by (query, date, id); the same seed gives the same list.

    `year_noise_sd` > 0 tilts each year's themes and cities (`year_noise`); 0 (the default) gives the shipped corpus.
    """
    records: list[dict[str, str]] = []
    for year in YEARS:
        # One stream per (seed, year, part): changing one year's volume leaves the others alone.
        rng = random.Random(f"{seed}-{year}-both")
        shared = sorted((_article(rng, QUERIES, _random_date(rng, year)) for _ in range(shared_count(year))),
                        key=lambda a: a.date)
        for number, article in enumerate(shared, start=1):
            for query in QUERIES:
                records.append(_record(article, f"demo-both-{year}-{number:04d}", query))
        for query in QUERIES:
            rng = random.Random(f"{seed}-{year}-{query}")
            n_copies = wire_copy_count(query, year)
            n_originals = VOLUME[query][year] - n_copies - shared_count(year)
            noise = year_noise(seed, year, query, year_noise_sd)
            originals = [_article(rng, (query,), _random_date(rng, year), noise) for _ in range(n_originals)]
            copies = [_wire_copy(rng, original) for original in rng.sample(originals, n_copies)]
            # Stable sort: originals come before their same-day copies.
            articles = sorted(originals + copies, key=lambda a: a.date)
            for number, article in enumerate(articles, start=1):
                records.append(_record(article, f"demo-{query}-{year}-{number:04d}", query))
    records.sort(key=lambda r: (r["query"], r["date"], r["id"]))
    return records


# --------------------------------------------------------------------------- benchmark corpora
# Shapes of real studies for bench/ (never the shipped demo file): a BigKinds news-list export
# (one query, a title plus the 200-character body excerpt the site exports, 19 years), and
# full-length articles at archive scale.

BIGKINDS_YEARS = tuple(range(2006, 2025))
EXCERPT_CHARS = 200
FULLTEXT_PARTS = (3, 6)  # demo articles joined into one full-length article: about 1,200-2,600 characters


def _yearly_counts(n: int, years: Sequence[int]) -> dict[int, int]:
    """`n` split over `years`, growing linearly (the last year about three times the first), summing to exactly `n`."""
    weights = [1.0 + 2.0 * i / max(1, len(years) - 1) for i in range(len(years))]
    raw = [n * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(years)), key=lambda i: (counts[i] - raw[i], i))[: n - sum(counts)]:
        counts[i] += 1
    return dict(zip(years, counts, strict=True))


def _dated_article(rng: random.Random, query: str, year: int, noise: YearNoise | None = None) -> _Article:
    # Templates start in 2010; earlier years reuse the 2010 vocabulary under their own date.
    date = _random_date(rng, year)
    article = _article(rng, (query,), date if year >= YEARS[0] else _random_date(rng, YEARS[0]), noise)
    return article if year >= YEARS[0] else replace(article, date=date)


def iter_bigkinds_records(n: int = 10_000, *, seed: int = DEFAULT_SEED, years: Sequence[int] = BIGKINDS_YEARS,
                          query: str = "smartcity", year_noise_sd: float = 0.0) -> Iterator[dict[str, str]]:
    """`n` BigKinds-shaped records of one query (title + body cut to EXCERPT_CHARS), by year then date; same seed, same records.

    Wire copies are kept at the demo's 6% rate, so de-duplication has real work.  `year_noise_sd` > 0 gives
    every year its own tilt of themes and cities (`year_noise`): the year-to-year spread of real news, which
    the calibration of the year-level trend test needs (0, the default, gives the records as before).
    """
    for year, count in _yearly_counts(n, years).items():
        rng = random.Random(f"{seed}-bigkinds-{query}-{year}")
        noise = year_noise(seed, year, query, year_noise_sd)
        n_copies = round(WIRE_COPY_RATE * count)
        originals = [_dated_article(rng, query, year, noise) for _ in range(count - n_copies)]
        copies = [_wire_copy(rng, original) for original in rng.sample(originals, n_copies)]
        for number, article in enumerate(sorted(originals + copies, key=lambda a: a.date), start=1):
            record = _record(article, f"bk-{query}-{year}-{number:05d}", query)
            record["body"] = record["body"][:EXCERPT_CHARS]
            yield record


def iter_fulltext_records(n: int = 100_000, *, seed: int = DEFAULT_SEED, years: Sequence[int] = YEARS,
                          query: str = "smartcity") -> Iterator[dict[str, str]]:
    """`n` full-length articles of one query (several demo articles' sentences joined), streamed year by year.

    Streaming: a 100k corpus is written without holding it in memory.
    """
    for year, count in _yearly_counts(n, years).items():
        rng = random.Random(f"{seed}-fulltext-{query}-{year}")
        articles = []
        for _ in range(count):
            parts = [_dated_article(rng, query, year) for _ in range(rng.randint(*FULLTEXT_PARTS))]
            first = parts[0]
            body = " ".join(" ".join(p.sentences) for p in parts) + f" {first.reporter} 기자"
            articles.append((first, body))
        articles.sort(key=lambda item: item[0].date)
        for number, (article, body) in enumerate(articles, start=1):
            record = _record(article, f"ft-{query}-{year}-{number:06d}", query)
            record["body"] = body
            yield record


def encode_demo_corpus(records: Sequence[Mapping[str, str]]) -> bytes:
    """Records as gzip-compressed JSON Lines, byte-for-byte reproducible (no timestamp, no file name)."""
    lines = "".join(json.dumps({k: r[k] for k in RECORD_KEYS}, ensure_ascii=False) + "\n" for r in records)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(lines.encode("utf-8"))
    return buffer.getvalue()


def write_demo_corpus(path: Path, seed: int = DEFAULT_SEED) -> None:
    """Write the demo corpus for `seed` to `path` (gzip JSON Lines), atomically."""
    write_bytes(Path(path), encode_demo_corpus(generate_demo_corpus(seed)))


if __name__ == "__main__":
    write_demo_corpus(DEFAULT_PATH)
    print(f"wrote {DEFAULT_PATH}")
