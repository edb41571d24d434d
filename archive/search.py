"""The archive's search API: what the CLI (and later the web view) call; whoosh stays behind it.

A query is checked (no empty or word-less queries), its script detected, and names in it carried
to the other script through the alias store ("Tansiqiya" → التنسيقية), so a romanized query also
reaches Arabic text. Each hit comes back as a pair, or the one side that exists, with the matched
words as offsets into the original text and the provenance of the quote.
"""

from __future__ import annotations

from pathlib import Path

import regex

from archive import arabic
from archive.aliases import AliasStore, load_aliases
from archive.build import current_build
from archive.errors import ArchiveError
from archive.index import Also, Engine, EngineHit, Filters
from archive.models import Highlight, Pair, Rendering, SearchHit, SearchResult, SourceText
from archive.store import Store
from archive.vectors import VectorIndex


class Archive:
    """A built archive opened for reading; keep one open to answer many queries fast."""

    def __init__(self, index: Path):
        folder = current_build(index)
        assert folder is not None
        self.store = Store(folder / "records.sqlite")
        self.engine = Engine(folder / "whoosh")
        self.aliases: AliasStore = load_aliases(folder / "aliases.jsonl")
        self.vectors = VectorIndex(folder)
        self._embedder = None

    def close(self) -> None:
        self.engine.close()
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def search(self, query: str, limit: int = 10, page: int = 1, sort: str = "relevance",
               facets: bool = False) -> SearchResult:  # fmt: skip
        if limit < 1:
            raise ArchiveError(f"--limit must be at least 1, not {limit}")
        if page < 1:
            raise ArchiveError(f"--page must be at least 1, not {page}")
        if not query.strip():
            raise ArchiveError("empty query: give one or more words to search for")
        text, filters = parse_filters(query)
        self._resolve_names(filters)
        check_syntax(text)
        tokens = list(arabic.tokenize(text))
        if not tokens and not filters:
            raise ArchiveError(f"the query {query!r} has no words to search for")
        scripts = {t.script for t in tokens} or {"latin"}
        script = "mixed" if len(scripts) > 1 else scripts.pop()
        notes: list[str] = []
        text, also = self._names(text, notes) if tokens else (text, [])
        text = _drop_stopwords(text, notes)
        found = self.engine.search(text, also, limit, offset=(page - 1) * limit, filters=filters, sort=sort,
                                   facets=facets)  # fmt: skip
        hits = [self._hit(h) for h in found.hits]
        return SearchResult(
            query=query,
            script=script,
            resolved=notes,
            total=found.total,
            page=page,  # type: ignore[arg-type]
            per_page=limit,
            sort=sort,
            hits=hits,
            facets=found.facets,
            total_is_estimate=found.total_is_estimate,
        )  # type: ignore[arg-type]

    def _resolve_names(self, filters: Filters) -> None:
        """speaker:KH and org:Khazali name entities of the alias store: filter on their canonical
        name (one exact term); a name the store does not know is looked for in every name."""
        for attr in ("speaker", "org"):
            unknown, known = [], []
            for value in getattr(filters, attr):
                entity = self.aliases.by_name(value)
                if entity is None:
                    resolved = [
                        r for r in self.aliases.resolve(value) if r.end - r.start == len(value.strip())
                    ]
                    entity = resolved[0].entity if resolved else None
                (known if entity else unknown).append(entity.en if entity else value)
            setattr(filters, attr, unknown)
            setattr(filters, f"{attr}_known", known)

    def cross_language(self, query: str, limit: int = 10, exclude: set[str] = frozenset()) -> list[SearchHit]:
        """Records with only the other language's side whose meaning is close to the query
        (multilingual sentence similarity). Loads the embedding model on first use (about 1.5 s)."""
        text, filters = parse_filters(query)
        tokens = list(arabic.tokenize(text))
        if not tokens:
            return []
        scripts = {t.script for t in tokens}
        kind = None if len(scripts) > 1 else ("source" if scripts == {"latin"} else "rendering")
        if self._embedder is None:
            from archive.embed import Embedder

            self._embedder = Embedder()
        vector = self._embedder.embed([text])[0]
        found = [
            (i, s)
            for i, s in self.vectors.nearest(vector, kind, limit * 3, CROSS_MINIMUM)
            if i not in exclude
        ]
        if filters:
            allowed = self.engine.allowed([i for i, _ in found], filters)
            found = [(i, s) for i, s in found if i in allowed]
        hits = []
        for record_id, score in found[:limit]:
            kind_name = self.store.get(record_id)[0]
            hits.append(self._hit(EngineHit(record_id, kind_name, score, frozenset(), True)))
        return hits

    def _names(self, query: str, notes: list[str]) -> tuple[str, list[Also]]:
        """Names in the query, carried to their other spellings and to the other script.

        A known name becomes clauses of its own: its spellings in the typed script and the
        entity as speaker or organization (direct matches), and its spellings in the other
        script (cross-language), each with the rest of the query. The name's words leave the
        typed text, so an unseen spelling ("Kataeb Hizbullah") does not have to match, and a
        speaker is found through one exact term rather than by intersecting name words.
        """
        also: list[Also] = []
        quoted = [(m.start(), m.end()) for m in regex.finditer(r'"[^"]*"', query)]
        spans = []  # (start, end, resolution): a name, with its quotes when it is a whole "phrase"
        for r in self.aliases.resolve(query):
            around = next(((a, b) for a, b in quoted if a < r.start and r.end < b), None)
            if around is None:
                spans.append((r.start, r.end, r))
            elif query[around[0] + 1 : around[1] - 1].strip() == r.surface.strip():
                spans.append((*around, r))
            # a name inside a longer "phrase" stays in it: the phrase is searched as typed
        spans.sort(key=lambda s: -s[0])
        text = query
        for start, end, _ in spans:
            text = text[:start] + " " + text[end:]
        resolutions = [r for _, _, r in spans]
        for start, end, r in spans:
            entity = r.entity
            common: list[str] = []
            rest = _drop_stopwords((query[:start] + " " + query[end:]).strip(), common)
            rest = "" if common else rest  # nothing but function words besides the name
            arabic_typed = arabic.has_arabic(r.surface)
            typed, carried = (
                (entity.arabic_names, entity.latin_names)
                if arabic_typed
                else (entity.latin_names, entity.arabic_names)
            )
            typed_side, carried_side = ("ar", "en") if arabic_typed else ("en", "ar")
            also.append(Also("speaker", entity.en, True, rest))
            also.extend(Also(typed_side, name, True, rest) for name in typed)
            also.extend(Also(carried_side, name, False, rest) for name in carried)
            if arabic_typed:
                notes.append(f"{r.surface} → {entity.en}")
                continue
            shown = (
                entity.en
                if r.exact
                else f"{entity.en} ({r.surface!r}, {r.distance} edits from a known spelling)"
            )
            target = " / ".join(entity.arabic_names)
            notes.append(
                f"{r.surface} → {target}"
                if r.exact and target
                else f"{r.surface} ≈ {shown}" + (f" → {target}" if target else "")
            )
        # the other words count inside every name's clauses; left alone they would match
        # quotes without the name
        return ("" if resolutions else text.strip()), also

    def hit(self, record_id: str) -> SearchHit:
        """A record shown as a search hit (both sides, speaker, date, provenance), unscored."""
        kind, record = self.store.resolve(record_id)
        return self._hit(EngineHit(record.id, kind, 0.0, frozenset(), False))  # type: ignore[attr-defined]

    def _hit(self, engine_hit: EngineHit) -> SearchHit:
        matched = engine_hit.matched
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
        spans = ([source.span] if source and source.span else []) + (
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
            matched_in=[name for name, fields in _FIELD_NAMES.items() if any(f in fields for f, _ in matched)], source=source, rendering=rendering, pair=pair,  # type: ignore[arg-type]
            source_highlights=(src_marks := self._highlights(source.original, "ar", matched) if source else []),
            rendering_highlights=(en_marks := self._highlights(rendering.text, "en", matched) if rendering else []),
            source_aligned=_through_alignment(pair, en_marks, "en") if pair else [],
            rendering_aligned=_through_alignment(pair, src_marks, "ar") if pair else [],
            speaker=speaker, date=date,
            provenance=self.store.provenance(anchor.article, figure, spans, figure_record),
        )  # fmt: skip

    def show(self, record_id: str):
        """A record with the provenance of the text it holds."""
        kind, record = self.store.resolve(record_id)
        return kind, record

    def _highlights(self, text: str, side: str, matched) -> list[Highlight]:
        return [Highlight(start=a, end=b) for a, b in self.engine.highlights(text, side, matched)]


