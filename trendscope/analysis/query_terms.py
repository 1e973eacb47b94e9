"""Each query's own words, kept out of its rankings and keyness lists.

Every document of a query was found *because* it contains the query's terms, so
those terms (발레, 한류, 스마트시티) top every frequency, TF-IDF and keyness list of
that query and say nothing about how its discourse changed.  The analyzer also
splits a term it does not know into pieces (스마트시티 → 스마트, 시티; 스마트도시 →
스마트, 도시), and the pieces lead the lists just the same.  So the tokens to
leave out of a query's lists are the terms themselves and whatever the study's
own tokenizer (backend, POS filter, lexicon) makes of them: a term the lexicon
keeps whole excludes only itself, a term split into pieces excludes the pieces.

A query's own networks leave them out too: every article of the query holds the
query word, so in its network the word is adjacent to everything and its
centralities measure nothing (BigKinds' 연관어 view leaves it out as well).  Another
query's words stay: in a two-query study they are findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

Tokenize = Callable[[list[str]], list[list[str]]]


def query_exclusions(terms_by_query: Mapping[str, Iterable[str]], tokenize: Tokenize) -> dict[str, frozenset[str]]:
    """Per query key, the tokens to leave out of its lists: each term as written and the tokens `tokenize` makes of it.

    `tokenize` is the study's tokenizer (texts → token lists, after POS filter, lexicon and stopwords),
    called once with every distinct term so that a slow backend starts once.
    """
    cleaned = {key: [t.strip() for t in terms if isinstance(t, str) and t.strip()] for key, terms in terms_by_query.items()}
    distinct = sorted({t for terms in cleaned.values() for t in terms})
    token_lists = tokenize(distinct) if distinct else []
    if len(token_lists) != len(distinct):
        raise ValueError(f"tokenize returned {len(token_lists)} token lists for {len(distinct)} terms; expected one list per term")
    pieces = dict(zip(distinct, token_lists, strict=True))
    return {key: frozenset(terms).union(*(pieces[t] for t in terms)) for key, terms in cleaned.items()}


def exclude_terms(
    frame: pd.DataFrame,
    excluded_by_query: Mapping[str, Iterable[str]],
    *,
    term_col: str = "term",
    query_col: str | None = "query",
) -> pd.DataFrame:
    """The rows of `frame` whose term is not excluded for the row's query; a new frame, row order and index kept.

    With `query_col=None` (a table that compares queries, e.g. keyness of one query against another)
    a term excluded for any query is dropped.  Apply this before taking the top N, so lists stay N long.
    """
    if term_col not in frame.columns:
        raise KeyError(f"no column {term_col!r} in the frame; expected the term column (columns: {', '.join(map(str, frame.columns))})")
    if query_col is None:
        everything = set().union(*(set(terms) for terms in excluded_by_query.values()))
        return frame[~frame[term_col].isin(everything)].copy()
    if query_col not in frame.columns:
        raise KeyError(f"no column {query_col!r} in the frame; expected the query column, or query_col=None for tables across queries")
    tuples = [(query, term) for query, terms in excluded_by_query.items() for term in terms]
    if not tuples:
        return frame.copy()
    pairs = pd.MultiIndex.from_tuples(tuples, names=[query_col, term_col])
    rows = pd.MultiIndex.from_arrays([frame[query_col], frame[term_col]])
    return frame[~rows.isin(pairs)].copy()


def holds_query_word(frame: pd.DataFrame, excluded_by_query: Mapping[str, Iterable[str]], *, term_col: str = "term") -> pd.Series:
    """True where the row's term is one of its query's own words — for bigrams ("a b", where a term may itself hold a
    space, 4차 산업혁명), where either side is one."""
    words = {query: frozenset(terms) for query, terms in excluded_by_query.items()}
    if term_col == "bigram":
        def holds(bigram: str, own: frozenset[str]) -> bool:
            return any(bigram.startswith(w + " ") or bigram.endswith(" " + w) for w in own)
    else:
        def holds(term: str, own: frozenset[str]) -> bool:
            return term in own
    flags = [holds(term, words.get(query, frozenset())) for term, query in zip(frame[term_col], frame["query"], strict=True)]
    return pd.Series(flags, index=frame.index, dtype=bool)
