"""Ingest: one article capture in, the archive's records out.

Stages, each in its own module: `capture` (bytes checked, markup stripped, offsets kept), `layout`
(header, body, chrome, metadata), `figures` (captions, URLs, Arabic blocks), `quotes` (paragraphs
rejoined, renderings attributed). This module gives the records their stable ids.

Ids are derived from content and position, never from build order, so a rebuild gives every record
the same id and a translator's decision stays attached to the same pair:
- article: the capture's file name without extension (the corpus's own name for it);
- source / rendering: a hash of article, figure, point and normalized text, with a counter for a
  text that occurs twice (the basmala often does);
- figure: article and number.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

from archive.aliases import AliasStore
from archive.align import suggest_pairs
from archive.arabic import normalize
from archive.embed import Embedder
from archive.errors import ArchiveError
from archive.ingest import figures as fig_mod
from archive.ingest import notes as notes_mod
from archive.ingest import quotes as quote_mod
from archive.ingest.blocks import blocks_of
from archive.ingest.capture import DEFAULT_MAX_BYTES, read_capture
from archive.ingest.dates import find_relative_days, numeric_order
from archive.ingest.html import html_blocks
from archive.ingest.layout import (
    Publisher,
    analyse,
    entry_days,
    find_publisher,
    link_urls,
    load_sidecar,
    spells_out,
)  # fmt: skip
from archive.ingest.markdown import front_matter
from archive.ingest.names import find_names
from archive.ingest.speakers import learn_people, learn_spellings
from archive.models import Article, Decision, Figure, Fragment, IngestResult, Rendering, Repair, SourceText
from archive.review import apply_decisions

CAPTURE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SIDECAR_SUFFIX = ".meta.toml"


@dataclass(frozen=True, slots=True)
class IngestContext:
    """What ingest needs from the corpus besides the capture itself."""

    corpus: Path
    aliases: AliasStore
    publishers: list[Publisher]
    max_bytes: int = DEFAULT_MAX_BYTES
    decisions: list[Decision] = field(default_factory=list)  # translators', from corpus/reviews.jsonl
    embedder: Embedder | None = None  # for the similarity evidence; None leaves it out


def article_id_for(path: Path) -> str:
    return regex.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "article"


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]


def ingest_file(path: Path, ctx: IngestContext) -> IngestResult:
    """Read one capture into records, apply the translators' decisions about them, suggest pairs."""
    if path.suffix.lower() not in CAPTURE_SUFFIXES:
        raise ArchiveError(
            f"{path}: not a capture this archive reads (expected {', '.join(CAPTURE_SUFFIXES)})"
        )
    capture = read_capture(path, ctx.max_bytes)
    sidecar = load_sidecar(path.with_name(path.stem + SIDECAR_SUFFIX))
    cells: dict = {}  # an HTML page's table cells: a table of statements is read row by row
    damage: list[str] = []  # what the file's own damage hides, said with the warnings
    if capture.is_html:
        blocks, hints = html_blocks(capture)
        layout = hints.layout if hints.layout is not None else analyse(blocks, hints)
        cells = hints.cells
        damage = [
            f"{path}: line {capture.lines.line_of(at)}: a '<!' comment or declaration is never closed;"
            " it is read as no text up to its next '>' (a browser hides the rest of the page)"
            for at in hints.unclosed_comments
        ]
    else:
        blocks = blocks_of(capture)
        layout = analyse(blocks)
        matter = front_matter(capture.text)
        if matter is not None and matter.problem:
            damage.append(f"{path}: {matter.problem}")
        elif matter is not None:
            _merge_front_matter(layout.header, matter.meta)
    header = layout.header
    article_id = article_id_for(path)
    try:
        source_file = str(path.resolve().relative_to(ctx.corpus.resolve()))
    except ValueError:
        source_file = str(path)

    urls = [u for b in blocks for u in link_urls(b)]
    facts = {
        "title": header.get("title"),
        "authors": header.get("authors") or [],
        "date": header.get("date"),
        "publisher": header.get("publisher") or find_publisher(ctx.publishers, capture.text, urls),
        "series": header.get("series"),
        "kind": header.get("kind"),
        "url": header.get("url"),
        "accessed": header.get("accessed"),
        "topics": header.get("topics") or [],
        "regions": header.get("regions") or [],
    }
    body_text = quote_mod.read_body(layout)
    overridden = sorted(k for k, v in sidecar.model_dump(exclude_none=True).items() if k in facts)
    facts.update(sidecar.model_dump(exclude_none=True))
    body = None
    if layout.body_start is not None and layout.body_end is not None:
        first, last = blocks[layout.body_start].lines[0], blocks[layout.body_end].lines[-1]
        body = capture.lines.span(first.content_span[0], last.content_span[1])
    article = Article(
        id=article_id, source_file=source_file, sha256=capture.sha256, body=body,
        facts_from_sidecar=overridden, headings=[h.text.text for h in body_text.headings],
        also_available_in=header.get("also_available_in") or [], **facts,
    )  # fmt: skip

    paragraphs = body_text.paragraphs
    found_names = find_names(paragraphs, capture.lines, ctx.aliases)
    local = [f.entity for f in found_names if f.entity is not None]
    aliases = ctx.aliases.with_extra(local)
    # people the article introduces ("Ali al-Husseini, KH's security official"), with the short
    # forms it refers back to them by; local to this article, never added to the alias store
    texts = [quote_mod.fold_hyphens(p.text.text) for p in paragraphs]  # names as they are matched
    aliases = aliases.with_extra(learn_spellings(texts, aliases))
    aliases = aliases.with_extra(learn_people(texts, aliases))
    drafts_fig = fig_mod.find_figures(layout, capture.lines, aliases, article.date)
    drafts_src = fig_mod.find_sources(layout, capture.text, verbatim=not capture.is_html, lines=capture.lines)
    drafts_src.extend(fig_mod.inline_sources(body_text.paragraphs, capture.lines))
    originals = {i for i, kind in enumerate(layout.kinds) if kind == "arabic"}
    day_first = numeric_order("\n".join(b.text for b in blocks))
    drafts_ren = quote_mod.find_renderings(
        paragraphs, aliases, article.date, entry_days(layout, blocks), originals, day_first
    )

    drafts_ren.extend(quote_mod.labelled_translations(layout, paragraphs, aliases, {id(d.paragraph) for d in drafts_ren}))
    if cells:
        taken = {b for d in drafts_ren for b in d.paragraph.blocks}
        drafts_ren.extend(quote_mod.table_statements(blocks, cells, aliases, taken, day_first))
    notes_mod.occasions_from_notes(drafts_ren, layout, lambda t: quote_mod.channel_of(t, aliases))
    fig_mod.figures_beside(drafts_ren, drafts_fig, drafts_src, layout, aliases)
    fig_mod.speakers_from_captions(drafts_ren, drafts_fig, aliases)
    for d in drafts_ren:  # "a lawmaker we spoke with": the page's own interview, its publisher the channel
        told = d.told_author or (d.parent is not None and d.parent.told_author)
        if told and d.channel is None and article.publisher:
            d.channel = article.publisher
        elif d.channel and article.publisher and spells_out(d.channel, article.publisher):
            d.channel = article.publisher  # "told SNA correspondent": the Shiraz News Agency, by its name
    sources = _sources(article_id, drafts_src, capture)
    renderings = _renderings(article_id, drafts_ren, capture, aliases)
    figures = _figures(article_id, drafts_fig, renderings, sources, aliases, paragraphs)
    for rendering in renderings:  # a rendering's date, when the prose gives none, is its figure's
        if rendering.date is None and rendering.figure is not None:
            rendering.date = next((f.date for f in figures if f.number == rendering.figure), None)
    result = IngestResult(
        article=article, figures=figures, sources=sources, renderings=renderings, pairs=[],
        names=[f.finding for f in found_names], repairs=_repairs(body_text, blocks, capture.lines),
        warnings=damage + _warnings(path, article, paragraphs, renderings, capture.lines, drafts_fig),
    )  # fmt: skip
    applied = apply_decisions(ctx.decisions, result.sources, result.renderings)
    result.sources.extend(applied.sources)
    result.renderings.extend(applied.renderings)
    result.pairs = suggest_pairs(
        result, aliases, ctx.embedder, list(applied.fixed.values()), applied.rejected
    )
    return result


