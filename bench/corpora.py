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


# The genuine exports issue 26 measured (10,047 articles in four files, one a period) fill every column: 키워드 lists the
# nouns of the whole article (≈250 words), 특성추출 its 50 heaviest, 인물/위치/기관 the names it mentions.  Those columns
# make the workbook about four times the XML of title + excerpt alone, and reading it is what the documents stage
# spends most on, so the bench export fills them too (an export with them empty read 5-8× faster than the genuine ones).
# The researcher's four downloads of the genuine 19-year study: one file per period (the site caps a download).
EXPORT_PERIODS: tuple[tuple[int, int], ...] = ((2006, 2012), (2013, 2017), (2018, 2021), (2022, 2024))
KEYWORD_WORDS = (150, 350)
_PARTICLE = re.compile(r"(으로|에서|에게|까지|부터|이며|이다|하는|했다|한다|된다|과|와|은|는|이|가|을|를|의|에|도|로)$")
_HANGUL_WORD = re.compile(r"[가-힣]{2,}")
_ORGS = re.compile(r"[가-힣]{2,}(?:부|청|처|공사|공단|위원회|재단|연구원|진흥원)$")


def _nouns(text: str) -> list[str]:
    """The text's words with a trailing particle cut off (a crude stand-in for the site's noun extractor)."""
    words = (_PARTICLE.sub("", w) for w in _HANGUL_WORD.findall(text))
    return [w for w in words if len(w) >= 2]


def _bigkinds_row(record: dict[str, str], number: int, vocabulary: list[str]) -> list[str]:
    """One export row with every column filled as the site fills it, from a record and a seeded draw."""
    import random

    from trendscope.corpus.sources.bigkinds import COLUMNS

    rng = random.Random(f"bench-bigkinds-{number}")
    day = record["date"].replace("-", "")
    seen = list(dict.fromkeys(_nouns(record["title"] + " " + record["body"])))
    # the rest of the article, which the 200-character excerpt does not hold
    keywords = list(dict.fromkeys(seen + rng.sample(vocabulary, min(len(vocabulary), rng.randint(*KEYWORD_WORDS)))))
    reporter = next(iter(re.findall(r"([가-힣]{3}) 기자", record["body"])), rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES))
    people = [rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES) for _ in range(rng.randint(0, 4))]
    places = [w for w in seen if w in CITIES] + rng.sample(CITIES, rng.randint(1, 4))
    orgs = [w for w in seen if _ORGS.match(w)] + rng.sample(COMPANIES + UNIVERSITIES, rng.randint(0, 3))
    values = {
        "뉴스 식별자": f"0110{number % 97:04d}.{day}{number:09d}", "일자": day, "언론사": record["outlet"], "기고자": f"{reporter} 기자",
        "제목": record["title"], "통합 분류1": f"{record['category']}>{record['category']}일반", "통합 분류2": rng.choice(("", "사회>사회일반", "경제>경제일반")),
        "통합 분류3": "", "사건/사고 분류1": rng.choice(("", "", "", "사고>교통사고")), "인물": ",".join(dict.fromkeys(people)),
        "위치": ",".join(dict.fromkeys(places)), "기관": ",".join(dict.fromkeys(orgs)), "키워드": ",".join(keywords),
        "특성추출(가중치순 상위 50개)": ",".join(keywords[:50]), "본문": record["body"], "URL": record["url"], "분석제외 여부": "",
    }
    return [values.get(column, "") for column in COLUMNS]


def bigkinds_exports(folder: Path, n: int) -> list[Path]:
    """`n` articles over 2006-2024 as POI workbooks, one per period of EXPORT_PERIODS, named as the site names them
    (NewsResult_20060101-20121231.xlsx), each newest first; written once (an export of an older shape is removed)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.corpus.bigkinds_fixtures import write_bigkinds_workbook
    from trendscope.corpus.sources.bigkinds import COLUMNS

    exports = folder / "exports"
    paths = [exports / f"NewsResult_{low}0101-{high}1231.xlsx" for low, high in EXPORT_PERIODS]
    stale = [p for p in exports.glob("NewsResult_*.xlsx") if p not in paths] if exports.is_dir() else []
    for path in stale:  # the bench's own file of an earlier shape, which collect would otherwise read too
        path.unlink()
    if all(p.is_file() for p in paths):
        return paths
    records = list(iter_bigkinds_records(n))
    vocabulary = sorted({w for r in records for w in _nouns(r["title"] + " " + r["body"])})
    rows = [(int(r["date"][:4]), _bigkinds_row(r, i, vocabulary)) for i, r in enumerate(records, start=1)]
    date = COLUMNS.index("일자")
    for path, (low, high) in zip(paths, EXPORT_PERIODS, strict=True):
        period = [row for year, row in rows if low <= year <= high]
        write_bigkinds_workbook(path, sorted(period, key=lambda row: row[date], reverse=True), form="poi")  # newest first
    return paths


SHAPE = "s26c"  # change it with _bigkinds_row or EXPORT_PERIODS: the files on disk are reused while it stays


def bigkinds_folder(n: int) -> Path:
    """Where the n-article BigKinds corpus lives (named by its shape: files of an earlier shape are not reused)."""
    return WORK / f"bk{n // 1000}k-{SHAPE}"


def bigkinds_study(folder: Path, n: int = 10_000, *, backend: str = "komoran", notebooks: bool = True, topics_engine: str = "gensim") -> Path:
    """A study folder with `n` articles over 2006-2024 in four BigKinds POI exports (`bigkinds_exports`, one per period of
    EXPORT_PERIODS, newest first as the site writes them); returns its study file (the whole study: notebooks included,
    as issue 15 asks)."""
    bigkinds_exports(folder, n)
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
