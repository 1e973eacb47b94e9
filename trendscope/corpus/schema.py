"""The `Document` contract: one row of data/processed/documents.parquet."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, fields

import pandas as pd
import pyarrow as pa


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
    ]
)


def make_doc_id(source: str, identifier: str) -> str:
    """A stable id from the source name and its url or native identifier."""
    return hashlib.sha1(f"{source}\x00{identifier}".encode()).hexdigest()[:16]


def documents_frame(documents: list[Document]) -> pd.DataFrame:
    """Documents as a DataFrame with the contract's columns and dtypes."""
    table = pa.Table.from_pylist([asdict(d) for d in documents], schema=DOCUMENT_SCHEMA)
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)


def documents_table(frame: pd.DataFrame) -> pa.Table:
    """A documents DataFrame as an Arrow table with the contract's schema (column order enforced)."""
    return pa.Table.from_pandas(frame[list(DOCUMENT_COLUMNS)], schema=DOCUMENT_SCHEMA, preserve_index=False)
