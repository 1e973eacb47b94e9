"""Keyness: the two queries against each other (per year and overall) and each query's later vs earlier period."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.keyness import FORMULAS
from trendscope.report.figures.keyness import plot_keyness
from trendscope.report.figures.style import query_colors
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table, p_as_text

EARLIER_COLOR = "#9aa3ad"
TEXT = {
    "ko": {
        "title": "특징어 분석 (keyness)",
        "queries_title": "{a} 대 {b}: 특징어 (log-odds z)",
        "by_year_title": "{a} 대 {b}: 연도별 특징어 (log-odds z)",
        "periods_title": "기간 비교: {later} 대 {earlier} (log-odds z)",
        "xlabel": "log-odds z (정보적 디리클레 사전분포)",
        "later": "후기", "earlier": "전기",
        "rest_title": "검색어별 특징어: 각 검색어 대 나머지 전체 (log-odds z)", "rest": "나머지",
        "one_query": "검색어가 하나뿐인 연구이므로 검색어 간 비교는 없고, 전·후기 비교만 제시합니다.",
        "correction": {"bh": "Benjamini–Hochberg FDR 보정", "bonferroni": "Bonferroni 보정"},
    },
    "en": {
        "title": "Keyness",
        "queries_title": "{a} vs {b}: key terms (log-odds z)",
        "by_year_title": "{a} vs {b}: key terms per year (log-odds z)",
        "periods_title": "Periods: {later} vs {earlier} (log-odds z)",
        "xlabel": "log-odds z (informative Dirichlet prior)",
        "later": "later", "earlier": "earlier",
        "rest_title": "Each query against all the others (log-odds z)", "rest": "the rest",
        "one_query": "A one-query study has no comparison between queries; the periods of the query are compared instead.",
        "correction": {"bh": "Benjamini–Hochberg FDR correction", "bonferroni": "Bonferroni correction"},
    },
}
COLUMNS = ["term", "a", "b", "per10k_a", "per10k_b", "g2", "p", "p_adj", "log10_p", "log10_p_adj", "log_ratio", "z"]


def top_by_side(keyness: pd.DataFrame, n: int, target_label: str, reference_label: str) -> pd.DataFrame:
    """Top `n` terms by G² on each side (target-leaning and reference-leaning), with a 1-based rank per side."""
    frames = []
    for direction, side in (("target", target_label), ("reference", reference_label)):
        part = keyness[keyness["direction"] == direction].sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(n)
        frames.append(part.assign(key_for=side, rank=range(1, len(part) + 1)))
    table = pd.concat(frames, ignore_index=True) if frames else keyness.head(0)
    return p_as_text(table[["scope", "key_for", "rank", *COLUMNS]].round({"per10k_a": 2, "per10k_b": 2, "g2": 2, "log_ratio": 3, "z": 3, "log10_p": 2, "log10_p_adj": 2}))


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = TEXT[settings.language]
    keyness, volume = data.keyness, data.volume
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    compare = settings.compare
    n = compare.top_n
    years = str(settings.years)
    tables, figures = [], []
    note = (f"a, b = occurrences in target/reference; per10k = per 10,000 tokens; {FORMULAS['g2']}; p_adj: {compare.correction} "
            f"({t['correction'][compare.correction]}); {FORMULAS['log_ratio']}; {FORMULAS['log_odds_z']}; terms with a + b < {compare.min_count} not tested.")
    queries = keyness[keyness["comparison"] == "queries"]
    for (qa, qb), part in queries.groupby(["target", "reference"], sort=False):
        ranked = pd.concat([top_by_side(g, n, labels[qa], labels[qb]) for _, g in part.groupby("scope", sort=False)], ignore_index=True)
        tables.append(Table(f"keyness_{qa}_vs_{qb}", ranked.rename(columns={"a": f"tf_{qa}", "b": f"tf_{qb}", "per10k_a": f"per10k_{qa}", "per10k_b": f"per10k_{qb}"}),
                            f"Keyness {labels[qa]} (a) vs {labels[qb]} (b) per year and for all years; top {n} per side by G². " + note))
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = settings.caption(n=n_docs, what=f"{labels[qa]} · {labels[qb]}")
        common = {"colors": (colors[qa], colors[qb]), "legend": (labels[qa], labels[qb]), "xlabel": t["xlabel"], "caption": caption}
        title = t["queries_title"].format(a=labels[qa], b=labels[qb])
        overall = [(years, part[part["scope"] == years])]
        figures.append(FigureJob(f"keyness_{qa}_vs_{qb}", plot_keyness, {"panels": overall, "title": title, "n": 15, **common}, f"{title} — {caption}"))
        title = t["by_year_title"].format(a=labels[qa], b=labels[qb])
        yearly = [(scope, g) for scope, g in part.groupby("scope", sort=True) if scope != years]
        figures.append(FigureJob(f"keyness_{qa}_vs_{qb}_by_year", plot_keyness, {"panels": yearly, "title": title, "n": 8, **common}, f"{title} — {caption}"))
    rest = keyness[keyness["comparison"] == "rest"]
    rest_panels = []
    for query, part in rest.groupby("target", sort=False):
        ranked = pd.concat([top_by_side(g, n, labels[query], t["rest"]) for _, g in part.groupby("scope", sort=False)], ignore_index=True)
        tables.append(Table(f"keyness_{query}_vs_rest", ranked.rename(columns={"a": f"tf_{query}", "b": "tf_rest", "per10k_a": f"per10k_{query}", "per10k_b": "per10k_rest"}),
                            f"Keyness of {labels[query]} (a) against all other queries together (b), per year and for all years; top {n} per side by G². " + note))
        rest_panels.append((labels[query], part[part["scope"] == years]))
    if rest_panels:
        caption = settings.caption(n=int(volume["kept"].sum()))
        kwargs = {"panels": rest_panels, "title": t["rest_title"], "colors": ("#333333", EARLIER_COLOR), "legend": ("", t["rest"]),
                  "xlabel": t["xlabel"], "caption": caption, "n": 10}
        figures.append(FigureJob("keyness_vs_rest", plot_keyness, kwargs, f"{t['rest_title']} — {caption}"))
    periods = keyness[keyness["comparison"] == "periods"]
    panels = []
    for query, part in periods.groupby("scope", sort=False):
        later, earlier = part["target"].iloc[0], part["reference"].iloc[0]
        ranked = pd.concat([top_by_side(g, n, f"{later}", f"{earlier}") for _, g in part.groupby(["target", "reference"], sort=False)], ignore_index=True)
        tables.append(Table(f"keyness_periods_{query}", ranked.rename(columns={"scope": "query"}),
                            f"{labels[query]}: keyness of the later period (a) against the earlier one (b); top {n} per side by G². " + note))
        panels.append((labels[query], part))
    if panels:
        caption = settings.caption(n=int(volume["kept"].sum()))
        later, earlier = periods["target"].iloc[0], periods["reference"].iloc[0]
        title = t["periods_title"].format(later=later, earlier=earlier)
        kwargs = {"panels": panels, "title": title, "colors": ("#333333", EARLIER_COLOR), "legend": (f"{t['later']} {later}", f"{t['earlier']} {earlier}"),
                  "xlabel": t["xlabel"], "caption": caption, "n": 12}
        figures.append(FigureJob("keyness_periods", plot_keyness, kwargs, f"{title} — {caption}"))
    return Section(
        key="keyness",
        title=t["title"],
        tables=tables,
        figures=figures,
        text=(t["one_query"] + " " if len(settings.queries) == 1 else "")
        + f"{FORMULAS['g2']}. {FORMULAS['log_ratio']}. {FORMULAS['log_odds_z']}. Multiple testing: {t['correction'][compare.correction]}.",
    )
