"""`trendscope lexicon suggest`: compound-noun candidates from the study's tokens, for the researcher to review."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope.analysis.compound_candidates import compound_candidates
from trendscope.config import StudyConfig
from trendscope.report.csvfile import write_csv
from trendscope.stages.io import read_tokens
from trendscope.stages.tokenize import study_lexicon


def suggest_compounds(config: StudyConfig, tokens_file: Path, *, min_count: int, top: int, csv: Path) -> pd.DataFrame:
    """Adjacent noun pairs scored by PMI, minus terms the lexicon already knows; written to `csv` (UTF-8 with BOM)."""
    sentences = (s for doc in read_tokens(tokens_file)["sentences"] for s in doc)
    table = compound_candidates(sentences, min_count=min_count, known=study_lexicon(config).known_terms, top=top)
    write_csv(table, csv)
    return table
