"""The year a term's rate changes most: the best split of the years into a before and an after level.

For each candidate year k (the first year of the "after" segment), a Poisson
model with one rate before k and another from k on is compared with one rate
over all years.  Its log-likelihood gain, with C and E the term's occurrences
and the tokens in a segment and 0·ln 0 = 0, is

    G²(k) = 2 [C_b ln(C_b / E_b) + C_a ln(C_a / E_a) − C ln(C / E)]

(Worsley 1986, "Confidence regions and tests for a change-point in a sequence
of exponential family random variables", Biometrika 73: 91–104, for the
maximised statistic).  Because both models give every document of a year the
same rate per token, the document-level gain equals this year-level one.
Divided by the dispersion φ it is a quasi-likelihood gain: the number that makes
"코로나19 emerged in 2020" a measured statement.  The maximum over k is not
χ²(1)-distributed, so it is reported as a size, not tested.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ChangePoints:
    """Per term: the first year of the after segment, the rate ratio after/before, and the gain G²(k) / φ."""

    year: np.ndarray
    ratio: np.ndarray
    gain: np.ndarray


def _xlogy_over(c: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(c > 0, c * np.log(np.where(c > 0, c, 1.0) / e), 0.0)


def step_change_points(counts: np.ndarray, exposure: np.ndarray, years: np.ndarray, dispersion: np.ndarray | float = 1.0) -> ChangePoints:
    """The best single step in rate for each term.

    `counts` is years × terms (occurrences per year), `exposure` the tokens per
    year (all > 0), `years` sorted ascending.  Ties between candidate years go
    to the earliest.  With fewer than two years every term gets year −1, ratio
    NaN and gain 0.  A dispersion of 0 (every document at the same rate, so every
    year too) gives gain 0, not 0/0.
    """
    counts = np.asarray(counts, dtype=float)
    exposure = np.asarray(exposure, dtype=float)
    years = np.asarray(years)
    if counts.ndim != 2 or counts.shape[0] != exposure.size or exposure.size != years.size:
        raise ValueError(f"counts must be years × terms matching {exposure.size} exposures and years, got shape {counts.shape}")
    if np.any(exposure <= 0):
        raise ValueError("every year needs a positive token count")
    n_terms = counts.shape[1]
    if years.size < 2:
        return ChangePoints(np.full(n_terms, -1), np.full(n_terms, np.nan), np.zeros(n_terms))
    before_c = np.cumsum(counts, axis=0)[:-1]
    before_e = np.cumsum(exposure)[:-1, None]
    total_c, total_e = before_c[-1] + counts[-1], exposure.sum()
    after_c, after_e = total_c - before_c, total_e - before_e
    gain = 2.0 * (_xlogy_over(before_c, before_e) + _xlogy_over(after_c, after_e) - _xlogy_over(total_c, np.full_like(total_c, total_e)))
    gain = np.maximum(gain, 0.0)
    best = np.argmax(gain, axis=0)
    pick = np.arange(n_terms)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (after_c[best, pick] / after_e[best, 0]) / (before_c[best, pick] / before_e[best, 0])
    phi = np.broadcast_to(np.asarray(dispersion, dtype=float), (n_terms,))
    scaled = np.where(phi > 0, gain[best, pick] / np.where(phi > 0, phi, 1.0), 0.0)
    return ChangePoints(years[best + 1], ratio, scaled)
