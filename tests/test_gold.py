"""Ingest compared with every hand annotation in tests/gold/, category by category.

Prints the precision/recall table (run pytest with -s to see it) and fails on any miss or any
invented item: every gold item is found and nothing the gold calls not a rendering is taken for one.
"""

import json
from pathlib import Path

import pytest

from archive.build import corpus_context
from archive.evaluation import evaluate, table
from archive.ingest import ingest_file
from tests.conftest import REPO

GOLD_DIR = REPO / "tests" / "gold"
CAPTURE_DIRS = (REPO / "corpus" / "articles", REPO / "tests" / "fixtures" / "articles")


def cases():
    for gold in sorted(GOLD_DIR.glob("*.json")):
        name = Path(json.loads(gold.read_text())["source_file"]).name
        capture = next((d / name for d in CAPTURE_DIRS if (d / name).exists()), None)
        yield pytest.param(capture, gold, id=gold.stem)


@pytest.mark.parametrize(("capture", "gold"), list(cases()))
def test_ingest_finds_every_gold_item_and_invents_nothing(capture, gold, corpus):
    assert capture is not None, f"no capture for {gold.name}"
    result = ingest_file(capture, corpus_context(corpus))
    scores = evaluate(result, json.loads(gold.read_text()))
    print(f"\n{capture.name}\n{table(scores)}")
    problems = {name: s.problems for name, s in scores.items() if s.problems}
    assert problems == {}
