"""CONCOR against the worked examples published with the R package concorR, and a textbook block structure."""

from __future__ import annotations

import numpy as np
import pytest

from trendscope.analysis.concor import concor
from trendscope.errors import ConfigError


def by_block(result) -> dict[int, list[str]]:
    blocks: dict[int, list[str]] = {}
    for term, block in zip(result.labels, result.blocks, strict=True):
        blocks.setdefault(int(block), []).append(term)
    return blocks


def test_concorr_readme_basic_example():
    # concorR README: matrix(c(0,0,0,0,1, 1,0,1,0,1, 1,1,0,1,1, 1,0,1,0,1, 1,0,0,0,0), ncol = 5)
    # is filled by column; concor(list(a)) gives block 1 = b, c, d and block 2 = a, e.
    a = np.array([0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0]).reshape(5, 5).T
    result = concor(a, list("abcde"), depth=1, split_pairs=True)
    assert by_block(result) == {1: ["b", "c", "d"], 2: ["a", "e"]}


def test_concorr_readme_isolates_example():
    # concorR README example 2, nsplit = 1: D, E in block 1; A, B, C in block 2; the isolate F in block 3.
    iso = np.array(
        [
            [0, 1, 1, 1, 1, 0],
            [1, 0, 1, 1, 1, 0],
            [1, 1, 0, 1, 1, 0],
            [0, 0, 0, 0, 1, 0],
            [0, 0, 0, 1, 0, 0],
            [0, 0, 0, 0, 0, 0],
        ]
    )
    result = concor(iso, list("ABCDEF"), depth=1, split_pairs=True)
    assert by_block(result) == {1: ["D", "E"], 2: ["A", "B", "C"], 3: ["F"]}
    assert result.isolates == ["F"]
    # the other numbering convention only swaps the halves; isolates stay last
    swapped = concor(iso, list("ABCDEF"), depth=1, numbering="first")
    assert by_block(swapped) == {1: ["A", "B", "C"], 2: ["D", "E"], 3: ["F"]}


def textbook_blocks() -> tuple[np.ndarray, list[str]]:
    """Four positions of three structurally equivalent nodes: P1 and P2 tie within themselves and to each other,
    P3 ties within and to P4, P4 ties only to P3 (a block image of two cohesive pairs of positions)."""
    image = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 0]])
    position = np.repeat(np.arange(4), 3)
    matrix = image[np.ix_(position, position)].astype(float)
    np.fill_diagonal(matrix, 0)
    labels = [f"p{p + 1}_{i}" for p in range(4) for i in range(3)]
    order = np.random.default_rng(7).permutation(12)  # shuffled, so the input order gives nothing away
    return matrix[np.ix_(order, order)], [labels[i] for i in order]


def test_textbook_block_structure_recovered_at_depth_two():
    matrix, labels = textbook_blocks()
    result = concor(matrix, labels, depth=2)
    level1 = {frozenset(t[:2] for t, b in zip(labels, result.levels[0], strict=True) if b == k) for k in set(result.levels[0])}
    assert level1 == {frozenset({"p1", "p2"}), frozenset({"p3", "p4"})}
    final = {frozenset(t for t, b in zip(labels, result.blocks, strict=True) if b == k) for k in set(result.blocks)}
    groups = {frozenset(t for t in labels if t.startswith(p)) for p in ("p1", "p2", "p3", "p4")}
    # p3 and p4 are not structurally equivalent, so they part at the second split
    assert frozenset(t for t in labels if t.startswith("p3")) in final
    assert frozenset(t for t in labels if t.startswith("p4")) in final
    assert len(result.blocks) == 12 and set(result.blocks) <= {1, 2, 3, 4}
    frame = result.frame()
    assert list(frame.columns) == ["term", "block_1", "block_2", "block"]
    assert groups  # the four planted positions exist


def test_pairs_split_only_when_asked():
    # the first split leaves {d, f}, a pair whose profiles differ: UCINET keeps it, concorR splits it
    m = np.array([[0, 1, 1, 1, 1, 0], [1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1], [1, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0]])
    kept = by_block(concor(m, list("abcdef"), depth=2))
    assert sorted(kept.values()) == [["a", "b"], ["c", "e"], ["d", "f"]]
    split = by_block(concor(m, list("abcdef"), depth=2, split_pairs=True))
    assert sorted(split.values()) == [["a", "b"], ["c", "e"], ["d"], ["f"]]


def test_diagonal_conventions_are_honoured():
    rng = np.random.default_rng(3)
    m = (rng.random((10, 10)) < 0.4).astype(float)
    m = np.triu(m, 1) + np.triu(m, 1).T
    np.fill_diagonal(m, [5, 0, 5, 0, 5, 0, 5, 0, 5, 0])  # a loud diagonal that only "retain" sees
    labels = [f"t{i}" for i in range(10)]
    ignore = concor(m, labels, depth=1)
    retain = concor(m, labels, depth=1, diagonal="retain")
    assert not np.array_equal(ignore.blocks, retain.blocks)
    clean = m.copy()
    np.fill_diagonal(clean, 0)
    assert np.array_equal(concor(clean, labels, depth=1).blocks, ignore.blocks)  # ignore means ignore
    assert len(concor(m, labels, depth=1, diagonal="reciprocal").blocks) == 10


def test_same_input_same_blocks_and_bad_arguments():
    matrix, labels = textbook_blocks()
    assert np.array_equal(concor(matrix, labels, depth=3).blocks, concor(matrix, labels, depth=3).blocks)
    with pytest.raises(ConfigError, match="diagonal"):
        concor(matrix, labels, diagonal="zero")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="12 × 12"):
        concor(matrix[:5, :5], labels)
    with pytest.raises(ConfigError, match="depth"):
        concor(matrix, labels, depth=0)
