"""Where the documents came from: documents per query × year × source (same-title copies and near-duplicates
apart), each source's caveats, and the exports' entities the analyzer was given (for review)."""

from __future__ import annotations

import pandas as pd

from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.report.tables import Table


def build(data: ReportData, settings: ReportSettings) -> Section:
    t = settings.text("collection")
    info = data.collection
    records = info.get("by_query_year_source") or []
    columns = ["query", "year", "source", "read", "url_duplicates", "excluded", "title_duplicates", "near_duplicates", "kept"]
    frame = pd.DataFrame(records, columns=columns)
    frame["title_duplicates"] = frame["title_duplicates"].fillna(0).astype(int)  # collections made before the title rule
    frame = frame[frame["year"].isin(settings.years.years)].reset_index(drop=True) if not frame.empty else frame
    notes = [f"- {source}: {note}" for source, lines in sorted((info.get("notes") or {}).items()) for note in lines if not note.startswith("rejected: ")]
    for source, counts in sorted((info.get("excluded_by_source") or {}).items()):
        notes.append(f"- {source}: {t['excluded']} " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    for source, counts in sorted((info.get("rejected") or {}).items()):
        notes.append(f"- {source}: {t['rejected']} " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    tables = [Table("documents_by_source", frame, t["sources_caption"], unit=t["documents_unit"], caption=t["sources_caption"])]
    cleaning = pd.DataFrame(info.get("cleaning") or [], columns=["query", "year", "rule", "removals", "documents_touched"])
    if not cleaning.empty:
        cleaning = cleaning[cleaning["year"].isin(settings.years.years)].reset_index(drop=True)
        tables.append(Table("cleaning_by_year", cleaning, t["cleaning_caption"], unit=t["cleaning_unit"], caption=t["cleaning_caption"]))
    if data.entities is not None and not data.entities.empty:
        tables.append(Table("entities", data.entities.reset_index(drop=True), t["entities_caption"], unit=t["entities_unit"], caption=t["entities_caption"]))
    return Section(key="collection", title=t["title"], tables=tables, text="\n".join(notes))
