"""How records look in a terminal. Highlights are drawn on the original text, never a normal form,
and every quote is printed with where it comes from; an unknown fact is printed as "unknown"."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from archive.models import (
    Article,
    Figure,
    Highlight,
    IngestResult,
    Pair,
    Provenance,
    Rendering,
    SearchHit,
    SearchResult,
    SourceText,
)  # fmt: skip

UNKNOWN = "unknown"


def _marked(text: str, highlights: list[Highlight], aligned: list[Highlight] = ()) -> Text:
    """Matched words on yellow; on the other side of a pair, the clauses aligned with them underlined."""
    out = Text(text)
    for h in aligned:
        out.stylize("underline", h.start, h.end)
    for h in highlights:
        out.stylize("bold black on yellow", h.start, h.end)
    return out


def _provenance_line(p: Provenance) -> str:
    parts = [
        f"“{p.article_title or UNKNOWN}”",
        ", ".join(p.authors) or "authors unknown",
        str(p.article_date or "date unknown"),
        p.publisher or "publisher unknown",
    ]
    if p.figure is not None:
        parts.append(
            f"fig. {p.figure}"
            + (f": {p.figure_caption}" if p.figure_caption else " (caption missing in capture)")
        )
    lines = sorted({s.line for s in p.spans})
    where = f"{p.source_file}" + (f" line {', '.join(map(str, lines))}" if lines else "")
    parts.append(where)
    return " · ".join(parts)


def print_concordance(console: Console, result) -> None:
    from rich.table import Table

    if not result.lines:
        console.print(f"{result.term!r} does not occur in the archive", highlight=False)
        return
    table = Table("left", "term", "right", "other side", "where", show_lines=False)
    for line in result.lines:
        where = f"{line.provenance.article_id}" + (
            f" fig. {line.provenance.figure}" if line.provenance.figure else ""
        )
        other = (line.other[:70] + "…") if line.other and len(line.other) > 70 else (line.other or "—")
        table.add_row(line.left, Text(line.match, style="bold"), line.right, other, where)
    console.print(table)
    console.print("[bold]rendered as[/bold]")
    for text, count in result.renderings.items():
        console.print(Text(f"  ×{count}  ").append(Text(text)))


def print_cross_language(console: Console, hits: list[SearchHit]) -> None:
    if not hits:
        return
    console.print(
        "[magenta]cross-language: records with only the other language's side, by meaning[/magenta]"
    )
    for hit in hits:
        head = Text("   ").append(f"{hit.kind} {hit.id}", style="bold cyan")
        head.append(
            f"  similarity {hit.score:.2f}  {hit.speaker or 'speaker unknown'} · {hit.date or 'date unknown'}"
        )
        console.print(head)
        text = (
            hit.source.original.replace("\n", " ")
            if hit.source
            else hit.rendering.text
            if hit.rendering
            else ""
        )
        console.print(Text("   " + ("AR  " if hit.source else "EN  ") + text))
        console.print(f"   [dim]{_provenance_line(hit.provenance)}[/dim]", highlight=False)


def print_search(console: Console, result: SearchResult) -> None:
    for note in result.resolved:
        console.print(f"[dim]{note}[/dim]", highlight=False)
    if not result.hits:
        console.print(f"no hits for {result.query!r}", highlight=False)
        return
    first = (result.page - 1) * result.per_page
    about = "about " if result.total_is_estimate else ""
    console.print(f"[dim]{about}{result.total} match(es); showing {first + 1}-{first + len(result.hits)}, "
                  f"by {result.sort}[/dim]", highlight=False)  # fmt: skip
    for n, hit in enumerate(result.hits, start=first + 1):
        head = Text(f"{n}. ", style="bold")
        head.append(f"{hit.kind} {hit.id}", style="bold cyan")
        head.append(f"  {hit.speaker or 'speaker unknown'} · {hit.date or 'date unknown'}")
        if hit.cross_language:
            head.append("  [cross-language]", style="magenta")
        head.append(f"  matched in {', '.join(hit.matched_in)}", style="dim")
        if hit.pair:
            head.append(f"  confidence {hit.pair.confidence:.2f} ({hit.pair.status})", style="dim")
        console.print(head)
        if hit.source:
            console.print(
                Text("   AR  ").append(_marked(hit.source.original.replace("\n", " "), hit.source_highlights))
            )
        if hit.rendering:
            console.print(Text("   EN  ").append(_marked(hit.rendering.text, hit.rendering_highlights)))
        if hit.source and hit.source.ocr_suspect:
            console.print(
                "   [yellow]OCR suspect:[/yellow] " + "; ".join(hit.source.ocr_evidence), highlight=False
            )
        console.print(f"   [dim]{_provenance_line(hit.provenance)}[/dim]", highlight=False)
        if hit.provenance.source_url:
            console.print(f"   [dim]primary source: {hit.provenance.source_url}[/dim]", highlight=False)
    for name, counts in result.facets.items():
        if counts:
            shown = ", ".join(f"{k} ({v})" for k, v in list(counts.items())[:8])
            console.print(f"[bold]{name}[/bold]: {shown}", highlight=False)


def print_ingest(console: Console, result: IngestResult) -> None:
    a = result.article
    console.print(f"[bold]{a.title or 'title unknown'}[/bold]", highlight=False)
    console.print(f"{', '.join(a.authors) or 'authors unknown'} · {a.date or 'date unknown'} · "
                  f"{a.publisher or 'publisher unknown'} · {a.url or 'URL unknown'}", highlight=False)  # fmt: skip
    for f in result.figures:
        console.print(f"  fig. {f.number}: {f.caption or '(caption missing)'} · {f.speaker or 'speaker unknown'}"
                      f" · {f.date or 'date unknown'}", highlight=False)  # fmt: skip
    for s in result.sources:
        label = s.formula or s.kind
        console.print(f"  AR {s.id} [{label}] fig. {s.figure or '-'}: {s.original[:70]}", highlight=False)
    for r in result.renderings:
        who = r.speaker or (f"unnamed ({r.speaker_org})" if r.speaker_org else "speaker unknown")
        where = f" on {r.channel}" if r.channel else ""
        console.print(f"  EN {r.id} {who}{where}, {r.date or 'date unknown'}, "
                      f"fig. {r.figure or '-'}: {r.text[:70]}", highlight=False)  # fmt: skip
    for p in result.pairs:
        console.print(f"  pair {p.id}: {p.source} ↔ {p.rendering} ({p.confidence:.2f})", highlight=False)


def record_view(archive, record_id: str) -> dict:
    """A record, the records it joins, and the provenance of its text, as JSON-ready data."""
    kind, record = archive.show(record_id)
    view: dict = {"type": kind, "record": record.model_dump(mode="json")}
    store = archive.store
    if isinstance(record, Pair):
        source, rendering = store.get(record.source)[1], store.get(record.rendering)[1]
        view["source"], view["rendering"] = source.model_dump(mode="json"), rendering.model_dump(mode="json")
        spans = ([source.span] if source.span else []) + [s for f in rendering.fragments for s in f.spans]
        prov = store.provenance(source.article, source.figure or rendering.figure, spans)
    elif isinstance(record, SourceText):
        prov = store.provenance(record.article, record.figure, [record.span] if record.span else [])
    elif isinstance(record, Rendering):
        prov = store.provenance(record.article, record.figure, [s for f in record.fragments for s in f.spans])
    elif isinstance(record, Figure):
        prov = store.provenance(
            record.article, record.number, [record.caption_span] if record.caption_span else []
        )
    elif isinstance(record, Article):
        prov = store.provenance(record.id, None, [record.body] if record.body else [])
    else:  # pragma: no cover - every stored type is handled above
        raise TypeError(kind)
    view["provenance"] = prov.model_dump(mode="json")
    return view


def print_record(console: Console, view: dict) -> None:
    record = view["record"]
    console.print(f"[bold cyan]{view['type']} {record['id']}[/bold cyan]", highlight=False)
    if "source" in view:
        console.print(Text("AR  " + view["source"]["original"]))
        console.print(Text("EN  " + view["rendering"]["text"]))
    for link in record.get("alignment") or []:
        ar = " ".join(seg["text"] for seg in link["ar"])
        en = " ".join(seg["text"] for seg in link["en"])
        console.print(
            Text(f"  ≈ {link['similarity']:.2f}  ").append(Text(ar)).append("  →  ").append(Text(en))
        )
    for seg in record.get("omitted") or []:
        console.print(Text("  not rendered: ", style="yellow").append(Text(seg["text"])))
    for key, value in record.items():
        if key in ("id", "normalized", "fragments", "alignment", "omitted"):
            continue
        console.print(Text(f"  {key}: ").append(Text(str(UNKNOWN if value is None else value))))
    console.print("[bold]provenance[/bold]")
    prov = view["provenance"]
    for key, value in prov.items():
        if prov["figure"] is None and key in ("figure", "figure_caption", "source_url"):
            value = "none (not shown in a figure)"
        elif key == "figure_caption" and value is None:
            value = "missing in the capture"
        if key == "spans":
            value = "; ".join(
                f"chars {s['start']}-{s['end']} (lines {s['line']}-{s['end_line']})" for s in value
            )
        console.print(Text(f"  {key}: ").append(Text(str(UNKNOWN if value is None else value))))
