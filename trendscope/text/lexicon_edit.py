"""Adding terms to a study's user dictionary file: appended atomically, comments and order kept."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trendscope import atomic
from trendscope.errors import InputError
from trendscope.text.lexicon import USER_TAGS, read_user_dictionary


def add_user_terms(path: Path, terms: Sequence[str], tag: str = "NNP") -> list[str]:
    """Append the terms not yet in the dictionary; return those added.

    The lexicon hash is part of the token cache key, so the next run re-tokenizes by itself.
    """
    if tag not in USER_TAGS:
        raise InputError(f"tag {tag!r}; expected one of {', '.join(USER_TAGS)}")
    known = {term for term, _ in read_user_dictionary(path)}
    added: list[str] = []
    for raw in terms:
        term = " ".join(raw.split())
        if not term or "#" in term or "\t" in raw:
            raise InputError(f"term {raw!r}: expected a word or phrase without '#' or tabs")
        if term not in known and term not in added:
            added.append(term)
    if added:
        text = path.read_text(encoding="utf-8-sig")
        if text and not text.endswith("\n"):
            text += "\n"
        text += "".join((term if tag == "NNP" else f"{term}\t{tag}") + "\n" for term in added)
        atomic.write_text(path, text)
    return added
