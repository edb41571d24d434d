"""Endnotes and footnotes: where a report says when and where a quote was said.

Reports exported from PDF (think tanks, Crisis Group, ISW) give a quote's occasion only in a
numbered note: the prose reads `… has a ceiling."5` and note 5, at the page foot or under
"Endnotes", reads "Abu Ali al-Askari, post on Telegram, 2024-06-16." A reader follows the marker.
So does ingest: a quote takes the note whose marker closes its sentence (or stands first after it
in that sentence), and the note's date and channel fill what the prose leaves unsaid. "Ibid."
repeats the note before it. A note gives no speaker: who spoke is the prose's to say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import regex

from archive.ingest.dates import find_header_dates, numeric_order

# "5 Abu Ali al-Askari, post on Telegram, 2024-06-16." / "33. …" / "[33] …"
_NOTE_LINE_RE = regex.compile(r"^\s*\[?(?P<n>\d{1,3})[\].]?\s+(?P<text>\S.*)$")
_OUTLET_FIELD_RE = regex.compile(r"(?:(?:Al|Al-|The)\s*)?[A-Z][\w\-]*(?:\s+[A-Z0-9][\w\-]*){0,3}\s+(?:TV|Television|Radio|Channel|News(?:\s+Agency)?)")
_CITATION_RE = regex.compile(r",.*(?:\b(?:19|20)\d\d\b|https?://|www\.)")
_IBID_RE = regex.compile(r"^(?:Ibid|Ibidem|Id)\b\.?,?\s*(?P<rest>.*)$", regex.IGNORECASE)
# a note marker glued after a closing mark or punctuation: `ceiling."5`, `conviction”.32`, `Iraq.31`,
# or in brackets as a document export writes it: `leaves."[1]` (never a decimal, "1.5", nor a
# number that goes on, "2024.5.1"; a letter in brackets, `[a]`, is a reviewer's comment)
_MARKER_RE = regex.compile(r"(?<=[\"”’.,;:!?)\]])(?<!\d[.,])(?:\[(?P<n>\d{1,3})\]|(?P<n>\d{1,3})(?![\d])(?![.,]\d))")
_SENTENCE_END_RE = regex.compile(r"[.!?][\"”’)]*(?:\d{1,3}|\[\d{1,3}\])?(?=\s+[\"“‘(]?[A-Z]|\s*$)")


@dataclass(frozen=True, slots=True)
class Note:
    block: int  # where it is printed: a note comes after the marker that cites it
    number: int
    text: str


def read_notes(blocks: list[list[str]]) -> list[Note]:
    """Numbered note lines, in the order printed, with "Ibid." resolved to the note printed just
    before. Only blocks made of note lines count (a page's footnotes, the endnote list): a numbered
    line inside prose is no note."""
    notes: list[Note] = []
    candidates = {}
    for b, lines in enumerate(blocks):
        found = [_NOTE_LINE_RE.match(line) for line in lines if line.strip()]
        if found and all(found):
            candidates[b] = found
    if not candidates:
        notes.extend(_unnumbered_list(blocks))
    for b, found in candidates.items():
        # a numbered section heading ("1. Context" over its prose) is no note: a note stands in a
        # list of notes, or reads as a citation (a comma and a year or an address)
        listed = len(found) > 1 or b - 1 in candidates or b + 1 in candidates
        if not listed and not all(_CITATION_RE.search(m["text"]) for m in found):
            continue
        for m in found:
            text = m["text"].strip()
            ibid = _IBID_RE.match(text)
            if ibid is not None:
                text = f"{notes[-1].text} {ibid['rest']}".strip() if notes else ""
            if text:
                notes.append(Note(b, int(m["n"]), text))
    return notes


_NOTES_HEADING_RE = regex.compile(r"^\s*(?:End\s?notes|Notes|Foot\s?notes|References|Sources)\s*:?\s*$", regex.IGNORECASE)
MAX_NOTES = 500


def _unnumbered_list(blocks: list[list[str]]) -> list[Note]:
    """The notes under a "Notes" heading whose numbers the page drew and the capture lost (an HTML
    `<ol>`, or its copy from a browser): one citation per block, numbered in the order printed.
    The list ends at the first block that reads as no citation (no comma: "About the Authors")."""
    start = next((b for b, lines in enumerate(blocks) if len(lines) == 1 and _NOTES_HEADING_RE.match(lines[0])), None)
    if start is None:
        return []
    notes: list[Note] = []
    for b in range(start + 1, min(len(blocks), start + 1 + MAX_NOTES)):
        text = " ".join(line.strip() for line in blocks[b] if line.strip())
        if "," not in text or len(text) > 600:
            break
        ibid = _IBID_RE.match(text)
        if ibid is not None:
            text = f"{notes[-1].text} {ibid['rest']}".strip() if notes else ""
        notes.append(Note(b, len(notes) + 1, text))
    return notes


def cited(notes: list[Note], number: int, block: int) -> Note | None:
    """Note `number` as a reader finds it from a marker in `block`: the first printed after it (a
    numbered list above the marker is no note)."""
    return next((n for n in notes if n.number == number and n.block > block), None)


def own_note(notes: list[Note], block: int) -> Note | None:
    """The note a paragraph is, when a quote is printed inside a note itself."""
    return next((n for n in notes if n.block == block), None)


SENTENCE_REACH = 1500  # how far back a quote's sentence may begin (as quotes.SENTENCE_WINDOW)


def note_after(text: str, quote_end: int, quote_start: int | None = None) -> int | None:
    """The number of the note a quote ending at `quote_end` cites: the first marker from the quote
    to the end of its sentence (a sentence's last marker covers every quote in it)."""
    m = _SENTENCE_END_RE.search(text, quote_end)
    end = m.end() if m else len(text)
    marker = _MARKER_RE.search(text, quote_end, end)
    if marker is None and quote_start is not None:
        # "struck a different note in a televised speech,[3] saying his movement was “…”": the
        # sentence's marker before the quote
        ends = [e.end() for e in _SENTENCE_END_RE.finditer(text, max(0, quote_start - SENTENCE_REACH), quote_start)]
        begin = ends[-1] if ends else max(0, quote_start - SENTENCE_REACH)
        before = list(_MARKER_RE.finditer(text, begin, quote_start))
        marker = before[-1] if before else None
    return int(marker["n"]) if marker else None


def occasion(
    note: str, day_first: bool | None, channel_of: Callable[[str], str | None]
) -> tuple[dt.date | None, str | None]:
    """The date and channel a note gives ("interview with Al-Etejah TV, 2024-06-09"): a date only
    when the note names a day."""
    dates = find_header_dates(note, day_first)
    channel = channel_of(note)
    if channel is None:
        # "Qais al-Khazali, televised speech, Al-Ahd TV, 19 April 2025": a citation's own field
        channel = next((f.strip() for f in note.split(",") if _OUTLET_FIELD_RE.fullmatch(f.strip())), None)
    return (dates[0].date if dates else None), channel


# --- occasions of quotes --------------------------------------------------------------------------

def occasions_from_notes(drafts, layout, channel_of: Callable[[str], str | None]) -> None:
    """A quote's date and channel from the endnote or footnote its sentence cites, where the prose
    gives none (see notes.py); the note's channel names the outlet more exactly than the prose
    ("told an Iranian outlet" → "interview with Tasnim News Agency")."""
    notes = read_notes([[line.text for line in b.lines] for b in layout.blocks])
    if not notes:
        return
    day_first = numeric_order("\n".join(n.text for n in notes))
    noted = None  # the last quote a note gave its occasion
    for d in drafts:
        block = min(d.paragraph.blocks, default=0)
        n = note_after(d.paragraph.text.text, d.fragments[-1][1], d.fragments[0][0])
        note = cited(notes, n, block) if n is not None else None
        if note is None and len(d.paragraph.blocks) == 1:
            note = own_note(notes, block)  # a quote inside a footnote: that note's occasion
        if note is None:
            if noted is not None and noted.paragraph is d.paragraph and noted.speaker_name == d.speaker_name:
                # "… a televised speech,[3] saying “…”. He warned, however, that “…”": the same
                # speaker goes on in the paragraph, on the occasion its note gave
                d.date = d.date or noted.date
                d.channel = d.channel or noted.channel
            continue
        date, channel = occasion(note.text, day_first, channel_of)
        if date is not None and (d.date is None or not _names_a_day(d.paragraph.text.text, d.fragments[0][0], d.fragments[-1][1])):
            d.date = date  # the note dates the quote better than a day carried over from earlier sentences
        d.channel = channel or d.channel
        noted = d


_DAY_NAMED_RE = regex.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"(?:the\s+)?(?:next|following|same|previous)\s+day|\d{1,2}\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{1,2}\b)"
)


def _names_a_day(text: str, quote_start: int, quote_end: int) -> bool:
    """Whether the quote's own sentence names its day (then the prose wins over a note)."""
    start = max(text.rfind(". ", 0, quote_start), 0)
    end = text.find(". ", quote_end)
    masked = text[:quote_start] + " " * (quote_end - quote_start) + text[quote_end:]  # not in the quote
    return bool(_DAY_NAMED_RE.search(masked, start, end if end != -1 else len(text)))
