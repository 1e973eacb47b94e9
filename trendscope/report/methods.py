"""The methods paragraph of a study, written from its configuration and run facts, in Korean and English."""

from __future__ import annotations

from dataclasses import dataclass

from trendscope.report.sections import ReportSettings

CORRECTION = {"bh": ("Benjamini–Hochberg FDR", "Benjamini–Hochberg (FDR)"), "bonferroni": ("Bonferroni", "Bonferroni")}


@dataclass(frozen=True)
class MethodsFacts:
    """What the paragraph cites besides the configuration."""

    analyzer: str
    n_documents: int
    n_duplicates: int
    sources: list[str]
    user_words: int
    synonyms: int
    stopwords: int
    periods: list[str]
    trendscope_version: str


def methods_text(settings: ReportSettings, facts: MethodsFacts) -> dict[str, str]:
    """{'ko': …, 'en': …}: a citable description of corpus, preprocessing and every statistic used."""
    labels = ", ".join(q.label for q in settings.queries)
    pos = ", ".join(settings.pos)
    c = settings.compare
    ko_corr, en_corr = CORRECTION[c.correction]
    periods = " 대 ".join(facts.periods) if facts.periods else "—"
    ko = (
        f"{settings.years} 기간 {', '.join(facts.sources)} 자료에서 검색어({labels})로 수집한 문서 {facts.n_documents:,}건"
        f"(MinHash 기반 근사 중복 {facts.n_duplicates:,}건 제외)을 분석하였다. 형태소 분석은 {facts.analyzer}로 수행하였고, "
        f"품사 {pos}의 {settings.min_length}자 이상 어휘만 남겼으며, 사용자 사전 {facts.user_words:,}개, 동의어 {facts.synonyms:,}개, "
        f"불용어 {facts.stopwords:,}개를 적용하였다. 검색어 × 연도별로 빈도와 TF-IDF(tf × ln(N/df))를 산출하고, "
        f"두 검색어 간(연도별·전체) 및 기간 간({periods}) 특징어를 로그우도비 G²(χ², 자유도 1; {ko_corr} 보정), "
        f"로그비(log ratio), 정보적 디리클레 사전분포를 둔 로그오즈비 z(Monroe et al., 2008)로 비교하였다. "
        f"1만 토큰당 상대빈도의 연도별 추세는 Mann–Kendall 검정과 Sen 기울기로 검정하였고(빈도 {c.trend_min_count}회 이상 어휘, 유의수준 {c.alpha}), "
        f"담론의 수렴은 연도별 상위 {c.top_n}개 어휘의 Jaccard 계수와 TF-IDF 벡터의 코사인 유사도로 측정하였다. "
        f"분석에는 trendscope {facts.trendscope_version}을 사용하였다."
    )
    en = (
        f"We analysed {facts.n_documents:,} documents retrieved from {', '.join(facts.sources)} for the queries {labels} "
        f"({settings.years}; {facts.n_duplicates:,} near-duplicates found with MinHash were excluded). Texts were tokenized with "
        f"{facts.analyzer}, keeping {pos} of at least {settings.min_length} characters, with a user dictionary of "
        f"{facts.user_words:,} entries, {facts.synonyms:,} synonym mappings and {facts.stopwords:,} stopwords. Frequencies and "
        f"TF-IDF (tf × ln(N/df)) were computed per query and year. Key terms between the queries (per year and overall) and "
        f"between periods ({' vs '.join(facts.periods) if facts.periods else '—'}) were identified with the log-likelihood G² "
        f"(χ², 1 df; {en_corr} correction), the log ratio, and the log-odds ratio with an informative Dirichlet prior "
        f"(z-scores; Monroe et al., 2008). Trends in relative frequency (per 10,000 tokens) were tested with the Mann–Kendall "
        f"test and Sen's slope (terms with at least {c.trend_min_count} occurrences, α = {c.alpha}); convergence was measured "
        f"per year as the Jaccard coefficient of the two queries' top {c.top_n} terms and the cosine similarity of their TF-IDF "
        f"vectors. The analysis used trendscope {facts.trendscope_version}."
    )
    return {"ko": ko, "en": en}
