"""Co-occurrence at scale: 100,000 synthetic documents over a 5,000-term vocabulary, each unit, full vocabulary.

Token data is generated here (Zipf-distributed terms, 40–80 tokens a document in sentences of 6–14), so the
benchmark needs no corpus.  Each measurement runs in a fresh child process, which reports its wall times and
its own peak RSS; `tracemalloc` reports the peak of memory allocated by the co-occurrence step itself.
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.common import write_results

DOCUMENTS = 100_000
VOCABULARY = 5_000
SEED = 7

_CHILD = r"""
import json, resource, sys, time, tracemalloc
import numpy as np
import pandas as pd

from trendscope.analysis.cooccurrence import cooccurrence, edge_table
from trendscope.config import NetworkConfig
from trendscope.stages.network import group_network

documents, vocabulary, seed, unit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = np.random.default_rng(seed)
terms = np.array([f"t{i:04d}" for i in range(vocabulary)], dtype=object)
weights = 1.0 / np.arange(1, vocabulary + 1) ** 1.05
weights /= weights.sum()
lengths = rng.integers(40, 81, size=documents)
flat = terms[rng.choice(vocabulary, size=int(lengths.sum()), p=weights)]
tokens, sentences, start = [], [], 0
for length in lengths:
    doc = flat[start:start + length].tolist()
    start += length
    cuts, pos = [], 0
    while pos < length:
        step = int(rng.integers(6, 15))
        cuts.append(doc[pos:pos + step])
        pos += step
    tokens.append(doc)
    sentences.append(cuts)
vocab = sorted(terms.tolist())
result = {"tokens": int(lengths.sum())}

t0 = time.perf_counter()
cooc = cooccurrence(tokens, vocab, unit=unit, sentences=sentences, window=5)
result["cooccurrence_s"] = round(time.perf_counter() - t0, 2)
result["units"] = cooc.n_units
result["nonzero_pairs"] = int((cooc.counts.nnz - vocabulary) // 2)
t0 = time.perf_counter()
edges = edge_table(cooc, min_count=5)
result["edge_table_s"] = round(time.perf_counter() - t0, 2)
result["edges_min_count_5"] = len(edges)
del edges

tracemalloc.start()
cooccurrence(tokens, vocab, unit=unit, sentences=sentences, window=5)
result["cooccurrence_peak_alloc_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
tracemalloc.stop()

# One whole query × year network (top 40 nodes, measures, Louvain, CONCOR) on the same documents.
frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(documents)], "tokens": tokens, "sentences": sentences})
tf = pd.Series(flat).value_counts()
terms_table = pd.DataFrame({"term": tf.index, "tf": tf.to_numpy(), "df": tf.to_numpy(), "tfidf": tf.to_numpy(dtype=float)})
t0 = time.perf_counter()
nodes, net_edges, _ = group_network(frame, terms_table, NetworkConfig(unit=unit, seed=42))
result["group_network_top40_s"] = round(time.perf_counter() - t0, 2)
result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(result))
"""


def measure(unit: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(DOCUMENTS), str(VOCABULARY), str(SEED), unit], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    results = {unit: measure(unit) for unit in ("document", "sentence", "window")}
    return write_results(
        "networks",
        {
            "documents": DOCUMENTS,
            "vocabulary": VOCABULARY,
            "note": "full-vocabulary X.T @ X per unit (window = 5 tokens); peak_rss_mb includes the generated token lists",
            "units": results,
        },
    )


if __name__ == "__main__":
    print(main())
