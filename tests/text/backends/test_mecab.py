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
