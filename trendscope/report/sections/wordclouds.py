"""Word clouds per query × year — beside the ranked frequency tables, never instead of them."""

from __future__ import annotations

from trendscope.report.figures.style import query_colors
from trendscope.report.figures.wordcloud import plot_wordclouds
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section

TEXT = {
    "ko": {"title": "워드클라우드", "figure": "{label}: 연도별 워드클라우드 (빈도 상위 80개)",
           "text": "글자 크기는 빈도를 대략적으로만 나타냅니다. 정확한 값은 빈도 표(frequency_top*_by_year)를 보십시오."},
    "en": {"title": "Word clouds", "figure": "{label}: word clouds per year (top 80 by frequency)",
           "text": "Word size shows frequency only roughly; the frequency tables (frequency_top*_by_year) hold the values."},
}


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = TEXT[settings.language]
    terms, volume = data.ranked(data.terms), data.volume
    colors = query_colors(settings.query_keys)
    figures = []
    for query in settings.queries:
        n_docs = int(volume.loc[volume["query"] == query.key, "kept"].sum())
        caption = settings.caption(n=n_docs, what=query.label)
        title = t["figure"].format(label=query.label)
        kwargs = {"terms": terms[terms["query"] == query.key], "years": settings.years.years, "title": title, "color": colors[query.key], "caption": caption, "seed": settings.seed}
        figures.append(FigureJob(f"wordcloud_{query.key}", plot_wordclouds, kwargs, f"{title} — {caption}"))
    return Section(key="wordclouds", title=t["title"], figures=figures, text=t["text"])
