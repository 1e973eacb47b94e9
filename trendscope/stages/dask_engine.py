"""The Dask engine: tokenizing and counting on a dask.distributed cluster, partitioned by document chunks.

`--engine dask` sends chunks of documents to the cluster's workers; results come
back in document order (tokenize) or as partial counts that add up exactly
(count), so the tables are identical to the local engine's.  Each worker process
starts its analyzer once and keeps it for every later chunk of the same
tokenizer spec.  With no `--scheduler`, a LocalCluster of `jobs` single-threaded
worker processes is started (and stopped) on this machine.  Workers of a remote
cluster need trendscope and the analyzer installed; they receive the texts, never
file paths, so they need no shared file system.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from trendscope.analysis.counts import bigram_frequencies, combine_counts, partial_counts, term_frequencies
from trendscope.errors import ConfigError
from trendscope.text.tokenize import DocTokens, Tokenizer, TokenizerSpec

CONNECT_TIMEOUT_S = 20

# One started analyzer per worker process and tokenizer spec (the JVM cannot be restarted in a process).
_tokenizers: dict[tuple, Tokenizer] = {}


@contextlib.contextmanager
def dask_client(scheduler: str | None, jobs: int) -> Iterator[Any]:
    """A client of the cluster at `scheduler` (tcp://host:port), or of a LocalCluster with `jobs` worker processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask[distributed] is a dependency
        raise ConfigError("engine: dask needs dask[distributed]; install it with `pip install 'dask[distributed]'`") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"--scheduler {scheduler}: cannot reach a Dask scheduler ({exc}); expected tcp://host:port of a running `dask scheduler`") from None
        with client:
            yield client
        return
    # Worker processes are spawned by distributed (a forked JVM is unusable); one thread each, as the analyzers are not thread-safe.
    with LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1") as cluster, \
            Client(cluster) as client:
        yield client


def _spec_key(spec: TokenizerSpec) -> tuple:
    return (spec.backend, spec.pos, spec.min_length, spec.lexicon.digest())


def _tokenizer(spec: TokenizerSpec) -> Tokenizer:
    key = _spec_key(spec)
    if key not in _tokenizers:
        _tokenizers[key] = Tokenizer(spec)
    return _tokenizers[key]


def _tokenize_chunk(spec: TokenizerSpec, texts: list[str]) -> list[DocTokens]:
    return _tokenizer(spec).tokenize(texts)


def _version(spec: TokenizerSpec) -> str:
    return _tokenizer(spec).backend.version()


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def dask_tokenize(client: Any, texts: Iterable[str], spec: TokenizerSpec, *, chunk_size: int = 200, on_version: Any = None) -> Iterator[DocTokens]:
    """Tokenize texts on the cluster, in order, with at most two chunks per worker in flight (bounded memory, as locally)."""
    [spec_future] = client.scatter([spec], broadcast=True)
    if on_version:
        on_version(client.submit(_version, spec_future, pure=False).result())
    window = 2 * _workers(client)
    pending: deque = deque()
    chunk: list[str] = []

    def submit(texts: list[str]) -> None:
        pending.append(client.submit(_tokenize_chunk, spec_future, texts, pure=False))

    for text in texts:
        chunk.append(text)
        if len(chunk) == chunk_size:
            submit(chunk)
            chunk = []
            if len(pending) >= window:
                yield from pending.popleft().result()
    if chunk:
        submit(chunk)
    while pending:
        yield from pending.popleft().result()


# --- counting -----------------------------------------------------------------------------------


def document_chunks(tokens: pd.DataFrame, chunk_docs: int) -> list[pd.DataFrame]:
    """The token rows cut into chunks of about `chunk_docs` documents; all rows of one doc_id stay in one chunk (exact df)."""
    codes = pd.factorize(tokens["doc_id"], sort=False)[0] // max(1, chunk_docs)
    return [part for _, part in tokens.groupby(codes, sort=True)]


def dask_count(client: Any, tokens: pd.DataFrame, *, chunk_docs: int = 2000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`term_frequencies(tokens)` and `bigram_frequencies(tokens)` computed chunk by chunk on the cluster, combined here."""
    if not len(tokens):
        return term_frequencies(tokens), bigram_frequencies(tokens)
    futures = client.map(partial_counts, client.scatter(document_chunks(tokens, chunk_docs)), pure=False)
    return combine_counts(client.gather(futures))
