"""The engine's fast paths against brute force, on a real whoosh index large enough that every
common word's postings span many blocks: AND by bisecting inside blocks, filters checked in
columns as the words' matches come, and the totals they report."""

from __future__ import annotations

import random

import pytest

from archive.index import Engine, Filters, IndexWriter

WORDS = ["river", "city", "council", "water", "market", "bridge", "school", "road", "north", "south"]
SPEAKERS = ["Kataib Hezbollah", "Asaib Ahl al-Haq", "Badr Organization", None]
STATUSES = ["confirmed", "suggested", "unpaired"]


def _docs(n: int = 3000) -> list[dict]:
    rng = random.Random(7)
    docs = []
    for i in range(n):
        words = [rng.choice(WORDS[: 3 + i % 7]) for _ in range(rng.randint(3, 9))]
        dated = rng.random() > 0.1
        date = 20190101 + rng.randrange(5) * 10000 + rng.randrange(1, 12) * 100 + rng.randrange(1, 28)
        speaker = rng.choice(SPEAKERS)
        docs.append({"id": f"d{i:05d}", "kind": "rendering", "en": " ".join(words), "ar": "", "who": speaker or "",
                     "status": rng.choice(STATUSES), "speaker_facet": speaker, "lang": "en",
                     "date": date if dated else None, "year": str(date // 10000) if dated else None,
                     "month": str(date // 100) if dated else None, "day": str(date) if dated else None,
                     "article": f"art-{i % 40:03d}"})  # fmt: skip
    return docs


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine")
    writer = IndexWriter(folder, frozenset())
    docs = _docs()
    for doc in docs:
        writer.add(doc)
    writer.commit()
    opened = Engine(folder)
    yield opened, docs
    opened.close()


def _expected(docs, words, test=lambda d: True, phrase=None):
    out = set()
    for d in docs:
        tokens = d["en"].split()
        has_words = all(w in tokens for w in words)
        has_phrase = phrase is None or any(tokens[i : i + len(phrase)] == phrase for i in range(len(tokens)))
        if has_words and has_phrase and test(d):
            out.add(d["id"])
    return out


CASES = [
    ("river city", {}, lambda d: True),
    ("river council water", {}, lambda d: True),
    ("market", {"status": ["confirmed"]}, lambda d: d["status"] == "confirmed"),
    ("city", {"date_from": 20210101}, lambda d: d["date"] is not None and d["date"] >= 20210101),
    ("city", {"date_to": 20201231}, lambda d: d["date"] is not None and d["date"] <= 20201231),
    ("river water", {"date_from": 20200301, "date_to": 20220615},
     lambda d: d["date"] is not None and 20200301 <= d["date"] <= 20220615),
    ("council", {"speaker_known": ["Kataib Hezbollah"], "status": ["suggested", "unpaired"]},
     lambda d: d["speaker_facet"] == "Kataib Hezbollah" and d["status"] != "confirmed"),
    ("bridge", {"article": ["art-01"]}, lambda d: d["article"].startswith("art-01")),
    ("road", {"speaker": ["Badr"]}, lambda d: d["speaker_facet"] == "Badr Organization"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "filters", "test"), CASES, ids=[f"{c[0]}|{sorted(c[1])}" for c in CASES])
def test_words_and_filters_match_exactly_what_brute_force_finds(engine, text, filters, test):
    eng, docs = engine
    expected = _expected(docs, text.split(), test)
    found = eng.search(text, [], limit=5000, filters=Filters(**filters))
    assert {h.id for h in found.hits} == expected
    assert found.total == len(expected) and not found.total_is_estimate


@pytest.mark.parametrize(
    ("text", "filters", "test"), CASES[:6], ids=[f"{c[0]}|{sorted(c[1])}" for c in CASES[:6]]
)
def test_the_top_ten_is_the_best_ten_and_counts_every_match(engine, text, filters, test):
    # whoosh's own top-N lost the best hits of "river water" before matchers stopped being replaced
    eng, docs = engine
    everything = eng.search(text, [], limit=5000, filters=Filters(**filters))
    top = eng.search(text, [], limit=10, filters=Filters(**filters))
    assert [h.id for h in top.hits] == [h.id for h in everything.hits[:10]]
    assert top.total == everything.total or top.total_is_estimate


def test_phrases_need_the_words_side_by_side(engine):
    eng, docs = engine
    found = eng.search('"river city"', [], limit=5000)
    assert {h.id for h in found.hits} == _expected(docs, [], phrase=["river", "city"])
    assert found.hits and len(found.hits) < len(_expected(docs, ["river", "city"]))
