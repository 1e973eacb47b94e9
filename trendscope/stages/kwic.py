"""`trendscope kwic`: keyword-in-context lines from the study's documents, printed and written as CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope import atomic
from trendscope.analysis.kwic import kwic
from trendscope.config import StudyConfig
from trendscope.errors import InputError
from trendscope.stages.io import read_documents, study_documents


def kwic_lines(config: StudyConfig, documents_file: Path, term: str, *, query: str | None = None, year: int | None = None, width: int = 40) -> pd.DataFrame:
    """Every sentence holding `term` in the study's documents (one query or year when given)."""
    if query is not None:
        config.query(query)  # unknown key → ConfigError naming the keys
    if year is not None and year not in config.years:
        raise InputError(f"--year {year}: outside the study years {config.years}")
    years = [year] if year is not None else config.years.years
    documents = study_documents(read_documents(documents_file), years, exclude_duplicates=config.analysis.exclude_duplicates, query=query)
    return kwic(documents, term, width=width)


def write_kwic(frame: pd.DataFrame, target: Path) -> None:
    """CSV in UTF-8 with BOM, like every table of the report."""
    with atomic.atomic_path(target) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig")
