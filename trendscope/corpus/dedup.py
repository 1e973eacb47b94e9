"""De-duplication: exact URL copies dropped, same-title press-release copies and near-duplicate wire copies linked.

Same title: one press release run by several outlets keeps its title (give or take a
[포토] tag, spacing or punctuation) while each outlet's 200-character BigKinds excerpt
starts differently (its own byline, a reworded lead), so MinHash at 0.7 on title +
excerpt missed them: in a real 발레 study 326 kept articles shared a title with another of
the same year, and the release's words (재단, 장학) rose in keyness and trend lists.  Within
a query, documents whose normalised titles are equal and whose dates are at most
`title_days` apart from the first copy are one story (`mark_title_duplicates`).  Titles
shorter than `TITLE_MIN_CHARS` after normalising (a ministry's name, 인사, 부고) are
left to MinHash: different stories share them.

Near-duplicates are found per query over character shingles (whitespace
removed, so spacing differences do not matter).  Documents are visited in
(date, doc_id) order, so the earlier copy is always the one kept and the result
is deterministic.

The sketches are datasketch's `MinHash` with its "affine32" scheme (SHA-1 of
each shingle's UTF-8, the 32-bit MurmurHash3 finaliser, then ``a·h + b mod 2^32``
per permutation, the minimum kept), and the bands are those `MinHashLSH`
chooses for the threshold; a test holds both to datasketch's own objects.  They
are computed for a block of documents at once in numpy instead of one
`MinHash.update_batch` per document (`MinHash.bulk` is that same loop): shingles become integer codes, each
distinct shingle of the block is hashed once, and the permutations and minima
run over all shingles of the block.  Per document that was a Python set of
shingle bytes, a dict lookup per shingle and a global cache of every shingle's
hash: on 20,000 full-length articles (27M shingles) that took 13 s of the
stage's 17 s, now 2.7 s, and the cache would have held every distinct shingle
of a real 100k corpus (tens of millions).  SHA-1 of the distinct shingles is
what remains per shingle in Python (≈0.4 µs each).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH


@dataclass(frozen=True)
class DedupParams:
    threshold: float = 0.7
    shingle: int = 5
    num_perm: int = 128
    seed: int = 1


def drop_url_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep the earliest row per (query, doc_id) and per (query, url); also return how many were dropped.

    The order and the duplicates are found on the key columns; the texts are copied once, by one `take`.
    """
    ordered = frame[["query", "date", "doc_id", "url"]].reset_index(drop=True).sort_values(["date", "doc_id"], kind="stable")
    keep = ~ordered.duplicated(["query", "doc_id"])
    url = ordered["url"].astype("string")
    has_url = url.notna() & (url.str.len() > 0)
    keep &= ~(has_url & ordered.duplicated(["query", "url"]))
    return frame.take(ordered.index[keep.to_numpy()]).reset_index(drop=True), int((~keep).sum())


# Normalised titles shorter than this are not linked by title alone (see the module docstring).
TITLE_MIN_CHARS = 10
# Bracketed tags news titles carry: [포토] [단독] 【속보】 <인터뷰> ◆, removed with their content.
_TITLE_TAGS = re.compile(r"\[[^\]]{0,20}\]|【[^】]{0,20}】|<[^>]{0,20}>|〈[^〉]{0,20}〉|［[^］]{0,20}］")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_title(title: object) -> str:
    """A title with bracketed tags, whitespace and punctuation removed, case-folded ("[포토] KT&G, 장학금" → "ktg장학금")."""
    if not isinstance(title, str):
        return ""
    return _NOT_WORD.sub("", _TITLE_TAGS.sub(" ", title)).casefold()


