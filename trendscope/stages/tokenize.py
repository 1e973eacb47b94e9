"""Tokenize the study's documents into data/processed/tokens-<key>.parquet, reusing earlier results.

The file name's key covers the backend, its version, the POS set, the minimum
length and the lexicon hash, so switching backends and back costs nothing the
second time; within one key, documents already tokenized (same doc_id, same
text) are not tokenized again when the study's years change.

The cache is content-addressed: each row carries `row_sha`, a digest of its own
doc id, text hash, tokens and sentences and of the lexicon it was made with (the
study's files plus the entities taken from the documents, which the file name's
key cannot cover), made when it was written, and a row is reused only when that
digest still matches its content and the current lexicon.  Before this, a token
file edited by hand (one injected term became rank 1, tf 13,200, in smartcity
2019) was flagged stale and then reused row by row anyway.  `--force`
re-tokenizes everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from trendscope.catalog import TableStream, config_values
from trendscope.config import StudyConfig, YearRange
from trendscope.corpus.selection import study_documents
from trendscope.stages.contract import Produced, Runtime, Stage
from trendscope.stages.dask_engine import dask_client, dask_tokenize
from trendscope.text.backends import takes_user_dictionary
from trendscope.text.entities import EntityRules, extract_entities, noisy_entries, read_entity_overrides, whole_names, with_entities
from trendscope.text.lexicon import Lexicon, load_lexicon
from trendscope.text.tokenize import PIPELINE_VERSION, TokenizerSpec, iter_tokenize

# The Python distribution that carries each backend's analyzer, for its version.
BACKEND_DISTRIBUTIONS = {
    "komoran": "konlpy",
    "okt": "konlpy",
    "hannanum": "konlpy",
    "kkma": "konlpy",
    "kiwi": "kiwipiepy",
    "mecab": "python-mecab-ko",
}

WRITE_BATCH = 2000  # token rows per Parquet write
CHUNK = 200  # documents per worker task; fewer to do than this runs in this process

TOKENS_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("query", pa.string()),
        ("year", pa.int32()),
        ("tokens", pa.list_(pa.string())),
        ("sentences", pa.list_(pa.list_(pa.string()))),
        ("text_sha", pa.string()),
        ("failed_sentences", pa.int32()),
        ("row_sha", pa.string()),
    ]
)


# The config paths that can change a token: the tokenize and query_terms stages read these.
TOKENIZER_READS = ("tokenizer.backend", "tokenizer.pos", "tokenizer.min_length", "tokenizer.lexicon")
LEXICON_FILES = ("userdic?", "synonyms?", "stopwords?")


def tokenizer_spec(config: StudyConfig) -> TokenizerSpec:
    """The study's analyzer settings (for the commands that tokenize outside the pipeline: kwic, compare-tokenizers …)."""
    return values_spec(config_values(config, TOKENIZER_READS))


def study_lexicon(config: StudyConfig) -> Lexicon:
    return tokenizer_spec(config).lexicon


def values_spec(values: Mapping[str, Any]) -> TokenizerSpec:
    """The analyzer settings at the tokenizer's config paths (the lexicon read from the files they name)."""
    lex = values["tokenizer.lexicon"]
    lexicon = load_lexicon(lex.userdic, lex.synonyms, lex.stopwords)
    return TokenizerSpec(values["tokenizer.backend"], tuple(values["tokenizer.pos"]), values["tokenizer.min_length"], lexicon)


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


def tokens_key(tokenizer: dict[str, Any]) -> str:
    """The token file's key (its name holds it): it covers everything that can change a token (see `tokenizer_params`)."""
    key = hashlib.sha256(json.dumps(tokenizer, sort_keys=True).encode()).hexdigest()[:12]
    return f"{tokenizer['backend']}-{key}"


@dataclass(frozen=True)
class EntityParams:
    """tokenizer.lexicon.entities without its file (an input, hashed by content, so a moved study keeps its key)."""

    min_docs: int
    max_df: float


