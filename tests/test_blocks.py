"""Blocks: captures cut into paragraphs whether they separate them by blank lines, single newlines
or both, and whether or not a tool wrapped their lines at a width."""

from __future__ import annotations

import textwrap

import pytest

from archive.ingest.blocks import blocks_of, wrap_width
from archive.ingest.capture import read_capture

PROSE = [
    "On July 28, the group issued a statement that was read on its channel and repeated by others.",
    "The second paragraph says more about the statement, and about who read it, and when they did.",
    "A third paragraph closes the short article with a sentence that ends in a full stop as usual.",
]


def _blocks(tmp_path, text: str) -> list[str]:
    path = tmp_path / "capture.txt"
    path.write_bytes(text.encode("utf-8"))
    return [b.text for b in blocks_of(read_capture(path))]


@pytest.mark.parametrize(
    ("layout", "text"),
    [
        ("blank lines", "\n\n".join(PROSE)),
        ("single newlines", "\n".join(PROSE)),
        ("CRLF single newlines", "\r\n".join(PROSE)),
        ("lone CR (old Mac files)", "\r".join(PROSE)),
        ("blank lines, wrapped at 40", "\n\n".join(textwrap.fill(p, 40) for p in PROSE)),
        ("single newlines, wrapped at 60", "\n".join(textwrap.fill(p, 60) for p in PROSE)),
    ],
)
def test_paragraphs_are_found_in_every_layout(tmp_path, layout, text):
    assert _blocks(tmp_path, text) == PROSE, layout


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a heading, a byline and a dateline over a paragraph stay apart, unwrapped or not
        (["Militias Trade Insults", "By Jane Example", "Feb 14, 2024", PROSE[0]], 4),
        # a caption line after prose is a unit of its own
        ([PROSE[0], "Figure 1: KH statement, July 29, 2021", PROSE[1]], 3),
        # Arabic lines after English prose: a new block; consecutive Arabic lines: one block
        ([PROSE[0], "بسم الله الرحمن الرحيم", "ثالثاً: الشكر والتقدير للإخوة في الإطار التنسيقي"], 2),
        # list items
        ([PROSE[0], "1. became unintentionally embroiled", "2. also had to consider"], 3),
        # a title line above a paragraph, neither wrapped
        (["Muqawama Signals De-Escalation with the U.S., Return to Cosmetic Israel Strikes", PROSE[0]], 2),
    ],
)
def test_lines_that_stand_alone_by_their_shape_make_their_own_block(tmp_path, lines, expected):
    assert len(_blocks(tmp_path, "\n".join(lines))) == expected


def test_a_caption_wrapped_onto_a_second_line_stays_whole(tmp_path):
    text = "\n".join(textwrap.fill(p, 60) for p in PROSE[:2]) + "\n" + textwrap.fill(
        "Figure 1: The Fatah Alliance welcomes the agreement between the U.S. and Iraq, July 27, 2021.", 60
    )
    blocks = _blocks(tmp_path, text)
    assert blocks[-1] == "Figure 1: The Fatah Alliance welcomes the agreement between the U.S. and Iraq, July 27, 2021."


def test_wrap_width_is_read_only_from_lines_filled_to_one_width():
    wrapped = textwrap.fill(" ".join(PROSE), 70).split("\n")
    assert wrap_width(wrapped) is not None and 60 <= wrap_width(wrapped) <= 70
    assert wrap_width(PROSE) is None  # whole paragraphs, one per line
    assert wrap_width(["Title", "By X", "Aug 3, 2021", PROSE[0]]) is None


def test_every_line_keeps_its_file_offset(tmp_path):
    text = "Title here\r\n" + "\n".join(textwrap.fill(p, 50) for p in PROSE)
    path = tmp_path / "c.txt"
    path.write_bytes(text.encode("utf-8"))
    capture = read_capture(path)
    for block in blocks_of(capture):
        for line in block.lines:
            assert capture.text[line.start : line.start + len(line.raw)] == line.raw
            assert "\r" not in line.raw and "\n" not in line.raw


def test_a_line_ending_in_a_broken_word_goes_on_whatever_the_next_line_s_length(tmp_path):
    """Two lines only, the second longer than the first: no wrap width can be read, but "Every-" /
    "body" is a word a typesetter broke at the line's end, so the lines are one paragraph."""
    text = (
        'An AAH member of parliament whom we interviewed in Baghdad was more candid. "Every-\n'
        "body wants the law, but nobody wants to be the one who brings sanctions on Iraq and on it,\" he said.\n"
    )
    assert len(_blocks(tmp_path, text)) == 1
    assert len(_blocks(tmp_path, text.replace("Every-\nbody", "Every\nBody"))) == 2
