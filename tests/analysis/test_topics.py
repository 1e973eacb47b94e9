"""LDA on a small corpus with planted themes: recovery, prevalence shift, coherence curve, determinism, relevance, similarity."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trendscope.analysis import topics as lda
from trendscope.analysis.topic_alignment import align_pair, align_sequence

THEMES = {
    "transport": ["교통", "버스", "지하철", "자율주행", "도로", "주차", "신호", "모빌리티", "환승", "정류장", "차량", "택시", "운전", "노선", "철도"],
    "energy": ["에너지", "태양광", "전력", "탄소", "배출", "발전소", "수소", "배터리", "절감", "효율", "풍력", "전기", "충전", "기후", "온실가스"],
    "community": ["주민", "마을", "공동체", "협동조합", "참여", "봉사", "돌봄", "복지", "청년", "일자리", "나눔", "기부", "자원봉사", "이웃", "사회적경제"],
}
BACKGROUND = ["정부", "발표", "계획", "사업", "추진", "지역", "도시", "확대", "지원", "예산"]


def planted_corpus(seed: int = 7) -> tuple[list[list[str]], list[int], list[str]]:
    """300 documents over two years; each draws 90% of its 40 tokens from one theme.

    The planted shift: 'transport' is 1/6 of year-1 documents and 2/3 of year-2 documents.
    """
    rng = np.random.default_rng(seed)
    docs, years, themes = [], [], []
    plan = {2019: {"transport": 25, "energy": 63, "community": 62}, 2020: {"transport": 100, "energy": 25, "community": 25}}
    for year, counts in plan.items():
        for theme, n in counts.items():
            for _ in range(n):
                own = rng.choice(THEMES[theme], 36).tolist()
                docs.append(own + rng.choice(BACKGROUND, 4).tolist())
                years.append(year)
                themes.append(theme)
    return docs, years, themes


@pytest.fixture(scope="module", params=["gensim", "tomotopy"])
def planted(request):
    """The planted corpus and a K = 3 fit, once per engine: every test using it holds for both."""
    docs, years, themes = planted_corpus()
    corpus = lda.build_corpus(docs, no_below=2, no_above=0.9, keep_n=None)
    # Variational LDA is a local optimiser: with some seeds (42 among them, on this corpus) two themes share a
    # topic.  The seed is fixed, so the test is deterministic; 8 of seeds 0-9 recover all three themes.
    settings = lda.FitSettings(seed=1, passes=10, iterations=100, engine=request.param)
    model = lda.fit_lda(corpus, 3, settings)
    return corpus, model, years, themes, settings


def theme_of_topics(phi: np.ndarray, vocab: list[str]) -> dict[str, int]:
    """For each planted theme, the topic whose top-15 terms overlap it most."""
    out = {}
    for theme, words in THEMES.items():
        overlaps = [len(set(np.asarray(vocab)[np.argsort(-phi[t])[:15]]) & set(words)) for t in range(phi.shape[0])]
        out[theme] = int(np.argmax(overlaps))
    return out


def test_lda_recovers_planted_themes(planted) -> None:
    corpus, model, *_ = planted
    phi = lda.topic_term_matrix(model)
    assert np.allclose(phi.sum(axis=1), 1)
    match = theme_of_topics(phi, corpus.vocab)
    assert sorted(match.values()) == [0, 1, 2], f"two themes share a topic: {match}"
    for theme, topic in match.items():
        top10 = set(np.asarray(corpus.vocab)[np.argsort(-phi[topic])[:10]])
        assert len(top10 & set(THEMES[theme])) >= 9, (theme, top10)


def test_prevalence_follows_the_planted_shift(planted) -> None:
    corpus, model, years, themes, settings = planted
    theta = lda.doc_topic_matrix(model, corpus, settings.seed)
    assert np.allclose(theta.sum(axis=1), 1)
    prevalence = lda.prevalence_by_year(theta, years)
    assert np.allclose(prevalence.groupby("year")["share"].sum(), 1)
    transport = theme_of_topics(lda.topic_term_matrix(model), corpus.vocab)["transport"] + 1
    share = prevalence[prevalence["topic"] == transport].set_index("year")["share"]
    assert share[2019] == pytest.approx(25 / 150, abs=0.05)
    assert share[2020] == pytest.approx(100 / 150, abs=0.05)
    docs = prevalence[prevalence["topic"] == transport].set_index("year")["documents"]
    assert docs[2019] == pytest.approx(25, abs=3) and docs[2020] == pytest.approx(100, abs=3)
    assert (prevalence.groupby("year")["documents"].sum() == 150).all()


def test_top_documents_belong_to_the_topic(planted) -> None:
    corpus, model, years, themes, settings = planted
    theta = lda.doc_topic_matrix(model, corpus, settings.seed)
    ids = [f"d{i:03d}" for i in range(len(themes))]
    top = lda.top_documents(theta, ids, n=5)
    match = theme_of_topics(lda.topic_term_matrix(model), corpus.vocab)
    for theme, topic in match.items():
        rows = top[top["topic"] == topic + 1]
        assert list(rows["rank"]) == [1, 2, 3, 4, 5]
        assert rows["weight"].is_monotonic_decreasing
        assert all(themes[int(d[1:])] == theme for d in rows["doc_id"])


def test_coherence_curve_and_chosen_k(planted) -> None:
    corpus, _model, *_rest, settings = planted
    results = lda.fit_many({"q": corpus}, [("q", k) for k in (2, 3, 5)], settings, jobs=1)
    curve = pd.DataFrame([{"k": k, "c_v": r.c_v, "u_mass": r.u_mass, "perplexity": r.perplexity} for (_, k), r in results.items()])
    assert curve["c_v"].between(0, 1).all()
    assert (curve["u_mass"] <= 0).all()
    assert (curve["perplexity"] > 1).all()
    # Three planted themes: three topics are the most coherent; with gensim, far better than two.
    assert lda.choose_k(curve, tolerance=0.0) == 3
    if settings.engine == "gensim":
        assert curve.set_index("k").loc[3, "c_v"] > curve.set_index("k").loc[2, "c_v"] + 0.05
    else:
        # tomotopy's K = 2 fit keeps one theme whole in each topic's top 10 (the third theme is spread thin),
        # so c_v barely separates 2 from 3 here: README says to read its K curve with that in mind.
        assert curve.set_index("k").loc[3, "c_v"] > curve.set_index("k").loc[2, "c_v"]


def test_choose_k_prefers_the_smallest_near_tie() -> None:
    curve = pd.DataFrame({"k": [4, 6, 8, 10], "c_v": [0.40, 0.552, 0.555, 0.50]})
    assert lda.choose_k(curve, tolerance=0.01) == 6
    assert lda.choose_k(curve, tolerance=0.0) == 8
    with pytest.raises(ValueError):
        lda.choose_k(curve.iloc[:0])


def test_fit_is_deterministic_for_a_seed_and_independent_of_jobs(planted) -> None:
    corpus, model, *_rest, settings = planted
    again = lda.fit_lda(corpus, 3, settings)
    assert np.array_equal(lda.topic_term_matrix(model), lda.topic_term_matrix(again))
    assert np.array_equal(lda.doc_topic_matrix(model, corpus, 1), lda.doc_topic_matrix(again, corpus, 1))
    serial = lda.fit_many({"q": corpus}, [("q", 2), ("q", 3)], settings, jobs=1)
    parallel = lda.fit_many({"q": corpus}, [("q", 2), ("q", 3)], settings, jobs=2)
    for key in serial:
        assert np.array_equal(serial[key].model.get_topics(), parallel[key].model.get_topics())
        assert serial[key].c_v == parallel[key].c_v
    other = lda.fit_lda(corpus, 3, lda.FitSettings(seed=2, passes=10, iterations=100))
    assert not np.array_equal(lda.topic_term_matrix(model), lda.topic_term_matrix(other))


def test_build_corpus_filters_and_orders_terms() -> None:
    docs = [["a", "b", "c"], ["a", "b"], ["a", "d"], ["a", "b", "e"]]
    corpus = lda.build_corpus(docs, no_below=2, no_above=0.9, keep_n=None)
    assert corpus.vocab == ["b"]  # 'a' is in every document (> 90%), c/d/e in one only
    corpus = lda.build_corpus(docs, no_below=1, no_above=1.0, keep_n=3)
    assert corpus.vocab == ["a", "b", "c"]  # df 4, 3, then the tie c/d/e broken by term
    assert corpus.bow[0] == [(0, 1), (1, 1), (2, 1)]
    assert corpus.term_frequency().tolist() == [4, 3, 1]
    with pytest.raises(ValueError):
        lda.build_corpus(docs, no_below=0, no_above=0.5, keep_n=None)


def test_relevance_formula_and_top_terms_ties() -> None:
    phi = np.array([[0.5, 0.25, 0.25], [0.2, 0.4, 0.4]])
    tf = np.array([70, 20, 10])
    rel = lda.relevance(phi, tf, lam=0.6)
    p = tf / tf.sum()
    assert rel[0, 1] == pytest.approx(0.6 * np.log(0.25) + 0.4 * np.log(0.25 / p[1]))
    assert np.allclose(lda.relevance(phi, tf, lam=1.0), np.log(phi))
    terms = lda.top_terms(phi, ["가", "나", "다"], tf, n=3, lam=1.0)
    prob = terms[(terms["topic"] == 2) & (terms["ranking"] == "probability")]
    assert list(prob["term"]) == ["나", "다", "가"]  # 나 and 다 tie at 0.4: by term
    rel_rank = terms[(terms["topic"] == 1) & (terms["ranking"] == "relevance")]
    assert list(rel_rank["term"]) == ["가", "나", "다"]
    # λ = 0: pure lift — the rare term 다 ranks first in topic 2
    lift = lda.top_terms(phi, ["가", "나", "다"], tf, n=1, lam=0.0)
    assert lift[(lift["topic"] == 2) & (lift["ranking"] == "relevance")]["term"].item() == "다"
    assert lda.auto_labels(terms, n=2) == {1: "가·나", 2: "나·다"}
    with pytest.raises(ValueError):
        lda.relevance(phi, tf, lam=1.5)


def test_topic_similarity_across_vocabularies() -> None:
    a = np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    b = np.array([[0.5, 0.5], [0.0, 1.0]])
    sim = lda.topic_similarity(a, ["x", "y", "z"], b, ["y", "x"], metric="jensen_shannon")
    assert sim[0, 0] == pytest.approx(1.0)
    assert sim[1, 0] == pytest.approx(0.0)  # disjoint supports: JS distance 1
    assert 0 < sim[0, 1] < 1
    cos = lda.topic_similarity(a, ["x", "y", "z"], b, ["y", "x"], metric="cosine")
    assert cos[0, 0] == pytest.approx(1.0) and cos[1, 1] == pytest.approx(0.0)
    table = lda.similarity_table({("p", "q"): (sim, cos)})
    assert len(table) == 4 and set(table.columns) == {"query_a", "topic_a", "query_b", "topic_b", "js_similarity", "cosine"}


def test_alignment_recovers_a_permutation_and_marks_fading_and_splits() -> None:
    vocab = [f"t{i}" for i in range(9)]
    blocks = np.kron(np.eye(3), np.ones(3)) / 3  # three topics on disjoint term blocks
    y1 = blocks[[2, 0, 1]]  # the same topics, renumbered
    rows = align_sequence({2019: blocks, 2020: y1}, vocab, threshold=0.5)
    persists = rows[rows["status"] == "persists"]
    assert sorted(zip(persists["topic_from"], persists["topic_to"], strict=True)) == [(1, 2), (2, 3), (3, 1)]
    assert persists["similarity"].round(6).eq(1.0).all()
    # Year 3: topic 1 of 2020 (block 3) is gone; a new block-less topic appears; topic 2 resembles two topics.
    new = np.vstack([blocks[0], blocks[1], np.full(9, 1 / 9)])
    sim = lda.topic_similarity(y1, vocab, new, vocab)
    statuses = {(a, b): s for a, b, _, s in align_pair(sim, threshold=0.5)}
    assert statuses[(2, 1)] == "persists" and statuses[(3, 2)] == "persists"
    assert statuses[(1, None)] == "fades" and statuses[(None, 3)] == "appears"
    split = align_pair(np.array([[0.9, 0.6], [0.1, 0.2]]), threshold=0.5)
    assert (1, 2, 0.6, "split") in split


def test_tomotopy_fits_are_seeded_and_cover_the_dictionary() -> None:
    docs, _years, _themes = planted_corpus()
    docs = docs + [["없는말"]]  # a document with no dictionary term after filtering
    corpus = lda.build_corpus(docs, no_below=2, no_above=0.9, keep_n=None)
    settings = lda.FitSettings(seed=5, engine="tomotopy", gibbs_iterations=50)
    first, again, other = lda.fit_lda(corpus, 3, settings), lda.fit_lda(corpus, 3, settings), lda.fit_lda(corpus, 3, lda.FitSettings(seed=6, engine="tomotopy", gibbs_iterations=50))
    assert np.array_equal(first.phi, again.phi) and np.array_equal(first.theta, again.theta)  # same seed, same fit
    assert not np.array_equal(first.phi, other.phi)
    assert first.phi.shape == (3, len(corpus.dictionary)) and np.allclose(first.phi.sum(axis=1), 1)
    theta = lda.doc_topic_matrix(first, corpus, 5)
    assert theta.shape == (len(docs), 3) and np.allclose(theta.sum(axis=1), 1)
    assert np.allclose(theta[-1], 1 / 3)  # the empty document: uniform
    with pytest.raises(ValueError, match="fitted on"):
        lda.doc_topic_matrix(first, corpus.subset(np.arange(len(docs) - 1)), 5)


def test_a_tomotopy_model_file_reloads(tmp_path) -> None:
    import tomotopy as tp

    corpus = lda.build_corpus(planted_corpus()[0], no_below=2, no_above=0.9, keep_n=None)
    model = lda.fit_lda(corpus, 3, lda.FitSettings(seed=5, engine="tomotopy", gibbs_iterations=30))
    path = model.save(tmp_path)
    assert path == tmp_path / lda.engine("tomotopy").model_file == tmp_path / "lda.tomotopy.bin"
    loaded = tp.LDAModel.load(str(path))
    assert loaded.k == 3 and len(loaded.docs) == len(corpus.bow)


@pytest.mark.parametrize("name", sorted(lda.ENGINES))
def test_every_engine_saves_and_loads_the_same_model(tmp_path, name) -> None:
    """Through the protocol only: a fit saved and loaded again gives the same φ, θ, top terms and perplexity."""
    docs = planted_corpus()[0] + [["없는말"]]  # the last document has no dictionary term
    corpus = lda.build_corpus(docs, no_below=2, no_above=0.9, keep_n=None)
    settings = lda.FitSettings(seed=5, passes=2, iterations=20, engine=name, gibbs_iterations=30)
    engine = lda.engine(name)
    assert engine.name == name
    model = lda.fit_lda(corpus, 3, settings)
    path = model.save(tmp_path)
    assert path.name == engine.model_file and path.stat().st_size > 0
    loaded = engine.load(tmp_path, corpus)
    assert loaded.num_topics == model.num_topics == 3
    assert np.array_equal(lda.topic_term_matrix(loaded), lda.topic_term_matrix(model))
    assert np.array_equal(lda.doc_topic_matrix(loaded, corpus, 5), lda.doc_topic_matrix(model, corpus, 5))
    assert [loaded.get_topic_terms(t, 10) for t in range(3)] == [model.get_topic_terms(t, 10) for t in range(3)]
    assert loaded.perplexity(corpus) == pytest.approx(model.perplexity(corpus), rel=1e-6)
    description = engine.describe()
    assert description["name"] == name and description["version"]
    assert description["perplexity"] == {"gensim": "2^(−bound)", "tomotopy": "exp(−log-likelihood per word)"}[name]


def test_an_unknown_engine_is_named() -> None:
    with pytest.raises(ValueError, match="'mallet'.*gensim, tomotopy"):
        lda.engine("mallet")


def _reference_corpus(docs: list[list[str]], no_below: int, no_above: float, keep_n: int | None) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The filter in plain Python: document frequency within [no_below, no_above · N], the keep_n most frequent (ties by term)."""
    df = Counter(t for doc in docs for t in set(doc))
    kept = sorted((t for t, n in df.items() if no_below <= n <= no_above * max(len(docs), 1)), key=lambda t: (-df[t], t))
    vocab = sorted(kept if keep_n is None else kept[:keep_n])
    ids = {t: i for i, t in enumerate(vocab)}
    return vocab, [sorted(Counter(ids[t] for t in doc if t in ids).items()) for doc in docs]


