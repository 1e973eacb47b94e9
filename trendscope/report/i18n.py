"""Every display string of the report in one place: column headers, figure words, page headings, table descriptions.

CSV files keep their stable ASCII column names (scripts read them); people read
the workbook and the HTML page, whose headers come from `column_label`.  A
column without an entry still gets a readable label from its pattern
(`per10k_2015`, `tf_smartcity`, `jaccard_p`) rather than a silent raw name, and
a test checks that every column of the demo tables has a ko and en entry.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")

# Words used in figures and tables (formerly report/labels.py; `label()` is unchanged).
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
    "network_years_note": {"ko": "위치는 모든 연도에 공통, 색은 연도 간 구성원이 겹치는 커뮤니티끼리 같음", "en": "positions shared by all years; colours follow communities across years by member overlap"},
    "concor_title": {"ko": "{label} {year}: CONCOR 블록 (깊이 {depth})", "en": "{label} {year}: CONCOR blocks (depth {depth})"},
    "rank_slope_title": {"ko": "{label}: {measure} 순위 변화", "en": "{label}: {measure} rank by year"},
    "rank_movers": {"ko": "색: 순위 변화가 가장 큰 {n}개", "en": "coloured: the {n} largest rank changes"},
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
    "relevance": {"ko": "관련성 (λ·log φ + (1−λ)·log(φ/p))", "en": "Relevance (λ·log φ + (1−λ)·log(φ/p))"},
    "similarity_title": {"ko": "{a} × {b} 토픽 유사도 (1 - JS 거리)", "en": "{a} × {b} topic similarity (1 - JS distance)"},
    "similarity": {"ko": "유사도", "en": "Similarity"},
    "similarity_scale": {"ko": "유사도 (0 = 다름, 1 = 같음)", "en": "Similarity (0 = unrelated, 1 = identical)"},
    "verdict": {"ko": "판정", "en": "Verdict"},
}

# Headings and phrases of index.html (formerly HEADINGS in report/html.py).
HEADINGS: dict[Language, dict[str, str]] = {
    "ko": {
        "corpus": "코퍼스", "methods": "연구 방법", "examples": "용례 (KWIC)", "contents": "목차", "table": "표", "rows": "행",
        "rows_shown": "처음 {n}행만 표시 — 전체: {path}", "rows_linked": "{total}행 — 처음 {n}행만 표시, 전체 표: ",
        "synthetic": "데모 코퍼스는 합성 데이터입니다: 템플릿으로 생성한 기사이며 실제 뉴스가 아닙니다.", "figure": "그림",
        "full_size": "원본 크기", "sort_hint": "열 제목을 누르면 정렬됩니다",
    },
    "en": {
        "corpus": "Corpus", "methods": "Methods", "examples": "Examples in context (KWIC)", "contents": "Contents", "table": "Table", "rows": "rows",
        "rows_shown": "first {n} rows shown — all rows: {path}", "rows_linked": "{total} rows — first {n} shown, the whole table: ",
        "synthetic": "The demo corpus is synthetic: its articles were generated from templates; they are not real news.", "figure": "Figure",
        "full_size": "full size", "sort_hint": "click a column header to sort",
    },
}

# Column display names: CSV keeps the key, the workbook and the page show the label.
COLUMNS: dict[str, dict[str, str]] = {
    "query": {"ko": "질의", "en": "Query"},
    "label": {"ko": "이름", "en": "Label"},
    "year": {"ko": "연도", "en": "Year"},
    "rank": {"ko": "순위", "en": "Rank"},
    "term": {"ko": "키워드", "en": "Term"},
    "bigram": {"ko": "바이그램", "en": "Bigram"},
    "tf": {"ko": "빈도", "en": "Frequency"},
    "df": {"ko": "문서 빈도", "en": "Document frequency"},
    "n_docs": {"ko": "문서 수", "en": "Documents"},
    "tfidf": {"ko": "TF-IDF", "en": "TF-IDF"},
    "documents": {"ko": "문서 수", "en": "Documents"},
    "duplicates": {"ko": "중복 문서", "en": "Duplicates"},
    "kept": {"ko": "분석 문서", "en": "Kept"},
    "source": {"ko": "출처", "en": "Source"},
    "read": {"ko": "읽은 문서", "en": "Read"},
    "url_duplicates": {"ko": "URL 중복", "en": "URL duplicates"},
    "excluded": {"ko": "제외어로 제외", "en": "Excluded"},
    "near_duplicates": {"ko": "유사 중복", "en": "Near-duplicates"},
    "query_a": {"ko": "질의 A", "en": "Query A"},
    "query_b": {"ko": "질의 B", "en": "Query B"},
    "top_n": {"ko": "상위 N", "en": "Top N"},
    "n_shared": {"ko": "공통 키워드 수", "en": "Shared terms"},
    "jaccard": {"ko": "자카드 계수", "en": "Jaccard"},
    "cosine_tfidf": {"ko": "TF-IDF 코사인", "en": "TF-IDF cosine"},
    "cosine": {"ko": "코사인", "en": "Cosine"},
    "shared_terms": {"ko": "공통 키워드", "en": "Shared terms"},
    "first_year": {"ko": "첫 연도", "en": "First year"},
    "last_year": {"ko": "마지막 연도", "en": "Last year"},
    "total": {"ko": "총빈도", "en": "Total"},
    "s": {"ko": "S 통계량", "en": "S statistic"},
    "tau": {"ko": "켄달 τ", "en": "Kendall τ"},
    "z": {"ko": "z", "en": "z"},
    "p": {"ko": "p", "en": "p"},
    "p_adj": {"ko": "보정 p", "en": "Adjusted p"},
    "sen_slope": {"ko": "센 기울기", "en": "Sen slope"},
    "trend": {"ko": "추세", "en": "Trend"},
    "significant_adj": {"ko": "보정 후 유의", "en": "Significant (adjusted)"},
    "key_for": {"ko": "특징 대상", "en": "Key for"},
    "scope": {"ko": "범위", "en": "Scope"},
    "a": {"ko": "빈도 A", "en": "Frequency A"},
    "b": {"ko": "빈도 B", "en": "Frequency B"},
    "per10k_a": {"ko": "만 단어당 A", "en": "Per 10k A"},
    "per10k_b": {"ko": "만 단어당 B", "en": "Per 10k B"},
    "g2": {"ko": "로그우도 G²", "en": "Log-likelihood G²"},
    "log_ratio": {"ko": "로그 비", "en": "Log ratio"},
    "degree_centrality": {"ko": "연결 중심성", "en": "Degree centrality"},
    "betweenness": {"ko": "매개 중심성", "en": "Betweenness"},
    "closeness": {"ko": "근접 중심성", "en": "Closeness"},
    "eigenvector": {"ko": "고유벡터 중심성", "en": "Eigenvector"},
    "pagerank": {"ko": "페이지랭크", "en": "PageRank"},
    "degree": {"ko": "연결 수", "en": "Degree"},
    "weighted_degree": {"ko": "가중 연결 수", "en": "Weighted degree"},
    "community": {"ko": "커뮤니티", "en": "Community"},
    "concor_block": {"ko": "CONCOR 블록", "en": "CONCOR block"},
    "target": {"ko": "대상 키워드", "en": "Target"},
    "count": {"ko": "동시출현 수", "en": "Co-occurrences"},
    "npmi": {"ko": "NPMI", "en": "NPMI"},
    "weight": {"ko": "가중치", "en": "Weight"},
    "backbone": {"ko": "골격 연결", "en": "Backbone"},
    "best_rank": {"ko": "최고 순위", "en": "Best rank"},
    "change": {"ko": "순위 변화", "en": "Rank change"},
    "topic_a": {"ko": "토픽 A", "en": "Topic A"},
    "topic_b": {"ko": "토픽 B", "en": "Topic B"},
    "label_a": {"ko": "토픽 A 이름", "en": "Topic A label"},
    "label_b": {"ko": "토픽 B 이름", "en": "Topic B label"},
    "js_similarity": {"ko": "JS 유사도", "en": "JS similarity"},
    "k": {"ko": "토픽 수 K", "en": "Topics K"},
    "c_v": {"ko": "일관성 c_v", "en": "Coherence c_v"},
    "u_mass": {"ko": "일관성 u_mass", "en": "Coherence u_mass"},
    "perplexity": {"ko": "혼잡도", "en": "Perplexity"},
    "in_sweep": {"ko": "탐색 범위", "en": "In sweep"},
    "chosen": {"ko": "선택", "en": "Chosen"},
    "topic": {"ko": "토픽", "en": "Topic"},
    "share": {"ko": "비중", "en": "Share"},
    "ranking": {"ko": "정렬 기준", "en": "Ranking"},
    "probability": {"ko": "단어 확률 φ", "en": "Probability φ"},
    "relevance": {"ko": "관련성", "en": "Relevance"},
    "title": {"ko": "제목", "en": "Title"},
    "doc_id": {"ko": "문서 ID", "en": "Document id"},
    "similarity": {"ko": "유사도", "en": "Similarity"},
    "status": {"ko": "상태", "en": "Status"},
    "top_terms_by_relevance": {"ko": "관련성 상위 단어", "en": "Top terms by relevance"},
    "keyword": {"ko": "키워드", "en": "Keyword"},
    "date": {"ko": "날짜", "en": "Date"},
    "outlet": {"ko": "언론사", "en": "Outlet"},
    "left": {"ko": "앞 문맥", "en": "Left context"},
    "right": {"ko": "뒤 문맥", "en": "Right context"},
}

# Columns whose name carries a variable part: (pattern, ko, en); {0} is the captured part.
_COLUMN_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"(\d{4})", "{0}", "{0}"),
    (r"per10k_(\d{4})", "{0} 만 단어당", "{0} per 10k"),
    (r"per10k_(.+)", "만 단어당 ({0})", "Per 10k ({0})"),
    (r"tf_(.+)", "빈도 ({0})", "Frequency ({0})"),
    (r"concor_block_(\d+)", "CONCOR 블록 (깊이 {0})", "CONCOR block (depth {0})"),
    (r"(.+)_(first|last|sen_slope|p)", "{0} {1}", "{0} {1}"),
)
_SUFFIX = {"first": {"ko": "처음", "en": "first"}, "last": {"ko": "마지막", "en": "last"}, "sen_slope": {"ko": "센 기울기", "en": "Sen slope"}, "p": {"ko": "p", "en": "p"}}


def label(key: str, language: Language = "ko", **values: object) -> str:
    """A figure or table word in the report language, with `values` filled in."""
    return _LABELS[key][language].format(**values)


def has_column_label(name: str) -> bool:
    """True when `column_label` knows `name` (directly or by pattern), i.e. it does not fall back to the raw name."""
    return name in COLUMNS or any(re.fullmatch(p, name) for p, _, _ in _COLUMN_PATTERNS)


def column_label(name: str, language: Language = "ko") -> str:
    """The display name of a table column: its entry, else a label built from its pattern, else the name with _ as spaces.

    The fallback keeps an unforeseen column readable instead of failing a report."""
    if language not in LANGUAGES:
        raise ValueError(f"language: expected one of {', '.join(LANGUAGES)}, got {language!r}")
    if name in COLUMNS:
        return COLUMNS[name][language]
    for pattern, ko, en in _COLUMN_PATTERNS:
        match = re.fullmatch(pattern, name)
        if match:
            parts = [column_label(g, language) if g in COLUMNS else g for g in match.groups()]
            if len(parts) == 2 and parts[1] in _SUFFIX:
                parts[1] = _SUFFIX[match.group(2)][language]
            return (ko if language == "ko" else en).format(*parts)
    return name.replace("_", " ")
