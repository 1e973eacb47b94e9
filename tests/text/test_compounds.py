"""Re-joining split lexicon compounds, and bounding run-on sentences, independent of any analyzer."""

from hypothesis import given
from hypothesis import strategies as st

from trendscope.text.compounds import CompoundJoiner, join_numbered_names
from trendscope.text.tokenize import bound_sentence

JOINER = CompoundJoiner.from_words([("리빙랩", "NNP"), ("지방자치단체", "NNG"), ("지방자치", "NNG"), ("4차 산업혁명", "NNP"), ("U-City", "NNP")])


def test_split_terms_are_joined_longest_first():
    morphs = [("지방", "noun"), ("자치", "noun"), ("단체", "noun"), ("와", "particle"), ("리빙", "noun"), ("랩", "noun"), ("이", "particle")]
    assert JOINER.join(morphs) == [("지방자치단체", "noun"), ("와", "particle"), ("리빙랩", "proper_noun"), ("이", "particle")]


def test_across_a_space_case_and_symbols():
    assert JOINER.join([("4", "number"), ("차", "bound_noun"), ("산업혁명", "noun")]) == [("4차산업혁명", "proper_noun")]
    assert JOINER.join([("u", "foreign"), ("-", "symbol"), ("city", "foreign")]) == [("u-city", "proper_noun")]


def test_particles_and_endings_never_join_and_partial_matches_stay():
    morphs = [("리빙", "noun"), ("이", "particle"), ("랩", "noun")]
    assert JOINER.join(morphs) == morphs
    assert JOINER.join([("지방", "noun"), ("자치", "noun"), ("회", "noun")]) == [("지방자치", "noun"), ("회", "noun")]
    assert CompoundJoiner.from_words([]).join(morphs) == morphs


@given(st.lists(st.tuples(st.sampled_from(["리빙", "랩", "지방", "자치", "단체", "이", "사회"]), st.sampled_from(["noun", "particle"])), max_size=12))
def test_joining_keeps_the_text(morphs):
    joined = JOINER.join(morphs)
    assert "".join(f for f, _ in joined) == "".join(f for f, _ in morphs)
    assert len(joined) <= len(morphs)


@given(st.text(alphabet="가나 다a", max_size=3000))
def test_bound_sentence_keeps_words_and_bounds_pieces(text):
    pieces = bound_sentence(text, 100, max_word=10)
    assert all(0 < len(p) <= 100 for p in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())


def test_a_name_ending_in_digits_is_joined_when_written_together():
    morphs = [("코로나", "proper_noun"), ("19", "proper_noun"), ("확산", "noun")]
    assert join_numbered_names(morphs, "코로나19 확산") == [("코로나19", "proper_noun"), ("확산", "noun")]
    # written apart, or a number the analyzer tagged as one, the digits stay a morpheme of their own
    assert join_numbered_names(morphs, "코로나 19 확산") == morphs
    numbered = [("코로나", "proper_noun"), ("19", "number")]
    assert join_numbered_names(numbered, "코로나19") == numbered
    assert join_numbered_names([("19", "proper_noun")], "19") == [("19", "proper_noun")]
