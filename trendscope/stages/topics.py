"""The topics stage: LDA per query (K sweep, chosen model), prevalence by year, cross-query similarity.

Reads the token file (and titles from documents.parquet), writes one folder,
data/processed/topics/, built beside its target and swapped in whole:

    ksweep.parquet        query, k, c_v, u_mass, perplexity, in_sweep, chosen
    terms.parquet         query, topic, ranking (probability|relevance), rank, term, probability, relevance
    doc_topics.parquet    query, doc_id, year, topic, weight (θ, long)
    prevalence.parquet    query, year, topic, share, documents, n_docs
    top_documents.parquet query, topic, rank, doc_id, year, title, weight
    similarity.parquet    query_a, topic_a, query_b, topic_b, js_similarity, cosine
    similarity_baseline.parquet  query_a, query_b, permutations, cell, match, match_low, match_high (documents reassigned)
    senses.parquet        query, topic, core_share, share_rank, flagged, documents, doc_share, distinctive_terms, example_titles
                          (other senses of the query word: analysis/senses.py)
    year_terms.parquet, alignment.parquet   (only with topics.per_year)
    ldavis_<query>.json   pyLDAvis prepared data (for the interactive page)
    models/<query>/lda.gensim (+ gensim's companion files) or lda.tomotopy.bin, dictionary.gensim
    summary.json          K per query, how it was chosen, the settings
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from trendscope.analysis import senses, topic_alignment, topic_baseline, topic_stability
from trendscope.analysis import topics as lda
from trendscope.analysis.doc_term import TokenCounts, token_counts
from trendscope.catalog import Folder, SavedBy
from trendscope.config import YearRange
from trendscope.stages.contract import Produced, Runtime, Stage, canonical

STORED_TERMS = 30  # terms kept per topic and ranking in terms.parquet; the report shows topics.top_terms of them
DETERMINISM = (
    "Every fit is a single-process gensim LdaModel (or a single-threaded tomotopy model) seeded with the study seed; "
    "the K sweep runs whole fits in parallel (jobs), so results are identical for a given seed whatever the number of jobs."
)
# Other senses of the query word (analysis/senses.py): a topic's share of the query's CORE_TERMS most frequent terms;
# the flagged topics get their SENSE_TERMS most over-represented terms and SENSE_TITLES example titles.
CORE_TERMS, SENSE_TERMS, SENSE_TITLES = 30, 10, 3


# The `topics:` settings this stage reads; labels_file and top_terms are the report's (a new label re-runs the report, not LDA).
TOPICS_FIELDS = ("k_min", "k_max", "k_step", "k", "sweep_patience", "k_tolerance", "engine", "passes", "iterations", "gibbs_iterations",
                 "no_below", "no_above", "keep_n", "coherence_topn", "relevance_lambda", "top_documents", "per_year", "alignment_threshold",
                 "stability_seeds", "stability_threshold", "similarity_permutations")


@dataclass(frozen=True)
class TopicsSettings:
    """The values of TOPICS_FIELDS (see config.TopicsConfig for what each means)."""

    k_min: int
    k_max: int
    k_step: int
    k: int | None
    sweep_patience: int
    k_tolerance: float
    engine: str
    passes: int
    iterations: int
    gibbs_iterations: int
    no_below: int
    no_above: float
    keep_n: int
    coherence_topn: int
    relevance_lambda: float
    top_documents: int
    per_year: bool
    alignment_threshold: float
    stability_seeds: int
    stability_threshold: float
    similarity_permutations: int


@dataclass(frozen=True)
class TopicsParams:
    topics: TopicsSettings
    seed: int
    years: YearRange
    queries: tuple[str, ...]


def topics_params(values: Mapping[str, Any]) -> TopicsParams:
    settings = TopicsSettings(**{name: values[f"topics.{name}"] for name in TOPICS_FIELDS})
    return TopicsParams(settings, values["seed"], values["years"], tuple(q.key for q in values["queries"]))


def fit_settings(params: TopicsParams) -> lda.FitSettings:
    t = params.topics
    return lda.FitSettings(seed=params.seed, passes=t.passes, iterations=t.iterations, coherence_topn=t.coherence_topn, engine=t.engine, gibbs_iterations=t.gibbs_iterations)


def query_corpora(params: TopicsParams, tokens: pd.DataFrame | TokenCounts) -> tuple[dict[str, lda.TopicCorpus], dict[str, pd.DataFrame], dict[str, str]]:
    """Per query: its documents in doc_id order (so the fit does not depend on file order) and their corpus.

    `tokens` is the token table (doc_id, query, year, tokens) or its `TokenCounts`.
    A query with too little text for LDA is left out with the reason (third value), so a small
    collection does not stop the study; the report says which queries were not modelled and why.
    """
    t = params.topics
    tokens = token_counts(tokens)
    corpora, docs, skipped = {}, {}, {}
    for key in params.queries:
        rows = tokens.rows(key, params.years.years)
        rows = rows[np.argsort(tokens.doc_ids[rows], kind="stable")]
        if rows.size < 2:
            skipped[key] = f"{rows.size} tokenized documents in {params.years}; LDA needs at least 2"
            continue
        corpus = lda.corpus_from_counts(tokens.counts[rows], tokens.terms, no_below=t.no_below, no_above=t.no_above, keep_n=t.keep_n)
        if len(corpus.dictionary) < 2:
            skipped[key] = (
                f"{len(corpus.dictionary)} terms left after filtering (no_below={t.no_below}, no_above={t.no_above}); "
                "LDA needs at least 2 — lower topics.no_below or raise topics.no_above"
            )
            continue
        corpora[key], docs[key] = corpus, pd.DataFrame({"doc_id": tokens.doc_ids[rows], "year": tokens.years[rows]})
    return corpora, docs, skipped


def _no_model(params: TopicsParams, skipped: dict[str, str]) -> Produced:
    """No query has enough text for LDA: record why, so the report says so and the rest of the study goes on."""
    summary = {"k": {}, "skipped": skipped, "rule": "no model: too little text", "params": canonical(params)}
    return Produced({"topics": Folder({"summary.json": summary})}, {"k": {}, "skipped": skipped})


def sweep(params: TopicsParams, pool: lda.FitPool, *, on_chosen: Callable[[str, int], None] | None = None) -> tuple[pd.DataFrame, dict[str, lda.FitResult], dict[str, float]]:
    """Fit every K of the sweep (and the fixed K, if any) for every query on `pool`; pick each query's K.

    `on_chosen(key, K)` is called as soon as a query's K is known (for an early-stopped sweep, while
    other queries may still be sweeping), so the caller can queue that query's seed refits.
    """
    t = params.topics
    ks = lda.k_values(t.k_min, t.k_max, t.k_step)

    def decided(key: str, fits: dict[int, lda.FitResult]) -> None:
        if on_chosen is not None and not t.k:
            on_chosen(key, lda.choose_k(pd.DataFrame({"k": list(fits), "c_v": [r.c_v for r in fits.values()]}), tolerance=t.k_tolerance))

    if t.sweep_patience:  # stop each query's sweep once c_v has fallen `sweep_patience` Ks in a row
        results = lda.fit_sweep(pool.corpora, ks, fit_settings(params), patience=t.sweep_patience, tolerance=t.k_tolerance, pool=pool, on_stop=decided)
    else:
        results = lda.fit_many(pool.corpora, [(key, k) for key in pool.corpora for k in ks], fit_settings(params), pool=pool)
    if t.k:
        results.update(lda.fit_many(pool.corpora, [(key, t.k) for key in pool.corpora if (key, t.k) not in results], fit_settings(params), pool=pool))
    rows = [{"query": key, "k": k, "c_v": r.c_v, "u_mass": r.u_mass, "perplexity": r.perplexity, "in_sweep": k in ks} for (key, k), r in results.items()]
    curve = pd.DataFrame(rows).sort_values(["query", "k"], kind="stable").reset_index(drop=True)
    chosen = {}
    for key in pool.corpora:
        in_sweep = curve[(curve["query"] == key) & curve["in_sweep"]]
        chosen[key] = t.k if t.k else lda.choose_k(in_sweep, tolerance=t.k_tolerance)
    curve["chosen"] = [chosen[q] == k for q, k in zip(curve["query"], curve["k"], strict=True)]
    seconds = {f"{key}:{k}": round(r.seconds, 2) for (key, k), r in results.items()}
    return curve, {key: results[(key, k)] for key, k in chosen.items()}, seconds


def engine_description(engine: str) -> dict[str, str]:
    """The LDA engine, its version and (tomotopy) the SIMD build it ran on: what a fit's bytes depend on besides the settings."""
    return lda.engine(engine).describe()


