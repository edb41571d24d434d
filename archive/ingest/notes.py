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
_IBID_RE = regex.compile(r"^(?:Ibid|Ibidem|Id)\b\.?,?\s*(?P<rest>.*)$", regex.IGNORECASE)
# a note marker glued after a closing mark or punctuation: `ceiling."5`, `conviction”.32`, `Iraq.31`
# (never a decimal, "1.5", nor a number that goes on, "2024.5.1")
_MARKER_RE = regex.compile(r"(?<=[\"”’.,;:!?)])(?<!\d[.,])(?P<n>\d{1,3})(?![\d])(?![.,]\d)")
_SENTENCE_END_RE = regex.compile(r"[.!?][\"”’)]*(?:\d{1,3})?(?=\s+[\"“‘(]?[A-Z]|\s*$)")


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
    for b, lines in enumerate(blocks):
        found = [_NOTE_LINE_RE.match(line) for line in lines if line.strip()]
        if not found or not all(found):
            continue
        for m in found:
            text = m["text"].strip()
            ibid = _IBID_RE.match(text)
            if ibid is not None:
                text = f"{notes[-1].text} {ibid['rest']}".strip() if notes else ""
            if text:
                notes.append(Note(b, int(m["n"]), text))
    return notes


def cited(notes: list[Note], number: int, block: int) -> Note | None:
    """Note `number` as a reader finds it from a marker in `block`: the first printed after it (a
    numbered list above the marker is no note)."""
    return next((n for n in notes if n.number == number and n.block > block), None)


def own_note(notes: list[Note], block: int) -> Note | None:
    """The note a paragraph is, when a quote is printed inside a note itself."""
    return next((n for n in notes if n.block == block), None)


def note_after(text: str, quote_end: int) -> int | None:
    """The number of the note a quote ending at `quote_end` cites: the first marker from the quote
    to the end of its sentence (a sentence's last marker covers every quote in it)."""
    m = _SENTENCE_END_RE.search(text, quote_end)
    end = m.end() if m else len(text)
    marker = _MARKER_RE.search(text, quote_end, end)
    return int(marker["n"]) if marker else None


def occasion(
    note: str, day_first: bool | None, channel_of: Callable[[str], str | None]
) -> tuple[dt.date | None, str | None]:
    """The date and channel a note gives ("interview with Al-Etejah TV, 2024-06-09"): a date only
    when the note names a day."""
    dates = find_header_dates(note, day_first)
    return (dates[0].date if dates else None), channel_of(note)


# --- occasions of quotes --------------------------------------------------------------------------

def occasions_from_notes(drafts, layout, channel_of: Callable[[str], str | None]) -> None:
    """A quote's date and channel from the endnote or footnote its sentence cites, where the prose
    gives none (see notes.py); the note's channel names the outlet more exactly than the prose
    ("told an Iranian outlet" → "interview with Tasnim News Agency")."""
    notes = read_notes([[line.text for line in b.lines] for b in layout.blocks])
    if not notes:
        return
    day_first = numeric_order("\n".join(n.text for n in notes))
    for d in drafts:
        block = min(d.paragraph.blocks, default=0)
        n = note_after(d.paragraph.text.text, d.fragments[-1][1])
        note = cited(notes, n, block) if n is not None else None
        if note is None and len(d.paragraph.blocks) == 1:
            note = own_note(notes, block)  # a quote inside a footnote: that note's occasion
        if note is None:
            continue
        date, channel = occasion(note.text, day_first, channel_of)
        if date is not None and (d.date is None or not _names_a_day(d.paragraph.text.text, d.fragments[0][0], d.fragments[-1][1])):
            d.date = date  # the note dates the quote better than a day carried over from earlier sentences
        d.channel = channel or d.channel


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
