"""Tokenize the study's documents into data/processed/tokens-<key>.parquet, reusing earlier results.

The file name's key covers the backend, its version, the POS set, the minimum
length and the lexicon hash, so switching backends and back costs nothing the
second time; within one key, documents already tokenized (same doc_id, same
text) are not tokenized again when the study's years change.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from trendscope import atomic
from trendscope.config import StudyConfig
from trendscope.progress import Reporter
from trendscope.stages.collect import read_documents
from trendscope.text.lexicon import Lexicon, load_lexicon
from trendscope.text.tokenize import PIPELINE_VERSION, TokenizerSpec, tokenize_texts

# The Python distribution that carries each backend's analyzer, for its version.
BACKEND_DISTRIBUTIONS = {
    "komoran": "konlpy",
    "okt": "konlpy",
    "hannanum": "konlpy",
    "kkma": "konlpy",
    "kiwi": "kiwipiepy",
    "mecab": "python-mecab-ko",
}

TOKENS_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("query", pa.string()),
        ("year", pa.int32()),
        ("tokens", pa.list_(pa.string())),
        ("sentences", pa.list_(pa.list_(pa.string()))),
        ("text_sha", pa.string()),
        ("failed_sentences", pa.int32()),
    ]
)


def study_lexicon(config: StudyConfig) -> Lexicon:
    lex = config.tokenizer.lexicon
    return load_lexicon(lex.userdic, lex.synonyms, lex.stopwords)


def tokenizer_spec(config: StudyConfig, lexicon: Lexicon | None = None) -> TokenizerSpec:
    tok = config.tokenizer
    return TokenizerSpec(tok.backend, tuple(tok.pos), tok.min_length, lexicon if lexicon is not None else study_lexicon(config))


def backend_version(backend: str) -> str:
    distribution = BACKEND_DISTRIBUTIONS.get(backend, backend)
    try:
        return f"{distribution} {metadata.version(distribution)}"
    except metadata.PackageNotFoundError:
        return f"{distribution} (not installed)"


def tokenizer_params(spec: TokenizerSpec) -> dict[str, Any]:
    """The cache key's content: everything that can change a token."""
    return {
        "backend": spec.backend,
        "backend_version": backend_version(spec.backend),
        "pipeline_version": PIPELINE_VERSION,
        "pos": list(spec.pos),
        "min_length": spec.min_length,
        "lexicon_hash": spec.lexicon.digest(),
    }


def tokens_path(processed: Path, spec: TokenizerSpec) -> Path:
    key = hashlib.sha256(json.dumps(tokenizer_params(spec), sort_keys=True).encode()).hexdigest()[:12]
    return processed / f"tokens-{spec.backend}-{key}.parquet"


def _text(title: str | None, body: str | None) -> str:
    return f"{title or ''}\n{body or ''}".strip()


def select_documents(documents: pd.DataFrame, years: list[int], exclude_duplicates: bool) -> pd.DataFrame:
    """The study's documents: in the study years, without near-duplicates when asked."""
    keep = documents["year"].isin(years)
    if exclude_duplicates:
        keep &= documents["dup_of"].isna()
    return documents[keep]


def tokenize_documents(
    config: StudyConfig, documents_file: Path, target: Path, spec: TokenizerSpec, *, jobs: int, reporter: Reporter
) -> dict[str, Any]:
    documents = select_documents(read_documents(documents_file), config.years.years, config.analysis.exclude_duplicates)
    texts = pd.Series([_text(t, b) for t, b in zip(documents["title"], documents["body"])], index=documents.index, dtype="object")
    shas = texts.map(lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    unique = pd.DataFrame({"doc_id": documents["doc_id"], "text": texts, "text_sha": shas}).drop_duplicates(["doc_id", "text_sha"])

    cached = _read_cached(target)
    known = cached.drop_duplicates(["doc_id", "text_sha"]).set_index(["doc_id", "text_sha"]) if len(cached) else None
    todo = unique if known is None else unique[~pd.MultiIndex.from_frame(unique[["doc_id", "text_sha"]]).isin(known.index)]

    version = backend_version(spec.backend)
    new_rows: dict[tuple[str, str], tuple[list[str], list[list[str]], int]] = {}
    if len(todo):
        with reporter.task(f"tokenizing with {spec.backend} ({len(todo)} documents, {jobs} job{'s' if jobs > 1 else ''})", len(todo)) as advance:
            results, version = tokenize_texts(todo["text"].tolist(), spec, jobs=jobs, on_chunk=advance)
        for doc_id, sha, result in zip(todo["doc_id"], todo["text_sha"], results):
            new_rows[(doc_id, sha)] = (result.tokens, result.sentences, result.failed_sentences)

    rows = []
    for doc_id, query, year, sha in zip(documents["doc_id"], documents["query"], documents["year"], shas):
        if (doc_id, sha) in new_rows:
            tokens, sentences, failed = new_rows[(doc_id, sha)]
        else:
            hit = known.loc[(doc_id, sha)]
            tokens, sentences, failed = list(hit["tokens"]), [list(s) for s in hit["sentences"]], int(hit["failed_sentences"])
        rows.append({"doc_id": doc_id, "query": query, "year": int(year), "tokens": tokens, "sentences": sentences, "text_sha": sha, "failed_sentences": failed})
    table = pa.Table.from_pylist(rows, schema=TOKENS_SCHEMA)
    with atomic.atomic_path(target) as tmp:
        pq.write_table(table, tmp)
    failed_docs = [r["doc_id"] for r in rows if r["failed_sentences"]]
    if failed_docs:
        reporter.info(f"[yellow]{len(failed_docs)} document(s) had sentences the analyzer could not handle (skipped): {', '.join(failed_docs[:5])}{' …' if len(failed_docs) > 5 else ''}[/yellow]")
    return {
        "analyzer": version,
        "documents": len(rows),
        "tokenized": len(todo),
        "reused": len(unique) - len(todo),
        "documents_with_failed_sentences": len(failed_docs),
        "failed_doc_ids": failed_docs[:50],
    }


def _read_cached(path: Path) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame(columns=TOKENS_SCHEMA.names)
    try:
        return pq.read_table(path).to_pandas()
    except (OSError, pa.ArrowInvalid):
        return pd.DataFrame(columns=TOKENS_SCHEMA.names)  # a damaged cache is rebuilt


def read_tokens(path: Path) -> pd.DataFrame:
    return pq.read_table(path, columns=["doc_id", "query", "year", "tokens", "sentences"]).to_pandas()
