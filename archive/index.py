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

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import qparser, query, sorting
from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.codec import whoosh3
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.lang.porter import stem
from whoosh.matching import IntersectionMatcher, NullMatcherClass, WrappingMatcher
from whoosh.reading import TermNotFound

from archive import arabic

# side -> (exact field, stem field)
SIDES = {"ar": ("ar", "ar_stem"), "en": ("en", "en_stem"), "who": ("who", "who")}
FIELD_BOOSTS = {"ar": 2.0, "en": 2.0, "who": 1.5, "ar_stem": 1.0, "en_stem": 1.0}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
STEM_FIELDS = ("ar_stem", "en_stem")
RERANK_FACTOR = 5
RERANK_MIN = 50
COUNT_SAMPLE = 2_000


def _skip_to(self, targetid):
    """whoosh 2.7.4's posting reader reaches a document inside a block of postings by stepping
    through the block one posting at a time; every AND and phrase query does this for each
    candidate. The block's ids are sorted, so bisect to it instead (same result)."""
    if not self.is_active():
        raise whoosh3.ReadTooFar
    if targetid <= self.id():
        return
    if targetid > self._maxid:
        self._skip_to_block(lambda: targetid > self._maxid)
        if not self.is_active():
            return
    if self._ids is None:
        self._read_ids()
    self._i = bisect_left(self._ids, targetid, self._i)
    if self._i >= self._blocklength:  # not in this block (cannot happen with a true block maximum)
        self._i = self._blocklength - 1
        self.next()


whoosh3.W3LeafMatcher.skip_to = _skip_to


def _intersection_replace(self, minquality=0):
    """whoosh's collector "replaces" matchers every few documents with cheaper ones that can
    still beat the scores so far. Replacing an AND (or its sides) loses the best hits of an AND
    of words over several fields (whoosh issue #413; tests/test_engine_filters.py shows it), so
    an AND stays as it is; block-quality skipping, the part that saves time, is untouched."""
    return self


IntersectionMatcher.replace = _intersection_replace


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


class _Unscored(query.WrappingQuery):
    """A filter inside a query: it narrows the matches and adds nothing to their score.
    (whoosh's ConstantScoreQuery lists every document the filter matches before the search
    starts, 0.5 s for a speaker filter at 100k pairs; this matcher skips along with the words.)"""

    def _rewrap(self, child):
        return _Unscored(child)

    def matcher(self, searcher, context=None):
        m = self.child.matcher(searcher, context)
        return m if isinstance(m, NullMatcherClass) else _ZeroScore(m)


class _ZeroScore(WrappingMatcher):
    def _replacement(self, newchild):
        return _ZeroScore(newchild)

    def supports_block_quality(self):
        return False

    def max_quality(self):
        return 0.0

    def block_quality(self):
        return 0.0

    def weight(self):
        return 0.0

    def score(self):
        return 0.0

    def replace(self, minquality=0):
        # the filter cannot raise a score, so it is never dropped for quality
        r = self.child.replace(0)
        return self if r is self.child else _ZeroScore(r)


def _column_tests(filters: Filters) -> tuple[Filters, list[tuple[str, Callable[[object], bool]]]]:
    """The filters that a document's column value decides, as (column, test); and the rest."""
    tests: list[tuple[str, Callable[[object], bool]]] = []
    rest = replace(filters)
    if filters.date_from is not None or filters.date_to is not None:
        # an undated document holds a sentinel above any date and never passes
        low, high = filters.date_from or 0, filters.date_to or 99991231
        tests.append(("date", lambda v: low <= v <= high))
        rest.date_from = rest.date_to = None
    if filters.status:
        statuses = frozenset(filters.status)
        tests.append(("status", statuses.__contains__))
        rest.status = []
    for name, facet in (("speaker", "speaker_facet"), ("org", "org_facet")):
        known = frozenset(getattr(filters, f"{name}_known"))
        if known and not getattr(filters, name):  # names the store does not know need the terms
            tests.append((facet, known.__contains__))
            setattr(rest, f"{name}_known", [])
    if filters.article:
        prefixes = tuple(filters.article)
        tests.append(("article", lambda v: v.startswith(prefixes)))
        rest.article = []
    return rest, tests


class _Where(query.WrappingQuery):
    """A query whose matches must also pass tests on column values (see `_Matching`)."""

    def __init__(self, child, tests):
        super().__init__(child)
        self.tests = tests

    def _rewrap(self, child):
        return _Where(child, self.tests)

    def matcher(self, searcher, context=None):
        m = self.child.matcher(searcher, context)
        if isinstance(m, NullMatcherClass):
            return m
        reader = searcher.reader()
        columns = [(reader.column_reader(name), test) for name, test in self.tests]
        return _Matching(m, lambda docnum: all(test(column[docnum]) for column, test in columns))


