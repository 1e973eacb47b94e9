"""The "network" stage: co-occurrence networks per query × year, from the token file to two Parquet tables.

network_nodes.parquet: query, year, term, tf, df, unit_frequency, degree, weighted_degree, degree_centrality,
betweenness, closeness, eigenvector, pagerank, community (Louvain), concor_block, concor_block_1..depth.
network_edges.parquet: query, year, source, target, count, jaccard, npmi, weight, backbone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from trendscope.analysis.concor import concor
from trendscope.analysis.cooccurrence import Cooccurrence, cooccurrence, edge_table, focus_associations, unit_term_matrix, units_of
from trendscope.analysis.network import backbone, build_graph, filter_edges, louvain, node_measures
from trendscope.config import NetworkConfig, StudyConfig
from trendscope.stages.count import read_frame, write_frame
from trendscope.stages.tokenize import read_tokens

EDGE_COLUMNS = ["query", "year", "source", "target", "count", "jaccard", "npmi", "weight", "backbone"]


def network_params(config: StudyConfig) -> dict[str, Any]:
    return {"network": config.network.model_dump(mode="json"), "years": str(config.years)}


def select_nodes(terms: pd.DataFrame, *, top_n: int, by: str, exclude: list[str]) -> pd.DataFrame:
    """The `top_n` terms of one query × year by `by` (tf or tfidf; ties by term), minus `exclude`."""
    part = terms[~terms["term"].isin(exclude)]
    ordered = part.sort_values([by, "term"], ascending=[False, True], kind="stable").head(top_n)
    return ordered[["term", "tf", "df"]].reset_index(drop=True)


def group_network(
    tokens: pd.DataFrame, terms: pd.DataFrame, params: NetworkConfig
) -> tuple[pd.DataFrame, pd.DataFrame, Cooccurrence]:
    """Nodes (with measures and communities) and filtered edges (with backbone flags) of one query × year."""
    nodes = select_nodes(terms, top_n=params.top_n, by=params.nodes_by, exclude=params.exclude_terms)
    vocabulary = sorted(nodes["term"])
    cooc = cooccurrence(list(tokens["tokens"]), vocabulary, unit=params.unit, sentences=list(tokens["sentences"]), window=params.window)
    nodes = nodes.set_index("term").loc[vocabulary].reset_index().assign(unit_frequency=cooc.unit_frequency)
    edges = filter_edges(edge_table(cooc), weight=params.weight, min_count=params.min_count, top_k=params.top_k)
    graph = build_graph(nodes, edges, weight=params.weight)
    measures = node_measures(graph)
    communities = louvain(graph, seed=params.seed, resolution=params.resolution)
    counts = cooc.counts.toarray().astype(float)
    np.fill_diagonal(counts, 0.0)
    c = params.concor
    blocks = concor(counts, vocabulary, depth=c.depth, diagonal=c.diagonal, tolerance=c.tolerance, max_iter=c.max_iter, split_pairs=c.split_pairs, numbering=c.numbering).frame()
    blocks = blocks.rename(columns={col: f"concor_{col}" for col in blocks.columns if col != "term"})
    nodes = nodes.merge(measures, on="term").assign(community=[communities.get(t, 0) for t in vocabulary]).merge(blocks, on="term")
    tree = backbone(graph)
    in_tree = {(u, v) for u, v in tree.edges} | {(v, u) for u, v in tree.edges}
    edges = edges.assign(
        weight=edges[params.weight].astype(float),
        backbone=[(s, t) in in_tree for s, t in zip(edges["source"], edges["target"], strict=True)],
    )
    return nodes, edges, cooc


def build_networks(config: StudyConfig, tokens_file: Path, terms_file: Path, outputs: dict[str, Path]) -> dict[str, Any]:
    tokens = read_tokens(tokens_file)
    terms = read_frame(terms_file)
    node_frames, edge_frames = [], []
    for key in config.query_keys:
        for year in config.years:
            group_tokens = tokens[(tokens["query"] == key) & (tokens["year"] == year)].sort_values("doc_id", kind="stable")
            group_terms = terms[(terms["query"] == key) & (terms["year"] == year)]
            if group_tokens.empty or group_terms.empty:
                continue
            nodes, edges, _ = group_network(group_tokens, group_terms, config.network)
            node_frames.append(nodes.assign(query=key, year=year))
            edge_frames.append(edges.assign(query=key, year=year))
    nodes = pd.concat(node_frames, ignore_index=True) if node_frames else pd.DataFrame(columns=["query", "year", "term"])
    edges = pd.concat(edge_frames, ignore_index=True) if edge_frames else pd.DataFrame(columns=EDGE_COLUMNS)
    nodes = nodes[["query", "year", *[c for c in nodes.columns if c not in ("query", "year")]]]
    edges = edges[EDGE_COLUMNS]
    write_frame(nodes, outputs["nodes"])
    write_frame(edges, outputs["edges"])
    return {"networks": len(node_frames), "nodes": len(nodes), "edges": len(edges)}


def related_words(
    tokens: pd.DataFrame, focus: str, *, unit: str, window: int, weight: str, n: int, min_count: int, min_df: int = 2
) -> pd.DataFrame:
    """BigKinds-style related words of `focus` per year (columns year, rank, term, count, jaccard, npmi).

    The vocabulary of each year is every term in at least `min_df` documents; only the focus term's
    column of the co-occurrence matrix is computed, so this stays cheap on large vocabularies.
    """
    frames = []
    for year, part in tokens.groupby("year", sort=True):
        docs = list(part["tokens"])
        df = pd.Series([t for doc in docs for t in set(doc)], dtype=object).value_counts()
        vocabulary = sorted(set(df[df >= min_df].index) | ({focus} if focus in df.index else set()))
        if focus not in vocabulary:
            continue
        lists = units_of(docs, list(part["sentences"]), unit=unit)  # type: ignore[arg-type]
        matrix = unit_term_matrix(lists, vocabulary, window=window if unit == "window" else None)
        top = focus_associations(matrix, vocabulary, focus, weight=weight, min_count=min_count).head(n)  # type: ignore[arg-type]
        frames.append(top.assign(year=int(year)))
    if not frames:
        return pd.DataFrame({"year": pd.Series(dtype=int), "rank": pd.Series(dtype=int), "term": pd.Series(dtype=object), "count": pd.Series(dtype=int), "jaccard": pd.Series(dtype=float), "npmi": pd.Series(dtype=float)})
    return pd.concat(frames, ignore_index=True)[["year", "rank", "term", "count", "jaccard", "npmi"]]
