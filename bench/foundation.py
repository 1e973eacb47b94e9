"""Foundation benchmark: cold and warm `trendscope run` on the demo corpus, tokenizer throughput per backend."""

from __future__ import annotations

import gzip
import json
import resource
import tempfile
import time
from pathlib import Path

from bench.common import run_cli, write_results

YEARS = "2015-2020"


def tokenizer_throughput(backend: str, texts: list[str]) -> dict[str, float]:
    from trendscope.config import load_config
    from trendscope.stages.tokenize import tokenizer_spec
    from trendscope.text.tokenize import Tokenizer, TokenizerSpec

    base = tokenizer_spec(load_config())
    spec = TokenizerSpec(backend, base.pos, base.min_length, base.lexicon)
    start = time.perf_counter()
    tokenizer = Tokenizer(spec)
    startup = time.perf_counter() - start
    tokenizer.tokenize(texts[:20])  # warm-up (JIT for the JVM)
    start = time.perf_counter()
    tokenizer.tokenize(texts)
    seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    return {"startup_s": round(startup, 2), "documents": len(texts), "chars": chars, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds)}


def demo_texts(limit: int) -> list[str]:
    from trendscope.corpus.sources.demo import packaged_demo_bytes

    records = [json.loads(line) for line in gzip.decompress(packaged_demo_bytes()).decode("utf-8").splitlines()]
    return [f"{r['title']}\n{r['body']}" for r in records[:limit]]


def main() -> Path:
    with tempfile.TemporaryDirectory(prefix="trendscope-bench-") as tmp:
        folder = Path(tmp)
        cold = run_cli(["run", "--years", YEARS, "--quiet"], folder)
        manifest = json.loads((folder / "reports" / "manifest.json").read_text(encoding="utf-8"))
        warm = run_cli(["run", "--years", YEARS, "--quiet"], folder)
    texts = demo_texts(1000)
    throughput = {backend: tokenizer_throughput(backend, texts) for backend in ("komoran", "kiwi")}
    return write_results(
        "foundation",
        {
            "corpus": f"demo, years {YEARS}",
            "documents_tokenized": manifest["stages"]["tokenize"]["info"]["documents"],
            "run_cold": cold,
            "run_warm": warm,
            "stage_seconds_cold": {name: s["wall_time_s"] for name, s in manifest["run"]["stages"].items()},
            "tokenizer_jobs1_on_1000_demo_documents": throughput,
            "bench_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        },
    )
