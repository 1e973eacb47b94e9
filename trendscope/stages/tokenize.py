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
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from trendscope import atomic
from trendscope.config import StudyConfig, YearRange
from trendscope.paths import StudyPaths
from trendscope.stages.contract import Files, Runtime, Stage
from trendscope.stages.dask_engine import dask_client, dask_tokenize
from trendscope.stages.io import read_documents, study_documents
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


def tokens_name(tokenizer: dict[str, Any]) -> str:
    """The token file's name: its key covers everything that can change a token (see `tokenizer_params`)."""
    key = hashlib.sha256(json.dumps(tokenizer, sort_keys=True).encode()).hexdigest()[:12]
    return f"tokens-{tokenizer['backend']}-{key}.parquet"


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


def tokenize_params(config: StudyConfig) -> TokenizeParams:
    tok = tokenizer_params(tokenizer_spec(config))
    return TokenizeParams(tok["backend"], tok["backend_version"], tok["pipeline_version"], tuple(tok["pos"]), tok["min_length"], tok["lexicon_hash"],
                          config.years, config.analysis.exclude_duplicates, _entity_params(config))


def _entity_params(config: StudyConfig) -> EntityParams | None:
    entities = config.tokenizer.lexicon.entities
    return EntityParams(entities.min_docs, entities.max_df) if entities.enabled else None


def _text(title: str | None, body: str | None) -> str:
    return f"{title or ''}\n{body or ''}".strip()


def files_lexicon(files: Files) -> Lexicon:
    """The lexicon from a stage's `lexicon_files` inputs."""
    return load_lexicon(*(files.optional_input(name) for name in ("userdic", "synonyms", "stopwords")))


def stage_spec(params: TokenizeParams, files: Files) -> TokenizerSpec:
    """The analyzer settings the stage tokenizes with (the lexicon read from its files)."""
    return TokenizerSpec(params.backend, params.pos, params.min_length, files_lexicon(files))


ENTITY_HEADER = "entry\tcolumn\tdocuments\n"


def read_entity_table(path: Path) -> pd.DataFrame:
    """data/processed/entities.tsv as written by this stage (entry, column, documents)."""
    return pd.read_csv(path, sep="\t", dtype={"entry": str, "column": str, "documents": "int64"}, keep_default_na=False, encoding="utf-8")


