"""The benchmark corpora on disk: a BigKinds-shaped export (POI .xlsx, as the site writes it) and full-length JSON Lines.

Both come from the seeded generators in trendscope.corpus.demo_generator, so every
machine benchmarks the same bytes.  Files are written under bench/.work/ (git-ignored).
"""

from __future__ import annotations

import json
from pathlib import Path

from trendscope.corpus.demo_generator import BIGKINDS_YEARS, YEARS, iter_bigkinds_records, iter_fulltext_records

WORK = Path(__file__).resolve().parent / ".work"
LEXICON = Path(__file__).resolve().parents[1] / "trendscope" / "resources" / "lexicon"
QUERY = """queries:
  - key: smartcity
    label: 스마트시티
    terms: [스마트시티, 스마트 시티, 스마트도시]
"""


def _bigkinds_row(record: dict[str, str], number: int) -> list[str]:
    from trendscope.corpus.sources.bigkinds import COLUMNS

    day = record["date"].replace("-", "")
    values = {"뉴스 식별자": f"0110{number % 97:04d}.{day}{number:09d}", "일자": day, "언론사": record["outlet"], "기고자": "",
              "제목": record["title"], "통합 분류1": record["category"], "본문": record["body"], "URL": record["url"], "분석제외 여부": ""}
    return [values.get(column, "") for column in COLUMNS]


def bigkinds_study(folder: Path, n: int = 10_000, *, backend: str = "komoran", notebooks: bool = True, topics_engine: str = "gensim") -> Path:
    """A study folder with one BigKinds POI export of `n` articles over 2006-2024; returns its study file
    (the whole study: notebooks included, as issue 15 asks)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.corpus.bigkinds_fixtures import write_bigkinds_workbook

    export = folder / "exports" / f"NewsResult_{n}.xlsx"
    if not export.is_file():
        rows = [_bigkinds_row(r, i) for i, r in enumerate(iter_bigkinds_records(n), start=1)]
        write_bigkinds_workbook(export, rows, form="poi")
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
