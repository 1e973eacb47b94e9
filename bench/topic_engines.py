"""Issue 15, topics: one fit's cost with gensim (the study's engine) and with tomotopy, on the 10k BigKinds tokens.

Needs a finished `python -m bench.perf komoran` (its token file) and tomotopy installed
(`pip install tomotopy`; not a trendscope dependency yet).  CPU seconds (process time) are
reported next to wall seconds because the benchmark machine is shared.
"""

from __future__ import annotations

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
    from threadpoolctl import threadpool_limits

    from trendscope.analysis import topics as lda
    from trendscope.config import TopicsConfig

    threadpool_limits(1)  # as in the sweep's workers
    t = TopicsConfig()
    tokens = pq.read_table(glob.glob(str(WORK / "run-komoran-10000" / "data" / "processed" / "tokens-*.parquet"))[0], columns=["tokens"])
    corpus = lda.build_corpus(tokens["tokens"], no_below=t.no_below, no_above=t.no_above, keep_n=t.keep_n)
    settings = lda.FitSettings(seed=42, passes=t.passes, iterations=t.iterations)
    out = {"k": k, "documents": len(corpus.bow), "vocabulary": len(corpus.dictionary), "load_before": load()}
    model, out["gensim_fit"] = _timed(lambda: lda.fit_lda(corpus, k, settings))
    topics = [[i for i, _ in model.get_topic_terms(n, topn=10)] for n in range(k)]
    scores, out["coherence_from_matrix"] = _timed(lambda: lda.coherence(topics, corpus.presence()))
    reference, out["coherence_gensim"] = _timed(lambda: lda.gensim_coherence(topics, corpus, tokens['tokens'].to_pylist()))
    out["c_v_difference"] = abs(scores["c_v"] - reference["c_v"])
    _, out["gensim_perplexity"] = _timed(lambda: model.log_perplexity(corpus.bow))
    try:
        import tomotopy as tp
    except ImportError:
        out["tomotopy"] = "not installed"
    else:
        def tomotopy_fit():
            mdl = tp.LDAModel(k=k, min_df=t.no_below, seed=42)
            for doc in corpus.texts:
                words = [w for w in doc if w in corpus.dictionary.token2id]
                if words:
                    mdl.add_doc(words)
            mdl.train(1000, workers=1)
            return mdl

        _, out["tomotopy_fit_1000_iterations"] = _timed(tomotopy_fit)
    out["load_after"] = load()
    return record("topics_engines_10k", out)


if __name__ == "__main__":
    print(main())
