import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trendscope.corpus.dedup import drop_url_duplicates, mark_near_duplicates, mark_title_duplicates, normalise_title, shingles, title_copy_examples

BODY = "서울시는 스마트시티 조성을 위해 자율주행 셔틀과 디지털트윈 플랫폼을 도입한다고 24일 밝혔다. 시는 이번 사업으로 교통 혼잡을 줄이고 시민 안전을 높일 계획이다. 사업비는 국비와 시비를 합쳐 120억원 규모이며, 내년 상반기까지 시범 구간을 운영한 뒤 성과를 평가해 다른 자치구로 확대할 예정이다. 시 관계자는 시민이 체감할 수 있는 서비스를 만들겠다고 말했다."


def frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "query", "date", "title", "body", "url"])


def test_wire_copy_points_to_the_earlier_article():
    docs = frame(
        [
            ("b-copy", "a", dt.date(2020, 3, 2), "서울시 스마트시티 추진", "[연합] " + BODY + " 무단전재 및 재배포 금지", "u2"),
            ("a-orig", "a", dt.date(2020, 3, 1), "서울시 스마트시티 추진", BODY, "u1"),
            ("c-other", "a", dt.date(2020, 3, 1), "사회혁신 리빙랩", "주민참여형 리빙랩이 마을공동체 문제를 해결하는 사회혁신 실험으로 주목받고 있다. 구청은 청년 일자리와도 연결할 방침이다.", "u3"),
            ("d-otherquery", "b", dt.date(2020, 3, 5), "서울시 스마트시티 추진", BODY, "u4"),
        ]
    )
    dup_of = mark_near_duplicates(frame=docs)
    by_id = dict(zip(docs["doc_id"], dup_of, strict=True))
    assert by_id["b-copy"] == "a-orig"
    assert pd.isna(by_id["a-orig"]) and pd.isna(by_id["c-other"])
    assert pd.isna(by_id["d-otherquery"])  # duplicates are linked within a query only


def test_deterministic_whatever_the_row_order():
    docs = frame([(f"d{i}", "a", dt.date(2020, 1, 1 + i % 3), "t", BODY + (" 추가" * (i % 2)), f"u{i}") for i in range(8)])
    first = dict(zip(docs["doc_id"], mark_near_duplicates(docs), strict=True))
    shuffled = docs.sample(frac=1, random_state=3)
    second = dict(zip(shuffled["doc_id"], mark_near_duplicates(shuffled), strict=True))
    assert first == second
    assert pd.isna(first["d0"]) and sum(pd.notna(v) for v in first.values()) == 7


def test_url_duplicates_keep_the_earliest():
    docs = frame(
        [
            ("x2", "a", dt.date(2020, 1, 2), "t", "b", "same"),
            ("x1", "a", dt.date(2020, 1, 1), "t", "b", "same"),
            ("x3", "b", dt.date(2020, 1, 3), "t", "b", "same"),
            ("x4", "a", dt.date(2020, 1, 3), "t", "b", None),
            ("x5", "a", dt.date(2020, 1, 3), "t", "b", None),
        ]
    )
    kept, dropped = drop_url_duplicates(docs)
    assert dropped == 1
    assert sorted(kept["doc_id"]) == ["x1", "x3", "x4", "x5"]


def test_shingles_ignore_spacing():
    assert shingles("스마트 시티", 3) == shingles("스마트시티", 3)
    assert shingles("", 5) == []


