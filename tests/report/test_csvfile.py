"""The one CSV writer: formula-like text neutralised (OWASP), numbers untouched, and read back exactly."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trendscope
from trendscope.report.csvfile import FORMULA_PREFIXES, neutralise_formulas, read_csv, restore_formulas, write_csv

TITLES = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\r=1", "평범한 제목", "'=already", ""]


def _raw_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_formula_like_text_gets_an_apostrophe_and_nothing_else_changes(tmp_path: Path):
    frame = pd.DataFrame({"title": TITLES, "year": range(2015, 2015 + len(TITLES)), "score": [-1.5] * len(TITLES),
                          "code": ["-", "rising", "-3", "+1.5e-05", "no trend", "a", "b", "c", "d"]})
    path = write_csv(frame, tmp_path / "t.csv")
    rows = _raw_cells(path)
    titles = [r[0] for r in rows[1:]]
    for original, written in zip(TITLES, titles, strict=True):
        if original.startswith(FORMULA_PREFIXES):
            assert written == "'" + original
        elif original.startswith("'="):
            assert written == "''=already"
        else:
            assert written == original
    assert [r[1] for r in rows[1:]] == [str(y) for y in range(2015, 2015 + len(TITLES))]
    assert {r[2] for r in rows[1:]} == {"-1.5"}  # a numeric column keeps its minus sign
    assert [r[3] for r in rows[1:]][2:4] == ["-3", "+1.5e-05"]  # text that is a plain number is not a formula
    assert [r[3] for r in rows[1:]][0] == "'-"  # a lone minus is not a number: a spreadsheet would try to evaluate it
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = read_csv(path, keep_default_na=False)
    assert back["title"].tolist() == TITLES
    assert back["code"].tolist() == frame["code"].tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from("=+-@'\t\r가a1 .e")), st.text()), min_size=1, max_size=8))
def test_restore_undoes_neutralise_exactly(values: list[str | None]):
    frame = pd.DataFrame({"text": pd.Series(values, dtype=object)})
    safe = neutralise_formulas(frame)
    for value in safe["text"]:
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            assert re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", value), value
    assert restore_formulas(safe)["text"].tolist() == values
    assert frame["text"].tolist() == values  # the frame passed in is not changed


def test_every_csv_is_written_through_the_one_writer():
    """No module but report/csvfile.py calls DataFrame.to_csv: a new CSV output cannot skip the formula guard."""
    package = Path(trendscope.__file__).parent
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py") if ".to_csv(" in p.read_text(encoding="utf-8") and p.name != "csvfile.py"]
    assert offenders == []


@pytest.mark.parametrize("dtype", [object, "string"])
def test_text_columns_of_any_text_dtype_are_guarded(dtype, tmp_path: Path):
    frame = pd.DataFrame({"title": pd.Series(["=1+1", "ok"], dtype=dtype)})
    assert [r[0] for r in _raw_cells(write_csv(frame, tmp_path / "x.csv"))[1:]] == ["'=1+1", "ok"]