def _sources(article_id: str, drafts: list[fig_mod.SourceDraft], capture) -> list[SourceText]:
    seen: Counter[tuple] = Counter()
    out = []
    for d in drafts:
        original = d.text
        norm = normalize(original)
        key = (d.figure, d.point, norm)
        seen[key] += 1
        out.append(
            SourceText(
                id="ar-" + short_hash(article_id, d.figure, d.point, norm, seen[key]),
                article=article_id,
                figure=d.figure,
                point=d.point,
                kind=d.kind,  # type: ignore[arg-type]
                formula=d.formula,
                original=original,
                normalized=norm,
                # an HTML page's runs end after a closing entity (&#1606;); a text capture's span is exact
                span=capture.lines.span(d.runs[0][0], d.runs[-1][1]) if d.runs else capture.lines.span(d.start, d.end),
                spans=[capture.lines.span(a, b) for a, b in d.runs] if len(d.runs) > 1 else [],
                ocr_suspect=bool(d.ocr_evidence),
                ocr_evidence=d.ocr_evidence,
            )  # fmt: skip
        )
    return out


def _renderings(
    article_id: str, drafts: list[quote_mod.RenderingDraft], capture, aliases: AliasStore
) -> list[Rendering]:
    seen: Counter[tuple] = Counter()
    out = []
    ids: dict[int, str] = {}
    for d in drafts:
        texts = quote_mod.rendering_texts(d)
        fragments = [
            Fragment(text=t, spans=d.paragraph.text.spans(capture.lines, a, b))
            for t, (a, b) in zip(texts, d.fragments)
        ]
        joined = " … ".join(texts)
        key = (d.figure, joined)
        seen[key] += 1
        org = d.speaker_org
        ids[id(d)] = "en-" + short_hash(article_id, d.figure, joined, seen[key])
        out.append(
            Rendering(
                id=ids[id(d)],
                article=article_id,
                text=joined,
                fragments=fragments,
                speaker=d.speaker_name,
                speaker_org=org,
                date=d.date,
                figure=d.figure,
                cue=d.cue,
                channel=d.channel,
                continues=ids.get(id(d.parent)) if d.parent is not None else None,
                editorial_insertions=quote_mod.insertions(texts),
                has_ellipsis=quote_mod.has_ellipsis(texts),
            )  # fmt: skip
        )
    return out


