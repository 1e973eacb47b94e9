"""Counts and TF-IDF per query × year, from the token file to Parquet tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from trendscope import atomic
from trendscope.analysis.counts import bigram_frequencies, term_frequencies, volume_by_year
from trendscope.analysis.tfidf import tfidf_by_year
from trendscope.config import StudyConfig
from trendscope.stages.collect import read_documents
from trendscope.stages.tokenize import read_tokens


def write_frame(frame: pd.DataFrame, target: Path) -> None:
    with atomic.atomic_path(target) as tmp:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)


def count_terms(config: StudyConfig, documents_file: Path, tokens_file: Path, outputs: dict[str, Path]) -> dict[str, Any]:
    documents = read_documents(documents_file)
    documents = documents[documents["year"].isin(config.years.years)]
    tokens = read_tokens(tokens_file)
    volume = volume_by_year(documents, config.years.years, config.query_keys)
    terms = tfidf_by_year(term_frequencies(tokens))
    bigrams = bigram_frequencies(tokens)
    write_frame(volume, outputs["volume"])
    write_frame(terms, outputs["terms"])
    write_frame(bigrams, outputs["bigrams"])
    return {"terms": int(terms["term"].nunique()), "token_documents": len(tokens)}


def read_frame(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()
