"""The benchmark corpora on disk: BigKinds-shaped exports (POI .xlsx, as the site writes them) and full-length JSON Lines.

Both come from the seeded generators in trendscope.corpus.demo_generator, so every
machine benchmarks the same bytes.  Files are written under bench/.work/ (git-ignored).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from trendscope.corpus.demo_generator import (
    BIGKINDS_YEARS,
    CITIES,
    COMPANIES,
    GIVEN_NAMES,
    SURNAMES,
    UNIVERSITIES,
    YEARS,
    iter_bigkinds_records,
    iter_fulltext_records,
)

WORK = Path(__file__).resolve().parent / ".work"
LEXICON = Path(__file__).resolve().parents[1] / "trendscope" / "resources" / "lexicon"
QUERY = """queries:
  - key: smartcity
    label: 스마트시티
    terms: [스마트시티, 스마트 시티, 스마트도시]
"""


# What the site's exports hold beyond the text (tests/corpus/bigkinds_fixtures.py `entity_row`, news_fixtures.py
# `bigkinds_row`): rows newest first, 기고자 filled, the entity columns comma-joined without spaces.  The site's extractor
# reads the whole article; these columns are read from the title and the 200-character excerpt, so they are shorter.
_WORD = re.compile(r"([가-힣]{2,}?)(?:에서|으로|에게|부터|까지|이며|[을를이가은는의에로과와도만])?(?![가-힣])")  # a word less its particle
_NAMES = re.compile(f"(?:{'|'.join(SURNAMES)})(?:{'|'.join(GIVEN_NAMES)})")
_BYLINE = re.compile(f"({_NAMES.pattern}) 기자")
_ORGS = re.compile(f"{'|'.join(COMPANIES + UNIVERSITIES)}|[가-힣]{{3,}}부(?=(?:[는가의와과를에도])?(?![가-힣]))")  # and ministries
_PLACES = re.compile("|".join(CITIES))
# The researcher's four downloads of the genuine 19-year study: one file per period (the site caps a download).
EXPORT_PERIODS: tuple[tuple[int, int], ...] = ((2006, 2012), (2013, 2017), (2018, 2021), (2022, 2024))


def _joined(pattern: re.Pattern[str], text: str, limit: int | None = None) -> str:
    return ",".join(list(dict.fromkeys(pattern.findall(text)))[:limit])


def _bigkinds_row(record: dict[str, str], number: int) -> list[str]:
    from trendscope.corpus.sources.bigkinds import COLUMNS

    day = record["date"].replace("-", "")
    text = f"{record['title']} {record['body']}"
    byline = _BYLINE.search(record["body"])
    values = {"뉴스 식별자": f"0110{number % 97:04d}.{day}{number:09d}", "일자": day, "언론사": record["outlet"],
              "기고자": f"{byline.group(1)} 기자" if byline else "", "제목": record["title"], "통합 분류1": record["category"],
              "인물": _joined(_NAMES, text), "위치": _joined(_PLACES, text), "기관": _joined(_ORGS, text),
              "키워드": _joined(_WORD, text), "특성추출(가중치순 상위 50개)": _joined(_WORD, text, 50),
              "본문": record["body"], "URL": record["url"], "분석제외 여부": ""}
    return [values.get(column, "") for column in COLUMNS]


SHAPE = "s26b"  # change it with _bigkinds_row or EXPORT_PERIODS: the files on disk are reused while it stays


def bigkinds_folder(n: int) -> Path:
    """Where the n-article BigKinds corpus lives (named by its shape: files of an earlier shape are not reused)."""
    return WORK / f"bk{n // 1000}k-{SHAPE}"


def bigkinds_study(folder: Path, n: int = 10_000, *, backend: str = "komoran", notebooks: bool = True, topics_engine: str = "gensim") -> Path:
    """A study folder with `n` articles over 2006-2024 in four BigKinds POI exports, one per period of
    EXPORT_PERIODS, newest first as the site writes them; returns its study file (the whole study: notebooks
    included, as issue 15 asks)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.corpus.bigkinds_fixtures import write_bigkinds_workbook

    exports = folder / "exports"
    paths = [exports / f"NewsResult_{low}0101-{high}1231.xlsx" for low, high in EXPORT_PERIODS]
    if not all(p.is_file() for p in paths):
        rows = [(int(r["date"][:4]), _bigkinds_row(r, i)) for i, r in enumerate(iter_bigkinds_records(n), start=1)]
        for path, (low, high) in zip(paths, EXPORT_PERIODS, strict=True):
            period = [row for year, row in rows if low <= year <= high]
            write_bigkinds_workbook(path, sorted(period, key=lambda row: row[1], reverse=True), form="poi")  # 일자, newest first
    return _study(folder, f"years: {BIGKINDS_YEARS[0]}-{BIGKINDS_YEARS[-1]}\nsources:\n  bigkinds:\n    paths: [exports/]\n    query: smartcity\n",
                  backend, notebooks, topics_engine)


def fulltext_study(folder: Path, n: int = 100_000, *, backend: str = "komoran", notebooks: bool = False, topics: str = "") -> Path:
    """A study folder with `n` full-length articles (JSON Lines, files source) over 2010-2024; returns its study file."""
    data = folder / "articles.jsonl"
    if not data.is_file():
        data.parent.mkdir(parents=True, exist_ok=True)
        with data.open("w", encoding="utf-8") as out:
            for r in iter_fulltext_records(n):
                out.write(json.dumps({"date": r["date"], "title": r["title"], "text": r["body"], "url": r["url"], "outlet": r["outlet"]}, ensure_ascii=False) + "\n")
    return _study(folder, f"years: {YEARS[0]}-{YEARS[-1]}\nsources:\n  files:\n    paths: [articles.jsonl]\n    query: smartcity\n", backend, notebooks, topics=topics)


def _study(folder: Path, sources: str, backend: str, notebooks: bool, topics_engine: str = "gensim", topics: str = "") -> Path:
    # one file per analyzer and engine: studies of the same corpus do not overwrite each other
    study = folder / (f"study-{backend}.yaml" if topics_engine == "gensim" else f"study-{backend}-{topics_engine}.yaml")
    # the engine line only when not the default, so the study file also runs on commits older than topics.engine
    topics = (f"  engine: {topics_engine}\n" if topics_engine != "gensim" else "") + topics
    topics_section = f"topics:\n{topics}" if topics else ""
    study.write_text(
        f"title: bench\nseed: 42\n{sources}{QUERY}tokenizer:\n  backend: {backend}\n  pos: [noun, proper_noun]\n  min_length: 2\n"
        f"  lexicon:\n    userdic: {LEXICON / 'userdic.txt'}\n    synonyms: {LEXICON / 'synonyms.txt'}\n    stopwords: {LEXICON / 'stopwords.txt'}\n"
        f"{topics_section}report:\n  notebooks: {'true' if notebooks else 'false'}\n",
        encoding="utf-8",
    )
    return study
