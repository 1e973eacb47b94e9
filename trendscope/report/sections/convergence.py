"""Are the discourses converging? Per year: Jaccard of top-N vocabularies, TF-IDF cosine, shared central terms."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.convergence import verdict
from trendscope.report.figures.convergence import plot_convergence, plot_convergence_matrix
from trendscope.report.labels import label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

TEXT = {
    "ko": {"title": "담론의 수렴", "figure": "{a}·{b} 담론의 수렴", "jaccard": "상위 {n}개 키워드 Jaccard", "cosine": "TF-IDF 코사인 유사도",
           "matrix": "검색어 쌍별 TF-IDF 코사인 유사도", "first": "{year}년", "last": "{year}년",
           "one_query": "검색어가 하나뿐인 연구이므로 담론의 수렴(검색어 간 비교)은 분석하지 않았습니다."},
    "en": {"title": "Convergence", "figure": "Convergence of the {a} and {b} discourses", "jaccard": "Jaccard of top-{n} keywords", "cosine": "TF-IDF cosine similarity",
           "matrix": "TF-IDF cosine similarity of every pair of queries", "first": "{year}", "last": "{year}",
           "one_query": "A one-query study has no second discourse to converge with, so this section is left out."},
}


def pair_matrix(table: pd.DataFrame, settings: ReportSettings, year: int, measure: str = "cosine_tfidf") -> pd.DataFrame:
    """A symmetric query × query frame (labels) of one year's `measure`; the diagonal is 1."""
    names = [settings.labels[k] for k in settings.query_keys]
    matrix = pd.DataFrame(1.0, index=names, columns=names)
    for row in table[table["year"] == year].itertuples(index=False):
        a, b = settings.labels[row.query_a], settings.labels[row.query_b]
        matrix.loc[a, b] = matrix.loc[b, a] = getattr(row, measure)
    return matrix


def build(data: ReportData, settings: ReportSettings) -> Section:
    lang = settings.language
    t = TEXT[lang]
    table, volume, summary = data.convergence, data.volume, data.convergence_trend
    labels = settings.labels
    n = settings.compare.top_n
    if len(settings.queries) < 2:
        return Section(key="convergence", title=t["title"], text=t["one_query"])
    lines, figures, verdicts = [], [], {}
    for _, row in summary.iterrows():
        ko, en = verdict(row, settings.compare.alpha)
        verdicts[(row["query_a"], row["query_b"])] = ko if lang == "ko" else en
        lines.append(f"{labels[row['query_a']]} · {labels[row['query_b']]}: {ko if lang == 'ko' else en}")
    for (qa, qb), part in table.groupby(["query_a", "query_b"], sort=False):
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = settings.caption(n=n_docs)
        title = t["figure"].format(a=labels[qa], b=labels[qb])
        kwargs = {"table": part, "title": title, "measures": {"jaccard": t["jaccard"].format(n=n), "cosine_tfidf": t["cosine"]}, "xlabel": label("year", lang),
                  "caption": caption, "verdict": verdicts.get((qa, qb), "").split(":")[0]}
        figures.append(FigureJob(f"convergence_{qa}_{qb}", plot_convergence, kwargs, f"{title} — {caption}"))
    if len(settings.queries) >= 3 and len(table):
        first, last = int(table["year"].min()), int(table["year"].max())
        panels = [(t["first"].format(year=y), pair_matrix(table, settings, y)) for y in (first, last)]
        caption = settings.caption(n=int(volume["kept"].sum()))
        figures.append(FigureJob("convergence_matrix", plot_convergence_matrix, {"panels": panels, "title": t["matrix"], "caption": caption, "colorbar_label": t["cosine"]},
                                 f"{t['matrix']} — {caption}"))
    note = (f"Per year: jaccard = |A∩B| / |A∪B| of the two queries' top {n} terms by frequency; cosine_tfidf = cosine of their TF-IDF vectors "
            "over all terms; shared_terms = terms in both top lists, smallest rank sum first.")
    tables = [
        Table("convergence_by_year", table.round({"jaccard": 3, "cosine_tfidf": 3}), note),
        Table("convergence_trend", summary.round(4), "First/last value, Sen's slope per year and Mann–Kendall p of jaccard and cosine_tfidf over the years."),
    ]
    return Section(key="convergence", title=t["title"], tables=tables, figures=figures, text="\n".join(lines) + ("\n\n" if lines else "") + note)