def mark_title_duplicates(frame: pd.DataFrame, days: int) -> pd.Series:
    """`dup_of` for each row: the doc_id of the first document of the same query with the same normalised title at
    most `days` days earlier, else NA.  A copy later than that starts a new story; `days` 0 turns the rule off."""
    dup_of = np.full(len(frame), None, dtype=object)
    if days <= 0 or frame.empty:
        return pd.Series(dup_of, index=frame.index, dtype="string")
    keys = pd.DataFrame({
        "query": frame["query"].to_numpy(), "date": pd.to_datetime(frame["date"]).to_numpy(), "doc_id": frame["doc_id"].to_numpy(),
        "title": [normalise_title(t) for t in frame["title"].to_numpy(dtype=object)], "row": np.arange(len(frame)),
    })
    keys = keys[keys["title"].str.len() >= TITLE_MIN_CHARS]
    keys = keys[keys.duplicated(["query", "title"], keep=False)].sort_values(["query", "title", "date", "doc_id"], kind="stable")
    window = np.timedelta64(days, "D")
    for _key, group in keys.groupby(["query", "title"], sort=True):
        first_id, first_date = None, None
        for doc_id, date, row in zip(group["doc_id"], group["date"].to_numpy(), group["row"], strict=True):
            if first_id is not None and date - first_date <= window and doc_id != first_id:
                dup_of[row] = first_id
            else:
                first_id, first_date = doc_id, date
    return pd.Series(dup_of, index=frame.index, dtype="string")


def title_copy_examples(frame: pd.DataFrame, dup_of: pd.Series, *, top: int = 5) -> list[dict[str, object]]:
    """The stories with the most same-title copies: query, title and date of the first copy, copies linked to it, outlets.

    Sorted by copies desc, then query and title, so the examples are the same on every run.  The stories are
    counted and ranked in one groupby; outlets are gathered for the `top` only (a lookup per story took 0.4 s
    on the 10k BigKinds study's 1,500 stories).
    """
    linked = dup_of.notna().to_numpy()
    if not linked.any():
        return []
    copies = pd.DataFrame({"query": frame["query"].to_numpy()[linked], "first": dup_of.to_numpy(dtype=object)[linked],
                           "outlet": frame["outlet"].to_numpy()[linked]})
    sizes = copies.groupby(["query", "first"], sort=True).size()
    firsts = frame.set_index(["query", "doc_id"])[["title", "outlet", "date"]]
    stories = firsts.loc[sizes.index]
    table = pd.DataFrame({
        "query": [str(q) for q, _ in sizes.index], "first": [f for _, f in sizes.index], "copies": sizes.to_numpy(),
        "title": [str(t) for t in stories["title"]], "date": [str(d) for d in stories["date"]], "outlet": stories["outlet"].to_numpy(),
    })
    # a stable sort from the groups' (query, first) order: ties come out as they did one story at a time
    table = table.sort_values(["copies", "query", "title", "date"], ascending=[False, True, True, True], kind="stable").head(top)
    rows = []
    for r in table.itertuples(index=False):
        group = copies["outlet"][(copies["query"] == r.query).to_numpy() & (copies["first"] == r.first).to_numpy()]
        outlets = {str(o) for o in group.dropna()} | ({str(r.outlet)} if isinstance(r.outlet, str) else set())
        rows.append({"query": r.query, "title": r.title, "date": r.date, "copies": int(r.copies), "outlets": sorted(outlets)})
    return rows


def shingles(text: str, size: int) -> list[bytes]:
    """Distinct character n-grams of the text with whitespace removed, sorted: the sets the sketches stand for.

    A text shorter than `size` (whitespace removed) is one shingle of itself.
    """
    compact = "".join(text.split())
    if len(compact) <= size:
        return [compact.encode("utf-8")] if compact else []
    return sorted({compact[i : i + size].encode("utf-8") for i in range(len(compact) - size + 1)})


# Characters of a block whose sketches are computed together: bounds the block's arrays (~40 bytes a character).
_BLOCK_CHARS = 1_000_000
# Shingles whose permutations are taken at once: a (num_perm × shingles) uint32 array of 4 MB.
_PERMUTE_ROWS = 8192
_CODE_POINTS = 0x110000


