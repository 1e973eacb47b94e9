"""The stage contract: what every stage module declares, and how its cache key is made.

A stage declares its name, a function from the study configuration to a small,
frozen params object (exactly what its body may read), its input and output
files, and a body that receives the params object and its files — never the
whole configuration.  The cache key is the hash of the params object and of the
input files, so a setting the body reads but the params miss cannot exist.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from trendscope.config import StudyConfig, YearRange
from trendscope.paths import StudyPaths
from trendscope.progress import Reporter, SilentReporter

P = TypeVar("P")
InputPaths = Mapping[str, Path | list[Path]]


@dataclass(frozen=True)
class Files:
    """A stage's files: `inputs` are hashed into the cache key, `outputs` are what it writes.

    `locations` are folders a body needs to find things in (e.g. the raw store's root) whose
    relevant files are already listed in `inputs`; they are not part of the key.
    """

    inputs: InputPaths
    outputs: Mapping[str, Path]
    locations: Mapping[str, Path] = field(default_factory=dict)

    def input(self, name: str) -> Path:
        """A single-file input by name."""
        value = self.inputs[name]
        if isinstance(value, list):
            raise TypeError(f"input {name!r} is a list of files")
        return value

    def optional_input(self, name: str) -> Path | None:
        return self.input(name) if name in self.inputs else None


@dataclass(frozen=True)
class Runtime:
    """Settings that never change a result: worker processes, the engine that runs them, where progress goes,
    and whether caches may be reused (`force`: no).

    `engine="dask"` runs tokenizing and counting on a Dask cluster: the one at `scheduler`
    (tcp://host:port), or a LocalCluster of `jobs` worker processes when it is None.
    `tokenizer_pool` holds analyzers already started (see pipeline.py); a stage may use it or not, never
    with a different result.
    """

    jobs: int = 1
    reporter: Reporter = field(default_factory=SilentReporter)
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    force: bool = False
    # Tokenizer workers started ahead by the pipeline (text.tokenize.TokenizerPool), used by the stages that
    # tokenize when it was started for their spec; None: each starts its own.
    tokenizer_pool: Any = None


@dataclass(frozen=True)
class Stage(Generic[P]):
    """One node of the study's graph (see the module docstring)."""

    name: str
    params: Callable[[StudyConfig], P]
    inputs: Callable[[StudyPaths, P], InputPaths]
    outputs: Callable[[StudyPaths, P], Mapping[str, Path]]
    body: Callable[[P, Files, Runtime], dict[str, Any]]
    locations: Callable[[StudyPaths], Mapping[str, Path]] = lambda paths: {}

    def files(self, paths: StudyPaths, params: P) -> Files:
        return Files(dict(self.inputs(paths, params)), dict(self.outputs(paths, params)), dict(self.locations(paths)))


def _encode(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (Path, YearRange)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot hash a {type(value).__name__} in stage params")


def canonical(params: Any) -> Any:
    """The params object as plain JSON data (sorted keys): what the lock records and the key hashes."""
    return json.loads(json.dumps(params, sort_keys=True, ensure_ascii=False, default=_encode))
