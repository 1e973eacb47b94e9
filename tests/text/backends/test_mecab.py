"""The mecab backend's own user dictionary (the checks every backend passes are in test_conformance.py)."""

import importlib.util

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("mecab") is None, reason="python-mecab-ko is not installed")


def test_mecab_user_dictionary_is_compiled_from_the_lexicon(started, tmp_path):
    from trendscope.text.backends.mecab import MecabBackend, user_dictionary_csv

    assert user_dictionary_csv([("리빙랩", "NNP"), ("스마트시티", "NNG"), ("a,b", "NNP")]) == (
        "리빙랩,,,,NNP,*,T,리빙랩,*,*,*,*\n스마트시티,,,,NNG,*,F,스마트시티,*,*,*,*\n"
    )
    plain = [form for form, _ in MecabBackend().analyze(["리빙랩에서 사회혁신"])[0]]
    assert "리빙랩" not in plain  # mecab-ko-dic alone splits it
    assert ("리빙랩", "proper_noun") in started("mecab").backend.analyze(["리빙랩에서 사회혁신"])[0]


def test_the_lattice_is_read_as_pos_reads_it():
    """The backend reads (surface, tag) off MeCab's lattice instead of `MeCab.pos`: the same pairs, tags mapped."""
    from trendscope.text.backends.mecab import MecabBackend
    from trendscope.text.pos import sejong_to_common

    backend = MecabBackend([("리빙랩", "NNP")])
    sentences = ["첨단 기술로 도시 문제를 해결하는 스마트시티 사업", "리빙랩에서 만난 시민들 (사진=경기도) 1/2 확률", "ABC 뉴스 ㅋㅋ 앱에서 제공해 ★ 편의를 높였다.",
                 "", " ", "먹었습니다", "서울特別市 ㄱㄴㄷ 2024년 3.5%"]
    assert backend.analyze(sentences) == [[(form, sejong_to_common(tag)) for form, tag in backend._mecab.pos(s)] for s in sentences]
