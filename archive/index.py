"""The one module that talks to whoosh.

Everything else sees `IndexWriter`, `Engine` and `SentenceIndex` (for measurements). The analyzer
is `archive.arabic.tokenize` wrapped as a whoosh tokenizer, so each token keeps its character span
into the original text and the archive highlights the original spelling.

Each side is indexed twice: an exact field (the search form: diacritics, hamza, alef and Persian
letters normalized) and a stem field (Arabic light stem with protected names; English Porter
stem). A query searches both, the exact field weighted higher, so an exact or phrase match ranks
above a match on the stem alone. Script is decided per word: an Arabic word in an English query
still finds its match. The set of protected name words travels inside the analyzer, which whoosh
stores with the index, so the query side always uses the set the index was built with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import qparser, query, sorting
from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.lang.porter import stem
from whoosh.reading import TermNotFound

from archive import arabic

# side -> (exact field, stem field)
SIDES = {"ar": ("ar", "ar_stem"), "en": ("en", "en_stem"), "who": ("who", "who")}
FIELD_BOOSTS = {"ar": 2.0, "en": 2.0, "who": 1.5, "ar_stem": 1.0, "en_stem": 1.0}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
RERANK_FACTOR = 5
RERANK_MIN = 50


def _date_terms(first: int | None, last: int | None) -> list[query.Query]:
    """A date range as whole years, then whole months, then single days: a few dozen exact terms
    that whoosh ORs lazily. (A numeric range makes whoosh list every document in it first.)"""
    import datetime as dt

    start = dt.date(first // 10000, first // 100 % 100, first % 100) if first else dt.date(1900, 1, 1)
    end = dt.date(last // 10000, last // 100 % 100, last % 100) if last else dt.date(2100, 12, 31)
    terms: list[query.Query] = []
    day = start
    while day <= end:
        year_end = dt.date(day.year, 12, 31)
        next_month = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        if day.month == 1 and day.day == 1 and year_end <= end:
            terms.append(query.Term("year", str(day.year)))
            day = year_end + dt.timedelta(days=1)
        elif day.day == 1 and next_month - dt.timedelta(days=1) <= end:
            terms.append(query.Term("month", day.strftime("%Y%m")))
            day = next_month
        else:
            terms.append(query.Term("day", day.strftime("%Y%m%d")))
            day += dt.timedelta(days=1)
    return terms or [query.NullQuery]


def _fields_for(text: str) -> list[str]:
    """The fields a query's words can match: English fields hold no Arabic words and Arabic ones no
    Latin words (names, in both scripts, are in `who`), so a one-script query searches half."""
    scripts = {t.script for t in arabic.tokenize(text)}
    if scripts == {"latin"}:
        return ["en", "en_stem", "who"]
    if scripts == {"ar"}:
        return ["ar", "ar_stem", "who"]
    return list(SEARCH_FIELDS)


def _text(term: object) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


class ArchiveTokenizer(Tokenizer):
    """`archive.arabic.tokenize` as a whoosh tokenizer; `form` is "exact" or "stem"."""

    def __init__(self, form: str = "exact", protected: frozenset[str] = arabic.ALWAYS_PROTECTED):
        self.form = form
        self.protected = protected

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        # A query word (not a phrase: whoosh tokenizes phrases with chars=True) may stand for
        # several stems; the field ORs them (multitoken_query="or").
        expand = self.form == "stem" and mode == "query" and not chars
        for pos, tok in enumerate(arabic.tokenize(value, self.protected), start=start_pos):
            texts = arabic.query_stems(tok, self.protected) if expand else (term_of(tok, self.form),)
            for text in texts:
                token.text = text
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = tok.surface
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + tok.start
                    token.endchar = start_char + tok.end
                yield token


def term_of(tok: arabic.Token, form: str) -> str:
    if form == "exact":
        return tok.norm
    return tok.stem if tok.script == "ar" else stem(tok.norm)


def _schema(protected: frozenset[str]) -> Schema:
    exact = ArchiveTokenizer("exact", protected)
    stemmed = ArchiveTokenizer("stem", protected)
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        ar=TEXT(analyzer=exact, phrase=True),
        ar_stem=TEXT(analyzer=stemmed, phrase=True, multitoken_query="or"),
        en=TEXT(analyzer=exact, phrase=True),
        en_stem=TEXT(analyzer=stemmed, phrase=True),
        who=TEXT(analyzer=exact, phrase=True),
        org=TEXT(analyzer=exact, phrase=True),
        article=ID(stored=True, sortable=True),
        figure=ID,
        lang=KEYWORD,
        status=ID(sortable=True),
        date=NUMERIC(int, sortable=True),
        year=ID(sortable=True),
        month=ID,
        day=ID,
        speaker_facet=ID(sortable=True),
        org_facet=ID(sortable=True),
    )


FACETS = {
    "speaker": "speaker_facet",
    "organization": "org_facet",
    "year": "year",
    "article": "article",
    "status": "status",
}


@dataclass
class Filters:
    """Field filters of a query, engine-neutral: every list is ORed within, the lists ANDed."""

    speaker: list[str] = field(default_factory=list)  # names to look for in every name of the speaker
    org: list[str] = field(default_factory=list)
    speaker_known: list[str] = field(default_factory=list)  # canonical names (alias store): exact match
    org_known: list[str] = field(default_factory=list)
    figure: list[str] = field(default_factory=list)
    article: list[str] = field(default_factory=list)
    lang: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    date_from: int | None = None  # yyyymmdd, inclusive
    date_to: int | None = None

    def __bool__(self) -> bool:
        return any((self.speaker, self.org, self.speaker_known, self.org_known, self.figure, self.article, self.lang, self.status,
                    self.date_from is not None, self.date_to is not None))  # fmt: skip


@dataclass
class EngineResult:
    hits: list[EngineHit]
    total: int
    facets: dict[str, dict[str, int]]
    total_is_estimate: bool = False


class IndexWriter:
    """Documents with fields id, kind, ar, en, who, org, article, figure, lang, status, date, year,
    speaker_facet, org_facet (the stem fields are derived). With procs > 1, whoosh's multiprocess
    writer analyses in parallel and keeps one segment per process."""

    def __init__(self, directory: Path, protected: frozenset[str], procs: int = 1, limitmb: int = 256):
        directory.mkdir(parents=True, exist_ok=True)
        self._ix = whoosh_index.create_in(str(directory), _schema(protected))
        options = (
            {"procs": procs, "multisegment": True, "limitmb": limitmb} if procs > 1 else {"limitmb": limitmb}
        )
        self._writer = self._ix.writer(**options)
        self.count = 0

    def add(self, doc: dict) -> None:
        fields = {k: v for k, v in doc.items() if v is not None}
        self._writer.add_document(**fields, ar_stem=doc.get("ar", ""), en_stem=doc.get("en", ""))
        self.count += 1

    def commit(self) -> None:
        self._writer.commit()


@dataclass(frozen=True, slots=True)
class EngineHit:
    id: str
    kind: str
    score: float
    matched: frozenset[tuple[str, str]]  # (field, term)
    cross_language: bool  # reached only through a name carried to the other script


@dataclass(frozen=True, slots=True)
class Also:
    """An extra clause: `phrase` searched on `side`, with the query's other words (`rest`);
    `same_script` when it is another spelling of a typed name (a direct match), not the name
    carried to the other script."""

    side: str
    phrase: str
    same_script: bool
    rest: str = ""


class Engine:
    def __init__(self, directory: Path):
        self._ix = whoosh_index.open_dir(str(directory))
        self._searcher = self._ix.searcher()
        self.protected: frozenset[str] = self._ix.schema["ar_stem"].analyzer.protected

    def search(self, text: str, also: list[Also], limit: int, offset: int = 0, filters: Filters | None = None,
               sort: str = "relevance", facets: bool = False) -> EngineResult:  # fmt: skip
        """`text` parsed as a query over every field (AND between words, "phrases", OR, NOT,
        prefix*), OR'd with `also`: names from the alias store, in another spelling or the other
        script; `filters` narrow the set; `offset` and `limit` page through it.

        By relevance, hits are ranked by how they matched before by score: the typed words (or
        another spelling of a typed name) together with a name carried to the other script first
        (the quote attested in both languages), then the typed words alone, then a carried name
        alone (a cross-language hit). BM25 scores of different clauses do not compare, so a boost
        could not promise that order; re-ranking a window of the best hits can.
        """
        parser = qparser.MultifieldParser(_fields_for(text), self._ix.schema, fieldboosts=FIELD_BOOSTS,
                                          group=qparser.AndGroup)  # fmt: skip
        direct = parser.parse(text) if text.strip() else None
        direct_terms = {(f, _text(t)) for f, t in direct.iter_all_terms()} if direct is not None else set()
        clauses = [direct] if direct is not None else []
        across_terms: set[tuple[str, str]] = set()
        for item in also:
            if item.side == "speaker":  # a carried name: the canonical speaker or organization, exactly
                clause = query.Or(
                    [query.Term("speaker_facet", item.phrase), query.Term("org_facet", item.phrase)]
                )
                direct_terms.update({("speaker_facet", item.phrase), ("org_facet", item.phrase)})
                if item.rest.strip():
                    rest = parser.parse(item.rest)
                    direct_terms.update((f, _text(t)) for f, t in rest.iter_all_terms())
                    clause = query.And([clause, rest])
                clauses.append(clause)
                continue
            fieldname = SIDES[item.side][1]
            form = "exact" if fieldname == "who" else "stem"
            words = [term_of(t, form) for t in arabic.tokenize(item.phrase, self.protected)]
            if not words:
                continue
            (direct_terms if item.same_script else across_terms).update((fieldname, w) for w in words)
            # a known name's words, not as a phrase: whoosh scores phrases by tracking spans in every
            # matching document, too slow for a name that occurs thousands of times
            clause = (
                query.Term(fieldname, words[0])
                if len(words) == 1
                else query.And([query.Term(fieldname, w) for w in words])
            )
            if item.rest.strip():
                rest = parser.parse(item.rest)
                direct_terms.update((f, _text(t)) for f, t in rest.iter_all_terms())
                clause = query.And([clause, rest])
            clauses.append(clause)
        if not clauses and not filters:
            return EngineResult([], 0, {})
        q = query.Or(clauses) if len(clauses) > 1 else clauses[0] if clauses else query.Every()
        if filters:
            # intersected inside the query (matchers skip ahead), not materialized as a set first;
            # the filter adds nothing to the score
            mask = query.ConstantScoreQuery(self._filter_query(filters), 0.0)
            q = mask if not clauses else query.And([q, mask])
        groupedby = (
            {name: sorting.FieldFacet(f, maptype=sorting.Count) for name, f in FACETS.items()}
            if facets
            else None
        )
        wanted = offset + limit
        # ranking by how a hit matched needs a window larger than the page only when a name was
        # carried to the other script; otherwise whoosh's own top-N is the ranking
        window = max(wanted * RERANK_FACTOR, RERANK_MIN) if across_terms and sort != "date" else wanted
        sortedby = sorting.FieldFacet("date", reverse=True) if sort == "date" else None
        results = self._searcher.search(q, limit=window, sortedby=sortedby, groupedby=groupedby)
        matched_by_doc = self._matched([hit.docnum for hit in results], direct_terms | across_terms)
        hits = []
        for hit in results:
            matched = matched_by_doc.get(hit.docnum, frozenset())
            is_direct = bool(matched & direct_terms) or not clauses
            is_across = bool(matched & across_terms)
            tier = 2 if is_direct and is_across else 1 if is_direct else 0
            engine_hit = EngineHit(hit["id"], hit["kind"], float(hit.score or 0.0), matched, not is_direct)
            hits.append((tier, float(hit.score or 0.0), engine_hit))
        if sort != "date":
            hits.sort(key=lambda h: (-h[0], -h[1]))
        facet_counts = {}
        if facets:
            for name in FACETS:
                counts = results.groups(name)
                facet_counts[name] = {
                    str(k): int(v)
                    for k, v in sorted(counts.items(), key=lambda kv: -kv[1])
                    if k not in (None, "")
                }
        # counting every match walks them all; estimate unless facets walked them already
        if facets or results.scored_length() < window:  # every match was seen: the count is exact
            return EngineResult(
                [h[2] for h in hits[offset:wanted]],
                len(results) if facets else results.scored_length(),
                facet_counts,
            )
        return EngineResult(
            [h[2] for h in hits[offset:wanted]], results.estimated_length(), facet_counts, True
        )

    def _matched(
        self, docnums: list[int], terms: set[tuple[str, str]]
    ) -> dict[int, frozenset[tuple[str, str]]]:
        """Which of the query's terms each of a few documents contains, by skipping along each
        term's postings: far cheaper than having whoosh record terms for every match."""
        found: dict[int, set[tuple[str, str]]] = {d: set() for d in docnums}
        ordered = sorted(docnums)
        for fieldname, text in terms:
            try:
                postings = self._searcher.postings(fieldname, text)
            except (KeyError, TermNotFound):
                continue
            for docnum in ordered:
                if not postings.is_active():
                    break
                if postings.id() < docnum:
                    postings.skip_to(docnum)
                if postings.is_active() and postings.id() == docnum:
                    found[docnum].add((fieldname, text))
        return {d: frozenset(t) for d, t in found.items()}

    def allowed(self, ids: list[str], filters: Filters) -> set[str]:
        """Which of `ids` pass `filters`."""
        if not ids:
            return set()
        q = query.And([query.Or([query.Term("id", i) for i in ids]), self._filter_query(filters)])
        return {hit["id"] for hit in self._searcher.search(q, limit=len(ids))}

    def _filter_query(self, filters: Filters) -> query.Query:
        parts: list[query.Query] = []
        for fieldname, facet, values, known in (
            ("who", "speaker_facet", filters.speaker, filters.speaker_known),
            ("org", "org_facet", filters.org, filters.org_known),
        ):
            # a name the alias store knows: one exact term on its canonical name (fast)
            options: list[query.Query] = [query.Term(facet, name) for name in known]
            for value in values:  # a name it does not know: any mention of it among the names
                words = [t.norm for t in arabic.tokenize(value, self.protected)]
                if words:
                    options.append(
                        query.Term(fieldname, words[0]) if len(words) == 1 else query.Phrase(fieldname, words)
                    )
            if options:
                parts.append(query.Or(options))
        for fieldname, values in (
            ("figure", filters.figure),
            ("lang", filters.lang),
            ("status", filters.status),
        ):
            if values:
                parts.append(query.Or([query.Term(fieldname, v) for v in values]))
        if filters.article:
            parts.append(query.Or([query.Prefix("article", v) for v in filters.article]))
        if filters.date_from is not None or filters.date_to is not None:
            parts.append(query.Or(_date_terms(filters.date_from, filters.date_to)))
        return query.And(parts) if len(parts) > 1 else parts[0]

    def highlights(self, text: str, side: str, matched: frozenset[tuple[str, str]]) -> list[tuple[int, int]]:
        """Spans of the words of `text` that the hit matched on `side` (exact or stem field)."""
        exact_field, stem_field = SIDES[side]
        wanted_exact = {t for f, t in matched if f == exact_field}
        wanted_stem = {t for f, t in matched if f == stem_field}
        return [
            (tok.start, tok.end)
            for tok in arabic.tokenize(text, self.protected)
            if term_of(tok, "exact") in wanted_exact or term_of(tok, "stem") in wanted_stem
        ]

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()


