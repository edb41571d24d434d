"""Quotation marks paired as a reader pairs them: by position and nesting, whatever their style.

Captures mix styles: curly “…”, straight "…", guillemets «…», and a straight mark closed by a
curly one ("…”) where an editor retyped half a quote. A curly or angled mark says which way it
faces; a straight one faces the way its neighbours say: after a space, an opening bracket or a dash
it opens, after a letter or punctuation it closes. Marks nest: the quotation the reader sees is
the outermost pair; inner marks (single quotes, or double ones inside a quote) belong to it.

A quotation never crosses into the next paragraph, unless the paragraph ends inside it and the
next one opens with a quotation mark again (the convention for a quote over several paragraphs);
the body reader joins such paragraphs before quotes are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
_OPENS_AFTER = " \t\n([{—–-/‘'"  # a straight mark after these opens a quotation


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int  # the opening mark
    end: int  # just after the closing mark
    inner_start: int
    inner_end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _role(text: str, i: int, depth: int, width: int = 1) -> str | None:
    """'open', 'close' or None (a mark that is neither: inches, a stray mark between spaces).
    A doubled single mark (`width` 2) faces the way its neighbours say, as a straight one does."""
    c = text[i]
    if width == 1 and c in OPENING:
        return "open"
    if width == 1 and c in CLOSING:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in _OPENS_AFTER and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close" if depth else None
    if before.isspace() and after.isspace():
        return None
    return "close" if depth else "open"  # a mark between letters: it closes what is open


# a double mark typed as two single ones (''…'', ‘’…’’), as some newsrooms' systems print them
_DOUBLED_SINGLE = "[‘’']{2}"
_MARK_RE = re.compile(_DOUBLED_SINGLE + "|[" + re.escape(OPENING + CLOSING + STRAIGHT) + "]")
PARAGRAPHS_CACHED = 16_384  # a page's paragraphs are asked about from several stages: keep them all


@lru_cache(maxsize=PARAGRAPHS_CACHED)
def scan(text: str) -> tuple[tuple[Quotation, ...], int | None]:
    """The outermost quotations of `text`, and the offset of an opening mark left unclosed.
    Cached: ingest asks this of the same paragraph from several places (a tuple, so no caller can
    change what the next one gets)."""
    out: list[Quotation] = []
    stack: list[int] = []
    widths: list[int] = []  # each open mark's width (2 for a doubled single mark)
    curly: list[int] = []  # places in `stack` of its curly opening marks, kept so a close is O(1)
    for mark in _MARK_RE.finditer(text):  # only the marks: a huge paragraph is mostly letters
        i, c = mark.start(), mark.group()
        width = len(c)
        role = _role(text, i, len(stack), width)
        if role == "open":
            if c in OPENING:
                curly.append(len(stack))
            stack.append(i)
            widths.append(width)
        elif role == "close" and stack:
            if c in CLOSING and curly:  # a curly close ends the curly quotation open, and any left inside it
                del stack[curly[-1] + 1 :]
                del widths[curly[-1] + 1 :]
            start, opened = stack.pop(), widths.pop()
            if curly and curly[-1] == len(stack):
                curly.pop()
            if not stack and text[start + opened : i].strip():
                out.append(Quotation(start, i + width, start + opened, i))
    return tuple(out), (stack[0] if stack else None)


def quotations(text: str) -> tuple[Quotation, ...]:
    return scan(text)[0]


def ends_inside_quote(text: str) -> bool:
    """Whether a paragraph ends with a quotation still open."""
    return scan(text)[1] is not None


def opens_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and (stripped[0] in OPENING or stripped[0] == STRAIGHT)
