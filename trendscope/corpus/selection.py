"""The documents a study analyses, defined once: in its years, near-duplicates left out when it says so, one query if asked."""

from __future__ import annotations

import pandas as pd


def study_documents(documents: pd.DataFrame, years: list[int], *, exclude_duplicates: bool, query: str | None = None) -> pd.DataFrame:
    """The documents a study analyses: in `years`, without near-duplicates when `exclude_duplicates`, of one query if given."""
    keep = documents["year"].isin(years)
    if exclude_duplicates:
        keep &= documents["dup_of"].isna()
    if query is not None:
        keep &= documents["query"] == query
    return documents[keep]
