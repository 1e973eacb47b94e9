"""Reading a study's artifacts outside the runner (the commands, notebooks-side helpers and tests): documents, the
token file's rows.
optionally one query (corpus/selection.py).  Stages never call these: the runner loads their inputs (catalog.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from trendscope.analysis.kwic import rows_with_terms
from trendscope.catalog import TOKEN_FILE_COLUMNS, ParquetTable
from trendscope.errors import InputError


def read_frame(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()


def read_documents(path: Path, *, body: bool = True) -> pd.DataFrame:
    """documents.parquet; without `body` every column but the article texts (most of the file: what the report needs)."""
    if not path.is_file():
        raise InputError(f"{path}: documents not collected yet; run `trendscope collect`")
    columns = None if body else [name for name in pq.read_schema(path).names if name != "body"]
    return pq.read_table(path, columns=columns).to_pandas()


def read_tokens(path: Path) -> pd.DataFrame:
    return pq.read_table(path, columns=TOKEN_FILE_COLUMNS).to_pandas()


def token_rows_with(path: Path, terms: Sequence[str], *, rows: int = 5000) -> pd.DataFrame:
    """The rows of the token file at `path` (doc_id, query, year, sentences) whose tokens include any of `terms`."""
    return rows_with_terms(ParquetTable(path).batches(rows=rows, columns=TOKEN_FILE_COLUMNS), terms)
