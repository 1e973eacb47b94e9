"""Every artifact of a study, declared once: its name, where it lives in the study, its format, how it is read and written.

Stages name artifacts; they never name files.  The runner (pipeline.py) loads a
stage's inputs through the catalog and saves what the stage body returns, each
write atomic (a file is written beside its target and renamed; a folder is built
beside its target and swapped in).  This module and the runner are the only code
that knows file names and formats; the notebooks and the report get a generated
`catalog.json` (name → relative path) instead of file names in strings.

Formats:
- ``table``: Parquet; read as a lazy `ParquetTable` (a frame, an Arrow table, or batches, as the stage needs),
  written from a DataFrame, an Arrow table, or a `TableStream` of Arrow tables (the token file streams).
- ``json``: read as plain data, written from plain data.
- ``folder``: read as a `FolderView`; written from a `Folder` (relative name → frame, text, bytes, JSON data or a
  callable that writes the file itself, e.g. a gensim model's own `save`).
- ``file``: a study file the researcher writes (lexicon files, topic labels); read as its path by the text/ code
  that parses it; never written.
- ``raw``: one source's files in the raw store, read as a `RawFiles` (the store and its entries); never written.
- ``custom``: the report and the notebooks; written by the named function of report/ (it draws and executes).
"""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from trendscope import atomic
from trendscope.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from trendscope.config import StudyConfig
    from trendscope.corpus.store import RawFile, RawStore

Format = Literal["table", "json", "folder", "file", "raw", "custom"]
Root = Literal["processed", "raw", "reports", "notebooks", "study"]
CATALOG_FILE = "catalog.json"
LOCK_FILE = "trendscope.lock.json"  # the runner's lock, beside the processed artifacts
# The token file's columns the stages read (it also holds text_sha, failed_sentences and row_sha, for its cache).
TOKEN_FILE_COLUMNS = ["doc_id", "query", "year", "tokens", "sentences"]
SOURCES = ("demo", "bigkinds", "naver", "files")


@dataclass(frozen=True)
class Artifact:
    """One declared artifact.  `location` is relative to its root; for root ``study`` it is the config path that names
    the file (absent when the study leaves it unset).  `writer` ("module:function") writes a ``custom`` artifact."""

    name: str
    root: Root
    location: str
    format: Format
    doc: str
    streams: bool = False
    writer: str | None = None
    # A study file used when it exists, even where the configuration names it (the default entities.tsv); without
    # this, a named file that is missing is an error.
    used_if_present: bool = False


def _declare(*artifacts: Artifact) -> dict[str, Artifact]:
    return {a.name: a for a in artifacts}


