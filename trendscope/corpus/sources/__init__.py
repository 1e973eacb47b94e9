"""Sources: each module brings documents of one kind into data/raw/ and reads them back as `Document`s."""

from __future__ import annotations

from importlib import import_module

from trendscope.corpus.sources.base import Source
from trendscope.errors import ConfigError

_REGISTRY: dict[str, str] = {
    "demo": "trendscope.corpus.sources.demo:DemoSource",
    "bigkinds": "trendscope.corpus.sources.bigkinds:BigKindsSource",
    "naver": "trendscope.corpus.sources.naver:NaverSource",
    "files": "trendscope.corpus.sources.files:FilesSource",
}
SOURCE_NAMES: tuple[str, ...] = tuple(_REGISTRY)


def get_source(name: str) -> Source:
    if name not in _REGISTRY:
        raise ConfigError(f"unknown source {name!r}; expected one of {', '.join(SOURCE_NAMES)}")
    module_name, class_name = _REGISTRY[name].split(":")
    return getattr(import_module(module_name), class_name)()


__all__ = ["SOURCE_NAMES", "Source", "get_source"]
