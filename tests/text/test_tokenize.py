"""The tokenizer protocol on the real analyzers: compounds whole, lexicon applied, odd input survived."""

import pytest

from tests.conftest import LEXICON
from trendscope.text.lexicon import Lexicon, load_lexicon
from trendscope.text.tokenize import Tokenizer, TokenizerSpec, tokenize_texts

SENTENCE = "스마트 시티 사업과 사회혁신 리빙랩이 4차 산업혁명 시대에 자율주행과 디지털트윈으로 확산됐다. 지자체는 IoT를 도입했다고 김민수 기자가 전했다."
ODD = [
    " ",
    "",
    "😀😀 스마트시티 🚗",
    "漢字 混用 문서에서 도시재생",
    "스마트시티\x00\x07 제어문자",
    "Smart City 2024년 3.5% 성장, 빅데이터 100TB",
    "가" * 5000,
    "\n\n\t ",
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(LEXICON / "userdic.txt", LEXICON / "synonyms.txt", LEXICON / "stopwords.txt")


@pytest.fixture(scope="module", params=["komoran", "kiwi"])
def tokenizer(request, lexicon) -> Tokenizer:
    return Tokenizer(TokenizerSpec(request.param, ("noun", "proper_noun"), 2, lexicon))


def test_compounds_come_out_whole(tokenizer):
    tokens = tokenizer.tokenize([SENTENCE])[0].tokens
    for term in ["스마트시티", "사회혁신", "리빙랩", "4차 산업혁명", "자율주행", "디지털트윈", "지방자치단체", "사물인터넷"]:
        assert term in tokens, (tokenizer.spec.backend, tokens)
    assert "스마트" not in tokens and "시티" not in tokens and "주행" not in tokens
    assert "기자" not in tokens  # stopword
    assert "지자체" not in tokens and "IoT" not in tokens  # synonyms mapped


def test_sentences_are_kept(tokenizer):
    result = tokenizer.tokenize([SENTENCE])[0]
    assert len(result.sentences) == 2
    assert "사회혁신" in result.sentences[0] and "사물인터넷" in result.sentences[1]


def test_odd_input_never_crashes(tokenizer):
    results = tokenizer.tokenize(ODD)
    assert len(results) == len(ODD)
    assert results[0].tokens == [] and results[1].tokens == []
    assert "스마트시티" in results[2].tokens
    assert "도시재생" in results[3].tokens
    assert "빅데이터" in results[5].tokens


def test_pos_filter_and_min_length(lexicon):
    spec = TokenizerSpec("kiwi", ("noun", "proper_noun", "verb"), 3, lexicon)
    tokens = Tokenizer(spec).tokenize(["스마트시티를 도입하고 시민이 참여했다."])[0].tokens
    assert "스마트시티" in tokens
    assert all(len(t) >= 3 for t in tokens)


def test_parallel_matches_serial(lexicon):
    spec = TokenizerSpec("kiwi", ("noun", "proper_noun"), 2, lexicon)
    texts = [SENTENCE, *ODD] * 3
    serial, version = tokenize_texts(texts, spec, jobs=1)
    parallel, version2 = tokenize_texts(texts, spec, jobs=2, chunk_size=4)
    assert [r.sentences for r in serial] == [r.sentences for r in parallel]
    assert version == version2 and version.startswith("kiwipiepy")


def test_iter_tokenize_streams_its_input(lexicon):
    """Texts are pulled chunk by chunk (bounded work in flight), not read all at once."""
    from trendscope.text.tokenize import iter_tokenize

    pulled = []

    def texts(n):
        for i in range(n):
            pulled.append(i)
            yield f"{SENTENCE} {i}번째 문서"

    spec = TokenizerSpec("kiwi", ("noun", "proper_noun"), 2, lexicon)
    stream = iter_tokenize(texts(1000), spec, jobs=1, chunk_size=5)
    first = next(stream)
    assert "스마트시티" in first.tokens
    assert len(pulled) == 5  # one chunk, not the 1,000 texts
    stream.close()

    pulled.clear()
    stream = iter_tokenize(texts(1000), spec, jobs=2, chunk_size=5)
    next(stream)
    assert len(pulled) <= 2 * 2 * 5 + 5  # at most two chunks per worker in flight
    stream.close()


def test_a_started_pool_gives_the_same_tokens_and_serves_only_its_spec(lexicon):
    """The pipeline's tokenizer pool (analyzers started ahead): same results as a pool of one's own; another spec is not served by it."""
    from trendscope.text.tokenize import iter_tokenize, tokenizer_pool

    spec = TokenizerSpec("kiwi", ("noun", "proper_noun"), 2, lexicon)
    texts = [SENTENCE, *ODD] * 3
    serial, _ = tokenize_texts(texts, spec, jobs=1)
    with tokenizer_pool(spec, 2) as pool:
        assert len(pool.executor._processes) == 2  # both workers started before any document
        versions: list[str] = []
        pooled = list(iter_tokenize(texts, spec, jobs=1, chunk_size=4, pool=pool, on_version=versions.append))
        assert [r.sentences for r in pooled] == [r.sentences for r in serial] and versions[0].startswith("kiwipiepy")
        assert [r.tokens for r in pool.tokenize([SENTENCE])] == [serial[0].tokens]
        other = TokenizerSpec("kiwi", ("noun",), 3, lexicon)
        alone = list(iter_tokenize([SENTENCE], other, jobs=1, pool=pool))  # not this pool's spec: tokenized here instead
        assert alone[0].tokens == Tokenizer(other).tokenize([SENTENCE])[0].tokens


def test_a_started_pool_ended_early_leaves_no_jvm_crash_files_or_tracebacks(tmp_path, monkeypatch, capfd):
    """A run stopped by bad input while the pre-started Komoran workers are still booting their JVMs ends them quietly.

    Ending them with SIGTERM ran the JVM's shutdown under JPype mid-start: hs_err_pid*.log files in the
    researcher's folder and a traceback per worker on stderr.
    """
    import time

    from trendscope.text.lexicon import Lexicon
    from trendscope.text.tokenize import tokenizer_pool

    monkeypatch.chdir(tmp_path)
    for delay in (0.3, 0.9, 1.5):
        with pytest.raises(RuntimeError, match="bad input"), tokenizer_pool(TokenizerSpec("komoran", ("noun",), 2, Lexicon()), 2):
            time.sleep(delay)
            raise RuntimeError("bad input")
    assert not list(tmp_path.glob("hs_err*"))
    err = capfd.readouterr().err
    assert "Traceback" not in err and "fatal error" not in err.lower()


def test_a_started_pool_serves_the_lexicon_with_entities_in_its_own_workers(lexicon, monkeypatch):
    """The pipeline starts the workers with the study files' lexicon; the tokenize stage then adds the exports'
    entities. The same workers remake their analyzer for it (no second set of JVMs) and give the tokens a fresh one gives."""
    import os

    from trendscope.text import tokenize as tokenize_module
    from trendscope.text.entities import with_entities
    from trendscope.text.tokenize import iter_tokenize, tokenizer_pool

    spec = TokenizerSpec("komoran", ("noun", "proper_noun"), 2, lexicon)
    named = TokenizerSpec("komoran", ("noun", "proper_noun"), 2, with_entities(lexicon, ["김기민", "유니버설발레단"]))
    texts = ["김기민은 유니버설발레단 무대에서 스마트시티 공연을 했다.", SENTENCE] * 4
    expected = Tokenizer(named).tokenize(texts)
    assert "김기민" in expected[0].tokens
    with tokenizer_pool(spec, 2) as pool:
        workers = sorted(pool.executor._processes)
        monkeypatch.setattr(tokenize_module, "spawn_pool", lambda *a, **k: pytest.fail("a second set of workers was started"))
        pooled = list(iter_tokenize(texts, named, jobs=2, chunk_size=2, pool=pool))
        assert sorted(pool.executor._processes) == workers and os.getpid() not in workers  # the same two processes
        assert [r.sentences for r in pooled] == [r.sentences for r in expected]
        # the query terms afterwards: the study lexicon again, on workers now holding the entities
        plain = Tokenizer(spec).tokenize(texts[:1])[0].tokens
        assert "김기민" not in plain and [r.tokens for r in pool.tokenize(texts[:1])] == [plain]


class _Analyzer:
    """A backend double that records which user dictionaries it was given."""

    name = "fake"
    max_word_chars = 40

    def __init__(self, native: bool, swaps: bool) -> None:
        self.native_user_dictionary = native
        self.given: list[list[tuple[str, str]]] = []
        if swaps:
            self.with_user_words = self._swap

    def _swap(self, user_words):
        self.given.append(list(user_words))
        return self

    def analyze(self, sentences):
        return [[(word, "noun") for word in s.split()] for s in sentences]


@pytest.mark.parametrize(("native", "swaps", "kept"), [(False, False, True), (True, True, True), (True, False, False)])
def test_a_lexicon_change_keeps_the_started_analyzer_where_it_can(native, swaps, kept, monkeypatch):
    """Okt, Hannanum, Kkma read no user dictionary: their analyzer is kept; Komoran swaps its dictionary on the loaded
    model; an analyzer that can do neither (Kiwi, Mecab) is made again."""
    import trendscope.text.tokenize as module

    made: list[str] = []
    monkeypatch.setattr(module, "create_backend", lambda name, words: made.append(name) or _Analyzer(native, swaps))
    first = Tokenizer(TokenizerSpec("fake", ("noun",), 2, Lexicon(user_words=(("리빙랩", "NNP"),))), backend=_Analyzer(native, swaps))
    entities = Lexicon(user_words=(("리빙랩", "NNP"), ("홍길동", "NNP")))
    second = first.for_spec(TokenizerSpec("fake", ("noun",), 2, entities))
    assert first.for_spec(first.spec) is first
    assert (second.backend is first.backend) == kept and made == ([] if kept else ["fake"])
    assert first.backend.given == ([entities.backend_words()] if swaps else [])
    assert second.tokenize(["홍길동 리빙랩"])[0].tokens == ["홍길동", "리빙랩"]
