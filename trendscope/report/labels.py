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
    "topic": {"ko": "토픽", "en": "Topic"},
    "k_curve_title": {"ko": "토픽 수(K)에 따른 일관성과 혼잡도", "en": "Coherence and perplexity by number of topics (K)"},
    "n_topics": {"ko": "토픽 수 K", "en": "Number of topics K"},
    "coherence_cv": {"ko": "일관성 c_v (높을수록 좋음)", "en": "Coherence c_v (higher is better)"},
    "coherence_umass": {"ko": "일관성 u_mass (높을수록 좋음)", "en": "Coherence u_mass (higher is better)"},
    "perplexity": {"ko": "혼잡도 perplexity (낮을수록 좋음)", "en": "Perplexity (lower is better)"},
    "chosen_k": {"ko": "선택된 K", "en": "chosen K"},
    "prevalence_title": {"ko": "{label}: 연도별 토픽 비중", "en": "{label}: topic share per year"},
    "topic_share": {"ko": "평균 토픽 비중", "en": "Mean topic share"},
    "topic_terms_title": {"ko": "{label}: 토픽별 상위 {n}개 단어 (관련성 λ={lam})", "en": "{label}: top {n} terms per topic (relevance λ={lam})"},
    "word_probability": {"ko": "단어 확률 φ", "en": "Term probability φ"},
    "similarity_title": {"ko": "{a} × {b} 토픽 유사도 (1 - JS 거리)", "en": "{a} × {b} topic similarity (1 - JS distance)"},
    "similarity": {"ko": "유사도", "en": "Similarity"},
}


def label(key: str, language: Language = "ko", **values: object) -> str:
    return _LABELS[key][language].format(**values)
