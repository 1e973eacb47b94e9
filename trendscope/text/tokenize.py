"""Turn documents into filtered token lists, the same way whatever the backend.

Steps per document: clean → join lexicon phrases → split sentences → analyze
(backend) → re-join split lexicon compounds → canonical forms (lexicon) → POS filter → minimum length → stopwords.
A sentence the analyzer cannot handle is retried once in a stricter cleaning
(Hangul, Latin letters and digits only) and otherwise skipped and counted.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from trendscope.text.backends import Backend, create_backend
from trendscope.text.clean import clean_text, split_sentences
from trendscope.text.compounds import CompoundJoiner, join_numbered_names
from trendscope.text.lexicon import Lexicon
from trendscope.workers import spawn_pool

# Bump when trendscope's own processing around the analyzer changes (cleaning, compound joining,
# splitting), so token caches made by an older trendscope are not reused.
PIPELINE_VERSION = 3
# Analyzers are superlinear in sentence length (Komoran, Kkma) or keep whole
# lattices in memory; a run-on "sentence" is cut at spaces into pieces this long.
MAX_SENTENCE_CHARS = 1000
# Okt's time grows quadratically with the length of one space-free word (0.4 s at 100
# characters, 9 s at 1,000); no Korean word is this long, so longer runs are cut.
MAX_WORD_CHARS = 40
_STRICT = re.compile(r"[^0-9A-Za-z가-힣\s.]")
_UNSEEN = object()


@dataclass(frozen=True)
class TokenizerSpec:
    """Everything that determines tokens: part of the token cache key."""

    backend: str
    pos: tuple[str, ...]
    min_length: int
    lexicon: Lexicon = field(default_factory=Lexicon)


@dataclass
class DocTokens:
    sentences: list[list[str]]
    failed_sentences: int = 0

    @property
    def tokens(self) -> list[str]:
        return [t for s in self.sentences for t in s]


class Tokenizer:
    """A started backend plus the shared post-processing."""

    def __init__(self, spec: TokenizerSpec, backend: Backend | None = None) -> None:
        self.spec = spec
        self.backend = backend or create_backend(spec.backend, spec.lexicon.backend_words())
        self._pos = frozenset(spec.pos)
        self._joiner = CompoundJoiner.from_words(spec.lexicon.backend_words())
        self._max_word = getattr(self.backend, "max_word_chars", MAX_WORD_CHARS)
        self._kept: dict[tuple[str, str], str | None] = {}

    def for_spec(self, spec: TokenizerSpec) -> Tokenizer:
        """A tokenizer for `spec`: this one; one on this started analyzer when only the lexicon differs and the
        analyzer reads no user dictionary (Okt, Hannanum, Kkma) or can swap it (Komoran: `with_user_words`);
        else a new analyzer (in this process: no second JVM)."""
        if spec == self.spec:
            return self
        if spec.backend != self.spec.backend:
            return Tokenizer(spec)
        if not self.backend.native_user_dictionary:
            return Tokenizer(spec, self.backend)
        swap = getattr(self.backend, "with_user_words", None)
        return Tokenizer(spec, swap(spec.lexicon.backend_words())) if swap is not None else Tokenizer(spec)

    def tokenize(self, texts: Sequence[str]) -> list[DocTokens]:
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> DocTokens:
        lexicon = self.spec.lexicon
        sentences = [
            piece
            for s in split_sentences(lexicon.join_phrases(clean_text(text)))
            for piece in bound_sentence(s, max_word=self._max_word)
        ]
        try:
            analyzed = self.backend.analyze(sentences)
            failed = 0
        except Exception:
            analyzed, failed = self._one_by_one(sentences)
        joined = (join_numbered_names(self._joiner.join(morphs), sentence) for morphs, sentence in zip(analyzed, sentences, strict=True))
        return DocTokens([self._filter(morphs) for morphs in joined], failed)

    def _one_by_one(self, sentences: list[str]) -> tuple[list[list[tuple[str, str]]], int]:
        analyzed, failed = [], 0
        for sentence in sentences:
            result = None
            for attempt in (sentence, " ".join(_STRICT.sub(" ", sentence).split())):
                if not attempt:
                    break
                try:
                    result = self.backend.analyze([attempt])[0]
                    break
                except Exception:
                    continue
            if result is None:
                failed += 1
                result = []
            analyzed.append(result)
        return analyzed, failed

    def _filter(self, morphs: list[tuple[str, str]]) -> list[str]:
        # A document repeats few distinct (form, POS) pairs; each is decided once per tokenizer
        # (lexicon lookups were a tenth of the tokenizing time on BigKinds excerpts).
        memo, keep = self._kept, []
        for morph in morphs:
            term = memo.get(morph, _UNSEEN)
            if term is _UNSEEN:
                term = memo[morph] = self._decide(*morph)
            if term is not None:
                keep.append(term)
        return keep

    def _decide(self, form: str, pos: str) -> str | None:
        """The token this morpheme becomes, or None when the POS filter, minimum length or stopwords drop it."""
        lexicon = self.spec.lexicon
        term = lexicon.canonical(form)
        if form.isdigit():  # digits are a number whatever the tag (a name's digits were joined to it before)
            pos = "number"
        elif term in lexicon.known_terms:
            pos = "proper_noun" if "proper_noun" in self._pos or pos not in self._pos else pos
        if pos not in self._pos or len(term) < self.spec.min_length or term in lexicon.stopwords:
            return None
        return term


def bound_sentence(sentence: str, limit: int = MAX_SENTENCE_CHARS, *, max_word: int = MAX_WORD_CHARS) -> list[str]:
    """The sentence cut into pieces of at most `limit` characters, at the last space before the limit when there is one.

    Space-free runs longer than `max_word` are first cut into pieces of that length
    (lexicon compounds cut this way are re-joined after analysis).
    """
    if any(len(word) > max_word for word in sentence.split()):
        sentence = " ".join(w[i : i + max_word] for w in sentence.split() for i in range(0, len(w), max_word))
    pieces = []
    while len(sentence) > limit:
        cut = sentence.rfind(" ", 0, limit + 1)
        cut = cut if cut > 0 else limit
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        pieces.append(sentence)
    return [p for p in pieces if p]


# --- parallel tokenization -------------------------------------------------------------------

_worker: Tokenizer | None = None


def _init_worker(spec: TokenizerSpec) -> None:
    global _worker  # one analyzer per worker process, started once
    _worker = Tokenizer(spec)


def _work(texts: list[str], spec: TokenizerSpec) -> list[DocTokens]:
    """Tokenize on this worker's analyzer for `spec`; for another lexicon than its analyzer has (the exports'
    entities added), the user dictionary is swapped or the analyzer made again, in this already started process
    (`Tokenizer.for_spec`: the JVM is not booted twice, Komoran's model not loaded twice)."""
    global _worker
    assert _worker is not None
    _worker = _worker.for_spec(spec)
    return _worker.tokenize(texts)


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class TokenizerPool:
    """Worker processes whose analyzer for `spec` is already started (`tokenizer_pool`)."""

    spec: TokenizerSpec
    jobs: int
    executor: Any

    def tokenize(self, texts: list[str]) -> list[DocTokens]:
        """A few texts (e.g. the query terms) on one of the workers: no analyzer start in this process."""
        return self.executor.submit(_work, texts, self.spec).result()

    def serves(self, spec: TokenizerSpec) -> bool:
        """Whether the workers can tokenize for `spec`: the same backend and settings; the lexicon may differ
        (the tokenize stage adds the entities of the exports, known only once the documents are read)."""
        return (spec.backend, spec.pos, spec.min_length) == (self.spec.backend, self.spec.pos, self.spec.min_length)


def _ready() -> None:
    return None


@contextmanager
def tokenizer_pool(spec: TokenizerSpec, jobs: int) -> Iterator[TokenizerPool]:
    """`jobs` spawned workers that start their analyzer now, not at the first document.

    Starting a worker (interpreter, JVM, dictionaries) took about 5 s of Komoran's 10 s on the 10k
    BigKinds corpus; the pipeline opens this pool before the documents stage, which runs on one core,
    so the analyzers boot on the other while the documents are read.
    """
    with spawn_pool(jobs, initializer=_init_worker, initargs=(spec,)) as pool:
        try:
            for _ in range(jobs):  # each submit spawns one more worker while none is idle; its initializer starts the analyzer
                pool.submit(_ready)
            yield TokenizerPool(spec, jobs, pool)
        finally:
            # The workers hold nothing to keep: end them at once, also when the run stopped early (bad input in
            # the documents stage) or never needed them, instead of waiting for an analyzer still booting.
            pool.terminate()


def iter_tokenize(
    texts: Iterable[str],
    spec: TokenizerSpec,
    *,
    jobs: int = 1,
    chunk_size: int = 200,
    on_version: Callable[[str], None] | None = None,
    pool: TokenizerPool | None = None,
) -> Iterator[DocTokens]:
    """Tokenize texts lazily and in order, in `jobs` worker processes (or on `pool`, when it was started for this spec).

    Texts are read and results yielded chunk by chunk, with at most two chunks per worker in
    flight, so neither the corpus nor its tokens need to be in memory at once.  `on_version`
    receives the analyzer's name and version once it has started.
    """
    chunks = _chunks(texts, chunk_size)
    if pool is not None and pool.serves(spec):
        # The spec travels with each chunk (a few kB); a worker remakes its analyzer when the lexicon differs.
        yield from _stream(pool.executor, chunks, pool.jobs, on_version, spec)
        return
    if jobs <= 1:
        tokenizer = Tokenizer(spec)
        if on_version:
            on_version(tokenizer.backend.version())
        for chunk in chunks:
            yield from tokenizer.tokenize(chunk)
        return
    # spawn, not fork: a forked JVM is unusable, and the parent may already run one.
    with spawn_pool(jobs, initializer=_init_worker, initargs=(spec,)) as own:
        yield from _stream(own, chunks, jobs, on_version, spec)


def _stream(executor: Any, chunks: Iterator[list[str]], jobs: int, on_version: Callable[[str], None] | None, spec: TokenizerSpec) -> Iterator[DocTokens]:
    if on_version:
        on_version(executor.submit(_backend_version).result())
    pending: deque = deque()
    for chunk in chunks:
        pending.append(executor.submit(_work, chunk, spec))
        if len(pending) >= 2 * jobs:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def tokenize_texts(
    texts: Sequence[str],
    spec: TokenizerSpec,
    *,
    jobs: int = 1,
    chunk_size: int = 200,
    on_chunk: Callable[[int], None] | None = None,
) -> tuple[list[DocTokens], str]:
    """Tokenize texts in order, all results in one list; returns them and the analyzer version.

    `on_chunk(n)` is called as documents finish (n of them).  A short input runs in this process.
    """
    version: list[str] = []
    results: list[DocTokens] = []
    jobs = 1 if len(texts) <= chunk_size else jobs
    for result in iter_tokenize(texts, spec, jobs=jobs, chunk_size=chunk_size, on_version=version.append):
        results.append(result)
        if on_chunk:
            on_chunk(1)
    if not version:  # no text at all: the analyzer still names itself
        version.append(Tokenizer(spec).backend.version())
    return results, version[0]


def _backend_version() -> str:
    assert _worker is not None
    return _worker.backend.version()
