"""TF-IDF per query × year.

Each query × year is analysed as its own collection, as in the year-by-year
design of the reference study: for a term t in the N documents of query q in
year y,

    tfidf(t) = Σ_d tf(t, d) · ln(N / df(t)) = tf(t) · ln(N / df(t))

where tf(t) counts all occurrences of t in those documents and df(t) the
documents that contain t.  A term found in every document of the year scores 0:
it does not distinguish documents (the query term itself usually does this).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FORMULA = "tfidf = tf × ln(N / df), within each query × year (N documents, tf total occurrences, df documents containing the term)"


def tfidf_by_year(term_stats: pd.DataFrame) -> pd.DataFrame:
    """Add `idf` and `tfidf` columns to the output of `term_frequencies` (a new frame; the input is untouched)."""
    idf = np.log(term_stats["n_docs"].to_numpy(dtype=float) / term_stats["df"].to_numpy(dtype=float))
    return term_stats.assign(idf=idf, tfidf=term_stats["tf"].to_numpy(dtype=float) * idf)


def with_rates(terms: pd.DataFrame) -> pd.DataFrame:
    """Add volume-free columns (a new frame) to `tfidf_by_year`'s output, so that years can be compared.

    per10k = tf per 10,000 tokens of the query × year (tokens = the sum of tf over its terms);
    doc_share = df / n_docs; tfidf_study = tf · ln(N_q / df_q) with one IDF per query over all its
    years (N_q documents, df_q of them holding the term), unlike `tfidf`, whose IDF changes each year.
    """
    groups = terms.groupby(["query", "year"], sort=False)
    tokens = groups["tf"].transform("sum").to_numpy(dtype=float)
    n_docs = terms.groupby(["query", "year"], sort=False)["n_docs"].first().groupby(level="query").sum()
    df_all = terms.groupby(["query", "term"], sort=False)["df"].transform("sum").to_numpy(dtype=float)
    n_all = terms["query"].map(n_docs).to_numpy(dtype=float)
    tf = terms["tf"].to_numpy(dtype=float)
    return terms.assign(
        per10k=np.divide(tf * 10_000, tokens, out=np.zeros_like(tf), where=tokens > 0),
        doc_share=terms["df"].to_numpy(dtype=float) / terms["n_docs"].to_numpy(dtype=float),
        tfidf_study=tf * np.log(n_all / df_all),
    )
