"""Names and organisations from a source's entity columns, checked against the text, for the user dictionary.

BigKinds exports list each article's people (인물) and organisations (기관),
comma-joined.  Analyzers without these words in their dictionary clip names
(Komoran: 김기민 → 기민, 전민철 → 민철, 김용걸 → 김용) and split organisations
(유니버설발레단 → 유니버설 + 발레단), silently: on a real 발레 study 박세은, listed in
119 articles, never became a token.  The columns are noisy, though: 기관 holds
generic words (현대, 한국, 장르) and 위치 holds 무용수, so an entry is kept only when

- it is 2–20 Hangul or Latin letters (no digits, spaces or punctuation),
- it occurs verbatim in the title or excerpt of at least `min_docs` documents that list it
  (the site's extractor also lists words the text does not hold as one word),
- it is not generic: in no more than `max_df` of the documents, not a stopword, and not
  in the shipped list of entries known to be noisy (resources/lexicon/noisy_entities.txt).

A researcher's `lexicon/entities.tsv` adds entries (``김기민`` or ``김기민<TAB>add``) and
removes them (``현대<TAB>remove``), so the list stays a function of the inputs.
Everything here is a pure function of the data passed in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from trendscope.errors import InputError
from trendscope.text.lexicon import Lexicon, list_entries

# documents.parquet column → the BigKinds column it holds (the derived file names the source column).
ENTITY_COLUMNS: dict[str, str] = {"people": "인물", "organizations": "기관"}
ENTITY_FRAME_COLUMNS = ["entry", "column", "documents"]
_SHAPE = re.compile(r"[가-힣A-Za-z]{2,20}")
_ACTIONS = ("add", "remove")


@dataclass(frozen=True)
class EntityRules:
    """What makes a listed entry a name worth keeping whole (see the module docstring)."""

    min_docs: int = 3
    max_df: float = 0.5
    stopwords: frozenset[str] = frozenset()
    noisy: frozenset[str] = frozenset()
    added: tuple[str, ...] = ()
    removed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EntityCounts:
    """How many distinct entries the columns held, and why the others were left out."""

    read: int = 0
    kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    added: int = 0
    removed: int = 0


def split_entries(cell: object) -> list[str]:
    """A comma-joined entity cell as its distinct entries, in order ("김기민,박세은, 김기민" → [김기민, 박세은])."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    return list(dict.fromkeys(part.strip() for part in cell.split(",") if part.strip()))


def well_formed(entry: str) -> bool:
    """2–20 Hangul or Latin letters, nothing else."""
    return _SHAPE.fullmatch(entry) is not None


def noisy_entries() -> frozenset[str]:
    """The shipped list of entries the exports list as entities that are generic words (한국, 현대, 무용수 …)."""
    text = (resources.files("trendscope") / "resources" / "lexicon" / "noisy_entities.txt").read_text(encoding="utf-8")
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


