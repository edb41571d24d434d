"""Translators' decisions: recorded atomically, applied on every rebuild, never lost."""

import json
import multiprocessing
import shutil

import pytest

from archive.align import THRESHOLD
from archive.review import REVIEWS, append_decisions, load_decisions, new_decision
from tests.test_search_cli import run


@pytest.fixture()
def workspace(corpus, tmp_path):
    shutil.copytree(corpus, tmp_path / "corpus")
    ws = {"corpus": tmp_path / "corpus", "index": tmp_path / "index"}
    assert run("build", corpus=ws["corpus"], index=ws["index"]).exit_code == 0
    return ws


def pairs(ws):
    from archive.search import Archive

    with Archive(ws["index"]) as archive:
        rows = archive.store._con.execute("SELECT body FROM records WHERE type = 'pair'").fetchall()
    return {p["id"]: p for p in (json.loads(b) for (b,) in rows)}


def review(ws, *args):
    result = run("review", *args, corpus=ws["corpus"], index=ws["index"])
    assert result.exit_code == 0, result.output + result.stderr
    return result


def test_gold_pairs_are_suggested_above_the_threshold_and_nothing_else_is(archive):
    from archive.models import Pair, SourceText

    rows = archive.store._con.execute(
        "SELECT type, body FROM records WHERE type IN ('pair', 'source')"
    ).fetchall()
    sources = {s.id: s for t, b in rows if t == "source" for s in [SourceText.model_validate_json(b)]}
    suggested = [Pair.model_validate_json(b) for t, b in rows if t == "pair"]
    assert sorted(sources[p.source].point for p in suggested) == [3, 4]
    assert all(p.confidence >= THRESHOLD and p.evidence["cosine"] > 0.5 for p in suggested)
    assert all(sources[p.source].kind == "statement" and not sources[p.source].ocr_suspect for p in suggested)


def test_rebuild_keeps_a_confirmed_a_rejected_and_a_hand_made_pair(workspace):
    ws = workspace
    before = pairs(ws)
    kh3, kh4 = sorted(before)  # the two suggested KH pairs
    review(ws, "confirm", kh3, "--note", "checked against the KH site")
    review(ws, "reject", kh4)
    p4 = before[kh4]
    review(
        ws, "pair", p4["source"], before[kh3]["rendering"].replace("en-", "en-")
    )  # another rendering, by hand
    lines = (ws["corpus"] / REVIEWS).read_text().splitlines()
    assert [json.loads(x)["action"] for x in lines] == ["confirm", "reject", "pair"]
    for _ in range(2):  # a rebuild, and a rebuild from nothing
        assert run("build", corpus=ws["corpus"], index=ws["index"]).exit_code == 0
        after = pairs(ws)
        assert after[kh3]["status"] == "confirmed" and after[kh3]["decisions"]
        assert after[kh4]["status"] == "rejected"
        hand = [p for p in after.values() if p["method"] == "hand"]
        assert len(hand) == 1 and hand[0]["source"] == p4["source"]
        shutil.rmtree(ws["index"])


def test_decision_that_matches_nothing_is_reported_and_kept(workspace):
    ws = workspace
    orphan = new_decision("confirm", source="ar-000000000000", rendering="en-000000000000", who="t")
    append_decisions(ws["corpus"], [orphan])
    result = run("build", corpus=ws["corpus"], index=ws["index"])
    assert result.exit_code == 0
    assert f"decision {orphan.id}" in result.stderr and "matches no record" in result.stderr
    assert [d.id for d in load_decisions(ws["corpus"])] == [orphan.id]


def test_attached_arabic_becomes_a_source_paired_by_hand(workspace):
    ws = workspace
    from archive.search import Archive

    with Archive(ws["index"]) as archive:
        tansiqiya = next(h for h in archive.search("restrictions").hits if h.kind == "rendering")
    review(ws, "attach-arabic", tansiqiya.id, "إن التنسيقية غير ملزمة بأي قيود", "--who", "a translator")
    assert run("build", corpus=ws["corpus"], index=ws["index"]).exit_code == 0
    with Archive(ws["index"]) as archive:
        hit = archive.search("ملزمة").hits[0]
    assert hit.kind == "pair" and hit.rendering.id == tansiqiya.id
    assert hit.source.typed_by == "a translator" and hit.source.span is None and hit.pair.method == "hand"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["confirm", "pair-nothing"], "no record"),
        (["fix", "PAIR"], "fix needs"),
        (["fix", "PAIR", "--arabic", "not in the Arabic"], "copied exactly"),
        (["attach-english", "PAIR", "x"], "not a source"),
    ],
)
def test_bad_review_commands_change_nothing(workspace, args, message):
    ws = workspace
    first = sorted(pairs(ws))[0]
    args = [first if a == "PAIR" else a for a in args]
    result = run("review", *args, corpus=ws["corpus"], index=ws["index"])
    assert result.exit_code == 2 and message in result.stderr
    assert not (ws["corpus"] / REVIEWS).exists()


def test_interactive_review_records_each_decision_as_it_is_made(workspace):
    from click.testing import CliRunner

    from archive.cli import cli

    ws = workspace
    result = CliRunner().invoke(
        cli, ["review", "--corpus", str(ws["corpus"]), "--index", str(ws["index"]), "--who", "tester"],
        input="n\nsame as the figure\nc\nq\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (decision,) = load_decisions(ws["corpus"])
    assert (decision.action, decision.who, decision.note) == ("confirm", "tester", "same as the figure")
    assert "1 decision(s) recorded" in result.output


def _append_many(corpus, n):
    for k in range(50):
        append_decisions(
            corpus, [new_decision("confirm", source=f"ar-{n}", rendering=f"en-{k}", who=f"w{n}")]
        )


def test_concurrent_reviewers_never_interleave_lines(tmp_path):
    workers = [multiprocessing.Process(target=_append_many, args=(tmp_path, n)) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(load_decisions(tmp_path)) == 200
