"""`trendscope kwic`: keyword-in-context lines from the study's documents, printed and written as CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope import atomic
from trendscope.analysis.kwic import kwic
from trendscope.config import StudyConfig
from trendscope.errors import InputError
from trendscope.stages.collect import read_documents


def study_documents(config: StudyConfig, documents_file: Path, *, query: str | None = None, year: int | None = None) -> pd.DataFrame:
    """The documents the analysis uses (study years, near-duplicates excluded as configured), optionally one query/year."""
    documents = read_documents(documents_file)
    if query is not None:
        config.query(query)  # unknown key → ConfigError naming the keys
        documents = documents[documents["query"] == query]
    if year is not None:
        if year not in config.years:
            raise InputError(f"--year {year}: outside the study years {config.years}")
        documents = documents[documents["year"] == year]
    else:
        documents = documents[documents["year"].isin(config.years.years)]
    if config.analysis.exclude_duplicates:
        documents = documents[documents["dup_of"].isna()]
    return documents


def kwic_lines(config: StudyConfig, documents_file: Path, term: str, *, query: str | None = None, year: int | None = None, width: int = 40) -> pd.DataFrame:
    return kwic(study_documents(config, documents_file, query=query, year=year), term, width=width)


def write_kwic(frame: pd.DataFrame, target: Path) -> None:
    """CSV in UTF-8 with BOM, like every table of the report."""
    with atomic.atomic_path(target) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig")
