"""Keyness: the two queries against each other (per year and overall) and each query's later vs earlier period."""

from __future__ import annotations

import pandas as pd

from trendscope.report.figures.keyness import plot_keyness
from trendscope.report.figures.style import query_colors
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table

EARLIER_COLOR = "#9aa3ad"
COLUMNS = ["term", "a", "b", "per10k_a", "per10k_b", "g2", "p", "p_adj", "log10_p", "log10_p_adj", "log_ratio", "z"]


def top_by_side(keyness: pd.DataFrame, n: int, target_label: str, reference_label: str) -> pd.DataFrame:
    """Top `n` terms by G² on each side (target-leaning and reference-leaning), with a 1-based rank per side."""
    frames = []
    for direction, side in (("target", target_label), ("reference", reference_label)):
        part = keyness[keyness["direction"] == direction].sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(n)
        frames.append(part.assign(key_for=side, rank=range(1, len(part) + 1)))
    table = pd.concat(frames, ignore_index=True) if frames else keyness.head(0)
    return table[["scope", "key_for", "rank", *COLUMNS]].round({"per10k_a": 2, "per10k_b": 2, "g2": 2, "log_ratio": 3, "z": 3, "log10_p": 2, "log10_p_adj": 2})


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = settings.text("keyness")
    keyness, volume = data.keyness, data.volume
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    compare = settings.compare
    n = compare.top_n
    years = str(settings.years)
    tables, figures = [], []
    correction = t[f"correction_{compare.correction}"]
    note = t["note"].format(g2=t["g2_formula"], correction=correction, log_ratio=t["log_ratio_formula"], log_odds=t["log_odds_formula"], min_count=compare.min_count)
    formula = f"{t['g2_formula']}; {t['log_odds_formula']}"

    def table(name: str, frame: pd.DataFrame, caption: str) -> Table:
        return Table(name, frame, caption + " " + note, unit=t["unit"], formula=formula, caption=caption)

    queries = keyness[keyness["comparison"] == "queries"]
    for (qa, qb), part in queries.groupby(["target", "reference"], sort=False):
        ranked = pd.concat([top_by_side(g, n, labels[qa], labels[qb]) for _, g in part.groupby("scope", sort=False)], ignore_index=True)
        tables.append(table(f"keyness_{qa}_vs_{qb}", ranked.rename(columns={"a": f"tf_{qa}", "b": f"tf_{qb}", "per10k_a": f"per10k_{qa}", "per10k_b": f"per10k_{qb}"}),
                            t["queries_table"].format(a=labels[qa], b=labels[qb], n=n)))
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = settings.caption(n=n_docs, what=f"{labels[qa]} · {labels[qb]}")
        common = {"colors": (colors[qa], colors[qb]), "legend": (labels[qa], labels[qb]), "xlabel": t["xlabel"], "caption": caption}
        title = t["queries_title"].format(a=labels[qa], b=labels[qb])
        overall = [(years, part[part["scope"] == years])]
        figures.append(FigureJob(f"keyness_{qa}_vs_{qb}", plot_keyness, {"panels": overall, "title": title, "n": 15, **common},
                                 settings.figure_caption(t["queries_caption"].format(a=labels[qa], b=labels[qb]), n=n_docs)))
        title = t["by_year_title"].format(a=labels[qa], b=labels[qb])
        yearly = [(scope, g) for scope, g in part.groupby("scope", sort=True) if scope != years]
        figures.append(FigureJob(f"keyness_{qa}_vs_{qb}_by_year", plot_keyness, {"panels": yearly, "title": title, "n": 8, **common},
                                 settings.figure_caption(t["by_year_caption"].format(a=labels[qa], b=labels[qb]), n=n_docs)))
    rest = keyness[keyness["comparison"] == "rest"]
    rest_panels = []
    for query, part in rest.groupby("target", sort=False):
        ranked = pd.concat([top_by_side(g, n, labels[query], t["rest"]) for _, g in part.groupby("scope", sort=False)], ignore_index=True)
        tables.append(table(f"keyness_{query}_vs_rest", ranked.rename(columns={"a": f"tf_{query}", "b": "tf_rest", "per10k_a": f"per10k_{query}", "per10k_b": "per10k_rest"}),
                            t["rest_table"].format(a=labels[query], n=n)))
        rest_panels.append((labels[query], part[part["scope"] == years]))
    if rest_panels:
        caption = settings.caption(n=int(volume["kept"].sum()))
        kwargs = {"panels": rest_panels, "title": t["rest_title"], "colors": ("#333333", EARLIER_COLOR), "legend": ("", t["rest"]),
                  "xlabel": t["xlabel"], "caption": caption, "n": 10}
        figures.append(FigureJob("keyness_vs_rest", plot_keyness, kwargs, settings.figure_caption(t["rest_caption"], n=int(volume["kept"].sum()))))
    periods = keyness[keyness["comparison"] == "periods"]
    panels = []
    for query, part in periods.groupby("scope", sort=False):
        later, earlier = part["target"].iloc[0], part["reference"].iloc[0]
        ranked = pd.concat([top_by_side(g, n, f"{later}", f"{earlier}") for _, g in part.groupby(["target", "reference"], sort=False)], ignore_index=True)
        tables.append(table(f"keyness_periods_{query}", ranked.rename(columns={"scope": "query"}), t["periods_table"].format(a=labels[query], n=n)))
        panels.append((labels[query], part))
    if panels:
        caption = settings.caption(n=int(volume["kept"].sum()))
        later, earlier = periods["target"].iloc[0], periods["reference"].iloc[0]
        title = t["periods_title"].format(later=later, earlier=earlier)
        kwargs = {"panels": panels, "title": title, "colors": ("#333333", EARLIER_COLOR), "legend": (f"{t['later']} {later}", f"{t['earlier']} {earlier}"),
                  "xlabel": t["xlabel"], "caption": caption, "n": 12}
        figures.append(FigureJob("keyness_periods", plot_keyness, kwargs, settings.figure_caption(t["periods_caption"].format(later=later, earlier=earlier), n=int(volume["kept"].sum()))))
    return Section(
        key="keyness",
        title=t["title"],
        tables=tables,
        figures=figures,
        text=(t["one_query"] + " " if len(settings.queries) == 1 else "")
        + t["text"].format(g2=t["g2_formula"], log_ratio=t["log_ratio_formula"], log_odds=t["log_odds_formula"], correction=correction),
    )
