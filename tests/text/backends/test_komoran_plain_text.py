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
