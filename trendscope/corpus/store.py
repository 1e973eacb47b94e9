"""The raw store: data/raw/ keeps what was received, written once, with provenance in manifest.json."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from trendscope import atomic
from trendscope.errors import InputError

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
    """Append-only access to data/raw/: files are added atomically and never rewritten."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

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

    def files(self, source: str) -> list[RawFile]:
        return [e for e in self.entries() if e.source == source]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
