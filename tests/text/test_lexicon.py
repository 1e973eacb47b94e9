import pytest

from tests.conftest import LEXICON
from trendscope.errors import InputError
from trendscope.text.lexicon import Lexicon, load_lexicon, read_synonyms, read_user_dictionary


def test_shipped_lexicon_loads_and_is_big_enough():
    lexicon = load_lexicon(LEXICON / "userdic.txt", LEXICON / "synonyms.txt", LEXICON / "stopwords.txt")
    terms = {t for t, _ in lexicon.user_words}
    assert len(terms) >= 60
    assert {"스마트시티", "사회혁신", "리빙랩", "자율주행", "지방자치단체", "4차 산업혁명", "디지털트윈"} <= terms
    assert lexicon.synonyms["스마트도시"] == "스마트시티"
    assert lexicon.synonyms["지자체"] == "지방자치단체"
    assert {"기자", "무단전재", "재배포"} <= lexicon.stopwords


def test_comments_tags_and_errors(tmp_path):
    path = tmp_path / "u.txt"
    path.write_text("# header\n스마트시티\n리빙랩\tNNG  # trailing comment\n\n4차  산업혁명\n", encoding="utf-8")
    assert read_user_dictionary(path) == (("4차 산업혁명", "NNP"), ("리빙랩", "NNG"), ("스마트시티", "NNP"))
    path.write_text("좋은말\tVV\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"u.txt, line 1: tag 'VV'"):
        read_user_dictionary(path)
    syn = tmp_path / "s.txt"
    syn.write_text("지자체 => 지방자치단체\n스마트도시 스마트시티\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s.txt, line 2: expected `variant => canonical`"):
        read_synonyms(syn)
    with pytest.raises(InputError, match="not found"):
        read_synonyms(tmp_path / "missing.txt")


def test_phrases_are_joined_and_mapped_back():
    lexicon = Lexicon(user_words=(("4차 산업혁명", "NNP"),), synonyms={"스마트 시티": "스마트시티", "IoT": "사물인터넷"})
    assert lexicon.join_phrases("4차  산업혁명과 스마트 시티") == "4차산업혁명과 스마트시티"
    assert lexicon.canonical("4차산업혁명") == "4차 산업혁명"
    assert lexicon.canonical("스마트시티") == "스마트시티"
    assert lexicon.canonical("iot") == "사물인터넷"
    assert ("4차산업혁명", "NNP") in lexicon.backend_words()
    assert ("IoT", "NNP") in lexicon.backend_words()


def test_digest_tracks_content():
    a = Lexicon(user_words=(("리빙랩", "NNP"),))
    b = Lexicon(user_words=(("리빙랩", "NNP"),), stopwords=frozenset({"기자"}))
    assert a.digest() == Lexicon(user_words=(("리빙랩", "NNP"),)).digest()
    assert a.digest() != b.digest()
