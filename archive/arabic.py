"""The archive's one text analysis: tokens with spans, and the Arabic search form.

Why tokens first and normalization second: normalizing a whole string before tokenizing shifts
offsets (a lam-alef ligature becomes two letters, diacritics vanish), and then a highlight can only
show the normalized spelling. Here every token keeps `start:end` into the text it came from, and
only the token's `norm` is normalized, so a hit always points at the original characters.

The same functions run at index time and at query time (through `archive.index`), and no other
module normalizes Arabic.

Normalization of an Arabic token (camel-tools, applied to Arabic tokens only):
1. `arclean`: presentation forms and lam-alef ligatures to base letters, diacritics and tatweel
   removed, Arabic-Indic digits to ASCII, Persian keheh/yeh/heh-hamza mapped, and any symbol that
   OCR left inside a word (و↑ارات) deleted. It is never run on Latin text: it deletes every letter
   outside Latin-1, so "Ḥizballāh" would lose letters.
2. alef forms (أ إ آ ٱ) to bare alef, alef maksura to yeh (arclean maps Persian yeh U+06CC to alef
   maksura, so this step must come after it), teh marbuta to heh.

Latin tokens are case-folded, stripped of accents and apostrophes ("Kata'ib" → "kataib",
"Ḥizballāh" → "hizballah") and of a possessive "'s".
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import regex

from archive.errors import ArchiveError

_AR_LETTER = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\ufb50-\ufdfd\ufe70-\ufefc"
)
_AR_DIGIT = "\u0660-\u0669\u06f0-\u06f9"
_AR_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"  # diacritics, Quranic marks, tatweel
_PERSIAN_LETTERS = "\u06cc\u06a9\u06c0\u067e\u0686\u0698\u06af"  # ی ک ۀ پ چ ژ گ
# Symbols that OCR drops inside Arabic words; kept inside the token so the word stays whole.
_STRAY = r"\p{So}\p{Sm}\p{Sk}\p{Co}"
_APOSTROPHES = "'’ʼʻʿʾ`´"

_AR_WORD = rf"[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*"
_LAT = r"[[\p{L}\p{M}]--[\p{Arabic}]]"
# Numbers are tokens of their own in any script, so ٢٠٢١ and 2021 split a text the same way.
_TOKEN_RE = regex.compile(
    rf"(?P<ar>{_AR_WORD}(?:[{_STRAY}]+{_AR_WORD})*)"
    rf"|(?P<num>[0-9{_AR_DIGIT}]+)"
    rf"|(?P<lat>{_LAT}+(?:[{_APOSTROPHES}]{_LAT}+)*)",
    regex.VERSION1,
)
_ARABIC_CHAR_RE = regex.compile(rf"[{_AR_LETTER}]")
_LATIN_CHAR_RE = regex.compile(r"\p{Latin}")
_DIACRITIC_RE = regex.compile("[\u064b-\u0652\u0670]")
_STRAY_IN_WORD_RE = regex.compile(rf"[{_AR_LETTER}][{_STRAY}]+[{_AR_LETTER}]")
_PERSIAN_RE = regex.compile(f"[{_PERSIAN_LETTERS}]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_POSSESSIVE_RE = regex.compile(r"['’]s$")

Script = Literal["ar", "latin"]


# Light stemming, after Larkey's light10: at most one conjunction و, then at most one of the
# article and preposition prefixes, then at most one suffix; each only when three letters remain.
# A lone ب ك ل comes off only when four letters remain (بفصائل → فصائل, but كتاب stays). A lone ف
# never comes off, as in light10: too many words begin with it (فصائل factions, فيروس, فريق);
# فال (فالحسن) is an article prefix and does.
_CONJUNCTIONS = ("و",)
# The divine name is never stemmed, whatever the alias store holds: الله must not become له or الل.
ALWAYS_PROTECTED = frozenset({"الله", "لله"})
_ARTICLES = ("بال", "كال", "فال", "وال", "لل", "ال")
_PARTICLES = ("ب", "ك", "ل")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_MIN_STEM = 3
# The stem form also forgives a dropped hamza seat (رئيس/رييس, الوباء/الوبا, مؤتمر/موتمر); the exact
# form keeps it, so the spelling as typed still ranks first.
_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": None})
_LEADING = "وفبكل"  # letters that may be a conjunction or particle attached in front


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: where it is, what it says there, and its search forms."""

    start: int
    end: int
    surface: str
    script: Script
    norm: str  # search form: what the exact field stores
    stem: (
        str  # what the stem field stores (for Latin words, the same as norm: English stemming is the index's)
    )
    protected: bool  # a word of a known name: particles removed, never a suffix


