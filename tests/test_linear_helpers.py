"""Ingest helpers rewritten to take linear time on huge inputs (the fuzz found them quadratic) give
the same answers as their simple forms, which stay here as oracles."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.ingest import marks
from archive.ingest.quotes import _blank_parentheses


def _blank_parentheses_by_passes(text: str) -> str:
    """The old form: blank the innermost "(...)" again and again until nothing changes."""
    out = text
    while True:
        masked = regex.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), out)
        if masked == out:
            return out
        out = masked


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="()a ,“”", max_size=60))
def test_parentheses_are_blanked_in_one_pass_as_by_repeated_passes(text):
    assert _blank_parentheses(text) == _blank_parentheses_by_passes(text)


def test_twenty_thousand_nested_parentheses_are_blanked_whole():
    inner = "(" * 20000 + "x" + ")" * 20000
    assert _blank_parentheses(f"said {inner} then") == "said " + " " * len(inner) + " then"


def _scan_by_stack_search(text: str):
    """The old form of marks.scan: each curly close searches the whole stack for its opening mark."""
    out, stack = [], []
    for i, c in enumerate(text):
        if c not in marks.OPENING and c not in marks.CLOSING and c != marks.STRAIGHT:
            continue
        role = marks._role(text, i, len(stack))
        if role == "open":
            stack.append(i)
        elif role == "close" and stack:
            if c in marks.CLOSING:
                curly = [k for k, at in enumerate(stack) if text[at] in marks.OPENING]
                if curly:
                    del stack[curly[-1] + 1 :]
            start = stack.pop()
            if not stack and text[start + 1 : i].strip():
                out.append(marks.Quotation(start, i + 1, start + 1, i))
    return tuple(out), (stack[0] if stack else None)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='“”«»„"a ', max_size=40))
def test_quote_marks_pair_as_with_a_search_of_the_whole_stack(text):
    assert marks.scan(text) == _scan_by_stack_search(text)
