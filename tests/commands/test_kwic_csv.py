"""`trendscope kwic`'s CSV: a document title that looks like a formula is written as text."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from trendscope.commands.kwic import write_kwic
from trendscope.report.csvfile import read_csv


def test_kwic_csv_neutralises_formula_titles(tmp_path: Path):
    frame = pd.DataFrame({"keyword": ["데이터"] * 3, "title": ["=HYPERLINK(\"http://evil\",\"클릭\")", "@SUM(1)", "보통 제목"],
                          "left": ["-", "가", "나"], "right": ["다", "+라", "마"], "year": [2019, 2020, 2021]})
    target = tmp_path / "kwic_데이터.csv"
    write_kwic(frame, target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(\"http://evil\",\"클릭\")", "'@SUM(1)", "보통 제목"]
    assert [r[2] for r in rows[1:]] == ["'-", "가", "나"] and [r[3] for r in rows[1:]][1] == "'+라"
    pd.testing.assert_frame_equal(read_csv(target, keep_default_na=False), frame, check_dtype=False)
