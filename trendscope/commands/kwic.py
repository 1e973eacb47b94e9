"""`trendscope kwic`: keyword-in-context lines from the study's documents, printed and written as CSV.

A term is matched as whole tokens in the token file (after the lexicon and synonyms), so 스마트
does not match 스마트시티, and a multi-word term matches its token sequence.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope.analysis.kwic import sample_evenly, token_kwic
from trendscope.artifacts import read_documents, read_tokens
from trendscope.commands.slug import file_slug
from trendscope.config import StudyConfig
from trendscope.corpus.selection import study_documents
from trendscope.errors import InputError
from trendscope.report.csvfile import write_csv


def kwic_lines(
    config: StudyConfig, documents_file: Path, tokens_file: Path, term: str, *, query: str | None = None, year: int | None = None, width: int = 6
) -> pd.DataFrame:
    """Every occurrence of `term` (as whole tokens) in the study's documents (one query or year when given), `width` tokens each side."""
    if query is not None:
        config.query(query)  # unknown key → ConfigError naming the keys
    if year is not None and year not in config.years:
        raise InputError(f"--year {year}: outside the study years {config.years}")
    years = [year] if year is not None else config.years.years
    documents = study_documents(read_documents(documents_file), years, exclude_duplicates=config.analysis.exclude_duplicates, query=query)
    tokens = read_tokens(tokens_file)
    keys = pd.MultiIndex.from_frame(documents[["doc_id", "query"]])
    tokens = tokens[pd.MultiIndex.from_frame(tokens[["doc_id", "query"]]).isin(keys)]
    return token_kwic(tokens, documents, term, width=width, seed=config.seed, raw=True)


def default_csv(term: str) -> Path:
    """kwic_<term>.csv in the current folder, the term made file-name-safe (kwic_4차_산업혁명.csv; 'a/b' cannot reach a folder a/)."""
    return Path(f"kwic_{file_slug(term)}.csv")


def write_kwic(frame: pd.DataFrame, target: Path) -> None:
    """CSV in UTF-8 with BOM, like every table of the report (formula-like titles neutralised: report/csvfile.py)."""
    write_csv(frame, target, atomically=True)


__all__ = ["default_csv", "kwic_lines", "sample_evenly", "write_kwic"]
