"""Komoran's plain-text result is read back into the same morphemes as its token objects."""

from __future__ import annotations

import pytest

from trendscope.text.backends.komoran import parse_plain_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("스마트/NNP 시티/NNP 사업/NNG 이/JKS", [("스마트", "NNP"), ("시티", "NNP"), ("사업", "NNG"), ("이", "JKS")]),
        ("도시 문제/NNP 를/JKO", [("도시 문제", "NNP"), ("를", "JKO")]),  # dictionary entries may hold spaces
        ("1/2/SN //SW", [("1/2", "SN"), ("/", "SW")]),  # a form may hold slashes
        ("어린이 보호 구역/NNP", [("어린이 보호 구역", "NNP")]),
    ],
)
def test_plain_text_is_parsed(text, expected):
    assert parse_plain_text(text) == expected


@pytest.mark.parametrize("text", ["ㅇㅐㅂ/NA 에/JKB", "도시 문제", "스마트/XYZ", "/NNG"])
def test_what_cannot_be_read_unambiguously_falls_back(text):
    assert parse_plain_text(text) is None  # NA forms are jamo-decomposed in the plain text; unknown tags; a trailing piece


def test_the_backend_gives_the_token_objects_morphemes():
    from trendscope.text.backends.komoran import KomoranBackend
    from trendscope.text.pos import sejong_to_common

    backend = KomoranBackend()
    sentences = ["첨단 기술로 도시 문제를 해결하는 스마트시티 사업", "하나의 앱에서 제공해 시민 편의를 높인다.", "1/2 확률로 (사진=경기도) 배포"]
    expected = [[(str(t.getMorph()), sejong_to_common(str(t.getPos()))) for t in backend._java.analyze(s).getTokenList()] for s in sentences]
    assert backend.analyze(sentences) == expected


def test_a_new_user_dictionary_on_the_loaded_model_gives_a_fresh_analyzers_morphemes():
    """`with_user_words` keeps the model and replaces the user dictionary (the workers' switch to the exports' entities):
    the words of the first dictionary are gone, those of the second are found, as in a Komoran made with the second."""
    from trendscope.text.backends.komoran import KomoranBackend

    sentences = ["스마트리빙랩은 도시문제를 해결하는 홍길동전기의 리빙랩이다.", "스마트시티 리빙랩 사업과 도시문제 해결", "홍길동전기 대표는 스마트리빙랩을 말했다"]
    first, second = [("스마트리빙랩", "NNP"), ("도시문제", "NNG")], [("리빙랩", "NNP"), ("홍길동전기", "NNP")]
    switched = KomoranBackend(first)
    before = switched.analyze(sentences)
    assert ("스마트리빙랩", "proper_noun") in before[0]
    for words in (second, ()):
        switched = switched.with_user_words(words)
        assert switched.analyze(sentences) == KomoranBackend(words).analyze(sentences)
    assert KomoranBackend(second).with_user_words(second).analyze(sentences) != before
