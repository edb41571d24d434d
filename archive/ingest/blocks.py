"""Blocks: a text capture cut into what the page showed as paragraphs, captions, headings and items.

Captures separate paragraphs in two ways, often both in one file: a blank line (what page-saving
tools write) or a single newline (what copy-paste and most text extractors give). And some wrap
long paragraphs at a fixed width, so one paragraph spans several lines. A run of non-blank lines is
therefore cut again wherever a reader would see a new paragraph, by the evidence a reader uses:

- a change of script (an Arabic statement printed after English prose) or a line whose shape is
  a unit of its own: a figure caption, a list item, a bare URL or link, a byline, a dateline;
- in a run wrapped at a width (most lines end close to it), a line that ends a sentence well short
  of that width ends its paragraph; any other line continues into the next;
- in an unwrapped run (each line as long as its paragraph), every line is a paragraph. A line
  that breaks off mid-sentence (a column cut it) is joined to its continuation later, by the body
  reader, which weighs the same evidence across blank lines and figures and reports the repair.

Arabic lines that follow each other stay one block: statement points, verses and OCR lines are
told apart later, line by line (`figures._units`), and an OCR line break inside a sentence is
itself evidence of damage.
"""

from __future__ import annotations

import regex

from archive.arabic import arabic_share
from archive.ingest.capture import Block, Capture, Line, strip_markup
from archive.ingest.markdown import front_matter

# what ends a sentence, possibly inside closing quotes or brackets (English and Arabic marks)
_FINAL_RE = regex.compile(r"[.!?:;…❖؟۔][\"”’'»)\]]*$|[\"”»]$")
_LIST_ITEM_RE = regex.compile(r"^(?:[-–—•*·▪◦]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
_CAPTION_RE = regex.compile(r"^(?:Fig(?:ure|\.)\s*\d{1,4}\s*[:.\-–—]|(?:FILE\s+)?PHOTO\b|Photo:|Image:|Source:)", regex.I)
_BYLINE_RE = regex.compile(r"^(?:by|By|BY)\s+\S")
_URL_ONLY_RE = regex.compile(r"^<?https?://\S+>?$")
_DATELINE_RE = regex.compile(
    r"^(?:(?:Published|Updated|Posted|Last updated)\b.*|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b.*|"
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s.*|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s+\d{1,2},?\s+\d{4}.*|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?,?\s+\d{4}.*|\d{4}-\d{2}-\d{2}\b.*)$"
)
WRAP_MIN, WRAP_MAX = 30, 110  # widths at which text tools wrap paragraphs
_LINE_SPLIT_RE = regex.compile(r"\r\n|\n|\r")