@dataclass(frozen=True)
class TokenizeParams:
    """What can change a token (the token file's key), and which documents are tokenized."""

    backend: str
    backend_version: str
    pipeline_version: int
    pos: tuple[str, ...]
    min_length: int
    lexicon_hash: str
    years: YearRange
    exclude_duplicates: bool
    # Entities from the documents' 인물/기관 columns join the user dictionary (None: tokenizer.lexicon.entities.enabled is false).
    entities: EntityParams | None = None

    @property
    def tokenizer(self) -> dict[str, Any]:
        """The part that names the token file (documents reused across years live in one file)."""
        return {"backend": self.backend, "backend_version": self.backend_version, "pipeline_version": self.pipeline_version,
                "pos": list(self.pos), "min_length": self.min_length, "lexicon_hash": self.lexicon_hash}


def tokenize_params(values: Mapping[str, Any]) -> TokenizeParams:
    tok = tokenizer_params(values_spec(values))
    return TokenizeParams(tok["backend"], tok["backend_version"], tok["pipeline_version"], tuple(tok["pos"]), tok["min_length"], tok["lexicon_hash"],
                          values["years"], values["analysis.exclude_duplicates"], _entity_params(values))


def _entity_params(values: Mapping[str, Any]) -> EntityParams | None:
    entities = values["tokenizer.lexicon"].entities
    return EntityParams(entities.min_docs, entities.max_df) if entities.enabled else None


def _text(title: str | None, body: str | None) -> str:
    return f"{title or ''}\n{body or ''}".strip()


def inputs_lexicon(inputs: Mapping[str, Any]) -> Lexicon:
    """The lexicon from a stage's lexicon file inputs (`LEXICON_FILES`; the study may name none of them)."""
    return load_lexicon(*(inputs.get(name.rstrip("?")) for name in LEXICON_FILES))


def stage_spec(params: TokenizeParams, inputs: Mapping[str, Any]) -> TokenizerSpec:
    """The analyzer settings the stage tokenizes with (the lexicon read from its inputs)."""
    return TokenizerSpec(params.backend, params.pos, params.min_length, inputs_lexicon(inputs))