def describe_model(params: TopicsParams, key: str, model: Any, corpus: lda.TopicCorpus, docs: pd.DataFrame, titles: pd.Series, theta: np.ndarray) -> dict[str, pd.DataFrame]:
    """Everything a report needs from one fitted model (θ given), as tables."""
    t = params.topics
    phi = lda.topic_term_matrix(model)
    tf = corpus.term_frequency()
    terms = lda.top_terms(phi, corpus.vocab, tf, n=STORED_TERMS, lam=t.relevance_lambda)
    prevalence = lda.prevalence_by_year(theta, docs["year"].tolist())
    top_docs = lda.top_documents(theta, docs["doc_id"].tolist(), n=t.top_documents)
    top_docs = top_docs.merge(docs, on="doc_id", how="left").assign(title=lambda f: f["doc_id"].map(titles))
    other_senses = senses.query_senses(
        phi, theta, corpus.counts, corpus.vocab, docs["doc_id"].map(titles).fillna("").tolist(),
        core_terms=CORE_TERMS, n_terms=SENSE_TERMS, n_titles=SENSE_TITLES,
    )
    k = phi.shape[0]
    doc_topics = pd.DataFrame(
        {
            "doc_id": np.repeat(docs["doc_id"].to_numpy(), k),
            "year": np.repeat(docs["year"].to_numpy(), k),
            "topic": np.tile(np.arange(1, k + 1), len(docs)),
            "weight": theta.ravel(),
        }
    )
    return {
        name: frame.assign(query=key)[["query", *frame.columns]]
        for name, frame in {"terms": terms, "prevalence": prevalence, "top_documents": top_docs[["topic", "rank", "doc_id", "year", "title", "weight"]], "doc_topics": doc_topics,
                             "senses": other_senses}.items()
    }