def test_planted_near_duplicates_and_the_threshold():
    from trendscope.corpus.dedup import DedupParams

    light = BODY.replace("24일", "25일") + " (서울=연합뉴스)"  # a wire copy with a byline: Jaccard 0.89
    heavy = BODY[: len(BODY) // 2] + " 시민 의견을 듣는 공청회도 열기로 했다."  # half rewritten: Jaccard 0.46
    docs = frame(
        [
            ("orig", "a", dt.date(2020, 5, 1), "서울시 스마트시티", BODY, "u1"),
            ("light", "a", dt.date(2020, 5, 2), "서울시 스마트시티", light, "u2"),
            ("heavy", "a", dt.date(2020, 5, 3), "서울시 스마트시티", heavy, "u3"),
            ("other", "a", dt.date(2020, 5, 3), "사회혁신 리빙랩", "주민참여형 리빙랩이 마을공동체 문제를 해결한다.", "u4"),
        ]
    )
    strict = dict(zip(docs["doc_id"], mark_near_duplicates(docs, DedupParams(threshold=0.8, shingle=5)), strict=True))
    loose = dict(zip(docs["doc_id"], mark_near_duplicates(docs, DedupParams(threshold=0.3, shingle=5)), strict=True))
    assert strict["light"] == "orig" and pd.isna(strict["heavy"])
    assert loose["light"] == "orig" and loose["heavy"] == "orig" and pd.isna(loose["other"])


def _reference_dup_of(docs, params):
    """The per-document implementation the vectorised one replaced: one datasketch MinHash and MinHashLSH query per document."""
    from datasketch import MinHash, MinHashLSH

    dup_of = pd.Series(pd.NA, index=docs.index, dtype="string")
    for _query, group in docs.groupby("query", sort=True):
        group = group.sort_values(["date", "doc_id"], kind="stable")
        lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
        order: dict[str, int] = {}
        for index, doc_id, title, body in zip(group.index, group["doc_id"], group["title"], group["body"], strict=True):
            grams = shingles(f"{title or ''} {body or ''}", params.shingle)
            if not grams:
                continue
            sketch = MinHash(num_perm=params.num_perm, seed=params.seed)
            sketch.update_batch(grams)
            matches = lsh.query(sketch)
            if matches:
                dup_of[index] = min(matches, key=order.__getitem__)
            elif doc_id not in order:
                order[doc_id] = len(order)
                lsh.insert(doc_id, sketch)
    return dup_of


def _random_corpus(seed: int, n: int = 160):
    import random

    rng = random.Random(seed)
    words = ["스마트시티", "도시", "시민", "데이터", "교통", "안전", "플랫폼", "사업", "예산", "AI", "IoT", "2024년", "㈜한빛", "😀"]
    spaces = [" ", "  ", "\n", "\t", "\u3000", "\xa0", "\x1c", "\u2028"]
    rows, bodies = [], []
    for i in range(n):
        if bodies and rng.random() < 0.35:  # a wire copy: an earlier body with a few words changed
            words_of = rng.choice(bodies).split(" ")
            for _ in range(rng.randint(0, 4)):
                words_of[rng.randrange(len(words_of))] = rng.choice(words)
            body = " ".join(words_of)
        else:
            body = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.choice([0, 1, 2, 30, 120])))
        bodies.append(body)
        title = rng.choice([None, "", "가", "서울시 스마트시티", " ".join(rng.choices(words, k=3))])
        rows.append((f"d{i:03d}", rng.choice(["a", "b"]), dt.date(2020, 1, 1 + rng.randrange(5)), title, body, f"u{i}"))
    return frame(rows)


def test_vectorised_sketches_equal_datasketch_minhash():
    from datasketch import MinHash

    from trendscope.corpus.dedup import Sketcher

    many = "".join(chr(0xAC00 + (i * 7) % 11172) for i in range(3000))  # 3,000 distinct characters: keys are renumbered while packing
    texts = ["", " \u3000 ", "가", "가나", "스마트시티", "스마트 시티 조성", "AI 😀 데이터\x1c플랫폼 " * 20, many, many[::-1], *_random_corpus(1)["body"].tolist()[:60]]
    for size in (2, 5, 9):
        sketches, present = Sketcher(128, 1, size).sketch(texts)
        for text, row, has in zip(texts, sketches, present, strict=True):
            grams = shingles(text, size)
            assert has == bool(grams)
            if grams:
                expected = MinHash(num_perm=128, seed=1)
                expected.update_batch(grams)
                assert np.array_equal(row, expected.hashvalues), (size, text[:20])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_links_as_per_document_minhash_lsh(seed, monkeypatch):
    from trendscope.corpus import dedup

    docs = _random_corpus(seed)
    for threshold, size in ((0.7, 5), (0.4, 3)):
        params = dedup.DedupParams(threshold=threshold, shingle=size)
        expected = _reference_dup_of(docs, params)
        assert expected.notna().sum() > 10
        assert mark_near_duplicates(docs, params).equals(expected)
        monkeypatch.setattr(dedup, "_BLOCK_CHARS", 500)  # many blocks, shingles split across permutation chunks
        monkeypatch.setattr(dedup, "_PERMUTE_ROWS", 64)
        assert mark_near_duplicates(docs, params).equals(expected)
        monkeypatch.undo()


# --- same-title copies -------------------------------------------------------------------------------

def _release_frame():
    from tests.corpus.bigkinds_fixtures import ballet_export_rows, bigkinds_workbook_bytes, press_release_rows
    from trendscope.corpus.schema import documents_frame
    from trendscope.corpus.sources.bigkinds import parse_export

    data = bigkinds_workbook_bytes(ballet_export_rows(20) + press_release_rows())
    return documents_frame(parse_export(data, "NewsResult_20200101-20201231.xlsx", "ballet").documents)