def mark_near_duplicates(frame: pd.DataFrame, params: DedupParams = DedupParams()) -> pd.Series:
    """`dup_of` for each row: the doc_id of an earlier near-identical document of the same query, else NA.

    A document is linked to the earliest kept document it shares an LSH band with (the earliest
    of what `MinHashLSH.query` returns); a document linked to none is kept and indexed.
    """
    sketcher = Sketcher(params.num_perm, params.seed, params.shingle)
    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    band = np.dtype((np.void, lsh.r * 4))
    titles, bodies, doc_ids = (frame[c].to_numpy(dtype=object) for c in ("title", "body", "doc_id"))
    dup_of = np.full(len(frame), None, dtype=object)
    keys = frame[["query", "date", "doc_id"]].assign(row=np.arange(len(frame)))
    for _query, group in keys.groupby("query", sort=True):
        rows = group.sort_values(["date", "doc_id"], kind="stable")["row"].to_numpy()
        buckets: list[dict[bytes, int]] = [{} for _ in range(lsh.b)]
        kept: list[str] = []  # doc_ids in the order they were indexed
        indexed: set[str] = set()
        for block in _blocks(rows, titles, bodies):
            sketches, present = sketcher.sketch([f"{titles[r] or ''} {bodies[r] or ''}" for r in block])
            bands = np.ascontiguousarray(sketches[:, : lsh.b * lsh.r]).view(band).tolist()
            for i in np.flatnonzero(present).tolist():
                row, doc_bands = block[i], bands[i]
                match = min((k for k in map(dict.get, buckets, doc_bands) if k is not None), default=None)
                if match is not None:
                    dup_of[row] = kept[match]
                elif doc_ids[row] not in indexed:
                    indexed.add(doc_ids[row])
                    number = len(kept)
                    for bucket, key in zip(buckets, doc_bands, strict=True):
                        bucket[key] = number
                    kept.append(doc_ids[row])
    return pd.Series(dup_of, index=frame.index, dtype="string")


def _blocks(rows: np.ndarray, titles: np.ndarray, bodies: np.ndarray) -> Iterator[list[int]]:
    """`rows` in consecutive blocks of about `_BLOCK_CHARS` characters of title and body (at least one row a block)."""
    block: list[int] = []
    size = 0
    for row in rows.tolist():
        block.append(row)
        size += sum(len(t) for t in (titles[row], bodies[row]) if isinstance(t, str))
        if size >= _BLOCK_CHARS:
            yield block
            block, size = [], 0
    if block:
        yield block


