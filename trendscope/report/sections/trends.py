"""Emerging and fading terms per query (quasi-Poisson count model on documents), and terms new in a year."""

from __future__ import annotations

import math

import pandas as pd

from trendscope.analysis.keyness import format_p
from trendscope.report.figures.style import query_colors
from trendscope.report.figures.trends import plot_trends
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table, p_as_text

SHOWN = 6
TEXT = {
    "ko": {"title": "부상·쇠퇴 키워드 (추세 검정)", "figure": "{label}: 부상·쇠퇴 키워드 (준포아송 추세 검정, 보정 p < {alpha})",
           "rising": "부상", "falling": "쇠퇴", "ylabel": "1만 토큰당 빈도", "per_year": "연", "only": "{year}년부터"},
    "en": {"title": "Emerging and fading terms (trend tests)", "figure": "{label}: emerging and fading terms (quasi-Poisson trend test, adjusted p < {alpha})",
           "rising": "rising", "falling": "fading", "ylabel": "per 10,000 tokens", "per_year": "yr", "only": "from {year}"},
}


def panel_note(row: pd.Series, t: dict[str, str]) -> str:
    """'×1.51/yr · p_adj 1e-14'; 'from 2020 · …' for a term absent before its change year (a step, not a slope)."""
    ratio, step = row["rate_ratio"], row["change_ratio"]
    if isinstance(step, float) and math.isinf(step) or not (isinstance(ratio, float) and math.isfinite(ratio) and ratio > 0):
        effect = t["only"].format(year=int(row["change_year"]))
    else:
        effect = f"×{ratio:.2f}/{t['per_year']}"
    return f"{effect} · p_adj {format_p(row['p_adj'], row['log10_p_adj'])}"


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = TEXT[settings.language]
    c = settings.compare
    trends, fresh, volume = data.trends, data.new_terms, data.volume
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    years = settings.years.years
    note = (f"Per term with ≥ {c.trend_min_count} occurrences: occurrences per document ~ tokens × exp(a + b·year), quasi-Poisson "
            f"(variance φ·mean, φ = Pearson dispersion per term); z = score test of b = 0; p two-sided; p_adj = {c.correction} correction "
            f"within each query; trend = rising/falling when p_adj < {c.alpha}. rate_ratio = exp(b) per year with its 95% CI (Poisson GLM, "
            "scale = Pearson χ²); change_year = the year a two-level step fits best (change_ratio = rate after / before, change_gain its "
            "likelihood-ratio gain / φ, descriptive). per10k_<year> = occurrences per 10,000 tokens; mk_tau, mk_p, sen_slope: "
            "Mann–Kendall and Sen's slope over the yearly rates, descriptive only.")
    round_cols = {"z": 3, "log10_p": 2, "log10_p_adj": 2, "rate_ratio": 3, "rate_ratio_low": 3, "rate_ratio_high": 3, "dispersion": 2,
                  "change_ratio": 3, "change_gain": 2, "mk_tau": 3, "mk_p": 4, "sen_slope": 3, **{f"per10k_{y}": 2 for y in years}}
    shown = p_as_text(trends.round(round_cols))
    unit = "z: standard normal; rate_ratio: × per year; per10k: per 10,000 tokens"
    tables = [
        Table("trend_tests", shown, note, unit=unit),
        Table("emerging_terms", shown[shown["trend"] == "rising"], "Terms with a significant rising trend (p_adj < alpha), largest z first. " + note, unit=unit),
        Table("fading_terms", shown[shown["trend"] == "falling"].sort_values(["query", "z", "term"], kind="stable"),
              "Terms with a significant falling trend (p_adj < alpha), most negative z first. " + note, unit=unit),
        Table("new_terms_by_year", fresh, f"Terms that occur (tf ≥ {c.new_term_min_count}) in a year and in no earlier study year of the same query."),
    ]
    figures = []
    if len(years) >= 3 and len(trends):
        for key in settings.query_keys:
            part = trends[trends["query"] == key]
            rising = part[part["trend"] == "rising"].head(SHOWN)
            falling = part[part["trend"] == "falling"].sort_values(["z", "term"], kind="stable").head(SHOWN)
            rising = rising.assign(panel_note=[panel_note(r, t) for _, r in rising.iterrows()])
            falling = falling.assign(panel_note=[panel_note(r, t) for _, r in falling.iterrows()])
            if rising.empty and falling.empty:
                continue
            n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
            caption = settings.caption(n=n_docs, what=labels[key])
            title = t["figure"].format(label=labels[key], alpha=c.alpha)
            kwargs = {"rising": rising, "falling": falling, "years": years, "title": title, "row_titles": (t["rising"], t["falling"]), "ylabel": t["ylabel"],
                      "color": colors[key], "caption": caption}
            figures.append(FigureJob(f"trends_{key}", plot_trends, kwargs, f"{title} — {caption}"))
    counts = ", ".join(f"{labels[k]}: {int(((trends['query'] == k) & (trends['trend'] == 'rising')).sum())} rising / "
                       f"{int(((trends['query'] == k) & (trends['trend'] == 'falling')).sum())} falling" for k in settings.query_keys)
    return Section(key="trends", title=t["title"], tables=tables, figures=figures, text=f"{counts} (of {len(trends)} terms tested). " + note)
