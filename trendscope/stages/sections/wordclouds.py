"""Word clouds per query × year — beside the ranked frequency tables, never instead of them."""

from __future__ import annotations

from trendscope.report.captions import source_caption
from trendscope.report.figures.style import query_colors, save_figure
from trendscope.report.figures.wordcloud import plot_wordclouds
from trendscope.stages.count import read_frame
from trendscope.stages.sections import ReportContext, Section

TEXT = {
    "ko": {"title": "워드클라우드", "figure": "{label}: 연도별 워드클라우드 (빈도 상위 80개)",
           "text": "글자 크기는 빈도를 대략적으로만 나타냅니다. 정확한 값은 빈도 표(frequency_top*_by_year)를 보십시오."},
    "en": {"title": "Word clouds", "figure": "{label}: word clouds per year (top 80 by frequency)",
           "text": "Word size shows frequency only roughly; the frequency tables (frequency_top*_by_year) hold the values."},
}


def build(context: ReportContext) -> Section:
    config, paths = context.config, context.paths
    lang, dpi, folder = config.report.language, config.report.dpi, context.figures_dir
    t = TEXT[lang]
    terms, volume = read_frame(paths.terms), read_frame(paths.volume)
    colors = query_colors(config.query_keys)
    figures, captions = [], {}
    for query in config.queries:
        n_docs = int(volume.loc[volume["query"] == query.key, "kept"].sum())
        caption = source_caption(synthetic=context.synthetic, sources=config.sources.active(), n=n_docs, years=config.years, language=lang, what=query.label)
        title = t["figure"].format(label=query.label)
        fig = plot_wordclouds(terms[terms["query"] == query.key], config.years.years, title=title, color=colors[query.key], caption=caption, seed=config.seed)
        figures += save_figure(fig, folder / f"wordcloud_{query.key}", dpi)
        captions[f"wordcloud_{query.key}.png"] = f"{title} — {caption}"
    return Section(key="wordclouds", title=t["title"], figures=[p for p in figures if p.suffix == ".png"], captions=captions, text=t["text"])
