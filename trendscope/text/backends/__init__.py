"""Tokenizer backends behind one protocol; analyzers are imported only when a backend is created."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module

from trendscope.errors import TokenizerError
from trendscope.text.backends.base import Backend

# name -> module:class; importing this package never imports an analyzer.
_REGISTRY: dict[str, str] = {
    "komoran": "trendscope.text.backends.komoran:KomoranBackend",
    "kiwi": "trendscope.text.backends.kiwi:KiwiBackend",
    "okt": "trendscope.text.backends.okt:OktBackend",
    "hannanum": "trendscope.text.backends.hannanum:HannanumBackend",
    "kkma": "trendscope.text.backends.kkma:KkmaBackend",
    "mecab": "trendscope.text.backends.mecab:MecabBackend",
}
BACKEND_NAMES: tuple[str, ...] = tuple(_REGISTRY)


def takes_user_dictionary(name: str) -> bool:
    """Whether the named analyzer reads a user dictionary itself (without starting it); the others get lexicon
    entries re-joined after analysis (text/compounds.py)."""
    if name not in _REGISTRY:
        raise TokenizerError(f"unknown tokenizer {name!r}; expected one of {', '.join(BACKEND_NAMES)}")
    module_name, class_name = _REGISTRY[name].split(":")
    return bool(getattr(getattr(import_module(module_name), class_name), "native_user_dictionary", False))


def create_backend(name: str, user_words: Sequence[tuple[str, str]] = ()) -> Backend:
    """Start the named analyzer with the given user dictionary (joined word, Sejong tag)."""
    if name not in _REGISTRY:
        raise TokenizerError(f"unknown tokenizer {name!r}; expected one of {', '.join(BACKEND_NAMES)}")
    module_name, class_name = _REGISTRY[name].split(":")
    cls = getattr(import_module(module_name), class_name)
    return cls(user_words=user_words)


__all__ = ["BACKEND_NAMES", "Backend", "create_backend", "takes_user_dictionary"]
