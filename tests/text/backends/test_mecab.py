"""The mecab backend: field compounds whole, tags mapped to the common set."""

from tests.text.backends.checks import check_common_tags, check_field_compounds_whole, check_version


def test_field_compounds_come_out_whole(started):
    check_field_compounds_whole(started("mecab"))


def test_tags_map_to_the_common_set(started):
    check_common_tags(started("mecab"))


def test_version_and_dictionary_support(started):
    tokenizer = started("mecab")
    check_version(tokenizer, "python-mecab-ko")
    assert tokenizer.backend.native_user_dictionary is True


def test_mecab_user_dictionary_is_compiled_from_the_lexicon(started, tmp_path):
    from trendscope.text.backends.mecab import MecabBackend, user_dictionary_csv

    assert user_dictionary_csv([("리빙랩", "NNP"), ("스마트시티", "NNG"), ("a,b", "NNP")]) == (
        "리빙랩,,,,NNP,*,T,리빙랩,*,*,*,*\n스마트시티,,,,NNG,*,F,스마트시티,*,*,*,*\n"
    )
    plain = [form for form, _ in MecabBackend().analyze(["리빙랩에서 사회혁신"])[0]]
    assert "리빙랩" not in plain  # mecab-ko-dic alone splits it
    assert ("리빙랩", "proper_noun") in started("mecab").backend.analyze(["리빙랩에서 사회혁신"])[0]
