"""Names an article defines for itself, as a reader learns them on first use.

- Abbreviations: "Kataib Hezbollah (KH)": the words before the parenthesis whose initials spell it.
- Glosses of romanized terms: "*muqawama* (resistance)", and the other way round, an English name
  followed by its romanization "Shia Coordination Framework (al-Etar al-Tansiqi al-Shia)", possibly
  with a short form ("…, or Tansiqiya for short").

A term counts as romanized Arabic when the capture sets it in italics, when it carries an Arabic
article (al-, lil-), or when every word shows a spelling English does not use (q without u, kh,
gh, dh, doubled vowels, -iya, ʿ). Each finding keeps its span, so the alias store can say which
line of which article taught it a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from archive.aliases import AliasStore
from archive.ingest.capture import LineIndex
from archive.ingest.quotes import Paragraph
from archive.models import Entity, NameFinding

_NAME_WORD = r"(?:[A-Z][\w'’\-]{0,40}|al-[\w'’\-]{1,40}|al|el|of|the|in|for|and|lil-[\w'’\-]{1,40})"  # "Sayyid al Shuhada" too
# compiled with the standard `re`: the same pattern scans a long paragraph 2-3x faster than with `regex`
_ABBR_DEF_RE = re.compile(
    rf"(?P<long>(?:{_NAME_WORD}\s+){{0,7}}(?:[A-Z][\w'’\-]{{0,40}}|al-[\w'’\-]{{1,40}}))\s*\((?P<abbr>[A-Z]{{2,6}})\)"
)
_PAREN_RE = regex.compile(r"\((?P<inner>[^()]{2,120})\)")
_SHORT_RE = regex.compile(r",?\s*or\s+(?P<short>[A-Z][\w'’\-]+)\s+for\s+short\s*$")
_ROMAN_MARK_RE = regex.compile(r"q(?!u)|kh|gh|dh|aa|ii|uu|iyy?a[h]?$|['’ʿʾ]")
_ARTICLE_RE = regex.compile(r"^(?:al|el|lil|wal|bil)-", regex.IGNORECASE)
NAME_BEFORE_CHARS = 400  # seven words of at most 41 letters, and their spaces, fit in this
# Both end where the parenthesis opens: searched backwards from there (REVERSE), so a long line full
# of parentheses costs one short match per parenthesis, not a scan of the whole reach each time.
_TRAILING_TERM_RE = regex.compile(r"(?P<term>(?:[\w'’\-]+\s+){0,3}[\w'’\-]+)\s*$", regex.REVERSE)
_TITLE_RUN_RE = regex.compile(
    r"(?P<name>(?:(?:[A-Z][\w'’\-]{0,40}|of|the|for|and|al-[\w'’\-]{1,40})\s+){0,6}[A-Z][\w'’\-]{0,40})\s*$",
    regex.REVERSE,
)


@dataclass(frozen=True, slots=True)
class Found:
    finding: NameFinding
    entity: Entity | None  # an article-local name the alias store does not have yet


# compiled once: these run for every parenthesis of the body
_NOT_A_GLOSS_RE = regex.compile(r"(?i)fig|e\.g|i\.e|see\b")
_PHRASE_WORD_RE = regex.compile(r"[\w'’ʿʾ\-]+")
_DIGIT_RE = regex.compile(r"\d")


def find_names(paragraphs: list[Paragraph], lines: LineIndex, aliases: AliasStore) -> list[Found]:
    found: list[Found] = []
    seen: set[tuple[str, str]] = set()

    def add(key: tuple[str, str], finding: NameFinding, entity: Entity | None) -> None:
        if key not in seen:
            seen.add(key)
            found.append(Found(finding, entity))

    for paragraph in paragraphs:
        mapped = paragraph.text
        text = mapped.text
        for m in _ABBR_DEF_RE.finditer(text):
            abbr, words = m.group("abbr"), m.group("long").split()
            for k in range(len(words)):
                long = " ".join(words[k:])
                if not (words[k][:1].isupper() or _ARTICLE_RE.match(words[k])) or not initials_match(
                    long, abbr
                ):
                    continue
                span = mapped.spans(lines, m.end() - len(long) - len(abbr) - 3, m.end())
                known = aliases.by_name(long)
                entity = None
                if known is None or known.abbr != abbr:
                    entity = Entity(
                        kind=known.kind if known else "organization",
                        en=known.en if known else long,
                        abbr=abbr,
                        ar=known.ar if known else None,
                    )
                finding = NameFinding(
                    kind="abbreviation",
                    short=abbr,
                    long=long,
                    translit=None,
                    gloss=None,
                    span=_first(span, lines),
                )
                add(("abbreviation", abbr), finding, entity)
                break
        for m in _PAREN_RE.finditer(text):
            inner = m.group("inner").strip()
            if inner.isupper() or _NOT_A_GLOSS_RE.match(inner):
                continue
            short_m = _SHORT_RE.search(inner)
            short = short_m.group("short") if short_m else None
            inner_term = inner[: short_m.start()].strip(" ,") if short_m else inner
            lo = max(0, m.start() - NAME_BEFORE_CHARS)  # a name or term ends right here: read only its reach
            if _romanized(
                inner_term, italic=_is_italic(mapped, m.start("inner"), m.start("inner") + len(inner_term))
            ):
                # English name (romanization[, or Short for short])
                name_m = _TITLE_RUN_RE.search(text, lo, m.start())
                if not name_m or not _is_title_name(name_m.group("name")):
                    continue
                english = name_m.group("name").strip()
                english = regex.sub(r"^(?:The|the)\s+", "", english)
                span = mapped.spans(lines, name_m.start("name"), m.end())
                finding = NameFinding(
                    kind="gloss",
                    short=short,
                    long=None,
                    translit=inner_term,
                    gloss=english,
                    span=_first(span, lines),
                )
                entity = None
                if short and aliases.by_name(short) is None:
                    known = aliases.by_name(english)
                    base = known or Entity(kind="organization", en=english)
                    entity = base.model_copy(update={"short": short, "translit": inner_term, "variants": []})
                add(("gloss", inner_term.casefold()), finding, entity)
                continue
            term_m = _TRAILING_TERM_RE.search(text, lo, m.start())
            if not term_m or not _plain_gloss(inner):
                continue
            # romanized term (English gloss): the italic run that ends right before the parenthesis,
            # or else the one word before it ("Iraqi muqawama (resistance)" glosses muqawama only)
            term_end = term_m.start("term") + len(term_m.group("term").rstrip())
            italic = [(a, b) for a, b in mapped.emphasis if b == term_end]
            if italic:
                start = italic[0][0]
            else:
                start = term_end - len(term_m.group("term").rstrip().split()[-1])
            term = text[start:term_end]
            if _romanized(term, italic=bool(italic)):
                span = mapped.spans(lines, start, m.end())
                finding = NameFinding(
                    kind="gloss", short=None, long=None, translit=term, gloss=inner, span=_first(span, lines)
                )
                add(("gloss", term.casefold()), finding, None)
    return found


def _first(spans, lines: LineIndex):
    """Where the name is defined: from its first character to its last when they are in file
    order, else (a paragraph rejoined from fragments printed out of order) the first run."""
    if not spans:
        return lines.span(0, 0)
    if all(a.end <= b.start for a, b in zip(spans, spans[1:])):
        return lines.span(spans[0].start, spans[-1].end)
    return spans[0]


def initials_match(long: str, abbr: str) -> bool:
    """Whether `abbr` is the initials of `long`'s capitalized words ("Kataib Sayyid al-Shuhada" → KSS)."""
    words = [
        w.removeprefix("al-").removeprefix("lil-")
        for w in long.split()
        if w[:1].isupper() or _ARTICLE_RE.match(w)
    ]
    return "".join(w[:1].upper() for w in words if w) == abbr


def _is_italic(mapped, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in mapped.emphasis)


def _romanized(phrase: str, italic: bool) -> bool:
    words = [w for w in _PHRASE_WORD_RE.findall(phrase) if w.lower() not in ("and", "or")]
    if not words or any(w.isdigit() for w in words):
        return False
    if italic:
        return True
    if any(_ARTICLE_RE.match(w) for w in words):
        return True
    return all(_ROMAN_MARK_RE.search(w.lower()) for w in words)


def _plain_gloss(inner: str) -> bool:
    """English words that gloss a term: a few lowercase words, no numbers or dates."""
    words = inner.split()
    return 0 < len(words) <= 5 and not _DIGIT_RE.search(inner) and inner[:1].islower()


def _is_title_name(name: str) -> bool:
    capitals = [w for w in name.split() if w[:1].isupper()]
    return len(capitals) >= 2
