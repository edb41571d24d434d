"""Ingest of the seed captures against the hand annotations in tests/gold/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.build import corpus_context
from archive.ingest import ingest_file
from tests.conftest import KH_URL, REPO, SEED_2021, SEED_2024

GOLD = {
    s: json.loads((REPO / "tests" / "gold" / f"seed-{s[:3]}.json").read_text())
    for s in (SEED_2021, SEED_2024)
}


@pytest.fixture(scope="module")
def ingested(corpus):
    ctx = corpus_context(corpus)
    return {s: ingest_file(corpus / "articles" / f"{s}.txt", ctx) for s in GOLD}


@pytest.mark.parametrize("seed", list(GOLD))
@pytest.mark.parametrize(
    "field", ["title", "authors", "date", "kind", "series", "publisher", "url", "topics", "regions"]
)
def test_article_metadata_matches_gold(ingested, seed, field):
    got = ingested[seed].article.model_dump(mode="json")[field]
    assert got == GOLD[seed]["article"][field]


@pytest.mark.parametrize("seed", list(GOLD))
def test_body_runs_between_page_chrome_as_annotated(ingested, seed):
    body = ingested[seed].article.body
    assert (body.line, body.end_line) == (
        GOLD[seed]["article"]["body_first_line"],
        GOLD[seed]["article"]["body_last_line"],
    )


@pytest.mark.parametrize("seed", list(GOLD))
def test_figures_have_gold_caption_date_speaker_and_urls(ingested, seed):
    got = {f.number: f for f in ingested[seed].figures}
    for gold in GOLD[seed]["figures"]:
        figure = got[gold["number"]]
        assert figure.caption == gold["caption"]
        assert figure.speaker == gold["speaker"]
        assert figure.source_url == gold["source_url"]
        if "date" in gold:
            assert str(figure.date) == gold["date"]
        if "date_range" in gold:
            assert [str(figure.date), str(figure.date_end)] == gold["date_range"]
        if gold.get("image_url"):
            assert figure.image_url == gold["image_url"]


def test_figure_referenced_without_caption_still_exists(ingested):
    figure6 = next(f for f in ingested[SEED_2021].figures if f.number == 6)
    assert figure6.caption is None and figure6.mentions and figure6.speaker == "Ashab al-Kahf"


def test_arabic_blocks_are_split_into_points_formulae_and_ocr_text(ingested):
    sources = ingested[SEED_2021].sources
    statements = [s for s in sources if s.figure == 5]
    gold = {b["id"]: b for b in GOLD[SEED_2021]["arabic_blocks"]}
    assert [(s.original, s.point) for s in statements] == [
        (gold["001-AR1a"]["text"], 3),
        (gold["001-AR1b"]["text"], 4),
    ]
    assert [s.formula for s in sources if s.kind == "religious_formula"] == ["basmala", "basmala", "quran"]
    ocr = [s for s in sources if s.ocr_suspect]
    assert len(ocr) == 1 and ocr[0].figure is None
    assert ocr[0].original.startswith(gold["001-AR4"]["text_starts"])
    assert ocr[0].original.endswith(gold["001-AR4"]["text_ends"])
    assert len(ocr[0].ocr_evidence) == 3


@pytest.mark.parametrize("seed", list(GOLD))
def test_every_record_span_slices_the_capture(corpus, ingested, seed):
    text = (corpus / "articles" / f"{seed}.txt").read_text(encoding="utf-8")
    for source in ingested[seed].sources:
        assert text[source.span.start : source.span.end] == source.original
    for rendering in ingested[seed].renderings:
        for fragment in rendering.fragments:
            raw = "".join(text[s.start : s.end] for s in fragment.spans)
            assert raw.replace("*", "").replace(" ", "").replace("\n", "") == fragment.text.replace(" ", "")


def _gold_text(gold):
    return gold.get("text") or " … ".join(gold.get("fragments", []))


@pytest.mark.parametrize("seed", list(GOLD))
def test_renderings_have_gold_speaker_date_and_figure(ingested, seed):
    got = ingested[seed].renderings
    for gold in GOLD[seed]["renderings"]:
        starts = gold.get("text_starts") or _gold_text(gold)[:40]
        match = [r for r in got if r.text.startswith(starts)]
        assert len(match) == 1, gold["id"]
        r = match[0]
        assert (r.speaker, str(r.date), r.figure) == (gold["speaker"], gold["date"], gold["figure"]), gold[
            "id"
        ]
        if gold.get("text") or gold.get("fragments"):
            assert r.text == _gold_text(gold)
        assert r.editorial_insertions == gold.get("editorial_insertions", r.editorial_insertions)


@pytest.mark.parametrize("seed", list(GOLD))
def test_scare_quotes_are_not_renderings(ingested, seed):
    texts = [r.text for r in ingested[seed].renderings]
    assert len(texts) == len(GOLD[seed]["renderings"])
    for gold in GOLD[seed]["not_renderings"]:
        assert not any(t == gold["text"] for t in texts)


def test_kh_statement_of_figure_5_pairs_both_points_with_their_renderings(ingested):
    result = ingested[SEED_2021]
    sources = {s.id: s for s in result.sources}
    renderings = {r.id: r for r in result.renderings}
    got = {(sources[p.source].point, renderings[p.rendering].text[:20]) for p in result.pairs}
    assert got == {(3, "thanks and appreciat"), (4, "We appreciated the e")}
    assert all(p.confidence >= 0.5 and p.status == "suggested" for p in result.pairs)
    figure5 = next(f for f in result.figures if f.number == 5)
    assert figure5.source_url == KH_URL


def test_unknown_facts_stay_unknown(ingested):
    assert ingested[SEED_2021].article.url is None
    assert next(f for f in ingested[SEED_2024].figures if f.number == 2).speaker is None


def test_sidecar_overrides_and_is_recorded(corpus, tmp_path):
    import shutil

    shutil.copytree(corpus, tmp_path / "c")
    (tmp_path / "c" / "articles" / f"{SEED_2021}.meta.toml").write_text(
        'url = "https://example.org/a"\naccessed = 2021-08-04\n'
    )
    result = ingest_file(tmp_path / "c" / "articles" / f"{SEED_2021}.txt", corpus_context(tmp_path / "c"))
    assert result.article.url == "https://example.org/a"
    assert result.article.facts_from_sidecar == ["accessed", "url"]


def test_ids_are_the_same_on_a_second_ingest(corpus):
    ctx = corpus_context(corpus)
    path = Path(corpus / "articles" / f"{SEED_2021}.txt")
    first, second = ingest_file(path, ctx), ingest_file(path, ctx)
    assert first.model_dump() == second.model_dump()
