"""Every display string of the report in one place: column headers, figure words, page headings, table descriptions.

CSV files keep their stable ASCII column names (scripts read them); people read
the workbook and the HTML page, whose headers come from `column_label`.  A
column without an entry still gets a readable label from its pattern
(`per10k_2015`, `tf_smartcity`, `jaccard_p`) rather than a silent raw name, and
a test checks that every column of the demo tables has a ko and en entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pandas is imported where a frame is translated, not whenever a label is looked up
    import pandas as pd

Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")

# Words used in figures and tables (formerly report/labels.py; `label()` is unchanged).
_LABELS: dict[str, dict[str, str]] = {
    "year": {"ko": "연도", "en": "Year"},
    "documents": {"ko": "문서 수", "en": "Documents"},
    "volume_title": {"ko": "연도별 기사 수", "en": "Documents per year"},
    "frequency": {"ko": "빈도", "en": "Frequency"},
    "tfidf": {"ko": "TF-IDF", "en": "TF-IDF"},
    "per10k": {"ko": "1만 토큰당 빈도", "en": "per 10,000 tokens"},
    "top_terms_title": {
        "ko": "{label}: 연도별 상위 {n}개 키워드 (1만 토큰당 빈도)",
        "en": "{label}: top {n} keywords per year (per 10,000 tokens)",
    },
    "heatmap_title": {"ko": "{label}: 키워드 × 연도 {value}", "en": "{label}: keyword × year {value}"},
    "heatmap_value_per10k": {"ko": "1만 토큰당 빈도", "en": "occurrences per 10,000 tokens"},
    "heatmap_value_tfidf_study": {"ko": "TF-IDF (연구 기간 공통 IDF)", "en": "TF-IDF (one IDF for the study period)"},
    "heatmap_value_tfidf": {"ko": "TF-IDF (연도별 IDF)", "en": "TF-IDF (IDF within each year)"},
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
    "network_title": {
        "ko": "{label} {year}: 키워드 동시출현 네트워크",
        "en": "{label} {year}: keyword co-occurrence network",
    },
    "network_years_title": {"ko": "{label}: 연도별 키워드 네트워크", "en": "{label}: keyword networks by year"},
    "network_years_note": {
        "ko": "위치는 모든 연도에 공통, 색은 연도 간 구성원이 겹치는 커뮤니티끼리 같음",
        "en": "positions shared by all years; colours follow communities across years by member overlap",
    },
    "concor_title": {
        "ko": "{label} {year}: CONCOR 블록 (깊이 {depth})",
        "en": "{label} {year}: CONCOR blocks (depth {depth})",
    },
    "rank_slope_title": {"ko": "{label}: {measure} 순위 변화", "en": "{label}: {measure} rank by year"},
    "rank_movers": {"ko": "색: 순위 변화가 가장 큰 {n}개", "en": "coloured: the {n} largest rank changes"},
    "related_title": {"ko": "'{focus}' 연관어 ({label})", "en": "Words related to '{focus}' ({label})"},
    "topic": {"ko": "토픽", "en": "Topic"},
    "k_curve_title": {
        "ko": "토픽 수(K)에 따른 일관성과 혼잡도",
        "en": "Coherence and perplexity by number of topics (K)",
    },
    "n_topics": {"ko": "토픽 수 K", "en": "Number of topics K"},
    "coherence_cv": {"ko": "일관성 c_v (높을수록 좋음)", "en": "Coherence c_v (higher is better)"},
    "coherence_umass": {"ko": "일관성 u_mass (높을수록 좋음)", "en": "Coherence u_mass (higher is better)"},
    "perplexity": {"ko": "혼잡도 perplexity (낮을수록 좋음)", "en": "Perplexity (lower is better)"},
    "chosen_k": {"ko": "선택된 K", "en": "chosen K"},
    "prevalence_title": {"ko": "{label}: 연도별 토픽 비중", "en": "{label}: topic share per year"},
    "topic_share": {"ko": "평균 토픽 비중", "en": "Mean topic share"},
    "topic_terms_title": {
        "ko": "{label}: 토픽별 상위 {n}개 단어 (관련성 λ={lam})",
        "en": "{label}: top {n} terms per topic (relevance λ={lam})",
    },
    "word_probability": {"ko": "단어 확률 φ", "en": "Term probability φ"},
    "relevance": {"ko": "관련성 (λ·log φ + (1−λ)·log(φ/p))", "en": "Relevance (λ·log φ + (1−λ)·log(φ/p))"},
    "similarity_title": {
        "ko": "{a} × {b} 토픽 유사도 (1 - JS 거리)",
        "en": "{a} × {b} topic similarity (1 - JS distance)",
    },
    "similarity": {"ko": "유사도", "en": "Similarity"},
    "similarity_scale": {"ko": "유사도 (0 = 다름, 1 = 같음)", "en": "Similarity (0 = unrelated, 1 = identical)"},
    "similarity_scale_baseline": {
        "ko": "유사도 (가운데 {cell:.2f} = 무작위 재배정 기준선)",
        "en": "Similarity (centre {cell:.2f} = random-reassignment baseline)",
    },
    "verdict": {"ko": "판정", "en": "Verdict"},
    "row_scale": {"ko": "{value}: 행마다 그 단어의 최댓값 = 1", "en": "{value}: each row against its own peak = 1"},
    "years_shown": {
        "ko": "{total}개 연도 중 {n}개 연도(처음·마지막·고른 간격); 모든 연도는 표에 있습니다",
        "en": "{n} of {total} years (first, last, evenly spaced); every year is in the tables",
    },
}

# Headings and phrases of index.html (formerly HEADINGS in report/html.py).
HEADINGS: dict[Language, dict[str, str]] = {
    "ko": {
        "methods": "연구 방법",
        "examples": "용례 (KWIC)",
        "contents": "목차",
        "table": "표",
        "rows": "행",
        "rows_shown": "처음 {n}행만 표시 — 전체: {path}",
        "rows_linked": "{total}행 — 처음 {n}행만 표시, 전체 표: ",
        "rows_linked_by_year": "{total}행 — 연도마다 처음 5행({n}행) 표시, 전체 표: ",
        "synthetic": "데모 코퍼스는 합성 데이터입니다: 템플릿으로 생성한 기사이며 실제 뉴스가 아닙니다.",
        "figure": "그림",
        "full_size": "원본 크기",
        "sort_hint": "열 제목을 누르면 정렬됩니다",
        "unit": "단위",
        "links": "연도별 원본 그림",
        "repeated": "{caption} 이 표의 수는 표 {number}에 모두 있어 다시 싣지 않았습니다.",
        "kwic_caption": "검색어별 가장 강한 특징어가 쓰인 문장.",
        "kwic_note": "단어 단위로 찾은 용례이며 연도에 고루 뽑았습니다. 모든 용례: trendscope kwic 단어.",
        "downloads": "내려받기(표 전체·LDAvis·네트워크 파일)",
        "infinite_note": "빈 칸 = 무한대(분모가 0: 앞 기간에 나오지 않은 단어): {columns}.",
    },
    "en": {
        "methods": "Methods",
        "examples": "Examples in context (KWIC)",
        "contents": "Contents",
        "table": "Table",
        "rows": "rows",
        "rows_shown": "first {n} rows shown — all rows: {path}",
        "rows_linked": "{total} rows — first {n} shown, the whole table: ",
        "rows_linked_by_year": "{total} rows — the first 5 of every year shown ({n}), the whole table: ",
        "synthetic": (
            "The demo corpus is synthetic: its articles were generated from templates; they are not real news."
        ),
        "figure": "Figure",
        "full_size": "full size",
        "sort_hint": "click a column header to sort",
        "unit": "Unit",
        "links": "Full-size figures per year",
        "repeated": "{caption} Its numbers are all in Table {number}, so it is not printed again.",
        "kwic_caption": "Sentences holding the strongest key terms of each query.",
        "kwic_note": "Matched as whole tokens and spread over the years; trendscope kwic TERM shows all.",
        "downloads": "Downloads (every table, LDAvis, network files)",
        "infinite_note": (
            "An empty cell is infinite (a zero denominator: the word was absent from the earlier period): {columns}."
        ),
    },
}

# Column display names: CSV keeps the key, the workbook and the page show the label.
COLUMNS: dict[str, dict[str, str]] = {
    "family": {"ko": "검정 묶음", "en": "Family"},
    "years_present": {"ko": "출현 연도 수", "en": "Years present"},
    "tested": {"ko": "검정 여부", "en": "Tested"},
    "untested_reason": {"ko": "검정하지 않은 이유", "en": "Why not tested"},
    "detectable_ratio": {"ko": "검출 가능 배율", "en": "Detectable ratio"},
    "episode": {"ko": "일시적 사건", "en": "Episode"},
    "peak_year": {"ko": "정점 연도", "en": "Peak year"},
    "peak_share": {"ko": "정점 연도 비중", "en": "Peak-year share"},
    "occurrences": {"ko": "출현 수", "en": "Occurrences"},
    "others_median_per10k": {"ko": "다른 해 중앙값(1만 토큰당)", "en": "Other years' median per 10k"},
    "ratio_to_others": {"ko": "다른 해 대비 배율", "en": "Ratio to other years"},
    "example_titles": {"ko": "예시 제목", "en": "Example titles"},
    "verdict": {"ko": "판정", "en": "Verdict"},
    "query": {"ko": "질의", "en": "Query"},
    "label": {"ko": "이름", "en": "Label"},
    "year": {"ko": "연도", "en": "Year"},
    "rank": {"ko": "순위", "en": "Rank"},
    "term": {"ko": "키워드", "en": "Term"},
    "bigram": {"ko": "바이그램", "en": "Bigram"},
    "tf": {"ko": "빈도", "en": "Frequency"},
    "df": {"ko": "문서 빈도", "en": "Document frequency"},
    "n_docs": {"ko": "해당 연도 문서 수", "en": "Documents in the year"},
    "tfidf": {"ko": "TF-IDF", "en": "TF-IDF"},
    "per10k": {"ko": "1만 토큰당 빈도", "en": "Per 10,000 tokens"},
    "doc_share": {"ko": "문서 비율", "en": "Share of documents"},
    "tfidf_study": {"ko": "TF-IDF (공통 IDF)", "en": "TF-IDF (study IDF)"},
    "documents": {"ko": "문서 수", "en": "Documents"},
    "duplicates": {"ko": "중복 문서", "en": "Duplicates"},
    "kept": {"ko": "분석 문서", "en": "Kept"},
    "source": {"ko": "출처", "en": "Source"},
    "read": {"ko": "읽은 문서", "en": "Read"},
    "url_duplicates": {"ko": "URL 중복", "en": "URL duplicates"},
    "excluded": {"ko": "제외어로 제외", "en": "Excluded"},
    "title_duplicates": {"ko": "같은 제목 중복", "en": "Same-title copies"},
    "core_share": {"ko": "핵심 어휘 비중", "en": "Core-vocabulary share"},
    "median_share": {"ko": "검색어의 중앙값", "en": "Query median"},
    "distinctive_terms": {"ko": "두드러진 단어", "en": "Over-represented terms"},
    "entry": {"ko": "개체명", "en": "Entry"},
    "column": {"ko": "출처 열", "en": "Source column"},
    "near_duplicates": {"ko": "유사 중복", "en": "Near-duplicates"},
    "query_a": {"ko": "질의 A", "en": "Query A"},
    "query_b": {"ko": "질의 B", "en": "Query B"},
    "top_n": {"ko": "상위 N", "en": "Top N"},
    "n_shared": {"ko": "공통 키워드 수", "en": "Shared terms"},
    "jaccard": {"ko": "자카드 계수", "en": "Jaccard"},
    "cosine_tfidf": {"ko": "TF-IDF 코사인", "en": "TF-IDF cosine"},
    "cosine": {"ko": "코사인", "en": "Cosine"},
    "shared_terms": {"ko": "공통 키워드", "en": "Shared terms"},
    "baseline_cell": {"ko": "기준선: 토픽 쌍 평균", "en": "Baseline: any pair"},
    "baseline_match": {"ko": "기준선: 최선 대응", "en": "Baseline: best match"},
    "baseline_match_low": {"ko": "기준선: 최선 대응 하한", "en": "Baseline: best match, 2.5 %"},
    "permutations": {"ko": "재배정 횟수", "en": "Permutations"},
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
    "text": {"ko": "원문 문장", "en": "Sentence as written"},
    "change_gain": {"ko": "계단 적합 이득", "en": "Step gain"},
    "change_ratio": {"ko": "계단 전후 비", "en": "Step ratio"},
    "change_year": {"ko": "변화 연도", "en": "Change year"},
    "concor_converged": {"ko": "CONCOR 수렴", "en": "CONCOR converged"},
    "direction": {"ko": "방향", "en": "Direction"},
    "dispersion": {"ko": "과산포 φ", "en": "Dispersion φ"},
    "documents_touched": {"ko": "지워진 문서 수", "en": "Documents touched"},
    "removals": {"ko": "삭제 횟수", "en": "Removals"},
    "rule": {"ko": "규칙", "en": "Rule"},
    "log10_p": {"ko": "log10 p", "en": "log10 p"},
    "log10_p_adj": {"ko": "log10 보정 p", "en": "log10 adjusted p"},
    "min_similarity": {"ko": "최소 유사도", "en": "Minimum similarity"},
    "mk_p": {"ko": "Mann–Kendall p", "en": "Mann–Kendall p"},
    "mk_tau": {"ko": "Mann–Kendall τ", "en": "Mann–Kendall τ"},
    "n_seeds": {"ko": "시드 수", "en": "Seeds"},
    "rate_ratio": {"ko": "연간 증가율", "en": "Rate ratio per year"},
    "rate_ratio_low": {"ko": "증가율 95% 하한", "en": "Rate ratio 95% low"},
    "rate_ratio_high": {"ko": "증가율 95% 상한", "en": "Rate ratio 95% high"},
    "significant": {"ko": "유의", "en": "Significant"},
    "stability": {"ko": "안정성", "en": "Stability"},
    "stable": {"ko": "안정", "en": "Stable"},
    "strength_centrality": {"ko": "강도 중심성", "en": "Strength centrality"},
    "tied": {"ko": "동순위 수", "en": "Tied"},
    "worst_seed": {"ko": "가장 낮은 시드", "en": "Worst seed"},
    "change_beyond_ties": {"ko": "동순위 폭 초과", "en": "Beyond ties"},
    "tf_rest": {"ko": "빈도 (나머지)", "en": "Frequency (rest)"},
    "per10k_rest": {"ko": "만 단어당 (나머지)", "en": "Per 10k (rest)"},
    "idf": {"ko": "IDF", "en": "IDF"},
    "to": {"ko": "다음 해 토픽", "en": "Topic next year"},
    "from": {"ko": "이전 해 토픽", "en": "Topic previous year"},
}

# Columns whose name carries a variable part: (pattern, ko, en); {0} is the captured part.
_COLUMN_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"(\d{4})", "{0}", "{0}"),
    (r"(\d{4})_tf", "{0} 빈도", "{0} frequency"),
    (r"(\d{4})_tfidf", "{0} TF-IDF", "{0} TF-IDF"),
    (r"per10k_(\d{4})", "{0} 만 단어당", "{0} per 10k"),
    (r"per10k_(.+)", "만 단어당 ({0})", "Per 10k ({0})"),
    (r"tf_(.+)", "빈도 ({0})", "Frequency ({0})"),
    (r"tied_(\d{4})", "{0} 동순위 수", "{0} tied"),
    (r"concor_block_(\d+)", "CONCOR 블록 (깊이 {0})", "CONCOR block (depth {0})"),
    (r"(.+)_(first|last|sen_slope|p|baseline|baseline_low|baseline_high|p_below|years_below)", "{0} {1}", "{0} {1}"),
)
_SUFFIX = {
    "first": {"ko": "처음", "en": "first"},
    "last": {"ko": "마지막", "en": "last"},
    "sen_slope": {"ko": "센 기울기", "en": "Sen slope"},
    "p": {"ko": "p", "en": "p"},
    "baseline": {"ko": "기준선", "en": "baseline"},
    "baseline_low": {"ko": "기준선 하한", "en": "baseline low"},
    "baseline_high": {"ko": "기준선 상한", "en": "baseline high"},
    "p_below": {"ko": "기준선 미만 p", "en": "p below baseline"},
    "years_below": {"ko": "기준선 미만 연도 수", "en": "years below baseline"},
}


def label(key: str, language: Language = "ko", **values: object) -> str:
    """A figure or table word in the report language, with `values` filled in."""
    return _LABELS[key][language].format(**values)


def has_column_label(name: str) -> bool:
    """True when `column_label` knows `name` (directly or by pattern), i.e. it does not fall back to the raw name."""
    return name in COLUMNS or any(re.fullmatch(p, name) for p, _, _ in _COLUMN_PATTERNS)


def column_label(name: str, language: Language = "ko") -> str:
    """The display name of a table column: its entry, else a label built from its pattern, else the name with _ as
    spaces.

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