def describe_chosen(params: TopicsParams, key: str, model: Any, corpus: lda.TopicCorpus, docs: pd.DataFrame, titles: pd.Series) -> tuple[dict[str, pd.DataFrame], str]:
    """A query's chosen model as the stage stores it: its tables (`describe_model`) and its LDAvis data."""
    theta = lda.doc_topic_matrix(model, corpus, params.seed)
    return describe_model(params, key, model, corpus, docs, titles, theta), ldavis_data(model, corpus, theta)


def ldavis_data(model: Any, corpus: lda.TopicCorpus, theta: np.ndarray) -> str:
    """pyLDAvis's prepared data as JSON (topics keep the model's numbering: sort_topics=False)."""
    import pyLDAvis

    lengths = np.asarray(corpus.counts.sum(axis=1)).ravel()
    keep = lengths > 0  # documents with no dictionary term carry no information for the page
    prepared = pyLDAvis.prepare(
        lda.topic_term_matrix(model),
        theta[keep],
        lengths[keep],
        corpus.vocab,
        corpus.term_frequency(),
        R=30,
        mds="pcoa",
        n_jobs=1,
        sort_topics=False,
        start_index=1,
    )
    return prepared.to_json()


def per_year_topics(params: TopicsParams, key: str, corpus: lda.TopicCorpus, docs: pd.DataFrame, k: int, *, jobs: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One model per year (same K and dictionary as the query's model), aligned between consecutive years."""
    t = params.topics
    years = sorted(docs["year"].unique().tolist())
    year_corpora = {f"{key}:{year}": corpus.subset((docs["year"] == year).to_numpy()) for year in years}
    fits = lda.fit_many(year_corpora, [(name, k) for name in year_corpora], fit_settings(params), jobs=jobs)
    phis, term_rows = {}, []
    for year in years:
        name = f"{key}:{year}"
        phis[year] = lda.topic_term_matrix(fits[(name, k)].model)
        terms = lda.top_terms(phis[year], corpus.vocab, year_corpora[name].term_frequency(), n=STORED_TERMS, lam=t.relevance_lambda)
        term_rows.append(terms.assign(query=key, year=year))
    year_terms = pd.concat(term_rows, ignore_index=True)[["query", "year", "topic", "ranking", "rank", "term", "probability", "relevance"]]
    alignment = topic_alignment.align_sequence(phis, corpus.vocab, threshold=t.alignment_threshold).assign(query=key)
    return year_terms, alignment[["query", *[c for c in alignment.columns if c != "query"]]]


def fit_topics(params: TopicsParams, inputs: Mapping[str, Any], runtime: Runtime) -> Produced:
    """Fit, choose and describe each query's model; the stage's folder is replaced whole when it is written."""
    reporter, jobs = runtime.reporter, runtime.jobs
    titles = inputs["documents"].frame(["doc_id", "title"]).drop_duplicates("doc_id").set_index("doc_id")["title"]
    tokens = token_counts(inputs["tokens"].arrow(["doc_id", "query", "year", "tokens"]))
    corpora, docs, skipped = query_corpora(params, tokens)
    for key, why in skipped.items():
        reporter.info(f"[yellow]topics: query {key!r} left out: {why}[/yellow]")
    if not corpora:
        return _no_model(params, skipped)
    # One pool for the sweep and the seed refits; a query's refits are queued as soon as its K is chosen.
    with lda.FitPool(corpora, jobs) as pool:
        refits: dict[str, dict[tuple[str, int, int], Future[lda.FitResult]]] = {}

        def queue_refits(key: str, k: int) -> None:
            if key not in refits:
                refits[key] = submit_refits(params, pool, key, k)

        curve, chosen, fit_seconds = sweep(params, pool, on_chosen=queue_refits)
        for key, result in chosen.items():
            reporter.info(f"[dim]· topics: {key} K = {result.k} (c_v {result.c_v:.3f})[/dim]")
            queue_refits(key, result.k)
        # While the workers refit, this process describes the chosen models (θ, the tables, the LDAvis data).
        described = {key: describe_chosen(params, key, chosen[key].model, corpus, docs[key], titles) for key, corpus in corpora.items()}
        fits = {run: future.result() for futures in refits.values() for run, future in futures.items()}
    stability, stability_alignment, stability_lines = seed_stability(params, chosen, fits)
    folder = Folder()
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in ("terms", "prevalence", "top_documents", "doc_topics", "senses", "year_terms", "alignment")}
    phis = {}
    for key, corpus in corpora.items():
        model_tables, ldavis = described[key]
        for name, frame in model_tables.items():
            tables[name].append(frame)
        phis[key] = (lda.topic_term_matrix(chosen[key].model), corpus.vocab)
        folder[f"ldavis_{key}.json"] = ldavis  # pyLDAvis's own JSON text, as it wrote it
        folder[f"models/{key}"] = SavedBy(chosen[key].model, into_folder=True)  # the engine's model file(s) in the folder
        folder[f"models/{key}/dictionary.gensim"] = SavedBy(corpus.dictionary)
        if params.topics.per_year:
            year_terms, alignment = per_year_topics(params, key, corpus, docs[key], chosen[key].k, jobs=jobs)
            tables["year_terms"].append(year_terms)
            tables["alignment"].append(alignment)
    folder["ksweep.parquet"] = curve
    folder["similarity.parquet"] = cross_query_similarity(phis)
    if len(phis) >= 2 and params.topics.similarity_permutations:
        folder["similarity_baseline.parquet"] = cross_query_baseline(params, tokens, {key: r.k for key, r in chosen.items()}, jobs=jobs)
    for name, frames in tables.items():
        if frames:
            folder[f"{name}.parquet"] = pd.concat(frames, ignore_index=True)
    if stability is not None:
        folder["stability.parquet"] = stability
        folder["stability_alignment.parquet"] = stability_alignment
    summary = {
        "k": {key: r.k for key, r in chosen.items()},
        "skipped": skipped,
        "rule": "fixed by topics.k" if params.topics.k else lda.K_RULE.format(tolerance=params.topics.k_tolerance),
        "determinism": DETERMINISM,
        "engine": engine_description(params.topics.engine),
        "documents": {key: c.counts.shape[0] for key, c in corpora.items()},
        "vocabulary": {key: len(c.dictionary) for key, c in corpora.items()},
        "stability": stability_lines,
        "senses": {"core_terms": CORE_TERMS, "terms": SENSE_TERMS, "titles": SENSE_TITLES},  # senses.parquet's settings
        # A label per topic until the researcher gives one: its top-3 terms by relevance.
        "auto_labels": {key: {str(t): text for t, text in lda.auto_labels(frame).items()} for key, frame in folder["terms.parquet"].groupby("query", sort=False)},
        "params": canonical(params),
    }
    folder["summary.json"] = summary
    # Timings go to the lock (and manifest) only, so the tables stay identical between runs.
    return Produced({"topics": folder}, {"k": summary["k"], "vocabulary": summary["vocabulary"], "fit_seconds": fit_seconds})


def submit_refits(params: TopicsParams, pool: lda.FitPool, key: str, k: int) -> dict[tuple[str, int, int], Future[lda.FitResult]]:
    """Queue the seed-stability refits of one query's chosen K (none when `stability_seeds` is 1)."""
    seeds = topic_stability.stability_seeds(params.seed, params.topics.stability_seeds)
    if len(seeds) < 2:
        return {}
    return lda.submit_seeds(pool, [(key, k)], fit_settings(params), seeds[1:], score=False)


def seed_stability(
    params: TopicsParams, chosen: dict[str, lda.FitResult], fits: dict[tuple[str, int, int], lda.FitResult]
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, dict[str, str]]:
    """Each query's chosen K refitted with `topics.stability_seeds` seeds (`fits`, from `submit_refits`); per topic, how well it reappears.

    Returns the stability table (query, topic, stability, min_similarity, worst_seed, n_seeds, stable),
    the seed alignment (query, topic, seed, matched_topic, similarity) and one summary line per query;
    (None, None, {}) when `stability_seeds` is 1.  The reported model stays the study-seed fit.
    """
    t = params.topics
    if t.stability_seeds < 2:
        return None, None, {}
    seeds = topic_stability.stability_seeds(params.seed, t.stability_seeds)
    tables, alignments, lines = [], [], {}
    for key, result in chosen.items():
        phis = [lda.topic_term_matrix(result.model)] + [lda.topic_term_matrix(fits[(key, result.k, seed)].model) for seed in seeds[1:]]
        table = topic_stability.topic_stability(phis, seeds, threshold=t.stability_threshold)
        tables.append(table.assign(query=key))
        alignments.append(topic_stability.seed_alignment(phis, seeds).assign(query=key))
        lines[key] = topic_stability.summary_line(table, k=result.k, threshold=t.stability_threshold)
    stability = pd.concat(tables, ignore_index=True)
    alignment = pd.concat(alignments, ignore_index=True)
    return stability[["query", *topic_stability.STABILITY_COLUMNS]], alignment[["query", *topic_stability.ALIGNMENT_COLUMNS]], lines


def cross_query_baseline(params: TopicsParams, tokens: TokenCounts, k: dict[str, int], *, jobs: int) -> pd.DataFrame:
    """Per pair of modelled queries, the similarity baseline (analysis/topic_baseline.py): `similarity_permutations`
    times, the two queries' documents reassigned at random (seeded by seed, pair and permutation) and each group fitted
    with its query's K and the study's fit settings."""
    t = params.topics
    keys = [key for key in params.queries if key in k]
    rows = {key: tokens.rows(key, params.years.years) for key in keys}
    corpora, pairs = {}, {}
    for pair, (qa, qb) in enumerate(combinations(keys, 2)):
        for i in range(t.similarity_permutations):
            new_a, new_b = topic_baseline.reassign(rows[qa], rows[qb], np.random.default_rng([params.seed, pair, i]))
            names = (f"{qa}~{qb}~{i}~a", f"{qa}~{qb}~{i}~b")
            for name, chosen in zip(names, (new_a, new_b), strict=True):
                corpora[name] = lda.corpus_from_counts(tokens.counts[chosen], tokens.terms, no_below=t.no_below, no_above=t.no_above, keep_n=t.keep_n)
            pairs.setdefault((qa, qb), []).append(names)
    tasks = [(name, k[name.split("~")[0 if name.endswith("~a") else 1]]) for name in corpora]
    fits = lda.fit_many(corpora, tasks, fit_settings(params), jobs=jobs)
    records = []
    for (qa, qb), runs in pairs.items():
        matrices = []
        for name_a, name_b in runs:
            phi_a, phi_b = lda.topic_term_matrix(fits[(name_a, k[qa])].model), lda.topic_term_matrix(fits[(name_b, k[qb])].model)
            matrices.append(lda.topic_similarity(phi_a, corpora[name_a].vocab, phi_b, corpora[name_b].vocab, metric="jensen_shannon"))
        records.append({"query_a": qa, "query_b": qb, "permutations": len(runs), **topic_baseline.similarity_baseline(matrices)})
    return pd.DataFrame(records, columns=topic_baseline.BASELINE_COLUMNS)


def cross_query_similarity(phis: dict[str, tuple[np.ndarray, list[str]]]) -> pd.DataFrame:
    """Every topic of each query against every topic of each later query (JS similarity and cosine)."""
    keys = list(phis)
    pairs = {}
    for i, qa in enumerate(keys):
        for qb in keys[i + 1 :]:
            (pa, va), (pb, vb) = phis[qa], phis[qb]
            pairs[(qa, qb)] = (lda.topic_similarity(pa, va, pb, vb, metric="jensen_shannon"), lda.topic_similarity(pa, va, pb, vb, metric="cosine"))
    return lda.similarity_table(pairs)


STAGE = Stage(
    name="topics",
    reads=(*(f"topics.{name}" for name in TOPICS_FIELDS), "seed", "years", "queries"),
    params=topics_params,
    inputs=("documents", "tokens"),
    outputs=("topics",),
    body=fit_topics,
)
