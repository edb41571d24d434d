"""The one module that talks to whoosh.

Everything else sees `build_index`, `open_index`/`Engine.search` and `Engine.terms_of`. The
analyzer is `archive.arabic.tokenize` wrapped as a whoosh tokenizer: Arabic tokens take their
search form from there, Latin tokens are Porter-stemmed here, and each token keeps its character
span into the original text, so the archive highlights the original spelling.

One analyzer serves every text field, at index and query time alike: script is decided per word,
so an Arabic word in an English query (or a name in Latin letters in an Arabic one) still finds
its match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import qparser, query
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.lang.porter import stem

from archive import arabic

TEXT_FIELDS = ("ar", "en", "who")
RERANK_FACTOR = 5
RERANK_MIN = 50


def _text(term: object) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


class ArchiveTokenizer(Tokenizer):
    """`archive.arabic.tokenize` as a whoosh tokenizer (with English stemming for Latin words)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, tok in enumerate(arabic.tokenize(value), start=start_pos):
            # At index time an Arabic word is stored in its normal form and, at the same position,
            # as its stem; a query asks for the stem, so والمقاومة and المقاومة meet.
            forms = terms_of(tok) if mode == "index" else (term_of(tok),)
            for text in forms:
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


def term_of(tok: arabic.Token) -> str:
    """The term a query asks for."""
    return tok.stem if tok.script == "ar" else stem(tok.norm)


def terms_of(tok: arabic.Token) -> tuple[str, ...]:
    """The terms a document stores for one word (normal form first)."""
    if tok.script == "ar":
        return (tok.norm, tok.stem) if tok.stem != tok.norm else (tok.norm,)
    return (stem(tok.norm),)


def _schema() -> Schema:
    analyzer = ArchiveTokenizer()
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        ar=TEXT(analyzer=analyzer, phrase=True),
        en=TEXT(analyzer=analyzer, phrase=True),
        who=TEXT(analyzer=analyzer, phrase=True),
        article=ID(stored=True),
    )


def build_index(directory: Path, documents: Iterable[dict[str, str]]) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(directory), _schema())
    writer = ix.writer()
    count = 0
    for doc in documents:
        writer.add_document(**doc)
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


class Engine:
    def __init__(self, directory: Path):
        self._ix = whoosh_index.open_dir(str(directory))
        self._searcher = self._ix.searcher()

    def search(self, text: str, also: list[tuple[str, str]], limit: int) -> list[EngineHit]:
        """`text` parsed as a query over every text field (AND between words, "phrases", OR,
        NOT), OR'd with `also`: (field, phrase) clauses for names carried to the other script.

        Hits are ranked by how they matched before by score: the typed words and a carried name
        (the quote attested in both languages) first, then the typed words alone, then a carried
        name alone (a cross-language hit). BM25 scores of different clauses do not compare, so a
        boost could not promise that order; re-ranking a window of the best hits can.
        """
        parser = qparser.MultifieldParser(list(TEXT_FIELDS), self._ix.schema, group=qparser.AndGroup)
        direct = parser.parse(text)
        direct_terms = {(f, _text(t)) for f, t in direct.iter_all_terms()}
        clauses = [direct]
        across_terms: set[tuple[str, str]] = set()
        for field, phrase in also:
            words = [term_of(t) for t in arabic.tokenize(phrase)]
            across_terms.update((field, w) for w in words)
            if len(words) == 1:
                clauses.append(query.Term(field, words[0]))
            elif words:
                clauses.append(query.Phrase(field, words))
        q = query.Or(clauses) if len(clauses) > 1 else direct
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

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()


def terms_with_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each token of `text` with its span and the terms the index stores for it: for highlighting."""
    return [(t.start, t.end, terms_of(t)) for t in arabic.tokenize(text)]
