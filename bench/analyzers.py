"""Analyzer benchmark: per backend, chars/s, start-up and peak RSS at jobs=1 and jobs=2 on the same demo sample,
and trendscope's overhead over calling the backend directly on the same sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.common import write_results

BACKENDS = ("komoran", "okt", "hannanum", "kkma", "kiwi", "mecab")
SAMPLE = 200

_ONE = """
import json, resource, sys, time
from bench.foundation import demo_texts
from trendscope.config import load_config
from trendscope.stages.tokenize import tokenizer_spec
from trendscope.text.clean import clean_text, split_sentences
from trendscope.text.tokenize import Tokenizer, TokenizerSpec, tokenize_texts, bound_sentence

backend, jobs, sample = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = demo_texts(sample)
chars = sum(len(t) for t in texts)
base = tokenizer_spec(load_config())
spec = TokenizerSpec(backend, base.pos, base.min_length, base.lexicon)
out = {"documents": len(texts), "chars": chars}
if jobs == 1:
    start = time.perf_counter(); tok = Tokenizer(spec); out["startup_s"] = round(time.perf_counter() - start, 2)
    tok.tokenize(texts[:10])
    start = time.perf_counter(); tok.tokenize(texts); seconds = time.perf_counter() - start
    sentences = [p for t in texts for s in split_sentences(base.lexicon.join_phrases(clean_text(t))) for p in bound_sentence(s)]
    start = time.perf_counter(); tok.backend.analyze(sentences); direct = time.perf_counter() - start
    out["overhead_pct"] = round(100 * (seconds - direct) / direct, 1)
else:
    start = time.perf_counter(); tokenize_texts(texts, spec, jobs=jobs, chunk_size=25); seconds = time.perf_counter() - start
out["seconds"] = round(seconds, 2)
out["chars_per_s"] = round(chars / seconds)
ru = resource.getrusage
out["peak_rss_mb"] = round(max(ru(resource.RUSAGE_SELF).ru_maxrss, ru(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)
print(json.dumps(out))
"""


def measure(backend: str, jobs: int, sample: int = SAMPLE) -> dict:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _ONE, backend, str(jobs), str(sample)], cwd=root, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> Path:
    results = {b: {f"jobs{j}": measure(b, j) for j in (1, 2)} for b in BACKENDS}
    return write_results("analyzers", {"sample": f"first {SAMPLE} demo documents", "backends": results})
