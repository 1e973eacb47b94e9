"""The raw store: data/raw/ keeps what was received, written once, with provenance in manifest.json.

Every read checks the file against the sha256 the manifest recorded, so a file
truncated or changed on disk (a copy interrupted, a disk fault, an edit) is
reported as damaged, naming it, instead of surfacing later as a decoder error
(a cut gzip stream raises EOFError, which click would even take for Ctrl-D).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trendscope import atomic
from trendscope.corpus.readers import Sheet, read_table
from trendscope.errors import InputError

if TYPE_CHECKING:
    from trendscope.corpus.sheets import ReadAhead

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class RawFile:
    """Provenance of one file under data/raw/ (path relative to the raw folder)."""

    path: str
    source: str
    sha256: str
    collected_at: str
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class RawStore:
    """Append-only access to data/raw/: files are added atomically and never rewritten.

    `sheets` holds what files collected in this run were read to (corpus/sheets.py): a source that read a file to
    check it when collecting hands its rows to the documents stage instead of parsing it again; None: not kept.
    """

    def __init__(self, root: Path, *, sheets: ReadAhead | None = None) -> None:
        self.root = Path(root)
        self.sheets = sheets

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST_NAME

    def entries(self) -> list[RawFile]:
        if not self.manifest_path.is_file():
            return []
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            return [RawFile(**entry) for entry in data["files"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{self.manifest_path}: unreadable raw manifest ({exc}); expected the file trendscope wrote") from None

    def find(self, relative: str) -> RawFile | None:
        return next((e for e in self.entries() if e.path == relative), None)

    def add_bytes(self, relative: str, data: bytes, *, source: str, query: str | None = None, params: dict[str, Any] | None = None) -> RawFile:
        """Write a new raw file once; adding identical content again is a no-op, different content an error."""
        target = self.root / relative
        sha = hashlib.sha256(data).hexdigest()
        existing = self.find(relative)
        params = json.loads(json.dumps(dict(params or {}), ensure_ascii=False, default=str))
        if target.exists():
            on_disk = existing.sha256 if existing is not None else sha256_file(target)
            if on_disk == sha and existing is not None and sha256_file(target) != sha:
                # the recorded bytes are offered again for a damaged copy: restore them (the content does not change)
                atomic.write_bytes(target, data)
            if on_disk == sha:
                if existing is not None and existing.query == query and existing.params == params:
                    return existing
                # same bytes: adopt a file an interrupted run wrote but did not record, or update its provenance
                collected = existing.collected_at if existing is not None else _now()
                return self._record(RawFile(relative, source, sha, collected, query, params))
            raise InputError(f"{target}: a different raw file already exists here; raw data is never rewritten")
        atomic.write_bytes(target, data)
        return self._record(RawFile(relative, source, sha, _now(), query, params))

    def _record(self, entry: RawFile) -> RawFile:
        entries = [e for e in self.entries() if e.path != entry.path] + [entry]
        payload = {"files": [asdict(e) for e in sorted(entries, key=lambda e: e.path)]}
        atomic.write_text(self.manifest_path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return entry

    def intact(self, relative: str) -> bool:
        """Whether `relative` is recorded and its file on disk still has the recorded content."""
        entry = self.find(relative)
        target = self.root / relative
        return entry is not None and target.is_file() and sha256_file(target) == entry.sha256

    def read_bytes(self, entry: RawFile) -> bytes:
        """The content of a raw file, checked against the sha256 recorded when it was collected."""
        target = self.root / entry.path
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{target}: raw file listed in {self.manifest_path.name} is missing; run `trendscope collect` to collect it again") from None
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise InputError(
                f"{target}: raw file is damaged (truncated or changed since it was collected: its sha256 differs from "
                f"{self.manifest_path.name}); delete it and run `trendscope collect` to collect it again"
            )
        return data

    def read_sheet(self, entry: RawFile, name: str) -> Sheet:
        """The table of a raw file (CSV, TSV, workbook): as collect read it in this run (`sheets`, by its sha256; see
        corpus/sheets.py) once the copy on disk is checked against the manifest, else read from the checked bytes.

        Only the parse is saved: a file changed on disk since it was collected is reported as damaged either way.
        """
        kept = self.sheets.take(entry.sha256) if self.sheets is not None else None
        if kept is not None and self.intact(entry.path):
            return kept
        return read_table(self.read_bytes(entry), name, Path(entry.path).suffix)

    def files(self, source: str) -> list[RawFile]:
        return [e for e in self.entries() if e.source == source]


def gunzip(data: bytes, name: str) -> bytes:
    """A gzip stream's content; a truncated or garbled stream is an `InputError` naming the file, never EOFError."""
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(f"{name}: gzip file is damaged ({type(exc).__name__}: {exc}); delete it and run `trendscope collect` to collect it again") from None


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