class Sketcher:
    """MinHash sketches of many texts at once, equal to datasketch's `MinHash(num_perm, seed)` over `shingles(text, size)`."""

    def __init__(self, num_perm: int, seed: int, size: int) -> None:
        template = MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
        self.a, self.b = (np.asarray(p, dtype=np.uint32) for p in template.permutations)
        self.num_perm, self.size = num_perm, size
        self._ranks = _CharacterRanks()

    def sketch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(len(texts) × num_perm) uint32 hash values, and which texts have any shingle (the others' rows are meaningless)."""
        n, size = len(texts), self.size
        points = np.frombuffer(" ".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        owner = np.repeat(np.arange(n), [len(t) + 1 for t in texts])[: len(points)]
        keep = ~_whitespace()[points]  # what str.split() drops
        points, owner = points[keep], owner[keep]
        compact = points.tobytes().decode("utf-32-le", "surrogatepass")
        lengths = np.bincount(owner, minlength=n)
        firsts = np.cumsum(lengths) - lengths
        sketches = np.full((n, self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        # Texts shorter than a shingle are one shingle of themselves.
        short = np.flatnonzero((lengths > 0) & (lengths < size))
        if len(short):
            grams = [compact[s : s + k] for s, k in zip(firsts[short].tolist(), lengths[short].tolist(), strict=True)]
            sketches[short] = self._permuted(_fmix32(_sha1_32(grams))).T
        counts = np.where(lengths >= size, lengths - size + 1, 0)
        if counts.sum():
            gram_owner = np.repeat(np.arange(n), counts)
            starts = np.arange(counts.sum()) + np.repeat(firsts - (np.cumsum(counts) - counts), counts)
            codes, representatives = _gram_codes(self._ranks(points), starts, size)
            grams = [compact[s : s + size] for s in representatives.tolist()]
            mixed = _fmix32(_sha1_32(grams))[codes]
            for lo in range(0, len(mixed), _PERMUTE_ROWS):
                owners = gram_owner[lo : lo + _PERMUTE_ROWS]
                cuts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
                minima = np.minimum.reduceat(self._permuted(mixed[lo : lo + _PERMUTE_ROWS]), cuts, axis=1)
                docs = owners[cuts]
                sketches[docs] = np.minimum(sketches[docs], minima.T)
        return sketches, lengths > 0

    def _permuted(self, mixed: np.ndarray) -> np.ndarray:
        """a·h + b mod 2^32 for every permutation (rows) and hash value (columns).

        Permutations are rows so that the minima per document run along contiguous memory
        (`np.minimum.reduceat` along the other axis was 8× slower).
        """
        out = np.multiply.outer(self.a, mixed)
        out += self.b[:, None]
        return out


class _CharacterRanks:
    """Each character's rank among the distinct characters of a block (a lookup table kept across blocks)."""

    def __init__(self) -> None:
        self.present = np.zeros(_CODE_POINTS, dtype=bool)
        self.rank = np.zeros(_CODE_POINTS, dtype=np.uint32)

    def __call__(self, points: np.ndarray) -> tuple[np.ndarray, int]:
        """The rank of each of `points` and the number of distinct characters."""
        self.present[points] = True
        alphabet = np.flatnonzero(self.present)
        self.present[alphabet] = False
        self.rank[alphabet] = np.arange(len(alphabet), dtype=np.uint32)
        return self.rank[points].astype(np.uint64), len(alphabet)


def _gram_codes(ranked: tuple[np.ndarray, int], starts: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """For the `size`-character grams at `starts`: a code per gram (equal codes ⇔ equal grams) and a start of each code's gram.

    `ranked` is each character's rank in the block and the number of ranks.  Ranks are packed into
    64-bit keys; when the next one would not fit, the keys so far are renumbered densely
    (pandas.factorize) and packing goes on.
    """
    ranks, distinct = ranked
    width = max(1, int(distinct - 1).bit_length())
    key, bits = ranks[starts], width
    for j in range(1, size):
        if bits + width > 64:
            codes = pd.factorize(key)[0].astype(np.uint64)
            key, bits = codes, max(1, int(codes.max()).bit_length())
        key = (key << np.uint64(width)) | ranks[starts + j]
        bits += width
    codes, uniques = pd.factorize(key)
    representatives = np.empty(len(uniques), dtype=np.int64)
    representatives[codes] = starts  # any occurrence: equal codes are equal grams
    return codes, representatives


def _sha1_32(grams: list[str]) -> np.ndarray:
    """datasketch's `sha1_hash32` of each gram's UTF-8: the first 4 bytes of its SHA-1, little-endian."""
    digests = b"".join([hashlib.sha1(g.encode("utf-8")).digest() for g in grams])
    return np.frombuffer(digests, dtype=np.uint8).reshape(-1, 20)[:, :4].copy().view("<u4").ravel()


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, which datasketch's affine32 scheme applies before permuting."""
    h = h.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


@cache
def _whitespace() -> np.ndarray:
    """A flag per code point: whether str.split() splits on it."""
    table = np.zeros(_CODE_POINTS, dtype=bool)
    table[[c for c in range(_CODE_POINTS) if chr(c).isspace()]] = True
    return table
