"""Tables as CSV (UTF-8 with BOM, so Excel opens Korean correctly), Markdown, and one workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

EXCEL_SHEET_MAX = 31


@dataclass(frozen=True)
class Table:
    """A named table with a note (what it holds, formulas) written beside it."""

    name: str
    frame: pd.DataFrame
    note: str = ""


def to_markdown(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (no extra dependency)."""

    def cell(value: object) -> str:
        if pd.isna(value):
            return ""
        if isinstance(value, float):
            return f"{value:.4g}"
        return str(value).replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows]) + "\n"


def _sheet_names(names: list[str]) -> dict[str, str]:
    """Excel sheet names: at most 31 characters and unique."""
    result, used = {}, set()
    for name in names:
        base = name[:EXCEL_SHEET_MAX]
        candidate, i = base, 1
        while candidate in used:
            suffix = f"~{i}"
            candidate, i = base[: EXCEL_SHEET_MAX - len(suffix)] + suffix, i + 1
        used.add(candidate)
        result[name] = candidate
    return result


def write_tables(tables: list[Table], folder: Path, workbook: Path) -> list[Path]:
    """Write each table as <name>.csv and <name>.md under `folder`, and all of them to `workbook`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        csv_path = folder / f"{table.name}.csv"
        table.frame.to_csv(csv_path, index=False, encoding="utf-8-sig")
        md = f"# {table.name}\n\n" + (f"{table.note}\n\n" if table.note else "") + to_markdown(table.frame)
        (folder / f"{table.name}.md").write_text(md, encoding="utf-8")
        written += [csv_path, folder / f"{table.name}.md"]
    sheets = _sheet_names([t.name for t in tables])
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for table in tables:
            table.frame.to_excel(writer, sheet_name=sheets[table.name], index=False)
    written.append(workbook)
    return written
