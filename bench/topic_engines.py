"""Issue 15, topics: one fit's cost on the 10k BigKinds tokens — gensim's own LdaModel, the same model with
the chunk-at-once E-step the study uses (analysis/vb_lda.py), and tomotopy — with how far the results lie apart.

Needs a finished `python -m bench.perf komoran` (its token file).  CPU seconds (process time) are
reported next to wall seconds because the benchmark machine is shared.
"""

from __future__ import annotations

import copy
import glob
import time

import pyarrow.parquet as pq

from bench.corpora import WORK
from bench.perf import load, record


def _timed(call):
    wall, cpu = time.perf_counter(), time.process_time()
    value = call()
    return value, {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2)}


def main(k: int = 8) -> object:
    import numpy as np
    from gensim.models import LdaModel
    from threadpoolctl import threadpool_limits

    from trendscope.analysis import topics as lda
    from trendscope.analysis import vb_lda
    from trendscope.config import TopicsConfig

    threadpool_limits(1)  # as in the sweep's workers
    t = TopicsConfig()
    tokens = pq.read_table(glob.glob(str(WORK / "run-komoran-10000" / "data" / "processed" / "tokens-*.parquet"))[0], columns=["tokens"])
    corpus = lda.build_corpus(tokens["tokens"], no_below=t.no_below, no_above=t.no_above, keep_n=t.keep_n)
    settings = lda.FitSettings(seed=42, passes=t.passes, iterations=t.iterations)
    out = {"k": k, "documents": corpus.counts.shape[0], "vocabulary": len(corpus.dictionary), "load_before": load()}
    bow = list(corpus.bow)
    stock, out["gensim_fit_stock"] = _timed(lambda: LdaModel(corpus=bow, id2word=corpus.dictionary, num_topics=k, passes=t.passes, iterations=t.iterations,
                                                              chunksize=vb_lda.CHUNKSIZE, random_state=42, eval_every=None, update_every=1))
    model, out["gensim_fit_batched_estep"] = _timed(lambda: lda.fit_lda(corpus, k, settings))
    out["phi_max_abs_difference"] = float(np.abs(stock.get_topics() - model.get_topics()).max())
    out["same_top10_terms"] = all([i for i, _ in stock.get_topic_terms(n, 10)] == [i for i, _ in model.get_topic_terms(n, 10)] for n in range(k))
    topics = [[i for i, _ in model.get_topic_terms(n, topn=10)] for n in range(k)]
    scores, out["coherence_from_matrix"] = _timed(lambda: lda.coherence(topics, corpus.presence()))
    reference, out["coherence_gensim"] = _timed(lambda: lda.gensim_coherence(topics, corpus, tokens["tokens"].to_pylist()))
    out["c_v_difference"] = abs(scores["c_v"] - reference["c_v"])
    twin = copy.deepcopy(stock)  # the batched bound draws from the same random state as gensim's
    stock_bound, out["perplexity_gensim"] = _timed(lambda: stock.log_perplexity(bow))
    batched_bound, out["perplexity_batched"] = _timed(lambda: vb_lda.per_word_bound(twin, corpus.counts, chunksize=vb_lda.CHUNKSIZE))
    out["bound_relative_difference"] = abs(batched_bound - stock_bound) / abs(stock_bound)
    tomotopy = lda.FitSettings(seed=42, engine="tomotopy", gibbs_iterations=t.gibbs_iterations)
    _, out[f"tomotopy_fit_{t.gibbs_iterations}_iterations"] = _timed(lambda: lda.fit_lda(corpus, k, tomotopy))
    out["load_after"] = load()
    return record("topics_engines_10k", out)


if __name__ == "__main__":
    print(main())
