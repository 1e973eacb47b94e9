"""Workbooks read by collect, handed to the documents stage of the same run, so each export is parsed once.

`collect` reads every new BigKinds export in full before copying it into data/raw/ (a damaged file, a
file with no readable row or, with --strict, a bad row is refused there, and the manifest records its
rows and period), and the documents stage of the same run used to parse the same bytes again: on the
10k real-shaped export (four workbooks, 48 MB of sheet XML) each parse costs about 0.65 CPU-seconds,
python-calamine's XML parse 0.45 of it.  What the reader returned (`readers.Sheet`) is a function of
the file's bytes, so collect keeps it here by the bytes' sha256 and the documents stage takes it.

Kept in memory for one run, not on disk: a Parquet copy in data/processed/ was tried, and writing it
cost 0.43 CPU-seconds at collect (encoding 40 MB of text to UTF-8 for Arrow, then the file) and reading
it back 0.27, as much as the parse it saved.  A later run whose documents stage runs again (a changed
dedup or cleaning setting) parses the files once, in that stage.  The files source (CSV, TSV, workbooks,
JSON Lines) hands on what it reads the same way, and no longer reads a file it collected before.
"""

from __future__ import annotations

from trendscope.corpus.readers import Sheet


class ReadAhead:
    """Sheets read earlier in this run, by the sha256 of the bytes they were read from; each is handed out once."""

    def __init__(self) -> None:
        self._sheets: dict[str, Sheet] = {}

    def keep(self, sha256: str, sheet: Sheet) -> None:
        self._sheets[sha256] = sheet

    def take(self, sha256: str) -> Sheet | None:
        """The sheet read from these bytes, or None; it is not kept after (its rows become documents once)."""
        return self._sheets.pop(sha256, None)

    def __len__(self) -> int:
        return len(self._sheets)
