"""Topics benchmark: time and memory of the LDA K sweep (fit + c_v/u_mass coherence + perplexity per K) at 10k and 100k documents.

The documents are synthetic token lists drawn in the benchmark from planted
themes over a Zipf-like vocabulary.  Each point runs in a fresh interpreter so
its peak RSS (main process and largest worker) is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bench.common import write_results

JOBS = 2
# (documents, passes, k_min, k_max, k_step): 100k uses one pass and three Ks to stay within minutes on 2 cores.
POINTS = [(10_000, 5, 4, 12, 2), (100_000, 1, 4, 12, 4)]
VOCAB, THEMES, DOC_LEN = 5_000, 10, 60


def synthetic_tokens(n_docs: int, seed: int = 0) -> list[list[str]]:
    """Documents mixing two of THEMES themes; each theme favours its own 300 terms, the rest is Zipf background."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i:05d}" for i in range(VOCAB)])
    background = 1 / np.arange(1, VOCAB + 1)
    background /= background.sum()
    themes = []
    for t in range(THEMES):
        p = background * 0.2
        p[300 * t + 100 : 300 * t + 400] += 0.8 / 300
        themes.append(p / p.sum())
    docs = []
    for _ in range(n_docs):
        a, b = rng.choice(THEMES, 2, replace=False)
        mix = rng.dirichlet([1.0, 1.0])
        p = mix[0] * themes[a] + mix[1] * themes[b]
        docs.append(vocab[rng.choice(VOCAB, DOC_LEN, p=p)].tolist())
    return docs


def run_point(n_docs: int, passes: int, k_min: int, k_max: int, k_step: int) -> dict:
    import resource

    from trendscope.analysis import topics as lda

    start = time.perf_counter()
    tokens = synthetic_tokens(n_docs)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    corpus = lda.build_corpus(tokens, no_below=5, no_above=0.5, keep_n=5000)
    dictionary_s = time.perf_counter() - start
    settings = lda.FitSettings(seed=42, passes=passes, iterations=50)
    ks = lda.k_values(k_min, k_max, k_step)
    start = time.perf_counter()
    results = lda.fit_many({"bench": corpus}, [("bench", k) for k in ks], settings, jobs=JOBS)
    sweep_s = time.perf_counter() - start
    return {
        "documents": n_docs,
        "tokens": n_docs * DOC_LEN,
        "vocabulary": len(corpus.dictionary),
        "passes": passes,
        "ks": ks,
        "jobs": JOBS,
        "generate_s": round(generated, 2),
        "dictionary_s": round(dictionary_s, 2),
        "sweep_wall_s": round(sweep_s, 2),
        "fit_and_score_s_per_k": {str(k): round(r.seconds, 2) for (_, k), r in results.items()},
        "c_v_per_k": {str(k): round(r.c_v, 4) for (_, k), r in results.items()},
        "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mb_largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def main() -> Path:
    points = []
    for point in POINTS:
        done = subprocess.run([sys.executable, "-m", "bench.topics", *map(str, point)], check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
        points.append(json.loads(done.stdout.strip().splitlines()[-1]))
    small, large = points
    per_doc_pass = lambda p: p["sweep_wall_s"] / (p["documents"] * p["passes"] * len(p["ks"]))  # noqa: E731
    return write_results(
        "topics",
        {
            "what": "LDA K sweep (gensim LdaModel per K, c_v + u_mass coherence, perplexity), synthetic token lists, 60 tokens/document, 10 planted themes",
            "points": points,
            "note": (
                "100k uses passes=1 and K in {4, 8, 12} (10k: passes=5, K 4-12 step 2) so that it finishes within minutes on 2 cores; "
                "compare per document-pass-K. The machine is shared with other jobs, so wall times carry noise."
            ),
            "scaling": {
                "sweep_s_per_document_pass_k_10k": round(per_doc_pass(small) * 1e6, 3),
                "sweep_s_per_document_pass_k_100k": round(per_doc_pass(large) * 1e6, 3),
                "unit": "microseconds per document × pass × K (wall, 2 jobs)",
            },
        },
    )


if __name__ == "__main__":
    if len(sys.argv) == 6:
        print(json.dumps(run_point(*map(int, sys.argv[1:]))))
    else:
        print(main())
