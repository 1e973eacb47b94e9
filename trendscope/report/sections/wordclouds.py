"""Word clouds per query × year — beside the ranked frequency tables, never instead of them."""

from __future__ import annotations

from trendscope.report.figures.style import query_colors
from trendscope.report.figures.wordcloud import plot_wordclouds
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = settings.text("wordclouds")
    terms, volume = data.ranked(data.terms), data.volume
    colors = query_colors(settings.query_keys)
    figures = []
    for query in settings.queries:
        n_docs = int(volume.loc[volume["query"] == query.key, "kept"].sum())
        caption = settings.caption(n=n_docs, what=query.label)
        title = t["figure"].format(label=query.label)
        kwargs = {"terms": terms[terms["query"] == query.key], "years": settings.years.years, "title": title, "color": colors[query.key], "caption": caption, "seed": settings.seed}
        figures.append(FigureJob(f"wordcloud_{query.key}", plot_wordclouds, kwargs, settings.figure_caption(t["caption"].format(label=query.label), n=n_docs)))
    return Section(key="wordclouds", title=t["title"], figures=figures, text=t["text"])
