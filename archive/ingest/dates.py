"""Dates as English prose writes them: "Aug 15, 2024", "July 29", "July 23-Aug 14, 2024".

A date without a year ("On July 28") takes the year of the nearest date that has one (the figure's
or the article's), and the year before when the day would fall after that reference: an article of
August 3, 2021 that says "July 29" means 2021-07-29, one of January 5 that says "December 30" means
the December before. Nothing else is guessed: a phrase that is not a date stays unparsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

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


# "1 March", "on 3 April 2024", "the 3rd of March", "1-3 March": British, Gulf and Kurdish
# outlets write prose dates day-first
_DAY_FIRST_PROSE_RE = regex.compile(
    rf"\b(?:(?P<ad>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*)?(?P<bd>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+"
    rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b(?!\s*\d{{1,2}}\b(?!:))",
    regex.IGNORECASE,
)


def find_dates(text: str) -> list[DatePhrase]:
    """Every date phrase in prose, month-first ("March 1", "March 1-3, 2024") or day-first ("1
    March", "1-3 March 2024"), with or without its year, in text order."""
    out = _month_first_dates(text)
    taken = [(d.start, d.end) for d in out]
    for m in _DAY_FIRST_PROSE_RE.finditer(text):
        if m.group("m")[0].islower() or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        month = _MONTHS[m.group("m").lower().rstrip(".")]
        year = int(m.group("y")) if m.group("y") else None
        if m.group("ad"):
            out.append(DatePhrase(m.start(), m.end(), month, int(m.group("ad")), year, month, int(m.group("bd")), year))
        else:
            out.append(DatePhrase(m.start(), m.end(), month, int(m.group("bd")), year))
    return sorted(out, key=lambda d: d.start)


def _month_first_dates(text: str) -> list[DatePhrase]:
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


# --- header dates: every way a page prints its own date ----------------------------------------
#
# A page's dateline or byline prints its date in the site's own style: written out month-first
# ("Feb 13, 2024") or day-first ("13 February 2024", "Tuesday 13 February 2024"), ISO
# ("2024-02-13", "2024-02-13T18:40:00Z") or numeric ("13/02/2024", "02/13/2024", "13.02.2024"),
# often with a time and a label around it ("Published 13/02/2024 18:40", "Updated: …"). A numeric
# date is read only when its order is certain: a field above 12 fixes it, and so does the page's
# own evidence (`numeric_order`); "07/01/2024" on a page without such evidence stays unknown.

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_WEEKDAY = r"(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
# a clock time run into the year, as a page's date and time copy from two elements with no space
# between them: "January 14, 20254:12 PM GMT+3"
_GLUED_TIME = r"(?=\d{1,2}:\d\d\s*(?:[AaPp]\.?[Mm]\b|GMT|UTC|\b))"
_DAY_FIRST_RE = regex.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m>{_MONTH}),?[\s-]+(?P<y>{_YEAR})\b",
    regex.IGNORECASE,
)
_MONTH_FIRST_RE = regex.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>{_YEAR})(?:\b|{_GLUED_TIME})",
    regex.IGNORECASE,  # "November 19,2023" too
)
_ISO_RE = regex.compile(
    rf"(?<![\d/.-])(?P<y>{_YEAR})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?:[T ]\d{{1,2}}:\d\d(?::\d\d(?:\.\d+)?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)?(?![\d/-]|\.\d)"  # a full stop after the date ends the sentence
)
_NUMERIC_RE = regex.compile(
    rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR}|\d\d)(?![\d/.-]|\.\d)"
)
# what may stand around a date in a dateline: labels, weekday, time, zone, separators
# a time, its am/pm and its zone: "18:40", "8:06 AM", "6:10 pm ET", "9:52 AM EDT", "11:20 GMT+3"
_TIME = (
    r"\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|[A-Z]{1,4}T)(?![\w])"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?)?"
)
_FILLER_RE = regex.compile(
    rf"(?:(?:\b|(?<=\d))(?:first\s+)?(?:published|updated|update|posted|last\s+updated|last\s+update|last\s+modified|modified|date|dated|"
    rf"issued|released|on|at|am|pm)\b|{_TIME}|\b{_WEEKDAY}(?![\w])|\b(?:UTC|GMT)\b(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?|"
    r"\b\d+\s*(?:min(?:ute)?s?|m|hours?|hrs?|h|days?|d|weeks?|w)\s+(?:ago|read)\b|"  # "2h ago", as apps print it
    r"\b(?:just\s+now)\b|"
    r"[\s,;:|/·•()\[\]–—-]+)",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HeaderDate:
    """A complete date as a page prints it (any style), with where it stands in the text."""

    start: int
    end: int
    date: dt.date
    style: str  # "month-first", "day-first", "iso", "numeric"


def numeric_fields(text: str) -> list[tuple[int, int, int]]:
    """Every numeric date's fields (first, second, year) as printed, in order."""
    return [(int(m["a"]), int(m["b"]), _full_year(m["y"])) for m in _NUMERIC_RE.finditer(text)]


def _full_year(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_header_dates(text: str, day_first: bool | None = None) -> list[HeaderDate]:
    """Every complete date in `text`, in any style, in text order; times after them are ignored.

    A numeric date is read day-first or month-first as a field above 12 requires, else as
    `day_first` says; when `day_first` is None an ambiguous one (07/01/2024) is left out."""
    try:
        return _find_header_dates(text, day_first)
    except Exception:  # noqa: BLE001 - a date reader never breaks ingest
        return []


def _find_header_dates(text: str, day_first: bool | None) -> list[HeaderDate]:
    found: list[HeaderDate] = []
    taken = bytearray(len(text) + 1)  # characters already read as part of a date: linear, not O(dates²)

    def add(m, d: dt.date | None, style: str) -> None:
        if d is None or any(taken[m.start() : m.end()]):
            return
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        found.append(HeaderDate(m.start(), m.end(), d, style))

    for m in _ISO_RE.finditer(text):
        add(m, _date(int(m["y"]), int(m["m"]), int(m["d"])), "iso")
    for m in _MONTH_FIRST_RE.finditer(text):
        if not m["m"][0].islower():
            add(m, _date(int(m["y"]), _MONTHS[m["m"].lower().rstrip(".")], int(m["d"])), "month-first")
    for m in _DAY_FIRST_RE.finditer(text):
        if not m["m"][0].islower():
            add(m, _date(int(m["y"]), _MONTHS[m["m"].lower().rstrip(".")], int(m["d"])), "day-first")
    for m in _NUMERIC_RE.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), _full_year(m["y"])
        if m["sep"] == "." and len(m["y"]) == 2:
            continue  # "1.5.24" is as likely a version number as a date
        if a > 12 and b <= 12:
            order: bool | None = True
        elif b > 12 and a <= 12:
            order = False
        elif a == b:
            order = True  # 05/05/2024 reads the same either way
        else:
            order = day_first
        if order is None or (a > 12 and b > 12):
            continue
        add(m, _date(year, b, a) if order else _date(year, a, b), "numeric")
    return sorted(found, key=lambda h: h.start)


@lru_cache(maxsize=8)  # the layout, quotes and the page ask it of the same text
def numeric_order(text: str) -> bool | None:
    """Whether the page prints numeric dates day-first (True), month-first (False) or cannot tell.

    Evidence, strongest first: a numeric date with a field above 12 ("13/02/2024"), or one that is
    the same day as a date the page writes out ("01/07/2024" beside "07 January 2024"); then, when
    numbers alone say nothing, the site's written-out dates in day-month order ("5 March 2024")
    against month-day ("March 5, 2024"). Contradictory evidence leaves the order unknown."""
    try:
        return _numeric_order(text)
    except Exception:  # noqa: BLE001
        return None


def _numeric_order(text: str) -> bool | None:
    written = [h for h in _find_header_dates(text, None) if h.style in ("month-first", "day-first", "iso")]
    days = {h.date for h in written}
    votes = {True: 0, False: 0}
    for a, b, year in numeric_fields(text):
        if a == b:
            continue
        if a > 12 >= b:
            votes[True] += 1
        elif b > 12 >= a:
            votes[False] += 1
        else:
            as_dm, as_md = _date(year, b, a), _date(year, a, b)
            if as_dm in days and as_md not in days:
                votes[True] += 1
            elif as_md in days and as_dm not in days:
                votes[False] += 1
    if votes[True] and not votes[False]:
        return True
    if votes[False] and not votes[True]:
        return False
    if votes[True] or votes[False]:
        return None
    dm = sum(1 for h in written if h.style == "day-first")
    md = sum(1 for h in written if h.style == "month-first")
    if dm and not md:
        return True
    if md and not dm:
        return False
    return None


# a report's place line before its date ("Brussels, 27 June 2024", "Baghdad/Brussels, 27 June 2024"):
# one place name, or several joined by slashes; two words are not read ("Iran Update, October 21,
# 2024" is a dated issue's title, not a dateline)
_PLACE_RE = regex.compile(r"^\p{Lu}[\p{L}'’.-]+(?:\s*/\s*\p{Lu}[\p{L}'’.-]+)*\s*,\s*(?=\S)")


def dateline_date(text: str, day_first: bool | None = None) -> dt.date | None:
    """The date of a line that is a dateline and nothing else: one date, in any style, with only
    labels, a weekday, a time and separators around it ("Published 13/02/2024 18:40",
    "Tuesday 13 February 2024", "December 30, 2019 / 8:06 AM / Updated 2 hours ago"), or a place
    before it ("Brussels, 27 June 2024", "Baghdad/Brussels, 27 June 2024"). When the line gives two
    dates ("Published … · Updated …"), the first (the publication) is the one."""
    try:
        text = text.strip()
        if not text or len(text) > 160:
            return None
        place = _PLACE_RE.match(text)
        if place is not None and _find_header_dates(text[place.end() :], day_first):
            text = text[place.end() :]
        found = _find_header_dates(text, day_first)
        if not found:
            return None
        rest, pos = [], 0
        for h in found:
            rest.append(text[pos : h.start])
            pos = h.end
        rest.append(text[pos:])
        if any(_FILLER_RE.sub("", part).strip() for part in rest):
            return None
        return found[0].date
    except Exception:  # noqa: BLE001
        return None


# --- relative days: "on Tuesday", "yesterday", resolved against the article's date ----------------

_RELATIVE_RE = regex.compile(
    rf"\b(?:(?P<today>today|tonight|this\s+morning|this\s+afternoon|this\s+evening)|"
    rf"(?P<yesterday>yesterday)|(?:(?P<last>last|this\s+past|past)\s+)?(?P<wd>{_WEEKDAY}))\b"
    rf"(?!\s*,?\s*(?:\d{{1,2}}\b|{_MONTH}\s+\d))",
    regex.IGNORECASE,
)


_NAME_BEFORE_RE = regex.compile(r"\b[A-Z][\w\-]*\s+$")  # the word before is a capitalized name


@dataclass(frozen=True, slots=True)
class RelativeDay:
    """A day named relative to the article's date: "on Tuesday", "yesterday", "today"."""

    start: int
    end: int
    weekday: int | None  # 0 = Monday; None for "today" / "yesterday"
    days_back: int = 0  # for "today" (0) and "yesterday" (1)

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        if reference is None:
            return None
        if self.weekday is None:
            return reference - dt.timedelta(days=self.days_back)
        return reference - dt.timedelta(days=(reference.weekday() - self.weekday) % 7)


def find_relative_days(text: str) -> list[RelativeDay]:
    """Relative day phrases in `text`, in order. A weekday must be capitalized as prose writes it
    ("Sun" and "Sat" alone are not read: "the Sun newspaper"), and a weekday followed by a date
    ("Tuesday 13 February 2024", "Tuesday, Feb. 13") is that date, not a relative day."""
    out: list[RelativeDay] = []
    try:
        for m in _RELATIVE_RE.finditer(text):
            if m["wd"]:
                word = m["wd"].rstrip(".")
                if not word[0].isupper() or (len(word) <= 4 and word.lower() in ("sun", "sat", "wed", "mon")):
                    continue
                out.append(RelativeDay(m.start(), m.end(), _WEEKDAYS[word.lower()]))
            elif m["yesterday"]:
                out.append(RelativeDay(m.start(), m.end(), None, 1))
            elif not (m["today"] == "Today" and _NAME_BEFORE_RE.search(text, 0, m.start())):
                out.append(RelativeDay(m.start(), m.end(), None, 0))  # not "Baghdad Today", "USA Today": outlets
    except Exception:  # noqa: BLE001
        return []
    return out


def relative_date(text: str, reference: dt.date | None) -> dt.date | None:
    """The day the first relative day phrase of `text` names, counted back from `reference` (the
    article's date): a weekday is the most recent such day on or before it (the same weekday is
    that day; "last Friday" is read the same way), "yesterday" the day before, "today" the day.
    None without a reference or a phrase."""
    if reference is None or not isinstance(reference, dt.date):
        return None
    found = find_relative_days(text or "")
    return found[0].resolve(reference) if found else None
