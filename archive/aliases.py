"""The alias store: names of groups, people and terms in English, romanized and Arabic.

It lives in `corpus/aliases.jsonl`, one entity per line, so people can edit it by hand and read
their changes in a diff. Ingest uses it to know who speaks, pairing to see the same name on both
sides, and search to carry a romanized query over to Arabic script.

Matching works on tokens from `archive.arabic`, so "Kata'ib", "KATAIB" and "Kataib" are one name.
Abbreviations match only as written in capitals: "KH" is a name, "kh" is not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from archive.arabic import tokenize
from archive.errors import ArchiveError
from archive.models import Entity


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    entity: Entity
    surface: str


class AliasStore:
    def __init__(self, entities: Iterable[Entity] = ()):
        self.entities: list[Entity] = []
        # folded token sequence -> (entity, needs capitals); longest sequences are tried first
        self._forms: dict[tuple[str, ...], tuple[Entity, bool]] = {}
        self._longest = 1
        for entity in entities:
            self.add(entity)

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
            self._forms.setdefault(key, (entity, is_abbr))
            self._longest = max(self._longest, len(key))
        for name in entity.arabic_names:
            key = tuple(t.norm for t in tokenize(name))
            if key:
                self._forms.setdefault(key, (entity, False))
                self._longest = max(self._longest, len(key))

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
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                window = tokens[i : i + size]
                hit = self._forms.get(tuple(t.norm for t in window))
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
    if not path.exists():
        return AliasStore()
    entities = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{path}: cannot read the alias store ({exc})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entities.append(Entity.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ArchiveError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ArchiveError(f"{path}:{number}: {where}: {first['msg']}") from None
    return AliasStore(entities)
