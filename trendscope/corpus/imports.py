"""Bringing a user's files into data/raw/: which query a file belongs to, content-addressed copies, row problems.

File-based sources (BigKinds exports, local files) copy each input file into
``data/raw/<source>/<query>/<sha256[:16]>-<name>``, so the study can be rebuilt
from data/raw alone and the same file imported twice is stored once.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from trendscope.config import StudyConfig
from trendscope.corpus.readers import Skipped
from trendscope.corpus.sources.base import CollectReport
from trendscope.corpus.store import RawFile, RawStore
from trendscope.errors import ConfigError, InputError

_UNSAFE = re.compile(r"[^\w.\-가-힣]+")


def file_label(path: Path | str) -> str:
    """A file name or path as text fit for manifests and one-line messages.

    Linux hands Python a name's bytes; bytes that are not UTF-8 arrive as lone surrogates, which no
    file or terminal can write (a CP949 name, as Korean Windows zips store them, crashed `collect`
    writing the manifest).  Such a name is read as CP949 when it is valid CP949, else its odd bytes are
    shown as ``\\xNN``; the result is in NFC (macOS writes Hangul names decomposed), and line breaks and
    other control characters are shown as escapes, so a name cannot break a message or a log line.
    """
    text = str(path)
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # each folder name decoded on its own: a CP949 name in a UTF-8 path
        text = "/".join(_decoded_name(part) for part in os.fsencode(text).split(b"/"))
    text = unicodedata.normalize("NFC", text)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _decoded_name(raw: bytes) -> str:
    for encoding in ("utf-8", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


def resolve_query(path: Path, config: StudyConfig, *, query: str | None, patterns: dict[str, str], source: str) -> str:
    """The query key of an input file: `query` if given, else the first pattern matching its name or path (both in NFC)."""
    if query is not None:
        return config.query(query).key
    name, full = file_label(path.name), file_label(path)
    for pattern, key in patterns.items():
        pattern = unicodedata.normalize("NFC", pattern)
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(full, pattern):
            return config.query(key).key
    if len(config.queries) == 1:
        return config.queries[0].key
    raise ConfigError(
        f"{full}: cannot tell which query this file belongs to; pass --query KEY or map file-name patterns to "
        f"query keys in sources.{source}.queries (keys: {', '.join(config.query_keys)})"
    )


def raw_name(source: str, query: str, name: str, data: bytes) -> str:
    """The content-addressed path of an imported file under data/raw/."""
    sha = hashlib.sha256(data).hexdigest()[:16]
    return f"{source}/{query}/{sha}-{_UNSAFE.sub('_', file_label(name))}"


def import_file(store: RawStore, relative: str, data: bytes, *, source: str, query: str, original: Path, params: dict) -> RawFile:
    return store.add_bytes(relative, data, source=source, query=query, params={"original": file_label(original.name), **params})


def display_name(entry: RawFile) -> str:
    """How a raw file is named in messages: the user's file name, and where its copy lives."""
    original = entry.params.get("original")
    return f"{original} (data/raw/{entry.path})" if original else f"data/raw/{entry.path}"


@dataclass
class RowProblems:
    """Rows that could not be read, counted by reason, with the first place each reason occurred."""

    name: str
    strict: bool = False
    counts: Counter = field(default_factory=Counter)
    first: dict[str, str] = field(default_factory=dict)

    def reject(self, reason: str, row: int, column: str | None, detail: str = "", *, unit: str = "row") -> None:
        where = f"{self.name}, {unit} {row}" + (f", column {column}" if column else "")
        message = f"{where}: {reason}" + (f" ({detail})" if detail else "")
        if self.strict:
            raise InputError(message + "; --strict stops at the first unreadable row")
        self.counts[reason] += 1
        self.first.setdefault(reason, message)

    def skip(self, skipped: list[Skipped]) -> None:
        """Count the rows a reader skipped (bad bytes, broken JSON lines) like any other unreadable row."""
        for item in skipped:
            self.reject(item.reason, item.number, None, item.detail, unit=item.unit)

    def summary(self) -> str:
        return "; ".join(f"{n} × {reason} (first: {self.first[reason]})" for reason, n in sorted(self.counts.items()))


def no_documents_message(raw: Path, queries: list[str], reports: dict[str, CollectReport]) -> str:
    """Why the documents stage has nothing to build from, in one line.

    "run `trendscope collect` first" is right only when nothing was read; when every row read was
    flagged (분석제외 여부 = 중복) or rejected, saying so is the answer, and collecting again would not help.
    """
    dropped = [f"{n} × {reason}" for report in reports.values() for reason, n in sorted({**report.excluded, **report.rejected}.items())]
    if not dropped:
        return f"{raw}: no documents for queries {', '.join(queries)}; run `trendscope collect` first"
    flagged = any(key.startswith("분석제외 여부") for report in reports.values() for key in report.excluded)
    hint = "; set include_flagged: true in the source's section to keep flagged rows" if flagged else ""
    first = next((note.removeprefix("rejected: ") for report in reports.values() for note in report.notes if note.startswith("rejected: ")), None)
    return (f"{raw}: no documents for queries {', '.join(queries)}: every row read was left out ({'; '.join(dropped)})"
            + (f" (first rejected: {first})" if first else "") + hint)
