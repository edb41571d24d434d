"""Concordance for translators: every place a term occurs and how it was rendered.

Each occurrence comes with its left and right context (KWIC) and, for a pair, the text on the
other side that the clause alignment ties to it. Occurrences are grouped by how the term was
rendered: when the alias store knows the term, by the exact spelling of its equivalent found on
the other side ("coordination framework" and "Coordination Framework" count apart, so an
inconsistency shows); otherwise by the aligned text itself.
"""

from __future__ import annotations

from collections import Counter

from archive import arabic
from archive.errors import ArchiveError
from archive.models import Concordance, KwicLine, SearchHit

CONTEXT = 40
NO_RENDERING = "(no rendering in the archive)"


def concordance(archive, term: str, limit: int = 500, width: int = CONTEXT) -> Concordance:
    tokens = list(arabic.tokenize(term))
    if not tokens:
        raise ArchiveError(f"the term {term!r} has no words")
    side = "ar" if any(t.script == "ar" for t in tokens) else "en"
    equivalents = _equivalents(archive, term, side)
    lines: list[KwicLine] = []
    for hit in archive.search(term if '"' in term or len(tokens) == 1 else f'"{term}"', limit=limit).hits:
        text = (hit.source.original if side == "ar" else hit.rendering.text) if _has(hit, side) else None
        if text is None:
            continue
        for start, end in _occurrences(text, tokens, archive.engine.protected):
            other = _other_side(hit, side, start, end)
            lines.append(
                KwicLine(
                    id=hit.id,
                    side=side,
                    left=_flat(text[max(0, start - width) : start]),
                    match=text[start:end],
                    right=_flat(text[end : end + width]),
                    other=other,
                    rendered_as=_rendered_as(other, equivalents),
                    provenance=hit.provenance,
                )  # fmt: skip
            )
    counts = Counter(line.rendered_as for line in lines)
    return Concordance(term=term, lines=lines, renderings=dict(counts.most_common()))


def _has(hit: SearchHit, side: str) -> bool:
    return (hit.source if side == "ar" else hit.rendering) is not None


def _flat(text: str) -> str:
    return " ".join(text.split())


def _occurrences(text: str, term: list, protected: frozenset[str]) -> list[tuple[int, int]]:
    """Where the term's words stand in a row (Arabic compared by stem, so والإطار counts)."""
    words = list(arabic.tokenize(text, protected))
    wanted = [_form(t) for t in arabic.tokenize(" ".join(t.surface for t in term), protected)]
    out = []
    for i in range(len(words) - len(wanted) + 1):
        if [_form(w) for w in words[i : i + len(wanted)]] == wanted:
            out.append((words[i].start, words[i + len(wanted) - 1].end))
    return out


def _form(token) -> str:
    return token.stem if token.script == "ar" else token.norm


def _other_side(hit: SearchHit, side: str, start: int, end: int) -> str | None:
    if hit.pair is None:
        return None
    other_text = hit.rendering.text if side == "ar" else hit.source.original
    for link in hit.pair.alignment:
        here, there = (link.ar, link.en) if side == "ar" else (link.en, link.ar)
        if any(seg.start <= start and end <= seg.end for seg in here):
            return _flat(" ".join(seg.text for seg in there))
    return _flat(other_text)


def _equivalents(archive, term: str, side: str) -> list[str]:
    """The term's names in the other script: from every alias-store entry that has the term as
    a name (a term and an organization may share one: الإطار التنسيقي)."""
    key = _key(term)
    names: list[str] = []
    for entity in archive.aliases.entities:
        here, there = (
            (entity.arabic_names, entity.latin_names)
            if side == "ar"
            else (entity.latin_names, entity.arabic_names)
        )
        if any(_key(name) == key for name in here):
            names.extend(there)
    return [n for n in dict.fromkeys(names) if len(n) > 2]


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in arabic.tokenize(text))


def _rendered_as(other: str | None, equivalents: list[str]) -> str:
    if other is None:
        return NO_RENDERING
    folded = other.casefold()
    for name in sorted(equivalents, key=len, reverse=True):
        at = folded.find(name.casefold())
        if at != -1:
            return other[at : at + len(name)]  # the spelling as written: case differences count
    return other[:80]
