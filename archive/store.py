"""Built records, by id: what `show`, search results and exports read provenance from.

SQLite (the standard library's) rather than one big JSON file: a lookup by id stays fast when the
archive holds a million pairs, and a build writes one file that is swapped in whole.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from archive.errors import ArchiveError
from archive.models import Article, Figure, Pair, Provenance, Rendering, SourceText, Span

TYPES: dict[str, type[BaseModel]] = {
    "article": Article, "figure": Figure, "source": SourceText, "rendering": Rendering, "pair": Pair,
}  # fmt: skip


class RecordWriter:
    """Records written in batches into a fresh database, committed once at the end."""

    def __init__(self, path: Path):
        self._con = sqlite3.connect(path)
        self._con.execute("PRAGMA journal_mode = OFF")
        self._con.execute("PRAGMA synchronous = OFF")  # a build is written whole or thrown away
        self._con.execute(
            "CREATE TABLE records (id TEXT PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL)"
        )

    def add(self, records: Iterable[tuple[str, BaseModel]]) -> None:
        self._con.executemany(
            "INSERT INTO records VALUES (?, ?, ?)",
            ((model.id, kind, model.model_dump_json()) for kind, model in records),  # type: ignore[attr-defined]
        )

    def close(self) -> None:
        self._con.commit()
        self._con.close()


class Store:
    def __init__(self, path: Path):
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, record_id: str) -> tuple[str, BaseModel] | None:
        row = self._con.execute("SELECT type, body FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        return row[0], TYPES[row[0]].model_validate(json.loads(row[1]))

    def resolve(self, record_id: str) -> tuple[str, BaseModel]:
        """A record by its id, or by a prefix of it that only one id has (as git does)."""
        found = self.get(record_id)
        if found:
            return found
        rows = self._con.execute(
            "SELECT id FROM records WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (record_id, record_id + "\uffff"),
        ).fetchall()
        if len(rows) == 1:
            return self.get(rows[0][0])  # type: ignore[return-value]
        if rows:
            raise ArchiveError(f"id {record_id!r} is ambiguous: {rows[0][0]}, {rows[1][0]}, …")
        raise ArchiveError(f"no record with id {record_id!r} (try `archive search`)")

    def article(self, article_id: str) -> Article:
        found = self.get(article_id)
        assert found is not None and isinstance(found[1], Article), article_id
        return found[1]

    def figure(self, article_id: str, number: int | None) -> Figure | None:
        if number is None:
            return None
        found = self.get(f"{article_id}/fig{number}")
        return found[1] if found else None  # type: ignore[return-value]

    def provenance(self, article_id: str, figure_number: int | None, spans: list[Span],
                   figure: Figure | None = None) -> Provenance:  # fmt: skip
        """`figure`, when the caller has already read it, saves reading it again."""
        article = self.article(article_id)
        if figure is None:
            figure = self.figure(article_id, figure_number)
        return Provenance(
            article_id=article.id, article_title=article.title, authors=article.authors,
            article_date=article.date, publisher=article.publisher, series=article.series,
            article_url=article.url, figure=figure_number,
            figure_caption=figure.caption if figure else None,
            source_url=figure.source_url if figure else None,
            source_file=article.source_file, sha256=article.sha256, spans=spans,
        )  # fmt: skip

    def renderings_of(self, article_id: str) -> list[Rendering]:
        rows = self._con.execute("SELECT body FROM records WHERE type = 'rendering' ORDER BY id")
        found = (Rendering.model_validate(json.loads(body)) for (body,) in rows)
        return [r for r in found if r.article == article_id]

    def quotes(self) -> list[tuple[str, str]]:
        """(kind, id) of every quote: pairs (not rejected ones), then sources and renderings
        that are in none, in id order."""
        paired: set[str] = set()
        out: list[tuple[str, str]] = []
        for (body,) in self._con.execute("SELECT body FROM records WHERE type = 'pair' ORDER BY id"):
            pair = Pair.model_validate(json.loads(body))
            if pair.status != "rejected":
                paired.update((pair.source, pair.rendering))
                out.append(("pair", pair.id))
        for kind in ("source", "rendering"):
            rows = self._con.execute("SELECT id FROM records WHERE type = ? ORDER BY id", (kind,))
            out.extend((kind, record_id) for (record_id,) in rows if record_id not in paired)
        return out

    def pairs_to_review(self) -> list[Pair]:
        """Suggested pairs, those with flags first, then the least sure."""
        rows = self._con.execute("SELECT body FROM records WHERE type = 'pair' ORDER BY id")
        pairs = [Pair.model_validate(json.loads(body)) for (body,) in rows]
        return sorted(
            (p for p in pairs if p.status == "suggested"), key=lambda p: (not p.flags, p.confidence, p.id)
        )

    def close(self) -> None:
        self._con.close()