def _data_words(name: str) -> frozenset[str]:
    text = (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@functools.cache
def stopwords() -> frozenset[str]:
    """English and Arabic function words, in their search forms."""
    english = {fold_latin_word(w) for w in _data_words("stopwords-en.txt")}
    arabic = {normalize_arabic_word(w) for w in _data_words("stopwords-ar.txt")}
    return frozenset(english | arabic)


def protected_words(names: Iterable[str]) -> frozenset[str]:
    """The words of known Arabic names (alias store), in search form, without function words."""
    words = set(ALWAYS_PROTECTED)
    for name in names:
        for token in tokenize(name):
            if token.script == "ar" and token.norm not in stopwords():
                words.add(token.norm)
                words.add(_strip_article(token.norm))
    return frozenset(words)


def _strip_article(norm: str) -> str:
    for prefix in _ARTICLES:
        if norm.startswith(prefix) and len(norm) - len(prefix) >= _MIN_STEM:
            return norm[len(prefix) :]
    return norm


def light_stem(norm: str, protected: frozenset[str] = ALWAYS_PROTECTED) -> tuple[str, bool]:
    """The stem of an Arabic search form, and whether it is a protected name word.

    وتخريب → تخريب, الحسن/والحسن/بالحسن/كالحسن/فالحسن/وحسن → حسن. A protected word (and a protected
    word behind particles: بكتائب, للمقاومة) loses its particles and article only, so الله stays
    الله and التنسيقية (the committee) stays apart from التنسيقي (the framework).
    """
    if norm in protected or norm in ALWAYS_PROTECTED:
        return _strip_article(norm), True
    word = norm
    for conj in _CONJUNCTIONS:
        if word.startswith(conj) and len(word) - 1 >= _MIN_STEM:
            rest = word[1:]
            if rest in protected or "ال" + rest in protected:
                return _strip_article(rest), True
            word = rest
            break
    for prefix in (*_ARTICLES, *_PARTICLES):
        minimum = _MIN_STEM if len(prefix) > 1 else _MIN_STEM + 1
        if word.startswith(prefix) and len(word) - len(prefix) >= minimum:
            rest = word[len(prefix) :]
            if rest in protected or "ال" + rest in protected:
                return _strip_article(rest), True
            word = rest
            break
    if word in protected or "ال" + word in protected:
        return word, True
    word = word.translate(_HAMZA_SEATS)  # names are checked as spelled; other words forgive the seat
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)], False
    return word, False


@functools.cache
def _camel() -> SimpleNamespace:
    """Import camel-tools on first use: its character maps cost time that Latin queries skip."""
    try:
        from camel_tools.utils.charmap import CharMapper
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
        )
    except ImportError:
        raise ArchiveError(
            "camel-tools is not installed: run `make install` "
            "(or `pip install --no-deps camel-tools==1.6.0`; see README)"
        ) from None
    return SimpleNamespace(
        arclean=CharMapper.builtin_mapper("arclean"),
        alef=normalize_alef_ar,
        alef_maksura=normalize_alef_maksura_ar,
        teh_marbuta=normalize_teh_marbuta_ar,
    )


@functools.lru_cache(maxsize=262_144)
@functools.lru_cache(maxsize=262_144)
def normalize_arabic_word(word: str) -> str:
    """The search form of one Arabic token (see the module docstring for the rules)."""
    camel = _camel()
    clean = camel.arclean(unicodedata.normalize("NFC", word))
    return camel.teh_marbuta(camel.alef_maksura(camel.alef(clean)))


