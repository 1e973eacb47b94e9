"""Reading and writing the stages' files: Parquet frames, JSON facts, and the study's documents.

"The study's documents" — in the study years, near-duplicates left out when the
study says so, optionally one query or year — is defined once here.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from trendscope import atomic
from trendscope.errors import InputError


@functools.cache
def _libc() -> Any:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def release_memory() -> None:
    """Hand back to the system what a finished stage freed (glibc's `malloc_trim`, where there is one; 2 ms).
    The stages run in one process, and glibc keeps freed heap for reuse: at 100k full-length articles the
    process held 689 MB after the network stage without it and 321 MB with it, and the next stage's peak
    started from there."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


def prefer_jemalloc() -> None:
    """Arrow's jemalloc pool instead of its default (mimalloc), where the wheel has it and the environment does not choose
    (ARROW_DEFAULT_MEMORY_POOL).  mimalloc keeps what Arrow freed: after the compare stage's token table was let go at
    100k full-length articles, it still held 1.6 GB against jemalloc's 0.84 GB, and reading it was slower."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    with contextlib.suppress(NotImplementedError):
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)  # freed pages go back at once, not a second later while the next stage allocates


def write_frame(frame: pd.DataFrame, target: Path) -> None:
    with atomic.atomic_path(target) as tmp:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)


def read_frame(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()


def read_optional_frame(path: Path) -> pd.DataFrame | None:
    """A frame a stage writes only in some studies (e.g. per-year topics), or None."""
    return read_frame(path) if path.is_file() else None


def write_json(data: Any, target: Path) -> None:
    atomic.write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_documents(path: Path, *, body: bool = True) -> pd.DataFrame:
    """documents.parquet; without `body` every column but the article texts (most of the file: what the report needs)."""
    if not path.is_file():
        raise InputError(f"{path}: documents not collected yet; run `trendscope collect`")
    columns = None if body else [name for name in pq.read_schema(path).names if name != "body"]
    return pq.read_table(path, columns=columns).to_pandas()


# The token file's columns the stages read (it also holds text_sha, failed_sentences and row_sha, for its cache).
TOKEN_FILE_COLUMNS = ["doc_id", "query", "year", "tokens", "sentences"]


def read_tokens(path: Path) -> pd.DataFrame:
    return pq.read_table(path, columns=TOKEN_FILE_COLUMNS).to_pandas()


def read_token_table(path: Path, columns: Sequence[str] = ("doc_id", "query", "year", "tokens")) -> pa.Table:
    """The token file's `columns` as Arrow, for stages that turn tokens into count matrices: the tokens stay
    Arrow strings (analysis/doc_term.py encodes them to integer codes) instead of one Python object each."""
    return pq.read_table(path, columns=list(columns))


def token_rows_with(path: Path, terms: Sequence[str], *, rows: int = 5000) -> pd.DataFrame:
    """The rows of the token file (doc_id, query, year, sentences) whose tokens include any of `terms`, read `rows`
    rows at a time: the report's keyword-in-context examples need a few documents, not every sentence of the corpus."""
    wanted = pa.array(sorted(set(terms)), type=pa.string())
    source = pq.ParquetFile(path)
    parts = []
    for batch in source.iter_batches(batch_size=rows, columns=TOKEN_FILE_COLUMNS):
        tokens = batch.column("tokens")
        hits = pc.list_parent_indices(tokens).filter(pc.is_in(pc.list_flatten(tokens), value_set=wanted))
        parts.append(batch.drop_columns(["tokens"]).take(pc.unique(hits)))
    table = pa.Table.from_batches(parts) if parts else pa.table({"doc_id": [], "query": [], "year": [], "sentences": []})
    return table.to_pandas()


def token_batches(path: Path, *, rows: int = 5000) -> Iterator[pd.DataFrame]:
    """The token file `rows` rows at a time (doc_id, query, year, tokens, sentences), for stages that count as they read."""
    source = pq.ParquetFile(path)
    for batch in source.iter_batches(batch_size=rows, columns=TOKEN_FILE_COLUMNS):
        yield batch.to_pandas()


def study_documents(documents: pd.DataFrame, years: list[int], *, exclude_duplicates: bool, query: str | None = None) -> pd.DataFrame:
    """The documents a study analyses: in `years`, without near-duplicates when `exclude_duplicates`, of one query if given."""
    keep = documents["year"].isin(years)
    if exclude_duplicates:
        keep &= documents["dup_of"].isna()
    if query is not None:
        keep &= documents["query"] == query
    return documents[keep]
