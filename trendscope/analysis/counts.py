"""Term, document and bigram frequencies per query × year (the document × term matrix: analysis/doc_term.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import pandas as pd

GROUP = ["query", "year"]


def volume_by_year(documents: pd.DataFrame, years: Sequence[int], queries: Sequence[str]) -> pd.DataFrame:
    """Documents per query × year: all collected, near-duplicates, and kept (all − duplicates).

    Every year in `years` appears for every query, with zeros where nothing was found.
    """
    is_dup = documents["dup_of"].notna()
    counts = (
        documents.assign(duplicates=is_dup.astype(int), documents=1)
        .groupby(GROUP, observed=True)[["documents", "duplicates"]]
        .sum()
    )
    index = pd.MultiIndex.from_product([list(queries), list(years)], names=GROUP)
    table = counts.reindex(index, fill_value=0).reset_index()
    table["kept"] = table["documents"] - table["duplicates"]
    return table.astype({"year": int, "documents": int, "duplicates": int, "kept": int})


def term_frequencies(tokens: pd.DataFrame) -> pd.DataFrame:
    """Per query × year × term: `tf` (occurrences), `df` (documents containing it), `n_docs` (documents in the group).

    `tokens` has columns query, year, doc_id, tokens (list of str).
    """
    n_docs = tokens.groupby(GROUP, observed=True)["doc_id"].nunique().rename("n_docs")
    exploded = tokens[[*GROUP, "doc_id", "tokens"]].explode("tokens").dropna(subset=["tokens"])
    exploded = exploded.rename(columns={"tokens": "term"})
    tf = exploded.groupby([*GROUP, "term"], observed=True).size().rename("tf")
    df = exploded.drop_duplicates([*GROUP, "doc_id", "term"]).groupby([*GROUP, "term"], observed=True).size().rename("df")
    table = pd.concat([tf, df], axis=1).reset_index().join(n_docs, on=GROUP)
    table = table.astype({"year": int, "tf": int, "df": int, "n_docs": int})
    return table.sort_values([*GROUP, "tf", "term"], ascending=[True, True, False, True], kind="stable").reset_index(drop=True)


def bigram_frequencies(tokens: pd.DataFrame, separator: str = " ") -> pd.DataFrame:
    """Adjacent token pairs within a sentence, per query × year: `tf` and `df` (documents containing the pair)."""
    rows = []
    for query, year, doc_id, sentences in zip(tokens["query"], tokens["year"], tokens["doc_id"], tokens["sentences"], strict=True):
        for sentence in sentences:
            sentence = list(sentence)
            rows.extend((query, year, doc_id, f"{a}{separator}{b}") for a, b in pairwise(sentence) if a != b)
    if not rows:
        return pd.DataFrame({"query": [], "year": [], "bigram": [], "tf": [], "df": []}).astype({"year": int, "tf": int, "df": int})
    pairs = pd.DataFrame(rows, columns=[*GROUP, "doc_id", "bigram"])
    tf = pairs.groupby([*GROUP, "bigram"], observed=True).size().rename("tf")
    df = pairs.drop_duplicates().groupby([*GROUP, "bigram"], observed=True).size().rename("df")
    table = pd.concat([tf, df], axis=1).reset_index().astype({"year": int, "tf": int, "df": int})
    return table.sort_values([*GROUP, "tf", "bigram"], ascending=[True, True, False, True], kind="stable").reset_index(drop=True)


def partial_counts(tokens: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Counts of one chunk of token rows that add up across chunks: term tf/df, documents per group, bigram tf/df.

    Exact as long as no (query, doc_id) row is split across chunks (a row is in one chunk by construction).
    """
    terms = term_frequencies(tokens).drop(columns="n_docs") if len(tokens) else pd.DataFrame(columns=[*GROUP, "term", "tf", "df"])
    n_docs = tokens.groupby(GROUP, observed=True)["doc_id"].nunique().rename("n_docs")
    return terms, n_docs, bigram_frequencies(tokens)


def _add(parts: list[pd.DataFrame], label: str) -> pd.DataFrame:
    filled = [p for p in parts if len(p)]
    frame = pd.concat(filled, ignore_index=True) if filled else parts[0]
    return frame.groupby([*GROUP, label], observed=True)[["tf", "df"]].sum().reset_index()


def _add_docs(parts: list[pd.Series]) -> pd.Series:
    return pd.concat(parts).groupby(level=list(range(len(GROUP)))).sum()


def _sorted(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    # The order of term_frequencies / bigram_frequencies: by group, tf descending, label ascending.
    frame = frame.astype({"year": int, "tf": int, "df": int})
    return frame.sort_values([*GROUP, "tf", label], ascending=[True, True, False, True], kind="stable").reset_index(drop=True)


def combine_counts(parts: Iterable[tuple[pd.DataFrame, pd.Series, pd.DataFrame]], *, fold_every: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`term_frequencies` and `bigram_frequencies` of the whole from the `partial_counts` of its chunks.

    Partial tables are folded into one every `fold_every` chunks, so memory holds the running totals
    and a few chunks, not every chunk's table.
    """
    terms: list[pd.DataFrame] = []
    bigrams: list[pd.DataFrame] = []
    n_docs: list[pd.Series] = []
    for term_part, docs_part, bigram_part in parts:
        terms.append(term_part)
        bigrams.append(bigram_part)
        n_docs.append(docs_part)
        if len(terms) >= fold_every:
            terms, bigrams, n_docs = [_add(terms, "term")], [_add(bigrams, "bigram")], [_add_docs(n_docs)]
    if not terms:
        empty = pd.DataFrame({"query": [], "year": [], "doc_id": [], "tokens": [], "sentences": []})
        return term_frequencies(empty), bigram_frequencies(empty)
    docs = _add_docs(n_docs).rename("n_docs")
    term_table = _sorted(_add(terms, "term"), "term").join(docs, on=GROUP)
    term_table = term_table.astype({"n_docs": int})[[*GROUP, "term", "tf", "df", "n_docs"]]
    return term_table, _sorted(_add(bigrams, "bigram"), "bigram")


def with_ranks(frame: pd.DataFrame, values: Sequence[str], *, label: str = "term", keep: pd.Series | None = None, group: Sequence[str] = GROUP) -> pd.DataFrame:
    """`frame` with a 1-based `rank_<value>` per group for each of `values` (descending; ties by `label` ascending), the
    order `rank` gives; rows outside `keep` (a query's own words) get no rank, so the lists stay N long without them."""
    eligible = frame if keep is None else frame[keep.to_numpy(dtype=bool)]
    ranks = {}
    for by in values:
        ordered = eligible.sort_values([*group, by, label], ascending=[True] * len(group) + [False, True], kind="stable")
        ranks[f"rank_{by}"] = (ordered.groupby(list(group), observed=True).cumcount() + 1).reindex(frame.index).astype("Int64")
    return frame.assign(**ranks)


def rank(frame: pd.DataFrame, *, by: str, label: str = "term", n: int | None = None, group: Sequence[str] = GROUP) -> pd.DataFrame:
    """Top-`n` rows per group by `by` (descending), ties broken by `label` ascending, with a 1-based `rank`."""
    ordered = frame.sort_values([*group, by, label], ascending=[True] * len(group) + [False, True], kind="stable")
    ordered = ordered.assign(rank=ordered.groupby(list(group), observed=True).cumcount() + 1)
    if n is not None:
        ordered = ordered[ordered["rank"] <= n]
    return ordered.reset_index(drop=True)
