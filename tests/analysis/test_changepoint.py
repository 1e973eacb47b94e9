"""The step change point: a planted jump is found, the gain matches the likelihood ratio worked out by hand."""

import math

import numpy as np
import pytest

from trendscope.analysis.changepoint import step_change_points

YEARS = np.array([2015, 2016, 2017, 2018, 2019, 2020])
TOKENS = np.full(6, 10_000.0)


def test_a_planted_jump_is_found():
    counts = np.array([[10, 0, 30], [10, 0, 30], [10, 0, 30], [40, 0, 30], [40, 0, 30], [40, 50, 30]], dtype=float)
    found = step_change_points(counts, TOKENS, YEARS)
    assert found.year.tolist() == [2018, 2020, 2016]  # a flat term: every gain 0, the earliest candidate
    assert found.ratio[0] == pytest.approx(4.0) and found.ratio[1] == np.inf
    assert found.gain[2] == pytest.approx(0.0)
    # by hand: 30 before over 30,000 tokens, 120 after over 30,000; 150 over 60,000 overall
    by_hand = 2 * (30 * math.log(30 / 30_000) + 120 * math.log(120 / 30_000) - 150 * math.log(150 / 60_000))
    assert found.gain[0] == pytest.approx(by_hand)


def test_gain_is_divided_by_the_dispersion_and_uses_the_exposure():
    counts = np.array([[5.0], [20.0]])
    one = step_change_points(counts, np.array([1000.0, 1000.0]), np.array([2019, 2020]))
    two = step_change_points(counts, np.array([1000.0, 1000.0]), np.array([2019, 2020]), np.array([2.0]))
    assert two.gain[0] == pytest.approx(one.gain[0] / 2)
    # four times the tokens in 2020: the same counts are a flat rate
    flat = step_change_points(counts, np.array([1000.0, 4000.0]), np.array([2019, 2020]))
    assert flat.gain[0] == pytest.approx(0.0, abs=1e-9) and flat.ratio[0] == pytest.approx(1.0)


def test_bad_shapes_and_single_year():
    with pytest.raises(ValueError):
        step_change_points(np.zeros((3, 2)), TOKENS, YEARS)
    with pytest.raises(ValueError):
        step_change_points(np.zeros((2, 1)), np.array([1.0, 0.0]), np.array([2019, 2020]))
    single = step_change_points(np.array([[3.0, 4.0]]), np.array([100.0]), np.array([2020]))
    assert single.year.tolist() == [-1, -1] and np.isnan(single.ratio).all() and single.gain.tolist() == [0, 0]


@pytest.mark.filterwarnings("error")
def test_a_dispersion_of_zero_gives_gain_zero_without_a_warning():
    # every document at the same rate: the document-level dispersion is 0, and so is every year's change
    counts = np.array([[5.0, 0.0], [5.0, 3.0], [5.0, 0.0]])
    found = step_change_points(counts, np.full(3, 100.0), np.array([2019, 2020, 2021]), np.array([0.0, 2.0]))
    assert found.gain[0] == 0.0 and found.ratio[0] == pytest.approx(1.0)
    assert found.gain[1] > 0