def _figures(article_id, drafts, renderings, sources, aliases: AliasStore, paragraphs) -> list[Figure]:
    out = []
    quoted: dict[int, list[Rendering]] = defaultdict(list)
    for r in renderings:
        quoted[r.figure].append(r)
    with_sources = {s.figure for s in sources}
    mentioning = _sentences_mentioning(paragraphs)
    for number, d in drafts.items():
        speakers = {r.speaker for r in quoted[number] if r.speaker}
        dates = {r.date for r in quoted[number] if r.date}
        speaker = speakers.pop() if len(speakers) == 1 else d.caption_speaker
        date = d.date or (dates.pop() if len(dates) == 1 else None)
        entity = aliases.by_name(speaker) if speaker else None
        org = entity.org if entity is not None and entity.kind == "person" else None
        says = bool(quoted[number]) or number in with_sources
        statement = says or bool(d.caption and fig_mod.STATEMENT_CAPTION_RE.search(d.caption))
        out.append(
            Figure(
                id=f"{article_id}/fig{number}",
                article=article_id,
                number=number,
                caption=d.caption,
                caption_span=d.caption_span,
                date=date,
                date_end=d.date_end,
                speaker=speaker,
                speaker_org=org,
                kind="statement" if statement else "other",
                image_url=d.image_url,
                source_url=d.source_url,
                mentions=d.mentions,
                described_as=None if d.caption else mentioning.get(number),
            )  # fmt: skip
        )
    return out


TITLE_LIMIT = 300


