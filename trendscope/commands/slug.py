"""File names made from a user's term: `trendscope kwic 'a/b'` must not write into a folder a/."""

from __future__ import annotations

import re


def file_slug(term: str) -> str:
    """A file-name-safe form of a term: Hangul and word characters kept, every run of anything else one '_'.

    Path separators, dots, brackets and control characters cannot reach a file name, so the result never
    leaves the folder it is written into and is never a hidden file; an empty result becomes 'term'.
    """
    return re.sub(r"[^\w가-힣]+", "_", term).strip("_") or "term"
