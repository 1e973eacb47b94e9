"""`trendscope lexicon suggest` and `lexicon add`: compound-noun candidates for the researcher to review, and adding the chosen ones."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trendscope.analysis.compound_candidates import compound_candidates
from trendscope.artifacts import read_tokens
from trendscope.config import StudyConfig
from trendscope.errors import ConfigError
from trendscope.report.csvfile import write_csv
from trendscope.stages.tokenize import study_lexicon
from trendscope.studylock import study_lock
from trendscope.text.lexicon_edit import add_user_terms


def suggest_compounds(config: StudyConfig, tokens_file: Path, *, min_count: int, top: int, csv: Path) -> pd.DataFrame:
    """Adjacent noun pairs scored by PMI, minus terms the lexicon already knows; written to `csv` (UTF-8 with BOM)."""
    sentences = (s for doc in read_tokens(tokens_file)["sentences"] for s in doc)
    table = compound_candidates(sentences, min_count=min_count, known=study_lexicon(config).known_terms, top=top)
    write_csv(table, csv)
    return table


def add_terms(config: StudyConfig, terms: list[str], tag: str) -> tuple[Path, list[str]]:
    """Append `terms` to the study's user dictionary, holding the study lock; returns its path and the terms that were new.

    Under the lock because a run reads the lexicon twice (tokenizing, then the query terms' exclusions): an edit
    between the two mixed tokens made with the old lexicon and exclusions made with the new one.
    """
    path = config.tokenizer.lexicon.userdic
    if path is None:
        raise ConfigError("tokenizer.lexicon.userdic is not set in the study file; expected the user dictionary's path")
    if not config.paths.data.is_dir():  # no run has started in this study: nothing to wait for, and no data/ made here
        return path, add_user_terms(path, terms, tag)
    with study_lock(config.paths.data):
        return path, add_user_terms(path, terms, tag)
