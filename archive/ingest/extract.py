"""What trafilatura and htmldate say about a saved HTML page: its body's lines, authors and date.

Trafilatura (https://trafilatura.readthedocs.io) picks an article's body out of a news page better
than our structural rules, but its output is new text with no positions in the file. So its lines
are only evidence: `match_lines` marks which of our own blocks (whose every character keeps its
file offset) are the lines it chose. Nothing here reads the network: both libraries get the page
as an lxml tree or a string of markup, never a URL, and courlan's TLD list is the one it ships.
"""

from __future__ import annotations

import bisect
import logging
import unicodedata
from dataclasses import dataclass

import regex

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # their warnings are not ours to print

MIN_PART = 25  # a block this long may be a part of one of trafilatura's lines
# Over this many tags trafilatura runs without its fallbacks (justext, readability): they took 0.5 s
# at 8,000 tags, 1.1 s at 16,000 and 5.6 s at 40,000, with its own reading at 0.1, 0.2 and 0.9 s, and
# on every fixture page (all under 10,000 tags) the two readings are the same lines.
FALLBACK_MAX_TAGS = 10_000
# Nor over this many characters of text: justext folds white space word by word, 3.9 s for a page
# with a 1 MB paragraph (the longest fixture page has 40,000 characters of text)
FALLBACK_MAX_CHARS = 200_000
_MARKER_RE = regex.compile(r"^(?:[-*•]|\|)\s+")
_SPACE_RE = regex.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_MONTH_RE = regex.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    regex.IGNORECASE,
)


@dataclass(slots=True)
class Extraction:
    lines: list[str]  # the body, one paragraph (or list item, heading, table row) a line


def key(text: str) -> str:
    """Text as compared with trafilatura's: NFKC, casefolded, white space collapsed, no list marker."""
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return _MARKER_RE.sub("", text).strip()


def extract(raw: str, text_chars: int = 0) -> Extraction | None:
    """Trafilatura's reading of the page's body, or None when it finds none or fails. (Its
    metadata, slower to read, is asked for apart and only when needed: `metadata_authors`.)
    `text_chars`: how much text the page holds, as our reader found it."""
    try:
        from trafilatura import bare_extraction

        doc = bare_extraction(
            _markup(raw), include_comments=False, with_metadata=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
            fast=raw.count("<") > FALLBACK_MAX_TAGS or text_chars > FALLBACK_MAX_CHARS,
        )  # fmt: skip
    except Exception:  # noqa: BLE001 - a third-party reader failing is a reason to use ours, not to stop
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    return Extraction([line for line in doc.text.split("\n") if line.strip()])


def metadata_authors(raw: str) -> tuple[list[str], str | None]:
    """Trafilatura's authors of the page (split on "; ") and the site's name, or nothing."""
    try:
        from trafilatura import extract_metadata

        doc = extract_metadata(_markup(raw))
    except Exception:  # noqa: BLE001 - evidence, never a reason to fail ingest
        return [], None
    if doc is None:
        return [], None
    authors = [a.strip() for a in regex.split(r";\s*", doc.author or "") if a.strip()]
    return authors, (doc.sitename or "").strip() or None


DATE_SEARCH_CHARS = 200_000


def find_date(raw: str) -> str | None:
    """htmldate's publication date (YYYY-MM-DD) from the page's markup only (no text search)."""
    try:
        from htmldate import find_date as htmldate_find_date
        from trafilatura.utils import load_html

        # a tree, so htmldate never takes the input for a URL to fetch; of a huge page only the first
        # part, where the head and the article's top print its dates (htmldate walks every element)
        tree = load_html(_markup(raw[:DATE_SEARCH_CHARS]))
        if tree is None:
            return None
        return htmldate_find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a date is evidence, never a reason to fail ingest
        return None


