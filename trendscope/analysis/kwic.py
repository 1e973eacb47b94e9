"""Keyword in context: each sentence that holds a term, with the term centred, so a number can be read as text."""

from __future__ import annotations

import re

import pandas as pd

SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
COLUMNS = ["doc_id", "query", "year", "date", "outlet", "title", "left", "keyword", "right"]


def sentences(text: str) -> list[str]:
    """Split on sentence-final punctuation followed by space, and on line breaks."""
    return [s.strip() for s in SENTENCE_END.split(text or "") if s and s.strip()]


def kwic(documents: pd.DataFrame, term: str, *, width: int = 40, limit: int | None = None) -> pd.DataFrame:
    """One row per sentence containing `term` (surface string; the first occurrence is centred).

    `documents` has doc_id, query, year, date, outlet, title, body.  `left`/`right`
    hold at most `width` characters of the sentence on each side.  Sorted by date,
    doc_id and position, so the same corpus gives the same lines.
    """
    if not term.strip():
        raise ValueError("term must not be empty")
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    hits = documents[documents["body"].fillna("").str.contains(term, regex=False) | documents["title"].fillna("").str.contains(term, regex=False)]
    hits = hits.sort_values(["date", "doc_id", "query"], kind="stable")
    rows = []
    for doc in hits.itertuples(index=False):
        for sentence in sentences(doc.body):
            at = sentence.find(term)
            if at < 0:
                continue
            left, right = sentence[:at], sentence[at + len(term):]
            rows.append((doc.doc_id, doc.query, int(doc.year), doc.date, doc.outlet, doc.title,
                         ("…" + left[-width:]) if len(left) > width else left, term, (right[:width] + "…") if len(right) > width else right))
            if limit is not None and len(rows) >= limit:
                return pd.DataFrame(rows, columns=COLUMNS)
    return pd.DataFrame(rows, columns=COLUMNS)
