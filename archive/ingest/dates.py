"""Dates as English prose writes them: "Aug 15, 2024", "July 29", "July 23-Aug 14, 2024".

A date without a year ("On July 28") takes the year of the nearest date that has one (the figure's
or the article's), and the year before when the day would fall after that reference: an article of
August 3, 2021 that says "July 29" means 2021-07-29, one of January 5 that says "December 30" means
the December before. Nothing else is guessed: a phrase that is not a date stays unparsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ONE = rf"(?P<@m>{_MONTH})\s+(?P<@d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<@y>(?:19|20)\d\d))?"
_DATE_RE = regex.compile(
    r"\b"
    + _ONE.replace("@", "a")
    + r"(?:\s*(?:-|–|—|to|until|through)\s*(?:"
    + _ONE.replace("@", "b")
    + r"|(?P<bd_only>\d{1,2})(?:,?\s+(?P<by_only>(?:19|20)\d\d))?))?\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DatePhrase:
    start: int
    end: int
    month: int
    day: int
    year: int | None
    end_month: int | None = None
    end_day: int | None = None
    end_year: int | None = None

    def first(self, reference: dt.date | None) -> dt.date | None:
        year = self.year or self.end_year
        return _resolve(self.month, self.day, year, reference)

    def last(self, reference: dt.date | None) -> dt.date | None:
        if self.end_day is None:
            return None
        start = self.first(reference)
        if self.end_year is None and start is not None:
            # a range ends after it starts: "December 28-January 3" crosses into the next year
            end = _resolve(self.end_month or self.month, self.end_day, start.year, None)
            if end is not None and end < start:
                end = _resolve(self.end_month or self.month, self.end_day, start.year + 1, None)
            return end
        return _resolve(self.end_month or self.month, self.end_day, self.end_year, reference)


def _resolve(month: int, day: int, year: int | None, reference: dt.date | None) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        if reference is None:
            return None
        guess = dt.date(reference.year, month, day)
        return guess if guess <= reference else dt.date(reference.year - 1, month, day)
    except ValueError:
        return None  # "February 30" is not a date, whatever the prose says


def find_dates(text: str) -> list[DatePhrase]:
    out = []
    for m in _DATE_RE.finditer(text):
        if m.group("am").islower():
            continue  # "may 5" is a verb and a number; prose capitalizes month names
        month = _MONTHS[m.group("am").lower().rstrip(".")]
        year = int(m.group("ay")) if m.group("ay") else None
        end_month = end_day = end_year = None
        if m.group("bm"):
            end_month = _MONTHS[m.group("bm").lower().rstrip(".")]
            end_day = int(m.group("bd"))
            end_year = int(m.group("by")) if m.group("by") else None
        elif m.group("bd_only"):
            end_day = int(m.group("bd_only"))
            end_year = int(m.group("by_only")) if m.group("by_only") else None
        out.append(
            DatePhrase(m.start(), m.end(), month, int(m.group("ad")), year, end_month, end_day, end_year)
        )
    return out


def parse_full_date(text: str) -> dt.date | None:
    """A line that is one complete date and nothing else (an article's dateline)."""
    text = text.strip()
    for phrase in find_dates(text):
        if phrase.start == 0 and phrase.end == len(text) and phrase.year and phrase.end_day is None:
            return phrase.first(None)
    return None
