"""`trendscope compare-tokenizers`: several analyzers on the same sample of the study's documents."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from trendscope.analysis.tokenizer_compare import differing_terms, overlap_by_year, speed_table
from trendscope.artifacts import read_documents
from trendscope.config import StudyConfig
from trendscope.corpus.selection import study_documents
from trendscope.errors import ConfigError
from trendscope.report.csvfile import write_csv
from trendscope.stages.tokenize import tokenizer_spec
from trendscope.text.backends import BACKEND_NAMES
from trendscope.text.tokenize import Tokenizer, TokenizerSpec

WARM_UP = 5  # documents tokenized before timing (the JVM compiles on first use)


def sample_documents(config: StudyConfig, documents_file: Path, per_year: int) -> pd.DataFrame:
    """The first `per_year` study documents of each year, by doc_id (one row per document)."""
    docs = study_documents(read_documents(documents_file), config.years.years, exclude_duplicates=config.analysis.exclude_duplicates)
    return docs.drop_duplicates("doc_id").sort_values(["year", "doc_id"]).groupby("year").head(per_year)


def compare_tokenizers(config: StudyConfig, documents_file: Path, backends: list[str], *, sample: int, top: int, out: Path) -> dict[str, pd.DataFrame]:
    """Time each backend on the sample and compare their tokens; writes <out>/<table>.csv and returns the tables."""
    if len(set(backends)) < 2 or any(b not in BACKEND_NAMES for b in backends):
        raise ConfigError(f"expected two or more of {', '.join(BACKEND_NAMES)}, got {' '.join(backends)}")
    docs = sample_documents(config, documents_file, sample)
    texts = [f"{t or ''}\n{b or ''}".strip() for t, b in zip(docs["title"], docs["body"], strict=True)]
    base = tokenizer_spec(config)
    tokens, seconds = {}, {}
    for name in dict.fromkeys(backends):
        tokenizer = Tokenizer(TokenizerSpec(name, base.pos, base.min_length, base.lexicon))
        tokenizer.tokenize(texts[:WARM_UP])
        start = time.perf_counter()
        tokens[name] = [d.tokens for d in tokenizer.tokenize(texts)]
        seconds[name] = time.perf_counter() - start
    tables = {
        "speed": speed_table(tokens, seconds, sum(len(t) for t in texts)),
        "top_overlap_by_year": overlap_by_year(tokens, docs["year"].tolist(), n=top),
        "differing_top_terms": differing_terms(tokens, n=top),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        write_csv(frame, out / f"{name}.csv")
    return tables