ARTIFACTS: dict[str, Artifact] = _declare(
    *(Artifact(f"raw:{s}", "raw", s, "raw", f"the {s} source's files as collected (data/raw/, never edited)") for s in SOURCES),
    Artifact("userdic", "study", "tokenizer.lexicon.userdic", "file", "the study's user dictionary"),
    Artifact("synonyms", "study", "tokenizer.lexicon.synonyms", "file", "the study's synonym list"),
    Artifact("stopwords", "study", "tokenizer.lexicon.stopwords", "file", "the study's stopword list"),
    Artifact("topic_labels", "study", "topics.labels_file", "file", "the researcher's topic labels (TSV)"),
    Artifact("entity_list", "study", "tokenizer.lexicon.entities.file", "file", "the researcher's entity additions and removals (TSV)",
             used_if_present=True),
    Artifact("documents", "processed", "documents.parquet", "table", "one row per document and query (corpus/schema.py)"),
    Artifact("collection", "processed", "collection.json", "json", "what was read, dropped and why, per query × year × source"),
    Artifact("tokens", "processed", "tokens-{tokens_key}.parquet", "table", "tokens and sentences per document", streams=True),
    Artifact("entities", "processed", "entities.parquet", "table", "entities from the exports' 인물/기관 kept whole: entry, column, documents"),
    Artifact("query_terms", "processed", "query_terms.json", "json", "per query, its own words as the analyzer sees them"),
    Artifact("volume", "processed", "volume.parquet", "table", "documents per query × year"),
    Artifact("terms", "processed", "terms.parquet", "table", "tf, df, TF-IDF and rates per query × year × term"),
    Artifact("bigrams", "processed", "bigrams.parquet", "table", "bigram counts per query × year"),
    Artifact("network_nodes", "processed", "network_nodes.parquet", "table", "nodes with centralities, communities, CONCOR blocks"),
    Artifact("network_edges", "processed", "network_edges.parquet", "table", "edges with counts, weights and backbone flags"),
    Artifact("network_ranks", "processed", "network_ranks.parquet", "table", "rank of each followed term in every year"),
    Artifact("network_distinct", "processed", "network_distinct.parquet", "table", "terms central to one query only"),
    Artifact("networks", "processed", "networks", "folder", "<query>_<year>.graphml and .gexf, for Gephi"),
    Artifact("keyness", "processed", "keyness.parquet", "table", "keyness between queries, against the rest, between periods"),
    Artifact("trends", "processed", "trends.parquet", "table", "trend test per query × term (the year is the unit)"),
    Artifact("episodes", "processed", "episodes.parquet", "table", "bursts and episodes: terms of one or two years, never trends"),
    Artifact("new_terms", "processed", "new_terms.parquet", "table", "terms first seen in a year"),
    Artifact("convergence", "processed", "convergence.parquet", "table", "similarity of the queries' vocabularies per year"),
    Artifact("convergence_trend", "processed", "convergence_trend.parquet", "table", "the convergence over the years"),
    Artifact("examples", "processed", "examples.parquet", "table", "the page's key terms quoted in context"),
    Artifact("topics", "processed", "topics", "folder", "LDA models and their tables (stages/topics.py lists them)"),
    Artifact("figure_cache", "processed", "figure-cache", "folder", "figures drawn before, by the hash of their job"),
    Artifact("reports", "reports", ".", "custom", "tables, figures, networks, topic pages, index.html", writer="trendscope.report.build:write_reports"),
    Artifact("notebooks", "notebooks", ".", "custom", "the executed notebooks", writer="trendscope.report.build:write_notebooks"),
)