@functools.lru_cache(maxsize=262_144)
def fold_latin_word(word: str) -> str:
    """The search form of one Latin-script token."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = _POSSESSIVE_RE.sub("", bare)
    return bare.translate({ord(a): None for a in _APOSTROPHES})


def query_stems(token: Token, protected: frozenset[str] = ALWAYS_PROTECTED) -> tuple[str, ...]:
    """The stems a query word may stand for: its own, and the stems of the word without one or
    two more leading particles than the stemmer dares remove (بحيث: ب + حيث; ووزارة: و + وزارة).

    Documents keep the careful stem (so بيان never meets كيان); only the query tries the others.
    """
    if token.script != "ar" or token.protected:
        return (token.stem,)
    stems = [token.stem]
    word = token.norm
    for _ in range(2):
        if word[:1] not in _LEADING or len(word) - 1 < _MIN_STEM:
            break
        word = word[1:]
        other = light_stem(word, protected)[0]
        if other not in stems:
            stems.append(other)
    return tuple(stems)


def tokenize(text: str, protected: frozenset[str] = ALWAYS_PROTECTED) -> Iterator[Token]:
    """Every word of `text`, in order, with its span into `text` and its search forms."""
    for match in _TOKEN_RE.finditer(text):
        surface = match.group()
        if match.lastgroup == "ar":
            norm = normalize_arabic_word(surface)
            if not norm:
                continue
            stem, is_protected = _stem_cached(norm, protected)
            yield Token(match.start(), match.end(), surface, "ar", norm, stem, is_protected)
            continue
        norm = surface.translate(_DIGITS) if match.lastgroup == "num" else fold_latin_word(surface)
        if norm:
            yield Token(match.start(), match.end(), surface, "latin", norm, norm, False)


@functools.lru_cache(maxsize=262_144)
def _stem_cached(norm: str, protected: frozenset[str]) -> tuple[str, bool]:
    return light_stem(norm, protected)


def search_forms(text: str) -> Iterator[tuple[str, Script]]:
    """Each word's search form and script, as `tokenize` gives them but without spans or stems:
    for measures over a whole text (a statement can be a megabyte of a damaged capture)."""
    for match in _TOKEN_RE.finditer(text):
        group = match.lastgroup
        if group == "ar":
            norm = normalize_arabic_word(match.group())
            if norm:
                yield norm, "ar"
        elif group == "num":
            yield match.group().translate(_DIGITS), "latin"
        else:
            norm = fold_latin_word(match.group())
            if norm:
                yield norm, "latin"


def _search_form(match: regex.Match[str]) -> str:
    if match.lastgroup == "ar":
        return normalize_arabic_word(match.group()) or match.group()
    if match.lastgroup == "num":
        return match.group().translate(_DIGITS)
    return match.group()


def normalize(text: str) -> str:
    """`text` with each Arabic word (and number) in its search form and everything else as it was.

    Readable, for storing beside the original; search itself works on tokens.
    """
    return _TOKEN_RE.sub(_search_form, text)


def has_arabic(text: str) -> bool:
    return _ARABIC_CHAR_RE.search(text) is not None


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic: tells an Arabic line from an English one with a name in it."""
    arabic = len(_ARABIC_CHAR_RE.findall(text))
    latin = len(_LATIN_CHAR_RE.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def diacritic_density(text: str) -> float:
    """Diacritics per Arabic letter: Quranic text is fully vowelled, statements hardly ever are."""
    letters = len(_ARABIC_CHAR_RE.findall(text))
    return len(_DIACRITIC_RE.findall(text)) / letters if letters else 0.0


def ocr_evidence(text: str) -> list[str]:
    """Signs that Arabic text came from OCR rather than from typing, each as a readable phrase."""
    evidence = [f"stray symbol inside a word: {m.group()}" for m in _STRAY_IN_WORD_RE.finditer(text)]
    persian = sorted(set(_PERSIAN_RE.findall(text)))
    if persian:
        letters = ", ".join(f"{c} U+{ord(c):04X}" for c in persian)
        evidence.append(f"Persian letters in Arabic text: {letters}")
    return evidence
