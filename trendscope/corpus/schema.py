"""The `Document` contract: one row of data/processed/documents.parquet."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


@dataclass(frozen=True)
class Document:
    doc_id: str
    query: str
    date: dt.date
    year: int
    source: str
    outlet: str | None
    title: str
    body: str
    url: str | None
    dup_of: str | None = None
    category: str | None = None
    source_keywords: str | None = None
    # The source's named-entity columns as it wrote them (BigKinds 인물, 기관: comma-joined, noisy), for text/entities.py.
    people: str | None = None
    organizations: str | None = None


DOCUMENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Document))

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("query", pa.string()),
        ("date", pa.date32()),
        ("year", pa.int32()),
        ("source", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("url", pa.string()),
        ("dup_of", pa.string()),
        ("category", pa.string()),
        ("source_keywords", pa.string()),
        ("people", pa.string()),
        ("organizations", pa.string()),
    ]
)


def make_doc_id(source: str, identifier: str) -> str:
    """A stable id from the source name and its url or native identifier."""
    return hashlib.sha1(f"{source}\x00{identifier}".encode()).hexdigest()[:16]


# Held as Python strings (object columns) from reading to writing: cleaning works on Python strings,
# sorting and filtering them moves pointers, and an Arrow copy of Korean text is 1.5× the size.
TEXT_COLUMNS: tuple[str, ...] = ("title", "body")


def documents_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """Documents as a DataFrame with the contract's columns: strings as pandas' string dtype, title and body as Python strings.

    The documents are read one at a time into columns (`asdict` per document cost 0.9 s on
    20,000 articles); every text is held once, by the frame.
    """
    rows = list(map(attrgetter(*DOCUMENT_COLUMNS), documents))
    columns = dict(zip(DOCUMENT_COLUMNS, zip(*rows, strict=True) if rows else [()] * len(DOCUMENT_COLUMNS), strict=True))
    del rows
    texts = {name: pd.Series(columns.pop(name), dtype=object) for name in TEXT_COLUMNS}
    schema = pa.schema([f for f in DOCUMENT_SCHEMA if f.name not in TEXT_COLUMNS])
    arrays = [utf8_array(columns.pop(f.name)) if f.type == pa.string() else pa.array(columns.pop(f.name), type=f.type) for f in schema]
    frame = pa.Table.from_arrays(arrays, schema=schema).to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    return frame.assign(**texts)[list(DOCUMENT_COLUMNS)]


def documents_table(frame: pd.DataFrame) -> pa.Table:
    """A documents DataFrame as an Arrow table with the contract's schema (column order enforced)."""
    return pa.Table.from_pandas(frame[list(DOCUMENT_COLUMNS)], schema=DOCUMENT_SCHEMA, preserve_index=False)


def document_batches(frame: pd.DataFrame, *, rows_per_group: int = 10_000) -> tuple[pa.Schema, Iterator[pa.Table]]:
    """A documents DataFrame as Arrow tables of `rows_per_group` rows (the tables `documents_table` makes), and their schema.

    One Arrow copy of the whole frame's texts was the stage's last memory peak, so the file is written a piece at a
    time.  Text columns held as Python strings (title and body after cleaning) are encoded by `utf8_array`; the pandas
    metadata is the one `from_pandas` writes for the whole frame (it depends only on which values are missing).
    """
    texts = [c for c in DOCUMENT_COLUMNS if frame[c].dtype == object and DOCUMENT_SCHEMA.field(c).type == pa.string()]
    schema = documents_table(_texts_blanked(frame, texts)).schema

    def pieces() -> Iterator[pa.Table]:
        for start in range(0, max(len(frame), 1), rows_per_group):
            part = frame.iloc[start : start + rows_per_group]
            table = documents_table(_texts_blanked(part, texts))
            for column in texts:
                index = table.schema.get_field_index(column)
                table = table.set_column(index, table.schema.field(index), utf8_array(part[column].tolist()))
            yield table

    return schema, pieces()


def write_documents(frame: pd.DataFrame, path: Path, *, rows_per_group: int = 10_000) -> None:
    """Write a documents DataFrame as Parquet, `rows_per_group` rows at a time (see `document_batches`)."""
    schema, pieces = document_batches(frame, rows_per_group=rows_per_group)
    with pq.ParquetWriter(path, schema) as writer:
        for table in pieces:
            writer.write_table(table)


def _texts_blanked(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`frame` with every string of `columns` replaced by "" (missing values kept)."""
    return frame.assign(**{c: frame[c].where(frame[c].isna(), "") for c in columns})


# Strings encoded per Arrow chunk by `utf8_array`: bounds the transient bytes objects.
_ENCODE_ROWS = 10_000


def utf8_array(values: Sequence[object]) -> pa.ChunkedArray:
    """Python strings (None/NaN missing) as an Arrow string array, UTF-8-encoded here.

    pyarrow's own conversion of a non-ASCII str leaves a UTF-8 copy cached inside the str object
    (CPython keeps it for the object's lifetime), which more than doubled the memory of texts
    that stay in use; encoding explicitly leaves the strings as they were.
    """
    chunks = []
    for start in range(0, len(values), _ENCODE_ROWS):
        encoded = [v.encode("utf-8") if isinstance(v, str) else None if v is None or pd.isna(v) else v for v in values[start : start + _ENCODE_ROWS]]
        chunks.append(pa.array(encoded, type=pa.binary()).cast(pa.string()))
    return pa.chunked_array(chunks, type=pa.string())