def read_entity_overrides(path: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    """A researcher's entities.tsv: `entry` or `entry<TAB>add` adds, `entry<TAB>remove` removes; # starts a comment."""
    added: dict[str, None] = {}
    removed: set[str] = set()
    for number, line in list_entries(path, what="entity list"):
        entry, _, action = line.partition("\t")
        entry, action = entry.strip(), (action.strip().lower() or "add")
        if action not in _ACTIONS:
            raise InputError(f"{path}, line {number}: action {action!r} for {entry!r}; expected add or remove")
        if " " in entry or not entry:
            raise InputError(f"{path}, line {number}: {entry!r} is not one word; an entity is kept whole as one token")
        if action == "add":
            added[entry] = None
        else:
            removed.add(entry)
    return tuple(added), frozenset(removed)


def document_texts(titles: Iterable[object], bodies: Iterable[object]) -> list[str]:
    """Title and excerpt of each document, as the tokenizer sees them."""
    return [f"{t if isinstance(t, str) else ''}\n{b if isinstance(b, str) else ''}" for t, b in zip(titles, bodies, strict=True)]


def extract_entities(frame: pd.DataFrame, rules: EntityRules = EntityRules()) -> tuple[pd.DataFrame, EntityCounts]:
    """The entries to keep whole: (entry, column, documents), sorted by documents desc, entry asc, and the counts.

    `frame` holds doc_id, title, body and the entity columns (people, organizations; either may be missing).
    A document listed under two queries counts once.  `documents` is the number of documents that list
    the entry and contain it verbatim (for an added entry: that contain it verbatim).
    """
    columns = [c for c in ENTITY_COLUMNS if c in frame.columns]
    unique = frame.drop_duplicates("doc_id") if "doc_id" in frame.columns else frame
    n_docs = max(len(unique), 1)
    # Only documents that list an entity are read here (a second copy of every text cost ~350 MB at 100k articles).
    listing = unique[unique[columns].notna().any(axis=1)] if columns else unique.iloc[:0]
    texts = document_texts(listing["title"], listing["body"])
    found: Counter[str] = Counter()
    where: dict[str, Counter[str]] = defaultdict(Counter)
    read: set[str] = set()
    for column in columns:
        for text, cell in zip(texts, listing[column], strict=True):
            for entry in split_entries(cell):
                read.add(entry)
                if well_formed(entry) and entry in text:
                    found[entry] += 1
                    where[entry][ENTITY_COLUMNS[column]] += 1
    dropped: Counter[str] = Counter()
    kept: dict[str, tuple[str, int]] = {}
    for entry in sorted(read):
        reason = _drop_reason(entry, found[entry], n_docs, rules)
        if reason:
            dropped[reason] += 1
            continue
        kept[entry] = (_source_column(where[entry]), found[entry])
    added = [e for e in rules.added if e not in kept and e not in rules.removed]
    if added:  # an added entry counts the documents that hold it, listed or not
        every = document_texts(unique["title"], unique["body"])
        for entry in added:
            kept[entry] = ("entities.tsv", sum(entry in text for text in every))
        del every
    table = pd.DataFrame([(e, c, n) for e, (c, n) in kept.items()], columns=ENTITY_FRAME_COLUMNS)
    table = table.sort_values(["documents", "entry"], ascending=[False, True], kind="stable").reset_index(drop=True)
    table["documents"] = table["documents"].astype("int64")
    removed = len(rules.removed & (read | set(rules.added)))
    counts = EntityCounts(read=len(read), kept=len(table), dropped=dict(sorted(dropped.items())), added=len(added), removed=removed)
    return table, counts


def _drop_reason(entry: str, documents: int, n_docs: int, rules: EntityRules) -> str | None:
    """Why a listed entry is not kept, or None (the checks in the module docstring, in that order)."""
    if entry in rules.removed:
        return "removed in entities.tsv"
    if not well_formed(entry):
        return "not 2-20 Hangul/Latin letters"
    if documents < rules.min_docs:
        return "in the text of too few documents"
    if documents / n_docs > rules.max_df:
        return "too common (document frequency)"
    if entry in rules.stopwords or entry in rules.noisy:
        return "stopword or known-noisy entry"
    return None


def _source_column(columns: Counter[str]) -> str:
    """The column(s) that listed an entry, in the export's order (인물 before 기관)."""
    return ", ".join(name for name in ENTITY_COLUMNS.values() if columns[name])


def with_entities(lexicon: Lexicon, entries: Sequence[str]) -> Lexicon:
    """The lexicon with `entries` added as proper nouns (the study's own user words keep their tags)."""
    known = {term for term, _ in lexicon.user_words}
    words = dict(lexicon.user_words)
    words.update({entry: "NNP" for entry in entries if entry not in known})
    return Lexicon(user_words=tuple(sorted(words.items())), synonyms=lexicon.synonyms, stopwords=lexicon.stopwords)


def whole_names(people: Iterable[object], texts: Iterable[str], tokens: Iterable[Sequence[str]]) -> tuple[int, int]:
    """(occurrences, whole): documents × 인물 entries that occur verbatim in the document's text, and how many of
    those are among the document's tokens (the name came out of tokenizing whole)."""
    occurrences = whole = 0
    for cell, text, doc_tokens in zip(people, texts, tokens, strict=True):
        present = [e for e in split_entries(cell) if well_formed(e) and e in text]
        if present:
            have = set(doc_tokens)
            occurrences += len(present)
            whole += sum(e in have for e in present)
    return occurrences, whole
