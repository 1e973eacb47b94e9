"""Are the discourses converging? Per year: Jaccard of top-N vocabularies, TF-IDF cosine, shared central terms."""

from __future__ import annotations

from trendscope.analysis.convergence import verdict
from trendscope.report.figures.convergence import plot_convergence
from trendscope.report.labels import label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

TEXT = {
    "ko": {"title": "담론의 수렴", "figure": "{a}·{b} 담론의 수렴", "jaccard": "상위 {n}개 키워드 Jaccard", "cosine": "TF-IDF 코사인 유사도"},
    "en": {"title": "Convergence", "figure": "Convergence of the {a} and {b} discourses", "jaccard": "Jaccard of top-{n} keywords", "cosine": "TF-IDF cosine similarity"},
}


def build(data: ReportData, settings: ReportSettings) -> Section:
    lang = settings.language
    t = TEXT[lang]
    table, volume, summary = data.convergence, data.volume, data.convergence_trend
    labels = settings.labels
    n = settings.compare.top_n
    lines, figures = [], []
    for _, row in summary.iterrows():
        ko, en = verdict(row, settings.compare.alpha)
        lines.append(f"{labels[row['query_a']]} · {labels[row['query_b']]}: {ko if lang == 'ko' else en}")
    for (qa, qb), part in table.groupby(["query_a", "query_b"], sort=False):
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = settings.caption(n=n_docs)
        title = t["figure"].format(a=labels[qa], b=labels[qb])
        kwargs = {"table": part, "title": title, "measures": {"jaccard": t["jaccard"].format(n=n), "cosine_tfidf": t["cosine"]}, "xlabel": label("year", lang), "caption": caption}
        figures.append(FigureJob(f"convergence_{qa}_{qb}", plot_convergence, kwargs, f"{title} — {caption}"))
    note = (f"Per year: jaccard = |A∩B| / |A∪B| of the two queries' top {n} terms by frequency; cosine_tfidf = cosine of their TF-IDF vectors "
            "over all terms; shared_terms = terms in both top lists, smallest rank sum first.")
    tables = [
        Table("convergence_by_year", table.round({"jaccard": 3, "cosine_tfidf": 3}), note),
        Table("convergence_trend", summary.round(4), "First/last value, Sen's slope per year and Mann–Kendall p of jaccard and cosine_tfidf over the years."),
    ]
    return Section(key="convergence", title=t["title"], tables=tables, figures=figures, text="\n".join(lines) + ("\n\n" if lines else "") + note)
