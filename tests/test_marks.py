"""Quotation marks paired by position and nesting, whatever mix of styles a capture has."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.ingest.marks import ends_inside_quote, opens_with_quote, quotations


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KH said “one” and “two”.", ["one", "two"]),
        ('KH said "one" and "two".', ["one", "two"]),
        ('a straight mark closed by a curly one: "one” then “two”.', ["one", "two"]),
        ('a curly mark closed by a straight one: “one" then "two".', ["one", "two"]),
        ("guillemets: «one» and «two».", ["one", "two"]),
        ('nested: “He said "no" to it” (Figure 1).', ['He said "no" to it']),
        ("nested single: “what they call ‘integration’ if it ends”", ["what they call ‘integration’ if it ends"]),
        ('inches are no quote: a 5" screen and "real” talk', ["real"]),
        ("an inner straight mark left open is closed with its curly quote: “a \"b c” d", ['a "b c']),
        ("“He replied “No.” and left", []),  # two openings, one close: nothing is paired across
        ('He replied "No." Asked again, he answered "Not now."', ["No.", "Not now."]),
        ("no quotes at all, just the authors' apostrophes: KH’s and AAH's men", []),
        ("empty “” marks are no quotation", []),
        # a double mark typed as two single ones, as some newsrooms print them (Shafaq News)
        ("its weapons will ‘’remain in the hands of its fighters.’’ It added", ["remain in the hands of its fighters."]),
        ("''occupying forces,” the statement added, insisting that ''the weapons stay.''",
         ["occupying forces,", "the weapons stay."]),
        ("single quotes and apostrophes stay no quotation: the ‘pause’, KH's 'truce'", []),
    ],
)
def test_marks_pair_by_position_and_nesting(text, expected):
    assert inner(text) == expected


@pytest.mark.parametrize(
    ("text", "open_at_end"),
    [
        ("The statement read: “The first point is this.", True),
        ("The statement read: “The first point is this.”", False),
        ('He said "it goes on', True),
        ("No quote here.", False),
    ],
)
def test_a_paragraph_that_ends_inside_a_quote_is_told(text, open_at_end):
    assert ends_inside_quote(text) is open_at_end


def test_a_continued_quote_opens_its_paragraph_with_a_mark():
    assert opens_with_quote("“And then the second point.”")
    assert opens_with_quote('  "And then"')
    assert not opens_with_quote("Then he said “x”.")


MARKS = st.sampled_from(['"', "“", "”", "«", "»", "‘", "’", " ", "a", "b", ".", ",", "(", ")"])


@given(st.lists(MARKS, max_size=60).map("".join))
def test_quotations_lie_inside_the_text_in_order_and_never_overlap(text):
    found = quotations(text)
    previous_end = 0
    for q in found:
        assert previous_end <= q.start < q.inner_start <= q.inner_end < q.end <= len(text)
        assert text[q.inner_start : q.inner_end].strip()
        previous_end = q.end
