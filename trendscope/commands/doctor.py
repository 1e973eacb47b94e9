"""`trendscope doctor`: one grid per input file, from corpus/doctor.py's diagnosis (nothing is imported)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.table import Table
from rich.text import Text

from trendscope.corpus.doctor import diagnose, render_lines


def doctor_views(files: Sequence[Path], *, date_col: str | None, text_col: str | None) -> Iterator[tuple[Table, bool]]:
    """(grid, readable) per file; values are plain Text, so a file name or cell such as `[red]` is shown as written."""
    for path in files:
        diagnosis = diagnose(path, date_col=date_col, text_col=text_col)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        for label, value in render_lines(diagnosis):
            style = "red" if label == "error" else "yellow" if label == "problem" else None
            table.add_row(label, Text(value), style=style)
        yield table, diagnosis.readable
