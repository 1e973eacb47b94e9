"""The methods paragraph of a study, written from its configuration and run facts, in Korean and English."""

from __future__ import annotations

from dataclasses import dataclass

from trendscope.report.i18n import pos_name
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
    entities: int = 0  # entries of the exports' 인물/기관 columns added to the user dictionary (text/entities.py)


# Figures the paragraph cites, by name prefix: (where it cites them, prefixes).
CITED = {
    "frequency": ("top_terms_by_year_", "heatmap_"),
    "keyness": ("keyness_",),
    "trends": ("trends_",),
    "convergence": ("convergence_",),
    "network": ("network_by_year_", "network_rank_change_"),
    "topics": ("topics_",),
}


def figure_refs(numbers: dict[str, int], prefixes: tuple[str, ...], word: str) -> str:
    """' (그림 3–6)' for the figures whose name starts with one of `prefixes`, or '' when there are none."""
    found = sorted(n for name, n in numbers.items() if name.startswith(prefixes))
    if not found:
        return ""
    if len(found) == 1:
        return f" ({word} {found[0]})"
    if found == list(range(found[0], found[-1] + 1)):
        return f" ({word} {found[0]}–{found[-1]})"
    return f" ({word} {', '.join(map(str, found))})"


# What the keyness comparisons were, by the number of queries (the compare stage compares pairs, and each query with
# the rest from three on; one query is compared only between periods), ending where "between periods" follows.
KEYNESS_SCOPE = {
    "ko": {"one": "", "two": "두 검색어 간(연도별·전체) 및 ", "several": "검색어 쌍 간과 각 검색어 대 나머지 검색어 간(연도별·전체), 그리고 "},
    "en": {"one": "", "two": "between the two queries (per year and overall) and ", "several": "between each pair of queries and between each query and the rest (per year and overall), and "},
}


def study_shape(n_queries: int) -> str:
    return "one" if n_queries == 1 else "two" if n_queries == 2 else "several"


