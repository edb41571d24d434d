"""Aligning whole texts and the clauses inside a pair, on real translations (TICO-19, CC0)."""

import json
import random

import pytest

from archive.align import THRESHOLD, clauses, describe
from archive.build import corpus_context
from archive.embed import Embedder
from archive.ingest import ingest_file
from archive.models import Fragment, Pair, Rendering, SourceText
from tests.conftest import REPO
from tests.test_search_cli import run

DATA = REPO / "tests" / "data" / "parallel"
AR = (DATA / "tico19-test.ar").read_text(encoding="utf-8").splitlines()
EN = (DATA / "tico19-test.en").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def embedder():
    return Embedder()


def test_align_pairs_shuffled_lines_and_leaves_the_rest_unpaired(tmp_path):
    rng = random.Random(7)
    doc = list(range(140, 152))  # twelve consecutive sentences of one TICO-19 document
    kept = [n for n in doc if n not in (143, 149)]  # two Arabic lines have no English
    english = [EN[n] for n in kept] + [EN[900], EN[1500]]  # two English lines from elsewhere
    rng.shuffle(english)
    (tmp_path / "ar.txt").write_text("\n".join(AR[n] for n in doc) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    result = run("align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)
    truth = {(doc.index(n) + 1, english.index(EN[n]) + 1) for n in kept}
    assert {(p["ar_line"], p["en_line"]) for p in data["pairs"]} == truth
    assert [x["line"] for x in data["unpaired_ar"]] == [doc.index(143) + 1, doc.index(149) + 1]
    assert sorted(x["text"] for x in data["unpaired_en"]) == sorted([EN[900], EN[1500]])
    assert all(0.5 <= p["confidence"] <= 1 for p in data["pairs"])


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "no lines to align"), (b"\xff\xfe", "not UTF-8")],
)
def test_align_refuses_a_bad_file_by_name(tmp_path, content, message):
    (tmp_path / "ar.txt").write_bytes(content)
    (tmp_path / "en.txt").write_text("hello\n")
    result = run("align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"))
    assert result.exit_code == 2 and "ar.txt" in result.stderr and message in result.stderr


def _pair(arabic, english):
    source = SourceText(id="ar-x", article="a", figure=1, point=None, kind="statement", formula=None, original=arabic,
                        normalized=arabic, span=None, ocr_suspect=False, ocr_evidence=[])  # fmt: skip
    rendering = Rendering(id="en-x", article="a", text=english, fragments=[Fragment(text=english, spans=[])],
                          speaker=None, speaker_org=None, date=None, figure=1, cue=None, editorial_insertions=[],
                          has_ellipsis="..." in english)  # fmt: skip
    pair = Pair(id="pair-x", source="ar-x", rendering="en-x", confidence=0.9, status="suggested", method="t",
                evidence={"cosine": 0.7})  # fmt: skip
    return pair, source, rendering


def test_clause_alignment_reports_the_arabic_a_rendering_leaves_out(embedder):
    arabic = AR[146] + " " + AR[389]  # two sentences; the English renders only the first
    pair, source, rendering = _pair(arabic, EN[146])
    describe(pair, source, rendering, embedder)
    assert [link.en[0].text for link in pair.alignment] == [EN[146]]
    assert [o.text for o in pair.omitted] == [c.text for c in clauses(AR[389], True)]
    assert pair.omitted[0].text == arabic[pair.omitted[0].start : pair.omitted[0].end]
    assert any(f.startswith("partial rendering") for f in pair.flags)


def test_clause_alignment_joins_two_arabic_clauses_rendered_by_one_sentence(embedder):
    pair, source, rendering = _pair(
        AR[541], EN[541]
    )  # "إذا كان يتكيف …، فمن الصعب …" / "If it adapts well, …"
    describe(pair, source, rendering, embedder)
    assert pair.omitted == [] and len(pair.alignment) == 1 and len(pair.alignment[0].ar) == 2
    assert pair.flags == []


def test_a_long_rendering_that_says_something_else_is_flagged(embedder):
    pair, source, rendering = _pair(AR[146], EN[899])  # a long English sentence about something else
    pair.evidence["cosine"] = float(embedder.embed([AR[146]])[0] @ embedder.embed([EN[899]])[0])
    describe(pair, source, rendering, embedder)
    assert any(f.startswith("low similarity") for f in pair.flags)


def _pairs_by_point(capture, corpus, embedder):
    result = ingest_file(capture, corpus_context(corpus, embedder=embedder))
    point = {s.id: s.point for s in result.sources}
    text = {r.id: r.text for r in result.renderings}
    return {point[p.source]: text[p.rendering] for p in result.pairs}, result


def test_pairs_follow_meaning_when_renderings_are_printed_out_of_point_order(corpus, embedder):
    # three points on one theme (TICO-19 lines 1880, 959, 1954); the article quotes point 2, then 3,
    # then, after the figure, point 1
    capture = REPO / "tests" / "fixtures" / "dev" / "120_pairing_out_of_order.txt"
    truth = {1: EN[1880], 2: EN[959], 3: EN[1954]}
    pairs, result = _pairs_by_point(capture, corpus, embedder)
    assert [r.text for r in result.renderings] == [truth[2], truth[3], truth[1]]
    assert pairs == truth
    assert all(p.evidence["point_order"] == 0.0 for p in result.pairs)  # meaning overrode every place

    # without an embedder nothing measures meaning: point order is all there is, so each point is
    # suggested with the rendering quoted in its place, at a confidence just over the threshold
    pairs, result = _pairs_by_point(capture, corpus, None)
    assert pairs == {1: truth[2], 2: truth[3], 3: truth[1]}
    assert all(THRESHOLD <= p.confidence < 0.7 and "similarity" not in p.evidence for p in result.pairs)
