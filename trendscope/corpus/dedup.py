"""De-duplication: exact URL copies dropped, near-duplicate wire copies linked with MinHash + LSH.

Near-duplicates are found per query over character shingles (whitespace
removed, so spacing differences do not matter).  Documents are visited in
(date, doc_id) order, so the earlier copy is always the one kept and the result
is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from datasketch import MinHash, MinHashLSH


@dataclass(frozen=True)
class DedupParams:
    threshold: float = 0.7
    shingle: int = 5
    num_perm: int = 128
    seed: int = 1


def drop_url_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep the earliest row per (query, doc_id) and per (query, url); also return how many were dropped."""
    ordered = frame.sort_values(["date", "doc_id"], kind="stable")
    keep = ~ordered.duplicated(["query", "doc_id"])
    url = ordered["url"].astype("string")
    has_url = url.notna() & (url.str.len() > 0)
    keep &= ~(has_url & ordered.duplicated(["query", "url"]))
    return ordered[keep].reset_index(drop=True), int((~keep).sum())


def shingles(text: str, size: int) -> list[bytes]:
    """Distinct character n-grams of the text with whitespace removed, sorted for determinism."""
    compact = "".join(text.split())
    if len(compact) <= size:
        return [compact.encode("utf-8")] if compact else []
    return sorted({compact[i : i + size].encode("utf-8") for i in range(len(compact) - size + 1)})


def _prehashed(value: int) -> int:
    return value


def mark_near_duplicates(frame: pd.DataFrame, params: DedupParams = DedupParams()) -> pd.Series:
    """`dup_of` for each row: the doc_id of an earlier near-identical document of the same query, else NA."""
    dup_of = pd.Series(pd.NA, index=frame.index, dtype="string")
    template = MinHash(num_perm=params.num_perm, seed=params.seed)
    # Hashing every shingle (SHA-1) was 60% of de-duplication on the 10k BigKinds corpus: news repeats
    # phrases, so each distinct shingle is hashed once and the sketches get the same values as before.
    hashes: dict[bytes, int] = {}

    def hashed(grams: list[bytes]) -> list[int]:
        out = []
        for gram in grams:
            value = hashes.get(gram)
            if value is None:
                value = hashes[gram] = template.hashfunc(gram)
            out.append(value)
        return out

    for _query, group in frame.groupby("query", sort=True):
        group = group.sort_values(["date", "doc_id"], kind="stable")
        lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
        order: dict[str, int] = {}
        for index, doc_id, title, body in zip(group.index, group["doc_id"], group["title"], group["body"], strict=True):
            grams = shingles(f"{title or ''} {body or ''}", params.shingle)
            if not grams:
                continue
            sketch = MinHash(num_perm=params.num_perm, seed=params.seed, permutations=template.permutations, scheme=template.scheme, hashfunc=_prehashed)
            sketch.update_batch(hashed(grams))
            matches = lsh.query(sketch)
            if matches:
                dup_of[index] = min(matches, key=order.__getitem__)
            elif doc_id not in order:
                order[doc_id] = len(order)
                lsh.insert(doc_id, sketch)
    return dup_of