def _through_alignment(pair: Pair, marks: list[Highlight], side: str) -> list[Highlight]:
    """The clauses on the other side of a pair that are aligned with the matched words."""
    other = "ar" if side == "en" else "en"
    out: list[Highlight] = []
    for link in pair.alignment:
        segments = getattr(link, side)
        if any(seg.start <= m.start and m.end <= seg.end for m in marks for seg in segments):
            out.extend(Highlight(start=seg.start, end=seg.end) for seg in getattr(link, other))
    return out


_FILTER_RE = regex.compile(
    r'(?<![\w:])(?P<field>speaker|org|figure|article|lang|status|date):(?:"(?P<quoted>[^"]*)"|(?P<value>[^\s()]+))'
)
_DATE_RE = regex.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
STATUSES = ("confirmed", "suggested", "unpaired")


def parse_filters(query: str) -> tuple[str, Filters]:
    """Field filters taken out of the query; what is left is searched as words."""
    filters = Filters()
    for m in _FILTER_RE.finditer(query):
        name, value = (
            m.group("field"),
            (m.group("quoted") if m.group("quoted") is not None else m.group("value")),
        )
        where = f"{name}:{value}"
        if not value.strip():
            raise ArchiveError(f"{where} has no value")
        if name == "lang":
            if value not in ("ar", "en"):
                raise ArchiveError(f"{where}: lang is ar or en")
            filters.lang.append(value)
        elif name == "status":
            if value not in STATUSES:
                raise ArchiveError(f"{where}: status is one of {', '.join(STATUSES)}")
            filters.status.append(value)
        elif name == "figure":
            if not value.isdigit():
                raise ArchiveError(f"{where}: figure is a number")
            filters.figure.append(value)
        elif name == "date":
            filters.date_from, filters.date_to = _date_range(value, where)
        else:
            getattr(filters, name).append(value.rstrip("*"))
    return _FILTER_RE.sub(" ", query).strip(), filters