@given(
    st.lists(st.lists(st.sampled_from(["가", "나", "다", "라", "마", "b", "a"]), max_size=8), max_size=20),
    st.integers(1, 3),
    st.sampled_from([0.5, 0.9, 1.0]),
    st.one_of(st.none(), st.integers(0, 5)),
)
def test_build_corpus_equals_the_plain_filter(docs, no_below, no_above, keep_n) -> None:
    corpus = lda.build_corpus(docs, no_below=no_below, no_above=no_above, keep_n=keep_n)
    vocab, bow = _reference_corpus(docs, no_below, no_above, keep_n)
    assert corpus.vocab == vocab
    assert list(corpus.bow) == bow and len(corpus.bow) == len(docs)
    assert all(isinstance(i, int) and isinstance(n, int) for doc in corpus.bow for i, n in doc)  # as gensim's doc2bow gives them
    assert corpus.dictionary.num_docs == len(docs) and corpus.dictionary.num_pos == sum(n for doc in bow for _, n in doc)
    assert corpus.dictionary.dfs == {i: sum(1 for doc in docs if t in doc) for i, t in enumerate(vocab)}


def test_bags_of_words_index_slice_and_subset() -> None:
    corpus = lda.build_corpus([["a", "b", "b"], [], ["b"], ["a"]], no_below=1, no_above=1.0, keep_n=None)
    assert corpus.bow[0] == [(0, 1), (1, 2)] and corpus.bow[1] == [] and corpus.bow[-1] == [(0, 1)]
    assert list(corpus.bow[1:3]) == [[], [(1, 1)]] and len(corpus.bow[:-1]) == 3
    with pytest.raises(IndexError):
        corpus.bow[4]
    subset = corpus.subset(np.array([True, False, True, False]))
    assert list(subset.bow) == [[(0, 1), (1, 2)], [(1, 1)]] and subset.vocab == corpus.vocab
    assert corpus.presence().toarray().tolist() == [[1, 1], [0, 0], [0, 1], [1, 0]]