# Words every section uses: captions' source line, the figure/table notes' shared phrases.
# Sections look their strings up here (`section_text`); nothing the reader sees is written in a section module.
SECTION_TEXT: dict[str, dict[Language, dict[str, str]]] = {
    "common": {
        "ko": {
            "tfidf_formula": "TF-IDF = tf × ln(N / df): 검색어 × 연도마다 계산 (N = 문서 수, tf = 총 출현 수, df = 단어가 나온 문서 수)",
            "g2_formula": "G² = 2 Σ O·ln(O/E) (단어/나머지 단어 × 대상/기준의 2×2 표), p는 χ²(자유도 1)",
            "log_ratio_formula": "로그비 = log2((a/A) / (b/B)), 빈도 0은 0.5로 계산",
            "log_odds_formula": "z = δ/σ: 정보적 디리클레 사전분포 α_w = α0·(a+b)/(A+B)를 둔 로그오즈비 (Monroe et al. 2008)",
            "per10k": "1만 토큰당 빈도",
            "js_formula": "JS 유사도 = 1 − Jensen–Shannon 거리(밑 2)",
            "count_formula": "동시출현 수(i, j) = c_ij: 두 단어가 함께 나온 단위 수",
            "jaccard_formula": "Jaccard(i, j) = c_ij / (c_i + c_j − c_ij)",
            "npmi_formula": "NPMI(i, j) = ln(p_ij / (p_i · p_j)) / −ln(p_ij), p = 단위 수 / 전체 단위 수",
            "correction_bh": "Benjamini–Hochberg FDR 보정",
            "correction_bonferroni": "Bonferroni 보정",
            "sentence": "문장",
            "window": "창(window)",
            "document": "문서",
            "paragraph": "문단",
            "links": "연도별 원본 그림",
            "documents_unit": "문서 수",
            "occurrences_unit": "출현 수",
        },
        "en": {
            "tfidf_formula": (
                "TF-IDF = tf × ln(N / df), within each query × year (N documents, tf total occurrences, df documents "
                "containing the term)"
            ),
            "g2_formula": (
                "G² = 2 Σ O·ln(O/E) over the 2×2 table (term / other terms × target / reference), p from χ²(1)"
            ),
            "log_ratio_formula": "log ratio = log2((a/A) / (b/B)), zero counts as 0.5",
            "log_odds_formula": (
                "z = δ/σ, log-odds ratio with informative Dirichlet prior α_w = α0·(a+b)/(A+B) (Monroe et al. 2008)"
            ),
            "per10k": "per 10,000 tokens",
            "js_formula": "JS similarity = 1 − Jensen–Shannon distance (base 2)",
            "count_formula": "count(i, j) = c_ij, the units containing both terms",
            "jaccard_formula": "Jaccard(i, j) = c_ij / (c_i + c_j − c_ij)",
            "npmi_formula": "NPMI(i, j) = ln(p_ij / (p_i · p_j)) / −ln(p_ij), p = units / all units",
            "correction_bh": "Benjamini–Hochberg FDR correction",
            "correction_bonferroni": "Bonferroni correction",
            "sentence": "sentence",
            "window": "window",
            "document": "document",
            "paragraph": "paragraph",
            "links": "Full-size figures per year",
            "documents_unit": "documents",
            "occurrences_unit": "occurrences",
        },
    },
    "collection": {
        "ko": {
            "title": "수집 자료",
            "excluded": "제외",
            "rejected": "거부된 행",
            "sources_caption": "검색어 × 연도 × 출처별 수집 문서: 읽은 문서, URL·ID 중복 제거, 제외어로 제외, 같은 제목 중복(7일 안), 유사 중복, 분석 문서.",
            "entities_caption": (
                "형태소 분석기 사전에 더한 개체명: BigKinds 인물·기관 열에 있고 그 기사 본문에도 그대로 나오는 항목(문서 수 순). lexicon/entities.tsv로 더하거나 뺄 수 "
                "있다."
            ),
            "entities_unit": "문서 수",
            "cleaning_caption": "형태소 분석 전 제목·본문에서 지운 상투 문구(검색어 × 연도 × 규칙): 삭제 횟수와 한 번 이상 지워진 문서 수.",
            "cleaning_unit": "삭제 횟수, 문서 수",
            "senses_title": "검색어의 다른 뜻일 수 있는 토픽.",
            "senses_caption": "검색어마다 LDA 토픽 가운데 그 검색어의 핵심 어휘(가장 많이 나온 {core}개 단어)에 확률을 가장 적게 두는 토픽"
                              "(그리고 토픽 중앙값의 절반에 못 미치는 토픽): 그 토픽이 주 토픽인 문서에서 다른 문서보다 두드러지게 많은 단어와 예시 제목.",
            "senses_unit": "핵심 어휘 비중: 0–1, 문서 수",
            "senses_formula": "core_share = Σ φ(w), w ∈ 검색어 빈도 상위 {core}개; distinctive_terms: 가중 로그 오즈 z "
                              "(Monroe et al. 2008)",
            "senses_intro": "검색어의 다른 뜻: 아래 토픽은 검색어의 핵심 어휘와 가장 거리가 멉니다. 예시 제목이 연구 주제가 아니면 그 문서를 빼십시오.",
            "senses_line": "- {label} 토픽 {topic} (핵심 어휘 비중 {share:.2f}, 중앙값 {median:.2f}; 문서 {documents:,}건): {terms}",
            "senses_exclude": "빼는 방법: 연구 파일의 queries[].exclude에 그 뜻에만 나오는 말(예: 발레파킹, 철광석)을 적으십시오. "
                              "제목이나 본문 발췌에 그 말(대소문자 무관, 정규식이 아닌 문자열)이 든 그 검색어의 문서는 분석 전에 빠지며, "
                              "빠진 수는 출처별 문서 표의 '제외어로 제외' 열에 연도별로 나옵니다.",
        },
        "en": {
            "title": "Collection",
            "excluded": "excluded",
            "rejected": "rows rejected",
            "sources_caption": (
                "Documents per query × year × source: read, URL/id duplicates dropped, excluded by query exclusions, "
                "same-title copies (within 7 days), near-duplicates, kept."
            ),
            "entities_caption": (
                "Names and organisations added to the analyzer's dictionary: entries of the BigKinds 인물/기관 columns "
                "found verbatim in the articles that list them (by documents). Add or remove entries in "
                "lexicon/entities.tsv."
            ),
            "entities_unit": "documents",
            "cleaning_caption": (
                "Boilerplate removed from titles and bodies before tokenizing, per query × year × rule: removals, and "
                "documents with at least one."
            ),
            "cleaning_unit": "removals, documents",
            "senses_title": "Topics that may be other senses of a query word.",
            "senses_caption": "Per query, the LDA topic that puts the least probability on the query's core "
                              "vocabulary (its {core} most "
                              "frequent terms), and any under half the topics' median: the terms "
                              "over-represented in the documents whose "
                              "dominant topic it is, against the query's other documents, and example titles.",
            "senses_unit": "core-vocabulary share: 0–1, documents",
            "senses_formula": "core_share = Σ φ(w), w ∈ the query's {core} most frequent terms; "
                              "distinctive_terms: weighted log-odds z (Monroe et al. 2008)",
            "senses_intro": "Other senses of a query word: the topics below are the furthest from the query's "
                            "core vocabulary. "
                            "If their example titles are not about your subject, drop their documents.",
            "senses_line": "- {label} topic {topic} (core share {share:.2f}, median {median:.2f}; {documents:,} "
                           "documents): {terms}",
            "senses_exclude": "How: list words found only in that sense (for a ballet study, valet parking or "
                              "iron ore, as written in the "
                              "articles) under the query's queries[].exclude in the study "
                              "file. A document of that query whose title or excerpt contains one (a plain "
                              "substring, any case, not a regular "
                              "expression) is left out before anything is counted; the number left out per year "
                              "is the excluded column of "
                              "documents_by_source.",
        },
    },
    "frequency": {
        "ko": {
            "title": "문서 수·빈도·TF-IDF",
            "volume_caption": "검색어별 연도별 분석 문서 수(유사 중복 제외). 막대 높이가 그해 문서 수입니다.",
            "top_terms_caption": (
                "{label}: 연도별 빈도 상위 {n}개 키워드의 1만 토큰당 빈도. 연도마다 문서 수가 달라도 비교할 수 있도록 비율로 나타냈고, 모든 패널이 같은 가로축을 씁니다."
            ),
            "heatmap_caption": (
                "{label}: 키워드(행) × 연도(열)의 {value}(칸의 숫자). 색은 행마다 그 키워드가 가장 많이 쓰인 해를 1로 한 상대값이어서, 행 안에서 언제 많이 쓰였는지를 보여 "
                "줍니다(행끼리의 크기 비교는 숫자로)."
            ),
            "volume_table": "검색어 × 연도별 문서 수: 수집, 유사 중복(MinHash, 분석에서 제외), 분석 문서.",
            "freq_table": "검색어 × 연도별 빈도 상위 {n}개 키워드. 빈도 = 그해 검색어 문서에 나온 횟수, 문서 빈도 = 그 단어가 나온 문서 수, 문서 수 = 그해 문서 수.",
            "tfidf_table": "검색어 × 연도별 TF-IDF 상위 {n}개 키워드.",
            "bigram_table": "한 문장 안에서 이웃한 명사 쌍(필터 후) 상위 {n}개: 빈도와 문서 빈도.",
            "freq_wide": "{label}: 연도별 빈도 상위 {n}개 키워드. 연도마다 키워드와 빈도 두 열.",
            "tfidf_wide": "{label}: 연도별 TF-IDF 상위 {n}개 키워드. 연도마다 키워드와 TF-IDF 두 열.",
            "unit_freq": "출현 수(tf), 문서 수(df)",
            "unit_tfidf": "TF-IDF 점수",
            "rate_formula": "1만 토큰당 빈도 = tf ÷ 그해 검색어의 토큰 수 × 10,000; 문서 비율 = df ÷ 문서 수",
            "study_formula": (
                "공통 IDF TF-IDF = tf × ln(연구 기간 전체 문서 수 ÷ 연구 기간에 단어가 나온 문서 수): 검색어마다 모든 연도에 같은 IDF를 써서 연도끼리 비교 가능"
            ),
            "unit_rate": "1만 토큰당 빈도; 문서 비율: 0–1",
        },
        "en": {
            "title": "Volume, frequency and TF-IDF",
            "volume_caption": (
                "Documents analysed per query and year (near-duplicates removed). Bar height is the year's number of "
                "documents."
            ),
            "top_terms_caption": (
                "{label}: the {n} most frequent keywords per year, as occurrences per 10,000 tokens so that years of "
                "different volume compare; all panels share one x-axis."
            ),
            "heatmap_caption": (
                "{label}: {value} of each keyword (row) per year (column), written in the cells. The colour is scaled "
                "per row (the keyword's peak year = 1), so it shows when each keyword was used most; compare rows by "
                "the numbers."
            ),
            "volume_table": (
                "Documents per query × year: collected, near-duplicates (MinHash, excluded from analysis), kept."
            ),
            "freq_table": (
                "Top {n} keywords per query × year by frequency. Frequency = occurrences in the year's documents of "
                "the query; document frequency = documents containing it; documents = documents in the year."
            ),
            "tfidf_table": "Top {n} keywords per query × year by TF-IDF.",
            "bigram_table": (
                "Top {n} adjacent noun pairs within a sentence (after filtering): frequency and document frequency."
            ),
            "freq_wide": (
                "{label}: top {n} keywords per year by frequency; for each year a keyword column and a frequency "
                "column."
            ),
            "tfidf_wide": (
                "{label}: top {n} keywords per year by TF-IDF; for each year a keyword column and a TF-IDF column."
            ),
            "unit_freq": "occurrences (tf), documents (df)",
            "unit_tfidf": "TF-IDF score",
            "rate_formula": "per10k = tf ÷ the query's tokens that year × 10,000; doc_share = df ÷ documents",
            "study_formula": (
                "tfidf_study = tf × ln(N_q ÷ df_q), with N_q and df_q over all study years of the query (one IDF for "
                "every year, so years compare)"
            ),
            "unit_rate": "per 10,000 tokens; Share of documents: 0–1",
        },
    },
    "wordclouds": {
        "ko": {
            "title": "워드클라우드",
            "figure": "{label}: 연도별 워드클라우드 (빈도 상위 80개)",
            "caption": "{label}: 연도별 빈도 상위 80개 키워드. 글자 크기는 빈도를 대략적으로만 나타냅니다.",
            "text": "글자 크기는 빈도를 대략적으로만 나타냅니다. 정확한 값은 빈도 표를 보십시오.",
        },
        "en": {
            "title": "Word clouds",
            "figure": "{label}: word clouds per year (top 80 by frequency)",
            "caption": "{label}: the 80 most frequent keywords per year. Word size shows frequency only roughly.",
            "text": "Word size shows frequency only roughly; the frequency tables hold the values.",
        },
    },
}


