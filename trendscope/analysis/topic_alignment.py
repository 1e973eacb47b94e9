"""Aligning the topics of consecutive per-year models: which persist, split, merge, appear or fade.

Topics of year y and year y+1 are paired one-to-one by the Hungarian algorithm
(scipy `linear_sum_assignment`) maximising the total Jensen–Shannon similarity
(1 − JS distance, base 2) of their term distributions.  A pair at or above the
threshold *persists*; below it, the earlier topic *fades* and the later one
*appears*.  A further pair above the threshold that the assignment did not use
marks a *split* (the earlier topic persists and also resembles another later
topic) or a *merge* (the later topic persists and also resembles another
earlier topic).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from trendscope.analysis.topics import topic_similarity

COLUMNS = ["year_from", "topic_from", "year_to", "topic_to", "similarity", "status"]


def align_pair(sim: np.ndarray, *, threshold: float) -> list[tuple[int | None, int | None, float, str]]:
    """Rows (topic_from, topic_to, similarity, status) for one similarity matrix (topics 1-based)."""
    rows, (rows_idx, cols_idx) = [], linear_sum_assignment(sim, maximize=True)
    partner_of_from = dict(zip(rows_idx.tolist(), cols_idx.tolist(), strict=True))
    partner_of_to = dict(zip(cols_idx.tolist(), rows_idx.tolist(), strict=True))
    for i, j in zip(rows_idx.tolist(), cols_idx.tolist(), strict=True):
        if sim[i, j] >= threshold:
            rows.append((i + 1, j + 1, float(sim[i, j]), "persists"))
        else:
            rows.append((i + 1, None, float(sim[i, j]), "fades"))
            rows.append((None, j + 1, float(sim[i, j]), "appears"))
    for i in range(sim.shape[0]):
        for j in range(sim.shape[1]):
            if partner_of_from.get(i) == j or sim[i, j] < threshold:
                continue
            i_persists = i in partner_of_from and sim[i, partner_of_from[i]] >= threshold
            j_persists = j in partner_of_to and sim[partner_of_to[j], j] >= threshold
            status = "split" if i_persists else "merge" if j_persists else "related"
            rows.append((i + 1, j + 1, float(sim[i, j]), status))
    # Topics left out of the assignment (different K between years) have no partner.
    rows += [(i + 1, None, 0.0, "fades") for i in range(sim.shape[0]) if i not in partner_of_from]
    rows += [(None, j + 1, 0.0, "appears") for j in range(sim.shape[1]) if j not in partner_of_to]
    return rows


def align_sequence(phis: dict[int, np.ndarray], vocab: Sequence[str], *, threshold: float = 0.5) -> pd.DataFrame:
    """Alignment rows for every pair of consecutive years in `phis` (year → K × V topic–term matrix over `vocab`)."""
    years = sorted(phis)
    out = []
    for y0, y1 in pairwise(years):
        sim = topic_similarity(phis[y0], vocab, phis[y1], vocab, metric="jensen_shannon")
        out += [(y0, a, y1, b, s, status) for a, b, s, status in align_pair(sim, threshold=threshold)]
    frame = pd.DataFrame(out, columns=COLUMNS).astype({"topic_from": "Int64", "topic_to": "Int64", "year_from": int, "year_to": int})
    order = {"persists": 0, "split": 1, "merge": 2, "related": 3, "fades": 4, "appears": 5}
    frame["_o"] = frame["status"].map(order)
    frame = frame.sort_values(["year_from", "_o", "topic_from", "topic_to"], kind="stable", na_position="last")
    return frame.drop(columns="_o").reset_index(drop=True)