def methods_text(settings: ReportSettings, facts: MethodsFacts, figures: dict[str, int] | None = None) -> dict[str, str]:
    """{'ko': …, 'en': …}: a citable description of corpus, preprocessing and every statistic used.

    `figures` (figure name → its number on the page) lets the paragraph cite the figures that show each result."""
    numbers = figures or {}
    ko_ref = {key: figure_refs(numbers, prefixes, "그림") for key, prefixes in CITED.items()}
    en_ref = {key: figure_refs(numbers, prefixes, "Figure" if len([n for n in numbers if n.startswith(prefixes)]) == 1 else "Figures") for key, prefixes in CITED.items()}
    labels = ", ".join(q.label for q in settings.queries)
    pos_ko = ", ".join(pos_name(p, "ko") for p in settings.pos)
    pos_en = ", ".join(pos_name(p, "en") for p in settings.pos)
    c = settings.compare
    ko_corr, en_corr = CORRECTION[c.correction]
    periods = " 대 ".join(facts.periods) if facts.periods else "—"
    shape = study_shape(len(settings.queries))
    ko = (
        f"{settings.years} 기간 {', '.join(facts.sources)} 자료에서 검색어({labels})로 수집한 문서 {facts.n_documents:,}건"
        f"(같은 제목의 사본과 MinHash 기반 근사 중복 {facts.n_duplicates:,}건 제외)을 분석하였다. 형태소 분석은 {facts.analyzer}로 수행하였고, "
        f"품사 {pos_ko}의 {settings.min_length}자 이상 어휘만 남겼으며, 사용자 사전 {facts.user_words:,}개"
        + (f"(이와 별도로 BigKinds 인물·기관 열에서 본문으로 확인한 개체명 {facts.entities:,}개)" if facts.entities else "")
        + f", 동의어 {facts.synonyms:,}개, "
        f"불용어 {facts.stopwords:,}개를 적용하였다. 검색어 × 연도별로 빈도와 TF-IDF(tf × ln(N/df))를 산출하고{ko_ref['frequency']}, "
        f"{KEYNESS_SCOPE['ko'][shape]}기간 간({periods}) 특징어를 로그우도비 G²(χ², 자유도 1; {ko_corr} 보정), "
        f"로그비(log ratio), 정보적 디리클레 사전분포를 둔 로그오즈비 z(Monroe et al., 2008)로 비교하였다{ko_ref['keyness']}. "
        f"검색어 간 비교의 p값은 문서를 단위로 한 두 집단 준포아송 검정(문서별 출현 수, 문서 길이 보정)에서, "
        f"기간 간 비교의 p값은 연도를 단위로 한 두 집단 준포아송 검정(연도별 출현 수, 자유도 T − 2)에서 얻었고 G²는 효과 크기로만 보고하였다. "
        f"단어별 연도 추세는 연도를 단위로 검정하였다: 연도별 출현 수를 그해 토큰 수를 노출로 한 준포아송 회귀(log μ_t = log E_t + a + b·연도)에 적합하고, "
        f"과산포 φ는 연도 간 Pearson 통계량으로, 검정은 자유도 T − 2의 t 분포로 하였다(빈도 {c.trend_min_count}회 이상이고 {c.trend_min_years}개 연도 이상에 나온 어휘, "
        f"검색어 안에서 {ko_corr} 보정, 유의수준 {c.alpha}). 1–2개 연도에만 나오거나 출현의 절반 이상이 한 해에 몰린 어휘는 추세가 아닌 일시적 사건으로 따로 보고하였다. "
        f"연구 연도가 {len(settings.years.years)}개이므로 연간 변화가 큰 어휘만 검출할 수 있으며, 유의한 어휘가 없다는 것이 변화가 없다는 뜻은 아니다{ko_ref['trends']}. "
        f"동시출현 네트워크의 중심성과 커뮤니티(Louvain), CONCOR 블록을 연도별로 구하였으며{ko_ref['network']}, "
        f"LDA 토픽 모델({settings.topics.engine})의 토픽 수는 c_v 일관성으로 정하였다{ko_ref['topics']}. "
        + (f"담론의 수렴은 {'검색어 쌍마다 ' if shape == 'several' else ''}연도별 상위 {c.top_n}개 어휘의 Jaccard 계수와 TF-IDF 벡터의 코사인 유사도로 측정하였다{ko_ref['convergence']}. " if shape != "one" else "")
        + f"분석에는 trendscope {facts.trendscope_version}을 사용하였다."
    )
    en = (
        f"We analysed {facts.n_documents:,} documents retrieved from {', '.join(facts.sources)} for the {'query' if shape == 'one' else 'queries'} {labels} "
        f"({settings.years}; {facts.n_duplicates:,} copies sharing a title or found with MinHash were excluded). Texts were tokenized with "
        f"{facts.analyzer}, keeping {pos_en} of at least {settings.min_length} characters, with a user dictionary of "
        f"{facts.user_words:,} entries"
        + (f" (plus {facts.entities:,} names and organisations from the BigKinds 인물/기관 columns, confirmed in the text)" if facts.entities else "")
        + f", {facts.synonyms:,} synonym mappings and {facts.stopwords:,} stopwords. Frequencies and "
        f"TF-IDF (tf × ln(N/df)) were computed per query and year{en_ref['frequency']}. Key terms {KEYNESS_SCOPE['en'][shape]}"
        f"between periods ({' vs '.join(facts.periods) if facts.periods else '—'}) were identified with the log-likelihood G² "
        f"(χ², 1 df; {en_corr} correction), the log ratio, and the log-odds ratio with an informative Dirichlet prior "
        f"(z-scores; Monroe et al., 2008){en_ref['keyness']}. The p-values between queries come from a two-group quasi-Poisson test with the document as the unit "
        f"(counts per document, the document's length as exposure); those between periods from a test with the year as "
        f"the unit (a two-group quasi-Poisson model of yearly counts, T − 2 df); G² is reported as an effect size only. "
        f"Trends were tested with the year as the unit: each term's yearly occurrences were fitted by a quasi-Poisson regression "
        f"with the year's tokens as exposure (log μ_t = log E_t + a + b·year), the dispersion estimated from the Pearson statistic "
        f"between years, and t tested on T − 2 df (terms with at least {c.trend_min_count} occurrences present in at least {c.trend_min_years} years, "
        f"{en_corr} correction within each query, α = {c.alpha}). Terms present in one or two years, or with half of their occurrences "
        f"in one year, were reported as episodes, not trends. With {len(settings.years.years)} study years only large yearly changes "
        f"are detectable, and the absence of significant terms does not mean the absence of change{en_ref['trends']}. Co-occurrence networks gave "
        f"centralities, Louvain communities and CONCOR blocks per year{en_ref['network']}; the number of LDA topics ({settings.topics.engine}) was "
        f"chosen by c_v coherence{en_ref['topics']}. "
        + (f"Convergence was measured per year{' for each pair of queries' if shape == 'several' else ''} as the Jaccard coefficient of the "
           f"queries' top {c.top_n} terms and the cosine similarity of their TF-IDF vectors{en_ref['convergence']}. " if shape != "one" else "")
        + f"The analysis used trendscope {facts.trendscope_version}."
    )
    return {"ko": ko, "en": en}
