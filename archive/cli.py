"""The `archive` command: argument parsing and printing only; the work is in the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from pydantic import TypeAdapter
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from archive.errors import ArchiveError
from archive.ingest.capture import DEFAULT_MAX_BYTES
from archive.models import IngestResult, SearchResult

console = Console()
_CORPUS = click.option("--corpus", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True,
                       envvar="ARCHIVE_CORPUS", help="Folder of articles, aliases and decisions.")  # fmt: skip
_MAX_BYTES = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                          envvar="ARCHIVE_MAX_BYTES", help="Largest capture file read; larger ones are refused.")  # fmt: skip
_INDEX = click.option("--index", "index_dir", type=click.Path(path_type=Path), default=Path("index"),
                      show_default=True, envvar="ARCHIVE_INDEX", help="Folder of the built index.")  # fmt: skip


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class ArchiveGroup(click.Group):
    """Reports a user's mistake (`ArchiveError`) as one line on stderr with exit status 2, the same
    whether the command runs from the shell or from a test runner."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=ArchiveGroup)
@click.version_option(package_name="quote-archive")
def cli() -> None:
    """A bilingual Arabic–English archive of quoted statements, with provenance."""


@cli.command()
@_CORPUS
@_INDEX
@_MAX_BYTES
def build(corpus: Path, index_dir: Path, max_bytes: int) -> None:
    """Ingest every article in the corpus, pair, and rebuild the index from scratch."""
    from archive.build import build as run_build

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:  # fmt: skip
        task = progress.add_task("build", total=None)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total or None)

        result = run_build(corpus, index_dir, progress=report, max_bytes=max_bytes)
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for d in result.unapplied:
        click.echo(f"warning: decision {d.id} ({d.action} {d.source or ''} {d.rendering or ''}) matches no record; "
                   "it stays in corpus/reviews.jsonl", err=True)  # fmt: skip
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    click.echo(f"built {index_dir}/: {counts}")
    if result.errors:
        sys.exit(2)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@_CORPUS
@_MAX_BYTES
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
def ingest(file: Path, corpus: Path, max_bytes: int, as_json: bool) -> None:
    """Show what one article yields, without touching the index."""
    from archive.build import corpus_context
    from archive.ingest import ingest_file

    result = ingest_file(file, corpus_context(corpus, max_bytes))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        _print_json(result.model_dump(mode="json"))
        return
    from archive.display import print_ingest

    print_ingest(console, result)


@cli.command()
@click.argument("query")
@_INDEX
@click.option("--limit", default=10, show_default=True, help="Hits per page.")
@click.option("--page", default=1, show_default=True, help="Which page of hits.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option(
    "--facets", is_flag=True, help="Count the hits by speaker, organization, year, article and status."
)
@click.option(
    "--cross-language/--no-cross-language",
    default=True,
    show_default=True,
    help="Also list records with only the other language's side, by meaning.",
)
@click.option("--cross-first", is_flag=True, help="List cross-language hits before direct hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON (shape: archive schema).")
def search(
    query: str,
    index_dir: Path,
    limit: int,
    page: int,
    sort: str,
    facets: bool,
    cross_language: bool,
    cross_first: bool,
    as_json: bool,
) -> None:
    """Search in Arabic, English or romanized Arabic (the script is detected per word).

    Words are ANDed; "phrases", OR, NOT, prefix* and (groups) work; filters: speaker:, org:,
    figure:, article:, lang:ar|en, status:confirmed|suggested|unpaired, date:2021-07..2021-08.
    """
    from archive.display import print_cross_language, print_search
    from archive.search import Archive

    with Archive(index_dir) as archive:
        result = archive.search(query, limit=limit, page=page, sort=sort, facets=facets)
        if not as_json and not cross_first:
            print_search(console, result)  # direct hits first, before the embedding model loads
        cross = []
        if cross_language and page == 1:
            cross = archive.cross_language(query, limit=limit, exclude={h.id for h in result.hits})
    if as_json:
        data = result.model_dump(mode="json")
        data["cross_language_hits"] = [h.model_dump(mode="json") for h in cross]
        _print_json(data)
        return
    print_cross_language(console, cross)
    if cross_first:
        print_search(console, result)


