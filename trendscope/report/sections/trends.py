"""Emerging and fading terms per query (Mann–Kendall + Sen's slope), and terms new in a year."""

from __future__ import annotations

from trendscope.report.figures.style import query_colors
from trendscope.report.figures.trends import plot_trends
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

SHOWN = 6
TEXT = {
    "ko": {"title": "부상·쇠퇴 키워드 (추세 검정)", "figure": "{label}: 부상·쇠퇴 키워드 (Mann–Kendall, Sen 기울기)",
           "rising": "부상", "falling": "쇠퇴", "ylabel": "1만 토큰당 빈도"},
    "en": {"title": "Emerging and fading terms (trend tests)", "figure": "{label}: emerging and fading terms (Mann–Kendall, Sen's slope)",
           "rising": "rising", "falling": "fading", "ylabel": "per 10,000 tokens"},
}


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = TEXT[settings.language]
    c = settings.compare
    trends, fresh, volume = data.trends, data.new_terms, data.volume
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    years = settings.years.years
    note = (f"Mann–Kendall test over the yearly relative frequency (per 10,000 tokens) of terms with ≥ {c.trend_min_count} occurrences; "
            f"sen_slope = Sen's slope (per 10,000 tokens per year); trend = rising/falling when p < {c.alpha} (uncorrected); "
            f"p_adj = {c.correction} correction within each query, significant_adj = p_adj < {c.alpha}. "
            f"With {len(years)} years the smallest possible p is about {0.0085 if len(years) == 6 else 'larger'}; read p as a guide.")
    round_cols = {"tau": 3, "z": 3, "sen_slope": 3, **{f"per10k_{y}": 2 for y in years}}
    tables = [
        Table("trend_tests", trends.round(round_cols), note),
        Table("emerging_terms", trends[trends["trend"] == "rising"].round(round_cols), "Terms with a rising trend (p < alpha), steepest first. " + note),
        Table("fading_terms", trends[trends["trend"] == "falling"].sort_values(["query", "sen_slope", "term"], kind="stable").round(round_cols),
              "Terms with a falling trend (p < alpha), steepest first. " + note),
        Table("new_terms_by_year", fresh, f"Terms that occur (tf ≥ {c.new_term_min_count}) in a year and in no earlier study year of the same query."),
    ]
    figures = []
    if len(years) >= 3 and len(trends):
        for key in settings.query_keys:
            part = trends[trends["query"] == key]
            rising = part[part["trend"] == "rising"].head(SHOWN)
            falling = part[part["trend"] == "falling"].sort_values(["sen_slope", "term"], kind="stable").head(SHOWN)
            if rising.empty and falling.empty:
                continue
            n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
            caption = settings.caption(n=n_docs, what=labels[key])
            title = t["figure"].format(label=labels[key])
            kwargs = {"rising": rising, "falling": falling, "years": years, "title": title, "row_titles": (t["rising"], t["falling"]), "ylabel": t["ylabel"],
                      "color": colors[key], "caption": caption}
            figures.append(FigureJob(f"trends_{key}", plot_trends, kwargs, f"{title} — {caption}"))
    counts = ", ".join(f"{labels[k]}: {int(((trends['query'] == k) & (trends['trend'] == 'rising')).sum())} rising / "
                       f"{int(((trends['query'] == k) & (trends['trend'] == 'falling')).sum())} falling" for k in settings.query_keys)
    return Section(key="trends", title=t["title"], tables=tables, figures=figures, text=f"{counts} (of {len(trends)} terms tested). " + note)
