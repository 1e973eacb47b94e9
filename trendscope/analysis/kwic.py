"""Keyword in context: each sentence that holds a term, with the term centred, so a number can be read as text.

Two matchers:

- `token_kwic` (the one the report and `trendscope kwic` use) matches a term, or a phrase of several
  tokens, against the *token sequence* of each sentence (after the analyzer, lexicon and synonyms),
  so it finds exactly the occurrences the counts and networks counted: "스마트" does not match the
  token 스마트시티, and "스마트 가로등" matches the two tokens in a row.  Lines are sampled evenly
  across years and, within a year, across outlets (a seeded round-robin), because matching in
  corpus order gave twelve lines from one week of January 2015.
- `kwic` (substring of the raw text, kept for the notebooks) finds every surface string, including
  inside longer words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd

from trendscope.errors import InputError
from trendscope.text.clean import clean_text, split_sentences

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



TOKEN_COLUMNS = ["doc_id", "query", "year", "date", "outlet", "title", "sentence", "position", "left", "keyword", "right"]


def phrase_tokens(term: str | Sequence[str]) -> tuple[str, ...]:
    """The token sequence to look for: a string is split on whitespace ("스마트 가로등" → two tokens)."""
    tokens = tuple(term.split()) if isinstance(term, str) else tuple(str(t).strip() for t in term if str(t).strip())
    if not tokens:
        raise InputError(f"kwic: term {term!r} is empty; expected a token or a phrase of tokens separated by spaces")
    return tokens


def find_phrase(sentence: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    """Start positions of every occurrence of `phrase` as consecutive whole tokens of `sentence`."""
    n, first = len(phrase), phrase[0]
    return [i for i, token in enumerate(sentence) if token == first and tuple(sentence[i : i + n]) == phrase]


def raw_sentences(title: str | None, body: str | None) -> list[str]:
    """The document's sentences as the tokenizer split them (title, then body), before analysis."""
    from trendscope.text.tokenize import bound_sentence  # the analyzer module, only when raw text is asked for

    text = f"{title or ''}\n{body or ''}".strip()
    return [piece for s in split_sentences(clean_text(text)) for piece in bound_sentence(s)]


def token_kwic(
    tokens: pd.DataFrame,
    documents: pd.DataFrame,
    term: str | Sequence[str],
    *,
    width: int = 6,
    limit: int | None = None,
    seed: int = 0,
    raw: bool = False,
) -> pd.DataFrame:
    """Every occurrence of `term` as whole tokens, with `width` tokens of context on each side.

    `tokens`: rows of the token file (doc_id, query, year, sentences = token lists per sentence);
    `documents`: doc_id, query, date, outlet, title (and body, with `raw`).  Columns: doc_id, query,
    year, date, outlet, title, sentence (0-based index in the document), position (token index in
    the sentence), left, keyword, right (tokens joined by spaces, "…" where cut) and, with `raw`,
    `text`: the sentence as written, when the document splits into as many sentences as it was
    tokenized into (else empty, rather than a wrong sentence).

    With `limit`, at most `limit` lines sampled evenly across years and outlets (`sample_evenly`,
    seeded).  Lines are sorted by year, date, doc_id, sentence, position.
    """
    phrase = phrase_tokens(term)
    if width < 1:
        raise InputError(f"kwic: width must be at least 1 token, got {width}")
    if limit is not None and limit < 1:
        raise InputError(f"kwic: limit must be at least 1, got {limit}")
    meta_cols = ["doc_id", "query", "date", "outlet", "title", *(["body"] if raw else [])]
    meta = documents[meta_cols].drop_duplicates(["doc_id", "query"]).set_index(["doc_id", "query"])
    rows = []
    for doc_id, query, year, sentences in tokens[["doc_id", "query", "year", "sentences"]].itertuples(index=False, name=None):
        for s_index, sentence in enumerate(sentences):
            sentence = list(sentence)
            for at in find_phrase(sentence, phrase):
                left, right = sentence[max(0, at - width) : at], sentence[at + len(phrase) : at + len(phrase) + width]
                rows.append(
                    (doc_id, query, int(year), s_index, at, ("… " if at > width else "") + " ".join(left), " ".join(phrase),
                     " ".join(right) + (" …" if at + len(phrase) + width < len(sentence) else ""), len(sentences))
                )
    hits = pd.DataFrame(rows, columns=["doc_id", "query", "year", "sentence", "position", "left", "keyword", "right", "_n"])
    hits = hits.join(meta, on=["doc_id", "query"])
    hits = hits.sort_values(["year", "date", "doc_id", "query", "sentence", "position"], kind="stable", na_position="last").reset_index(drop=True)
    if limit is not None:
        hits = sample_evenly(hits, limit=limit, seed=seed)
    columns = [*TOKEN_COLUMNS, *(["text"] if raw else [])]
    if raw:
        hits["text"] = [_raw_sentence(t, b, i, n) for t, b, i, n in zip(hits["title"], hits["body"], hits["sentence"], hits["_n"], strict=True)]
    return hits[columns].reset_index(drop=True)


