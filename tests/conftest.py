"""Shared fixtures: a real corpus copy and a real built index (whoosh on disk), built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.build import build
from archive.search import Archive

REPO = Path(__file__).resolve().parent.parent
KH_URL = "https://kataibhezbollah.me/news/3173"
SEED_2021 = "001_4ebd5f294456587a"
SEED_2024 = "000_c3d9ed45ed831411"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(REPO / "corpus", target)
    return target


@pytest.fixture(scope="session")
def built(corpus, tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("index") / "index"
    report = build(corpus, index)
    assert report.errors == []
    return index


@pytest.fixture(scope="session")
def archive(built) -> Archive:
    with Archive(built) as opened:
        yield opened
