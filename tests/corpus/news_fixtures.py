"""Input files as researchers get them, built in code: BigKinds-layout workbooks, Korean CSVs, Naver API items."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.corpus.bigkinds_fixtures import Form, write_bigkinds_workbook
from trendscope.corpus.sources.bigkinds import COLUMNS

BODY_SC = (
    "서울시는 스마트시티 조성을 위해 자율주행 셔틀과 디지털트윈 플랫폼을 도입한다고 밝혔다.\n"
    "시는 교통 혼잡을 줄이고 시민 안전을 높일 계획이다. 사업비는 120억원 규모이며 시범 구간을 운영한다."
)


def bigkinds_row(news_id: str, date: str, title: str, body: str, *, outlet: str = "한겨레", category: str = "IT_과학>과학",
                 keywords: str = "스마트시티,자율주행,디지털트윈", flag: str = "", url: str = "") -> list[str]:
    """One row in BigKinds column order; every value a string, as in real exports."""
    values = {
        "뉴스 식별자": news_id, "일자": date, "언론사": outlet, "기고자": "홍길동", "제목": title,
        "통합 분류1": category, "통합 분류2": " 경제>부동산", "통합 분류3": "",
        "사건/사고 분류1": "", "사건/사고 분류2": "", "사건/사고 분류3": "",
        "인물": "", "위치": "서울,세종", "기관": "국토교통부", "키워드": keywords,
        "특성추출(가중치순 상위 50개)": "스마트시티,자율주행", "본문": body, "URL": url, "분석제외 여부": flag,
    }
    return [values[c] for c in COLUMNS]


def write_bigkinds_xlsx(path: Path, rows: list[list[str]], *, form: Form = "poi") -> Path:
    """A workbook as BigKinds exports it (Apache POI form by default; see `bigkinds_fixtures`)."""
    return write_bigkinds_workbook(path, rows, form=form)


TOPICS = [
    "세종시는 스마트시티 국가시범도시에서 자율주행 버스를 시범 운행한다고 발표했다. 주민들은 출퇴근 시간이 줄었다고 평가했다.",
    "부산 에코델타시티는 물 관리 플랫폼과 로봇 배송 실증을 시작했다. 시는 데이터 허브를 통해 도시 문제를 분석한다.",
    "행정안전부는 지역 사회혁신 리빙랩 공모 결과를 공개했다. 주민이 직접 골목 안전과 돌봄 문제를 해결하는 과제가 선정됐다.",
    "사회적경제 기업들이 청년 일자리와 지역 재생을 연결하는 사회혁신 모델을 선보였다. 협동조합 매출도 크게 늘었다.",
    "정부는 디지털트윈 기반 재난 대응 체계를 구축하기로 했다. 홍수와 화재 예측 정확도를 높이는 것이 목표다.",
    "대학과 지자체가 공동으로 스마트 모빌리티 연구센터를 열었다. 공유 킥보드 안전 규정 마련도 논의됐다.",
    "공공데이터 개방 확대로 시민 개발자들이 버스 도착 알림과 주차 정보 앱을 만들었다. 참여 예산 제도와 연계된다.",
    "에너지 자립 마을 사업은 태양광 발전과 마이크로그리드를 도입해 전기요금을 절감했다. 주민 협의회가 운영한다.",
]


def sample_export_rows(year: int = 2015, n: int = 6, *, id_prefix: str = "0110010") -> list[list[str]]:
    """Newest first, as BigKinds sorts them; ids with a leading zero; one flagged row, one photo stub, one multi-line body."""
    rows = []
    for i in range(n, 0, -1):
        day = dt.date(year, 1 + (i * 2) % 12, 1 + i % 27)
        news_id = f"{id_prefix}{i}.{day:%Y%m%d}{i:09d}"
        rows.append(bigkinds_row(news_id, f"{day:%Y%m%d}", f"스마트시티 기사 {year}-{i}", f"{year}년 {i}번째 기사. " + TOPICS[(i + year) % len(TOPICS)] + "\n" + TOPICS[(i * 3 + year + 1) % len(TOPICS)],
                                 url=f"https://news.example.kr/{year}/{i}"))
    rows.append(bigkinds_row(f"{id_prefix}9.{year}0301000000099", f"{year}0301", "[포토] 스마트시티 박람회", "[사진기사]"))
    rows.append(bigkinds_row(f"{id_prefix}8.{year}0302000000098", f"{year}0302", "중복 기사", "중복으로 표시된 기사 본문", flag="중복, 예외"))
    return rows


def write_news_study(folder: Path, sources: str, *, years: str = "2015-2016", extra: str = "") -> Path:
    """A study file with the two reference queries, Kiwi, and the given `sources:` section (indented YAML)."""
    from tests.conftest import write_study

    return write_study(folder, years=years, extra=extra, tokenizer="kiwi", sources=sources, title="news study")
