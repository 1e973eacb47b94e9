"""Query terms and the pieces the analyzer splits them into are left out of that query's lists only."""

import pandas as pd
import pytest

from tests.conftest import LEXICON
from trendscope.analysis.query_terms import exclude_terms, query_exclusions


def fake_tokenize(texts: list[str]) -> list[list[str]]:
    """A stand-in analyzer: splits on spaces, and splits the compounds it does not know."""
    splits = {"스마트시티": ["스마트", "시티"], "스마트도시": ["스마트", "도시"], "사회혁신": ["사회", "혁신"]}
    return [[piece for word in text.split() for piece in splits.get(word, [word])] for text in texts]


def test_terms_and_their_pieces_are_excluded_per_query():
    excluded = query_exclusions({"smartcity": ["스마트시티", "스마트도시"], "social": ["사회혁신"], "ballet": ["발레"]}, fake_tokenize)
    assert excluded["smartcity"] == {"스마트시티", "스마트도시", "스마트", "시티", "도시"}
    assert excluded["social"] == {"사회혁신", "사회", "혁신"}
    assert excluded["ballet"] == {"발레"}


def test_tokenize_is_called_once_with_distinct_terms():
    calls = []

    def counting(texts):
        calls.append(list(texts))
        return fake_tokenize(texts)

    query_exclusions({"a": ["스마트시티", " 스마트시티 ", ""], "b": ["스마트시티", "한류"]}, counting)
    assert calls == [["스마트시티", "한류"]]


def test_a_tokenizer_that_drops_a_term_still_excludes_the_term():
    excluded = query_exclusions({"q": ["smart city"]}, lambda texts: [[] for _ in texts])
    assert excluded == {"q": {"smart city"}}


def test_tokenize_must_return_one_list_per_term():
    with pytest.raises(ValueError, match="one list per term"):
        query_exclusions({"q": ["발레", "한류"]}, lambda texts: [[]])


RANKED = pd.DataFrame(
    {
        "query": ["smartcity", "smartcity", "smartcity", "social", "social", "social"],
        "year": [2018] * 6,
        "term": ["스마트시티", "교통", "스마트", "스마트시티", "혁신", "리빙랩"],
        "score": [9.0, 5.0, 4.0, 3.0, 8.0, 2.0],
    },
    index=[10, 11, 12, 13, 14, 15],
)
EXCLUDED = {"smartcity": {"스마트시티", "스마트", "시티"}, "social": {"사회혁신", "사회", "혁신"}}


def test_exclude_terms_drops_only_the_rows_query_own_terms():
    kept = exclude_terms(RANKED, EXCLUDED)
    assert kept["term"].tolist() == ["교통", "스마트시티", "리빙랩"]
    assert kept.index.tolist() == [11, 13, 15]  # 스마트시티 stays in the social-innovation list
    assert len(RANKED) == 6  # the input is not modified


def test_exclude_terms_across_queries_and_other_columns():
    keyness = pd.DataFrame({"word": ["스마트시티", "혁신", "교통"], "g2": [1.0, 2.0, 3.0]})
    assert exclude_terms(keyness, EXCLUDED, term_col="word", query_col=None)["word"].tolist() == ["교통"]
    assert exclude_terms(RANKED, {}).equals(RANKED)
    with pytest.raises(KeyError, match="'lemma'"):
        exclude_terms(RANKED, EXCLUDED, term_col="lemma")


def test_with_the_komoran_backend():
    """The real analyzer and the shipped lexicon: a compound the lexicon knows stays whole, an unknown one is split."""
    from trendscope.text.lexicon import load_lexicon
    from trendscope.text.tokenize import Tokenizer, TokenizerSpec

    lexicon = load_lexicon(LEXICON / "userdic.txt", LEXICON / "synonyms.txt", LEXICON / "stopwords.txt")
    tokenizer = Tokenizer(TokenizerSpec("komoran", ("noun", "proper_noun"), 2, lexicon))

    def tokenize(texts: list[str]) -> list[list[str]]:
        return [doc.tokens for doc in tokenizer.tokenize(texts)]

    excluded = query_exclusions({"smartcity": ["스마트시티", "스마트도시"], "ballet": ["발레단"], "hallyu": ["한류열풍"]}, tokenize)
    # the lexicon maps 스마트도시 to 스마트시티, so no fragment (스마트, 도시) is left to exclude
    assert excluded["smartcity"] == {"스마트시티", "스마트도시"}
    assert excluded["ballet"] == {"발레단"}
    pieces = tokenize(["한류열풍"])[0]
    assert "한류" in pieces and excluded["hallyu"] == {"한류열풍", *pieces}