# ---------------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ParquetTable:
    """A Parquet artifact, read only as far as a stage asks (columns, batches), so large files stay on disk."""

    path: Path

    def frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        return self.arrow(columns).to_pandas()

    def arrow(self, columns: Sequence[str] | None = None) -> pa.Table:
        import pyarrow.parquet as pq

        return pq.read_table(self.path, columns=list(columns) if columns is not None else None)

    def columns(self) -> list[str]:
        import pyarrow.parquet as pq

        return list(pq.read_schema(self.path).names)

    def batches(self, *, rows: int = 5000, columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
        import pyarrow.parquet as pq

        yield from pq.ParquetFile(self.path).iter_batches(batch_size=rows, columns=list(columns) if columns is not None else None)

    @property
    def num_rows(self) -> int:
        import pyarrow.parquet as pq

        return pq.ParquetFile(self.path).metadata.num_rows


@dataclass(frozen=True)
class FrameTable:
    """A table held in memory with the `ParquetTable` interface: stage bodies run on it in tests, no disk involved."""

    data: Any  # a DataFrame or an Arrow table

    def arrow(self, columns: Sequence[str] | None = None) -> pa.Table:
        import pyarrow as pa

        table = self.data if isinstance(self.data, pa.Table) else pa.Table.from_pandas(self.data, preserve_index=False)
        return table.select(list(columns)) if columns is not None else table

    def frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        return self.arrow(columns).to_pandas()

    def columns(self) -> list[str]:
        return list(self.arrow().column_names)

    def batches(self, *, rows: int = 5000, columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
        yield from self.arrow(columns).to_batches(max_chunksize=rows)

    @property
    def num_rows(self) -> int:
        return self.arrow().num_rows


@dataclass(frozen=True)
class FolderView:
    """A folder artifact: its files by relative name."""

    path: Path

    def has(self, name: str) -> bool:
        return (self.path / name).is_file()

    def frame(self, name: str) -> pd.DataFrame:
        return ParquetTable(self.path / name).frame()

    def optional_frame(self, name: str) -> pd.DataFrame | None:
        return self.frame(name) if self.has(name) else None

    def json(self, name: str) -> Any:
        return json.loads(self.text(name))

    def text(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def names(self, pattern: str = "*") -> list[str]:
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.glob(pattern) if p.is_file())

    def copy_to(self, target: Path) -> None:
        """The folder's files into `target` (the report ships the network files as they are)."""
        import shutil

        shutil.copytree(self.path, target)


@dataclass(frozen=True)
class RawFiles:
    """One source's collected files: the store to read their bytes from and its entries."""

    store: RawStore
    entries: list[RawFile]


# ---------------------------------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class TableStream:
    """Arrow tables of one schema, written one after another (the token file is written as it is made)."""

    schema: pa.Schema
    tables: Iterable[pa.Table]


class Folder(dict):
    """A folder artifact's content: relative file name → DataFrame (Parquet), str (text), bytes, JSON data (dict or
    list, written as .json), `SavedBy` (an object that writes itself, e.g. a gensim model), or a callable given the
    file's path that writes it."""


@dataclass(frozen=True)
class SavedBy:
    """A folder member written by the object's own `save(path)` (gensim and tomotopy models write companion files);
    `into_folder`: the member is a folder the object saves itself into (an LDA engine's model)."""

    obj: Any
    into_folder: bool = False


def _write_table(value: Any, target: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic.atomic_path(target) as tmp:
        if isinstance(value, TableStream):
            with pq.ParquetWriter(tmp, value.schema) as writer:
                for table in value.tables:
                    writer.write_table(table)
        else:
            table = value if isinstance(value, pa.Table) else pa.Table.from_pandas(value, preserve_index=False)
            pq.write_table(table, tmp)


def _write_json(value: Any, target: Path) -> None:
    atomic.write_text(target, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _write_member(value: Any, target: Path) -> None:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(value, pd.DataFrame):
        pq.write_table(pa.Table.from_pandas(value, preserve_index=False), target)
    elif isinstance(value, str):
        target.write_text(value, encoding="utf-8")
    elif isinstance(value, bytes):
        target.write_bytes(value)
    elif isinstance(value, (dict, list)):
        target.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif isinstance(value, SavedBy) and value.into_folder:
        target.mkdir(parents=True, exist_ok=True)
        value.obj.save(target)
    elif isinstance(value, SavedBy):
        value.obj.save(str(target))
    elif callable(value):
        value(target)
    else:
        raise TypeError(f"{target.name}: cannot write a {type(value).__name__} into a folder artifact")


def _write_folder(value: Folder, target: Path) -> None:
    with atomic.staged_dir(target) as staging:
        for name, member in value.items():
            _write_member(member, staging / name)


@dataclass(frozen=True)
class WriteContext:
    """What a ``custom`` writer may use besides the value: the catalog (other artifacts' locations) and the runtime."""

    catalog: Catalog
    runtime: Any


# ---------------------------------------------------------------------------------------------------- the catalog


@dataclass(frozen=True)
class Catalog:
    """The artifacts of one study: `roots` are its folders, `study_files` the files its configuration names,
    `variables` fill the locations that depend on a stage's key (the token file's)."""

    roots: Mapping[str, Path]
    study_files: Mapping[str, Path | None] = field(default_factory=dict)
    variables: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, config: StudyConfig, *, tokens_key: str = "") -> Catalog:
        roots = {"processed": config.paths.processed, "raw": config.paths.raw, "reports": config.paths.reports, "notebooks": config.paths.notebooks}
        files = {a.name: _config_value(config, a.location) for a in ARTIFACTS.values() if a.root == "study"}
        return cls(roots, files, {"tokens_key": tokens_key})

    def artifact(self, name: str) -> Artifact:
        try:
            return ARTIFACTS[name]
        except KeyError:
            raise KeyError(f"{name!r} is not an artifact of the catalog (trendscope/catalog.py)") from None

    def path(self, name: str) -> Path | None:
        """Where the artifact lives (None: a study file the configuration leaves unset)."""
        art = self.artifact(name)
        if art.root == "study":
            return self.study_files.get(name)
        root = self.roots[art.root]
        return root if art.location == "." else root / art.location.format(**self.variables)

    def present(self, name: str) -> bool:
        """Whether an optional input takes part: the study names it (and, for a file used if present, it exists)."""
        if self.path(name) is None:
            return False
        return self.exists(name) if self.artifact(name).used_if_present else True

    def exists(self, name: str) -> bool:
        path = self.path(name)
        return path is not None and path.exists()

    def members(self, name: str) -> Path | list[Path]:
        """What the lock hashes for this artifact: its file or folder, or (raw) the source's files and the manifest."""
        art = self.artifact(name)
        if art.format == "raw":
            from trendscope.corpus.store import RawStore

            store = RawStore(self.roots["raw"])
            files = [self.roots["raw"] / e.path for e in store.files(art.location)]
            return files + ([store.manifest_path] if files and art.location != "demo" else [])
        path = self.path(name)
        assert path is not None, f"{name} is not set in this study"
        return path

    def load(self, name: str) -> Any:
        """The artifact as a stage body receives it (see the module docstring); a missing input is an InputError."""
        art = self.artifact(name)
        path = self.path(name)
        if art.format == "raw":
            from trendscope.corpus.store import RawStore

            store = RawStore(self.roots["raw"])
            return RawFiles(store, store.files(art.location))
        if path is None:
            return None
        if not path.exists():
            raise InputError(f"{path}: {art.doc} — not there yet; run `trendscope run` (or the stage that makes {name!r})")
        if art.format == "table":
            return ParquetTable(path)
        if art.format == "json":
            return json.loads(path.read_text(encoding="utf-8"))
        if art.format == "folder":
            return FolderView(path)
        return path

    def save(self, name: str, value: Any, context: WriteContext | None = None) -> None:
        """Write what a stage returned for `name`, atomically."""
        art = self.artifact(name)
        path = self.path(name)
        assert path is not None
        if art.format == "table":
            _write_table(value, path)
        elif art.format == "json":
            _write_json(value, path)
        elif art.format == "folder":
            _write_folder(value, path)
        elif art.format == "custom" and art.writer:
            module, function = art.writer.split(":")
            getattr(importlib.import_module(module), function)(value, path, context or WriteContext(self, None))
        else:
            raise TypeError(f"{name}: a {art.format} artifact is not written by trendscope")

    def relative(self, name: str, start: Path) -> str:
        """The artifact's location relative to `start` (what catalog.json holds), with forward slashes."""
        path = self.path(name)
        assert path is not None
        return Path(os.path.relpath(path, start)).as_posix()

    def manifest(self, start: Path, *, tables: Mapping[str, str] | None = None) -> dict[str, Any]:
        """catalog.json: every processed artifact and report folder by name, relative to `start`, and the report's
        tables by their stable key (a table named for a setting, e.g. frequency_top20_by_year, is also
        frequency_top_by_year, so a notebook does not depend on `analysis.top_n`)."""
        names = [a.name for a in ARTIFACTS.values() if a.root in ("processed", "reports") and a.name != "figure_cache"]
        lock = Path(os.path.relpath(self.roots["processed"] / LOCK_FILE, start)).as_posix()
        return {
            "artifacts": {**{name: self.relative(name, start) for name in names}, "lock": lock},
            "tables": dict(sorted((tables or {}).items())),
        }


def table_key(name: str) -> str:
    """A report table's name without the setting it carries (top30 → top), its stable key in catalog.json."""
    return re.sub(r"top\d+", "top", name)


def _config_value(config: Any, dotted: str) -> Any:
    value = config
    for part in dotted.split("."):
        value = getattr(value, part) if value is not None else None
    return value


def config_values(config: StudyConfig, paths: Sequence[str]) -> dict[str, Any]:
    """The values at the declared config paths (dotted; a path under an unset section is None)."""
    return {path: _config_value(config, path) for path in paths}

