"""The archive's search API: what the CLI (and later the web view) call; whoosh stays behind it.

A query is checked (no empty or word-less queries), its script detected, and names in it carried
to the other script through the alias store ("Tansiqiya" → التنسيقية), so a romanized query also
reaches Arabic text. Each hit comes back as a pair, or the one side that exists, with the matched
words as offsets into the original text and the provenance of the quote.
"""

from __future__ import annotations

from pathlib import Path

from archive import arabic
from archive.aliases import AliasStore, load_aliases
from archive.build import current_build
from archive.errors import ArchiveError
from archive.index import Engine, EngineHit, terms_with_spans
from archive.models import Highlight, Pair, Rendering, SearchHit, SearchResult, SourceText
from archive.store import Store


class Archive:
    """A built archive opened for reading; keep one open to answer many queries fast."""

    def __init__(self, index: Path):
        folder = current_build(index)
        assert folder is not None
        self.store = Store(folder / "records.sqlite")
        self.engine = Engine(folder / "whoosh")
        self.aliases: AliasStore = load_aliases(folder / "aliases.jsonl")

    def close(self) -> None:
        self.engine.close()
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def search(self, query: str, limit: int = 10) -> SearchResult:
        if limit < 1:
            raise ArchiveError(f"--limit must be at least 1, not {limit}")
        if not query.strip():
            raise ArchiveError("empty query: give one or more words to search for")
        tokens = list(arabic.tokenize(query))
        if not tokens:
            raise ArchiveError(f"the query {query!r} has no words to search for")
        scripts = {t.script for t in tokens}
        script = "mixed" if len(scripts) > 1 else scripts.pop()
        also, resolved = self._across_scripts(query)
        hits = [self._hit(h, h.matched) for h in self.engine.search(query, also, limit)]
        return SearchResult(query=query, script=script, resolved=resolved, hits=hits)  # type: ignore[arg-type]

    def _across_scripts(self, query: str) -> tuple[list[tuple[str, str]], list[str]]:
        also: list[tuple[str, str]] = []
        resolved: list[str] = []
        for mention in self.aliases.mentions(query):
            entity = mention.entity
            if arabic.has_arabic(mention.surface):
                targets = [(field, name) for name in entity.latin_names for field in ("en", "who")]
                shown = entity.en
            else:
                targets = [("ar", name) for name in entity.arabic_names]
                shown = " / ".join(entity.arabic_names)
            if targets and shown:
                also.extend(targets)
                resolved.append(f"{mention.surface} → {shown}")
        return also, resolved

    def _hit(self, engine_hit: EngineHit, matched: frozenset[tuple[str, str]]) -> SearchHit:
        hit_id = engine_hit.id
        _, record = self.store.resolve(hit_id)
        pair = record if isinstance(record, Pair) else None
        source = record if isinstance(record, SourceText) else None
        rendering = record if isinstance(record, Rendering) else None
        if pair is not None:
            source = self.store.get(pair.source)[1]  # type: ignore[index,assignment]
            rendering = self.store.get(pair.rendering)[1]  # type: ignore[index,assignment]
        anchor = source or rendering
        assert anchor is not None
        figure = (source.figure if source else None) or (rendering.figure if rendering else None)
        spans = ([source.span] if source else []) + (
            [s for f in rendering.fragments for s in f.spans] if rendering else []
        )
        figure_record = self.store.figure(anchor.article, figure)
        speaker = (rendering.speaker if rendering else None) or (
            figure_record.speaker if figure_record else None
        )
        date = (rendering.date if rendering else None) or (figure_record.date if figure_record else None)
        return SearchHit(
            id=hit_id, kind=engine_hit.kind, score=round(engine_hit.score, 4),
            cross_language=engine_hit.cross_language,
            matched_in=[name for field, name in _FIELD_NAMES.items() if any(f == field for f, _ in matched)], source=source, rendering=rendering, pair=pair,  # type: ignore[arg-type]
            source_highlights=_highlights(source.original, "ar", matched) if source else [],
            rendering_highlights=_highlights(rendering.text, "en", matched) if rendering else [],
            speaker=speaker, date=date,
            provenance=self.store.provenance(anchor.article, figure, spans),
        )  # fmt: skip

    def show(self, record_id: str):
        """A record with the provenance of the text it holds."""
        kind, record = self.store.resolve(record_id)
        return kind, record


_FIELD_NAMES = {"ar": "arabic", "en": "english", "who": "speaker"}


def _highlights(text: str, field: str, matched: frozenset[tuple[str, str]]) -> list[Highlight]:
    wanted = {term for f, term in matched if f == field}
    return [Highlight(start=a, end=b) for a, b, terms in terms_with_spans(text) if wanted.intersection(terms)]
