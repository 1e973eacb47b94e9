"""Parsed workbooks kept by the raw file's sha256, so each collected export is read from its XML once.

`collect` reads every new BigKinds export in full before copying it into data/raw/ (a damaged file, a
file with no readable row or, with --strict, a bad row is refused there, and the manifest records its
rows and period), and the documents stage used to read the same bytes again: on the 10k real-shaped
export (four workbooks, 48 MB of sheet XML) each read costs about 0.7 CPU-seconds, python-calamine's
XML parse 0.45 of it.  What the reader returned (`readers.Sheet`: header, rows as text, skipped rows,
the cells stored as numbers) is a function of the file's bytes and of the reader, so collect writes it
here as Parquet, named by the bytes' sha256, and the documents stage takes it from here instead of
parsing again (reading it back costs about 0.05 s).

A cache, never a source of truth: an entry written by another reader version, or unreadable, is
ignored and the workbook is parsed from data/raw/; deleting the folder costs one parse per file.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

from trendscope import atomic
from trendscope.corpus.readers import Row, Sheet, Skipped

# What made an entry: the layout below and the workbook reader (its version can change the text of a cell).
FORMAT = 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def reader_key() -> str:
    from importlib import metadata

    return f"{FORMAT}/python-calamine {metadata.version('python-calamine')}"


class SheetStore:
    """Parsed workbooks under one folder, `<sha256>.parquet` each, written atomically and read back as `Sheet`s."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"{sha256!r} is not a sha256 hex digest")
        return self.root / f"{sha256}.parquet"

    def put(self, sha256: str, sheet: Sheet) -> None:
        """Keep `sheet`, the reader's result for the bytes with this sha256 (an existing entry of this reader is kept)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        target = self.path(sha256)
        if self.get(sha256) is not None:
            return
        width = len(sheet.header)
        columns = {"row": pa.array([r.number for r in sheet.rows], pa.int64())}
        for i, column in enumerate(sheet.header):
            # an unnamed column's cells are stored as the row holds them: the last unnamed column's, as `_pad` kept them
            columns[f"c{i}"] = pa.array([r.cells.get(column, "") for r in sheet.rows], pa.large_string())
        meta = {"reader": reader_key(), "name": sheet.name, "header": sheet.header, "numeric": sheet.numeric,
                "skipped": [asdict(s) for s in sheet.skipped], "encoding": sheet.encoding, "width": width}
        table = pa.table(columns).replace_schema_metadata({"trendscope.sheet": json.dumps(meta, ensure_ascii=False)})
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic.atomic_path(target) as tmp:
            pq.write_table(table, tmp, compression="lz4", use_dictionary=False)  # texts rarely repeat: no dictionary pages

    def get(self, sha256: str) -> Sheet | None:
        """The sheet kept for these bytes, or None (none kept, written by another reader, or unreadable)."""
        import pyarrow.parquet as pq

        path = self.path(sha256)
        if not path.is_file():
            return None
        try:
            table = pq.read_table(path)
            meta = json.loads((table.schema.metadata or {}).get(b"trendscope.sheet", b"{}"))
            if meta.get("reader") != reader_key():
                return None
            header = list(meta["header"])
            numbers = table.column("row").to_pylist()
            values = [table.column(f"c{i}").to_pylist() for i in range(len(header))]
            skipped = [Skipped(**s) for s in meta["skipped"]]
            numeric = {str(k): int(v) for k, v in meta["numeric"].items()}
            name, encoding = str(meta["name"]), meta.get("encoding")
        except (OSError, ValueError, KeyError, TypeError):  # a damaged cache entry costs a parse, never the study
            return None
        rows = [Row(number, dict(zip(header, cells, strict=True))) for number, cells in zip(numbers, zip(*values, strict=True), strict=True)] if values else []
        return Sheet(name, header, rows, skipped, numeric=numeric, encoding=encoding)
