"""The convergence section's words: the trend line says what the test shows (direction, years, p), never more."""

import pandas as pd
import pytest

from trendscope.report.i18n import section_text
from trendscope.report.sections.convergence import verdict_line

ROW = {"query_a": "a", "query_b": "b", "first_year": 2015, "last_year": 2020, "jaccard_first": 0.2, "jaccard_last": 0.3, "jaccard_p": 0.2,
       "cosine_tfidf_first": 0.5, "cosine_tfidf_last": 0.6, "cosine_tfidf_sen_slope": 0.02, "cosine_tfidf_p": 0.0083}


@pytest.mark.parametrize(("language", "verdict", "head"), [
    ("ko", "rising", "유사도 증가 추세 (6개 연도, p = 0.0083)"),
    ("ko", "falling", "유사도 감소 추세 (6개 연도, p = 0.0083)"),
    ("en", "rising", "similarity rising (6 years, p = 0.0083)"),
    ("en", "no_trend", "no significant similarity trend (6 years, p = 0.0083;"),
])
def test_the_verdict_is_the_slope_direction_the_years_and_p(language, verdict, head):
    line = verdict_line(pd.Series({**ROW, "verdict": verdict}), section_text("convergence", language))
    assert line.startswith(head)
    assert "수렴" not in line and "converg" not in line  # six yearly values show a direction and a p, not convergence
