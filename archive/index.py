"""The one module that talks to whoosh.

Everything else sees `build_index`, `Engine` and `SentenceIndex` (for measurements). The analyzer
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

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import qparser, query
from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.lang.porter import stem

from archive import arabic

# side -> (exact field, stem field)
SIDES = {"ar": ("ar", "ar_stem"), "en": ("en", "en_stem"), "who": ("who", "who")}
FIELD_BOOSTS = {"ar": 2.0, "en": 2.0, "who": 1.5, "ar_stem": 1.0, "en_stem": 1.0}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
RERANK_FACTOR = 5
RERANK_MIN = 50


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
        article=ID(stored=True),
    )


def build_index(directory: Path, documents: Iterable[dict[str, str]], protected: frozenset[str]) -> int:
    """Index documents with fields id, kind, ar, en, who, article (the stem fields are derived)."""
    directory.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(directory), _schema(protected))
    writer = ix.writer()
    count = 0
    for doc in documents:
        writer.add_document(**doc, ar_stem=doc.get("ar", ""), en_stem=doc.get("en", ""))
        count += 1
    writer.commit(optimize=True)
    return count


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

    def search(self, text: str, also: list[Also], limit: int) -> list[EngineHit]:
        """`text` parsed as a query over every field (AND between words, "phrases", OR, NOT),
        OR'd with `also`: names from the alias store, in another spelling or the other script.

        Hits are ranked by how they matched before by score: the typed words (or another spelling
        of a typed name) together with a name carried to the other script first (the quote
        attested in both languages), then the typed words alone, then a carried name alone (a
        cross-language hit). BM25 scores of different clauses do not compare, so a boost could not
        promise that order; re-ranking a window of the best hits can.
        """
        parser = qparser.MultifieldParser(list(SEARCH_FIELDS), self._ix.schema, fieldboosts=FIELD_BOOSTS,
                                          group=qparser.AndGroup)  # fmt: skip
        direct = parser.parse(text) if text.strip() else query.NullQuery
        direct_terms = {(f, _text(t)) for f, t in direct.iter_all_terms()} if text.strip() else set()
        clauses = [direct] if text.strip() else []
        across_terms: set[tuple[str, str]] = set()
        for item in also:
            field = SIDES[item.side][1]
            words = [
                term_of(t, "exact" if field == "who" else "stem")
                for t in arabic.tokenize(item.phrase, self.protected)
            ]
            if not words:
                continue
            (direct_terms if item.same_script else across_terms).update((field, w) for w in words)
            clause = query.Term(field, words[0]) if len(words) == 1 else query.Phrase(field, words)
            if item.rest.strip():
                rest = parser.parse(item.rest)
                direct_terms.update((f, _text(t)) for f, t in rest.iter_all_terms())
                clause = query.And([clause, rest])
            clauses.append(clause)
        if not clauses:
            return []
        q = query.Or(clauses) if len(clauses) > 1 else clauses[0]
        results = self._searcher.search(q, limit=max(limit * RERANK_FACTOR, RERANK_MIN), terms=True)
        hits = []
        for hit in results:
            matched = frozenset((f, _text(t)) for f, t in hit.matched_terms())
            is_direct = bool(matched & direct_terms)
            is_across = bool(matched & across_terms)
            tier = 2 if is_direct and is_across else 1 if is_direct else 0
            hits.append(
                (
                    tier,
                    float(hit.score),
                    EngineHit(hit["id"], hit["kind"], float(hit.score), matched, not is_direct),
                )
            )
        hits.sort(key=lambda h: (-h[0], -h[1]))
        return [h[2] for h in hits[:limit]]

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