def section_text(section: str, language: Language) -> dict[str, str]:
    """The display strings of one report section (and the shared ones under 'common') in `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"language: expected one of {', '.join(LANGUAGES)}, got {language!r}")
    return {**SECTION_TEXT["common"][language], **SECTION_TEXT[section][language]}


SECTION_TEXT["keyness"] = {
    "ko": {
        "title": "특징어 분석",
        "queries_title": "{a} 대 {b}: 특징어 (log-odds z)",
        "by_year_title": "{a} 대 {b}: 연도별 특징어 (log-odds z)",
        "periods_title": "기간 비교: {later} 대 {earlier} (log-odds z)",
        "xlabel": "log-odds z (정보적 디리클레 사전분포)",
        "later": "후기",
        "earlier": "전기",
        "rest_title": "검색어별 특징어: 각 검색어 대 나머지 전체 (log-odds z)",
        "rest": "나머지",
        "one_query": "검색어가 하나뿐인 연구이므로 검색어 간 비교는 없고, 전·후기 비교만 제시합니다.",
        "queries_caption": "{a}와 {b}의 특징어. 막대가 오른쪽이면 {a}, 왼쪽이면 {b}에서 상대적으로 더 많이 쓰인 단어이며 길이는 z 값입니다.",
        "by_year_caption": "{a}와 {b}의 연도별 특징어. 패널마다 한 해이며 읽는 법은 앞 그림과 같습니다.",
        "rest_caption": "각 검색어를 나머지 검색어 전체와 비교한 특징어. 패널마다 한 검색어입니다.",
        "periods_caption": "검색어마다 후기({later})를 전기({earlier})와 비교한 특징어. 오른쪽 막대는 후기에 늘어난 단어입니다.",
        "note": (
            "a, b = 대상·기준 문서의 출현 수; 1만 토큰당 빈도; {g2}; 보정 p: {correction}; {log_ratio}; {log_odds}; a + b < {min_count}인 "
            "단어는 검정하지 않음."
        ),
        "queries_table": "{a}(a) 대 {b}(b)의 특징어: 연도별과 전체 기간, 방향마다 G² 상위 {n}개.",
        "rest_table": "{a}(a)를 나머지 검색어 전체(b)와 비교한 특징어: 연도별과 전체 기간, 방향마다 G² 상위 {n}개.",
        "periods_table": (
            "{a}: 후기(a)를 전기(b)와 비교한 특징어, 방향마다 G² 상위 {n}개. p·보정 p는 연도 단위 검정(연도별 출현 수의 두 집단 준포아송, 자유도 T − 2)이며, G²는 효과 "
            "크기로만 읽습니다."
        ),
        "unit": "빈도: 출현 수; 1만 토큰당 빈도; G²: χ²(1); z: 표준정규",
        "text": "{g2}. {log_ratio}. {log_odds}. 다중 검정: {correction}.",
    },
    "en": {
        "title": "Keyness",
        "queries_title": "{a} vs {b}: key terms (log-odds z)",
        "by_year_title": "{a} vs {b}: key terms per year (log-odds z)",
        "periods_title": "Periods: {later} vs {earlier} (log-odds z)",
        "xlabel": "log-odds z (informative Dirichlet prior)",
        "later": "later",
        "earlier": "earlier",
        "rest_title": "Each query against all the others (log-odds z)",
        "rest": "the rest",
        "one_query": (
            "A one-query study has no comparison between queries; the periods of the query are compared instead."
        ),
        "queries_caption": (
            "Key terms of {a} against {b}. A bar to the right marks a term used relatively more in {a}, to the left "
            "more in {b}; its length is z."
        ),
        "by_year_caption": "Key terms of {a} against {b}, one panel per year, read as the previous figure.",
        "rest_caption": "Key terms of each query against all the other queries together, one panel per query.",
        "periods_caption": (
            "Key terms of each query's later period ({later}) against its earlier one ({earlier}); bars to the right "
            "rose in the later period."
        ),
        "note": (
            "a, b = occurrences in target/reference; per10k = per 10,000 tokens; {g2}; adjusted p: {correction}; "
            "{log_ratio}; {log_odds}; terms with a + b < {min_count} not tested."
        ),
        "queries_table": "Key terms of {a} (a) against {b} (b), per year and for all years; top {n} per side by G².",
        "rest_table": (
            "Key terms of {a} (a) against all other queries together (b), per year and for all years; top {n} per side "
            "by G²."
        ),
        "periods_table": (
            "{a}: key terms of the later period (a) against the earlier one (b); top {n} per side by G². p and "
            "adjusted p come from a test with the year as the unit (two-group quasi-Poisson on yearly counts, T − 2 "
            "df); G² is read as an effect size only."
        ),
        "unit": "counts: occurrences; per10k: per 10,000 tokens; G²: χ²(1); z: standard normal",
        "text": "{g2}. {log_ratio}. {log_odds}. Multiple testing: {correction}.",
    },
}

SECTION_TEXT["trends"] = {
    "ko": {
        "title": "부상·쇠퇴 키워드 (추세 검정)",
        "figure": "{label}: 부상·쇠퇴 키워드 (준포아송 추세 검정, 보정 p < {alpha})",
        "rising": "부상",
        "falling": "쇠퇴",
        "ylabel": "1만 토큰당 빈도",
        "per_year": "연",
        "only": "{year}년부터",
        "adj_p": "보정 p",
        "caption": "{label}: 유의하게 늘어난(위) 키워드와 줄어든(아래) 키워드의 1만 토큰당 빈도. 패널 제목 옆 ×값은 연간 증가율입니다.",
        "note": (
            "단위는 연도입니다. 빈도 {min_count}회 이상이고 {min_years}개 연도 이상에 나온 단어마다: "
            "연도별 출현 수 ~ 그해 토큰 수 × exp(a + b·연도), "
            "준포아송(분산 φ·평균, φ = 연도 간 Pearson 과산포, 자유도 T − 2); z = b/표준오차(t 통계량), "
            "p 양측(t 분포, 자유도 T − 2); 보정 p = {correction}(검색어 안에서 검정한 단어들); 보정 p < {alpha}이면 부상/쇠퇴. "
            "1–2개 연도에만 나오거나 출현의 50% 이상이 한 해에 몰린 단어는 일시적 사건으로 따로 표시하며 부상/쇠퇴로 부르지 않습니다. "
            "연간 증가율 = 연간 exp(b)와 95% 신뢰구간(t 분위수); 변화 연도 = 두 수준 계단이 가장 잘 맞는 해(기술 통계); "
            "연도별 열 = 1만 토큰당 출현 수; Mann–Kendall τ·p, 센 기울기: 연도별 비율의 Mann–Kendall 검정과 Sen 기울기(기술 통계)."
        ),
        "tests_table": "검색어별 모든 단어의 추세 검정 결과(준포아송 회귀).",
        "emerging_table": "유의하게 늘어난 키워드(보정 p < {alpha}), z가 큰 순.",
        "fading_table": "유의하게 줄어든 키워드(보정 p < {alpha}), z가 작은 순.",
        "new_table": "그해 처음 나타난 단어(빈도 ≥ {min_count}, 같은 검색어의 이전 연구 연도에는 없음).",
        "unit": "z: t 통계량(자유도 T − 2, 연도 단위); 연간 증가율: 연간 배수; 연도별 열: 1만 토큰당",
        "episodes_table": "일시적 사건(버스트·에피소드): 1–2개 연도에만 나오거나 출현의 50% 이상이 한 해에 몰린 단어. "
        "연도 = 가장 많이 나온 해, 비중 = 그해 몫, 다른 해 대비 배율 = 그해 비율 ÷ 다른 해 비율의 중앙값. "
        "기술 통계이며 추세 검정의 보정에는 영향을 주지 않습니다.",
        "episodes_unit": "비중: 단어 출현 중 그해 몫; 1만 토큰당 빈도: 1만 토큰당",
        "episodes_figure": "{label}: 일시적 사건(버스트·에피소드) 키워드, 연도별 1만 토큰당 빈도",
        "episodes_caption": "{label}: 한두 해에 몰린 단어의 연도별 빈도(진한 막대 = 가장 많이 나온 해). 추세가 아니라 그해의 사건입니다.",
        "power": "{label}: 연구 연도 {years}개로는 한 단어(미리 정한 단어 하나, p < {alpha}, 검정력 80%)가 연간 약 ×{ratio:.2f} 이상 변해야 검출됩니다"
        "(검정한 단어의 중앙 빈도와 과산포 기준; 어휘 전체를 보정하면 더 커야 합니다). 목록이 비었다고 변화가 없다는 뜻은 아닙니다.",
        "summary": "{label}: 부상 {rising}개 / 쇠퇴 {falling}개",
        "tested": "(검정한 단어 {n}개).",
    },
    "en": {
        "title": "Emerging and fading terms (trend tests)",
        "figure": "{label}: emerging and fading terms (quasi-Poisson trend test, adjusted p < {alpha})",
        "rising": "rising",
        "falling": "fading",
        "ylabel": "per 10,000 tokens",
        "per_year": "yr",
        "only": "from {year}",
        "adj_p": "adj. p",
        "caption": (
            "{label}: terms that rose (top) and fell (bottom) significantly, per 10,000 tokens; the ×value beside a "
            "panel title is the yearly rate ratio."
        ),
        "note": (
            "The unit is the year. Per term with ≥ {min_count} occurrences present in ≥ {min_years} years: "
            "occurrences per year ~ "
            "the year's tokens × exp(a + b·year), quasi-Poisson (variance φ·mean, φ = Pearson dispersion between "
            "years, T − 2 df); "
            "z = the t statistic b/SE, p two-sided from Student's t on T − 2 df; adjusted p = {correction} over "
            "the tested terms "
            "of each query; rising/falling when adjusted p < {alpha}. Terms present in 1–2 years, or with ≥ 50% of "
            "their occurrences "
            "in one year, are episodes, listed apart and never called rising or falling. rate_ratio = exp(b) per "
            "year with its 95% CI (t quantile); "
            "change_year = the year a two-level step fits best (descriptive); per10k_<year> = occurrences per "
            "10,000 tokens; "
            "mk_tau, mk_p, sen_slope: Mann–Kendall and Sen's slope over the yearly rates, descriptive only."
        ),
        "tests_table": "Trend test of every term of each query (quasi-Poisson regression).",
        "emerging_table": "Terms with a significant rising trend (adjusted p < {alpha}), largest z first.",
        "fading_table": "Terms with a significant falling trend (adjusted p < {alpha}), most negative z first.",
        "new_table": "Terms that occur (tf ≥ {min_count}) in a year and in no earlier study year of the same query.",
        "unit": "z: t statistic (T − 2 df, years as the unit); rate_ratio: × per year; per10k: per 10,000 tokens",
        "episodes_table": "Bursts and episodes: terms present in 1–2 years or with ≥ 50% of their occurrences in one "
        "year. year = "
        "the peak year, "
        "share = its share of the occurrences, ratio_to_others = that year's rate over the median rate of the "
        "other years. "
        "Descriptive; it does not change the trend tests' correction.",
        "episodes_unit": "share: of the term's occurrences; per10k: per 10,000 tokens",
        "episodes_figure": "{label}: bursts and episodes, per 10,000 tokens by year",
        "episodes_caption": (
            "{label}: terms concentrated in one or two years, their yearly rate (dark bar = the peak year). An event "
            "of that year, not a trend."
        ),
        "power": "{label}: with {years} study years a term needs a rate ratio of about ×{ratio:.2f} per year to be "
        "detectable "
        "(one pre-chosen term, p < {alpha}, 80% power, at the tested terms' median frequency and dispersion; more "
        "after correction "
        "over the vocabulary). An empty list does not mean that nothing changed.",
        "summary": "{label}: {rising} rising / {falling} falling",
        "tested": "(of {n} terms tested).",
    },
}

SECTION_TEXT["convergence"] = {
    "ko": {
        "title": "담론의 수렴",
        "figure": "{a}·{b}의 연도별 어휘 유사도",
        "jaccard": "상위 {n}개 키워드 Jaccard",
        "cosine": "TF-IDF 코사인 유사도",
        "matrix": "검색어 쌍별 TF-IDF 코사인 유사도",
        "first": "{year}년",
        "last": "{year}년",
        "one_query": "검색어가 하나뿐인 연구이므로 담론의 수렴(검색어 간 비교)은 분석하지 않았습니다.",
        "caption": (
            "{a}·{b}의 연도별 유사도: 왼쪽은 상위 {n}개 키워드의 Jaccard 계수, 오른쪽은 TF-IDF 코사인 유사도. 회색 띠와 점선은 그해 두 "
            "검색어의 문서를 무작위로 {permutations}번 다시 나눴을 때의 유사도(95% 범위와 평균)로, 선이 띠 아래에 있으면 두 담론은 한 "
            "문서 더미에서 나눈 것보다 다릅니다. 선이 오르면 두 담론이 가까워진 것입니다."
        ),
        "matrix_caption": (
            "검색어 쌍마다 첫해와 마지막 해의 TF-IDF 코사인 유사도와 (괄호 안) 무작위 재배정 기준선. 색은 유사도 − 기준선: 빨강은 "
            "기준선보다 먼 담론, 파랑은 가까운 담론."
        ),
        "by_year_table": (
            "연도별 검색어 쌍의 어휘 유사도: Jaccard = 빈도 상위 {n}개 단어의 |A∩B| / |A∪B|; TF-IDF 코사인 = 전체 단어 TF-IDF 벡터의 코사인; 공통 키워드 = 두 "
            "상위 목록에 모두 있는 단어(순위 합이 작은 순); 기준선 = 그해 두 검색어의 문서를 무작위로 다시 나눴을 때의 평균(하한·상한 "
            "2.5–97.5%), 기준선 미만 p = 그 값 이하인 재배정의 비율."
        ),
        "trend_table": "Jaccard와 TF-IDF 코사인의 첫해·마지막 해 값, 연간 Sen 기울기, Mann–Kendall p.",
        "unit": (
            "자카드 계수·TF-IDF 코사인: 0–1 (1 = 같음); 자카드 계수 센 기울기·TF-IDF 코사인 센 기울기: 연간 변화; 자카드 계수 p·TF-IDF 코사인 p: "
            "0–1; 자카드 계수 기준선 미만 연도 수·TF-IDF 코사인 기준선 미만 연도 수: 연도 수"
        ),
        "verdict_label": "판정",
        "verdict_untested": "연도가 3개 미만이라 추세를 검정할 수 없음",
        "verdict_rising": "유사도 증가 추세 ({n}개 연도, p = {p:.2g})",
        "verdict_falling": "유사도 감소 추세 ({n}개 연도, p = {p:.2g})",
        "verdict_no_trend": "유의한 유사도 추세 없음 ({n}개 연도, p = {p:.2g}; 연도별 값 {n}개로는 꾸준하고 큰 변화만 검출됨)",
        "baseline_line": (
            "무작위 재배정 기준선(두 검색어의 그해 문서를 무작위로 {permutations}번 나눠 다시 계산한 유사도): TF-IDF 코사인이 "
            "{years}개 연도 중 {below}개에서 기준선보다 낮음(p < {alpha})"
        ),
        "baseline": "무작위 재배정 기준선(95% 범위)",
        "baseline_word": "기준선",
        "excess": "TF-IDF 코사인 - 기준선",  # drawn in a figure: NanumGothic has no U+2212
        "detail": (
            "TF-IDF 코사인 {c0:.3f} → {c1:.3f} (Sen 기울기 연 {slope:+.4f}, Mann–Kendall p = {p:.3g}); Jaccard {j0:.3f} → "
            "{j1:.3f} (Mann–Kendall p = {jp:.3g})"
        ),
    },
    "en": {
        "title": "Convergence",
        "figure": "Vocabulary similarity of {a} and {b} by year",
        "jaccard": "Jaccard of top-{n} keywords",
        "cosine": "TF-IDF cosine similarity",
        "matrix": "TF-IDF cosine similarity of every pair of queries",
        "first": "{year}",
        "last": "{year}",
        "one_query": "A one-query study has no second discourse to converge with, so this section is left out.",
        "caption": (
            "Similarity of {a} and {b} per year: left the Jaccard coefficient of the top {n} keywords, right the "
            "TF-IDF cosine similarity. The grey band and dashed line are the similarity after splitting the two "
            "queries' documents of the year at random, {permutations} times (95% range and mean): a line below the "
            "band means discourses more different than two halves of one pile. A rising line means the discourses "
            "move closer."
        ),
        "matrix_caption": (
            "TF-IDF cosine similarity of every pair of queries in the first and the last year, with (in brackets) "
            "its random-reassignment baseline; the colour is similarity − baseline: red further apart than chance, "
            "blue closer."
        ),
        "by_year_table": (
            "Per year and pair of queries: Jaccard = |A∩B| / |A∪B| of the two queries' top {n} terms by frequency; "
            "TF-IDF cosine = cosine of their TF-IDF vectors over all terms; shared terms = terms in both top lists, "
            "smallest rank sum first; baseline = the mean over random reassignments of the two queries' documents of "
            "the year (low/high: 2.5–97.5 %), p below baseline = the share of reassignments at or below the value."
        ),
        "trend_table": (
            "First/last value, Sen's slope per year and Mann–Kendall p of Jaccard and TF-IDF cosine over the years."
        ),
        "unit": (
            "Jaccard·TF-IDF cosine: 0–1 (1 = identical); Jaccard Sen slope·TF-IDF cosine Sen slope: change per year; "
            "Jaccard p·TF-IDF cosine p: 0–1; Jaccard years below baseline·TF-IDF cosine years below baseline: years"
        ),
        "verdict_label": "Verdict",
        "verdict_untested": "fewer than 3 years: no trend test",
        "verdict_rising": "similarity rising ({n} years, p = {p:.2g})",
        "verdict_falling": "similarity falling ({n} years, p = {p:.2g})",
        "verdict_no_trend": (
            "no significant similarity trend ({n} years, p = {p:.2g}; {n} yearly values detect only a steady, "
            "large change)"
        ),
        "baseline_line": (
            "Random-reassignment baseline (the similarity recomputed after splitting the two queries' documents of "
            "the year at random, {permutations} times): the TF-IDF cosine lies below it in {below} of {years} years "
            "(p < {alpha})"
        ),
        "baseline": "random-reassignment baseline (95% range)",
        "baseline_word": "baseline",
        "excess": "TF-IDF cosine - baseline",
        "detail": (
            "TF-IDF cosine {c0:.3f} → {c1:.3f} (Sen {slope:+.4f}/yr, Mann–Kendall p = {p:.3g}); Jaccard {j0:.3f} → "
            "{j1:.3f} (Mann–Kendall p = {jp:.3g})"
        ),
    },
}

SECTION_TEXT["network"] = {
    "ko": {
        "title": "동시출현 네트워크",
        "years_caption": (
            "{label}: 연도별 키워드 동시출현 네트워크(연도마다 상위 {n}개 노드). 위치는 모든 연도에 공통이라 자리를 옮긴 단어가 변화이며, 색은 구성원이 겹치는 커뮤니티끼리 같고, 원 "
            "크기는 빈도, 선 굵기는 연결 강도입니다."
        ),
        "network_link": "{label} {year} 네트워크",
        "years_subset": (
            " {total}개 연도 중 {shown}개 연도(처음, 마지막, 그 사이 고른 간격)만 그렸고, "
            "그 연도의 네트워크·CONCOR 그림은 아래에 링크했습니다. "
            "빠진 연도({years})의 그림은 `trendscope figures --all`로 그립니다(표에는 모든 연도가 있습니다)."
        ),
        "years_subset_all": (
            " {total}개 연도 중 {shown}개 연도(처음, 마지막, 그 사이 고른 간격)만 그렸습니다. "
            "모든 연도의 네트워크·CONCOR 그림은 아래에 링크했습니다(빠진 연도: {years})."
        ),
        "concor_link": "{label} {year} CONCOR",
        "slope_caption": "{label}: {measure} 순위(1위가 위)의 연도별 변화. 순위 변화가 동순위 폭보다 큰 단어만 그렸고, 가장 크게 움직인 단어를 색으로 표시했습니다.",
        "slope_figure_caption": "순위 변화가 동순위 폭보다 큰 단어만",
        "net_caption": "{unit} 단위 동시출현 · 가중치 {weight} · Louvain (seed {seed})",
        "concor_caption": "{n}개 단어의 동시출현 수에 대한 CONCOR · 대각 {diagonal}",
        "nodes_drawn": "노드 {drawn}/{total}개",
        "backbone": "최대 신장 트리 + 노드마다 가장 강한 연결",
        "centrality_table": (
            "검색어 × 연도별 {measure} 상위 {n}개 노드(동률은 가장 낮은 순위를 공유, 동순위 수 = 공유한 수); {paths}; 강도 중심성 = 가중 연결 수 / ((n−1) · 최대 "
            "가중치); 고유벡터 중심성과 페이지랭크는 {weight} 가중; CONCOR 수렴 = 아니오이면 그 블록의 CONCOR 분할이 최대 반복 횟수에서 멈춘 것(분할이 임의적)."
        ),
        "paths_weighted": "매개·근접 중심성은 거리 1/가중치로",
        "paths_hops": "매개·근접 중심성은 단계 수로",
        "communities_table": (
            "모든 노드의 Louvain 커뮤니티(seed {seed}, 해상도 {resolution})와 CONCOR 블록(깊이 {depth}, 대각 {diagonal})."
        ),
        "edges_table": (
            "남긴 연결(동시출현 ≥ {min_count}, 노드마다 상위 {top_k}개, {unit} 단위); {jaccard}; {npmi}; 골격 연결 = {weight} 기준 최대 신장 "
            "트리."
        ),
        "distinct_table": "연도별: 한 검색어의 {measure} 상위 {n}개 중 그해 다른 검색어 네트워크에 없는 단어.",
        "rank_table": (
            "{label}: 어느 해든 상위 {n}개에 든 단어의 연도별 {measure} 순위(<연도> 동순위 수 = 같은 순위를 공유한 단어 수); 순위 변화 = 첫해 − 마지막 해(양수 = "
            "상승); 동순위 폭 초과 = 변화가 동순위 폭보다 큼."
        ),
        "unit": "연결 중심성·강도 중심성·매개 중심성·고유벡터 중심성·페이지랭크: 0–1; 근접 중심성: 평균 거리의 역수(거리 = 1/가중치이면 1보다 큼); 가중 연결 수: 연결 가중치의 합",
        "text": (
            "{unit} 단위 동시출현{window}; 노드: {nodes_by} 기준 상위 {top_n}개 단어; 가중치: {formula}. Gephi용 GraphML·GEXF 파일: "
            "networks/ 폴더 ({count}개)."
        ),
        "window_size": " (창 {n}토큰)",
        "concor_ok": "CONCOR는 {n}개 네트워크의 모든 분할에서 수렴했습니다.",
        "concor_failed": "CONCOR가 {total}개 중 {n}개 네트워크({which})에서 최대 반복 횟수 안에 수렴하지 않았습니다. 수렴하지 않은 분할의 블록은 임의적입니다.",
    },
    "en": {
        "title": "Co-occurrence networks",
        "years_caption": (
            "{label}: keyword co-occurrence networks per year (top {n} nodes each). Positions are shared by all years, "
            "so a term that moves marks a change; colours follow communities across years by member overlap; node size "
            "is frequency, edge width the weight."
        ),
        "network_link": "{label} {year} network",
        "years_subset": (
            " {shown} of {total} years are drawn (first, last and evenly spaced between), "
            "and those years' network and CONCOR figures are linked below; "
            "`trendscope figures --all` draws the other years' ({years}); the tables hold every year."
        ),
        "years_subset_all": (
            " {shown} of {total} years are drawn (first, last and evenly spaced between); "
            "every year's network and CONCOR figure is linked below (years not drawn here: {years})."
        ),
        "concor_link": "{label} {year} CONCOR",
        "slope_caption": (
            "{label}: {measure} rank (1 on top) per year. Only terms whose change exceeds the tie width are drawn; the "
            "largest movers are coloured."
        ),
        "slope_figure_caption": "only terms whose change exceeds the tie width",
        "net_caption": "co-occurrence per {unit} · weight {weight} · Louvain (seed {seed})",
        "concor_caption": "CONCOR on co-occurrence counts of {n} terms · diagonal {diagonal}",
        "nodes_drawn": "{drawn}/{total} nodes",
        "backbone": "maximum spanning tree + strongest edge per node",
        "centrality_table": (
            "Top {n} nodes per query × year by {measure} (rank: tied values share the lowest rank; tied = how many "
            "share it); {paths}; strength centrality = weighted degree / ((n−1) · largest weight); eigenvector and "
            "PageRank weighted by {weight}; concor_converged = false where the CONCOR split of the node's block "
            "stopped at max_iter (its sign split is arbitrary)."
        ),
        "paths_weighted": "betweenness and closeness on distances 1/weight",
        "paths_hops": "betweenness and closeness on hop counts",
        "communities_table": (
            "Louvain community (seed {seed}, resolution {resolution}) and CONCOR blocks (depth {depth}, diagonal "
            "{diagonal}) of every node."
        ),
        "edges_table": (
            "Edges kept (count ≥ {min_count}, top {top_k} per node) over {unit}s; {jaccard}; {npmi}; backbone = "
            "maximum spanning tree by {weight}."
        ),
        "distinct_table": (
            "Per year: terms in one query's top {n} by {measure} that are not nodes of any other query's network that "
            "year."
        ),
        "rank_table": (
            "{label}: rank by {measure} per year of the terms in the top {n} of any year (tied_<year> = terms sharing "
            "that rank); change = first year − last year (positive = rose); change_beyond_ties = the change is larger "
            "than the tie width."
        ),
        "unit": (
            "Degree centrality·Strength centrality·Betweenness·Eigenvector·PageRank: 0–1; Closeness: 1 / mean distance "
            "(above 1 when distance = 1/weight); Weighted degree: sum of edge weights"
        ),
        "text": (
            "Co-occurrence within a {unit}{window}; nodes: top {top_n} terms by {nodes_by}; weight: {formula}. GraphML "
            "and GEXF files for Gephi: the networks/ folder ({count} files)."
        ),
        "window_size": " of {n} tokens",
        "concor_ok": "CONCOR converged in every split of all {n} networks.",
        "concor_failed": (
            "CONCOR did not converge within max_iter in {n} of {total} networks ({which}); the blocks of their "
            "unconverged splits are arbitrary sign splits."
        ),
    },
}

SECTION_TEXT["topics"] = {
    "ko": {
        "title": "토픽 모델링 (LDA)",
        "none": "이 실행에는 토픽 모델이 없습니다. ",
        "not_modelled": "모델링하지 않음: {label} ({why}). ",
        "k_caption": "검색어별 토픽 수 K에 따른 일관성(c_v, u_mass, 높을수록 좋음)과 혼잡도(낮을수록 좋음). 속이 빈 동그라미(○)가 선택된 K입니다 ({rule}).",
        "area_caption": "{label}: 연도별 토픽 비중(각 해의 합 = 1). 띠의 두께가 그해 그 토픽의 평균 비중입니다.",
        "lines_caption": "{label}: 토픽별 연도별 비중을 선으로 따로 그린 것. 오르는 선이 커지는 토픽입니다.",
        "terms_caption": (
            "{label}: 토픽마다 관련성(λ = {lam}) 상위 {n}개 단어. 막대 길이는 단어 확률 φ입니다(관련성은 어떤 단어를 보일지만 정합니다). † = 다른 시드로 다시 적합하면 잘 "
            "재현되지 않는 토픽."
        ),
        "similarity_caption": "{a}의 토픽(행)과 {b}의 토픽(열) 사이의 단어 분포 유사도(1 − JS 거리). 색 척도는 0–1로 고정되어 진한 칸만 비슷한 토픽입니다.",
        "similarity_caption_baseline": (
            "{a}의 토픽(행)과 {b}의 토픽(열) 사이의 단어 분포 유사도(1 − JS 거리). 기준선: 두 검색어의 문서를 무작위로 다시 나눠 각각 같은 K로 "
            "적합하기를 {permutations}번 했을 때 토픽 쌍의 평균 유사도는 {cell:.2f}(색 척도의 가운데: 주황은 그보다 가깝고 보라는 멀다), 같은 "
            "주제의 최선 대응은 {match_low:.2f} 이상(2.5%)이었습니다. 테두리 칸은 그만큼 가까운 토픽 쌍입니다."
        ),
        "k_table": (
            "검색어별 K 탐색: 일관성 c_v와 u_mass(상위 {topn}개 단어, gensim CoherenceModel의 공식), 학습 문서의 혼잡도 {perplexity}. 선택 규칙: "
            "{rule}."
        ),
        "terms_table": (
            "토픽별 상위 {n}개 단어: 확률 φ 기준과 관련성 λ·log φ + (1−λ)·log(φ / p(w)) 기준, λ = {lam} (Sievert & Shirley 2014)."
        ),
        "prevalence_table": "비중 = 그해 문서들의 평균 토픽 비중 θ(각 해의 합 = 1); 문서 수 = 그 토픽이 주 토픽인 문서 수.",
        "docs_table": "토픽마다 그 토픽 비중이 가장 큰 문서 {n}건.",
        "similarity_table": "한 검색어의 모든 토픽 대 다른 검색어의 모든 토픽: 합집합 어휘에서 단어 분포의 1 − Jensen–Shannon 거리(밑 2)와 코사인.",
        "stability_table": (
            "보고한 모델(연구 seed)의 토픽을 같은 K로 다른 seed {seeds}개로 다시 적합한 토픽과 일대일로 짝지음(헝가리안 알고리즘, JS 유사도); stability = 짝지은 유사도 "
            "평균, stable = stability ≥ {threshold}(불안정 토픽은 이름에 † 표시)."
        ),
        "alignment_table": "연도별 모델(선택한 K)을 이웃한 해끼리 JS 유사도로 짝지음(헝가리안 알고리즘); 임계값 {threshold}: 지속 / 분리 / 병합 / 등장 / 소멸.",
        "year_terms_table": "연도별 모델: 토픽마다 관련성 상위 단어.",
        "unit_prob": "확률 φ, 관련성 점수",
        "unit_share": "비중: 0–1",
        "unit_js": "JS 유사도: 0–1",
        "text_k": "검색어별 LDA ({ks}). K: {rule}. ",
        "stability_line": "시드 안정성, {label}: 토픽 {k}개 중 {stable}개 안정 (평균 {mean:.2f}). ",
        "rule": "c_v 일관성이 가장 높은 K; 최고값과 {tolerance} 이내인 K가 여럿이면 가장 작은 K",
        "rule_fixed": "topics.k로 고정",
        "dagger": "† = 다른 시드로는 잘 재현되지 않는 토픽(안정도 < {threshold}). ",
        "pages": "대화형 토픽 페이지(LDAvis): topics/ 폴더. ",
        "labels_help": "토픽 이름 바꾸기: topics/{template}을 복사해 고친 뒤 topics.labels_file에 지정하십시오. ",
        "ldavis_title": "{label} — LDA 토픽 (LDAvis)",
        "ldavis_note": "{label} · K = {k} · {years} · {source}. 토픽 번호는 보고서 표와 같습니다.",
        "lda_source": "LDA ({engine}), seed {seed}",
        # Table titles (the page's one-line caption above each table).
        "k_table_title": "검색어별 K 탐색.", "terms_table_title": "토픽별 상위 {n}개 단어.",
        "prevalence_table_title": "연도별 토픽 비중.", "docs_table_title": "토픽마다 비중이 가장 큰 문서 {n}건.",
        "similarity_table_title": "검색어 간 토픽 유사도.", "stability_table_title": "토픽의 시드 안정성.",
        "alignment_table_title": "연도별 모델의 토픽 연결.", "year_terms_table_title": "연도별 모델의 토픽 단어.",
    },
    "en": {
        "title": "Topics (LDA)",
        "none": "No topic model in this run. ",
        "not_modelled": "Not modelled: {label} ({why}). ",
        "k_caption": (
            "Coherence (c_v, u_mass: higher is better) and perplexity (lower is better) by number of topics K per "
            "query; the open ring (○) marks the chosen K ({rule})."
        ),
        "area_caption": (
            "{label}: topic share per year (each year sums to 1); a band's thickness is the topic's mean share that "
            "year."
        ),
        "lines_caption": (
            "{label}: the share of each topic per year as separate lines; a rising line is a growing topic."
        ),
        "terms_caption": (
            "{label}: the top {n} terms of each topic by relevance (λ = {lam}); bar length is the term probability φ "
            "(relevance only chooses which terms are shown). † = a topic that does not reappear reliably when refitted "
            "with other seeds."
        ),
        "similarity_caption": (
            "Similarity (1 − JS distance) of the term distributions of {a}'s topics (rows) and {b}'s topics (columns). "
            "The scale is fixed at 0–1, so only dark cells are similar topics."
        ),
        "similarity_caption_baseline": (
            "Similarity (1 − JS distance) of the term distributions of {a}'s topics (rows) and {b}'s topics (columns). "
            "Baseline: with the two queries' documents reassigned at random and each half fitted with the same K, "
            "{permutations} times, a pair of topics scored {cell:.2f} on average (the centre of the colour scale: "
            "orange closer, purple further) and a topic's best match at least {match_low:.2f} (2.5 %). Framed cells "
            "are as close as that."
        ),
        "k_table": (
            "K sweep per query: coherence c_v and u_mass (top {topn} terms, gensim CoherenceModel's formulas) and "
            "perplexity {perplexity} on the training documents. Rule: {rule}."
        ),
        "terms_table": (
            "Top {n} terms per topic by probability φ and by relevance λ·log φ + (1−λ)·log(φ / p(w)), λ = {lam} "
            "(Sievert & Shirley 2014)."
        ),
        "prevalence_table": (
            "share = mean topic share θ over the year's documents (each year sums to 1); documents = documents whose "
            "dominant topic it is."
        ),
        "docs_table": "The {n} documents with the highest share of each topic.",
        "similarity_table": (
            "Every topic of one query against every topic of the other: 1 − Jensen–Shannon distance (base 2) of the "
            "term distributions on the union vocabulary, and cosine."
        ),
        "stability_table": (
            "Each topic of the reported model (study seed) paired one-to-one (Hungarian algorithm, JS similarity) with "
            "the topics of the same K refitted with {seeds} other seeds; stability = mean paired similarity, stable = "
            "stability ≥ {threshold} (unstable topics are marked † in every label)."
        ),
        "alignment_table": (
            "Per-year models (K as chosen) aligned between consecutive years by the Hungarian algorithm on JS "
            "similarity; threshold {threshold}: persists / split / merge / appears / fades."
        ),
        "year_terms_table": "Per-year models: top terms of each topic by relevance.",
        "unit_prob": "probability φ, relevance score",
        "unit_share": "Share: 0–1",
        "unit_js": "JS similarity: 0–1",
        "text_k": "LDA per query ({ks}). K: {rule}. ",
        "stability_line": "Seed stability, {label}: {stable} of {k} topics stable (mean {mean:.2f}). ",
        "rule": "K with the highest c_v coherence; among Ks whose c_v is within {tolerance} of the best, the smallest",
        "rule_fixed": "fixed by topics.k",
        "dagger": "† = a topic that does not reappear reliably with other seeds (stability < {threshold}). ",
        "pages": "Interactive topic pages (LDAvis): the topics/ folder. ",
        "labels_help": "To rename topics: copy topics/{template}, edit it, and set topics.labels_file to it. ",
        "ldavis_title": "{label} — LDA topics (LDAvis)",
        "ldavis_note": "{label} · K = {k} · {years} · {source}. Topic numbers match the report tables.",
        "lda_source": "LDA ({engine}), seed {seed}",
        "k_table_title": "K sweep per query.", "terms_table_title": "Top {n} terms per topic.",
        "prevalence_table_title": "Topic shares per year.",
        "docs_table_title": "The {n} documents with the highest share of each topic.",
        "similarity_table_title": "Topic similarity between queries.",
        "stability_table_title": "Seed stability of the topics.",
        "alignment_table_title": "Topics of the per-year models linked across years.",
        "year_terms_table_title": "Topic terms of the per-year models.",
    },
}

# Part-of-speech names of text/pos.py, as the methods paragraph writes them.
POS_NAMES: dict[str, dict[Language, str]] = {
    "noun": {"ko": "일반명사", "en": "common nouns"},
    "proper_noun": {"ko": "고유명사", "en": "proper nouns"},
    "bound_noun": {"ko": "의존명사", "en": "bound nouns"},
    "pronoun": {"ko": "대명사", "en": "pronouns"},
    "number": {"ko": "수사", "en": "numerals"},
    "verb": {"ko": "동사", "en": "verbs"},
    "adjective": {"ko": "형용사", "en": "adjectives"},
    "adverb": {"ko": "부사", "en": "adverbs"},
    "determiner": {"ko": "관형사", "en": "determiners"},
    "interjection": {"ko": "감탄사", "en": "interjections"},
    "particle": {"ko": "조사", "en": "particles"},
    "ending": {"ko": "어미", "en": "endings"},
    "affix": {"ko": "접사", "en": "affixes"},
    "root": {"ko": "어근", "en": "roots"},
    "foreign": {"ko": "외국어", "en": "foreign words"},
    "hanja": {"ko": "한자", "en": "hanja"},
    "symbol": {"ko": "기호", "en": "symbols"},
}


def pos_name(tag: str, language: Language) -> str:
    return POS_NAMES.get(tag, {}).get(language, tag)


# Categorical values as the reader sees them (workbook and page); the CSVs keep the ASCII codes scripts compare against.
# Keyed by column name, then by code, so "rising" in `trend` and a term that happens to read "rising" never mix.
_TREND_VALUES = {
    "rising": {"ko": "증가", "en": "rising"},
    "falling": {"ko": "감소", "en": "falling"},
    "no trend": {"ko": "추세 없음", "en": "no trend"},
    "not tested": {"ko": "검정 안 함", "en": "not tested"},
    "episode": {"ko": "일시적 사건", "en": "episode"},
}
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "trend": _TREND_VALUES,
    "direction": {
        **_TREND_VALUES,
        "target": {"ko": "비교 대상 쪽", "en": "target"},
        "reference": {"ko": "기준 쪽", "en": "reference"},
        "untested": {"ko": "검정 안 함", "en": "not tested"},
    },
    "ranking": {"probability": {"ko": "확률", "en": "probability"}, "relevance": {"ko": "관련성", "en": "relevance"}},
    "family": {"vocabulary": {"ko": "전체 어휘", "en": "vocabulary"}, "focus": {"ko": "관심 단어", "en": "focus terms"}},
    "untested_reason": {"few_years": {"ko": "나온 연도가 너무 적음", "en": "present in too few years"},
                        "few_study_years": {"ko": "연구 연도가 3개 미만", "en": "fewer than 3 study years"}},
    "verdict": {
        "rising": {"ko": "유사도 증가", "en": "similarity rising"},
        "falling": {"ko": "유사도 감소", "en": "similarity falling"},
        "no_trend": {"ko": "추세 없음", "en": "no trend"},
        "untested": {"ko": "검정 불가(3년 미만)", "en": "not tested (< 3 years)"},
    },
    "rule": {
        "bracket_tags": {"ko": "괄호 태그", "en": "bracket tags"},
        "bylines": {"ko": "기자 서명", "en": "bylines"},
        "copyright": {"ko": "저작권 문구", "en": "copyright notices"},
        "emails": {"ko": "이메일", "en": "e-mail addresses"},
        "outlet_names": {"ko": "언론사명", "en": "outlet names"},
        "photo_credits": {"ko": "사진 출처", "en": "photo credits"},
        "urls": {"ko": "URL", "en": "URLs"},
    },
}
BOOLEAN_VALUES: dict[Language, tuple[str, str]] = {"ko": ("예", "아니오"), "en": ("yes", "no")}

# The study file's source keys (sources.bigkinds …) as a reader names them: captions and the collection table.
SOURCE_NAMES: dict[str, dict[str, str]] = {
    "bigkinds": {"ko": "BigKinds", "en": "BigKinds"},
    "naver": {"ko": "네이버 뉴스 검색 API", "en": "Naver News Search API"},
    "files": {"ko": "연구자 제공 파일", "en": "the researcher's files"},
    "demo": {"ko": "데모 코퍼스", "en": "demo corpus"},
}
# Values worded only in one table's column: `source` is a source key in the collection table, a term in network_edges.
TABLE_VALUES: dict[tuple[str, str], dict[str, dict[str, str]]] = {
    ("documents_by_source", "source"): SOURCE_NAMES,
}


def source_label(key: str, language: Language) -> str:
    """A source key as the reader names it (a source added without an entry keeps its key)."""
    return SOURCE_NAMES.get(key, {}).get(language, key)

# Study settings as a reader sees them in captions, notes and the workbook: the study file's codes (concor.diagonal:
# ignore) in the report language.  Keyed by config path; a choice the report prints and this table lacks is a KeyError,
# not a raw code on the page (tests/report/test_i18n.py checks every choice of these settings in both languages).
SETTING_VALUES: dict[str, dict[str, dict[Language, str]]] = {
    "network.concor.diagonal": {
        "ignore": {"ko": "무시", "en": "ignored"},
        "retain": {"ko": "유지", "en": "retained"},
        "reciprocal": {"ko": "상호 값으로 대체", "en": "replaced by reciprocal values"},
    },
    "network.weight": {
        "count": {"ko": "동시출현 수", "en": "co-occurrence count"},
        "jaccard": {"ko": "Jaccard 계수", "en": "Jaccard coefficient"},
        "npmi": {"ko": "NPMI", "en": "NPMI"},
    },
}


def setting_value(path: str, value: object, language: Language) -> str:
    """A study setting's value as the report writes it: yes/no for a switch, the worded choice for a code of
    SETTING_VALUES (KeyError for a code it lacks), numbers and free text as they are."""
    if isinstance(value, bool):
        return BOOLEAN_VALUES[language][0 if value else 1]
    if path in SETTING_VALUES:
        return SETTING_VALUES[path][str(value)][language]
    return str(value)


# The workbook's 목차 formula column and the page's notes: one formula per table family, in the report language.
FORMULAS: dict[str, dict[Language, str]] = {
    "trend_model": {
        "ko": "log E[그해 출현 수] = log 그해 토큰 수 + a + b·연도; t = b/표준오차(자유도 T − 2); 연간 증가율 = exp(b)",
        "en": "log E[count per year] = log tokens per year + a + b·year; t = b/SE on T − 2 df; rate_ratio = exp(b)",
    },
    "centrality": {
        "ko": "연결 중심성 = k / (n−1); 강도 중심성 = Σw / ((n−1)·최대 w); 매개·근접·고유벡터 중심성, 페이지랭크(networkx)",
        "en": (
            "degree = k / (n−1); strength = Σw / ((n−1)·max w); betweenness, closeness, eigenvector, PageRank "
            "(networkx)"
        ),
    },
    "communities": {
        "ko": "Louvain 모듈성 최적화; CONCOR = Pearson 상관의 반복 계산",
        "en": "Louvain modularity; CONCOR = iterated Pearson correlation",
    },
    "relevance": {"ko": "관련성 = λ·log φ + (1−λ)·log(φ / p(w))", "en": "relevance = λ·log φ + (1−λ)·log(φ / p(w))"},
    "prevalence": {"ko": "비중 = 그해 문서들의 θ 평균", "en": "share = mean θ over the year's documents"},
    "perplexity": {"ko": "혼잡도 = {perplexity}", "en": "perplexity = {perplexity}"},
    "convergence": {
        "ko": "Jaccard = |A∩B| / |A∪B|; 코사인 = A·B / (|A| |B|)",
        "en": "Jaccard = |A∩B| / |A∪B|; cosine = A·B / (|A| |B|)",
    },
    "sen_slope": {
        "ko": "Sen 기울기 = median((x_j − x_i) / (j − i)); Mann–Kendall S",
        "en": "Sen slope = median((x_j − x_i) / (j − i)); Mann–Kendall S",
    },
}


def formula(key: str, language: Language, **values: object) -> str:
    return FORMULAS[key][language].format(**values) if values else FORMULAS[key][language]


def display_values(frame: pd.DataFrame, language: Language, table: str = "") -> pd.DataFrame:
    """A copy of `frame` (the table named `table`) with categorical codes and booleans in the report language (codes
    without an entry unchanged)."""
    import pandas as pd

    out = frame.copy()
    yes, no = BOOLEAN_VALUES[language]

    def missing(v: object) -> bool:
        return v is None or v is pd.NA or (isinstance(v, float) and v != v)

    for column in out.columns:
        series = out[column]
        values = TABLE_VALUES.get((table, str(column))) or VALUES.get(str(column))
        items = series.tolist()
        if pd.api.types.is_bool_dtype(series) or (
            series.dtype == object
            and any(isinstance(v, bool) for v in items)
            and all(isinstance(v, bool) or missing(v) for v in items)
        ):
            out[column] = pd.Series(
                [None if missing(v) else (yes if v else no) for v in items], index=out.index, dtype=object
            )
        elif values and not pd.api.types.is_numeric_dtype(series):
            out[column] = pd.Series(
                [values[v][language] if isinstance(v, str) and v in values else v for v in items],
                index=out.index,
                dtype=object,
            )
    return out
