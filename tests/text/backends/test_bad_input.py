"""Odd documents never crash a run on any backend; a failing sentence is counted, not fatal."""

import pytest

from trendscope.text.tokenize import Tokenizer

BACKENDS = ["komoran", "okt", "hannanum", "kkma", "kiwi", "mecab"]
# Kkma (37 s) and Hannanum (8 s) take too long on 100k characters for the suite;
# the long document runs on the four fast backends (measured: Mecab 0.3 s, Kiwi 0.9 s, Komoran 3 s, Okt 5 s).
FAST = ["komoran", "okt", "kiwi", "mecab"]

ODD = {
    "empty": "",
    "whitespace": " \n\t\u3000 ",
    "emoji": "😀😀 스마트시티 🚗🏙️ 사업",
    "hanja": "漢字 混用 문서에서 都市再生 도시재생",
    "control": "스마트시티\x00\x07\x1b[0m 제어\u200b문자\ufeff 사업",
    "mixed": "Smart City 2024년 3.5% 성장, 빅데이터 100TB·IoT 5G",
    "jamo_only": "ㅋㅋㅋㅋ ㅠㅠ",
    "punctuation_only": "!!! ... ??? ---",
    "one_long_word": "가" * 200,
    "run_on_word": "스마트시티사회혁신리빙랩" * 30,
    "symbols": "▶◀※☞ ○●◎ <스마트시티> [사회혁신] (리빙랩)",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_odd_documents_never_crash(started, backend):
    tokenizer: Tokenizer = started(backend)
    names = list(ODD)
    results = tokenizer.tokenize([ODD[name] for name in names])
    by_name = dict(zip(names, results, strict=True))
    assert by_name["empty"].tokens == [] and by_name["whitespace"].tokens == []
    assert "스마트시티" in by_name["emoji"].tokens
    assert "스마트시티" in by_name["control"].tokens
    assert "도시재생" in by_name["hanja"].tokens
    assert "빅데이터" in by_name["mixed"].tokens
    assert {"스마트시티", "사회혁신", "리빙랩"} <= set(by_name["symbols"].tokens)
    # the analyzer is still alive afterwards
    assert "사회혁신" in tokenizer.tokenize(["사회혁신 정책"])[0].tokens


@pytest.mark.parametrize("backend", FAST)
def test_a_100k_character_document(started, backend):
    sentence = "스마트시티 사업과 사회혁신 리빙랩이 자율주행 실증을 지방자치단체와 함께 추진했다 "
    text = (sentence * 3000)[:100_000]  # no sentence-final punctuation: one run-on "sentence"
    result = started(backend).tokenize([text])[0]
    assert result.failed_sentences == 0
    assert result.tokens.count("사회혁신") >= 2000
    assert all(len(s) <= 200 for s in result.sentences)  # cut into bounded pieces


class _Flaky:
    """A backend that fails on sentences with a marker and on everything with hanja, to test isolation."""

    name = "flaky"
    native_user_dictionary = False

    def version(self) -> str:
        return "flaky 1"

    def analyze(self, sentences):
        out = []
        for s in sentences:
            if "폭탄" in s:
                raise RuntimeError("cannot analyze")
            if "漢" in s:
                raise UnicodeDecodeError("utf-8", b"", 0, 1, "bad")
            out.append([(w, "noun") for w in s.rstrip(".").split()])
        return out


def test_failing_sentences_are_isolated_retried_and_counted(started):
    spec = started("kiwi").spec
    tokenizer = Tokenizer(spec, backend=_Flaky())
    result = tokenizer.tokenize(["사회혁신 정책. 폭탄 문장. 漢 도시재생 사업."])[0]
    # the hanja sentence is retried without hanja and succeeds; the marked one is skipped and counted
    assert result.sentences == [["사회혁신", "정책"], [], ["도시재생", "사업"]]
    assert result.failed_sentences == 1