@given(st.text(max_size=30), st.sampled_from(["[포토]", "【속보】", "<인터뷰>", "[단독] ", ""]), st.sampled_from([" ", "  ", "\t", ""]))
def test_normalised_titles_ignore_tags_spacing_punctuation_and_case(title, tag, space):
    base = normalise_title(title)
    assert normalise_title(tag + space + title) == base
    assert normalise_title(title.replace(" ", space + " ")) == base
    assert base == base.casefold() and " " not in base


def test_a_release_in_five_outlets_with_different_excerpts_counts_once():
    frame = _release_frame()
    release = frame["title"].str.contains("장학금")
    assert release.sum() == 5 and frame.loc[release, "body"].nunique() == 5  # five different 200-character excerpts
    near = mark_near_duplicates(frame)
    assert near[release].notna().sum() < 4  # MinHash on title + excerpt does not link them all
    same = mark_title_duplicates(frame, 7)
    first = frame.loc[release].sort_values(["date", "doc_id"])["doc_id"].iloc[0]
    assert same[release].dropna().tolist() == [first] * 4 and same[~release].isna().all()
    (example,) = title_copy_examples(frame, same)
    assert example["copies"] == 4 and len(example["outlets"]) == 5 and example["title"].endswith("장학금 전달")


def test_same_titles_link_only_within_the_window_the_query_and_above_the_length():
    frame = pd.DataFrame({
        "doc_id": list("abcdefg"), "query": ["q", "q", "q", "q", "r", "q", "q"],
        "date": [dt.date(2020, 1, d) for d in (1, 8, 9, 20, 2, 3, 4)],
        "title": ["발레단 정기공연 개막 소식", "발레단 정기공연, 개막 소식", "[포토] 발레단 정기공연 개막 소식", "발레단 정기공연 개막 소식",
                  "발레단 정기공연 개막 소식", "인사", "인사"],
    })
    same = mark_title_duplicates(frame, 7)
    # b is 7 days after a: linked; c is 8 days after a: a new story, d is 11 days after c: another; r is another query;
    # 인사 is too short to be linked by title alone
    assert same.fillna("-").tolist() == ["-", "a", "-", "-", "-", "-", "-"]
    assert mark_title_duplicates(frame, 0).isna().all()
    assert mark_title_duplicates(frame, 30).fillna("-").tolist() == ["-", "a", "a", "a", "-", "-", "-"]


def _examples_one_story_at_a_time(frame: pd.DataFrame, dup_of: pd.Series, top: int) -> list[dict[str, object]]:
    """title_copy_examples as it was written before it was ranked in one groupby: the reference it must equal."""
    linked = dup_of.notna().to_numpy()
    copies = frame.loc[linked, ["query", "outlet"]].assign(first=dup_of[linked].to_numpy())
    firsts = frame.set_index(["query", "doc_id"])
    rows = []
    for (query, first), group in copies.groupby(["query", "first"], sort=True):
        title, outlet, date = (firsts.at[(query, first), c] for c in ("title", "outlet", "date"))
        outlets = {str(o) for o in group["outlet"].dropna()} | ({str(outlet)} if isinstance(outlet, str) else set())
        rows.append({"query": str(query), "title": str(title), "date": str(date), "copies": len(group), "outlets": sorted(outlets)})
    rows.sort(key=lambda r: (-r["copies"], r["query"], r["title"], r["date"]))
    return rows[:top]


@pytest.mark.parametrize("seed", range(5))
def test_title_copy_examples_rank_stories_as_one_at_a_time_did(seed):
    """Many stories with tied copy counts, titles and dates, missing outlets: the same top, in the same order."""
    rng = np.random.default_rng(seed)
    n = 400
    frame = pd.DataFrame({
        "doc_id": [f"d{i:04d}" for i in range(n)], "query": rng.choice(["q", "r"], n),
        "date": [dt.date(2020, 1, 1 + int(d)) for d in rng.integers(0, 3, n)],
        "title": [f"같은 제목의 보도자료 {int(t)}번" for t in rng.integers(0, 40, n)],
        "outlet": [None if o == 0 else f"언론{int(o)}" for o in rng.integers(0, 6, n)],
    })
    same = mark_title_duplicates(frame, 7)
    for top in (5, 1000):
        assert title_copy_examples(frame, same, top=top) == _examples_one_story_at_a_time(frame, same, top)
