"""The alias store: names of groups, people and terms in English, romanized and Arabic.

It lives in `corpus/aliases.jsonl`, one entity per line, so people can edit it by hand and read
their changes in a diff. Ingest uses it to know who speaks, pairing to see the same name on both
sides, and search to carry a romanized query over to Arabic script.

Matching works on tokens from `archive.arabic`, so "Kata'ib", "KATAIB" and "Kataib" are one name.
Abbreviations match only as written in capitals: "KH" is a name, "kh" is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from archive.arabic import fold_latin_word, has_arabic, stopwords, tokenize
from archive.jsonl import read_jsonl
from archive.models import Entity


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    entity: Entity
    surface: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """A name found in a query: exactly as the store has it, or in a spelling it does not have."""

    start: int
    end: int
    surface: str
    entity: Entity
    exact: bool
    distance: int  # edits between the skeletons; 0 for an exact or same-skeleton match


_ARTICLE_WORDS = {"al", "el", "ul", "il"}
# The article as romanizations write it before sun letters (ash-Shuhada, an-Nujaba), and fused
# with a preposition (fil-Iraq, lil-Muqawama, bil-, wal-).
_HYPHENED_ARTICLE_RE = regex.compile(
    r"\b(?:a[ltdrszn]|ash|adh|ath|el|ul|il|fil|bil|lil|wal)-", regex.IGNORECASE
)
_KEY_SKIP = _ARTICLE_WORDS | {"the", "of", "in", "for", "and", "fi"}
# Arabic letters to the consonant classes of `skeleton`; vowel letters, hamza and ʿayn are dropped
# as romanizations drop or vary them (و and ي count when they begin a word).
_AR_CLASSES = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "š", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "ɣ", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y",
}  # fmt: skip
_DIGRAPHS = (("kh", "x"), ("gh", "ɣ"), ("sh", "š"), ("ch", "š"), ("th", "t"), ("dh", "d"), ("ph", "f"))
_CLASSES = str.maketrans({"q": "k", "c": "k", "g": "j", "v": "f", "p": "b"})
_VOWELS = set("aeiouyw")


def skeleton(word: str) -> str:
    """A romanized Arabic word reduced to what its spellings share: Kataib, Kata'ib, Kataeb and
    Katayib → ktb; Hezbollah, Hizballah, Hizbullah → hzbl; Tansiqiya, Tansiqiyya → tnsk."""
    w = fold_latin_word(word)
    for digraph, letter in _DIGRAPHS:
        w = w.replace(digraph, letter)
    w = w.translate(_CLASSES)
    out: list[str] = []
    for i, c in enumerate(w):
        if not c.isalpha() or (c in _VOWELS and not (i == 0 and c in "wy")):
            continue
        if out and out[-1] == c:
            continue  # doubled letters: Haqq, Sayyid
        out.append(c)
    if len(out) > 1 and out[-1] == "h":
        out.pop()  # final h: Tansiqiyah, Fateh
    return "".join(out)


def roman_key(name: str) -> str:
    """The key of a name, from Latin letters or (through consonant classes) from Arabic script."""
    if has_arabic(name):
        return _arabic_key(name)
    words = [w for w in regex.split(r"[\s\-]+", _HYPHENED_ARTICLE_RE.sub("", name)) if w]
    return " ".join(k for w in words if w.lower().strip("'’") not in _KEY_SKIP and (k := skeleton(w)))


def _arabic_key(name: str) -> str:
    keys = []
    for token in tokenize(name):
        if token.script != "ar" or token.norm in stopwords():
            continue
        word = token.norm[2:] if token.norm.startswith("ال") and len(token.norm) > 3 else token.norm
        out: list[str] = []
        for i, letter in enumerate(word):
            c = _AR_CLASSES.get(letter)
            if c is None or (c in "wy" and i > 0):
                continue
            if not out or out[-1] != c:
                out.append(c)
        if len(out) > 1 and out[-1] == "h":
            out.pop()
        if out:
            keys.append("".join(out))
    return " ".join(keys)


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class AliasStore:
    def __init__(self, entities: Iterable[Entity] = ()):
        self.entities: list[Entity] = []
        # folded token sequence -> (entity, needs capitals); longest sequences are tried first
        self._forms: dict[tuple[str, ...], tuple[Entity, bool]] = {}
        self._keys: dict[str, list[tuple[Entity, str]]] = {}  # romanization key -> (entity, name)
        self._longest = 1
        self._sizes: dict[str, list[int]] = {}  # first folded token -> lengths of forms it opens, longest first
        for entity in entities:
            self.add(entity)

    def _add_form(self, key: tuple[str, ...], value: tuple[Entity, bool]) -> None:
        self._forms.setdefault(key, value)
        self._longest = max(self._longest, len(key))
        sizes = self._sizes.setdefault(key[0], [])
        if len(key) not in sizes:
            sizes.append(len(key))
            sizes.sort(reverse=True)

    def add(self, entity: Entity) -> None:
        self.entities.append(entity)
        for name in entity.latin_names:
            key = tuple(t.norm for t in tokenize(name))
            if key[:1] == ("the",) and len(key) > 1:
                key = key[1:]  # "The Islamic Resistance in Iraq": "the" is not part of the name
            if not key:
                continue
            is_abbr = name == entity.abbr or (name.isupper() and len(name) <= 6)
            # First entry wins: the store's own line beats a later, article-local guess.
            self._add_form(key, (entity, is_abbr))
            if not is_abbr:
                self._add_key(roman_key(name), entity, name)
        for name in entity.arabic_names:  # romanizations the store does not list: Munazzamat Badr
            self._add_key(roman_key(name), entity, name)
        if entity.kind == "person":  # people are named by surname alone: "Khazali said"
            surname = [w for w in regex.split(r"[\s\-]+", entity.en) if w.lower() not in _ARTICLE_WORDS][-1:]
            if surname and len(skeleton(surname[0])) >= 3:
                self._add_key(skeleton(surname[0]), entity, entity.en)
        for name in entity.arabic_names:
            key = tuple(t.norm for t in tokenize(name))
            if key:
                self._add_form(key, (entity, False))

    def _add_key(self, key: str, entity: Entity, name: str) -> None:
        key = key.replace(" ", "")  # word breaks vary too: Hezbollah, حزب الله
        if len(key) >= 3:
            entries = self._keys.setdefault(key, [])
            if all(e is not entity for e, _ in entries):
                entries.append((entity, name))

    def resolve(self, text: str) -> list[Resolution]:
        """Known names in a query: exact forms first, then spellings the store does not have,
        matched by romanization key and ranked by edit distance ("Kataeb Hizbullah")."""
        found: list[Resolution] = []
        tokens = [t for t in tokenize(text) if t.script == "latin"]
        i = 0
        while i < len(tokens):
            best = None
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                window = tokens[i : i + size]
                if any(b.start - a.end > 2 for a, b in zip(window, window[1:])):
                    continue  # the words must stand together in the query
                surface = text[window[0].start : window[-1].end]
                key = roman_key(surface)
                if not key or (size == 1 and len(window[0].norm) < 4) or surface.isupper():
                    continue
                match = self._closest(key)
                if match is not None:
                    entity, distance = match
                    typed = self._forms.get(tuple(t.norm for t in window))
                    exact = typed is not None and typed[0] is entity
                    best = Resolution(window[0].start, window[-1].end, surface, entity, exact, distance)
                    break
            if best is None:
                i += 1
            else:
                found.append(best)
                i += len([t for t in tokens[i:] if t.end <= best.end])
        covered = [(r.start, r.end) for r in found]
        for m in self.mentions(text):  # abbreviations and names in Arabic script: exact forms only
            if not any(a < m.end and m.start < b for a, b in covered):
                found.append(Resolution(m.start, m.end, m.surface, m.entity, True, 0))
        return sorted(found, key=lambda r: r.start)

    def _closest(self, key: str) -> tuple[Entity, int] | None:
        key = key.replace(" ", "")
        exact = self._keys.get(key)
        if exact:
            return exact[0][0], 0
        allowed = 0 if len(key) < 5 else 1 if len(key) < 9 else 2
        if not allowed:
            return None
        best: tuple[int, Entity] | None = None
        for candidate, entries in self._keys.items():
            if abs(len(candidate) - len(key)) > allowed:
                continue
            d = edit_distance(key, candidate)
            if d <= allowed and (best is None or d < best[0]):
                best = (d, entries[0][0])
        return (best[1], best[0]) if best else None

    def with_extra(self, entities: Iterable[Entity]) -> AliasStore:
        """A copy with article-local names added (abbreviations an article defines)."""
        copy = AliasStore(self.entities)
        for entity in entities:
            copy.add(entity)
        return copy

    def by_name(self, name: str) -> Entity | None:
        key = tuple(t.norm for t in tokenize(name))
        if key[:1] == ("the",) and len(key) > 1:
            key = key[1:]
        hit = self._forms.get(key)
        return hit[0] if hit else None

    def mentions(self, text: str) -> list[Mention]:
        """Every known name in `text`, longest match first, left to right, without overlaps."""
        tokens = list(tokenize(text))
        norms = [t.norm for t in tokens]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            # only the lengths of forms that open with this word are tried (linear in the text)
            for size in self._sizes.get(norms[i], ()):
                if size > len(tokens) - i:
                    continue
                window = tokens[i : i + size]
                hit = self._forms.get(tuple(norms[i : i + size]))
                if hit is None:
                    continue
                entity, needs_capitals = hit
                surface = text[window[0].start : window[-1].end]
                if needs_capitals and not _written_in_capitals(surface):
                    continue
                found.append(Mention(window[0].start, window[-1].end, entity, surface))
                i += size
                break
            else:
                i += 1
        return found


def _written_in_capitals(surface: str) -> bool:
    letters = [c for c in surface.split("’")[0].split("'")[0] if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def load_aliases(path: Path) -> AliasStore:
    """Read and validate the alias store; a bad line is reported with its file and line number."""
    return AliasStore(read_jsonl(path, Entity, "the alias store"))
