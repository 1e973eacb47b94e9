"""The stage contract: what every stage module declares, and how its cache key is made.

A stage declares its name, the config paths it reads (`reads`), a function from
the values at those paths to a small, frozen params object (exactly what its body
may use), the artifacts it takes and the artifacts it returns (names from
trendscope/catalog.py), and a body.  The runner builds the params, loads the
inputs through the catalog, calls the body and saves what it returns: a body
never opens a file and can be run on data held in memory.  The cache key is the
hash of the params object and of the inputs' contents, so a setting the body uses
but the key misses cannot exist.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from trendscope.config import YearRange
from trendscope.progress import Reporter, SilentReporter

P = TypeVar("P")
Names = tuple[str, ...]


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
    # What collect read in this run (corpus/sheets.ReadAhead), so the documents stage does not parse the files again.
    read_ahead: Any = None
    # The study's id (ownership.py): the folders a run replaces whole are marked with it, and only a folder so marked
    # (or an empty one) is ever replaced.
    owner: str | None = None
    # `trendscope figures --all`: the report draws every year's network and CONCOR figure, not only the years its
    # small multiples show (past twelve years); a drawing, not a result, so it is not in any cache key.
    all_figures: bool = False


@dataclass
class Produced:
    """What a body returns: its outputs by artifact name, and facts for the lock (`info`, or a function giving them
    once the outputs are written, for outputs that stream)."""

    outputs: dict[str, Any]
    info: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = field(default_factory=dict)

    def facts(self) -> dict[str, Any]:
        return dict(self.info() if callable(self.info) else self.info)


@dataclass(frozen=True)
class Stage(Generic[P]):
    """One node of the study's graph (see the module docstring).

    `inputs` and `outputs` are artifact names, or functions of the params giving them (an input named `x?` is
    optional: None when the study has none).  `caches` are outputs whose earlier version the body may reuse
    row by row after checking it (the token file): passed in as `previous:<name>`, never part of the key.
    """

    name: str
    reads: Names
    params: Callable[[Mapping[str, Any]], P]
    inputs: Names | Callable[[P], Names]
    outputs: Names | Callable[[P], Names]
    body: Callable[[P, Mapping[str, Any], Runtime], Produced]
    caches: Names = ()

    def input_names(self, params: P) -> Names:
        return self.inputs(params) if callable(self.inputs) else self.inputs

    def output_names(self, params: P) -> Names:
        return self.outputs(params) if callable(self.outputs) else self.outputs


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