def _merge_front_matter(header: dict[str, object], meta: dict[str, object]) -> None:
    """A clipper's front matter, as an HTML page's meta tags: its URL, date and when the page was
    saved win; the page's own headline and byline win over its title (which often carries the
    site's name) and its authors (Obsidian writes "[[Name]]", or the site)."""
    for key in ("url", "date", "accessed"):
        if meta.get(key):
            header[key] = meta[key]
    for key in ("title", "authors", "publisher"):
        if meta.get(key) and not header.get(key):
            header[key] = meta[key]


def _warnings(path: Path, article: Article, paragraphs, renderings: list[Rendering], lines, figures) -> list[str]:
    """What a reader of this capture would notice ingest got wrong: said, never silent."""
    out = []
    if not article.title:
        out.append(f"{path}: no title found: the page's header was not recognised (give the title in a .meta.toml sidecar)")
    elif len(article.title) > TITLE_LIMIT:
        out.append(
            f"{path}: the title is {len(article.title):,} characters: the page's header was not found"
            " (give the title in a .meta.toml sidecar)"
        )
    if not paragraphs:
        out.append(f"{path}: no body paragraphs found: nothing of the article was read")
    elif not renderings:
        cued = quote_mod.cued_quotations(paragraphs)
        if cued:
            out.append(
                f"{path}: {cued} quotation(s) follow speech verbs but none was read as a quote"
                " (speaker or cue not understood)"
            )
    if article.date is None:
        relative = sum(1 for p in paragraphs if find_relative_days(p.text.text))
        if relative:
            out.append(
                f"{path}: no article date found, so 'on Tuesday', 'yesterday' and the like in {relative}"
                " paragraph(s) are left undated (give the date in a .meta.toml sidecar)"
            )
    for number, fig in figures.items():
        if fig.cited > fig_mod.MAX_CITATIONS:
            out.append(
                f"{path}: Figure {number} is cited {fig.cited:,} times; the places of the first"
                f" {fig_mod.MAX_CITATIONS} are kept"
            )
    total = quote_mod.quotations_beyond_limit(paragraphs)
    if total is not None:
        out.append(
            f"{path}: the body holds {total:,} quotations; reading stopped after the paragraph that holds"
            f" the {quote_mod.MAX_QUOTES_PER_CAPTURE:,}th"
        )
    for paragraph, count in quote_mod.crowded_paragraphs(paragraphs):
        line = paragraph.text.spans(lines, 0, 1)[0].line if paragraph.text.text else "?"
        out.append(
            f"{path}: the paragraph at line {line} holds {count:,} quotations; only the first"
            f" {quote_mod.MAX_QUOTES_PER_PARAGRAPH} were read as quotes"
        )
    return out


_FIGURE_MENTION_RE = regex.compile(r"\(?\s*Fig(?:ure|\.)?\s*(\d{1,4})\b")


def _sentences_mentioning(paragraphs) -> dict[int, str]:
    """The sentence that first mentions each figure number, found in one pass over the body (an
    article with thousands of figure references must not be read once per figure)."""
    out: dict[int, str] = {}
    for paragraph in paragraphs:
        text = paragraph.text.text
        for m in _FIGURE_MENTION_RE.finditer(text):
            number = int(m.group(1))
            if number in out:
                continue
            start = max(text.rfind(". ", 0, m.start()) + 2, 0)
            end = text.find(". ", m.end())
            out[number] = text[start : end + 1 if end != -1 else len(text)].strip()
    return out


def _repairs(body, blocks, lines) -> list[Repair]:
    out = [
        Repair(
            kind="rejoined",
            spans=[s for i in p.blocks for s in blocks[i].mapped().spans(lines)],
            text=p.text.text,
        )
        for p in body.paragraphs
        if len(p.blocks) > 1
    ]
    out.extend(
        Repair(kind="duplicate", spans=blocks[i].mapped().spans(lines), text=blocks[i].text)
        for i in body.duplicates
    )
    out.extend(  # "politi-" / "cal": one word from two lines, each half at its place in the file
        Repair(kind="dehyphenated", spans=p.text.spans(lines, a, b), text=p.text.text[a:b])
        for p in body.paragraphs
        for a, b in p.broken_words
    )
    return out
