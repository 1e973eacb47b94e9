"""Other senses of a query word: a planted second sense (iron-ore news under 발레) comes out as the lowest-share topic."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from trendscope.analysis import senses
from trendscope.analysis import topics as lda

BALLET = ["공연", "무용수", "발레단", "무대", "안무", "관객", "초연", "주역", "프리마", "콩쿠르", "지젤", "호두까기", "백조", "연출", "예술감독",
          "발레리나", "솔리스트", "오케스트라", "시즌", "입단", "수석", "갈라", "레퍼토리", "클래식", "창작", "객석", "커튼콜", "리허설", "토슈즈", "국립"]
SPORTS = ["피겨", "스케이팅", "선수", "경기", "올림픽", "점프", "연기", "심판", "금메달", "빙상"]
ORE = ["철광석", "광산", "브라질", "가격", "수출", "톤", "원자재", "제철", "댐", "붕괴"]
BACKGROUND = ["발레", "올해", "지난", "관계자", "밝혔다"]


def planted(seed: int = 3) -> tuple[list[list[str]], list[str], list[str]]:
    """90 ballet documents, 40 figure-skating ones (ballet's vocabulary shared in part) and 25 about Vale's iron ore;
    all carry the query word 발레."""
    rng = np.random.default_rng(seed)
    docs, titles, senses_ = [], [], []
    for sense, words, n in (("ballet", BALLET, 90), ("sports", SPORTS + BALLET[:10], 40), ("ore", ORE, 25)):
        for i in range(n):
            docs.append(rng.choice(words, 30).tolist() + rng.choice(BACKGROUND, 5).tolist())
            titles.append(f"{sense} {i}")
            senses_.append(sense)
    return docs, titles, senses_


@pytest.fixture(scope="module", params=["gensim", "tomotopy"])
def fitted(request):
    docs, titles, truth = planted()
    corpus = lda.build_corpus(docs, no_below=2, no_above=1.0, keep_n=None)
    model = lda.fit_lda(corpus, 3, lda.FitSettings(seed=1, passes=10, iterations=100, engine=request.param))
    theta = lda.doc_topic_matrix(model, corpus, 1)
    table = senses.query_senses(lda.topic_term_matrix(model), theta, corpus.counts, corpus.vocab, titles, core_terms=20, n_terms=8, n_titles=3)
    return table, theta, truth


def test_the_second_sense_has_the_lowest_core_share(fitted):
    table, theta, truth = fitted
    lowest = table.loc[table["share_rank"] == 1].iloc[0]
    ore_docs = np.flatnonzero(np.asarray(truth) == "ore")
    assert theta[ore_docs].argmax(axis=1).tolist() == [lowest["topic"] - 1] * len(ore_docs)  # the ore documents are that topic
    assert lowest["flagged"]
    assert lowest["documents"] == 25 and lowest["doc_share"] == pytest.approx(25 / 155)
    assert lowest["core_share"] < 0.2 < 0.5 < table["core_share"].drop(lowest.name).min()  # ballet and skating share its core


def test_the_flagged_topic_names_its_own_words_and_titles(fitted):
    table, _, _ = fitted
    lowest = table.loc[table["share_rank"] == 1].iloc[0]
    terms = lowest["distinctive_terms"].split(", ")
    assert len(terms) == 8 and set(terms) <= set(ORE)  # none of ballet's words, nor the background shared by all
    titles = lowest["example_titles"].split(" | ")
    assert len(titles) == 3 and all(t.startswith("ore ") for t in titles)
    assert table.loc[~table["flagged"], "distinctive_terms"].eq("").all() and table.loc[~table["flagged"], "example_titles"].eq("").all()


def test_core_share_is_the_phi_mass_on_the_most_frequent_terms():
    phi = np.array([[0.5, 0.3, 0.2, 0.0], [0.0, 0.1, 0.2, 0.7]])
    tf = np.array([10, 10, 3, 1])
    vocab = ["b", "a", "c", "d"]
    assert senses.core_share(phi, tf, vocab, core_terms=2).tolist() == pytest.approx([0.8, 0.1])
    assert senses.core_share(phi, tf, vocab, core_terms=1).tolist() == pytest.approx([0.3, 0.1])  # tie at 10: "a" first
    with pytest.raises(ValueError, match="core_terms"):
        senses.core_share(phi, tf, vocab, core_terms=0)


def test_every_topic_under_half_the_median_is_flagged_with_the_lowest():
    assert senses.flagged_topics(np.array([0.5, 0.05, 0.45, 0.2, 0.6])) == [1, 3]
    assert senses.flagged_topics(np.array([0.4, 0.4, 0.4])) == [0]  # equal shares: the first, so one topic is always shown


def test_over_represented_prefers_a_frequent_word_to_a_rare_one():
    vocab = ["common", "frequent", "rare"]
    counts = sparse.csr_matrix(np.array([[5, 20, 0], [5, 20, 0], [5, 0, 1], [5, 0, 0], [5, 0, 0], [5, 0, 0]]))
    inside = np.array([False, False, True, True, True, True])
    assert senses.over_represented(counts, ~inside, vocab, n=5) == ["frequent"]
    assert senses.over_represented(counts, inside, vocab, n=5) == ["common", "rare"]
    assert senses.over_represented(counts, np.zeros(6, dtype=bool), vocab, n=5) == []


def test_shapes_that_disagree_fail():
    with pytest.raises(ValueError, match="shapes disagree"):
        senses.query_senses(np.ones((2, 3)) / 3, np.ones((4, 2)) / 2, sparse.csr_matrix((4, 3)), ["a", "b", "c"], ["t"] * 3)
