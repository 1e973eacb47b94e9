"""Every CSV trendscope writes goes through `write_csv`: UTF-8 with BOM, and no cell that a spreadsheet runs as a formula.

A document title is data from the outside world.  Written raw, a title such as
`=HYPERLINK("http://x", "click")` or `@SUM(1+1)*cmd|' /C calc'!A0` is run as a
formula when the CSV is opened in Excel or LibreOffice (CSV injection).  The
OWASP rule: a text cell that begins with `=`, `+`, `-`, `@`, tab or carriage
return gets a leading apostrophe, which spreadsheets show as text and never
evaluate.  Only text cells are touched: numeric columns, and text that is a
plain number ("-3", "+1.5e-05"), keep their bytes, so machine readers see
the same values as before.  `read_csv` takes the apostrophe off again, so the
notebooks (and any script using it) read the values the analysis produced.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from trendscope import atomic

__all__ = ["FORMULA_PREFIXES", "neutralise_formulas", "read_csv", "restore_formulas", "write_csv"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Apostrophes then a formula character: what `neutralise_formulas` writes, and (with one apostrophe more) the text it
# was given when that text already looked like this, so the round trip is exact.
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def _is_risky(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(value)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` in which every text cell a spreadsheet would run as a formula starts with an apostrophe.

    A text cell that already starts with apostrophes and a formula character gets one more, so `restore_formulas`
    gives back exactly the original text."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        values = series.tolist()
        changed = ["'" + v if _is_risky(v) or (isinstance(v, str) and _NEUTRALISED.match(v)) else v for v in values]
        if changed != values:
            out[column] = pd.Series(changed, index=out.index, dtype=object)
    return out


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of `neutralise_formulas`: the apostrophe it added comes off (a copy; numeric columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            continue
        values = series.tolist()
        restored = [v[1:] if isinstance(v, str) and _NEUTRALISED.match(v) else v for v in values]
        if restored != values:
            out[column] = pd.Series(restored, index=out.index, dtype=series.dtype)
    return out


def write_csv(frame: pd.DataFrame, path: Path, *, atomically: bool = False) -> Path:
    """`frame` as CSV at `path`: UTF-8 with BOM (Excel opens Korean correctly), no index, formula-like text neutralised."""
    safe = neutralise_formulas(frame)
    # Python's csv writer (which pandas uses) quotes a field holding the line terminator "\n" but not a bare "\r", and
    # every CSV reader then splits the row there.  A table with such a cell is written with every field quoted; the
    # others keep the minimal quoting (and their bytes).
    quoting = csv.QUOTE_ALL if _has_bare_cr(safe) else csv.QUOTE_MINIMAL
    if atomically:
        with atomic.atomic_path(path) as tmp:
            safe.to_csv(tmp, index=False, encoding="utf-8-sig", quoting=quoting)
    else:
        safe.to_csv(path, index=False, encoding="utf-8-sig", quoting=quoting)
    return path


def _has_bare_cr(frame: pd.DataFrame) -> bool:
    return any(isinstance(v, str) and "\r" in v for column in frame.columns if not pd.api.types.is_numeric_dtype(frame[column]) for v in frame[column].tolist()) \
        or any("\r" in str(c) for c in frame.columns)


def read_csv(path: Path, **kwargs: object) -> pd.DataFrame:
    """A CSV trendscope wrote, with the values the analysis produced (the formula guard's apostrophe removed)."""
    return restore_formulas(pd.read_csv(path, encoding="utf-8-sig", **kwargs))