def study_entities(params: TokenizeParams, files: Files, documents: pd.DataFrame, lexicon: Lexicon) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The entities the documents' entity columns confirm (text/entities.py), over every collected year (so a
    change of --years keeps the list, and the token cache), and what was counted on the way."""
    if params.entities is None:
        return pd.DataFrame(columns=["entry", "column", "documents"]), {"enabled": False}
    overrides = files.optional_input("entity_list")
    added, removed = read_entity_overrides(overrides) if overrides else ((), frozenset())
    rules = EntityRules(params.entities.min_docs, params.entities.max_df, lexicon.stopwords, noisy_entries(), added, removed)
    pool = documents[documents["dup_of"].isna()] if params.exclude_duplicates else documents
    table, counts = extract_entities(pool, rules)
    return table, {"enabled": True, "read": counts.read, "kept": counts.kept, "dropped": counts.dropped, "added": counts.added, "removed": counts.removed}


def tokenize_documents(params: TokenizeParams, files: Files, runtime: Runtime) -> dict[str, Any]:
    """Tokenize the study's documents into the token file, reusing rows of the earlier file with the same key."""
    target = files.outputs["tokens"]
    jobs, reporter = runtime.jobs, runtime.reporter
    collected = read_documents(files.input("documents"))
    lexicon = files_lexicon(files)
    entities, entity_info = study_entities(params, files, collected, lexicon)
    if params.entities is not None:
        entity_info["user_dictionary"] = "native" if takes_user_dictionary(params.backend) else "none: entries re-joined after analysis"
    atomic.write_text(files.outputs["entities"], ENTITY_HEADER + "".join(f"{e}\t{c}\t{n}\n" for e, c, n in entities.itertuples(index=False)))
    spec = TokenizerSpec(params.backend, params.pos, params.min_length, with_entities(lexicon, entities["entry"].tolist()))
    digest = spec.lexicon.digest()
    documents = study_documents(collected, params.years.years, exclude_duplicates=params.exclude_duplicates)
    del collected
    people = documents["people"] if "people" in documents.columns else pd.Series(None, index=documents.index, dtype="object")
    texts = pd.Series([_text(t, b) for t, b in zip(documents["title"], documents["body"], strict=True)], index=documents.index, dtype="object")
    documents = documents[["doc_id", "query", "year"]]  # the texts are held once, in `texts` (the bodies were ~350 MB at 100k articles)
    shas = texts.map(lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    unique = pd.DataFrame({"doc_id": documents["doc_id"], "text": texts, "text_sha": shas}).drop_duplicates(["doc_id", "text_sha"])

    cached, rejected = (pd.DataFrame(columns=TOKENS_SCHEMA.names), 0) if runtime.force else _read_cached(target, digest)
    if rejected and len(cached) == 0:
        reporter.info(f"{target.name}: made with another user dictionary (the entities from the exports changed) or edited; tokenizing again")
    elif rejected:
        reporter.info(f"[yellow]{target.name}: {rejected} cached row(s) no longer match their digest; tokenizing them again[/yellow]")
    known = cached.drop_duplicates(["doc_id", "text_sha"]).set_index(["doc_id", "text_sha"]) if len(cached) else None
    todo = unique if known is None else unique[~pd.MultiIndex.from_frame(unique[["doc_id", "text_sha"]]).isin(known.index)]

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
        # Results stream from the workers in document order and are written in batches (bounded memory);
        # the generator starts no analyzer until a document actually needs tokenizing.
        todo_texts = _todo_texts(documents["doc_id"], texts, shas, todo_keys)
        if runtime.engine == "dask" and len(todo):
            client = stack.enter_context(dask_client(runtime.scheduler, jobs))
            fresh = dask_tokenize(client, todo_texts, spec, chunk_size=CHUNK, on_version=versions.append)
        else:
            fresh = iter_tokenize(todo_texts, spec, jobs=jobs if len(todo) > CHUNK else 1, chunk_size=CHUNK, on_version=versions.append, pool=runtime.tokenizer_pool)
        with atomic.atomic_path(target) as tmp, pq.ParquetWriter(tmp, TOKENS_SCHEMA) as writer:
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
                    hit = known.loc[key]
                    tokens, sentences, failed = list(hit["tokens"]), [list(s) for s in hit["sentences"]], int(hit["failed_sentences"])
                if failed:
                    failed_docs.append(doc_id)
                if isinstance(cell, str) and doc_id not in names_seen:
                    names_seen.add(doc_id)
                    found, whole = whole_names([cell], [text], [tokens])
                    name_occurrences, names_whole = name_occurrences + found, names_whole + whole
                batch.append({"doc_id": doc_id, "query": query, "year": int(year), "tokens": tokens, "sentences": sentences, "text_sha": sha,
                              "failed_sentences": failed, "row_sha": row_digest(doc_id, sha, tokens, sentences, failed, digest)})
                if len(batch) >= WRITE_BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=TOKENS_SCHEMA))
                    written, batch = written + len(batch), []
            writer.write_table(pa.Table.from_pylist(batch, schema=TOKENS_SCHEMA))
            written += len(batch)
    if entity_info.get("read"):
        share = f"{names_whole / name_occurrences:.0%}" if name_occurrences else "—"
        reporter.info(f"entities from the exports' 인물/기관: {entity_info['read']:,} read, {entity_info['kept']:,} kept ({files.outputs['entities'].name}); "
                      f"인물 names in the text that are tokens: {names_whole:,} of {name_occurrences:,} ({share})")
    if failed_docs:
        reporter.info(f"[yellow]{len(failed_docs)} document(s) had sentences the analyzer could not handle (skipped): {', '.join(failed_docs[:5])}{' …' if len(failed_docs) > 5 else ''}[/yellow]")
    return {
        "analyzer": versions[-1],
        "documents": written,
        "tokenized": len(todo),
        "reused": len(unique) - len(todo),
        "cached_rows_rejected": rejected,
        "documents_with_failed_sentences": len(failed_docs),
        "failed_doc_ids": failed_docs[:50],
        "entities": entity_info,
        # 인물 entries found verbatim in a document's text, and how many of them are among its tokens.
        "people_in_text": name_occurrences,
        "people_whole": names_whole,
    }


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


def _read_cached(path: Path, lexicon_digest: str) -> tuple[pd.DataFrame, int]:
    """The rows of an earlier token file that still match their digest, and how many did not (a damaged file: none;
    a file made with another lexicon, e.g. before the entity list changed: every row)."""
    empty = pd.DataFrame(columns=TOKENS_SCHEMA.names)
    if not path.is_file():
        return empty, 0
    try:
        cached = pq.read_table(path).to_pandas()
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


def lexicon_files(paths: StudyPaths) -> dict[str, Path]:
    """The lexicon files the study names (user dictionary, synonyms, stopwords), as stage inputs."""
    return {name: path for name, path in (("userdic", paths.userdic), ("synonyms", paths.synonyms), ("stopwords", paths.stopwords)) if path is not None}


def entity_list(paths: StudyPaths, params: TokenizeParams) -> dict[str, Path]:
    """The researcher's entities.tsv as an input, when entities are on and the file exists."""
    path = paths.entity_list
    return {"entity_list": path} if params.entities is not None and path is not None and path.is_file() else {}


STAGE = Stage(
    name="tokenize",
    params=tokenize_params,
    inputs=lambda paths, p: {"documents": paths.documents, **lexicon_files(paths), **entity_list(paths, p)},
    outputs=lambda paths, p: {"tokens": paths.tokens, "entities": paths.processed / "entities.tsv"},
    body=tokenize_documents,
)
