"""CONCOR against the worked examples published with the R package concorR, and a textbook block structure."""

from __future__ import annotations

import numpy as np
import pandas as pd
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
    assert list(frame.columns) == ["term", "block_1", "block_2", "block", "converged"]
    assert frame["converged"].all()
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


def test_a_split_stopped_at_max_iter_is_marked_unconverged():
    rng = np.random.default_rng(11)
    m = rng.random((9, 9))
    m = np.round(m + m.T, 2)  # a noisy weighted relation: its correlations need many iterations to reach ±1
    np.fill_diagonal(m, 0)
    labels = [f"t{i}" for i in range(9)]
    cut = concor(m, labels, depth=2, max_iter=2)
    assert not cut.splits[0].converged and cut.splits[0].iterations == 2 and cut.splits[0].level == 1
    frame = cut.frame()
    assert list(frame.columns) == ["term", "block_1", "block_2", "block", "converged"]
    assert not frame["converged"].any()  # every node went through the unconverged first split
    assert "stopped at max_iter=2" in cut.summary() and "level 1 block 0 (9 terms)" in cut.summary()
    splits = cut.splits_frame()
    assert list(splits.columns) == ["level", "block", "size", "iterations", "converged", "members"]
    assert splits.loc[0, "size"] == 9 and not splits.loc[0, "converged"]
    full = concor(m, labels, depth=2, max_iter=200)
    assert all(s.converged for s in full.splits) and full.frame()["converged"].all()
    assert full.splits[0].iterations > 2
    assert full.summary() == f"CONCOR: all {len(full.splits)} splits converged."


def test_convergence_is_per_block_and_summarised_over_networks():
    from trendscope.analysis.concor import convergence_summary

    matrix, labels = textbook_blocks()
    clean = concor(matrix, labels, depth=2)
    assert clean.frame()["converged"].all()
    # a planted two-position structure converges quickly; a second level with a small max_iter on a noisy
    # block must not taint the nodes of the other block
    rng = np.random.default_rng(5)
    noisy = rng.random((6, 6))
    noisy = noisy + noisy.T
    block = np.zeros((12, 12))
    block[:6, :6] = noisy
    block[6:, 6:] = 1
    np.fill_diagonal(block, 0)
    names = [f"a{i}" for i in range(6)] + [f"b{i}" for i in range(6)]
    result = concor(block, names, depth=2, max_iter=4)  # the first split needs 3 iterations, the noisy a-block 8
    first = result.splits[0]
    assert set(first.members) == set(names)
    frame = result.frame().set_index("term")
    unconverged = [s for s in result.splits if not s.converged]
    assert unconverged and all(s.level == 2 for s in unconverged)
    bad = {m for s in unconverged for m in s.members}
    assert not frame.loc[sorted(bad), "converged"].any()
    assert frame.loc[sorted(set(names) - bad), "converged"].all()
    nodes = pd.concat(
        [
            result.frame().rename(columns={"converged": "concor_converged"}).assign(query="smartcity", year=2015),
            clean.frame().rename(columns={"converged": "concor_converged"}).assign(query="smartcity", year=2016),
        ]
    )
    line = convergence_summary(nodes)
    assert line.startswith("CONCOR did not converge within max_iter in 1 of 2 networks (smartcity 2015)")
    assert convergence_summary(nodes[nodes["year"] == 2016]) == "CONCOR converged in every split of all 1 networks."
    assert convergence_summary(nodes.drop(columns="concor_converged")) == ""