class SentenceIndex:
    """A bare index of sentences, for measuring the analysis against whoosh's plain tokenizer on
    the same data and queries (`scripts/measure_arabic_recall`). In memory."""

    def __init__(self, sentences: list[str], plain: bool = False):
        analyzer = RegexTokenizer() | LowercaseFilter() if plain else None
        if plain:
            schema = Schema(id=ID(stored=True), text=TEXT(analyzer=analyzer))
        else:
            schema = Schema(id=ID(stored=True), text=TEXT(analyzer=ArchiveTokenizer("exact")),
                            text_stem=TEXT(analyzer=ArchiveTokenizer("stem"), multitoken_query="or"))  # fmt: skip
        self.plain = plain
        self._ix = RamStorage().create_index(schema)
        writer = self._ix.writer()
        for n, sentence in enumerate(sentences):
            extra = {} if plain else {"text_stem": sentence}
            writer.add_document(id=str(n), text=sentence, **extra)
        writer.commit()
        self._searcher = self._ix.searcher()
        fields = ["text"] if plain else ["text", "text_stem"]
        boosts = None if plain else {"text": 2.0, "text_stem": 1.0}
        self._parser = qparser.MultifieldParser(fields, schema, fieldboosts=boosts, group=qparser.AndGroup)

    def search(self, words: list[str], limit: int = 10) -> list[int]:
        q = self._parser.parse(" ".join(words))
        return [int(hit["id"]) for hit in self._searcher.search(q, limit=limit)]