@cli.command()
@click.argument("term")
@_INDEX
@click.option("--limit", default=500, show_default=True, help="Records to look through.")
@click.option("--json", "as_json", is_flag=True, help="Print the concordance as JSON.")
def concordance(term: str, index_dir: Path, limit: int, as_json: bool) -> None:
    """Every occurrence of an Arabic or English term in context, what renders it on the other
    side, and the renderings counted, so that inconsistent ones stand out."""
    from archive.concordance import concordance as run_concordance
    from archive.display import print_concordance
    from archive.search import Archive

    with Archive(index_dir) as archive:
        result = run_concordance(archive, term, limit=limit)
    if as_json:
        _print_json(result.model_dump(mode="json"))
        return
    print_concordance(console, result)


@cli.command()
@click.argument("record_id", metavar="ID")
@_INDEX
@click.option("--json", "as_json", is_flag=True, help="Print the record and its provenance as JSON.")
def show(record_id: str, index_dir: Path, as_json: bool) -> None:
    """One record (pair, source, rendering, figure or article) with its full provenance."""
    from archive.display import print_record, record_view
    from archive.search import Archive

    with Archive(index_dir) as archive:
        view = record_view(archive, record_id)
    if as_json:
        _print_json(view)
        return
    print_record(console, view)


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--style", default="chicago-note", show_default=True, metavar="STYLE",
              help="chicago-note, chicago-short, chicago-bib, apa, bibtex, biblatex, ris or csl-json.")  # fmt: skip
@_INDEX
def cite(record_id: str, style: str, index_dir: Path) -> None:
    """Cite an article, or a quote (pair, source or rendering) in the "quoted in" form.

    Only what the archive knows is written: an unknown URL, date or speaker is left out.
    """
    from archive.cite import STYLES, citable
    from archive.cite import cite as render_citation
    from archive.search import Archive

    if style not in STYLES:  # before opening the index: a typo needs no index to be told
        raise ArchiveError(f"unknown citation style {style!r}: use one of {', '.join(STYLES)}")
    with Archive(index_dir) as archive:
        click.echo(render_citation(citable(archive, record_id), style).rstrip("\n"))


@cli.command()
@click.argument("query", required=False)
@click.option("--format", "fmt", required=True, metavar="FORMAT",
              help="tmx, tbx, md, html, docx, csl-json or bibtex.")  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output)."
)
@_INDEX
def export(query: str | None, fmt: str, output: Path | None, index_dir: Path) -> None:
    """Export the quotes QUERY finds (all quotes without one) for CAT tools, reports or
    reference managers. The file is written whole or not at all."""
    from archive.export import BINARY, FORMATS, render, write_atomically
    from archive.search import Archive

    if fmt not in FORMATS:
        raise ArchiveError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt in BINARY and output is None:
        raise ArchiveError(f"--format {fmt} writes a file: give -o FILE")
    with Archive(index_dir) as archive:
        data = render(archive, fmt, query)
    if output is None:
        click.echo(data, nl=not str(data).endswith("\n"))
        return
    write_atomically(output, data)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("text")
@_CORPUS
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
def analyze(text: str, corpus: Path, as_json: bool) -> None:
    """Show how the archive reads TEXT: each word's span, search form and stem.

    Translators use it to see why a word did or did not match. Names in the alias store are
    protected: they lose attached particles but never a suffix.
    """
    from archive.analysis_view import analyze_text, print_analysis

    tokens = analyze_text(text, corpus)
    if as_json:
        _print_json(tokens)
        return
    print_analysis(console, text, tokens)


@cli.command()
@click.argument("ar_file", type=click.Path(path_type=Path))
@click.argument("en_file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the alignment as JSON.")
def align(ar_file: Path, en_file: Path, as_json: bool) -> None:
    """Align an Arabic text with an English one: which lines render which (one sentence or
    paragraph per line, in any order; lines without a counterpart are listed as unpaired)."""
    from archive.align_view import align_files, print_alignment

    result = align_files(ar_file, en_file)
    if as_json:
        _print_json(result)
        return
    print_alignment(console, result)


