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
}


def label(key: str, language: Language = "ko", **values: object) -> str:
    return _LABELS[key][language].format(**values)
