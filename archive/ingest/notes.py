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

from archive.ingest.dates import find_header_dates

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