@cli.group(invoke_without_command=True)
@_CORPUS
@_INDEX
@click.option(
    "--who", envvar="ARCHIVE_REVIEWER", help="Your name in the decision record (default: login name)."
)
@click.pass_context
def review(ctx: click.Context, corpus: Path, index_dir: Path, who: str | None) -> None:
    """Review suggested pairs: without a subcommand, walk through them one by one.

    Decisions are appended to corpus/reviews.jsonl and win over suggestions on every rebuild.
    """
    ctx.obj = {"corpus": corpus, "index": index_dir, "who": who}
    if ctx.invoked_subcommand is None:
        from archive.review_view import interactive_review

        interactive_review(console, corpus, index_dir, who)


def _record(ctx: click.Context, action: str, **kwargs) -> None:
    from archive.review import record
    from archive.search import Archive

    # options given after the subcommand win over those given before it
    corpus = kwargs.pop("corpus", None) or ctx.obj["corpus"]
    index = kwargs.pop("index_dir", None) or ctx.obj["index"]
    who = kwargs.pop("who", None) or ctx.obj["who"]
    with Archive(index) as archive:
        decisions = record(corpus, archive.store, action, who=who, **kwargs)
    for d in decisions:
        click.echo(f"recorded {d.id}: {d.action} {d.source or ''} {d.rendering or ''}".rstrip())
    click.echo("run `archive build` to apply")


def _NOTE(f):  # noqa: N802 - reads like the other option decorators
    """--note, and the group's --corpus/--index/--who accepted after the subcommand as well."""
    f = click.option("--note", help="Why, in your words (kept with the decision).")(f)
    f = click.option("--who", default=None, help="Your name in the decision record.")(f)
    f = click.option(
        "--index",
        "index_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder of the built index.",
    )(f)
    return click.option("--corpus", type=click.Path(path_type=Path), default=None, help="Corpus folder.")(f)


@review.command("confirm")
@click.argument("pair")
@_NOTE
@click.pass_context
def review_confirm(ctx: click.Context, pair: str, note: str | None, **where) -> None:
    """Confirm a suggested pair: it is kept on every rebuild."""
    _record(ctx, "confirm", pair=pair, note=note, **where)


@review.command("reject")
@click.argument("pair")
@_NOTE
@click.pass_context
def review_reject(ctx: click.Context, pair: str, note: str | None, **where) -> None:
    """Reject a pair: it is never suggested again."""
    _record(ctx, "reject", pair=pair, note=note, **where)


@review.command("fix")
@click.argument("pair")
@click.option("--rendering", help="The English rendering that really renders this Arabic.")
@click.option("--source", help="The Arabic source that this English really renders.")
@click.option("--arabic", help="The part of the Arabic the rendering covers (copied exactly).")
@_NOTE
@click.pass_context
def review_fix(ctx: click.Context, pair: str, rendering: str | None, source: str | None, arabic: str | None,
               note: str | None, **where) -> None:  # fmt: skip
    """Fix a pair: attach another rendering or source, or narrow the Arabic it covers."""
    if arabic is not None:
        _record(ctx, "narrow", pair=pair, text=arabic, note=note, **where)
    else:
        _record(ctx, "fix", pair=pair, source=source, rendering=rendering, note=note, **where)


@review.command("pair")
@click.argument("source")
@click.argument("rendering")
@_NOTE
@click.pass_context
def review_pair(ctx: click.Context, source: str, rendering: str, note: str | None, **where) -> None:
    """Pair an Arabic source with an English rendering by hand."""
    _record(ctx, "pair", source=source, rendering=rendering, note=note, **where)


@review.command("attach-arabic")
@click.argument("rendering")
@click.argument("text")
@_NOTE
@click.pass_context
def review_attach_arabic(ctx: click.Context, rendering: str, text: str, note: str | None, **where) -> None:
    """Give a rendering its Arabic original (for example typed from the figure image)."""
    _record(ctx, "attach-arabic", rendering=rendering, text=text, note=note, **where)


@review.command("attach-english")
@click.argument("source")
@click.argument("text")
@_NOTE
@click.pass_context
def review_attach_english(ctx: click.Context, source: str, text: str, note: str | None, **where) -> None:
    """Give an Arabic source an English rendering (your own translation)."""
    _record(ctx, "attach-english", source=source, text=text, note=note, **where)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the records (`ingest --json`) and of search results."""
    _print_json(
        {
            "ingest": TypeAdapter(IngestResult).json_schema(),
            "search": TypeAdapter(SearchResult).json_schema(),
        }
    )


def main() -> None:
    cli.main(prog_name="archive")