_SPAN_ATTR_RE = regex.compile(r"""\s(?:rowspan|colspan)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", regex.IGNORECASE)


def _markup(raw: str) -> str:
    # a page whose first characters are "http…" (no space) would be taken for a URL to download
    raw = raw if not raw.lstrip().startswith("http") else "\n" + raw
    # trafilatura lays out cells that span rows in time quadratic in the rows (2.3.1: 30 s for a
    # 200-row timeline whose cells span rows); its text, all we take from it, is the same without
    return _SPAN_ATTR_RE.sub("", raw) if "span" in raw else raw


def plausible_authors(names: list[str], site_names: list[str], is_person) -> list[str]:
    """Trafilatura's author names that can be people: no digits or month words, not the site's or
    publisher's name ("The Economist", "CNN"), shaped as a name."""
    sites = {s.casefold().strip() for s in site_names if s}
    out = []
    for name in names:
        name = " ".join(name.split())
        folded = name.casefold()
        if (
            not name
            or any(c.isdigit() for c in name)
            or _MONTH_RE.search(name)
            or folded in sites
            or folded.removeprefix("the ") in sites
            or folded in ("no author", "staff", "admin", "editor", "editors")
            or not is_person(name)
        ):
            continue
        if name not in out:
            out.append(name)
    return out


def spelled_as_on_page(name: str, page_text: str) -> str:
    """The name as the page prints it: trafilatura drops the periods of initials ("Leah C Stokes")."""
    words = name.split()
    pattern = r"\b" + r"\.?\s+".join(regex.escape(w.rstrip(".")) for w in words) + r"\.?"
    m = regex.search(pattern, page_text)
    return " ".join(m.group().split()) if m else name


def match_lines(texts: list[str], lines: list[str], skip: set[int] | None = None) -> set[int]:
    """Indexes of `texts` (our blocks) that are trafilatura's `lines`: a block whose key equals a
    line's (each line used once), or is a part of at least MIN_PART characters of one, or (a block
    of several lines) of the lines joined. Searched from where the last match was, so a headline
    repeated elsewhere on the page does not take the body's line."""
    keys = [key(line) for line in lines]
    joined = " ".join(keys)  # one separator per line: a position maps back to its line by bisect
    starts, at = [], 0
    for k in keys:
        starts.append(at)
        at += len(k) + 1
    whole: dict[str, list[int]] = {}
    for j, k in enumerate(keys):
        whole.setdefault(k, []).append(j)
    words = joined.split(" ")
    trigrams = set(zip(words, words[1:], words[2:]))
    fivegrams = set(zip(words, words[1:], words[2:], words[3:], words[4:]))
    used: set[int] = set()
    chosen: set[int] = set()
    cursor = 0  # position in `joined` after the last match
    for i, text in enumerate(texts):
        if skip and i in skip:
            continue
        k = key(text)
        if not k:
            continue
        exact = [j for j in whole.get(k, ()) if j not in used]
        if exact:
            j = next((j for j in exact if starts[j] >= cursor), exact[0])
            used.add(j)
            chosen.add(i)
            cursor = starts[j] + len(keys[j])
            continue
        if len(k) < MIN_PART:
            continue
        inner = k.split(" ")  # its inner words are whole words (the first and last may be cut)
        if len(inner) >= 7 and tuple(inner[1:6]) not in fivegrams:
            continue
        if len(inner) >= 5 and tuple(inner[1:4]) not in trigrams:
            continue
        for origin in (cursor, 0):
            pos = joined.find(k, origin)
            while pos != -1:
                first = bisect.bisect_right(starts, pos) - 1
                last = bisect.bisect_right(starts, pos + len(k) - 1) - 1
                if first != last or keys[first] != k:  # a part of a line, or several lines joined
                    break
                pos = joined.find(k, pos + 1)  # the whole of a line already used: not again
            if pos != -1:
                chosen.add(i)
                cursor = pos + len(k)
                if first != last:  # a block spanning several lines uses them up
                    used.update(range(first, last + 1))
                break
    return chosen
