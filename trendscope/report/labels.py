"""Words used in figures and tables, in the report language (config `report.language`)."""

from __future__ import annotations

from typing import Literal

Language = Literal["ko", "en"]

_LABELS: dict[str, dict[str, str]] = {
    "year": {"ko": "연도", "en": "Year"},
    "documents": {"ko": "문서 수", "en": "Documents"},
    "volume_title": {"ko": "연도별 기사 수", "en": "Documents per year"},
    "frequency": {"ko": "빈도", "en": "Frequency"},
    "tfidf": {"ko": "TF-IDF", "en": "TF-IDF"},
    "top_terms_title": {"ko": "{label}: 연도별 상위 {n}개 키워드 (빈도)", "en": "{label}: top {n} keywords per year (frequency)"},
    "heatmap_title": {"ko": "{label}: 키워드 × 연도 TF-IDF", "en": "{label}: keyword × year TF-IDF"},
    "term": {"ko": "키워드", "en": "Keyword"},
    "source_demo": {"ko": "데모 코퍼스(합성 데이터, 실제 기사 아님)", "en": "demo corpus (synthetic, not real news)"},
    "source": {"ko": "자료", "en": "Source"},
    "duplicates_removed": {"ko": "중복 제외", "en": "near-duplicates removed"},
    "community": {"ko": "커뮤니티", "en": "Community"},
    "block": {"ko": "블록", "en": "Block"},
    "rank": {"ko": "순위", "en": "Rank"},
    "tf": {"ko": "빈도", "en": "frequency"},
    "degree": {"ko": "연결 정도", "en": "degree"},
    "edge_width": {"ko": "선 굵기 = 연결 강도", "en": "edge width = weight"},
    "node_size": {"ko": "원 크기 = {by}", "en": "node size = {by}"},
    "network_title": {"ko": "{label} {year}: 키워드 동시출현 네트워크", "en": "{label} {year}: keyword co-occurrence network"},
    "network_years_title": {"ko": "{label}: 연도별 키워드 네트워크", "en": "{label}: keyword networks by year"},
    "concor_title": {"ko": "{label} {year}: CONCOR 블록 (깊이 {depth})", "en": "{label} {year}: CONCOR blocks (depth {depth})"},
    "rank_slope_title": {"ko": "{label}: {measure} 순위 변화", "en": "{label}: {measure} rank by year"},
    "related_title": {"ko": "'{focus}' 연관어 ({label})", "en": "Words related to '{focus}' ({label})"},
}


def label(key: str, language: Language = "ko", **values: object) -> str:
    return _LABELS[key][language].format(**values)
