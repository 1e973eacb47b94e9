"""Keyness: the two queries against each other (per year and overall) and each query's later vs earlier period."""

from __future__ import annotations

import pandas as pd

from trendscope.analysis.keyness import FORMULAS
from trendscope.report.captions import source_caption
from trendscope.report.figures.keyness import plot_keyness
from trendscope.report.figures.style import query_colors, save_figure
from trendscope.report.tables import Table
from trendscope.stages.count import read_frame
from trendscope.stages.sections import ReportContext, Section

EARLIER_COLOR = "#9aa3ad"
TEXT = {
    "ko": {
        "title": "특징어 분석 (keyness)",
        "queries_title": "{a} 대 {b}: 특징어 (log-odds z)",
        "by_year_title": "{a} 대 {b}: 연도별 특징어 (log-odds z)",
        "periods_title": "기간 비교: {later} 대 {earlier} (log-odds z)",
        "xlabel": "log-odds z (정보적 디리클레 사전분포)",
        "later": "후기", "earlier": "전기",
        "correction": {"bh": "Benjamini–Hochberg FDR 보정", "bonferroni": "Bonferroni 보정"},
    },
    "en": {
        "title": "Keyness",
        "queries_title": "{a} vs {b}: key terms (log-odds z)",
        "by_year_title": "{a} vs {b}: key terms per year (log-odds z)",
        "periods_title": "Periods: {later} vs {earlier} (log-odds z)",
        "xlabel": "log-odds z (informative Dirichlet prior)",
        "later": "later", "earlier": "earlier",
        "correction": {"bh": "Benjamini–Hochberg FDR correction", "bonferroni": "Bonferroni correction"},
    },
}
COLUMNS = ["term", "a", "b", "per10k_a", "per10k_b", "g2", "p", "p_adj", "log_ratio", "z"]


def top_by_side(keyness: pd.DataFrame, n: int, target_label: str, reference_label: str) -> pd.DataFrame:
    """Top `n` terms by G² on each side (target-leaning and reference-leaning), with a 1-based rank per side."""
    frames = []
    for direction, side in (("target", target_label), ("reference", reference_label)):
        part = keyness[keyness["direction"] == direction].sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(n)
        frames.append(part.assign(key_for=side, rank=range(1, len(part) + 1)))
    table = pd.concat(frames, ignore_index=True) if frames else keyness.head(0)
    return table[["scope", "key_for", "rank", *COLUMNS]].round({"per10k_a": 2, "per10k_b": 2, "g2": 2, "log_ratio": 3, "z": 3})


def build(context: ReportContext) -> Section:
    config, paths = context.config, context.paths
    lang, dpi, folder = config.report.language, config.report.dpi, context.figures_dir
    t = TEXT[lang]
    keyness = read_frame(paths.keyness)
    volume = read_frame(paths.volume)
    labels = {q.key: q.label for q in config.queries}
    colors = query_colors(config.query_keys)
    n = config.compare.top_n
    sources = config.sources.active()
    tables, figures, captions = [], [], {}
    note = (f"a, b = occurrences in target/reference; per10k = per 10,000 tokens; {FORMULAS['g2']}; p_adj: {config.compare.correction} "
            f"({t['correction'][config.compare.correction]}); {FORMULAS['log_ratio']}; {FORMULAS['log_odds_z']}; terms with a + b < {config.compare.min_count} not tested.")
    queries = keyness[keyness["comparison"] == "queries"]
    for (qa, qb), part in queries.groupby(["target", "reference"], sort=False):
        ranked = pd.concat([top_by_side(g, n, labels[qa], labels[qb]) for _, g in part.groupby("scope", sort=False)], ignore_index=True)
        tables.append(Table(f"keyness_{qa}_vs_{qb}", ranked.rename(columns={"a": f"tf_{qa}", "b": f"tf_{qb}", "per10k_a": f"per10k_{qa}", "per10k_b": f"per10k_{qb}"}),
                            f"Keyness {labels[qa]} (a) vs {labels[qb]} (b) per year and for all years; top {n} per side by G². " + note))
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = source_caption(synthetic=context.synthetic, sources=sources, n=n_docs, years=config.years, language=lang, what=f"{labels[qa]} · {labels[qb]}")
        overall = [(str(config.years), part[part["scope"] == str(config.years)])]
        fig = plot_keyness(overall, title=t["queries_title"].format(a=labels[qa], b=labels[qb]), colors=(colors[qa], colors[qb]),
                           legend=(labels[qa], labels[qb]), xlabel=t["xlabel"], caption=caption, n=15)
        base = f"keyness_{qa}_vs_{qb}"
        figures += save_figure(fig, folder / base, dpi)
        captions[f"{base}.png"] = f"{t['queries_title'].format(a=labels[qa], b=labels[qb])} — {caption}"
        yearly = [(scope, g) for scope, g in part.groupby("scope", sort=True) if scope != str(config.years)]
        fig = plot_keyness(yearly, title=t["by_year_title"].format(a=labels[qa], b=labels[qb]), colors=(colors[qa], colors[qb]),
                           legend=(labels[qa], labels[qb]), xlabel=t["xlabel"], caption=caption, n=8)
        base = f"keyness_{qa}_vs_{qb}_by_year"
        figures += save_figure(fig, folder / base, dpi)
        captions[f"{base}.png"] = f"{t['by_year_title'].format(a=labels[qa], b=labels[qb])} — {caption}"
    periods = keyness[keyness["comparison"] == "periods"]
    panels = []
    for query, part in periods.groupby("scope", sort=False):
        later, earlier = part["target"].iloc[0], part["reference"].iloc[0]
        ranked = pd.concat([top_by_side(g, n, f"{later}", f"{earlier}") for _, g in part.groupby(["target", "reference"], sort=False)], ignore_index=True)
        tables.append(Table(f"keyness_periods_{query}", ranked.rename(columns={"scope": "query"}),
                            f"{labels[query]}: keyness of the later period (a) against the earlier one (b); top {n} per side by G². " + note))
        panels.append((labels[query], part))
    if panels:
        n_docs = int(volume["kept"].sum())
        caption = source_caption(synthetic=context.synthetic, sources=sources, n=n_docs, years=config.years, language=lang)
        later, earlier = periods["target"].iloc[0], periods["reference"].iloc[0]
        title = t["periods_title"].format(later=later, earlier=earlier)
        fig = plot_keyness(panels, title=title, colors=("#333333", EARLIER_COLOR), legend=(f"{t['later']} {later}", f"{t['earlier']} {earlier}"),
                           xlabel=t["xlabel"], caption=caption, n=12)
        figures += save_figure(fig, folder / "keyness_periods", dpi)
        captions["keyness_periods.png"] = f"{title} — {caption}"
    return Section(
        key="keyness",
        title=t["title"],
        tables=tables,
        figures=[p for p in figures if p.suffix == ".png"],
        captions=captions,
        text=f"{FORMULAS['g2']}. {FORMULAS['log_ratio']}. {FORMULAS['log_odds_z']}. Multiple testing: {t['correction'][config.compare.correction]}.",
    )
