import math

import pytest

from trendscope.analysis.compound_candidates import compound_candidates


def test_pmi_ranks_pairs_that_belong_together():
    sentences = [["리빙", "랩", "운영"]] * 6 + [["도시", "운영"], ["도시", "정책"]] * 6 + [["스마트시티", "운영"]] * 6
    table = compound_candidates(sentences, min_count=5, known=["스마트시티운영"])
    assert table["candidate"].tolist()[0] == "리빙랩"
    top = table.iloc[0]
    n = 6 * 3 + 12 * 2 + 6 * 2
    assert top["count"] == 6 and top["pmi"] == pytest.approx(math.log(6 * n / (6 * 6)), abs=1e-4)
    assert "스마트시티운영" not in table["candidate"].tolist()  # already in the lexicon
    assert compound_candidates(sentences, min_count=7).empty
