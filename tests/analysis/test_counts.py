import datetime as dt
import math

import pandas as pd

from trendscope.analysis.counts import bigram_frequencies, rank, term_frequencies, volume_by_year
from trendscope.analysis.tfidf import tfidf_by_year
from trendscope.report.figures.heatmap import term_year_matrix


def tokens_frame() -> pd.DataFrame:
    # query a, 2020: three documents; query a, 2021: one document
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3", "d4"],
            "query": ["a", "a", "a", "a"],
            "year": [2020, 2020, 2020, 2021],
            "sentences": [[["도시", "데이터", "도시"]], [["도시", "시민"]], [["데이터"], ["시민", "도시"]], [["코로나19"]]],
        }
    ).assign(tokens=lambda f: f["sentences"].map(lambda s: [t for sent in s for t in sent]))


def test_term_frequencies_known_answers():
    stats = term_frequencies(tokens_frame()).set_index(["query", "year", "term"])
    assert stats.loc[("a", 2020, "도시"), ["tf", "df", "n_docs"]].tolist() == [4, 3, 3]
    assert stats.loc[("a", 2020, "데이터"), ["tf", "df"]].tolist() == [2, 2]
    assert stats.loc[("a", 2021, "코로나19"), ["tf", "df", "n_docs"]].tolist() == [1, 1, 1]
    assert ("a", 2020, "코로나19") not in stats.index


def test_tfidf_formula():
    stats = tfidf_by_year(term_frequencies(tokens_frame())).set_index(["year", "term"])
    assert stats.loc[(2020, "도시"), "tfidf"] == 0.0  # in every document of the year
    assert math.isclose(stats.loc[(2020, "데이터"), "tfidf"], 2 * math.log(3 / 2))
    assert math.isclose(stats.loc[(2020, "시민"), "tfidf"], 2 * math.log(3 / 2))


def test_input_is_not_mutated():
    frame = tokens_frame()
    before = frame.copy(deep=True)
    tfidf_by_year(term_frequencies(frame))
    bigram_frequencies(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_rank_breaks_ties_by_term():
    stats = tfidf_by_year(term_frequencies(tokens_frame()))
    ranked = rank(stats, by="tfidf", n=2)
    top2020 = ranked[ranked["year"] == 2020]
    assert top2020["term"].tolist() == ["데이터", "시민"]  # equal scores: term order
    assert top2020["rank"].tolist() == [1, 2]


def test_bigrams_stay_within_sentences():
    bigrams = bigram_frequencies(tokens_frame()).set_index(["year", "bigram"])
    assert bigrams.loc[(2020, "도시 데이터"), "tf"] == 1
    assert bigrams.loc[(2020, "시민 도시"), "tf"] == 1
    assert (2020, "데이터 시민") not in bigrams.index  # across a sentence boundary


def test_volume_fills_missing_years():
    docs = pd.DataFrame(
        {"query": ["a", "a", "b"], "year": [2020, 2020, 2021], "dup_of": [None, "x", None], "date": [dt.date(2020, 1, 1)] * 3}
    )
    volume = volume_by_year(docs, [2020, 2021, 2022], ["a", "b"]).set_index(["query", "year"])
    assert volume.loc[("a", 2020)].tolist() == [2, 1, 1]
    assert volume.loc[("a", 2022)].tolist() == [0, 0, 0]
    assert volume.loc[("b", 2021), "kept"] == 1


def test_term_year_matrix_orders_terms_by_total():
    stats = tfidf_by_year(term_frequencies(tokens_frame()))
    matrix = term_year_matrix(stats, query="a", years=[2020, 2021, 2022], value="tf", n=2)
    assert list(matrix.index) == ["도시", "데이터"]
    assert list(matrix.columns) == [2020, 2021, 2022]
    assert matrix.loc["도시", 2020] == 4 and matrix.loc["도시", 2022] == 0


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["도시", "데이터", "시민", "교통", "코로나19", "혁신"]


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b"]), st.sampled_from([2019, 2020, 2021]), st.lists(st.lists(st.sampled_from(WORDS), max_size=5), max_size=3)),
        min_size=1,
        max_size=25,
    ),
    st.integers(min_value=1, max_value=7),
    st.integers(min_value=1, max_value=4),
)
@settings(max_examples=60, deadline=None)
def test_counting_chunk_by_chunk_gives_the_whole_tables(rows, chunk, fold_every):
    """The count stage reads the token file in batches: partial counts combined must equal counting it whole, order and types included."""
    from pandas.testing import assert_frame_equal

    from trendscope.analysis.counts import combine_counts, partial_counts

    tokens = pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(rows))], "query": [r[0] for r in rows], "year": [r[1] for r in rows], "sentences": [r[2] for r in rows]}
    ).assign(tokens=lambda f: f["sentences"].map(lambda s: [t for sent in s for t in sent]))
    terms, bigrams = combine_counts((partial_counts(tokens.iloc[i : i + chunk]) for i in range(0, len(tokens), chunk)), fold_every=fold_every)
    assert_frame_equal(terms, term_frequencies(tokens))
    assert_frame_equal(bigrams, bigram_frequencies(tokens))
