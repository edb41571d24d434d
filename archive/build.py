"""`archive build`: every article in corpus/ ingested, paired, and indexed from scratch.

The new build is written to a fresh folder under index/ and `index/CURRENT` is switched to it
atomically, so searches never see a half-built index and a failed build leaves the old one in
place. A capture that cannot be read is reported by name and skipped; the rest still build.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive.aliases import AliasStore, load_aliases
from archive.arabic import protected_words
from archive.embed import Embedder
from archive.errors import ArchiveError
from archive.files import replace_file
from archive.index import IndexWriter
from archive.ingest import CAPTURE_SUFFIXES, IngestContext, ingest_file
from archive.ingest.capture import DEFAULT_MAX_BYTES
from archive.ingest.layout import load_publishers
from archive.models import Decision, Entity, IngestResult
from archive.review import load_decisions
from archive.store import RecordWriter
from archive.vectors import write_vectors

CURRENT = "CURRENT"
# Bump when what a build writes changes shape (fields, analysis); older builds are then refused
# with a one-line request to rebuild instead of failing somewhere inside.
INDEX_FORMAT = 8
FORMAT_FILE = "format"


@dataclass
class BuildReport:
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # captures read, but not well (ingest says why)
    directory: Path | None = None
    unapplied: list[Decision] = field(default_factory=list)  # decisions that matched no record


def corpus_context(
    corpus: Path, max_bytes: int = DEFAULT_MAX_BYTES, embedder: Embedder | None = None
) -> IngestContext:
    if not corpus.is_dir():
        raise ArchiveError(f"{corpus}: no corpus folder here (expected corpus/articles/ with captures)")
    return IngestContext(
        corpus=corpus,
        aliases=load_aliases(corpus / "aliases.jsonl"),
        publishers=load_publishers(corpus / "publishers.toml"),
        max_bytes=max_bytes,
        decisions=load_decisions(corpus),
        embedder=embedder,
    )


def embedding_cache(index: Path) -> Path:
    """Embeddings outlive builds (they depend on text only), so they sit beside them."""
    return index / "cache" / "embeddings.sqlite"


def capture_files(corpus: Path) -> list[Path]:
    folder = corpus / "articles"
    if not folder.is_dir():
        raise ArchiveError(f"{folder}: missing (put article captures there)")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in CAPTURE_SUFFIXES)


def build(corpus: Path, index: Path, progress: Callable[[str, int, int], None] | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES) -> BuildReport:  # fmt: skip
    index.mkdir(parents=True, exist_ok=True)
    embedder = Embedder(embedding_cache(index))
    ctx = corpus_context(corpus, max_bytes, embedder)
    files = capture_files(corpus)
    report = BuildReport()
    results: list[IngestResult] = []
    for n, path in enumerate(files, start=1):
        if progress:
            progress(f"ingest {path.name}", n, len(files))
        try:
            results.append(ingest_file(path, ctx))
            report.warnings.extend(results[-1].warnings)
        except ArchiveError as exc:
            report.errors.append(str(exc))
    entities = [*ctx.aliases.entities, *learned_entities(results, ctx)]
    target = write_build(index, results, ctx.aliases, entities, embedder, progress)
    applied = {d for r in results for p in r.pairs for d in p.decisions}
    report.unapplied = [d for d in ctx.decisions if d.id not in applied]
    embedder.close()
    report.directory = target
    report.counts = {
        "articles": len(results),
        "figures": sum(len(r.figures) for r in results),
        "sources": sum(len(r.sources) for r in results),
        "renderings": sum(len(r.renderings) for r in results),
        "pairs": sum(len(r.pairs) for r in results),
    }
    return report


def write_build(index: Path, results: Iterable[IngestResult], aliases: AliasStore, entities: list[Entity],
                embedder: Embedder, progress: Callable[[str, int, int], None] | None = None,
                procs: int = 1) -> Path:  # fmt: skip
    """Write a new build from records in one streaming pass (records, search documents, and the
    texts of one-sided records for cross-language vectors), then switch `index/CURRENT` to it.

    `results` may be a generator: nothing but the one-sided texts is held for the whole pass, so
    a benchmark can build a million pairs in bounded memory.
    """
    index.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="build-", dir=index))
    try:
        # search reads the names the index was built with: the hand-kept store, then what ingest learned
        (target / "aliases.jsonl").write_text(
            "".join(e.model_dump_json(exclude_defaults=True) + "\n" for e in entities), encoding="utf-8"
        )
        protected = protected_words(name for e in entities for name in e.arabic_names)
        store = RecordWriter(target / "records.sqlite")
        writer = IndexWriter(target / "whoosh", protected, procs=procs)
        one_sided: list[tuple[str, str, str]] = []
        for n, result in enumerate(results, start=1):
            store.add(_records([result]))
            for doc in _documents([result], aliases):
                writer.add(doc)
            one_sided.extend(_one_sided([result]))
            if progress and n % 50 == 0:
                progress("index", n, 0)
        if progress:
            progress("merge index segments", 0, 0)
        writer.commit()
        store.close()
        if progress:
            progress("embed one-sided records", 0, 0)
        ids, kinds, texts = zip(*one_sided) if one_sided else ((), (), ())
        write_vectors(target, list(ids), list(kinds), embedder.embed(list(texts)))
        (target / FORMAT_FILE).write_text(f"{INDEX_FORMAT}\n")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    previous = current_build(index, required=False, any_format=True)
    _switch(index, target)
    if previous is not None and previous != target:
        shutil.rmtree(previous, ignore_errors=True)
    return target


def _switch(index: Path, target: Path) -> None:
    replace_file(index / CURRENT, f"{target.name}\n".encode())


def current_build(index: Path, required: bool = True, any_format: bool = False) -> Path | None:
    """The build `index/CURRENT` names. `any_format` for the build that replaces it: an index of
    an older version must not stop its own rebuild."""
    pointer = index / CURRENT
    if pointer.exists():
        folder = index / pointer.read_text().strip()
        if (folder / "records.sqlite").exists() and (folder / "whoosh").is_dir():
            fmt = folder / FORMAT_FILE
            if not any_format and (not fmt.exists() or fmt.read_text().strip() != str(INDEX_FORMAT)):
                raise ArchiveError(
                    f"the index at {index}/ was built by another version: run `archive build` again"
                )
            return folder
    if required:
        raise ArchiveError(f"no index at {index}/: run `archive build` first")
    return None


def learned_entities(results: list[IngestResult], ctx: IngestContext) -> list[Entity]:
    """Names the articles define that the alias store does not have, each with where it was found.
    Derived data: they live in the index, never in corpus/, and a hand-kept entry always wins."""
    out: list[Entity] = []
    known = ctx.aliases.with_extra([])
    for result in results:
        for name in result.names:
            where = f"{result.article.source_file}:{name.span.line}"
            if name.kind == "abbreviation" and name.short and name.long:
                if known.by_name(name.short) is not None:
                    continue
                base = known.by_name(name.long)
                entity = (base.model_copy(update={"abbr": name.short, "variants": []}) if base
                          else Entity(kind="organization", en=name.long, abbr=name.short))  # fmt: skip
            elif name.kind == "gloss" and name.translit and name.gloss:
                if known.by_name(name.translit) is not None and (not name.short or known.by_name(name.short)):
                    continue
                base = known.by_name(name.gloss)
                kind = base.kind if base else ("organization" if name.short else "term")
                entity = (base.model_copy(update={"translit": name.translit, "short": name.short, "variants": []})
                          if base else Entity(kind=kind, en=name.gloss, translit=name.translit, short=name.short))  # fmt: skip
            else:
                continue
            entity.found_in = where
            known.add(entity)
            out.append(entity)
    return out


def _one_sided(results: list[IngestResult]):
    """Records with only one side (statements and renderings without a pair)."""
    for r in results:
        paired = {x for p in r.pairs if p.status != "rejected" for x in (p.source, p.rendering)}
        for s in r.sources:
            if s.id not in paired and s.kind == "statement":
                yield s.id, "source", s.original
        for x in r.renderings:
            if x.id not in paired:
                yield x.id, "rendering", x.text


def _records(results: list[IngestResult]):
    for r in results:
        yield "article", r.article
        for kind, items in (
            ("figure", r.figures),
            ("source", r.sources),
            ("rendering", r.renderings),
            ("pair", r.pairs),
        ):
            for item in items:
                yield kind, item


def _documents(results: list[IngestResult], aliases: AliasStore):
    """One search document per pair, and one per source or rendering that has no pair."""
    for r in results:
        sources = {s.id: s for s in r.sources}
        renderings = {x.id: x for x in r.renderings}
        paired: set[str] = set()
        for pair in r.pairs:
            if pair.status == "rejected":
                continue  # kept as a record for the audit trail; its sides are searched on their own
            paired.update((pair.source, pair.rendering))
            source, rendering = sources[pair.source], renderings[pair.rendering]
            yield _doc(pair.id, "pair", r, source, rendering, aliases, pair.status)
        for source in r.sources:
            if source.id not in paired:
                yield _doc(source.id, "source", r, source, None, aliases, "unpaired")
        for rendering in r.renderings:
            if rendering.id not in paired:
                yield _doc(rendering.id, "rendering", r, None, rendering, aliases, "unpaired")


def _doc(doc_id, kind, result: IngestResult, source, rendering, aliases: AliasStore, status: str) -> dict:
    """A search document: the text of both sides, who spoke (with every name they go by, for
    speaker: and org: filters), and the facts filters and facets use. Unknown facts are left out."""
    figure_number = (source.figure if source else None) or (rendering.figure if rendering else None)
    figure = next((f for f in result.figures if f.number == figure_number), None)
    speaker = (rendering.speaker if rendering else None) or (figure.speaker if figure else None)
    entity = aliases.by_name(speaker) if speaker else None
    org = (rendering.speaker_org if rendering else None) or (figure.speaker_org if figure else None)
    if org is None and entity is not None:
        org = entity.org if entity.kind == "person" else entity.en
    org_entity = aliases.by_name(org) if org else None

    def names(name: str | None, known) -> list[str]:
        if not name:
            return []
        return known.latin_names + known.arabic_names if known else [name]

    date = (rendering.date if rendering else None) or (figure.date if figure else None)
    return {
        "id": doc_id,
        "kind": kind,
        "ar": source.original if source else "",
        "en": rendering.text if rendering else "",
        "who": " | ".join(dict.fromkeys(names(speaker, entity) + names(org, org_entity))),
        "org": " | ".join(dict.fromkeys(names(org, org_entity))),
        "article": result.article.id,
        "figure": str(figure_number) if figure_number is not None else None,
        "lang": " ".join(side for side, present in (("ar", source), ("en", rendering)) if present),
        "status": status,
        "date": int(date.strftime("%Y%m%d")) if date else None,
        "year": str(date.year) if date else None,
        "month": date.strftime("%Y%m") if date else None,
        "day": date.strftime("%Y%m%d") if date else None,
        "speaker_facet": entity.en if entity else speaker,
        "org_facet": org_entity.en if org_entity else org,
    }
