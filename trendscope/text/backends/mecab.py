"""Mecab-ko (python-mecab-ko) with the mecab-ko-dic dictionary from its pip package; no system install.

The lexicon becomes a compiled MeCab user dictionary: a CSV in mecab-ko-dic's
format with empty context ids and cost, which `mecab-dict-index` (shipped in the
wheel, run as `python -m mecab dict-index`) estimates from the dictionary's model.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from trendscope.errors import TokenizerError
from trendscope.text.backends.base import Morpheme
from trendscope.text.pos import sejong_to_common


def _has_final_consonant(word: str) -> str:
    last = word[-1]
    if "가" <= last <= "힣":
        return "T" if (ord(last) - 0xAC00) % 28 else "F"
    return "F"  # not Hangul: mecab-ko-dic still needs T or F for its context ids


def user_dictionary_csv(user_words: Sequence[tuple[str, str]]) -> str:
    """mecab-ko-dic CSV rows: surface,left-id,right-id,cost,tag,semantic,final consonant,reading,type,first,last,expression."""
    rows = []
    for word, tag in user_words:
        if "," in word or not word.strip():
            continue  # a comma cannot be written in MeCab's CSV
        rows.append(f"{word},,,,{tag},*,{_has_final_consonant(word)},{word},*,*,*,*\n")
    return "".join(rows)


def compile_user_dictionary(user_words: Sequence[tuple[str, str]], folder: Path) -> Path:
    """Compile the user words into folder/user.dic with the wheel's mecab-dict-index."""
    source, target = folder / "user.csv", folder / "user.dic"
    source.write_text(user_dictionary_csv(user_words), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mecab", "dict-index", "-u", str(target), "-f", "utf-8", "-t", "utf-8", str(source)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not target.is_file():
        raise TokenizerError(f"could not compile the Mecab user dictionary: {(done.stderr or done.stdout).strip()[-300:]}")
    return target


class MecabBackend:
    name = "mecab"
    native_user_dictionary = True

    def __init__(self, user_words: Sequence[tuple[str, str]] = ()) -> None:
        try:
            import mecab
        except ImportError:
            raise TokenizerError("the mecab backend needs python-mecab-ko; run `make install`") from None
        with tempfile.TemporaryDirectory(prefix="trendscope-mecab-") as tmp:
            userdic = compile_user_dictionary(user_words, Path(tmp)) if user_words else None
            # The tagger reads the user dictionary in its constructor.
            self._mecab = mecab.MeCab(user_dictionary_path=str(userdic) if userdic else None)

    def version(self) -> str:
        return f"python-mecab-ko {metadata.version('python-mecab-ko')} (mecab-ko-dic {metadata.version('python-mecab-ko-dic')})"

    def analyze(self, sentences: Sequence[str]) -> list[list[Morpheme]]:
        return [self._morphemes(s) for s in sentences]

    def _morphemes(self, sentence: str) -> list[Morpheme]:
        """`MeCab.pos(sentence)` with tags mapped, read straight off the lattice: `pos` builds three named tuples per
        morpheme from its whole feature string (Feature._from_feature), two thirds of this backend's time on BigKinds
        excerpts, to keep one field.  The same lattice, the same surface, the feature's first field: the same pairs
        (tests/text/backends/test_mecab.py compares them with `pos`)."""
        from mecab import MeCabError
        from mecab.utils import create_lattice

        lattice = create_lattice(sentence)
        if not self._mecab._tagger.parse(lattice):
            raise MeCabError(self._mecab._tagger.what())
        out = []
        for _, node in lattice:
            feature = node.feature
            if feature.count(",") != 7:  # `pos` asserts eight fields: such a sentence fails there, so it fails here
                raise MeCabError(f"unexpected feature {feature!r}")
            out.append((node.surface, sejong_to_common(feature.partition(",")[0])))
        return out

