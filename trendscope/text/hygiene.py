"""News boilerplate removed from titles and bodies before tokenizing, each removal counted by rule.

Real exports carry text that is not the article: the outlet's own name (아시아투데이
came out of a study as a significantly "rising" term because the outlet signs more
articles each year), bylines, e-mail addresses, photo credits, broadcast markers
(◀ＡＮＣ▶) and copyright lines.  Each rule here is named, described and counted, so
a researcher can see what was removed per query × year and switch a rule off.

A removal leaves one space between two words it would otherwise glue together and
nothing otherwise; matches that are empty or only whitespace are left alone, so
cleaning never adds a character.  Rules run in a fixed order and a document is
cleaned again until a round removes nothing (one removal can bring two pieces of
boilerplate together), so cleaning is idempotent whatever the user's own patterns
do.  A corpus is cleaned by running each rule over its documents joined into one
string (one regex call per rule instead of one per document), ten million
characters of documents at a time to bound the copies.  Measured on 100k
synthetic 1,000-character articles (bench/hygiene.py, shared 2-core machine under
load): one round of every rule ~27k docs/s, the whole clean with the second round
that proves nothing more is left and the per-query × year counts ~12-14k docs/s.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from trendscope.errors import ConfigError
from trendscope.text.rule_names import OUTLET_RULE

# Every built-in pattern starts with a literal character (or a branch of them), so that Python's
# regex engine skips ahead to candidate characters instead of trying a match at every position:
# that is the difference between ~4 µs and ~90 µs per 1,000-character article and rule.
_S = r"[ \t\u00a0\u3000]"  # a space on the same line: no built-in rule crosses a line break
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# Not a dateline but a credit: (사진=서울시), [사진 출처=…].
_NOT_CREDIT = r"(?!\s?(?:사진|자료|그래픽|제공|출처|영상|캡처))"
_DATELINE_BODY = rf"{_NOT_CREDIT}{_S}?[가-힣A-Za-z ]{{1,12}}{_S}?={_S}?"  # 서울=… (place, '=', outlet follows)
_SIGN = r"(?:ⓒ|©|\([cC]\))"
_NOTICE_END = rf"[^\n<>\[\]]{{0,80}}?(?:무단{_S}?전재[^\n<>\[\]]{{0,40}}?금지|[Aa]ll{_S}[Rr]ights{_S}[Rr]eserved|ALL{_S}RIGHTS{_S}RESERVED)\.?{_S}*[>\])]?"
_BY_WORD = rf"(?:저작권자|Copyright|COPYRIGHT|copyright){_S}*"
_NO_REPRINT = rf"{_S}?전재{_S}?(?:[-·,/]{_S}?|및{_S})*(?:재{_S}?배포|배포)[^\n<>\[\]]{{0,30}}?금지\.?{_S}*[>\])]?"

COPYRIGHT = re.compile(
    "|".join(
        [
            rf"<{_S}?(?:{_BY_WORD})?{_SIGN}{_NOTICE_END}",  # <저작권자 ⓒ 아시아투데이, 무단전재 및 재배포 금지>
            rf"\[{_S}?(?:{_BY_WORD})?{_SIGN}{_NOTICE_END}",  # [ⓒ 매일경제 & mk.co.kr, 무단전재 및 재배포 금지]
            rf"저작권자{_S}*{_SIGN}{_NOTICE_END}",  # 저작권자 © 뉴시스통신사. 무단전재-재배포 금지.
            rf"저작권자{_S}*{_SIGN}[^\n]{{0,60}}$",
            rf"Copyright{_S}*{_SIGN}{_NOTICE_END}",  # Copyright © 한국경제TV. All rights reserved.
            rf"Copyright{_S}*{_SIGN}[^\n]{{0,60}}$",  # Copyright ⓒ 조선일보 & chosun.com (to the end of the line)
            rf"COPYRIGHT{_S}*{_SIGN}{_NOTICE_END}",
            rf"ⓒ{_NOTICE_END}",  # ⓒ 한경닷컴, 무단전재 및 재배포 금지
            rf"©{_NOTICE_END}",
            rf"<{_S}?무단{_NO_REPRINT}",  # <무단전재 및 재배포 금지>
            rf"\[{_S}?무단{_NO_REPRINT}",
            rf"무단{_NO_REPRINT}",  # 무단 전재-재배포 금지
        ]
    ),
    re.MULTILINE,
)

# Tags Korean outlets put in brackets: [사진], [포토], [단독], [종합2보], <앵커>, …
_TAG_WORDS = (
    r"사진|포토|영상|동영상|단독|속보|종합|종합\s?\d?보|\d보|르포|그래픽|인포그래픽|표|자료사진|앵커|기자|리포트|인터뷰|"
    r"앵커\s?멘트|카드뉴스|뉴스\s?브리핑|사설|칼럼|기고|인사|부고|동정|게시판|알림|포토뉴스|오늘의\s?사진"
)
BRACKET_TAGS = re.compile(
    "|".join(
        [
            rf"\[{_S}?(?:{_TAG_WORDS}){_S}?\]",  # [사진] [포토] [단독] [종합2보]
            rf"<{_S}?(?:{_TAG_WORDS}){_S}?>",  # <사진> <앵커>
            r"◀[^◀▶\n]{1,16}▶",  # ◀ＡＮＣ▶ ◀VCR▶ ◀ E N D ▶
            r"【[^【】\n]{1,24}】",  # 【서울=뉴시스】
            rf"\[{_DATELINE_BODY}[^\[\]\n=]{{1,20}}\]",  # [서울=뉴스1]
        ]
    )
)

_CREDIT_WORD = rf"(?:사진|사진{_S}?제공|자료{_S}?사진|그래픽|제공|출처|영상{_S}?캡처|사진{_S}?출처)"
PHOTO_CREDITS = re.compile(
    "|".join(
        [
            rf"\({_S}?{_CREDIT_WORD}{_S}?[=:]{_S}?[^()\n]{{1,30}}\)",  # (사진=○○시 제공)
            rf"\[{_S}?{_CREDIT_WORD}{_S}?[=:]{_S}?[^\[\]\n]{{1,30}}\]",  # [사진 출처=서울시]
            rf"/{_S}?(?:사진|사진{_S}?제공|자료{_S}?사진|그래픽){_S}?={_S}?[^\s()]{{1,20}}",  # /사진제공=서울시
            rf"사진(?:{_S}?제공)?{_S}?={_S}?[^\s()]{{1,20}}",  # 사진=연합뉴스
            rf"자료{_S}?사진{_S}?={_S}?[^\s()]{{1,20}}",
            rf"그래픽{_S}?={_S}?[^\s()]{{1,20}}",
            r"ⓒ[ \t]?[^\s,.()<>\[\]]{1,20}",  # ⓒ 뉴스1
            r"©[ \t]?[^\s,.()<>\[\]]{1,20}",
        ]
    )
)

# Local parts start with a letter or digit; the possessive quantifier keeps a long digit run from backtracking.
EMAILS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URLS = re.compile(r"https?://[^\s<>\"'()\[\]]+|HTTPS?://[^\s<>\"'()\[\]]+|www\.[^\s<>\"'()\[\]]+|WWW\.[^\s<>\"'()\[\]]+")

# Bylines are found from their title word (기자, 특파원, 통신원: a literal, so fast to find), then the
# name, optional dateline, '/' or '[outlet' before it are matched on the reversed preceding text.
_BYLINE_TITLE = re.compile(r"기자|특파원|통신원")
_BYLINE_AFTER = re.compile(rf"{_S}*=|{_S}+{_EMAIL}|{_S}*\]|{_S}*\.?{_S}*$", re.MULTILINE)
_NAME_REV = r"[가-힣]{2,4}(?![가-힣])"
_BYLINE_BEFORE_REV = re.compile(
    rf"""
    {_S}?(?:습수|임선|원객)?{_S}?                        # 수습 / 선임 / 객원 before 기자, reversed
    {_NAME_REV}(?:{_S}?[·,ㆍ]{_S}?{_NAME_REV}){{0,3}}     # 홍길동 · 김철수·이영희 (reversed)
    (?:
        (?P<slash>{_S}?/)                                # / 홍길동 기자
      | (?P<bracket>{_S}[^\[\]\n]{{1,20}}?\[)            # [아시아투데이 홍길동 기자]
      | (?P<dateline>{_S}*\)[^()\n=]{{1,20}}={_S}?[가-힣A-Za-z ]{{1,12}}{_S}?\()  # (서울=연합뉴스) 홍길동 기자 =
    )?
    """,
    re.VERBOSE,
)
_DATELINE = re.compile(rf"\({_DATELINE_BODY}[^()\n=]{{1,20}}\){_S}*")  # (서울=연합뉴스) with no reporter after it
_LOOKBACK = 80


def _remove_recording(pattern: re.Pattern[str], text: str) -> tuple[str, list[int]]:
    """Every non-blank match removed (see `_gap`), with the offsets of the removals in `text`."""
    starts: list[int] = []

    def replace(match: re.Match[str]) -> str:
        if not match.group().strip():
            return match.group()  # blank or empty: removing it would change nothing a tokenizer sees
        starts.append(match.start())
        return _gap(text, match.start(), match.end())

    return pattern.sub(replace, text), starts


def _separator_offsets(joined: str) -> np.ndarray:
    return np.fromiter((m.start() for m in _SEP_RE.finditer(joined)), dtype=np.int64)


def _bylines(text: str) -> tuple[str, list[int]]:
    """Remove bylines; the offsets of the removals (in `text`)."""
    spans: list[tuple[int, int]] = []
    for title in _BYLINE_TITLE.finditer(text):
        start, end = title.span()
        if spans and start < spans[-1][1]:
            continue
        after = _BYLINE_AFTER.match(text, end)
        before = _BYLINE_BEFORE_REV.match(text[max(0, start - _LOOKBACK) : start][::-1])
        if before is None:
            continue
        tail = after.group() if after else ""
        if tail.strip().startswith("]"):
            if before.group("bracket") is None:
                continue
        elif after is None:  # "/ 홍길동 기자" ends a sentence: the next character is not a word
            if before.group("slash") is None or (end < len(text) and "가" <= text[end] <= "힣"):
                continue
        elif before.group("bracket") is not None:
            continue
        spans.append((start - before.end(), end + len(tail)))
    taken = list(spans)
    for dateline in _DATELINE.finditer(text):  # (서울=연합뉴스) with no reporter after it
        start, end = dateline.span()
        if not any(start < b and a < end for a, b in taken):
            spans.append((start, end))
    return _cut(text, sorted(spans))


def _cut(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    if not spans:
        return text, []
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], _gap(text, start, end)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces), [start for start, _ in spans]


def _gap(text: str, start: int, end: int) -> str:
    """What replaces a removal: nothing next to a space or an end, else one space (words stay apart)."""
    if start == 0 or end >= len(text) or text[start - 1].isspace() or text[end].isspace():
        return ""
    return " "


# Joins documents for the corpus-wide pass; no built-in rule crosses a line break into it.
_SEP = "\n\x00\n"
_SEP_RE = re.compile(re.escape(_SEP))


@dataclass(frozen=True)
class Rule:
    """One named cleaning rule: a function from text to (cleaned text, offsets of the removals)."""

    name: str
    apply: Callable[[str], tuple[str, list[int]]]
    description: str


def regex_rule(name: str, pattern: re.Pattern[str], description: str) -> Rule:
    """A rule removing every non-blank match of `pattern`."""
    return Rule(name, functools.partial(_remove_recording, pattern), description)


BUILTIN_RULES: tuple[Rule, ...] = (
    # Order matters: copyright lines and bylines contain outlet names, e-mails and URLs, and count as themselves.
    regex_rule("copyright", COPYRIGHT, "copyright notices: <저작권자 ⓒ …, 무단전재 및 재배포 금지>, Copyright ⓒ …, ⓒ 한국경제, 무단전재…"),
    regex_rule("bracket_tags", BRACKET_TAGS, "bracketed tags and datelines: [사진], [단독], <앵커>, ◀ＡＮＣ▶, 【서울=뉴시스】, [서울=뉴스1]"),
    Rule("bylines", _bylines, "bylines: (서울=연합뉴스) 홍길동 기자 =, 홍길동 기자 hong@yna.co.kr, / 홍길동 기자, [아시아투데이 홍길동 기자]"),
    regex_rule("photo_credits", PHOTO_CREDITS, "photo credits: 사진=연합뉴스, (사진=○○시 제공), /사진제공=…, ⓒ 뉴스1"),
    regex_rule("emails", EMAILS, "e-mail addresses"),
    regex_rule("urls", URLS, "web addresses: http(s)://… and www.…"),
)
OUTLET_DESCRIPTION = "the outlets' own names (every outlet seen in the corpus), exact strings, longest first"
BUILTIN_NAMES: tuple[str, ...] = (*(r.name for r in BUILTIN_RULES), OUTLET_RULE)
RULE_DESCRIPTIONS: dict[str, str] = {**{r.name: r.description for r in BUILTIN_RULES}, OUTLET_RULE: OUTLET_DESCRIPTION}


def compile_user_patterns(patterns: Mapping[str, str]) -> tuple[Rule, ...]:
    """The user's own rules (name → regex), validated; an invalid one is a ConfigError naming its key."""
    rules = []
    for name, pattern in patterns.items():
        if name in BUILTIN_NAMES:
            raise ConfigError(f"cleaning.patterns.{name}: the name of a built-in rule; expected a new name")
        try:
            compiled = re.compile(pattern, re.MULTILINE)
        except re.error as exc:
            raise ConfigError(f"cleaning.patterns.{name}: not a valid regular expression ({exc})") from None
        rules.append(regex_rule(name, compiled, f"user pattern {pattern!r}"))
    return tuple(rules)


def outlet_pattern(outlets: Iterable[str | None]) -> re.Pattern[str] | None:
    """One regex for the exact outlet names, built as a trie so that the longest name wins and matching stays fast.

    Names shorter than two characters are ignored (too likely to be ordinary text).  A name is only
    removed as a word of its own: not inside a longer Latin/digit run (뉴스1 not in 뉴스10, 연합뉴스 not
    in 연합뉴스TV, OBS not in JOBS) nor inside a longer Korean word (한국경제 not in 한국경제연구원), but
    with a particle after it (아시아투데이는, 연합뉴스에).  The end is checked here, the start by `_outlet_names`.
    """
    names = sorted({unicodedata.normalize("NFC", n).strip() for n in outlets if isinstance(n, str)})
    names = [n for n in names if len(n) >= 2]
    if not names:
        return None
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True
    return re.compile(rf"{_trie_regex(trie)}(?![0-9A-Za-z])(?!(?!{_PARTICLE_START})[가-힣])")


# First syllables of the particles and suffixes that follow a name: 는, 에서, 과의, 보다, 측, 발, …
_PARTICLE_START = r"[은는이가을를의에와과도로만처보측발께엔란]"


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # the name may stop here, but a longer name through this node is tried first (greedy ?)
        return f"(?:{body})?"
    return body


def _outlet_names(pattern: re.Pattern[str], text: str) -> tuple[str, list[int]]:
    def replace(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start else " "
        if (before.isascii() and before.isalnum()) or "가" <= before <= "힣":
            return match.group()  # the end of a longer word
        starts.append(start)
        return _gap(text, start, match.end())

    starts: list[int] = []
    return pattern.sub(replace, text), starts


@dataclass(frozen=True)
class Cleaner:
    """The active rules of a study, in order, and the corpus's outlet names; built once, used for every document."""

    rules: tuple[Rule, ...]
    outlets: tuple[str, ...] = ()
    outlet_rule: bool = True
    _outlet_pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        *,
        rules: Mapping[str, bool] | None = None,
        patterns: Mapping[str, str] | None = None,
        outlets: Iterable[str | None] = (),
    ) -> Cleaner:
        """Built-in rules switched by `rules` (each on unless set False), then the user's `patterns`, then outlet names."""
        switches = dict(rules or {})
        unknown = sorted(set(switches) - set(BUILTIN_NAMES))
        if unknown:
            raise ConfigError(f"cleaning.rules.{unknown[0]}: unknown rule; expected one of {', '.join(BUILTIN_NAMES)}")
        active = tuple(r for r in BUILTIN_RULES if switches.get(r.name, True)) + compile_user_patterns(patterns or {})
        names = tuple(sorted({n.strip() for n in outlets if isinstance(n, str) and n.strip()}))
        use_outlets = switches.get(OUTLET_RULE, True)
        return cls(active, names, use_outlets, outlet_pattern(names) if use_outlets else None)

    @property
    def rule_names(self) -> list[str]:
        return [r.name for r in self.rules] + ([OUTLET_RULE] if self.outlet_rule else [])

    def _steps(self, outlet: str | None = None) -> list[tuple[str, Callable[[str], tuple[str, list[int]]]]]:
        steps = [(r.name, r.apply) for r in self.rules]
        if self.outlet_rule:
            pattern = self._outlet_pattern
            if isinstance(outlet, str) and outlet.strip() and outlet.strip() not in self.outlets:
                pattern = outlet_pattern([*self.outlets, outlet])
            if pattern is not None:
                steps.append((OUTLET_RULE, functools.partial(_outlet_names, pattern)))
        return steps

    def clean(self, text: str | None, *, outlet: str | None = None) -> tuple[str, dict[str, int]]:
        """The text without boilerplate, and the removals per rule (every active rule present, 0 when none).

        `outlet` is the document's own outlet, removed too when it is not among the corpus's outlets.
        """
        counts = dict.fromkeys(self.rule_names, 0)
        if not isinstance(text, str) or not text:  # None / NaN: nothing to clean
            return "", counts
        steps = self._steps(outlet)
        removed = True
        while removed:  # again until nothing is removed: one removal can bring two pieces of boilerplate together
            removed = False
            for name, apply in steps:
                text, starts = apply(text)
                counts[name] += len(starts)
                removed = removed or bool(starts)
        return text, counts

    def clean_many(self, texts: list[str | None]) -> tuple[list[str], dict[str, np.ndarray]]:
        """Many texts at once, equal text for text to `clean` (a test holds it to that), and much faster.

        Each rule runs once over all texts joined into one string (then again over those it changed),
        which saves a regex call per text and rule.  Returns the cleaned texts and, per rule, the
        removals per text.  The outlet names are the cleaner's corpus-wide set.
        """
        result = [t if isinstance(t, str) else "" for t in texts]  # None / NaN: nothing to clean
        counts = {name: np.zeros(len(result), dtype=np.int64) for name in self.rule_names}
        steps = self._steps()
        todo = np.arange(len(result))
        while len(todo):
            joined = _SEP.join(result[i] for i in todo)
            if joined.count(_SEP) != len(todo) - 1:  # a text holds the separator itself: one text at a time
                return self._one_by_one(texts)
            changed = np.zeros(len(todo), dtype=bool)
            for name, apply in steps:
                before = joined
                joined, starts = apply(joined)
                if not starts:
                    continue
                owners = np.searchsorted(_separator_offsets(before), np.asarray(starts, dtype=np.int64))
                counts[name] += np.bincount(todo[owners], minlength=len(result))
                changed[owners] = True
            if joined.count(_SEP) != len(todo) - 1:  # a user pattern reached into a separator: one text at a time
                return self._one_by_one(texts)
            for i, piece in zip(todo, joined.split(_SEP), strict=True):
                result[i] = piece
            todo = todo[changed]
        return result, counts

    def _one_by_one(self, texts: list[str | None]) -> tuple[list[str], dict[str, np.ndarray]]:
        counts = {name: np.zeros(len(texts), dtype=np.int64) for name in self.rule_names}
        result = []
        for i, text in enumerate(texts):
            cleaned, n = self.clean(text)
            result.append(cleaned)
            for name, k in n.items():
                counts[name][i] = k
        return result, counts


COUNT_COLUMNS = ["query", "year", "rule", "removals", "documents_touched"]
# Characters cleaned per `clean_many` call: the joined string and each rule's output are copies of
# what is cleaned at once, so a corpus is cleaned in pieces of this size (about 20 MB of Korean text
# a copy) rather than whole (five copies of a 100k-article corpus were ~1.7 GB).
_CHUNK_CHARS = 10_000_000


def _chunks(lengths: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of consecutive documents of about `_CHUNK_CHARS` characters together (at least one document)."""
    ends = np.cumsum(lengths, dtype=np.int64)
    bounds, start = [], 0
    while start < len(lengths):
        base = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, base + _CHUNK_CHARS, side="right")))
        bounds.append((start, stop))
        start = stop
    return bounds


def clean_documents(
    documents: pd.DataFrame,
    *,
    rules: Mapping[str, bool] | None = None,
    patterns: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A new documents frame with title and body cleaned, and the removals per query × year × rule.

    The outlet names removed are every outlet in the frame's `outlet` column.  `documents_touched`
    counts documents (title or body) with at least one removal by the rule.  The input is not modified.
    """
    missing = [c for c in ("title", "body", "outlet", "query", "year") if c not in documents.columns]
    if missing:
        raise ValueError(f"documents frame lacks column(s) {', '.join(missing)}")
    cleaner = Cleaner.build(rules=rules, patterns=patterns, outlets=documents["outlet"].dropna().unique())
    n = len(documents)
    titles: list[str] = []
    bodies: list[str] = []
    per_doc_counts = {name: np.zeros(n, dtype=np.int64) for name in cleaner.rule_names}
    lengths = np.fromiter((len(t) if isinstance(t, str) else 0 for column in ("title", "body") for t in documents[column]), dtype=np.int64, count=2 * n)
    for start, stop in _chunks(lengths[:n] + lengths[n:]):
        m = stop - start
        texts, counts = cleaner.clean_many([*documents["title"].iloc[start:stop].tolist(), *documents["body"].iloc[start:stop].tolist()])
        titles += texts[:m]
        bodies += texts[m:]
        for name, c in counts.items():
            per_doc_counts[name][start:stop] = c[:m] + c[m:]
        del texts
    cleaned = documents.copy()
    for column, values in (("title", titles), ("body", bodies)):  # a missing title or body stays missing
        cleaned[column] = pd.Series(values, index=documents.index, dtype="object").where(documents[column].notna(), None)
    del titles, bodies
    if not n:
        return cleaned, pd.DataFrame({c: pd.Series(dtype="int64" if c in ("year", "removals", "documents_touched") else "object") for c in COUNT_COLUMNS})
    per_doc = pd.DataFrame(per_doc_counts, index=documents.index)
    per_doc["query"], per_doc["year"] = documents["query"].to_numpy(), documents["year"].to_numpy()
    long = per_doc.melt(id_vars=["query", "year"], var_name="rule", value_name="removals")
    long["documents_touched"] = (long["removals"] > 0).astype("int64")
    table = long.groupby(["query", "year", "rule"], sort=False, observed=True)[["removals", "documents_touched"]].sum().reset_index()
    order = {name: i for i, name in enumerate(cleaner.rule_names)}
    table = table.sort_values(["query", "year", "rule"], key=lambda s: s.map(order) if s.name == "rule" else s, kind="stable")
    table["year"] = table["year"].astype("int64")
    return cleaned, table.reset_index(drop=True)[COUNT_COLUMNS]