def _raw_sentence(title: str | None, body: str | None, index: int, expected: int) -> str | None:
    found = raw_sentences(title, body)
    return found[index] if len(found) == expected else None


def sample_evenly(hits: pd.DataFrame, *, limit: int, seed: int, strata: Sequence[str] = ("year", "outlet")) -> pd.DataFrame:
    """At most `limit` rows spread evenly over the first stratum (years), and within it over the second (outlets).

    A round-robin: each round takes the next line of every year still holding lines; a year takes its
    lines from its outlets in turn; an outlet gives one line per document before a second line of
    any document.  Outlet order and document order are drawn with `seed`, so the sample is the same
    for the same hits and seed.  The rows keep the input order.
    """
    if len(hits) <= limit:
        return hits
    rng = np.random.default_rng(seed)
    outer, inner = strata
    keyed = hits.assign(_inner=hits[inner].fillna("").astype(str), _row=np.arange(len(hits)))
    queues: list[Iterator[int]] = []
    for _, year_part in keyed.groupby(outer, sort=True):
        outlets = []
        for _, part in year_part.groupby("_inner", sort=True):
            doc_key = dict(zip(sorted(part["doc_id"].unique()), rng.permutation(part["doc_id"].nunique()), strict=True))
            ordered = part.assign(_nth=part.groupby("doc_id").cumcount(), _doc=part["doc_id"].map(doc_key)).sort_values(["_nth", "_doc", "_row"], kind="stable")
            outlets.append(list(ordered["_row"]))
        order = rng.permutation(len(outlets))
        queues.append(_round_robin([outlets[i] for i in order]))
    chosen = list(islice(_round_robin_iters(queues), limit))
    return hits.iloc[sorted(chosen)]


def _round_robin(lists: list[list[int]]) -> Iterator[int]:
    """One item of each list in turn, skipping lists that ran out."""
    return _round_robin_iters([iter(items) for items in lists])


def _round_robin_iters(iterators: list[Iterator[int]]) -> Iterator[int]:
    live = list(iterators)
    while live:
        still = []
        for it in live:
            item = next(it, None)
            if item is not None:
                still.append(it)
                yield item
        live = still



def rows_with_terms(batches: Iterable[Any], terms: Sequence[str]) -> pd.DataFrame:
    """The token rows (doc_id, query, year, sentences) whose tokens include any of `terms`, from Arrow record batches of
    the token file: the report's keyword-in-context examples need a few documents, not every sentence of the corpus."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = pa.array(sorted(set(terms)), type=pa.string())
    parts = []
    for batch in batches:
        tokens = batch.column("tokens")
        hits = pc.list_parent_indices(tokens).filter(pc.is_in(pc.list_flatten(tokens), value_set=wanted))
        parts.append(batch.drop_columns(["tokens"]).take(pc.unique(hits)))
    table = pa.Table.from_batches(parts) if parts else pa.table({"doc_id": [], "query": [], "year": [], "sentences": []})
    return table.to_pandas()


EXAMPLE_TERMS = 3  # key terms quoted per side of the study's main comparison
EXAMPLE_LINES = 2  # sentences quoted per term


def example_terms(years: str, keyness: pd.DataFrame, *, n: int = EXAMPLE_TERMS) -> list[tuple[str, list[str]]]:
    """The key terms a report quotes in context, as (query, terms) per side: the strongest (G²) of the comparison
    between queries over all the study `years`, or, with one query, of the comparison of its periods."""
    overall = keyness[(keyness["comparison"] == "queries") & (keyness["scope"] == years)]
    sides = [(part, direction, query) for (target, reference), part in overall.groupby(["target", "reference"], sort=False)
             for direction, query in (("target", target), ("reference", reference))]
    if not sides:
        periods = keyness[keyness["comparison"] == "periods"]
        sides = [(part, "target", query) for query, part in periods.groupby("scope", sort=False)]
    return [(query, part[part["direction"] == direction].sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(n)["term"].tolist())
            for part, direction, query in sides]


EXAMPLE_COLUMNS = ["query", "keyword", "date", "outlet", "title", "left", "right", "text"]


def key_term_examples(years: str, documents: pd.DataFrame, tokens: pd.DataFrame, keyness: pd.DataFrame, *, seed: int,
                      lines: int = EXAMPLE_LINES) -> pd.DataFrame:
    """A few sentences for the strongest key terms of each query (`example_terms`, matched as whole tokens, spread over
    the years), so a number reads as text; `text` is the sentence as written where it can be found again.
    `documents` are the study's documents (with body), `tokens` needs only the rows holding those terms."""
    rows = []
    for query, terms in example_terms(years, keyness):
        docs = documents[documents["query"] == query]
        own = tokens[(tokens["query"] == query) & tokens["doc_id"].isin(docs["doc_id"])]
        for term in terms:
            rows.append(token_kwic(own, docs, term, limit=lines, seed=seed, raw=True))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in EXAMPLE_COLUMNS})
    return pd.concat(rows, ignore_index=True)[EXAMPLE_COLUMNS]
