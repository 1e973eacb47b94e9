"""Are the discourses converging? Per year: Jaccard of top-N vocabularies, TF-IDF cosine, shared central terms, each
against its random-reassignment baseline; over the years the trend test, worded as its direction, T and p."""

from __future__ import annotations

import pandas as pd

from trendscope.report.figures.convergence import plot_convergence, plot_convergence_matrix
from trendscope.report.labels import label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section
from trendscope.report.tables import Table


def verdict_line(row: pd.Series, t: dict[str, str]) -> str:
    """The compare stage's reading of the trend ('유사도 증가 추세 (6개 연도, p = 0.02)') and its numbers, worded in the
    report language: the slope's direction, the number of yearly values and p, never more than the test shows."""
    head = t[f"verdict_{row['verdict']}"].format(n=int(row["last_year"]) - int(row["first_year"]) + 1, p=row["cosine_tfidf_p"])
    if row["verdict"] == "untested":
        return head
    return head + ": " + t["detail"].format(
        c0=row["cosine_tfidf_first"], c1=row["cosine_tfidf_last"], slope=row["cosine_tfidf_sen_slope"], p=row["cosine_tfidf_p"],
        j0=row["jaccard_first"], j1=row["jaccard_last"], jp=row["jaccard_p"])


def pair_matrix(table: pd.DataFrame, settings: ReportSettings, year: int, measure: str = "cosine_tfidf") -> pd.DataFrame:
    """A symmetric query × query frame (labels) of one year's `measure`; the diagonal is 1."""
    names = [settings.labels[k] for k in settings.query_keys]
    matrix = pd.DataFrame(1.0, index=names, columns=names)
    for row in table[table["year"] == year].itertuples(index=False):
        a, b = settings.labels[row.query_a], settings.labels[row.query_b]
        matrix.loc[a, b] = matrix.loc[b, a] = getattr(row, measure)
    return matrix


def baseline_line(row: pd.Series, t: dict[str, str], settings: ReportSettings) -> str:
    """How many years' TF-IDF cosine lies below the random-reassignment baseline (the compare stage's count)."""
    if pd.isna(row.get("cosine_tfidf_years_below")):
        return ""
    return t["baseline_line"].format(permutations=settings.compare.permutations, below=int(row["cosine_tfidf_years_below"]),
                                     years=int(row["last_year"]) - int(row["first_year"]) + 1, alpha=settings.compare.alpha)


def build(data: ReportData, settings: ReportSettings) -> Section:
    lang = settings.language
    t = settings.text("convergence")
    table, volume, summary = data.convergence, data.volume, data.convergence_trend
    labels = settings.labels
    n = settings.compare.top_n
    if len(settings.queries) < 2:
        return Section(key="convergence", title=t["title"], text=t["one_query"])
    lines, figures, verdicts = [], [], {}
    for _, row in summary.iterrows():
        line = verdict_line(row, t)
        verdicts[(row["query_a"], row["query_b"])] = line
        lines.append(f"{labels[row['query_a']]} · {labels[row['query_b']]}: {line}")
        if baseline := baseline_line(row, t, settings):
            lines.append(f"{labels[row['query_a']]} · {labels[row['query_b']]}: {baseline}")
    for (qa, qb), part in table.groupby(["query_a", "query_b"], sort=False):
        n_docs = int(volume.loc[volume["query"].isin([qa, qb]), "kept"].sum())
        caption = settings.caption(n=n_docs)
        title = t["figure"].format(a=labels[qa], b=labels[qb])
        kwargs = {"table": part, "title": title, "measures": {"jaccard": t["jaccard"].format(n=n), "cosine_tfidf": t["cosine"]}, "xlabel": label("year", lang),
                  "caption": caption, "verdict": verdicts.get((qa, qb), "").split(":")[0], "baseline_label": t["baseline"]}
        figures.append(FigureJob(f"convergence_{qa}_{qb}", plot_convergence, kwargs,
                                 settings.figure_caption(t["caption"].format(a=labels[qa], b=labels[qb], n=n, permutations=settings.compare.permutations), n=n_docs)))
    if len(settings.queries) >= 3 and len(table):
        first, last = int(table["year"].min()), int(table["year"].max())
        panels = [(t["first"].format(year=y), pair_matrix(table, settings, y)) for y in (first, last)]
        caption = settings.caption(n=int(volume["kept"].sum()))
        kwargs = {"panels": panels, "title": t["matrix"], "caption": caption, "colorbar_label": t["cosine"]}
        if "cosine_tfidf_baseline" in table:
            baselines = [pair_matrix(table, settings, y, "cosine_tfidf_baseline") for y in (first, last)]
            kwargs |= {"baselines": baselines, "baseline_word": t["baseline_word"], "colorbar_label": t["excess"]}
        figures.append(FigureJob("convergence_matrix", plot_convergence_matrix, kwargs,
                                 settings.figure_caption(t["matrix_caption"], n=int(volume["kept"].sum()))))
    note = t["by_year_table"].format(n=n)
    formula = settings.formula("convergence")
    tables = [
        Table("convergence_by_year", table.round(dict.fromkeys([c for c in table.columns if c.startswith(("jaccard", "cosine_tfidf")) and not c.endswith("p_below")], 3)), note, unit=t["unit"], formula=formula, caption=note.split(":")[0] + "."),
        Table("convergence_trend", summary.round(4), t["trend_table"], unit=t["unit"], formula=settings.formula("sen_slope"), caption=t["trend_table"]),
    ]
    return Section(key="convergence", title=t["title"], tables=tables, figures=figures, text="\n".join(lines) + ("\n\n" if lines else "") + note)