def study_entities(params: TokenizeParams, overrides: Path | None, documents: pd.DataFrame, lexicon: Lexicon) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The entities the documents' entity columns confirm (text/entities.py), over every collected year (so a
    change of --years keeps the list, and the token cache), and what was counted on the way."""
    if params.entities is None:
        return pd.DataFrame({"entry": pd.Series(dtype=str), "column": pd.Series(dtype=str), "documents": pd.Series(dtype="int64")}), {"enabled": False}
    added, removed = read_entity_overrides(overrides) if overrides else ((), frozenset())
    rules = EntityRules(params.entities.min_docs, params.entities.max_df, lexicon.stopwords, noisy_entries(), added, removed)
    pool = documents[documents["dup_of"].isna()] if params.exclude_duplicates else documents
    table, counts = extract_entities(pool, rules)
    info = {"enabled": True, "read": counts.read, "kept": counts.kept, "dropped": counts.dropped, "added": counts.added, "removed": counts.removed,
            "user_dictionary": "native" if takes_user_dictionary(params.backend) else "none: entries re-joined after analysis"}
    return table, info


def tokenize_documents(params: TokenizeParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    """Tokenize the study's documents into the token file, reusing rows of the earlier file with the same key."""
    collected = inputs["documents"].frame()
    lexicon = inputs_lexicon(inputs)
    entities, entity_info = study_entities(params, inputs.get("entity_list"), collected, lexicon)
    spec = TokenizerSpec(params.backend, params.pos, params.min_length, with_entities(lexicon, entities["entry"].tolist()))
    digest = spec.lexicon.digest()
    documents = study_documents(collected, params.years.years, exclude_duplicates=params.exclude_duplicates)
    del collected
    people = documents["people"] if "people" in documents.columns else pd.Series(None, index=documents.index, dtype="object")
    texts = pd.Series([_text(t, b) for t, b in zip(documents["title"], documents["body"], strict=True)], index=documents.index, dtype="object")
    documents = documents[["doc_id", "query", "year"]]  # the texts are held once, in `texts` (the bodies were ~350 MB at 100k articles)
    shas = texts.map(lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    unique = pd.DataFrame({"doc_id": documents["doc_id"], "text": texts, "text_sha": shas}).drop_duplicates(["doc_id", "text_sha"])

    previous = inputs.get("previous:tokens")
    cached, rejected = (pd.DataFrame(columns=TOKENS_SCHEMA.names), 0) if runtime.force or previous is None else _read_cached(previous, digest)
    if rejected and len(cached) == 0:
        runtime.reporter.info("the token file was made with another user dictionary (the entities from the exports changed) or edited; tokenizing again")
    elif rejected:
        runtime.reporter.info(f"[yellow]the token file: {rejected} cached row(s) no longer match their digest; tokenizing them again[/yellow]")
    known = cached.drop_duplicates(["doc_id", "text_sha"]).set_index(["doc_id", "text_sha"]) if len(cached) else None
    todo = unique if known is None else unique[~pd.MultiIndex.from_frame(unique[["doc_id", "text_sha"]]).isin(known.index)]
    facts: dict[str, Any] = {"tokenized": len(todo), "reused": len(unique) - len(todo), "cached_rows_rejected": rejected, "entities": entity_info}
    rows = _token_rows(spec, documents, texts, shas, todo, known, runtime, facts, digest=digest, people=people)
    return Produced({"tokens": TableStream(TOKENS_SCHEMA, rows), "entities": entities}, lambda: facts)


def _token_rows(
    spec: TokenizerSpec, documents: pd.DataFrame, texts: pd.Series, shas: pd.Series, todo: pd.DataFrame, known: pd.DataFrame | None,
    runtime: Runtime, facts: dict[str, Any], *, digest: str, people: pd.Series,
) -> Iterator[pa.Table]:
    """The token file's rows in document order, `WRITE_BATCH` at a time; `facts` is filled in once the last is made.

    Three row sources are merged: fresh results (which stream from the workers in the order of `_todo_texts`, the
    same document order, so `next(fresh)` is always the current document's), rows reused from the earlier file
    (`known`), and a result kept for a document that appears again under a second query.
    """
    jobs, reporter = runtime.jobs, runtime.reporter
    versions = [backend_version(spec.backend)]
    todo_keys = set(zip(todo["doc_id"], todo["text_sha"], strict=True))
    # A document matched by two queries appears twice but is tokenized once: keep its result for the second row.
    repeated = {key for key, n in Counter(zip(documents["doc_id"], shas, strict=True)).items() if n > 1}
    kept: dict[tuple[str, str], tuple[list[str], list[list[str]], int]] = {}
    failed_docs: list[str] = []
    names_seen: set[str] = set()
    name_occurrences = names_whole = 0
    written = 0
    where = f"on Dask ({runtime.scheduler or 'LocalCluster'})" if runtime.engine == "dask" else f"{jobs} job{'s' if jobs > 1 else ''}"
    task = reporter.task(f"tokenizing with {spec.backend} ({len(todo)} documents, {where})", len(todo)) if len(todo) else contextlib.nullcontext(lambda n=1: None)
    with contextlib.ExitStack() as stack:
        advance = stack.enter_context(task)
        # The generator starts no analyzer until a document actually needs tokenizing.
        todo_texts = _todo_texts(documents["doc_id"], texts, shas, todo_keys)
        if runtime.engine == "dask" and len(todo):
            client = stack.enter_context(dask_client(runtime.scheduler, jobs))
            fresh = dask_tokenize(client, todo_texts, spec, chunk_size=CHUNK, on_version=versions.append)
        else:
            fresh = iter_tokenize(todo_texts, spec, jobs=jobs if len(todo) > CHUNK else 1, chunk_size=CHUNK, on_version=versions.append, pool=runtime.tokenizer_pool)
        batch: list[dict[str, Any]] = []
        for doc_id, query, year, sha, text, cell in zip(documents["doc_id"], documents["query"], documents["year"], shas, texts, people, strict=True):
            key = (doc_id, sha)
            if key in kept:
                tokens, sentences, failed = kept[key]
            elif key in todo_keys:
                result = next(fresh)
                advance(1)
                tokens, sentences, failed = result.tokens, result.sentences, result.failed_sentences
                if key in repeated:
                    kept[key] = (tokens, sentences, failed)
            else:
                assert known is not None  # a key neither fresh nor kept was found in the earlier file
                hit = known.loc[key]
                tokens, sentences, failed = list(hit["tokens"]), [list(s) for s in hit["sentences"]], int(hit["failed_sentences"])
            if failed:
                failed_docs.append(doc_id)
            if isinstance(cell, str) and doc_id not in names_seen:  # 인물 entries found verbatim in the text: are they tokens?
                names_seen.add(doc_id)
                found, whole = whole_names([cell], [text], [tokens])
                name_occurrences, names_whole = name_occurrences + found, names_whole + whole
            batch.append({"doc_id": doc_id, "query": query, "year": int(year), "tokens": tokens, "sentences": sentences, "text_sha": sha,
                          "failed_sentences": failed, "row_sha": row_digest(doc_id, sha, tokens, sentences, failed, digest)})
            if len(batch) >= WRITE_BATCH:
                yield pa.Table.from_pylist(batch, schema=TOKENS_SCHEMA)
                written, batch = written + len(batch), []
        yield pa.Table.from_pylist(batch, schema=TOKENS_SCHEMA)
        written += len(batch)
    entity_info = facts["entities"]
    if entity_info.get("read"):
        share = f"{names_whole / name_occurrences:.0%}" if name_occurrences else "—"
        reporter.info(f"entities from the exports' 인물/기관: {entity_info['read']:,} read, {entity_info['kept']:,} kept; "
                      f"인물 names in the text that are tokens: {names_whole:,} of {name_occurrences:,} ({share})")
    if failed_docs:
        reporter.info(f"[yellow]{len(failed_docs)} document(s) had sentences the analyzer could not handle (skipped): {', '.join(failed_docs[:5])}{' …' if len(failed_docs) > 5 else ''}[/yellow]")
    facts.update(analyzer=versions[-1], documents=written, documents_with_failed_sentences=len(failed_docs), failed_doc_ids=failed_docs[:50],
                 people_in_text=name_occurrences, people_whole=names_whole)


def _todo_texts(doc_ids: pd.Series, texts: pd.Series, shas: pd.Series, todo: set[tuple[str, str]]) -> Iterator[str]:
    """The texts to tokenize, in document order, each (doc_id, text) once."""
    seen: set[tuple[str, str]] = set()
    for doc_id, text, sha in zip(doc_ids, texts, shas, strict=True):
        key = (doc_id, sha)
        if key in todo and key not in seen:
            seen.add(key)
            yield text


def row_digest(doc_id: str, text_sha: str, tokens: list[str], sentences: list[list[str]], failed: int, lexicon_digest: str) -> str:
    """The digest a token row is written with and checked against before reuse (see the module docstring).

    It covers the digest of the whole lexicon the row was made with: the entities come from the documents,
    not from the configuration, so the file name's key cannot cover them, and a changed entity list must
    not reuse rows made without it."""
    payload = json.dumps([doc_id, text_sha, list(tokens), [list(s) for s in sentences], int(failed), lexicon_digest], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _read_cached(previous: Any, lexicon_digest: str) -> tuple[pd.DataFrame, int]:
    """The rows of an earlier token file that still match their digest, and how many did not (a damaged file: none;
    a file made with another lexicon, e.g. before the entity list changed: every row)."""
    empty = pd.DataFrame(columns=TOKENS_SCHEMA.names)
    try:
        cached = previous.frame()
    except (OSError, pa.ArrowInvalid):
        return empty, 0  # a damaged cache is rebuilt
    if "row_sha" not in cached.columns or not set(TOKENS_SCHEMA.names) <= set(cached.columns):
        return empty, len(cached)  # written before rows carried digests: nothing can be verified
    ok = [
        isinstance(digest, str) and digest == row_digest(d, t, tokens, sentences, failed, lexicon_digest)
        for d, t, tokens, sentences, failed, digest in zip(
            cached["doc_id"], cached["text_sha"], cached["tokens"], cached["sentences"], cached["failed_sentences"], cached["row_sha"], strict=True
        )
    ]
    return cached[ok], len(cached) - sum(ok)


STAGE = Stage(
    name="tokenize",
    reads=(*TOKENIZER_READS, "years", "analysis.exclude_duplicates"),
    params=tokenize_params,
    inputs=lambda p: ("documents", *LEXICON_FILES, *(("entity_list?",) if p.entities is not None else ())),
    outputs=("tokens", "entities"),
    body=tokenize_documents,
    caches=("tokens",),
)