class _Matching(WrappingMatcher):
    """Skips the child's matches that fail `passes`: one column read per candidate, so a
    filter costs as much as the words it filters, however many documents it would match."""

    def __init__(self, child, passes):
        super().__init__(child)
        self.passes = passes
        self._settle()

    def _settle(self) -> None:
        child = self.child
        while child.is_active() and not self.passes(child.id()):
            child.next()

    def _replacement(self, newchild):
        return _Matching(newchild, self.passes)

    def copy(self):
        return _Matching(self.child.copy(), self.passes)

    def next(self):
        self.child.next()
        self._settle()
        return True  # may have crossed blocks: have the collector check block quality again

    def skip_to(self, id):
        self.child.skip_to(id)
        self._settle()

    def skip_to_quality(self, minquality):
        skipped = self.child.skip_to_quality(minquality)
        self._settle()
        return skipped

    def all_ids(self):
        return (i for i in self.child.all_ids() if self.passes(i))


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
        could not promise that order; a search per tier can (`_by_tier`).
        """
        direct = self._parse(text) if text.strip() else None
        direct_terms = {(f, _text(t)) for f, t in direct.iter_all_terms()} if direct is not None else set()
        clauses = [direct] if direct is not None else []
        across: list[query.Query] = []
        across_terms: set[tuple[str, str]] = set()
        rests: dict[str, query.Query] = {}  # every spelling of a name carries the same other words
        for item in also:
            if item.side == "speaker":  # a known entity: its canonical name, one exact term
                clause: query.Query = query.Or(
                    [query.Term("speaker_facet", item.phrase), query.Term("org_facet", item.phrase)]
                )
                terms = {("speaker_facet", item.phrase), ("org_facet", item.phrase)}
                is_direct = True
            else:
                fieldname = SIDES[item.side][1]
                form = "exact" if fieldname == "who" else "stem"
                words = [term_of(t, form) for t in arabic.tokenize(item.phrase, self.protected)]
                if not words:
                    continue
                # a known name's words, not as a phrase: whoosh scores phrases by tracking spans in
                # every matching document, too slow for a name that occurs thousands of times
                clause = (
                    query.Term(fieldname, words[0])
                    if len(words) == 1
                    else query.And([query.Term(fieldname, w) for w in words])
                )
                terms = {(fieldname, w) for w in words}
                is_direct = item.same_script
            (direct_terms if is_direct else across_terms).update(terms)
            if item.rest.strip():
                if item.rest not in rests:
                    rests[item.rest] = self._parse(item.rest)
                    direct_terms.update((f, _text(t)) for f, t in rests[item.rest].iter_all_terms())
                clause = query.And([clause, rests[item.rest]])
            (clauses if is_direct else across).append(clause)
        if not clauses and not across and not filters:
            return EngineResult([], 0, {})
        if not clauses and not across:
            q = self._filter_query(filters)  # type: ignore[arg-type]
        else:
            everything = query.Or(clauses + across) if len(clauses + across) > 1 else (clauses + across)[0]
            q = self._narrowed(everything, filters)
        wanted = offset + limit
        terms = direct_terms | across_terms
        if clauses and across and sort != "date" and not facets:
            return self._by_tier(clauses, across, filters, offset, wanted, terms, q)
        groupedby = (
            {name: sorting.FieldFacet(f, maptype=sorting.Count) for name, f in FACETS.items()}
            if facets
            else None
        )
        # with facets every match is walked anyway: rank a window of the best hits by tier
        window = max(wanted * RERANK_FACTOR, RERANK_MIN) if across and sort != "date" else wanted
        sortedby = sorting.FieldFacet("date", reverse=True) if sort == "date" else None
        results = self._top(q, window, sortedby, groupedby)
        matched_by_doc = self._matched([hit.docnum for hit in results], terms)
        hits = []
        for hit in results:
            matched = matched_by_doc.get(hit.docnum, frozenset())
            is_direct = bool(matched & direct_terms) or not (clauses or across)
            is_across = bool(matched & across_terms)
            tier = 2 if is_direct and is_across else 1 if is_direct else 0
            engine_hit = EngineHit(hit["id"], hit["kind"], float(hit.score or 0.0), matched, not is_direct)
            hits.append((tier, float(hit.score or 0.0), engine_hit))
        if sort != "date":
            hits.sort(key=lambda h: (-h[0], -h[1]))
        page = [h[2] for h in hits[offset:wanted]]
        if facets:  # every match was walked: the count is exact
            facet_counts = {
                name: {
                    str(k): int(v)
                    for k, v in sorted(results.groups(name).items(), key=lambda kv: -kv[1])
                    if k not in (None, "")
                }
                for name in FACETS
            }
            return EngineResult(page, len(results), facet_counts)
        if results.scored_length() < window:  # every match was seen
            return EngineResult(page, results.scored_length(), {})
        return self._estimated(page, q, results.estimated_length())

    def _top(self, q: query.Query, limit: int, sortedby=None, groupedby=None):
        return self._searcher.search(q, limit=limit, sortedby=sortedby, groupedby=groupedby)

    def _parse(self, text: str) -> query.Query:
        """Words over the exact and stem fields of the script(s) typed; a "phrase" over the
        exact fields only: quotes ask for the wording as typed (spelling variants aside), and
        matching positions in the stem fields as well doubled the cost of every phrase."""
        parser = qparser.MultifieldParser(_fields_for(text), self._ix.schema, fieldboosts=FIELD_BOOSTS,
                                          group=qparser.AndGroup)  # fmt: skip

        def exact_phrases(q: query.Query) -> query.Query:
            if isinstance(q, query.Phrase) and q.fieldname in STEM_FIELDS:
                return query.NullQuery
            return q.apply(exact_phrases)

        return exact_phrases(parser.parse(text)).normalize()

    def _by_tier(self, clauses, across, filters, offset, wanted, terms, q) -> EngineResult:
        """Hits in both languages, then the typed words alone, then a name carried to the other
        script alone: one top-N search per tier, so whoosh can skip the blocks of postings that
        cannot reach the top (one search ORing them all scores every document of a speaker)."""
        typed = query.Or(clauses) if len(clauses) > 1 else clauses[0]
        carried = query.Or(across) if len(across) > 1 else across[0]
        seen: set[int] = set()
        ranked: list[tuple[int, object]] = []
        complete = True
        for tier, tier_query in ((2, query.And([typed, carried])), (1, typed), (0, carried)):
            results = self._top(self._narrowed(tier_query, filters), wanted)
            if tier < 2 and results.scored_length() >= wanted:
                complete = False  # some matches of this tier were not seen
            for hit in results:
                if hit.docnum not in seen:
                    seen.add(hit.docnum)
                    ranked.append((tier, hit))
        ranked = ranked[offset:wanted]
        matched_by_doc = self._matched([hit.docnum for _, hit in ranked], terms)
        page = [
            EngineHit(hit["id"], hit["kind"], float(hit.score or 0.0), matched_by_doc.get(hit.docnum, frozenset()),
                      tier == 0)
            for tier, hit in ranked
        ]  # fmt: skip
        if complete:  # tiers 1 and 0 together hold every match, and all were seen
            return EngineResult(page, len(seen), {})
        return self._estimated(page, q, q.estimate_size(self._searcher.reader()))

    def _narrowed(self, q: query.Query, filters: Filters | None) -> query.Query:
        """`q` within `filters`. Filters on one value per document (date, status, a known
        speaker) are checked in their columns as the words' matches come, the rest intersected
        as unscored terms; neither lists the documents a filter matches before the search."""
        if not filters:
            return q
        terms, tests = _column_tests(filters)
        if terms:
            q = query.And([q, _Unscored(self._filter_query(terms))])
        return _Where(q, tests) if tests else q

    def _estimated(self, page: list[EngineHit], q: query.Query, estimate: int) -> EngineResult:
        if isinstance(q, _Where):
            # whoosh estimates from the words alone; walk their matches through the column tests
            counted, exact = self._count(q, estimate)
            return EngineResult(page, counted, {}, not exact)
        return EngineResult(page, estimate, {}, True)

    def _count(self, q: _Where, estimate: int) -> tuple[int, bool]:
        """How many matches pass a query's column tests: exact when the words match at most
        COUNT_SAMPLE documents, else scaled from the share of the first COUNT_SAMPLE that pass."""
        context = self._searcher.context(needs_current=False, weighting=None)
        seen = passed = 0
        for sub, _ in self._searcher.leaf_searchers():
            m = q.matcher(sub, context)
            if not isinstance(m, _Matching):
                continue
            words = m.child
            while words.is_active() and seen < COUNT_SAMPLE:
                seen += 1
                passed += m.passes(words.id())
                words.next()
            if seen >= COUNT_SAMPLE:
                return round(estimate * passed / seen), False
        return passed, True

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
        return {hit["id"] for hit in self._top(q, len(ids))}

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
