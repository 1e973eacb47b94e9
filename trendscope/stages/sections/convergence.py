"""Are the discourses converging? Per year: Jaccard of top-N vocabularies, TF-IDF cosine, shared central terms."""

from __future__ import annotations

from trendscope.analysis.convergence import convergence_trend, verdict
from trendscope.report.captions import source_caption
from trendscope.report.figures.convergence import plot_convergence
from trendscope.report.figures.style import save_figure
from trendscope.report.labels import label
from trendscope.report.tables import Table
from trendscope.stages.count import read_frame
from trendscope.stages.sections import ReportContext, Section

TEXT = {
    "ko": {"title": "담론의 수렴", "figure": "{a}·{b} 담론의 수렴", "jaccard": "상위 {n}개 키워드 Jaccard", "cosine": "TF-IDF 코사인 유사도"},
    "en": {"title": "Convergence", "figure": "Convergence of the {a} and {b} discourses", "jaccard": "Jaccard of top-{n} keywords", "cosine": "TF-IDF cosine similarity"},
}


def build(context: ReportContext) -> Section:
    config, paths = context.config, context.paths
    lang, dpi, folder = config.report.language, config.report.dpi, context.figures_dir
    t = TEXT[lang]
    table, volume = read_frame(paths.convergence), read_frame(paths.volume)
    labels = {q.key: q.label for q in config.queries}
    n = config.compare.top_n
    summary = convergence_trend(table) if len(table) else table.head(0)
    lines, figures, captions = [], [], {}
    for _, row in summary.iterrows():
        ko, en = verdict(row, config.compare.alpha)
        lines.append(f"{labels[row['query_a']]} · {labels[row['query_b']]}: {ko if lang == 'ko' else en}")
    for (qa, qb), part in table.groupby(["query_a", "query_b"], sort=False):
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = source_caption(synthetic=context.synthetic, sources=config.sources.active(), n=n_docs, years=config.years, language=lang)
        title = t["figure"].format(a=labels[qa], b=labels[qb])
        fig = plot_convergence(part, title=title, measures={"jaccard": t["jaccard"].format(n=n), "cosine_tfidf": t["cosine"]}, xlabel=label("year", lang), caption=caption)
        base = f"convergence_{qa}_{qb}"
        figures += save_figure(fig, folder / base, dpi)
        captions[f"{base}.png"] = f"{title} — {caption}"
    note = (f"Per year: jaccard = |A∩B| / |A∪B| of the two queries' top {n} terms by frequency; cosine_tfidf = cosine of their TF-IDF vectors "
            "over all terms; shared_terms = terms in both top lists, smallest rank sum first.")
    tables = [
        Table("convergence_by_year", table.round({"jaccard": 3, "cosine_tfidf": 3}), note),
        Table("convergence_trend", summary.round(4), "First/last value, Sen's slope per year and Mann–Kendall p of jaccard and cosine_tfidf over the years."),
    ]
    return Section(key="convergence", title=t["title"], tables=tables, figures=[p for p in figures if p.suffix == ".png"], captions=captions,
                   text="\n".join(lines) + ("\n\n" if lines else "") + note)
