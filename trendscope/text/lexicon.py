"""The study lexicon: user dictionary, synonym map and stopword list, read from plain text files.

Multi-word entries (``4차 산업혁명``, ``스마트 시티``) are handled before any analyzer
sees the text: the phrase is rewritten to one joined word that the analyzer's
user dictionary knows, and mapped back to its display form afterwards.  This is
what keeps compounds whole on every backend.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from trendscope.errors import InputError

USER_TAGS = ("NNP", "NNG")


@dataclass(frozen=True)
class Lexicon:
    """User words (display form, Sejong tag), synonyms (variant → canonical) and stopwords."""

    user_words: tuple[tuple[str, str], ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()

    @cached_property
    def _joined_to_display(self) -> dict[str, str]:
        """Joined spelling (no spaces) of every multi-word term → the term it stands for."""
        mapping = {}
        for term, _tag in self.user_words:
            if " " in term:
                mapping[_join(term)] = term
        for variant, canonical in self.synonyms.items():
            if " " in variant:
                mapping[_join(variant)] = canonical
        return mapping

    @cached_property
    def _phrase_pattern(self) -> re.Pattern[str] | None:
        phrases = sorted(
            {term for term, _ in self.user_words if " " in term} | {v for v in self.synonyms if " " in v},
            key=lambda p: (-len(p), p),
        )
        if not phrases:
            return None
        alternatives = [r"\s+".join(re.escape(part) for part in p.split()) for p in phrases]
        return re.compile("|".join(alternatives), flags=re.IGNORECASE)

    def backend_words(self) -> list[tuple[str, str]]:
        """What a backend's own user dictionary should know: every term and variant as one word."""
        words: dict[str, str] = {}
        for term, tag in self.user_words:
            words.setdefault(_join(term), tag)
        for variant, canonical in self.synonyms.items():
            words.setdefault(_join(variant), "NNP")
            words.setdefault(_join(canonical), "NNP")
        return sorted(words.items())

    def join_phrases(self, text: str) -> str:
        """Rewrite multi-word terms in raw text to their joined spelling."""
        if self._phrase_pattern is None:
            return text
        return self._phrase_pattern.sub(lambda m: _join(m.group(0)), text)

    def canonical(self, token: str) -> str:
        """The display form of a (possibly joined or variant) token."""
        token = self._joined_to_display.get(token, token)
        return self.synonyms.get(token, self._synonyms_folded.get(token.casefold(), token))

    @cached_property
    def _synonyms_folded(self) -> dict[str, str]:
        folded = {_join(v).casefold(): c for v, c in self.synonyms.items()}
        folded.update({v.casefold(): c for v, c in self.synonyms.items()})
        return folded

    @cached_property
    def known_terms(self) -> frozenset[str]:
        """Terms the lexicon vouches for as nouns, whatever tag an analyzer gave them."""
        return frozenset([t for t, _ in self.user_words] + list(self.synonyms.values()))

    def digest(self) -> str:
        """A stable hash of the lexicon's content, recorded in the run manifest."""
        lines = [f"U\t{t}\t{tag}" for t, tag in sorted(self.user_words)]
        lines += [f"S\t{v}\t{c}" for v, c in sorted(self.synonyms.items())]
        lines += [f"X\t{w}" for w in sorted(self.stopwords)]
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def _join(term: str) -> str:
    return "".join(term.split())


def list_entries(path: Path, *, what: str = "lexicon file") -> list[tuple[int, str]]:
    """Non-blank, non-comment lines (`#` starts a comment) of a UTF-8 list file, with their 1-based line numbers.

    The one reader of the researcher's word lists (user dictionary, synonyms, stopwords, entities.tsv); `what` names
    the file in the one-line error.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: {what} not found") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: expected a UTF-8 text file") from None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append((number, line))
    return entries


def read_user_dictionary(path: Path) -> tuple[tuple[str, str], ...]:
    """`term` or `term<TAB>TAG` (TAG one of NNP, NNG; default NNP) per line."""
    words: dict[str, str] = {}
    for number, line in list_entries(path):
        term, _, tag = line.partition("\t")
        term, tag = " ".join(term.split()), (tag.strip() or "NNP")
        if tag not in USER_TAGS:
            raise InputError(f"{path}, line {number}: tag {tag!r} for {term!r}; expected one of {', '.join(USER_TAGS)}")
        words.setdefault(term, tag)
    return tuple(sorted(words.items()))


def read_synonyms(path: Path) -> dict[str, str]:
    """`variant => canonical` per line."""
    synonyms: dict[str, str] = {}
    for number, line in list_entries(path):
        variant, arrow, canonical = line.partition("=>")
        variant, canonical = " ".join(variant.split()), " ".join(canonical.split())
        if not arrow or not variant or not canonical:
            raise InputError(f"{path}, line {number}: expected `variant => canonical`, got {line!r}")
        if variant != canonical:
            synonyms[variant] = canonical
    return synonyms


def read_stopwords(path: Path) -> frozenset[str]:
    """One stopword per line."""
    return frozenset(" ".join(line.split()) for _, line in list_entries(path))


def load_lexicon(userdic: Path | None = None, synonyms: Path | None = None, stopwords: Path | None = None) -> Lexicon:
    """Read whichever lexicon files are given; a missing one is simply empty."""
    return Lexicon(
        user_words=read_user_dictionary(userdic) if userdic else (),
        synonyms=read_synonyms(synonyms) if synonyms else {},
        stopwords=read_stopwords(stopwords) if stopwords else frozenset(),
    )
