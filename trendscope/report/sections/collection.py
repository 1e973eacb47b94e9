"""Where the documents came from: documents per query × year × source (same-title copies and near-duplicates
apart), each source's caveats, the exports' entities the analyzer was given (for review), and the topics that
look like other senses of a query word (to drop with the query's `exclude` list)."""

from __future__ import annotations

import pandas as pd

from trendscope.report.i18n import source_label
from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.report.sections.topics import topic_labels
from trendscope.report.tables import Table

SENSE_COLUMNS = ["query", "topic", "label", "core_share", "median_share", "documents", "doc_share", "distinctive_terms", "example_titles"]


def other_senses(data: ReportData) -> pd.DataFrame:
    """The flagged topics of the topics stage's senses table (analysis/senses.py), with their labels and their query's
    median core share beside their own, lowest share first within each query (queries in study order)."""
    senses = data.topics.senses
    if senses is None or senses.empty:
        return pd.DataFrame(columns=SENSE_COLUMNS)
    labels = topic_labels(data.topics.summary.get("auto_labels", {}), data.topics.labels)
    median = senses.groupby("query", sort=False)["core_share"].median()
    flagged = senses[senses["flagged"]].sort_values(["share_rank"], kind="stable")
    order = {key: i for i, key in enumerate(dict.fromkeys(senses["query"]))}
    flagged = flagged.sort_values("query", key=lambda q: q.map(order), kind="stable")
    return flagged.assign(
        label=[labels.get(q, {}).get(int(t), "") for q, t in zip(flagged["query"], flagged["topic"], strict=True)],
        core_share=flagged["core_share"].round(3),
        median_share=flagged["query"].map(median).round(3),
        doc_share=flagged["doc_share"].round(3),
    )[SENSE_COLUMNS].reset_index(drop=True)


def senses_text(senses: pd.DataFrame, settings: ReportSettings) -> str:
    """One line per flagged topic, then how to drop its documents with `queries[].exclude`."""
    t, names = settings.text("collection"), settings.labels
    lines = [t["senses_line"].format(label=names.get(row.query, row.query), topic=row.topic, share=row.core_share, median=row.median_share,
                                     documents=row.documents, terms=row.distinctive_terms) for row in senses.itertuples(index=False)]
    return "\n".join([t["senses_intro"], *lines, t["senses_exclude"]])


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = settings.text("collection")
    info = data.collection
    records = info.get("by_query_year_source") or []
    columns = ["query", "year", "source", "read", "url_duplicates", "excluded", "title_duplicates", "near_duplicates", "kept"]
    frame = pd.DataFrame(records, columns=columns)
    frame["title_duplicates"] = frame["title_duplicates"].fillna(0).astype(int)  # collections made before the title rule
    frame = frame[frame["year"].isin(settings.years.years)].reset_index(drop=True) if not frame.empty else frame
    notes = [f"- {source_label(source, settings.language)}: {note}" for source, lines in sorted((info.get("notes") or {}).items()) for note in lines if not note.startswith("rejected: ")]
    for source, counts in sorted((info.get("excluded_by_source") or {}).items()):
        notes.append(f"- {source_label(source, settings.language)}: {t['excluded']} " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    for source, counts in sorted((info.get("rejected") or {}).items()):
        notes.append(f"- {source_label(source, settings.language)}: {t['rejected']} " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    tables = [Table("documents_by_source", frame, t["sources_caption"], unit=t["documents_unit"], caption=t["sources_caption"])]
    cleaning = pd.DataFrame(info.get("cleaning") or [], columns=["query", "year", "rule", "removals", "documents_touched"])
    if not cleaning.empty:
        cleaning = cleaning[cleaning["year"].isin(settings.years.years)].reset_index(drop=True)
        tables.append(Table("cleaning_by_year", cleaning, t["cleaning_caption"], unit=t["cleaning_unit"], caption=t["cleaning_caption"]))
    if data.entities is not None and not data.entities.empty:
        tables.append(Table("entities", data.entities.reset_index(drop=True), t["entities_caption"], unit=t["entities_unit"], caption=t["entities_caption"]))
    text = "\n".join(notes)
    senses = other_senses(data)
    if not senses.empty:
        core = data.topics.summary["senses"]["core_terms"]
        tables.append(Table("other_senses", senses, t["senses_caption"].format(core=core), unit=t["senses_unit"],
                            formula=t["senses_formula"].format(core=core), caption=t["senses_title"]))
        text = "\n\n".join(part for part in (text, senses_text(senses, settings)) if part)
    return Section(key="collection", title=t["title"], tables=tables, text=text)
