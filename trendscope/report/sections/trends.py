"""Emerging and fading terms per query (year-level quasi-Poisson trend test), bursts and episodes, and terms new in a year."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from trendscope.report.figures.style import query_colors
from trendscope.report.figures.trends import plot_episodes, plot_trends
from trendscope.report.numbers import format_p
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

SHOWN = 6
def panel_note(row: pd.Series, t: dict[str, str]) -> str:
    """'×1.51/yr · p_adj 1e-14'; 'from 2020 · …' for a term absent before its change year (a step, not a slope)."""
    ratio, step = row["rate_ratio"], row["change_ratio"]
    if isinstance(step, float) and math.isinf(step) or not (isinstance(ratio, float) and math.isfinite(ratio) and ratio > 0):
        effect = t["only"].format(year=int(row["change_year"]))
    else:
        effect = f"×{ratio:.2f}/{t['per_year']}"
    return f"{effect} · {t['adj_p']} {format_p(row['p_adj'], row['log10_p_adj'])}"


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = settings.text("trends")
    c = settings.compare
    trends, fresh, volume = data.trends, data.new_terms, data.volume
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    years = settings.years.years
    note = t["note"].format(min_count=c.trend_min_count, min_years=c.trend_min_years, correction=t[f"correction_{c.correction}"], alpha=c.alpha)
    formula = settings.formula("trend_model")
    round_cols = {"z": 3, "log10_p": 2, "log10_p_adj": 2, "rate_ratio": 3, "rate_ratio_low": 3, "rate_ratio_high": 3, "dispersion": 2,
                  "change_ratio": 3, "change_gain": 2, "mk_tau": 3, "mk_p": 4, "sen_slope": 3, **{f"per10k_{y}": 2 for y in years}}
    shown = trends.round(round_cols)
    unit = t["unit"]
    def table(name: str, frame: pd.DataFrame, caption: str) -> Table:
        return Table(name, frame, caption + " " + note, unit=unit, formula=formula, caption=caption)

    tables = [
        table("trend_tests", shown, t["tests_table"]),
        table("emerging_terms", shown[shown["trend"] == "rising"], t["emerging_table"].format(alpha=c.alpha)),
        table("fading_terms", shown[shown["trend"] == "falling"].sort_values(["query", "z", "term"], kind="stable"), t["fading_table"].format(alpha=c.alpha)),
        Table("episodes", episodes_shown(data), t["episodes_table"], unit=t["episodes_unit"], caption=t["episodes_table"]),
        Table("new_terms_by_year", fresh, t["new_table"].format(min_count=c.new_term_min_count), unit=t["occurrences_unit"], caption=t["new_table"].format(min_count=c.new_term_min_count)),
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
            figures.append(FigureJob(f"trends_{key}", plot_trends, kwargs, settings.figure_caption(t["caption"].format(label=labels[key]), n=n_docs)))
    if len(years) >= 3 and "episode" in trends:
        figures += episode_figures(trends, settings, t, volume, colors)
    counts = ", ".join(t["summary"].format(label=labels[k], rising=int(((trends["query"] == k) & (trends["trend"] == "rising")).sum()),
                                           falling=int(((trends["query"] == k) & (trends["trend"] == "falling")).sum())) for k in settings.query_keys)
    return Section(key="trends", title=t["title"], tables=tables, figures=figures,
                   text=f"{counts} {t['tested'].format(n=int(trends['tested'].sum()) if 'tested' in trends else len(trends))} {power_statement(trends, settings, t)}" + note)


def episode_figures(trends: pd.DataFrame, settings: ReportSettings, t: dict[str, str], volume: pd.DataFrame, colors: dict[str, str]) -> list[FigureJob]:
    """Per query, the `SHOWN` most concentrated episodes (largest peak share, then term) as bars by year."""
    jobs = []
    for key in settings.query_keys:
        part = trends[(trends["query"] == key) & trends["episode"].astype(bool)]
        part = part.sort_values(["peak_share", "term"], ascending=[False, True], kind="stable").head(SHOWN)
        if part.empty:
            continue
        part = part.assign(panel_note=[f"{int(r.peak_year)} · {r.peak_share:.0%}" for r in part.itertuples()])
        n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
        label = settings.labels[key]
        kwargs = {"rows": part, "years": settings.years.years, "title": t["episodes_figure"].format(label=label), "ylabel": t["ylabel"],
                  "color": colors[key], "caption": settings.caption(n=n_docs, what=label)}
        jobs.append(FigureJob(f"trends_episodes_{key}", plot_episodes, kwargs, settings.figure_caption(t["episodes_caption"].format(label=label), n=n_docs)))
    return jobs


def episodes_shown(data: ReportData) -> pd.DataFrame:
    """The episodes table (with the compare stage's two example titles per row), rounded for reading."""
    episodes = data.episodes
    if episodes.empty:
        return episodes
    return episodes.round({"share": 3, "per10k": 2, "others_median_per10k": 2, "ratio_to_others": 2})


def power_statement(trends: pd.DataFrame, settings: ReportSettings, t: dict[str, str]) -> str:
    """What the study's years can show, per query: the median of the tested terms' `detectable_ratio` (computed by the compare stage)."""
    if "detectable_ratio" not in trends or not len(trends):
        return ""
    years = len(settings.years.years)
    parts = []
    for key in settings.query_keys:
        ratios = trends.loc[(trends["query"] == key) & trends["tested"].astype(bool), "detectable_ratio"].to_numpy(dtype=float)
        ratios = ratios[np.isfinite(ratios)]
        if ratios.size:
            parts.append(t["power"].format(label=settings.labels[key], years=years, alpha=settings.compare.alpha, ratio=float(np.median(ratios))))
    return " ".join(parts) + (" " if parts else "")
