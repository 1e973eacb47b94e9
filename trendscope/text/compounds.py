"""Re-join lexicon compounds an analyzer split, the same way for every backend.

Analyzers without a loadable user dictionary (Okt, Hannanum, Kkma) cut 리빙랩 into
리빙 + 랩 and 지방자치단체 into 지방 + 자치 + 단체.  Adjacent morphemes whose
concatenation (spaces and letter case ignored) is a dictionary term become one token with the
term's POS, longest match first.  Particles and endings never take part, so a
term is only formed from content morphemes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from trendscope.text.backends.base import Morpheme
from trendscope.text.pos import NOUN_POS

_NEVER_INSIDE = frozenset({"particle", "ending"})
_TAG_POS = {"NNP": "proper_noun", "NNG": "noun"}
_MAX_KEYS = 200_000  # normalised forms kept per joiner (~30 MB at most; a 100k-article corpus has more distinct forms)


@dataclass(frozen=True)
class CompoundJoiner:
    """Longest-match joining of split morphemes into known terms (joined spelling → POS)."""

    terms: dict[str, str]
    prefixes: frozenset[str]
    max_parts: int = 8
    # form → its spelling without spaces, case-folded, as terms are keyed: a document repeats few forms, and
    # normalising each morpheme again was most of the joiner's time (0.28 CPU-s of a worker's ~5 on 840k characters).
    _keys: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_words(cls, words: Iterable[tuple[str, str]], max_parts: int = 8) -> CompoundJoiner:
        """`words` are (term, Sejong tag) pairs, as `Lexicon.backend_words()` gives them."""
        terms = {"".join(word.split()).casefold(): _TAG_POS.get(tag, "proper_noun") for word, tag in words if word.strip()}
        prefixes = frozenset(term[:i] for term in terms for i in range(1, len(term) + 1))
        return cls(terms, prefixes, max_parts)

    def join(self, morphs: Sequence[Morpheme]) -> list[Morpheme]:
        """The morphemes with every split dictionary term put back together."""
        if not self.terms:
            return list(morphs)
        out: list[Morpheme] = []
        keys, prefixes = self._keys, self.prefixes
        if len(keys) > _MAX_KEYS:
            keys.clear()
        i, n = 0, len(morphs)
        while i < n:
            form, pos = morphs[i]
            key = keys.get(form)
            if key is None:
                key = keys[form] = "".join(form.split()).casefold()
            if pos in _NEVER_INSIDE or key not in prefixes:  # most morphemes start no term: the loop below would stop at once
                out.append(morphs[i])
                i += 1
                continue
            match_end, text = -1, ""
            for j in range(i, min(n, i + self.max_parts)):
                form, pos = morphs[j]
                if pos in _NEVER_INSIDE:
                    break
                key = keys.get(form)
                if key is None:
                    key = keys[form] = "".join(form.split()).casefold()
                text += key
                if text not in prefixes:
                    break
                if j > i and text in self.terms:
                    match_end = j
            if match_end > i:
                joined = "".join("".join(f.split()) for f, _ in morphs[i : match_end + 1])
                out.append((joined, self.terms[joined.casefold()]))
                i = match_end + 1
            else:
                out.append(morphs[i])
                i += 1
        return out



def join_numbered_names(morphs: Sequence[Morpheme], sentence: str) -> list[Morpheme]:
    """Names that end in digits, whole: 코로나19 analysed as 코로나/NNP + 19/NNP becomes 코로나19.

    Komoran tags the digits of such a name as a noun (a free-standing number is SN, "number"), so a
    keyword list would count a bare "19".  A digit morpheme tagged as a noun joins the noun before it when
    the two are written together in the sentence; otherwise it stays apart, and the tokenizer drops it
    as a number.
    """
    out: list[Morpheme] = []
    for form, pos in morphs:
        if out and pos in NOUN_POS and form.isdigit() and out[-1][1] in NOUN_POS and out[-1][0] + form in sentence:
            out[-1] = (out[-1][0] + form, out[-1][1])
        else:
            out.append((form, pos))
    return out