def blocks_of(capture: Capture) -> list[Block]:
    """The capture's blocks, in file order, each line keeping its file offset."""
    blocks: list[Block] = []
    run: list[Line] = []
    text = capture.text
    pos = number = 0
    matter = front_matter(text)
    skip = matter.end if matter is not None else 0  # a clipper's YAML is metadata, none of it text
    for m in [*_LINE_SPLIT_RE.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        raw = text[pos:end]
        number += 1
        if pos < skip or _QUOTE_MARKERS_ONLY_RE.match(raw):
            pass  # the front matter; or a markdown block quote's ">" line, which parts its paragraphs
        elif raw.strip():  # a line holding only a text-less link still counts: its URL is evidence
            run.append(Line(number, pos, raw, strip_markup(raw, pos)))
        elif run:
            blocks.extend(Block(part) for part in split_run(run))
            run = []
        if run and (pos < skip or _QUOTE_MARKERS_ONLY_RE.match(raw)):
            blocks.extend(Block(part) for part in split_run(run))
            run = []
        if m is None:
            break
        pos = m.end()
    if run:
        blocks.extend(Block(part) for part in split_run(run))
    return blocks


def split_run(lines: list[Line]) -> list[list[Line]]:
    """One run of non-blank lines cut into paragraphs where a reader sees a new one begin."""
    if len(lines) == 1:
        return [lines]
    width = wrap_width([_visible(ln) for ln in lines])
    parts: list[list[Line]] = [[lines[0]]]
    for a, b in zip(lines, lines[1:]):
        if continues(_visible(a), _visible(b), width, a.text, b.text):
            parts[-1].append(b)
        else:
            parts.append([b])
    return parts


def _visible(line: Line) -> str:
    """The line as the file has it (markup included): what a tool that wrapped it measured."""
    return line.raw.strip()


def wrap_width(texts: list[str]) -> int | None:
    """The width the run was wrapped at, if it was: the lines that break off mid-sentence all
    end close to one width (a wrapping tool breaks wherever the width runs out; a paragraph's last
    line, and a heading, can be of any length).

    Two lines are wrapped when the first breaks off mid-sentence at a wrapping width and the
    second is no longer (the tail of the paragraph); a title above a paragraph is the other way."""
    latin = [t for t in texts if not _is_arabic(t)]
    lengths = [len(t) for t in latin]
    if len(lengths) == 2:
        a, b = lengths
        return a if WRAP_MIN <= a <= WRAP_MAX and b <= a and not _FINAL_RE.search(latin[0]) else None
    if len(lengths) < 3:
        return None
    broken = [len(t) for t in latin[:-1] if not _FINAL_RE.search(t)]
    if len(lengths) < 10:  # too few lines for a percentile: the longest that breaks off
        width = max(broken, default=0)
    else:
        ordered = sorted(lengths)
        width = ordered[int(0.9 * (len(ordered) - 1))]
    if not WRAP_MIN <= width <= WRAP_MAX:
        return None
    beyond = sum(1 for t in latin[:-1] if len(t) > 1.15 * width and " " in t)
    if 3 * beyond >= len(broken):
        return None  # a tool that wraps at `width` leaves no line far longer: lines of their own
    near = sum(1 for n in broken if n >= 0.8 * width)
    # headings and bylines above a wrapped article break off short: most broken lines, not all
    return width if len(broken) >= 2 and near >= 0.6 * len(broken) else None


_BROKEN_END_RE = regex.compile(r"\p{L}\p{Ll}-$")
_QUOTE_MARKERS_ONLY_RE = regex.compile(r"^[ \t]{0,3}>[ \t>]*$")


def continues(a: str, b: str, width: int | None, clean_a: str | None = None, clean_b: str | None = None) -> bool:
    """Whether line `b` goes on with the paragraph of line `a` (`clean_*`: without markup)."""
    clean_a, clean_b = clean_a if clean_a is not None else a, clean_b if clean_b is not None else b
    arabic_a, arabic_b = _is_arabic(clean_a), _is_arabic(clean_b)
    if arabic_a or arabic_b:
        return arabic_a and arabic_b
    if _BROKEN_END_RE.search(clean_a) and clean_b[:1].islower():
        return True  # "… more candid. "Every-" / "body wants …": a word broken at the line's end
    if width is None or _stands_alone(clean_b) or _never_wraps(clean_a):
        return False
    final = _FINAL_RE.search(clean_a) is not None
    return len(a) >= 0.75 * width and not (final and len(a) < 0.85 * width)


def _never_wraps(text: str) -> bool:
    """Lines that are whole by nature: a bare URL, an uppercase heading, a short dateline."""
    return bool(_URL_ONLY_RE.match(text) or text.isupper() or (len(text) < 40 and _DATELINE_RE.match(text)))


def _stands_alone(text: str) -> bool:
    """A line that starts a unit of its own even inside a wrapped run. A date is not one: it may be
    the tail of the line before ("…, July 27,| 2021"), so it is left to the width rule."""
    return bool(
        _CAPTION_RE.match(text)
        or _LIST_ITEM_RE.match(text)
        or _BYLINE_RE.match(text)
        or _URL_ONLY_RE.match(text)
        or text.isupper()
    )


def _is_arabic(text: str) -> bool:
    return arabic_share(text) >= 0.5
