"""Ingest never fails silently: a capture it cannot read well is named, with the reason, by
`archive ingest` and by `archive build`, and the rest of the corpus still builds."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from archive.build import corpus_context
from archive.cli import cli
from archive.ingest import ingest_file
from tests.conftest import REPO

CAPTURES = {
    "no title": (
        "and then the group went on, in a text that has no header at all, to say a great deal about the talks.\n",
        "no title found",
    ),
    "no body": ("Title Only\n\nBy Jane Example\n\nFeb 1, 2024\n", "no body paragraphs"),
    "cued quotes unread": (
        "Talks Stall\n\nBy Jane Example\n\nFeb 1, 2024\n\n"
        "Officials in Baghdad said “no” and analysts said “maybe” when asked about the talks with the factions.\n",
        "follow speech verbs but none was read",
    ),
    "no date for relative days": (
        "Talks Stall\n\nBy Jane Example\n\n"
        "Kataib Hezbollah said on Tuesday that the talks were “a trap set by the occupation,” and "
        "repeated it in a second statement yesterday.\n",
        "no article date found, so 'on Tuesday', 'yesterday' and the like in 1 paragraph(s) are left undated",
    ),
}


@pytest.fixture(scope="module")
def ctx():
    return corpus_context(REPO / "corpus")


@pytest.mark.parametrize(("name", "text", "reason"), [(k, *v) for k, v in CAPTURES.items()], ids=list(CAPTURES))
def test_a_capture_read_badly_is_reported_with_its_file_and_reason(tmp_path, ctx, name, text, reason):
    path = tmp_path / "capture.txt"
    path.write_text(text, encoding="utf-8")
    warnings = ingest_file(path, ctx).warnings
    assert any(reason in w and str(path) in w for w in warnings), warnings
    assert all("\n" not in w for w in warnings)


def test_a_capture_read_well_gives_no_warning(ctx):
    for path in sorted((REPO / "corpus" / "articles").glob("*.txt")):
        assert ingest_file(path, ctx).warnings == []


def test_ingest_and_build_print_the_warnings_and_still_build(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    bad = corpus / "articles" / "zz_no_body.txt"
    bad.write_text(CAPTURES["no body"][0], encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(cli, ["ingest", str(bad), "--corpus", str(corpus), "--json"])
    assert shown.exit_code == 0
    assert f"warning: {bad}: no body paragraphs" in shown.stderr
    built = runner.invoke(cli, ["build", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    assert built.exit_code == 0, built.output
    assert f"warning: {bad}: no body paragraphs" in built.stderr
    assert "built " in built.stdout and "3 articles" in built.stdout
