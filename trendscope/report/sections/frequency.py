"""Volume, frequency, TF-IDF and bigrams per query × year."""

from __future__ import annotations

import pandas as pd

from trendscope.report.figures.heatmap import plot_term_year_heatmap, term_year_matrix
from trendscope.report.figures.style import query_colors
from trendscope.report.figures.terms import plot_top_terms
from trendscope.report.figures.volume import plot_volume
from trendscope.report.labels import label
from trendscope.report.sections import FigureJob, ReportData, ReportSettings, Section, top_ranked
from trendscope.report.tables import Table


def wide_by_year(ranked: pd.DataFrame, value: str, label_col: str = "term") -> pd.DataFrame:
    """Rank × year layout as in Korean reports, with numbers kept as numbers: for each year a term column and a value column
    ('2015', '2015_tf'), so the workbook can sort and format them."""
    columns: dict[str, pd.Series] = {}
    for year, part in ranked.sort_values(["year", "rank"], kind="stable").groupby("year", sort=True):
        part = part.set_index("rank")
        columns[str(year)] = part[label_col]
        columns[f"{year}_{value}"] = part[value]
    wide = pd.DataFrame(columns)
    wide.index.name = "rank"
    return wide.reset_index()


def build_tables(settings: ReportSettings, volume: pd.DataFrame, terms: pd.DataFrame, bigrams: pd.DataFrame) -> list[Table]:
    t = settings.text("frequency")
    n = settings.top_n
    labels = settings.labels
    freq = top_ranked(terms, by="tf", n=n)[["query", "year", "rank", "term", "tf", "per10k", "df", "doc_share", "n_docs"]].round({"per10k": 2, "doc_share": 4})
    tfidf = top_ranked(terms, by="tfidf", n=n)[["query", "year", "rank", "term", "tfidf", "tfidf_study", "tf", "df", "n_docs"]].round({"tfidf": 4, "tfidf_study": 4})
    bi = top_ranked(bigrams, by="tf", n=n)[["query", "year", "rank", "bigram", "tf", "df"]]
    formula = t["tfidf_formula"]
    tables = [
        Table("volume_by_year", volume.assign(label=volume["query"].map(labels))[["query", "label", "year", "documents", "duplicates", "kept"]],
              t["volume_table"], unit=t["documents_unit"], caption=t["volume_table"]),
        Table(f"frequency_top{n}_by_year", freq, t["freq_table"].format(n=n) + f" {t['rate_formula']}.", unit=f"{t['unit_freq']}; {t['unit_rate']}",
              formula=t["rate_formula"], caption=t["freq_table"].format(n=n).split(". ")[0] + "."),
        Table(f"tfidf_top{n}_by_year", tfidf, t["tfidf_table"].format(n=n) + " " + formula + f". {t['study_formula']}.", unit=t["unit_tfidf"],
              formula=f"{formula}; {t['study_formula']}", caption=t["tfidf_table"].format(n=n)),
        Table(f"bigram_top{n}_by_year", bi, t["bigram_table"].format(n=n), unit=t["unit_freq"], caption=t["bigram_table"].format(n=n)),
    ]
    for key in settings.query_keys:
        note = t["freq_wide"].format(label=labels[key], n=n)
        tables.append(Table(f"frequency_top{n}_wide_{key}", wide_by_year(freq[freq["query"] == key], "tf"), note, unit=t["unit_freq"], caption=note))
        note = t["tfidf_wide"].format(label=labels[key], n=n)
        tables.append(Table(f"tfidf_top{n}_wide_{key}", wide_by_year(tfidf[tfidf["query"] == key], "tfidf"), note, unit=t["unit_tfidf"], formula=formula, caption=note))
    return tables


def build(data: ReportData, settings: ReportSettings) -> Section:
    volume, terms, bigrams = data.volume, data.ranked(data.terms), data.bigrams
    lang, years = settings.language, settings.years
    t = settings.text("frequency")
    labels = settings.labels
    colors = query_colors(settings.query_keys)
    total = int(volume["kept"].sum())
    caption = f"{label('source', lang)}: {settings.source} · n = {total:,} ({label('duplicates_removed', lang)}) · {years}"
    figures = [FigureJob("volume_by_year", plot_volume, {"volume": volume, "labels": labels, "colors": colors, "caption": caption, "language": lang},
                         settings.figure_caption(t["volume_caption"], n=total))]
    top = min(15, settings.top_n)
    for key in settings.query_keys:
        n_docs = int(volume.loc[volume["query"] == key, "kept"].sum())
        qcaption = f"{label('source', lang)}: {settings.source} · {labels[key]} n = {n_docs:,} · {years}"
        ranked = top_ranked(terms[terms["query"] == key], by="tf", n=top)
        title = label("top_terms_title", lang, label=labels[key], n=top)
        figures.append(FigureJob(f"top_terms_by_year_{key}", plot_top_terms,
                                 {"ranked": ranked, "value": "per10k", "title": title, "color": colors[key], "caption": qcaption, "language": lang},
                                 settings.figure_caption(t["top_terms_caption"].format(label=labels[key], n=top), n=n_docs)))
        value = settings.report.heatmap_value
        value_name = label(f"heatmap_value_{value}", lang)
        matrix = term_year_matrix(terms, query=key, years=years.years, value=value, n=settings.report.heatmap_terms)
        title = label("heatmap_title", lang, label=labels[key], value=value_name)
        figures.append(FigureJob(f"heatmap_{value}_{key}", plot_term_year_heatmap,
                                 {"matrix": matrix, "title": title, "caption": qcaption, "colorbar_label": value_name, "language": lang},
                                 settings.figure_caption(t["heatmap_caption"].format(label=labels[key], value=value_name), n=n_docs)))
    return Section(
        key="frequency",
        title=t["title"],
        tables=build_tables(settings, volume, terms, bigrams),
        figures=figures,
        text=t["tfidf_formula"] + ".",
    )