def _date_range(value: str, where: str) -> tuple[int | None, int | None]:
    """2021, 2021-07, 2021-07-29, and ranges 2021-07..2021-08, 2021-07.., ..2021-08."""
    first, sep, last = value.partition("..")
    if not sep:
        last = first
    if not first and not last:
        raise ArchiveError(f"{where}: a range needs at least one end")
    return (
        _date_bound(first, where, False) if first else None,
        _date_bound(last, where, True) if last else None,
    )


def _date_bound(text: str, where: str, end: bool) -> int:
    import calendar
    import datetime as dt

    m = _DATE_RE.match(text)
    if not m:
        raise ArchiveError(
            f"{where}: {text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD; ranges with ..)"
        )
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    month_n = int(month) if month else (12 if end else 1)
    try:
        if day:
            date = dt.date(year, month_n, int(day))
        else:
            date = dt.date(year, month_n, calendar.monthrange(year, month_n)[1] if end else 1)
    except ValueError:
        raise ArchiveError(f"{where}: {text!r} is not a date") from None
    return int(date.strftime("%Y%m%d"))


def check_syntax(text: str) -> None:
    """Say where a query is malformed, rather than let the parser guess."""
    quotes = [m.start() for m in regex.finditer('"', text)]
    if len(quotes) % 2:
        raise ArchiveError(f"unclosed quotation mark at position {quotes[-1] + 1} of {text!r}")
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth < 0:
            raise ArchiveError(f"unmatched ')' at position {i + 1} of {text!r}")
    if depth:
        raise ArchiveError(f"unclosed '(' in {text!r}")
    words = text.split()
    if words and words[0] in ("AND", "OR"):
        raise ArchiveError(f"{words[0]} at the start of {text!r} joins nothing")
    if words and words[-1] in ("AND", "OR", "NOT"):
        raise ArchiveError(f"{words[-1]} at the end of {text!r} has nothing after it")
    for a, b in zip(words, words[1:]):
        if a in ("AND", "OR", "NOT") and b in ("AND", "OR"):
            raise ArchiveError(f"'{a} {b}' in {text!r}: two operators in a row")


CROSS_MINIMUM = 0.35  # cosine below which a cross-language neighbour is noise (USE-m3)

_FIELD_NAMES = {
    "arabic": ("ar", "ar_stem"),
    "english": ("en", "en_stem"),
    "speaker": ("who", "speaker_facet", "org_facet"),
}
_OPERATORS = {"AND", "OR", "NOT"}


def _drop_stopwords(text: str, notes: list[str]) -> str:
    """Function words left out of a word query; inside "quotes" they stay (a phrase is exact).
    A query of nothing but function words is searched as the exact phrase, and says so."""
    if not text.strip():
        return text
    quoted = [(m.start(), m.end()) for m in regex.finditer(r'"[^"]*"', text)]
    words = [
        t for t in arabic.tokenize(text)
        if t.surface not in _OPERATORS and not text[t.end : t.end + 1] == ":"
        and not any(a <= t.start < b for a, b in quoted)
    ]  # fmt: skip
    stop = [t for t in words if t.norm in arabic.stopwords()]
    if not stop:
        return text
    if len(stop) == len(words) and not quoted:
        notes.append(f'only common words: searched as the exact phrase "{text.strip()}"')
        return '"' + text.strip().replace('"', " ") + '"'
    out, last = [], 0
    for t in stop:
        out.append(text[last : t.start])
        last = t.end
    out.append(text[last:])
    return "".join(out)
