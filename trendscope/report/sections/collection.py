"""Where the documents came from: documents per query × year × source, and each source's caveats."""

from __future__ import annotations

import pandas as pd

from trendscope.report.sections import ReportData, ReportSettings, Section
from trendscope.report.tables import Table


def build(data: ReportData, settings: ReportSettings) -> Section:
    info = data.collection
    records = info.get("by_query_year_source") or []
    columns = ["query", "year", "source", "read", "url_duplicates", "excluded", "near_duplicates", "kept"]
    frame = pd.DataFrame(records, columns=columns)
    frame = frame[frame["year"].isin(settings.years.years)].reset_index(drop=True) if not frame.empty else frame
    notes = [f"- {source}: {note}" for source, lines in sorted((info.get("notes") or {}).items()) for note in lines if not note.startswith("rejected: ")]
    for source, counts in sorted((info.get("excluded_by_source") or {}).items()):
        notes.append(f"- {source}: excluded " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    for source, counts in sorted((info.get("rejected") or {}).items()):
        notes.append(f"- {source}: rows rejected " + ", ".join(f"{n:,} × {why}" for why, n in sorted(counts.items())))
    tables = [Table("documents_by_source", frame, "Documents per query × year × source: read, URL/id duplicates dropped, excluded by query exclusions, near-duplicates, kept.")]
    cleaning = pd.DataFrame(info.get("cleaning") or [], columns=["query", "year", "rule", "removals", "documents_touched"])
    if not cleaning.empty:
        cleaning = cleaning[cleaning["year"].isin(settings.years.years)].reset_index(drop=True)
        tables.append(Table("cleaning_by_year", cleaning, "Boilerplate removed from titles and bodies before tokenizing, per query × year × rule: removals, and documents with at least one.",
                            unit="removals, documents"))
    return Section(key="collection", title="Collection", tables=tables, text="\n".join(notes))
